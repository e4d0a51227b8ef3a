package sbom_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/sbom"
)

// TestCycloneDXConformance runs every case of the CycloneDX specification's
// own test suite (shared data, conformance/cyclonedx): each valid-* file
// must be accepted and each invalid-* file rejected. Versions 1.0 and 1.1
// (XML only) are judged as described in cyclonedx_xml_validate.go.
func TestCycloneDXConformance(t *testing.T) {
	dir := testutil.SharedData(t, "conformance/cyclonedx")
	for _, ver := range []string{"1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "ext"} {
		files, err := filepath.Glob(filepath.Join(dir, ver, "*"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("no conformance cases in %s", ver)
		}
		for _, f := range files {
			base := filepath.Base(f)
			t.Run(ver+"/"+base, func(t *testing.T) {
				t.Parallel()
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				rep, err := sbom.Validate(base, data)
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				switch {
				case strings.HasPrefix(base, "valid-") && !rep.Valid():
					t.Errorf("valid case rejected:\n%s", problems(rep.Errors))
				case strings.HasPrefix(base, "invalid-") && rep.Valid():
					t.Errorf("invalid case accepted")
				}
			})
		}
	}
}

func problems(ps []sbom.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  ")
		b.WriteString(p.String())
		b.WriteString("\n")
	}
	return b.String()
}
