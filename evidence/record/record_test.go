package record

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/evidence"
)

func file() *ward.SecurityFile {
	return &ward.SecurityFile{
		Requirements: []*ward.Requirement{{ID: "REQ-1"}, {ID: "REQ-12"}},
		Controls:     []*ward.Control{{ID: "CTL-7"}},
		Threats:      []*ward.Threat{{ID: "THR-3"}},
		Policy:       &ward.Policy{SASTBlockLevel: "high"},
	}
}

var meta = Meta{ExecutedBy: []string{"r.costa"}, Release: "2.4.0", Today: ward.MustDate("2026-11-27")}

func TestFromJUnit(t *testing.T) {
	rep := &evidence.JUnitReport{Dialect: "go", Timestamp: "2026-11-19T14:02:11Z", Cases: []evidence.Case{
		{Class: "pkg", Name: "TestLimits_REQ_1", Status: evidence.StatusPass, Properties: map[string]string{"go.version": "go1.26.8 linux/amd64"}},
		{Class: "pkg", Name: "TestLimitsAgain", Status: evidence.StatusFail, Properties: map[string]string{"requirement": "REQ-1"}},
		{Class: "pkg", Name: "TestSignature_CTL_7", Status: evidence.StatusSkipped},
		{Class: "pkg", Name: "TestREQ12Only", Status: evidence.StatusPass},
		{Class: "pkg", Name: "TestUnrelated", Status: evidence.StatusPass},
	}}
	imp := FromJUnit("ci/go-test.xml", []byte("report"), rep, file(), meta)
	if imp.Stored != "evidence/"+Digest([]byte("report"))[:12]+"-go-test.xml" {
		t.Errorf("stored as %s", imp.Stored)
	}
	got := map[string]*ward.Test{}
	for _, tt := range imp.Tests {
		got[tt.Verifies[0]] = tt
	}
	if len(got) != 3 || got["REQ-1"].Result != "fail" || got["CTL-7"].Result != "not_run" || got["REQ-12"].Result != "pass" {
		t.Fatalf("tests = %+v", imp.Tests)
	}
	if got["CTL-7"].Kind != ward.TestThreatMitigation || got["REQ-1"].Kind != ward.TestSecurityRequirement {
		t.Errorf("kinds: CTL-7 %s, REQ-1 %s", got["CTL-7"].Kind, got["REQ-1"].Kind)
	}
	r := got["REQ-1"]
	if r.Date.String() != "2026-11-19" || r.Tool.Version != "go1.26.8" || r.Release != "2.4.0" || r.SHA256 != imp.SHA256 || !strings.Contains(r.Title, "failed: pkg.TestLimitsAgain") {
		t.Errorf("REQ-1 test = %+v", r)
	}
	if !slices.Equal(imp.Unmapped, []string{"pkg.TestUnrelated"}) {
		t.Errorf("unmapped = %v", imp.Unmapped)
	}
}

func TestFromSARIF(t *testing.T) {
	runs := []evidence.SARIFRun{{ToolName: "semgrep", ToolVersion: "1.90.0", Results: []evidence.SARIFResult{
		{RuleID: "tainted-sql", Severity: "high", File: "api/db.go", Line: 12, Message: "SQL injection", Tags: []string{"external/cwe/cwe-089"}, Texts: []string{"tainted-sql", "REQ-12"}},
		{RuleID: "weak-hash", Severity: "critical", Suppressed: true, Texts: []string{"weak-hash"}},
		{RuleID: "todo", Severity: "low", Texts: []string{"todo"}},
	}}}
	imp := FromSARIF("scan.sarif", []byte("sarif"), runs, file(), meta)
	if len(imp.Tests) != 1 || len(imp.Findings) != 1 {
		t.Fatalf("tests %d, findings %d", len(imp.Tests), len(imp.Findings))
	}
	tt, f := imp.Tests[0], imp.Findings[0]
	if tt.Kind != ward.TestSAST || tt.Result != "fail" || !slices.Equal(tt.Verifies, []string{"REQ-12"}) || !slices.Equal(tt.Findings, []string{f.ID}) {
		t.Errorf("test = %+v", tt)
	}
	if f.Severity != "high" || f.Status != "open" || !slices.Equal(f.CWE, []string{"CWE-89"}) || f.Source != tt.ID || !strings.Contains(f.Title, "api/db.go:12") {
		t.Errorf("finding = %+v", f)
	}
	if again := FromSARIF("scan.sarif", []byte("sarif"), runs, file(), meta); again.Findings[0].ID != f.ID {
		t.Error("finding IDs are not stable for the same report")
	}
}

