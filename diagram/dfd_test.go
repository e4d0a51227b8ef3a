package diagram_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/diagram"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/securityfile"
)

// small is a hand-built model: nested boundaries, every element kind, a
// flow in each direction between two elements, an unencrypted flow, a flow
// from an element to itself and text that needs escaping.
func small() *ward.Architecture {
	return &ward.Architecture{
		Boundaries: []*ward.Boundary{
			{ID: "TB-HOSP", Name: "Hospital <LAN> & VLANs", Kind: "hospital"},
			{ID: "TB-DEV", Name: "Device", Parent: "TB-HOSP", Kind: "device"},
			{ID: "TB-CLOUD", Name: "Cloud", Kind: "cloud"},
		},
		Elements: []*ward.Element{
			{ID: "EE-USER", Name: "Clinician", Kind: "external_entity"},
			{ID: "P-FW", Name: "Firmware", Kind: "process", Boundary: "TB-DEV"},
			{ID: "DS-FLASH", Name: "Flash store with a rather long name that must wrap onto lines", Kind: "data_store", Boundary: "TB-DEV"},
			{ID: "P-GW", Name: `Gateway "edge"`, Kind: "process", Boundary: "TB-HOSP"},
			{ID: "P-API", Name: "Cloud API", Kind: "process", Boundary: "TB-CLOUD"},
		},
		Flows: []*ward.Flow{
			{ID: "F-1", From: "EE-USER", To: "P-FW", Protocol: "touch", Encryption: "none"},
			{ID: "F-2", From: "P-FW", To: "DS-FLASH", Protocol: "flash driver", Encryption: "AES-256"},
			{ID: "F-3", From: "P-FW", To: "P-GW", Protocol: "MQTT/TLS", Encryption: "TLS 1.2"},
			{ID: "F-4", From: "P-GW", To: "P-FW", Protocol: "MQTT/TLS", Encryption: "TLS 1.2"},
			{ID: "F-5", From: "P-GW", To: "P-API", Protocol: "HTTPS", Encryption: "TLS 1.3"},
			{ID: "F-6", From: "P-API", To: "P-API", Protocol: "loopback <&>", Encryption: ""},
		},
	}
}

func example(t testing.TB) *ward.Architecture {
	t.Helper()
	sf, err := securityfile.Load("../examples/infusion-pump", securityfile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return sf.Architecture
}

func render(t testing.TB, a *ward.Architecture, o diagram.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := diagram.DFD(&b, a, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDFDGolden(t *testing.T) {
	testutil.Golden(t, ".svg", render(t, small(), diagram.Options{Title: "Small <model>"}))
}

// idCounts decodes the whole document, failing on any XML error, and
// counts the id attributes.
func idCounts(t *testing.T, svg []byte) map[string]int {
	t.Helper()
	counts := map[string]int{}
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return counts
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local == "script" {
				t.Errorf("SVG has a script")
			}
			for _, a := range se.Attr {
				if a.Name.Local == "id" {
					counts[a.Value]++
				}
			}
		}
	}
}

func TestDFD(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		arch func(testing.TB) *ward.Architecture
	}{
		{"small", func(testing.TB) *ward.Architecture { return small() }},
		{"infusion-pump", example},
		{"big", func(testing.TB) *ward.Architecture { return big(300, 900) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := tc.arch(t)
			svg := render(t, a, diagram.Options{Title: tc.name, MaxWidth: 1600})
			counts := idCounts(t, svg)
			var want []string
			for _, e := range a.Elements {
				want = append(want, e.ID)
			}
			for _, b := range a.Boundaries {
				want = append(want, b.ID)
			}
			for _, f := range a.Flows {
				want = append(want, f.ID)
			}
			for _, id := range want {
				if counts[id] != 1 {
					t.Errorf("id %q occurs %d times, want 1", id, counts[id])
				}
			}
			if again := render(t, a, diagram.Options{Title: tc.name, MaxWidth: 1600}); !bytes.Equal(svg, again) {
				t.Errorf("two renderings of the same model differ")
			}
			checkGeometry(t, a)
		})
	}
}

