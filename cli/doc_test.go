package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward/cli"
	"github.com/wardhq/ward/internal/browser"
	"github.com/wardhq/ward/internal/pdfcheck"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/sbom"
)

// TestDocUsage covers the mistakes a user can make with `ward doc
// technical-file` and `ward doc hdo`: each is a usage error that says
// what to do, and writes nothing.
func TestDocUsage(t *testing.T) {
	t.Parallel()
	const pump = "../examples/infusion-pump"
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"techfile_no_release", []string{"doc", "technical-file", pump, "--out", "x"}},
		{"techfile_no_out", []string{"doc", "technical-file", pump, "--release", "2.4.0"}},
		{"techfile_unknown_release", []string{"doc", "technical-file", pump, "--release", "9.9.9", "--out", "x"}},
		{"techfile_bad_date", []string{"doc", "technical-file", pump, "--release", "2.4.0", "--out", "x", "--date", "26.11.2026"}},
		{"hdo_no_release", []string{"doc", "hdo", pump, "--out", "x"}},
		{"hdo_unknown_release", []string{"doc", "hdo", pump, "--release", "9.9.9", "--out", "x"}},
		{"hdo_two_dirs", []string{"doc", "hdo", pump, pump, "--release", "2.4.0", "--out", "x"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := t.TempDir()
			args := append([]string{}, tc.args...)
			for i, a := range args {
				if a == "x" {
					args[i] = filepath.Join(out, "docs")
				}
			}
			code, stdout, stderr := run(t, args...)
			if code != cli.ExitUsage {
				t.Errorf("exit = %d, want %d (usage)\nstderr:\n%s", code, cli.ExitUsage, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if _, err := os.Stat(filepath.Join(out, "docs")); err == nil {
				t.Error("a usage error created the output folder")
			}
			testutil.Golden(t, ".stderr", []byte(stderr))
		})
	}
}

// TestDocFiles runs both commands on a copy of the pump's security file
// (outside git, so the documents name its digest) and checks the files:
// HTML that headless Chromium renders to a page that is not blank, PDF that
// parses back with its title on the first page, the SBOM as CycloneDX and
// SPDX, and the same bytes on a second run.
func TestDocFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyDir(t, "../examples/infusion-pump", dir)
	for _, tc := range []struct {
		name  string
		args  []string
		files []string
		html  []string // texts the HTML must hold
		title string   // the document's title, on the first PDF page
	}{
		{"technical-file", []string{"doc", "technical-file", dir, "--release", "2.4.0", "--date", "2026-11-26"},
			[]string{"technical-file-2.4.0.html", "technical-file-2.4.0.pdf"},
			[]string{"FDA premarket documentation map", "I-INTERFACE-UNLABELED-a58a7f25", "IF-GW-SSH", "RSK-009", "osv-2026-11-23T05:00Z"},
			"Cybersecurity technical documentation"},
		{"hdo", []string{"doc", "hdo", dir, "--release", "2.4.0"},
			[]string{"hdo-security-2.4.0.html", "hdo-security-2.4.0.pdf", "sbom-2.4.0.cdx.json", "sbom-2.4.0.spdx.json",
				"mds2-2.4.0.xlsx", "mds2-2.4.0.csv", "mds2-2.4.0.json"},
			[]string{"Interfaces, ports and services", "22/tcp", "RSK-009", "DOC-DECOM-001", "sbom-2.4.0.cdx.json", "mds2-2.4.0.xlsx"},
			"Security information for the operator"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			first, second := t.TempDir(), t.TempDir()
			for _, out := range []string{first, second} {
				code, stdout, stderr := run(t, append(tc.args, "--out", out)...)
				if code != cli.ExitOK {
					t.Fatalf("exit = %d, want 0\nstderr:\n%s", code, stderr)
				}
				var want []string
				for _, f := range tc.files {
					want = append(want, filepath.Join(out, f))
				}
				if got := strings.Fields(stdout); strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("stdout lists %q, want %q", got, want)
				}
			}
			for _, f := range tc.files {
				a := testutil.Read(t, filepath.Join(first, f))
				b := testutil.Read(t, filepath.Join(second, f))
				if !bytes.Equal(a, b) {
					t.Errorf("%s differs between two runs on the same input", f)
				}
				switch {
				case strings.HasSuffix(f, ".pdf"):
					pages, err := pdfcheck.Pages(a)
					if err != nil {
						t.Fatalf("%s does not parse back: %v", f, err)
					}
					first := strings.ToLower(strings.Join(strings.Fields(pages[0]), " ")) // titles wrap
					if len(pages) < 5 || !strings.Contains(first, strings.ToLower(tc.title)) || !strings.Contains(first, "2.4.0") {
						t.Errorf("%s: %d pages; first page lacks %q or the release:\n%s", f, len(pages), tc.title, pages[0])
					}
				case strings.HasSuffix(f, ".html"):
					for _, want := range append(tc.html, "2.4.0", "SHA-256") {
						if !bytes.Contains(a, []byte(want)) {
							t.Errorf("%s lacks %q", f, want)
						}
					}
					if browser.Blank(browser.Screenshot(t, a)) {
						t.Errorf("%s renders blank in Chromium", f)
					}
				case strings.HasPrefix(f, "mds2-"):
					if len(a) == 0 {
						t.Errorf("%s is empty", f)
					}
				case strings.HasSuffix(f, ".json"):
					rep, err := sbom.Validate(f, a)
					if err != nil || !rep.Valid() || rep.Components != 23 {
						t.Errorf("%s: err %v, valid %t, %d components, want a valid SBOM of 23 components", f, err, rep.Valid(), rep.Components)
					}
				}
			}
		})
	}
}

// TestDocHDOWithoutSBOM: a release without an SBOM still gets its
// document (which names the gap); the command says no SBOM was written.
func TestDocHDOWithoutSBOM(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	code, stdout, stderr := run(t, "doc", "hdo", "../examples/care-planner", "--release", "1.4.0", "--out", out)
	if code != cli.ExitOK {
		t.Fatalf("exit = %d, want 0\nstderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "release 1.4.0 has no SBOM") {
		t.Errorf("stderr = %q, want the missing SBOM named", stderr)
	}
	if strings.Contains(stdout, "sbom-") || !strings.Contains(stdout, "mds2-1.4.0.xlsx") {
		t.Errorf("stdout = %q, want no SBOM files but the MDS2 form", stdout)
	}
	html := testutil.Read(t, filepath.Join(out, "hdo-security-1.4.0.html"))
	if !bytes.Contains(html, []byte("No SBOM is recorded for release 1.4.0")) {
		t.Error("the document does not name the missing SBOM")
	}
}
