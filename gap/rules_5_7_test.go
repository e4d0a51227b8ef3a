package gap

import (
	"testing"

	"github.com/wardhq/ward"
)

// checkDay is the day every case is evaluated for.
var checkDay = ward.MustDate("2026-11-26")

// evalCheck runs the registered check of one rule on sf.
func evalCheck(t *testing.T, rule string, sf *ward.SecurityFile, sboms []LoadedSBOM) RuleResult {
	t.Helper()
	f, ok := checks[rule]
	if !ok {
		t.Fatalf("no check registered for %s", rule)
	}
	in := NewInput(sf, checkDay, sboms, "")
	var c Check
	f(in, &c)
	return c.result(&RuleInfo{ID: rule})
}

func pbool(b bool) *bool { return &b }

// valid57 returns a security file that passes every rule of 5.7, changed
// by the mutators: a release 2.0.0 with requirement, threat-mitigation,
// vulnerability and penetration tests by people independent of the author.
func valid57(muts ...func(*ward.SecurityFile)) *ward.SecurityFile {
	tool := func(name string) *ward.Tool { return &ward.Tool{Name: name, Version: "1.2.3", Config: name + ".yaml"} }
	test := func(id string, kind ward.TestKind, verifies ...string) *ward.Test {
		return &ward.Test{ID: id, Title: id, Kind: kind, Verifies: verifies, Authors: []string{"a.dev"},
			ExecutedBy: []string{"t.test"}, Independence: "department", Date: ward.MustDate("2026-10-28"),
			Release: "2.0.0", Result: "pass"}
	}
	sf := &ward.SecurityFile{
		Product: &ward.Product{ID: "pump", Name: "Pump", Manufacturer: "Acme Medical", Kind: ward.ProductMedicalDevice},
		People: []*ward.Person{
			{ID: "a.dev", Name: "Ann Dev", Organisation: "Acme Medical", Department: "Engineering", Team: "Firmware"},
			{ID: "p.peer", Name: "Pat Peer", Organisation: "Acme Medical", Department: "Engineering", Team: "Firmware"},
			{ID: "t.test", Name: "Tom Test", Organisation: "Acme Medical", Department: "Quality", Team: "V&V"},
			{ID: "x.pen", Name: "Xena Pen", Organisation: "PenCo"},
		},
		Context: &ward.SecurityContext{Interfaces: []*ward.Interface{
			{ID: "IF-1", Name: "API", Kind: "tcp", Port: 443, Direction: "inbound", Exposure: "hospital_lan"},
			{ID: "IF-2", Name: "Debug", Kind: "jtag", Direction: "inbound", Exposure: "physical"},
		}},
		Requirements: []*ward.Requirement{
			{ID: "REQ-1", Title: "Authenticate clients", Category: "authentication"},
			{ID: "REQ-2", Title: "Survive floods", Category: "resilience"},
		},
		Threats: []*ward.Threat{{ID: "THR-1", Title: "Spoofed client", Decision: "mitigated"}},
		Risks: []*ward.Risk{{ID: "RSK-1", Threats: []string{"THR-1"}, Method: "CVSS 3.1",
			Pre: &ward.RiskScore{Score: 8.1, Severity: "high"}, Post: &ward.RiskScore{Score: 3.1, Severity: "low"},
			Controls: []string{"CTL-1"}}},
		Controls: []*ward.Control{{ID: "CTL-1", Title: "Mutual TLS", Kind: "design"}},
		Tests: []*ward.Test{
			test("TST-1", ward.TestSecurityRequirement, "REQ-1", "REQ-2"),
			test("TST-2", ward.TestFuzz, "REQ-1", "IF-1"),
			test("TST-3", ward.TestSecurityRequirement, "REQ-2"),
			test("TST-4", ward.TestThreatMitigation, "CTL-1", "THR-1"),
			test("TST-5", ward.TestSCA),
			test("TST-6", ward.TestSAST),
			test("TST-7", ward.TestCredentials),
			test("TST-8", ward.TestAttackSurface),
			test("TST-9", ward.TestPenetration, "IF-1"),
		},
		Releases: []*ward.ReleaseRecord{{Version: "2.0.0", Date: ward.MustDate("2026-11-01"), Commit: "abc123"}},
	}
	ts := sf.Tests
	ts[1].Tool, ts[1].Duration, ts[1].Methods = tool("go-fuzz"), "72h", []string{"malformed_input"}
	ts[2].Methods = []string{"load"}
	ts[3].Bypass = true
	ts[4].Tool, ts[4].VulnDBDate = tool("osv-scanner"), ward.MustDate("2026-10-30")
	ts[5].Tool = tool("gosec")
	ts[6].Tool = tool("trufflehog")
	pen := ts[8]
	pen.ExecutedBy, pen.Organisation, pen.Independence = []string{"x.pen"}, "PenCo", "organisation"
	pen.Date, pen.Scope, pen.Duration = ward.MustDate("2026-10-15"), []string{"IF-1"}, "10 person-days"
	pen.Methods, pen.Report = []string{"PTES"}, "reports/pentest.pdf"
	for _, m := range muts {
		m(sf)
	}
	return sf
}

