package sbom_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/sbom"
)

// TestConvertPublicSBOMs converts every readable document of the shared
// corpus to CycloneDX 1.6 and SPDX 2.3: each output must validate against
// its schema, keep the components, and be byte-identical when written twice.
func TestConvertPublicSBOMs(t *testing.T) {
	dir := testutil.SharedData(t, "sboms")
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		ext := strings.ToLower(filepath.Ext(path))
		if ext != ".json" && ext != ".xml" && ext != ".spdx" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if unreadable(rel, data) != "" {
			return nil
		}
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			s, err := sbom.Parse(rel, bytes.NewReader(data), sbom.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range writers {
				var a, b bytes.Buffer
				if err := w.write(&a, s); err != nil {
					t.Fatalf("%s: %v", w.name, err)
				}
				if err := w.write(&b, s); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Errorf("%s: output differs between two writes", w.name)
				}
				rep, err := sbom.Validate("out."+w.name, a.Bytes())
				if err != nil {
					t.Fatalf("%s: Validate: %v", w.name, err)
				}
				if !rep.Valid() {
					t.Errorf("%s output invalid:\n%s", w.name, problems(rep.Errors))
				}
				if rep.SBOM != nil && len(rep.SBOM.Components) != len(s.Components) {
					t.Errorf("%s: %d components written, want %d", w.name, len(rep.SBOM.Components), len(s.Components))
				}
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var writers = []struct {
	name  string
	write func(w *bytes.Buffer, s *wardSBOM) error
}{
	{"cdx.json", func(w *bytes.Buffer, s *wardSBOM) error { return sbom.WriteCycloneDXJSON(w, s) }},
	{"spdx.json", func(w *bytes.Buffer, s *wardSBOM) error { return sbom.WriteSPDXJSON(w, s) }},
}
