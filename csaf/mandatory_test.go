package csaf_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/csaf"
)

func ptr(f float64) *float64 { return &f }

// validVEX is a small valid csaf_vex document; each case of
// TestMandatoryTests breaks one thing in a copy.
func validVEX() *csaf.Advisory {
	return &csaf.Advisory{
		Document: csaf.Document{
			Category:    csaf.CategoryVEX,
			CSAFVersion: "2.0",
			Lang:        "en",
			Publisher:   csaf.Publisher{Category: "vendor", Name: "Example", Namespace: "https://example.com"},
			Title:       "Example VEX",
			Tracking: csaf.Tracking{
				ID: "EX-VEX-1", Status: "final", Version: "2",
				InitialReleaseDate: "2026-01-01T00:00:00.000Z", CurrentReleaseDate: "2026-02-01T00:00:00.000Z",
				RevisionHistory: []*csaf.Revision{
					{Date: "2026-01-01T00:00:00.000Z", Number: "1", Summary: "Initial version."},
					{Date: "2026-02-01T00:00:00.000Z", Number: "2", Summary: "Fix released."},
				},
			},
		},
		ProductTree: &csaf.ProductTree{
			Branches: []*csaf.Branch{{Category: "vendor", Name: "Example", Branches: []*csaf.Branch{{
				Category: "product_name", Name: "Pump", Branches: []*csaf.Branch{
					{Category: "product_version", Name: "1.0", Product: &csaf.FullProductName{Name: "Pump 1.0", ProductID: "P1",
						Helper: &csaf.ProductIdentificationHelper{PURL: "pkg:generic/example/pump@1.0"}}},
					{Category: "product_version", Name: "2.0", Product: &csaf.FullProductName{Name: "Pump 2.0", ProductID: "P2"}},
				},
			}}}},
			FullProductNames: []*csaf.FullProductName{{Name: "libx 1.2", ProductID: "L1"}},
			ProductGroups:    []*csaf.ProductGroup{{GroupID: "G1", ProductIDs: []string{"P1", "P2"}}},
			Relationships: []*csaf.Relationship{{Category: "default_component_of", ProductReference: "L1", RelatesToProductReference: "P1",
				FullProductName: csaf.FullProductName{Name: "libx 1.2 in Pump 1.0", ProductID: "P1/L1"}}},
		},
		Vulnerabilities: []*csaf.Vulnerability{{
			CVE:   "CVE-2026-1234",
			CWE:   &csaf.CWE{ID: "CWE-79", Name: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')"},
			Notes: []*csaf.Note{{Category: "description", Text: "Script in the admin UI."}},
			ProductStatus: &csaf.ProductStatus{
				KnownAffected:    []string{"P1", "P1/L1"},
				KnownNotAffected: []string{"L1"},
				Fixed:            []string{"P2"},
			},
			Flags:        []*csaf.Flag{{Label: "vulnerable_code_not_in_execute_path", ProductIDs: []string{"L1"}}},
			Remediations: []*csaf.Remediation{{Category: "vendor_fix", Details: "Update to 2.0.", ProductIDs: []string{"P1", "P1/L1"}}},
			Scores: []*csaf.Score{{Products: []string{"P1"}, CVSSv3: &csaf.CVSS{
				Version: "3.1", VectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", BaseScore: ptr(9.8), BaseSeverity: "CRITICAL",
				AttackVector: "NETWORK",
			}}, {Products: []string{"P1/L1"}, CVSSv2: &csaf.CVSS{
				Version: "2.0", VectorString: "AV:N/AC:L/Au:N/C:P/I:P/A:P", BaseScore: ptr(7.5), AccessVector: "NETWORK",
			}}},
			Involvements: []*csaf.Involvement{{Party: "vendor", Status: "completed", Date: "2026-02-01T00:00:00.000Z"}},
		}},
	}
}

// TestMandatoryTests starts from a valid document and breaks one thing
// per case: the test named must fail, with the path given.
func TestMandatoryTests(t *testing.T) {
	t.Parallel()
	if problems, err := csaf.ValidateAdvisory(validVEX()); err != nil || len(problems) > 0 {
		t.Fatalf("the base document is not valid: %v %v", problems, err)
	}
	vuln := func(a *csaf.Advisory) *csaf.Vulnerability { return a.Vulnerabilities[0] }
	for _, tc := range []struct {
		name, test, path string
		breakIt          func(a *csaf.Advisory)
	}{
		{"undefined product", "6.1.1", "$.vulnerabilities[0].product_status.fixed[1]", func(a *csaf.Advisory) {
			vuln(a).ProductStatus.Fixed = append(vuln(a).ProductStatus.Fixed, "P9")
		}},
		{"product defined twice", "6.1.2", "$.product_tree.full_product_names[1].product_id", func(a *csaf.Advisory) {
			a.ProductTree.FullProductNames = append(a.ProductTree.FullProductNames, &csaf.FullProductName{Name: "again", ProductID: "P2"})
		}},
		{"relationship through itself", "6.1.3", "$.product_tree.relationships[1].product_reference", func(a *csaf.Advisory) {
			a.ProductTree.Relationships = append(a.ProductTree.Relationships, &csaf.Relationship{Category: "installed_on",
				ProductReference: "P1/L1/x", RelatesToProductReference: "P2", FullProductName: csaf.FullProductName{Name: "loop", ProductID: "P1/L1/x"}})
		}},
		{"undefined group", "6.1.4", "$.vulnerabilities[0].remediations[0].group_ids[0]", func(a *csaf.Advisory) {
			vuln(a).Remediations[0].GroupIDs = []string{"G9"}
		}},
		{"group defined twice", "6.1.5", "$.product_tree.product_groups[1].group_id", func(a *csaf.Advisory) {
			a.ProductTree.ProductGroups = append(a.ProductTree.ProductGroups, &csaf.ProductGroup{GroupID: "G1", ProductIDs: []string{"P1", "P2"}})
		}},
		{"affected and fixed", "6.1.6", "$.vulnerabilities[0].product_status.known_affected[2]", func(a *csaf.Advisory) {
			vuln(a).ProductStatus.KnownAffected = append(vuln(a).ProductStatus.KnownAffected, "P2")
		}},
		{"two v3.1 scores", "6.1.7", "$.vulnerabilities[0].scores[2].products[0]", func(a *csaf.Advisory) {
			c := *vuln(a).Scores[0]
			vuln(a).Scores = append(vuln(a).Scores, &c)
		}},
		{"cvss schema", "6.1.8", "$.vulnerabilities[0].scores[0].cvss_v3", func(a *csaf.Advisory) {
			vuln(a).Scores[0].CVSSv3.BaseSeverity = ""
		}},
		{"v3 score", "6.1.9", "$.vulnerabilities[0].scores[0].cvss_v3.baseScore", func(a *csaf.Advisory) {
			vuln(a).Scores[0].CVSSv3.BaseScore = ptr(9.9)
		}},
		{"v2 score", "6.1.9", "$.vulnerabilities[0].scores[1].cvss_v2.baseScore", func(a *csaf.Advisory) {
			vuln(a).Scores[1].CVSSv2.BaseScore = ptr(5)
		}},
		{"v3 property", "6.1.10", "$.vulnerabilities[0].scores[0].cvss_v3.attackVector", func(a *csaf.Advisory) {
			vuln(a).Scores[0].CVSSv3.AttackVector = "LOCAL"
		}},
		{"v3 temporal not in vector", "6.1.10", "$.vulnerabilities[0].scores[0].cvss_v3.exploitCodeMaturity", func(a *csaf.Advisory) {
			vuln(a).Scores[0].CVSSv3.ExploitCodeMaturity = "HIGH"
		}},
		{"v2 property", "6.1.10", "$.vulnerabilities[0].scores[1].cvss_v2.accessVector", func(a *csaf.Advisory) {
			vuln(a).Scores[1].CVSSv2.AccessVector = "LOCAL"
		}},
		{"cwe name", "6.1.11", "$.vulnerabilities[0].cwe.name", func(a *csaf.Advisory) {
			vuln(a).CWE.Name = "Cross-site Scripting"
		}},
		{"language", "6.1.12", "$.document.lang", func(a *csaf.Advisory) { a.Document.Lang = "qq-QQ-x" }},
		{"purl", "6.1.13", "$.product_tree.branches[0].branches[0].branches[0].product.product_identification_helper.purl", func(a *csaf.Advisory) {
			a.ProductTree.Branches[0].Branches[0].Branches[0].Product.Helper.PURL = "pkg:generic/"
		}},
		{"history order", "6.1.14", "$.document.tracking.revision_history[0].number", func(a *csaf.Advisory) {
			a.Document.Tracking.RevisionHistory[0].Date = "2026-03-01T00:00:00.000Z"
		}},
		{"translator", "6.1.15", "$.document.source_lang", func(a *csaf.Advisory) { a.Document.Publisher.Category = "translator" }},
		{"latest version", "6.1.16", "$.document.tracking.version", func(a *csaf.Advisory) {
			a.Document.Tracking.RevisionHistory = a.Document.Tracking.RevisionHistory[:1]
		}},
		{"zero version", "6.1.17", "$.document.tracking.status", func(a *csaf.Advisory) {
			a.Document.Tracking.Version = "0"
			a.Document.Tracking.RevisionHistory[1].Number = "0"
		}},
		{"draft in history", "6.1.18", "$.document.tracking.revision_history[0].number", func(a *csaf.Advisory) {
			a.Document.Tracking.RevisionHistory[0].Number = "0"
		}},
		{"pre-release in history", "6.1.19", "$.document.tracking.revision_history[0].number", func(a *csaf.Advisory) {
			a.Document.Tracking.Version = "2.0.0"
			a.Document.Tracking.RevisionHistory[0].Number = "2.0.0-rc.1"
			a.Document.Tracking.RevisionHistory[1].Number = "2.0.0"
		}},
		{"pre-release final", "6.1.20", "$.document.tracking.version", func(a *csaf.Advisory) {
			a.Document.Tracking.Version = "2.0.0-rc.1"
			a.Document.Tracking.RevisionHistory[0].Number = "1.0.0"
			a.Document.Tracking.RevisionHistory[1].Number = "2.0.0"
		}},
		{"gap in history", "6.1.21", "$.document.tracking.revision_history", func(a *csaf.Advisory) {
			a.Document.Tracking.Version = "3.0.0"
			a.Document.Tracking.RevisionHistory[0].Number = "1.0.0"
			a.Document.Tracking.RevisionHistory[1].Number = "3.0.0"
		}},
		{"revision twice", "6.1.22", "$.document.tracking.revision_history[1].number", func(a *csaf.Advisory) {
			a.Document.Tracking.RevisionHistory[1].Number = "1"
			a.Document.Tracking.Version = "1"
		}},
		{"same cve", "6.1.23", "$.vulnerabilities[1].cve", func(a *csaf.Advisory) {
			a.Vulnerabilities = append(a.Vulnerabilities, &csaf.Vulnerability{CVE: "CVE-2026-1234", Notes: vuln(a).Notes,
				ProductStatus: &csaf.ProductStatus{Fixed: []string{"P2"}}})
		}},
		{"involvement twice", "6.1.24", "$.vulnerabilities[0].involvements[1]", func(a *csaf.Advisory) {
			vuln(a).Involvements = append(vuln(a).Involvements, &csaf.Involvement{Party: "vendor", Status: "in_progress", Date: "2026-02-01T01:00:00+01:00"})
		}},
		{"hash algorithm twice", "6.1.25", "$.product_tree.full_product_names[0].product_identification_helper.hashes[0].file_hashes[1].algorithm", func(a *csaf.Advisory) {
			a.ProductTree.FullProductNames[0].Helper = &csaf.ProductIdentificationHelper{Hashes: []*csaf.Hashes{{Filename: "libx.so", FileHashes: []*csaf.FileHash{
				{Algorithm: "sha256", Value: strings.Repeat("a", 64)}, {Algorithm: "sha256", Value: strings.Repeat("b", 64)}}}}}
		}},
		{"reserved prefix", "6.1.26", "$.document.category", func(a *csaf.Advisory) { a.Document.Category = "csaf_example" }},
		{"profile name", "6.1.26", "$.document.category", func(a *csaf.Advisory) { a.Document.Category = "Security Advisory" }},
		{"vex without tree", "6.1.27.4", "$.product_tree", func(a *csaf.Advisory) { a.ProductTree = nil }},
		{"vex without notes", "6.1.27.5", "$.vulnerabilities[0].notes", func(a *csaf.Advisory) { vuln(a).Notes = nil }},
		{"advisory without status", "6.1.27.6", "$.vulnerabilities[0].product_status", func(a *csaf.Advisory) {
			a.Document.Category = csaf.CategorySecurityAdvisory
			vuln(a).ProductStatus = nil
		}},
		{"vex status", "6.1.27.7", "$.vulnerabilities[0].product_status", func(a *csaf.Advisory) {
			vuln(a).ProductStatus = &csaf.ProductStatus{Recommended: []string{"P2"}}
			vuln(a).Flags, vuln(a).Remediations, vuln(a).Scores = nil, nil, nil
		}},
		{"vex id", "6.1.27.8", "$.vulnerabilities[0]", func(a *csaf.Advisory) { vuln(a).CVE = "" }},
		{"impact statement", "6.1.27.9", "$.vulnerabilities[0].product_status.known_not_affected[0]", func(a *csaf.Advisory) { vuln(a).Flags = nil }},
		{"action statement", "6.1.27.10", "$.vulnerabilities[0].product_status.known_affected[1]", func(a *csaf.Advisory) {
			vuln(a).Remediations[0].ProductIDs = []string{"P1"}
		}},
		{"vex without vulnerabilities", "6.1.27.11", "$.vulnerabilities", func(a *csaf.Advisory) { a.Vulnerabilities = nil }},
		{"informational advisory", "6.1.27.3", "$.vulnerabilities", func(a *csaf.Advisory) {
			a.Document.Category = csaf.CategoryInformationalAdvisory
			a.Document.Notes = []*csaf.Note{{Category: "summary", Text: "Hardening guidance."}}
			a.Document.References = []*csaf.Reference{{Summary: "Guide", URL: "https://example.com/guide"}}
		}},
		{"translation", "6.1.28", "$.document.source_lang", func(a *csaf.Advisory) { a.Document.SourceLang = "EN" }},
		{"remediation without products", "6.1.29", "$.vulnerabilities[0].remediations[1]", func(a *csaf.Advisory) {
			vuln(a).Remediations = append(vuln(a).Remediations, &csaf.Remediation{Category: "mitigation", Details: "Firewall it."})
		}},
		{"mixed versions", "6.1.30", "$.document.tracking.revision_history[0].number", func(a *csaf.Advisory) {
			a.Document.Tracking.RevisionHistory[0].Number = "1.0.0"
		}},
		{"version range", "6.1.31", "$.product_tree.branches[0].branches[0].branches[1].name", func(a *csaf.Advisory) {
			a.ProductTree.Branches[0].Branches[0].Branches[1].Name = "<= 2.0"
		}},
		{"flag without products", "6.1.32", "$.vulnerabilities[0].flags[1]", func(a *csaf.Advisory) {
			vuln(a).Flags = append(vuln(a).Flags, &csaf.Flag{Label: "component_not_present"})
		}},
		{"two justifications", "6.1.33", "$.vulnerabilities[0].flags[1]", func(a *csaf.Advisory) {
			vuln(a).Flags = append(vuln(a).Flags, &csaf.Flag{Label: "component_not_present", ProductIDs: []string{"L1"}})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := validVEX()
			tc.breakIt(a)
			problems, err := csaf.ValidateAdvisory(a)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(problems, func(p csaf.Problem) bool { return p.Test == tc.test && p.Path == tc.path }) {
				t.Errorf("want %s at %s; got %v", tc.test, tc.path, problems)
			}
			for _, p := range problems {
				if p.Pos.Line == 0 {
					t.Errorf("problem without a line: %s", p)
				}
			}
		})
	}
}

// TestValidateMalformed: input that is not JSON is reported with its line
// and column, too large input is refused by Read.
func TestValidateMalformed(t *testing.T) {
	t.Parallel()
	problems, err := csaf.Validate("bad.json", []byte("{\n  \"document\": {\n    \"category\": csaf_base\n  }\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || problems[0].Test != "json" || problems[0].Pos.Line != 3 || problems[0].Pos.Col != 17 {
		t.Errorf("problems = %v, want one json problem at 3:17", problems)
	}
	if got := problems[0].String(); !strings.HasPrefix(got, "bad.json:3:17: json $: JSON syntax error") {
		t.Errorf("String() = %q", got)
	}
	_, err = csaf.Read("big.json", bytes.NewReader(make([]byte, 2<<20)), csaf.Limits{MaxBytes: 1 << 20})
	if ward.CodeOf(err) != ward.EInvalid || !strings.Contains(err.Error(), "1 MiB") {
		t.Errorf("oversize: err = %v, want EInvalid naming the limit", err)
	}
	problems, _ = csaf.Validate("array.json", []byte(`[1, 2]`))
	if len(problems) == 0 || problems[0].Test != "schema" {
		t.Errorf("a JSON array: %v, want a schema problem", problems)
	}
}

// TestProblemPositions: each problem points at its value in the file.
func TestProblemPositions(t *testing.T) {
	t.Parallel()
	f := filepath.Join("testdata", "mandatory", "OASIS_CSAF_TC-CSAF_2_0-2021-6-1-01-01.json")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	problems, err := csaf.Validate(f, data)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		f + ":31:11: 6.1.1 $.product_tree.product_groups[0].product_ids[0]: product ID CSAFPID-9080700 is not defined in the product tree",
		f + ":32:11: 6.1.1 $.product_tree.product_groups[0].product_ids[1]: product ID CSAFPID-9080701 is not defined in the product tree",
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := csaf.Validate(f, nil); errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
}
