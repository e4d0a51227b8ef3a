package evidence_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardhq/ward/evidence"
)

func caseStatus(c evidence.Case) string { return string(c.Status) }

func TestParseJUnitDialects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file      string
		dialect   string
		timestamp string
		hostname  string
		counts    map[string]int
		// some cases, by index, checked whole
		cases map[int]evidence.Case
	}{
		{
			file: "go-junit-report.xml", dialect: "go", timestamp: "2022-01-01T00:00:00Z", hostname: "hostname",
			counts: map[string]int{"pass": 2, "fail": 1, "skipped": 2},
			cases: map[int]evidence.Case{
				0: {Suite: "package/pass", Class: "package/pass", Name: "TestPass", Status: "pass", Properties: map[string]string{"go.version": "1.0"}, Line: 7},
				// "Failed" says nothing: the first line the test logged does.
				2: {Suite: "package/fail", Class: "package/fail", Name: "TestOne", Status: "fail", Message: "fail_test.go:6: Error message", Properties: map[string]string{"go.version": "1.0"}, Line: 14},
				4: {Suite: "package/skip", Class: "package/skip", Name: "TestSkipNow", Status: "skipped", Message: "skip_test.go:10: log message", Properties: map[string]string{"go.version": "1.0"}, Line: 28},
			},
		},
		{
			file: "gotestsum.xml", dialect: "go", timestamp: "0001-01-01T00:00:00Z",
			counts: map[string]int{"pass": 38, "fail": 5, "skipped": 4},
			cases: map[int]evidence.Case{
				0:  {Suite: "github.com/gotestyourself/gotestyourself/testjson/internal/badmain", Name: "TestMain", Status: "fail", Message: "sometimes main can exit 2", Properties: map[string]string{"go.version": "go7.7.7"}, Line: 7},
				2:  {Suite: "github.com/gotestyourself/gotestyourself/testjson/internal/good", Class: "github.com/gotestyourself/gotestyourself/testjson/internal/good", Name: "TestSkippedWitLog", Status: "skipped", Message: "good_test.go:27: the skip message", Properties: map[string]string{"go.version": "go7.7.7"}, Line: 18},
				21: {Suite: "github.com/gotestyourself/gotestyourself/testjson/internal/stub", Class: "github.com/gotestyourself/gotestyourself/testjson/internal/stub", Name: "TestNestedWithFailure/c", Status: "fail", Message: "stub_test.go:65: failed", Properties: map[string]string{"go.version": "go7.7.7"}, Line: 48},
			},
		},
		{
			file: "pytest.xml", dialect: "pytest", timestamp: "2025-11-15T11:51:49.548396-05:00", hostname: "Mac.hsd1.va.comcast.net",
			counts: map[string]int{"pass": 6, "fail": 2, "skipped": 2},
			cases: map[int]evidence.Case{
				5: {Suite: "pytest", Class: "tests.test_lib", Name: "test_always_fail", Status: "fail", Message: "assert False", Properties: map[string]string{"custom_prop": "custom_val"}, Line: 16},
				// pytest's expected failure: skipped, with an empty message.
				6: {Suite: "pytest", Class: "tests.test_lib", Name: "test_expected_failure", Status: "skipped", Properties: map[string]string{"custom_prop": "custom_val"}, Line: 24},
				// record_property: the case's properties over the suite's.
				8: {Suite: "pytest", Class: "tests.test_lib", Name: "test_with_record_property", Status: "pass", Properties: map[string]string{"custom_prop": "custom_val", "example_key": "1"}, Line: 35},
			},
		},
		{
			file: "TEST-action.surefire.report.email.EmailAddressTest.xml", dialect: "surefire",
			counts: map[string]int{"pass": 2, "fail": 2, "error": 5},
			cases: map[int]evidence.Case{
				1: {Suite: "action.surefire.report.email.EmailAddressTest", Class: "action.surefire.report.email.EmailAddressTest", Name: "shouldBeStricterThanRfc2821", Status: "error", Message: `Invalid email address 😋 'Abc\@def@example.com'`, Line: 9},
				2: {Suite: "action.surefire.report.email.EmailAddressTest", Class: "action.surefire.report.email.EmailAddressTest", Name: "shouldBeStricterThanRfc2822", Status: "fail", Message: "Address aba@bab.com should have thrown InvalidEmailAddressException", Line: 16},
				8: {Suite: "action.surefire.report.email.EmailAddressTest", Class: "action.surefire.report.email.EmailAddressTest", Name: "shouldBeGoodEnoughForSalesforce", Status: "pass", Line: 47},
			},
		},
		{
			file: "jest-junit.xml", dialect: "jest", timestamp: "2020-10-18T19:07:47",
			counts: map[string]int{"pass": 1, "fail": 4, "skipped": 1},
			cases: map[int]evidence.Case{
				1: {Suite: "Test 1", Class: "Test 1 Test 1.1 Failing test", Name: "Test 1 Test 1.1 Failing test", Status: "fail", Message: "Error: expect(received).toBeTruthy()", Line: 6},
				5: {Suite: "undefined", Class: " Skipped test", Name: " Skipped test", Status: "skipped", Line: 56},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			rep, err := evidence.ParseJUnit(open(t, tc.file), tc.file, evidence.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Dialect != tc.dialect || rep.Timestamp != tc.timestamp || rep.Hostname != tc.hostname {
				t.Errorf("dialect, timestamp, hostname = %q, %q, %q; want %q, %q, %q", rep.Dialect, rep.Timestamp, rep.Hostname, tc.dialect, tc.timestamp, tc.hostname)
			}
			if diff := cmp.Diff(tc.counts, statusCounts(rep.Cases, caseStatus)); diff != "" {
				t.Errorf("cases by status (-want +got):\n%s", diff)
			}
			for i, want := range tc.cases {
				if i >= len(rep.Cases) {
					t.Errorf("no case %d", i)
					continue
				}
				if diff := cmp.Diff(want, rep.Cases[i]); diff != "" {
					t.Errorf("case %d (-want +got):\n%s", i, diff)
				}
			}
		})
	}
}

