package sbom_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/sbom"
)

// fuzzParse is the property every parser fuzz target checks: Parse never
// panics; a rejection is a user-readable EInvalid error (a position error or
// a *ward.Error), and an accepted document can be written back in both
// output formats.
func fuzzParse(f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add(testutil.Read(f, "testdata/"+s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := sbom.Parse("fuzz", bytes.NewReader(b), sbom.Limits{MaxBytes: 4 << 20})
		if err != nil {
			if ward.CodeOf(err) != ward.EInvalid {
				t.Fatalf("rejection is not a clear EInvalid error: %v", err)
			}
			return
		}
		if err := sbom.WriteCycloneDXJSON(io.Discard, s); err != nil {
			t.Fatalf("accepted input cannot be written as CycloneDX: %v", err)
		}
		if err := sbom.WriteSPDXJSON(io.Discard, s); err != nil {
			t.Fatalf("accepted input cannot be written as SPDX: %v", err)
		}
		_ = sbom.Diff(s, s)
	})
}

func FuzzParseCycloneDXJSON(f *testing.F) {
	fuzzParse(f, "minimal.cdx.json", "nested-components.cdx.json", "dependencies.cdx.json")
}

func FuzzParseCycloneDXXML(f *testing.F) {
	fuzzParse(f, "nested-components.cdx.xml", "bom-1.1.cdx.xml")
}

func FuzzParseSPDXJSON(f *testing.F) {
	fuzzParse(f, "dependency.spdx.json")
}

func FuzzParseSPDXTagValue(f *testing.F) {
	fuzzParse(f, "example6-lib.spdx")
}
