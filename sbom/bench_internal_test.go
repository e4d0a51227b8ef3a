package sbom

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// bigCycloneDX generates a CycloneDX 1.5 JSON SBOM of n components, each
// with a purl, a hash, a licence and a supplier, and a dependency chain:
// the shape of a large real SBOM (e.g. a container image).
func bigCycloneDX(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"bomFormat":"CycloneDX","specVersion":"1.5","serialNumber":"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79","version":1,`)
	b.WriteString(`"metadata":{"timestamp":"2024-05-01T10:00:00Z","authors":[{"name":"Build"}],"component":{"type":"application","bom-ref":"app","name":"app","version":"1.0.0"}},"components":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"library","bom-ref":"c%d","supplier":{"name":"Supplier %d"},"group":"org.example%d","name":"lib%d","version":"1.%d.0",`+
			`"hashes":[{"alg":"SHA-256","content":"%064x"}],"licenses":[{"license":{"id":"MIT"}}],"purl":"pkg:maven/org.example%d/lib%d@1.%d.0",`+
			`"description":"A library used to test how fast a large SBOM is read by ward."}`, i, i%100, i%1000, i, i%50, i, i%1000, i, i%50)
	}
	b.WriteString(`],"dependencies":[{"ref":"app","dependsOn":["c0"]}`)
	for i := range n {
		if i+1 < n {
			fmt.Fprintf(&b, `,{"ref":"c%d","dependsOn":["c%d"]}`, i, i+1)
		} else {
			fmt.Fprintf(&b, `,{"ref":"c%d"}`, i)
		}
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// BenchmarkParseCycloneDXJSON measures Parse (the encoding/json fast path)
// on a generated 100,000-component SBOM.
func BenchmarkParseCycloneDXJSON(b *testing.B) {
	data := bigCycloneDX(100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s, err := Parse("big.cdx.json", bytes.NewReader(data), Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Components) != 100_000 {
			b.Fatalf("%d components", len(s.Components))
		}
	}
}

// BenchmarkParseCycloneDXJSONLibrary measures the same with cyclonedx-go
// decoding, the reference the fast path replaces.
func BenchmarkParseCycloneDXJSONLibrary(b *testing.B) {
	data := bigCycloneDX(100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s, err := parseCycloneDXLibJSON("big.cdx.json", data)
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Components) != 100_000 {
			b.Fatalf("%d components", len(s.Components))
		}
	}
}

// TestFastPathMatchesLibrary checks that the fast JSON path and
// cyclonedx-go read the same ward.SBOM, on a generated SBOM and on every
// CycloneDX JSON fixture.
func TestFastPathMatchesLibrary(t *testing.T) {
	inputs := [][]byte{bigCycloneDX(50)}
	files, _ := filepath.Glob("testdata/*.cdx.json")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, b)
	}
	for _, data := range inputs {
		fast, err := parseCycloneDXJSON("x", data)
		if err != nil {
			t.Fatal(err)
		}
		lib, err := parseCycloneDXLibJSON("x", data)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(lib, fast); diff != "" {
			t.Errorf("fast path differs from cyclonedx-go (-library +fast):\n%s", diff)
		}
	}
}