// checkGeometry checks that no two element boxes overlap, that sibling
// boundaries do not overlap, and that every element and boundary lies
// inside the boundary it belongs to.
func checkGeometry(t *testing.T, a *ward.Architecture) {
	t.Helper()
	b, err := diagram.LayOut(a)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(m map[string]diagram.Rect) []string {
		var s []string
		for id := range m {
			s = append(s, id)
		}
		slices.Sort(s)
		return s
	}
	els, bounds := ids(b.Elements), ids(b.Boundaries)
	for i, x := range els {
		for _, y := range els[i+1:] {
			if b.Elements[x].Overlaps(b.Elements[y]) {
				t.Errorf("elements %s %v and %s %v overlap", x, b.Elements[x], y, b.Elements[y])
			}
		}
		if p := b.Parent[x]; p != "" && !b.Boundaries[p].Contains(b.Elements[x]) {
			t.Errorf("element %s %v is not inside its boundary %s %v", x, b.Elements[x], p, b.Boundaries[p])
		}
	}
	for i, x := range bounds {
		if p := b.Parent[x]; p != "" && !b.Boundaries[p].Contains(b.Boundaries[x]) {
			t.Errorf("boundary %s %v is not inside its parent %s %v", x, b.Boundaries[x], p, b.Boundaries[p])
		}
		for _, y := range bounds[i+1:] {
			if b.Parent[x] == b.Parent[y] && b.Boundaries[x].Overlaps(b.Boundaries[y]) {
				t.Errorf("sibling boundaries %s and %s overlap", x, y)
			}
		}
		for _, e := range els {
			if b.Parent[e] == b.Parent[x] && b.Boundaries[x].Overlaps(b.Elements[e]) {
				t.Errorf("boundary %s overlaps its sibling element %s", x, e)
			}
		}
	}
}

func TestDFDMaxWidth(t *testing.T) {
	t.Parallel()
	svg := render(t, example(t), diagram.Options{MaxWidth: 800})
	var root struct {
		Width string `xml:"width,attr"`
	}
	if err := xml.Unmarshal(svg, &root); err != nil {
		t.Fatal(err)
	}
	if w, err := strconv.Atoi(root.Width); err != nil || w > 800 {
		t.Errorf("width = %q, want at most 800", root.Width)
	}
}

func TestDFDInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(a *ward.Architecture)
	}{
		{"flow to unknown element", func(a *ward.Architecture) { a.Flows[0].To = "P-NONE" }},
		{"unknown boundary", func(a *ward.Architecture) { a.Elements[0].Boundary = "TB-NONE" }},
		{"cyclic boundaries", func(a *ward.Architecture) { a.Boundaries[0].Parent = "TB-DEV" }},
		{"duplicate element", func(a *ward.Architecture) { a.Elements[1].ID = a.Elements[0].ID }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := small()
			tc.mutate(a)
			err := diagram.DFD(io.Discard, a, diagram.Options{})
			if ward.CodeOf(err) != ward.EInvalid {
				t.Errorf("DFD = %v, want code %s", err, ward.EInvalid)
			}
		})
	}
	if err := diagram.DFD(io.Discard, nil, diagram.Options{}); ward.CodeOf(err) != ward.EInvalid {
		t.Errorf("DFD(nil) = %v, want code %s", err, ward.EInvalid)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestDFDWriteError(t *testing.T) {
	t.Parallel()
	if err := diagram.DFD(failWriter{}, small(), diagram.Options{}); err == nil {
		t.Error("DFD to a failing writer returned nil")
	}
}

// TestDFDLarge keeps the layout of a large model within a time a user
// waits for; BenchmarkDFD1000 measures it.
func TestDFDLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large model")
	}
	start := time.Now()
	svg := render(t, big(1000, 5000), diagram.Options{})
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("1,000 elements took %v", d)
	}
	idCounts(t, svg)
}

// BenchmarkDFD1000 draws a generated model of 1,000 elements in 20 nested
// boundaries and 5,000 flows.
func BenchmarkDFD1000(b *testing.B) {
	a := big(1000, 5000)
	b.ResetTimer()
	for b.Loop() {
		if err := diagram.DFD(io.Discard, a, diagram.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// big builds a deterministic model: 20 boundaries nested three to a
// parent, elements of every kind spread over them, flows between elements
// far apart in ID order (so most cross boundaries) with mixed encryption.
func big(elements, flows int) *ward.Architecture {
	a := &ward.Architecture{}
	for i := range 20 {
		parent := ""
		if i > 0 {
			parent = id("TB", (i-1)/3)
		}
		a.Boundaries = append(a.Boundaries, &ward.Boundary{ID: id("TB", i), Name: "Boundary " + strconv.Itoa(i), Parent: parent})
	}
	kinds := []string{"process", "process", "data_store", "external_entity"}
	for i := range elements {
		a.Elements = append(a.Elements, &ward.Element{ID: id("E", i), Name: "Element number " + strconv.Itoa(i), Kind: kinds[i%4], Boundary: id("TB", i%20)})
	}
	for i := range flows {
		f := &ward.Flow{ID: id("F", i), From: id("E", (i*7)%elements), To: id("E", (i*13+1)%elements), Protocol: "TCP"}
		if i%3 != 0 {
			f.Encryption = "TLS"
		}
		a.Flows = append(a.Flows, f)
	}
	return a
}

func id(prefix string, n int) string { return prefix + "-" + strconv.Itoa(n) }
