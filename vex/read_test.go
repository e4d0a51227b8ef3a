package vex_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/vex"
)

func parseFile(t *testing.T, file string) []ward.VEXStatement {
	t.Helper()
	st, err := vex.Parse(file, testutil.Read(t, file))
	if err != nil {
		t.Fatalf("Parse(%s): %v", file, err)
	}
	return st
}

// Every fixture of every format parses and yields statements.
func TestParseAllFixtures(t *testing.T) {
	t.Parallel()
	var files []string
	for _, g := range []string{"testdata/openvex/*.json", "testdata/csaf/*.json", "testdata/cyclonedx/vex.json", "testdata/cyclonedx/*/*/vex*.json"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 45 {
		t.Fatalf("found %d fixtures, want at least 45", len(files))
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			t.Parallel()
			st := parseFile(t, f)
			if len(st) == 0 {
				t.Fatal("no statements")
			}
			for _, s := range st {
				if s.Vulnerability == "" || s.Status == "" || !strings.HasPrefix(s.Source, f+"#") {
					t.Errorf("incomplete statement %+v", s)
				}
			}
		})
	}
}

func TestParseOpenVEX(t *testing.T) {
	t.Parallel()
	oci := "pkg:oci/alpine@sha256%3A124c7d2707904eea7431fffe91522a01e5a861a624ee31d03372cc1d138a3126"
	st := parseFile(t, "testdata/openvex/v0.2.0.json")
	if len(st) != 5 {
		t.Fatalf("got %d statements, want 5", len(st))
	}
	want := ward.VEXStatement{
		Vulnerability:   "CVE-2023-3446",
		Product:         oci,
		Components:      []string{"pkg:apk/alpine/libssl3@3.0.8-r3", "pkg:apk/alpine/libcrypto3@3.0.8-r3"},
		Status:          ward.VEXNotAffected,
		Justification:   ward.VEXVulnerableCodeNotPresent,
		ImpactStatement: "affected functions were removed before packaging",
		// No statement timestamp: inherited from the document.
		Timestamp: time.Date(2023, 7, 18, 0, 28, 47, 696004345, time.UTC),
		Author:    "The OpenVEX Project <openvex@openssf.org>",
		Source:    "testdata/openvex/v0.2.0.json#statements[3].products[0]",
	}
	if diff := cmp.Diff(want, st[3]); diff != "" {
		t.Errorf("statement 3 (-want +got):\n%s", diff)
	}

	// Legacy v0.0.1: string vulnerability and string products, one
	// statement per product.
	st = parseFile(t, "testdata/openvex/v0.0.1.json")
	if len(st) != 2 || st[1].Product != "pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64" || st[1].Status != ward.VEXFixed || st[1].Vulnerability != "CVE-2023-12345" {
		t.Errorf("v0.0.1 = %+v", st)
	}
	// A statement's own timestamp wins over the document's.
	st = parseFile(t, "testdata/openvex/v001-2.vex.json")
	if got, want := st[0].Timestamp, time.Date(2022, 12, 23, 1, 56, 5, 0, time.UTC); !got.Equal(want) {
		t.Errorf("timestamp = %v, want %v", got, want)
	}
}

// statusTable renders statements as "vulnerability | product | status" lines.
func statusTable(st []ward.VEXStatement) []string {
	var out []string
	for _, s := range st {
		line := s.Vulnerability + " | " + s.Product
		if len(s.Components) > 0 {
			line += " > " + strings.Join(s.Components, ",")
		}
		out = append(out, line+" | "+string(s.Status))
	}
	return out
}