// testByID returns the test with the ID from sf; it panics when absent,
// which is a broken test table.
func testByID(sf *ward.SecurityFile, id string) *ward.Test {
	for _, t := range sf.Tests {
		if t.ID == id {
			return t
		}
	}
	panic("no test " + id)
}

func dropTest(sf *ward.SecurityFile, id string) {
	var out []*ward.Test
	for _, t := range sf.Tests {
		if t.ID != id {
			out = append(out, t)
		}
	}
	sf.Tests = out
}

func cases57() []ruleCase {
	return []ruleCase{
		// 5.7.1
		{name: "every requirement tested", rule: "R571-1", sf: valid57(), want: Pass},
		{name: "untested requirement", rule: "R571-1", want: Fail, text: "REQ-3", sf: valid57(func(sf *ward.SecurityFile) {
			sf.Requirements = append(sf.Requirements, &ward.Requirement{ID: "REQ-3", Title: "Log in", Category: "logging"})
		})},
		{name: "tests only on another release", rule: "R571-1", want: Fail, text: "REQ-2", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-1").Release = "1.0.0"
			testByID(sf, "TST-3").Release = "1.0.0"
		})},
		{name: "test failed on the release", rule: "R571-1", want: Fail, text: "REQ-1", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-1").Result = "fail"
			testByID(sf, "TST-2").Result = "fail"
		})},
		{name: "functional, negative and load tests", rule: "R571-2", sf: valid57(), want: Pass},
		{name: "availability requirement without load test", rule: "R571-2", want: Fail, text: "REQ-2", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-3").Methods = nil
		})},
		{name: "no negative test", rule: "R571-2", want: Fail, text: "happy path", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-2").Verifies = []string{"IF-1"}
		})},
		// 5.7.2
		{name: "control tested on release", rule: "R572-1", sf: valid57(), want: Pass},
		{name: "mitigation test on older release", rule: "R572-1", want: Fail, text: "CTL-1", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-4").Release = "1.0.0"
		})},
		{name: "labeling instruction needs no mitigation test", rule: "R572-1", want: RuleNA, sf: valid57(func(sf *ward.SecurityFile) {
			sf.Controls[0].Kind = "information"
		})},
		{name: "no mitigated threat", rule: "R572-1", want: RuleNA, sf: valid57(func(sf *ward.SecurityFile) {
			sf.Threats[0].Decision = "accepted"
		})},
		{name: "high threat has bypass test", rule: "R572-2", sf: valid57(), want: Pass},
		{name: "high threat without bypass test", rule: "R572-2", want: Fail, text: "THR-1", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-4").Bypass = false
		})},
		{name: "severity high without number counts", rule: "R572-2", want: Fail, text: "THR-1", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-4").Bypass = false
			sf.Risks[0].Pre.Score = 0
		})},
		{name: "no high threat", rule: "R572-2", want: RuleNA, sf: valid57(func(sf *ward.SecurityFile) {
			sf.Risks[0].Pre = &ward.RiskScore{Score: 4.0, Severity: "medium"}
		})},
		// 5.7.3
		{name: "full vulnerability test set", rule: "R573-1", sf: valid57(), want: Pass},
		{name: "no SAST run", rule: "R573-1", want: Fail, text: "release 2.0.0", sf: valid57(func(sf *ward.SecurityFile) {
			dropTest(sf, "TST-6")
		})},
		{name: "scanner version missing", rule: "R573-1", want: Fail, text: "TST-5", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-5").Tool.Version = ""
		})},
		{name: "input interface not fuzzed", rule: "R573-1", want: Fail, text: "IF-1", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-2").Verifies = []string{"REQ-1"}
		})},
		{name: "attack surface matches inventory", rule: "R573-2", sf: valid57(), want: Pass},
		{name: "attack surface found unknown service", rule: "R573-2", want: Fail, text: "TST-8", sf: valid57(func(sf *ward.SecurityFile) {
			t := testByID(sf, "TST-8")
			t.Result, t.Findings = "fail", []string{"FND-1"}
		})},
		{name: "no attack surface analysis", rule: "R573-2", want: Fail, text: "release 2.0.0", sf: valid57(func(sf *ward.SecurityFile) {
			dropTest(sf, "TST-8")
		})},
		{name: "recent vulnerability data", rule: "R573-3", sf: valid57(), want: Pass},
		{name: "stale vulnerability data", rule: "R573-3", want: Fail, text: "TST-5", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-5").VulnDBDate = ward.MustDate("2026-10-01")
		})},
		{name: "no vulndb date", rule: "R573-3", want: Fail, text: "TST-5", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-5").VulnDBDate = ward.Date{}
		})},
		{name: "fuzz run documented", rule: "R573-4", sf: valid57(), want: Pass},
		{name: "fuzz run without duration", rule: "R573-4", want: Fail, text: "TST-2", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-2").Duration = ""
		})},
		{name: "crashes not triaged", rule: "R573-4", want: Fail, text: "TST-2", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-2").Result = "fail"
		})},
		// 5.7.4
		{name: "current pentest", rule: "R574-1", sf: valid57(), want: Pass},
		{name: "pentest too old", rule: "R574-1", want: Fail, text: "release 2.0.0", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-9").Date = ward.MustDate("2025-06-01")
		})},
		{name: "pentest without scope", rule: "R574-1", want: Fail, text: "TST-9", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-9").Scope = nil
		})},
		{name: "pentest of earlier release", rule: "R574-1", want: RuleManual, sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-9").Release = "1.9.0"
		})},
		{name: "scope covers non-physical interfaces", rule: "R574-2", sf: valid57(), want: Pass},
		{name: "internet interface outside scope", rule: "R574-2", want: Fail, text: "IF-3", sf: valid57(func(sf *ward.SecurityFile) {
			sf.Context.Interfaces = append(sf.Context.Interfaces, &ward.Interface{ID: "IF-3", Kind: "http_api", Direction: "outbound", Exposure: "internet"})
		})},
		{name: "third-party report attached", rule: "R574-3", sf: valid57(), want: Pass},
		{name: "third-party report missing", rule: "R574-3", want: Fail, text: "TST-9", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-9").Report = ""
		})},
		{name: "in-house pentest", rule: "R574-3", want: RuleNA, sf: valid57(func(sf *ward.SecurityFile) {
			t := testByID(sf, "TST-9")
			t.ExecutedBy, t.Organisation, t.Independence = []string{"t.test"}, "", "department"
		})},
		// 5.7.5
		{name: "testers are not authors", rule: "R575-1", sf: valid57(), want: Pass},
		{name: "tester is the author", rule: "R575-1", want: Fail, text: "TST-1", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-1").ExecutedBy = []string{"a.dev"}
		})},
		{name: "external organisation meets department level", rule: "R575-2", sf: valid57(), want: Pass},
		{name: "same team when department required", rule: "R575-2", want: Fail, text: "TST-9", sf: valid57(func(sf *ward.SecurityFile) {
			t := testByID(sf, "TST-9")
			t.ExecutedBy, t.Organisation, t.Independence = []string{"p.peer"}, "", "team"
		})},
		{name: "independence stated", rule: "R575-3", sf: valid57(), want: Pass},
		{name: "independence not stated", rule: "R575-3", want: Fail, text: "TST-4", sf: valid57(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-4").Independence = ""
		})},
	}
}

func TestRules57(t *testing.T) {
	t.Parallel()
	runGapCases(t, cases57())
}
