package evidence_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardhq/ward/evidence"
)

func TestParseSARIFTools(t *testing.T) {
	t.Parallel()
	type run struct {
		tool, version string
		severities    map[string]int
	}
	tests := []struct {
		file    string
		runs    []run
		results map[[2]int]evidence.SARIFResult // by run and result index
	}{
		{
			file: "gosec.sarif",
			runs: []run{{"gosec", "2.21.4", map[string]int{"high": 2, "medium": 1, "low": 1}}},
			results: map[[2]int]evidence.SARIFResult{
				{0, 0}: {
					RuleID: "G101", Level: "error", Severity: "high", Message: "Potential hardcoded credentials",
					File: "internal/pump/service.go", Line: 27, Tags: []string{"HIGH", "security"},
					Texts: []string{"G101", "Use of Hard-coded Credentials", "HIGH", "security", "Potential hardcoded credentials"},
				},
				// #nosec: an in-source suppression without a status.
				{0, 1}: {
					RuleID: "G402", Level: "error", Severity: "high", Message: "TLS InsecureSkipVerify set true.",
					File: "internal/hl7/client.go", Line: 54, Tags: []string{"HIGH", "security"},
					Texts:      []string{"G402", "Improper Certificate Validation", "HIGH", "security", "TLS InsecureSkipVerify set true."},
					Suppressed: true,
				},
				{0, 3}: {
					RuleID: "G104", Level: "note", Severity: "low", Message: "Errors unhandled",
					File: "cmd/pumpd/main.go", Line: 112, Tags: []string{"LOW", "security"},
					Texts: []string{"G104", "Improper Check or Handling of Exceptional Conditions", "LOW", "security", "Errors unhandled"},
				},
			},
		},
		{
			// Rules found by ruleId alone; level from the rule's default.
			file: "semgrep.sarif",
			runs: []run{{"Semgrep OSS", "1.95.0", map[string]int{"high": 2, "medium": 1}}},
			results: map[[2]int]evidence.SARIFResult{
				{0, 1}: {
					RuleID: "python.lang.security.insecure-hash-algorithms-md5.insecure-hash-algorithm-md5", Level: "warning", Severity: "medium",
					Message: "Detected MD5 hash algorithm which is considered insecure. MD5 is not collision resistant and is therefore not suitable as a cryptographic signature. Use SHA256 or SHA3 instead.",
					File:    "gateway/app/auth.py", Line: 17,
					Tags: []string{"CWE-327: Use of a Broken or Risky Cryptographic Algorithm", "MEDIUM CONFIDENCE", "OWASP-A02:2021 - Cryptographic Failures", "OWASP-A03:2017 - Sensitive Data Exposure", "security"},
					Texts: []string{
						"python.lang.security.insecure-hash-algorithms-md5.insecure-hash-algorithm-md5",
						"CWE-327: Use of a Broken or Risky Cryptographic Algorithm", "MEDIUM CONFIDENCE", "OWASP-A02:2021 - Cryptographic Failures", "OWASP-A03:2017 - Sensitive Data Exposure", "security",
						"Detected MD5 hash algorithm which is considered insecure. MD5 is not collision resistant and is therefore not suitable as a cryptographic signature. Use SHA256 or SHA3 instead.",
					},
				},
				{0, 2}: {
					RuleID: "ward-example.pump.unchecked-infusion-rate", Level: "error", Severity: "high",
					Message: "Infusion rate from the request reaches the pump without the limit check that REQ-012 requires.",
					File:    "gateway/app/pump_api.py", Line: 63, Tags: []string{"THR-004", "security"},
					Texts: []string{"ward-example.pump.unchecked-infusion-rate", "THR-004", "security", "Infusion rate from the request reaches the pump without the limit check that REQ-012 requires."},
				},
			},
		},
		{
			// CodeQL 2.x: rules in tool.extensions, referenced through
			// rule.toolComponent; scores in security-severity.
			file: "codeql.sarif",
			runs: []run{{"CodeQL", "2.19.3", map[string]int{"critical": 1, "high": 2, "medium": 1}}},
			results: map[[2]int]evidence.SARIFResult{
				{0, 1}: {
					RuleID: "go/request-forgery", Level: "error", Severity: "critical", Score: 9.1,
					Message: "The [URL](1) of this request depends on a [user-provided value](2).",
					File:    "internal/hl7/fetch.go", Line: 31, Tags: []string{"external/cwe/cwe-918", "security"},
					Texts: []string{"go/request-forgery", "external/cwe/cwe-918", "security", "The [URL](1) of this request depends on a [user-provided value](2)."},
				},
				// A warning whose score makes it high.
				{0, 2}: {
					RuleID: "go/disabled-certificate-check", Level: "warning", Severity: "high", Score: 7.5,
					Message: "InsecureSkipVerify should not be used in production code.",
					File:    "internal/hl7/client.go", Line: 54, Tags: []string{"external/cwe/cwe-295", "security"},
					Texts: []string{"go/disabled-certificate-check", "external/cwe/cwe-295", "security", "InsecureSkipVerify should not be used in production code."},
				},
			},
		},
		{
			file: "codeql-lgtm.sarif",
			runs: []run{
				{"LGTM.com", "1.24.0-SNAPSHOT", map[string]int{"low": 1}},
				{"CodeQL command-line toolchain", "2.0.0", map[string]int{"low": 2}},
			},
			results: map[[2]int]evidence.SARIFResult{
				{1, 1}: {
					RuleID: "js/inconsistent-use-of-new", Level: "note", Severity: "low",
					Message: "Function resolvingPromise is sometimes invoked as a constructor (for example [here](1)), and sometimes as a normal function (for example [here](2)).",
					File:    "src/promiseUtils.js", Line: 2, Tags: []string{"correctness", "language-features", "reliability"},
					Texts: []string{"js/inconsistent-use-of-new", "correctness", "language-features", "reliability", "Function resolvingPromise is sometimes invoked as a constructor (for example [here](1)), and sometimes as a normal function (for example [here](2))."},
				},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			runs, err := evidence.ParseSARIF(open(t, tc.file), tc.file, evidence.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(runs) != len(tc.runs) {
				t.Fatalf("%d runs, want %d", len(runs), len(tc.runs))
			}
			for i, want := range tc.runs {
				got := runs[i]
				sev := statusCounts(got.Results, func(r evidence.SARIFResult) string { return r.Severity })
				if got.ToolName != want.tool || got.ToolVersion != want.version || !cmp.Equal(sev, want.severities) {
					t.Errorf("run %d: %q %q %v, want %q %q %v", i, got.ToolName, got.ToolVersion, sev, want.tool, want.version, want.severities)
				}
			}
			for at, want := range tc.results {
				if diff := cmp.Diff(want, runs[at[0]].Results[at[1]]); diff != "" {
					t.Errorf("run %d result %d (-want +got):\n%s", at[0], at[1], diff)
				}
			}
		})
	}
}

// TestParseSARIFRules covers how a result takes level, score, message and
// file from its rule and run.
func TestParseSARIFRules(t *testing.T) {
	t.Parallel()
	const log = `{"version": "2.1.0", "runs": [{
  "tool": {
    "driver": {"name": "scanner", "version": "3.1", "rules": [
      {"id": "R1", "name": "TaintedDose", "defaultConfiguration": {"level": "error"},
       "messageStrings": {"default": {"text": "Dose from {0} reaches {1} unchecked."}},
       "properties": {"security-severity": 6.1, "tags": ["REQ-012", "b"]}},
      {"id": "R2", "shortDescription": {"text": "Weak hash"}}
    ]},
    "extensions": [{"name": "pack", "rules": [{"id": "X1", "properties": {"security-severity": "3.0"}}]}]
  },
  "artifacts": [{"location": {"uri": "a.go"}}],
  "results": [
    {"ruleId": "R1", "message": {"id": "default", "arguments": ["the form", "the pump"]},
     "properties": {"tags": ["a", "b"], "security-severity": "9.8"},
     "locations": [{"physicalLocation": {"artifactLocation": {"index": 0}, "region": {"startLine": 4}}}]},
    {"ruleIndex": 1, "message": {}, "suppressions": [{"status": "rejected"}, {"status": "underReview"}]},
    {"ruleId": "R2", "kind": "pass", "message": {"text": "Braces {{0}} stay: {0}", "arguments": ["x"]}, "suppressions": [{"status": "accepted"}]},
    {"rule": {"id": "X1", "toolComponent": {"name": "pack"}}, "message": {"text": "ext"}},
    {"ruleId": "UNLISTED", "level": "none", "message": {"text": "no rule"}}
  ]
}]}`
	runs, err := evidence.ParseSARIF(strings.NewReader(log), "r.sarif", evidence.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []evidence.SARIFResult{
		{
			RuleID: "R1", Level: "error", Severity: "critical", Score: 9.8, Message: "Dose from the form reaches the pump unchecked.",
			File: "a.go", Line: 4, Tags: []string{"REQ-012", "a", "b"},
			Texts: []string{"R1", "TaintedDose", "REQ-012", "a", "b", "Dose from the form reaches the pump unchecked."},
		},
		{RuleID: "R2", Level: "warning", Severity: "medium", Message: "Weak hash", Texts: []string{"R2", "Weak hash"}},
		{RuleID: "R2", Level: "none", Severity: "info", Message: "Braces {0} stay: x", Texts: []string{"R2", "Braces {0} stay: x"}, Suppressed: true},
		{RuleID: "X1", Level: "warning", Severity: "low", Score: 3, Message: "ext", Texts: []string{"X1", "ext"}},
		{RuleID: "UNLISTED", Level: "none", Severity: "info", Message: "no rule", Texts: []string{"UNLISTED", "no rule"}},
	}
	if diff := cmp.Diff(want, runs[0].Results, cmp.Transformer("nilEmpty", func(s []string) []string {
		if len(s) == 0 {
			return nil
		}
		return s
	})); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

func TestParseSARIFErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, json string
		lim        evidence.Limits
		want       string
	}{
		{"empty", "", evidence.Limits{}, "report.sarif: empty file: not a SARIF log"},
		{"XML", `<testsuites/>`, evidence.Limits{}, "report.sarif: not a SARIF log: the file is XML (want a SARIF 2.1.0 JSON log; JUnit XML reports are imported as such)"},
		{"array", `[1]`, evidence.Limits{}, `report.sarif: not a SARIF log: the file is not a JSON object (want a SARIF 2.1.0 JSON log with "version" and "runs")`},
		{"other JSON", `{"bomFormat": "CycloneDX"}`, evidence.Limits{}, `report.sarif: not a SARIF log: no "version" and no "runs" (want a SARIF 2.1.0 log as gosec, Semgrep or CodeQL write it)`},
		{"syntax", "{\"version\": \"2.1.0\",\n \"runs\": [}", evidence.Limits{}, "report.sarif:2:11: JSON syntax error: invalid character '}' looking for beginning of value"},
		{"old version", "{\"version\": \"1.0.0\", \"runs\": []}", evidence.Limits{}, `report.sarif:1:13: $.version: SARIF version "1.0.0" is not supported (want 2.1.0; convert older logs with the SARIF multitool)`},
		{"type", "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}},\n  \"results\": [{}, {\"ruleIndex\": \"3\"}]}]}", evidence.Limits{},
			"report.sarif:2:33: $.runs[0].results[1].ruleIndex: expected a number, found JSON string"},
		{
			name: "bad values, all reported",
			json: `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [
  {"id": "A", "defaultConfiguration": {"level": "severe"}, "properties": {"security-severity": "high"}}]}},
 "results": [
  {"ruleId": "A", "message": {"text": "m"}},
  {"ruleId": "A", "level": "fatal", "message": {"text": "m"}},
  {"ruleIndex": 4, "message": {"text": "m"}},
  {"ruleId": "A", "kind": "bad", "suppressions": [{"status": "maybe"}], "properties": {"tags": "x", "security-severity": "11"}}
]}]}`,
			want: `report.sarif:2:49: $.runs[0].tool.driver.rules[0].defaultConfiguration.level: "severe" is not a SARIF level (want error, warning, note or none)
report.sarif:2:96: $.runs[0].tool.driver.rules[0].properties.security-severity: "high" is not a security-severity score (want a number from 0.0 to 10.0, e.g. "7.5")
report.sarif:5:28: $.runs[0].results[1].level: "fatal" is not a SARIF level (want error, warning, note or none)
report.sarif:6:17: $.runs[0].results[2].ruleIndex: rule index 4 is out of range: "x" has 1 rules
report.sarif:7:27: $.runs[0].results[3].kind: "bad" is not a SARIF result kind (want notApplicable, pass, fail, review, open or informational)
report.sarif:7:62: $.runs[0].results[3].suppressions[0].status: "maybe" is not a suppression status (want accepted, underReview or rejected)
report.sarif:7:96: $.runs[0].results[3].properties.tags: tags must be an array of strings
report.sarif:7:122: $.runs[0].results[3].properties.security-severity: "11" is not a security-severity score (want a number from 0.0 to 10.0, e.g. "7.5")`,
		},
		{"no driver", "{\"version\": \"2.1.0\", \"runs\": [\n {\"results\": []}]}", evidence.Limits{},
			"report.sarif:2:2: $.runs[0]: run has no tool.driver (SARIF names the analysis tool in runs[].tool.driver)"},
		{"extension index", "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"CodeQL\"}}, \"results\": [\n {\"ruleId\": \"a\", \"rule\": {\"toolComponent\": {\"index\": 2}}}]}]}", evidence.Limits{},
			"report.sarif:2:54: $.runs[0].results[0].rule.toolComponent.index: tool component index 2 is out of range: the run has 0 tool.extensions"},
		{"too many results", "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, \"results\": [\n{}, {},\n{}]}]}", evidence.Limits{MaxCases: 2},
			"report.sarif:3:1: $.runs[0].results[2]: more than 2 results (raise Limits.MaxCases if the file is genuine)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := evidence.ParseSARIF(strings.NewReader(tc.json), "report.sarif", tc.lim)
			wantInvalid(t, err, tc.want)
		})
	}
}