// The CSAF VEX use cases say the statuses of csaf_vex/README.md (and of
// the CISA use cases they implement).
func TestParseCSAFUseCases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want []string
	}{
		{"2022-evd-uc-01-a-001.json", []string{"CVE-2021-44228 | Example Company DEF 1.0 | affected"}},
		{"2022-evd-uc-01-f-001.json", []string{"CVE-2021-44228 | Example Company DEF 1.1 | fixed"}},
		{"2022-evd-uc-01-na-001.json", []string{"CVE-2021-44228 | Example Company ABC 4.2 | not_affected"}},
		{"2022-evd-uc-01-ui-001.json", []string{"CVE-2021-44228 | Example Company GHI 17.4 | under_investigation"}},
		{"2022-evd-uc-05-001.json", []string{"CVE-2021-44228 | Example Company XYZ all versions | under_investigation"}},
		{"2022-evd-uc-09-001.json", []string{
			"CVE-2021-44228 | Example Company PROD_ALPHA | not_affected",
			"CVE-2021-44228 | Example Company PROD_BETA | affected",
			"CVE-2021-45105 | Example Company PROD_ALPHA | not_affected",
			"CVE-2021-45105 | Example Company PROD_BETA | affected",
		}},
		{"sec-vex-2022-0001.json", nil}, // checked below
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			st := parseFile(t, "testdata/csaf/"+tc.file)
			if tc.want == nil {
				return
			}
			if diff := cmp.Diff(tc.want, statusTable(st)); diff != "" {
				t.Errorf("statuses (-want +got):\n%s", diff)
			}
		})
	}

	// Use case 3: GHI 17.4, Ripple20 with four statuses (CISA use case 3).
	byStatus := map[ward.VEXStatus][]string{}
	for _, s := range parseFile(t, "testdata/csaf/2022-evd-uc-03-ms-001.json") {
		byStatus[s.Status] = append(byStatus[s.Status], strings.TrimPrefix(s.Vulnerability, "CVE-2020-"))
	}
	for status, want := range map[ward.VEXStatus]string{
		ward.VEXNotAffected:        "11897 11899 11902 11905 11906 11913",
		ward.VEXAffected:           "11898 11907 11909 11910 11911",
		ward.VEXUnderInvestigation: "11896 11900 11903 11904 11908",
		ward.VEXFixed:              "11901 11912 11914",
	} {
		got := byStatus[status]
		slicesSort(got)
		if strings.Join(got, " ") != want {
			t.Errorf("%s = %v, want %s", status, got, want)
		}
	}

	// Use case 8: two Log4j CVEs over ABC and JKL versions; JKL 5.1 fixed
	// for the first, affected by the second, fixed in 5.2.
	lines := strings.Join(statusTable(parseFile(t, "testdata/csaf/2022-evd-uc-08-001.json")), "\n")
	for _, want := range []string{
		"CVE-2021-44228 | Example Company JKL 5.1 | fixed",
		"CVE-2021-45105 | Example Company JKL 5.1 | affected",
		"CVE-2021-45105 | Example Company JKL 5.2 | fixed",
		"CVE-2021-44228 | Example Company ABC 2.5 | not_affected",
		"CVE-2021-44228 | Example Company ABC 2.4 | affected",
	} {
		if !strings.Contains(lines, want) {
			t.Errorf("missing %q in\n%s", want, lines)
		}
	}

	// Secvisogram and Log4Shell: flags give the justification, threats the
	// impact statement.
	st := parseFile(t, "testdata/csaf/sec-vex-2022-0001.json")
	for _, s := range st {
		if s.Status != ward.VEXNotAffected || s.Justification != ward.VEXComponentNotPresent || s.ImpactStatement == "" || s.Author == "" {
			t.Errorf("sec-vex: %+v", s)
		}
	}
}

