package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward/internal/testutil"
)

// TestImport imports the tools' own example models, checks that the
// written folder validates, and that a second import refuses to overwrite.
func TestImport(t *testing.T) {
	for _, tc := range []struct{ name, format, file string }{
		{"threagile", "threagile", "../importer/testdata/threagile-example.yaml"},
		{"threatdragon", "threatdragon", "../importer/testdata/threatdragon-v2-demo.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "security")
			code, stdout, stderr := run(t, "import", tc.format, tc.file, "--out", dir)
			if code != 0 {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			testutil.Golden(t, ".stdout", []byte(strings.ReplaceAll(stdout, dir, "OUT")))
			for _, n := range []string{"product.yaml", "context.yaml", "architecture.yaml", "threats.yaml"} {
				b, err := os.ReadFile(filepath.Join(dir, n))
				if err != nil {
					t.Fatal(err)
				}
				testutil.Golden(t, "/"+n, b)
			}
			if code, stdout, stderr := run(t, "validate", dir); code != 0 {
				t.Errorf("validate: exit %d\n%s%s", code, stdout, stderr)
			}
			code, _, stderr = run(t, "import", tc.format, tc.file, "--out", dir)
			if code != 3 || !strings.Contains(stderr, "architecture.yaml") || !strings.Contains(stderr, "not overwritten") {
				t.Errorf("second import: exit %d, stderr %q; want exit 3 naming the existing files", code, stderr)
			}
		})
	}
}

func TestImportErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("{\n  \"detail\": [,\n}"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no args", []string{"import"}, 2, "want a format"},
		{"no out", []string{"import", "threagile", "x.yaml"}, 2, "--out DIR is required"},
		{"unknown format", []string{"import", "pytm", "x", "--out", out}, 2, "unknown format"},
		{"missing file", []string{"import", "threagile", filepath.Join(out, "none.yaml"), "--out", out}, 3, "none.yaml"},
		{"malformed json", []string{"import", "threatdragon", bad, "--out", out}, 3, "bad.json:2:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, stderr, tc.code, tc.want)
			}
		})
	}
}