// TestParseJUnitSurefireProperties checks that a suite's <properties>
// reach each of its cases, each with a map of its own.
func TestParseJUnitSurefireProperties(t *testing.T) {
	t.Parallel()
	const file = "TEST-org.apache.maven.surefire.test.FailingTest.xml"
	rep, err := evidence.ParseJUnit(open(t, file), file, evidence.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Dialect != "surefire" || len(rep.Cases) != 2 {
		t.Fatalf("dialect %q with %d cases, want surefire with 2", rep.Dialect, len(rep.Cases))
	}
	c := rep.Cases[0]
	if c.Name != "defaultTestValueIs_Value" || c.Status != "fail" || c.Message != `Expected: "wrong"` || c.Line != 66 {
		t.Errorf("case 0 = %q %s %q line %d", c.Name, c.Status, c.Message, c.Line)
	}
	if len(c.Properties) != 60 || c.Properties["surefire.version"] != "2.13-SNAPSHOT" || c.Properties["java.version"] != "1.7.0_09" {
		t.Errorf("%d properties, surefire.version %q, java.version %q", len(c.Properties), c.Properties["surefire.version"], c.Properties["java.version"])
	}
	c.Properties["surefire.version"] = "changed"
	if got := rep.Cases[1].Properties["surefire.version"]; got != "2.13-SNAPSHOT" {
		t.Errorf("cases share a properties map: case 1 sees %q", got)
	}
}

func TestParseJUnitShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, xml string
		want      []evidence.Case
	}{
		{
			name: "nested suites: inner properties over outer, case over both; properties after the cases",
			xml: `<testsuites><testsuite name="outer" file="tests/outer.py">
  <testsuite name="inner">
    <testcase name="a"><properties><property name="k" value="case"/></properties></testcase>
    <testcase name="b"/>
    <properties><property name="k" value="inner"/><property name="only-inner">x</property></properties>
  </testsuite>
  <testcase name="c" file="tests/c.py"/>
  <properties><property name="k" value="outer"/><property name="o" value="1"/></properties>
</testsuite></testsuites>`,
			want: []evidence.Case{
				{Suite: "inner", Name: "a", Status: "pass", File: "tests/outer.py", Line: 3, Properties: map[string]string{"k": "case", "only-inner": "x", "o": "1"}},
				{Suite: "inner", Name: "b", Status: "pass", File: "tests/outer.py", Line: 4, Properties: map[string]string{"k": "inner", "only-inner": "x", "o": "1"}},
				{Suite: "outer", Name: "c", Status: "pass", File: "tests/c.py", Line: 7, Properties: map[string]string{"k": "outer", "o": "1"}},
			},
		},
		{
			name: "error wins over failure, failure over skipped; Surefire reruns ignored",
			xml: `<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="s">
  <testcase name="both"><failure message="f"/><error message="e&#10;second line"/></testcase>
  <testcase name="skipfail"><skipped/><failure>boom</failure></testcase>
  <testcase name="flaky"><flakyFailure message="first run failed"/><system-out>log</system-out></testcase>
</testsuite>`,
			want: []evidence.Case{
				{Suite: "s", Name: "both", Status: "error", Message: "e", Line: 3},
				{Suite: "s", Name: "skipfail", Status: "fail", Message: "boom", Line: 4},
				{Suite: "s", Name: "flaky", Status: "pass", Line: 5},
			},
		},
		{
			name: "message cut to 200 characters",
			xml:  `<testsuite name="s"><testcase name="long"><failure message="` + strings.Repeat("é", 300) + `"/></testcase></testsuite>`,
			want: []evidence.Case{{Suite: "s", Name: "long", Status: "fail", Message: strings.Repeat("é", 199) + "…", Line: 1}},
		},
		{
			name: "ISO-8859-1 declared",
			xml:  "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<testsuite name=\"s\"><testcase name=\"Gr\xf6\xdfe\"/></testsuite>",
			want: []evidence.Case{{Suite: "s", Name: "Größe", Status: "pass", Line: 2}},
		},
		{
			name: "byte order mark, comment and doctype before the root",
			xml:  "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- generated -->\n<!DOCTYPE testsuites>\n<testsuites><testcase name=\"t\" classname=\"c\"/></testsuites>",
			want: []evidence.Case{{Name: "t", Class: "c", Status: "pass", Line: 4}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rep, err := evidence.ParseJUnit(strings.NewReader(tc.xml), "r.xml", evidence.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, rep.Cases); diff != "" {
				t.Errorf("cases (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseJUnitErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, xml string
		lim       evidence.Limits
		want      string
	}{
		{"empty", " \n", evidence.Limits{}, "r.xml: empty file: not a JUnit XML report"},
		{"JSON", `{"version": "2.1.0"}`, evidence.Limits{}, "r.xml: not a JUnit XML report: the file is JSON (want XML with a <testsuites> or <testsuite> root; SARIF and pentest JSON are imported as such)"},
		{"text", "PASS\nok  \tpkg\t0.1s", evidence.Limits{}, "r.xml: not a JUnit XML report: the file does not start with '<' (want XML with a <testsuites> or <testsuite> root)"},
		{"other root", "<?xml version=\"1.0\"?>\n<html><body/></html>", evidence.Limits{}, "r.xml:2:1: root element <html> is not JUnit XML (want <testsuites> or <testsuite>)"},
		{"no root", "<?xml version=\"1.0\"?>\n<!-- nothing -->\n", evidence.Limits{}, "r.xml: no root element: not a JUnit XML report (want <testsuites> or <testsuite>)"},
		{"mismatched end tag", "<testsuite name=\"s\">\n  <testcase name=\"a\">\n  </testsuite>", evidence.Limits{}, "r.xml:3:15: XML syntax error: element <testcase> closed by </testsuite>"},
		{"truncated", "<testsuites>\n  <testsuite name=\"s\">\n    <testcase name=\"a\"/>", evidence.Limits{}, "r.xml:3:25: XML syntax error: unexpected EOF"},
		{"unknown entity", "<testsuite name=\"s\">\n<testcase name=\"a&nbsp;b\"/></testsuite>", evidence.Limits{}, "r.xml:2:24: XML syntax error: invalid character entity &nbsp;"},
		{"case without name", "<testsuite name=\"s\">\n  <testcase classname=\"c\"/>\n  <testcase/>\n</testsuite>", evidence.Limits{},
			"r.xml:2:3: <testcase> has no name attribute (every test case needs a name to be traced)\nr.xml:3:3: <testcase> has no name attribute (every test case needs a name to be traced)"},
		{"second root", "<testsuite name=\"a\"/>\n<testsuite name=\"b\"/>", evidence.Limits{}, "r.xml:2:1: second root element <testsuite>: a JUnit report has one root (wrap several <testsuite> elements in one <testsuites>)"},
		{"text after root", "<testsuite name=\"a\"/>\ntrailing", evidence.Limits{}, "r.xml:1:22: text outside the root element: not a JUnit XML report"},
		{"unsupported encoding", "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><testsuite/>", evidence.Limits{}, `r.xml:1:1: XML encoding "Shift_JIS" is not supported (want UTF-8, ISO-8859-1 or windows-1252; save the report as UTF-8)`},
		{"too large", `<testsuite name="s"><testcase name="a"/></testsuite>`, evidence.Limits{MaxBytes: 20}, "r.xml: larger than the limit of 20 bytes (raise the limit if the file is genuine)"},
		{"too many cases", "<testsuite name=\"s\">\n<testcase name=\"a\"/>\n<testcase name=\"b\"/>\n<testcase name=\"c\"/>\n</testsuite>", evidence.Limits{MaxCases: 2},
			"r.xml:4:1: more than 2 test cases (raise Limits.MaxCases if the file is genuine)"},
		{"too deep", "<testsuites>\n<testsuite name=\"a\">\n<testsuite name=\"b\">\n<x><y/></x></testsuite></testsuite></testsuites>", evidence.Limits{MaxDepth: 3},
			"r.xml:4:1: <x> is nested more than 3 elements deep (raise Limits.MaxDepth if the file is genuine)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := evidence.ParseJUnit(strings.NewReader(tc.xml), "r.xml", tc.lim)
			wantInvalid(t, err, tc.want)
		})
	}
}

// TestParseJUnitDeep checks that hostile nesting is refused at the default
// limit, without exhausting the stack.
func TestParseJUnitDeep(t *testing.T) {
	t.Parallel()
	xml := "<testsuites>" + strings.Repeat("<a>", 100_000) + strings.Repeat("</a>", 100_000) + "</testsuites>"
	_, err := evidence.ParseJUnit(strings.NewReader(xml), "deep.xml", evidence.Limits{})
	wantInvalid(t, err, fmt.Sprintf("deep.xml:1:%d: <a> is nested more than 64 elements deep (raise Limits.MaxDepth if the file is genuine)", len("<testsuites>")+63*3+1))
}