func TestStoreAndVerify(t *testing.T) {
	dir := t.TempDir()
	data := []byte("<testsuite/>")
	imp := &Import{Name: "a.xml", Stored: storedPath(Digest(data), "a.xml"), SHA256: Digest(data), Format: "junit",
		Tests: []*ward.Test{{ID: "EV-1", Title: "t", Kind: ward.TestFuzz, ExecutedBy: []string{"x"}, Result: "pass", Report: "", SHA256: ""}}}
	imp.Tests[0].Report, imp.Tests[0].SHA256 = imp.Stored, imp.SHA256
	undo, err := Store(dir, data, imp)
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := os.ReadFile(filepath.Join(dir, File))
	if !strings.Contains(string(doc), "---\n# a.xml (junit)") || !strings.Contains(string(doc), "  - id: EV-1\n") || strings.Contains(string(doc), "authors") {
		t.Errorf("evidence.yaml:\n%s", doc)
	}
	sf := &ward.SecurityFile{Tests: imp.Tests}
	if errs := VerifyReports(dir, sf); len(errs) != 0 {
		t.Errorf("fresh import: %v", errs)
	}
	if err := undo(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, File)); !errors.Is(err, fs.ErrNotExist) {
		t.Error("undo left evidence.yaml")
	}
	errs := VerifyReports(dir, sf)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "is missing") {
		t.Errorf("after undo: %v", errs)
	}
	sf.Tests[0].Report = "../outside.xml"
	if errs := VerifyReports(dir, sf); len(errs) != 1 || !strings.Contains(errs[0].Error(), "outside the security file folder") {
		t.Errorf("outside: %v", errs)
	}
	sf.Tests[0].Report = "dms:QMS/VER/1.xml"
	if errs := VerifyReports(dir, sf); len(errs) != 0 {
		t.Errorf("an external reference cannot be read and is skipped: %v", errs)
	}
}

func TestDocumentCommentStaysAComment(t *testing.T) {
	imp := &Import{Name: "x\ntests: [{id: EVIL}]\r.xml", Format: "junit", SHA256: Digest(nil),
		Tests: []*ward.Test{{ID: "EV-1", Title: "t", Kind: ward.TestFuzz, Result: "pass"}}}
	doc, err := Document(imp)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc, "\ntests: [{id: EVIL}]") || strings.Count(doc, "\n# ") != 1 {
		t.Errorf("a file name broke out of the comment:\n%s", doc)
	}
}

func TestExternal(t *testing.T) {
	for ref, want := range map[string]bool{
		"dms:QMS/1.pdf": true, "https://qms.example/1": true, "evidence/a.xml": false, "a.xml": false,
		`C:\reports\a.xml`: false, "C:/reports/a.xml": false, "./x:y": false, "docs/a:b.xml": false,
	} {
		if got := External(ref); got != want {
			t.Errorf("External(%q) = %v, want %v", ref, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	if got := safeName("../../etc/pass wd"); got != ".._.._etc_pass_wd" {
		t.Errorf("safeName = %q", got)
	}
	if got := storedPath(Digest([]byte("x")), "/tmp/../a b.xml"); !strings.HasPrefix(got, "evidence/") || strings.Contains(got, "/..") || strings.Contains(got, " ") {
		t.Errorf("storedPath = %q", got)
	}
	if got := cwes([]string{"CWE-79", "external/cwe/cwe-079", "security", "cwe-20x"}); !slices.Equal(got, []string{"CWE-20", "CWE-79"}) {
		t.Errorf("cwes = %v", got)
	}
}