// A relationship "component default_component_of product" states the
// component inside the product.
func TestParseCSAFRelationship(t *testing.T) {
	t.Parallel()
	const doc = `{
  "document": {"category": "csaf_vex", "csaf_version": "2.0", "publisher": {"name": "Acme PSIRT"},
    "tracking": {"current_release_date": "2024-05-01T10:00:00Z"}},
  "product_tree": {
    "full_product_names": [
      {"name": "Acme Pump 4.2", "product_id": "PUMP", "product_identification_helper": {"cpe": "cpe:2.3:a:acme:pump:4.2:*:*:*:*:*:*:*"}},
      {"name": "log4j-core 2.14.1", "product_id": "LOG4J", "product_identification_helper": {"purl": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}}
    ],
    "relationships": [{"category": "default_component_of", "product_reference": "LOG4J", "relates_to_product_reference": "PUMP",
      "full_product_name": {"name": "log4j in pump", "product_id": "PUMP:LOG4J"}}],
    "product_groups": [{"group_id": "G", "product_ids": ["PUMP:LOG4J"]}]
  },
  "vulnerabilities": [{"cve": "CVE-2021-44228",
    "product_status": {"known_not_affected": ["PUMP:LOG4J"]},
    "flags": [{"label": "vulnerable_code_not_in_execute_path", "group_ids": ["G"]}],
    "threats": [{"category": "impact", "details": "JNDI lookups are disabled.", "product_ids": ["PUMP:LOG4J"]}]}]
}`
	st, err := vex.Parse("pump.csaf.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []ward.VEXStatement{{
		Vulnerability:   "CVE-2021-44228",
		Product:         "cpe:2.3:a:acme:pump:4.2:*:*:*:*:*:*:*",
		Components:      []string{"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"},
		Status:          ward.VEXNotAffected,
		Justification:   ward.VEXVulnerableCodeNotInExecutePath,
		ImpactStatement: "JNDI lookups are disabled.",
		Timestamp:       time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC),
		Author:          "Acme PSIRT",
		Source:          "pump.csaf.json#vulnerabilities[0].product_status.known_not_affected[0]",
	}}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// The large Red Hat advisory from go-vex (1.2 MB, 700+ products through
// relationships) parses; it lives in the shared data set only.
func TestParseCSAFRedHat(t *testing.T) {
	t.Parallel()
	file := filepath.Join(testutil.SharedData(t, "vex/openvex/go-vex-testdata/csaf"), "rhsa-2020_1358.json")
	st := parseFile(t, file)
	withComponent := 0
	for _, s := range st {
		if len(s.Components) == 1 && strings.HasPrefix(s.Product, "cpe:/") {
			withComponent++
		}
	}
	if len(st) < 700 || withComponent < 700 {
		t.Errorf("got %d statements, %d with a component in a CPE-named product; want 700+ of each", len(st), withComponent)
	}
}

