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

// TestParsePublicSBOMs parses every CycloneDX and SPDX 2.x document of the
// shared corpus (CycloneDX bom-examples, spdx-examples, the SPDX
// specification examples). Formats ward does not read (SPDX 3 JSON-LD,
// RDF, YAML, SPDX XML) must be refused with a clear error, not misread.
func TestParsePublicSBOMs(t *testing.T) {
	dir := testutil.SharedData(t, "sboms")
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		ext := strings.ToLower(filepath.Ext(path))
		if ext != ".json" && ext != ".xml" && ext != ".spdx" {
			return nil
		}
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := sbom.Parse(rel, bytes.NewReader(data), sbom.Limits{})
			if want := unreadable(rel, data); want != "" {
				if err == nil {
					t.Fatalf("parsed a document ward does not read (%s)", want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if s.Subject == nil && len(s.Components) == 0 && !strings.Contains(rel, "VEX") {
				t.Logf("no components")
			}
			n++
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Errorf("parsed %d documents, want the whole corpus (>100)", n)
	}
}

// unreadable says why a corpus file is not a document Parse reads, or "".
func unreadable(rel string, data []byte) string {
	switch {
	case bytes.Contains(data, []byte(`"@context"`)):
		return "SPDX 3 JSON-LD"
	case strings.HasSuffix(rel, ".xml") && !bytes.Contains(data, []byte("cyclonedx.org/schema/bom")):
		return "not CycloneDX XML (SPDX XML, RDF)"
	case strings.HasSuffix(rel, ".json") && !bytes.Contains(data, []byte(`"bomFormat"`)) && !bytes.Contains(data, []byte(`"spdxVersion"`)):
		return "neither CycloneDX nor SPDX JSON"
	}
	return ""
}

// TestValidatePublicSBOMs validates every document of the shared corpus
// that ward reads. All are valid except the ones the data README documents
// as invalid upstream, which must be rejected for that reason.
func TestValidatePublicSBOMs(t *testing.T) {
	dir := testutil.SharedData(t, "sboms")
	upstreamInvalid := map[string]string{
		// Uses PACKAGE-MANAGER where the 2.2 schema expects PACKAGE_MANAGER.
		"spdx/spdx-examples/software/example9/spdx2.2/appbomination.spdx.json": "referenceCategory",
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
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
			rep, err := sbom.Validate(rel, data)
			if err != nil {
				t.Fatalf("Validate: %v", err)
			}
			want, bad := upstreamInvalid[rel]
			switch {
			case !bad && !rep.Valid():
				t.Errorf("rejected:\n%s", problems(rep.Errors))
			case bad && rep.Valid():
				t.Errorf("accepted a document invalid upstream (%s)", want)
			case bad && !strings.HasSuffix(rep.Errors[0].Path, want):
				t.Errorf("rejected for %s, want %s", rep.Errors[0].Path, want)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
