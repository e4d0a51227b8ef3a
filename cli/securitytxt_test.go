package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward/cli"
	"github.com/wardhq/ward/internal/testutil"
)

// TestSecurityTxt writes the examples' security.txt files from their
// disclosure records.
func TestSecurityTxt(t *testing.T) {
	t.Parallel()
	const pump = "../examples/infusion-pump"
	runCommandCases(t, []commandCase{
		{"pump", ".txt", []string{"doc", "security-txt", pump}, cli.ExitOK},
		{"pump_csaf", ".txt", []string{"doc", "security-txt", pump, "--expires", "2027-06-30",
			"--canonical-url", "https://meridian-infusion.example/.well-known/csaf/provider-metadata.json"}, cli.ExitOK},
		{"care_planner", ".txt", []string{"doc", "security-txt", "../examples/care-planner"}, cli.ExitOK},
		{"bad_expires", ".txt", []string{"doc", "security-txt", pump, "--expires", "next year"}, cli.ExitUsage},
		{"http_provider", ".txt", []string{"doc", "security-txt", pump, "--canonical-url", "http://meridian-infusion.example/.well-known/csaf"}, cli.ExitError},
	})
}

// TestSecurityTxtExpires: without reviewed_at and --expires there is no
// Expires date, and ward says what to set; -o writes the file.
func TestSecurityTxtExpires(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyDir(t, "../examples/infusion-pump", dir)
	org := filepath.Join(dir, "organization.yaml")
	b := testutil.Read(t, org)
	s := strings.Replace(string(b), "  reviewed_at: 2026-08-27\n", "", 1)
	if s == string(b) {
		t.Fatal("the pump's disclosure record no longer has the reviewed_at line this test removes")
	}
	if err := os.WriteFile(org, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "doc", "security-txt", dir)
	if code != cli.ExitError || !strings.Contains(stderr, "set disclosure.reviewed_at") || !strings.Contains(stderr, "--expires") {
		t.Errorf("exit %d, stderr %q: want exit 3 naming reviewed_at and --expires", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "security.txt")
	if code, _, stderr := run(t, "doc", "security-txt", dir, "--expires", "2027-01-31", "-o", out); code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if got := string(testutil.Read(t, out)); !strings.Contains(got, "\nExpires: 2027-01-31T00:00:00.000Z\n") {
		t.Errorf("security.txt =\n%s", got)
	}
}