func TestParseCycloneDXStates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file          string
		status        ward.VEXStatus
		justification ward.VEXJustification
	}{
		{"vex-affected.json", ward.VEXAffected, ""},
		{"vex-fixed.json", ward.VEXFixed, ""},
		{"vex-not_affected.json", ward.VEXNotAffected, ward.VEXVulnerableCodeNotPresent},
		{"vex-under_investigation.json", ward.VEXUnderInvestigation, ""},
	}
	for _, tc := range tests {
		st := parseFile(t, "testdata/cyclonedx/CISA-Use-Cases/Case-1/"+tc.file)
		if len(st) != 1 || st[0].Status != tc.status || st[0].Justification != tc.justification || st[0].Vulnerability != "CVE-2021-44228" {
			t.Errorf("%s = %+v, want %s %s", tc.file, st, tc.status, tc.justification)
		}
	}

	// Mapping of states and justifications that are not one to one.
	const doc = `{"bomFormat": "CycloneDX", "specVersion": "1.6",
  "components": [{"type": "library", "bom-ref": "c1", "name": "a", "version": "1.0", "purl": "pkg:npm/a@1.0"}],
  "vulnerabilities": [
    {"id": "CVE-1", "analysis": {"state": "false_positive"}, "affects": [{"ref": "c1"}]},
    {"id": "CVE-2", "analysis": {"state": "not_affected", "justification": "protected_at_runtime", "lastUpdated": "2024-01-02T00:00:00Z"}, "affects": [{"ref": "c1"}]},
    {"id": "CVE-3", "analysis": {"state": "resolved_with_pedigree"}, "affects": [{"ref": "c1"}]},
    {"id": "CVE-4", "analysis": {"state": "exploitable", "response": ["update"]}, "recommendation": "Upgrade to 1.1.", "affects": [{"ref": "c1", "versions": [{"range": "vers:npm/<1.0.0", "status": "affected"}, {"version": "1.0", "status": "unaffected"}]}]},
    {"id": "CVE-5", "affects": [{"ref": "c1"}]}
  ]}`
	st, err := vex.Parse("x.cdx.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := statusTable(st)
	want := []string{
		"CVE-1 | pkg:npm/a@1.0 | not_affected",
		"CVE-2 | pkg:npm/a@1.0 | not_affected",
		"CVE-3 | pkg:npm/a@1.0 | fixed",
		"CVE-4 | pkg:npm/a@1.0 vers:npm/<1.0.0 | affected",
		"CVE-4 | pkg:npm/a@1.0 | not_affected",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if st[0].Justification != ward.VEXVulnerableCodeNotPresent || st[1].Justification != ward.VEXInlineMitigationsExist ||
		!strings.Contains(st[1].ImpactStatement, "protected_at_runtime") || st[3].ActionStatement != "Response: update. Upgrade to 1.1." {
		t.Errorf("details: %+v", st[:4])
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, doc, want string
	}{
		{"syntax", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"x\": ]\n}", "f.json:3:8: JSON syntax error"},
		{"unknown format", `{"foo": 1}`, "f.json:1:1: unknown VEX format"},
		{"not an object", `[1]`, "f.json:1:1: expected an object, found JSON array"},
		{"openvex status", "{\"@context\": \"https://openvex.dev/ns/v0.2.0\",\n \"statements\": [\n  {\"vulnerability\": {\"name\": \"CVE-1\"}, \"products\": [{\"@id\": \"pkg:npm/a\"}],\n   \"status\": \"fine\"}]}",
			"f.json:4:14: statements[0].status: unknown status \"fine\""},
		{"openvex not_affected without reason", "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": [{\"vulnerability\": {\"name\": \"CVE-1\"}, \"status\": \"not_affected\"}]}",
			"f.json:1:62: statements[0]: not_affected statement gives no reason (add justification or impact_statement)"},
		{"openvex bad timestamp", "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"timestamp\": \"yesterday\", \"statements\": [{\"vulnerability\": \"CVE-1\", \"status\": \"fixed\"}]}",
			"f.json:1:60: timestamp: invalid timestamp \"yesterday\""},
		{"cyclonedx state", "{\"bomFormat\": \"CycloneDX\",\n\"vulnerabilities\": [{\"id\": \"CVE-1\",\n \"analysis\": {\"state\": \"meh\"}}]}",
			"f.json:3:24: vulnerabilities[0].analysis.state: unknown analysis state \"meh\""},
		{"cyclonedx string type", "{\"bomFormat\": \"CycloneDX\", \"vulnerabilities\": [{\"id\": 7}]}", "f.json:1:55: vulnerabilities.id: expected a string, found JSON number"},
		{"cyclonedx type", "{\"bomFormat\": \"CycloneDX\", \"vulnerabilities\": {}}", "f.json:1:47: vulnerabilities: expected an array, found JSON object"},
		{"csaf flag", `{"document": {"csaf_version": "2.0"}, "vulnerabilities": [{"cve": "CVE-1", "product_status": {"known_not_affected": ["P"]}, "flags": [{"label": "nope", "product_ids": ["P"]}]}]}`,
			`f.json:1:145: vulnerabilities[0].flags[0].label: unknown flag label "nope"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := vex.Parse("f.json", []byte(tc.doc))
			var pe ward.PosErrors
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a ward.PosErrors", err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error = %q, want prefix %q", err, tc.want)
			}
		})
	}

	big := make([]byte, vex.MaxSize+1)
	if _, err := vex.Parse("big.json", big); !errors.As(err, new(ward.PosErrors)) {
		t.Errorf("oversized input: %v", err)
	}
}

func slicesSort(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

var _ = os.ReadFile
