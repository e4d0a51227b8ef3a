package jsonpos_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/jsonpos"
)

func TestOffsets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data string
		want map[string]int64
	}{
		{"empty", "", map[string]int64{}},
		{"white space only", " \n\t", map[string]int64{}},
		{"root scalar", `  "x"`, map[string]int64{"": 2}},
		{
			name: "nested objects and arrays",
			data: `{"a": {"b": [1, {"c": null}, []]}, "d": [[true]]}`,
			want: map[string]int64{
				"": 0, "a": 6, "a.b": 12, "a.b[0]": 13, "a.b[1]": 16, "a.b[1].c": 22, "a.b[2]": 29,
				"d": 40, "d[0]": 41, "d[0][0]": 42,
			},
		},
		{
			name: "escapes in keys are decoded",
			data: `{"a\"b": 1, "\u00e9": 2, "x\\y": {"\/": 3}}`,
			want: map[string]int64{"": 0, `a"b`: 9, "é": 22, `x\y`: 33, `x\y./`: 40},
		},
		{
			name: "non-ASCII text counts in bytes",
			data: `{"naïve": "ünïcödé", "k": 1}`,
			want: map[string]int64{"": 0, "naïve": 11, "k": 31},
		},
		{
			name: "syntax error midway keeps what came before",
			data: `{"a": [1, 2], "b": {"c": 3, "d": tru, "e": 5}}`,
			want: map[string]int64{"": 0, "a": 6, "a[0]": 7, "a[1]": 10, "b": 19, "b.c": 25},
		},
		{
			name: "trailing comma",
			data: `[1,]`,
			want: map[string]int64{"": 0, "[0]": 1},
		},
		{
			name: "only the first value",
			data: `{"a": 1} {"b": 2}`,
			want: map[string]int64{"": 0, "a": 6},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := jsonpos.Offsets([]byte(tc.data))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Offsets(%q) differs (-want +got):\n%s", tc.data, diff)
			}
		})
	}
}

func TestOffsetsOf(t *testing.T) {
	t.Parallel()
	data := []byte(`{"a": [{"b": 1}, {"b": 2}], "c": {"d": "x"}, "e": 3}`)
	tests := []struct {
		name  string
		data  []byte
		paths []string
		want  map[string]int64
	}{
		{"none", data, nil, map[string]int64{}},
		{"root", data, []string{""}, map[string]int64{"": 0}},
		{"deep and shallow", data, []string{"a[1].b", "e", "c"}, map[string]int64{"a[1].b": 23, "c": 33, "e": 50}},
		{"missing paths are left out", data, []string{"a[2].b", "c.d", "zz"}, map[string]int64{"c.d": 39}},
		{
			name:  "stops once all are found",
			data:  []byte(`{"a": 1, "b": {"c": nonsense`),
			paths: []string{"a"},
			want:  map[string]int64{"a": 6},
		},
		{
			name:  "stops at a syntax error in a skipped value",
			data:  []byte(`{"a": {"x": nonsense}, "b": 2}`),
			paths: []string{"b"},
			want:  map[string]int64{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := jsonpos.OffsetsOf(tc.data, tc.paths)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("OffsetsOf(%q) differs (-want +got):\n%s", tc.paths, diff)
			}
		})
	}
}

func TestPos(t *testing.T) {
	t.Parallel()
	data := []byte("{\n  \"title\": \"Größe\", \"n\": 1,\n  \"list\": [\n    {\"x\": \"é\"}\n  ]\n}")
	tests := []struct {
		path string
		want ward.Pos
	}{
		{"", ward.Pos{File: "f.json", Line: 1, Col: 1}},
		{"title", ward.Pos{File: "f.json", Line: 2, Col: 12}},
		// Columns count bytes: "Größe" is 5 characters but 7 bytes.
		{"n", ward.Pos{File: "f.json", Line: 2, Col: 28}},
		{"list", ward.Pos{File: "f.json", Line: 3, Col: 11}},
		{"list[0].x", ward.Pos{File: "f.json", Line: 4, Col: 11}},
		{"list[0].missing", ward.Pos{File: "f.json", Line: 4, Col: 5}},
		{"list[7].x", ward.Pos{File: "f.json", Line: 3, Col: 11}},
		{"nothing.here", ward.Pos{File: "f.json", Line: 1, Col: 1}},
	}
	index := jsonpos.New("f.json", data)
	for _, tc := range tests {
		if got := index.Pos(tc.path); got != tc.want {
			t.Errorf("Pos(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
	if got, want := jsonpos.New("f.json", []byte("  ")).Pos("a"), (ward.Pos{File: "f.json"}); got != want {
		t.Errorf("Pos in a document without values = %v, want %v", got, want)
	}
	got := index.Positions([]string{"n", "list[0].x", "absent"})
	want := map[string]ward.Pos{
		"n":         {File: "f.json", Line: 2, Col: 28},
		"list[0].x": {File: "f.json", Line: 4, Col: 11},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Positions differs (-want +got):\n%s", diff)
	}
}

func TestPosAt(t *testing.T) {
	t.Parallel()
	data := []byte("ab\ncd\r\n\nxé")
	tests := []struct {
		off  int64
		want ward.Pos
	}{
		{-5, ward.Pos{File: "f", Line: 1, Col: 1}},
		{0, ward.Pos{File: "f", Line: 1, Col: 1}},
		{2, ward.Pos{File: "f", Line: 1, Col: 3}}, // the newline ends its line
		{3, ward.Pos{File: "f", Line: 2, Col: 1}},
		{5, ward.Pos{File: "f", Line: 2, Col: 3}},
		{7, ward.Pos{File: "f", Line: 3, Col: 1}},
		{9, ward.Pos{File: "f", Line: 4, Col: 2}},
		{11, ward.Pos{File: "f", Line: 4, Col: 4}}, // end of data, after the 2-byte é
		{99, ward.Pos{File: "f", Line: 4, Col: 4}},
	}
	index := jsonpos.New("f", data)
	for _, tc := range tests {
		if got := index.PosAt(tc.off); got != tc.want {
			t.Errorf("PosAt(%d) = %v, want %v", tc.off, got, tc.want)
		}
	}
}

// TestNewRecord checks positions in one record of a JSON Lines file: lines
// count from the record's line in the file.
func TestNewRecord(t *testing.T) {
	t.Parallel()
	file := "{\"id\": 1}\n{\"id\": 2}\n{\"id\": \"ü\",\n \"x\": [1]}\n"
	records := strings.SplitAfter(file, "\n")
	// The third record is pretty-printed over lines 3 and 4.
	rec := []byte(records[2] + records[3])
	index := jsonpos.NewRecord("all.jsonl", 3, rec)
	tests := []struct {
		path string
		want ward.Pos
	}{
		{"", ward.Pos{File: "all.jsonl", Line: 3, Col: 1}},
		{"id", ward.Pos{File: "all.jsonl", Line: 3, Col: 8}},
		{"x[0]", ward.Pos{File: "all.jsonl", Line: 4, Col: 8}},
		{"x[5]", ward.Pos{File: "all.jsonl", Line: 4, Col: 7}},
	}
	for _, tc := range tests {
		if got := index.Pos(tc.path); got != tc.want {
			t.Errorf("Pos(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
	if got, want := jsonpos.NewRecord("all.jsonl", 7, []byte("x")).Pos("id"), (ward.Pos{File: "all.jsonl", Line: 7}); got != want {
		t.Errorf("Pos in a broken record = %v, want %v", got, want)
	}
}

type vexDoc struct {
	Statements []struct {
		Status   string   `json:"status"`
		Products []string `json:"products"`
		Count    *uint    `json:"count"`
	} `json:"statements"`
}

func TestDecodeError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, data string
		want       string
	}{
		{"syntax", "{\n  \"statements\": [,]\n}", "f.json:2:18: JSON syntax error: invalid character ',' looking for beginning of value"},
		{"truncated", "{\"statements\": [", "f.json:1:16: JSON syntax error: unexpected end of JSON input"},
		{"empty", "", "f.json:1:1: JSON syntax error: unexpected end of JSON input"},
		{"string for array", `{"statements": [{"products": "a"}]}`, "f.json:1:30: statements.products: expected an array, found JSON string"},
		{"number for string", "{\"statements\": [{}, {\n \"status\": 5}]}", "f.json:2:12: statements.status: expected a string, found JSON number"},
		{"object for string", `{"statements": [{"status": {"a": 1}}]}`, "f.json:1:28: statements.status: expected a string, found JSON object"},
		{"negative for uint", `{"statements": [{"count": -1}]}`, "f.json:1:27: statements.count: expected a number, found JSON number -1"},
		{"array for object", `[]`, "f.json:1:1: expected an object, found JSON array"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var v vexDoc
			err := jsonpos.DecodeError("f.json", []byte(tc.data), json.Unmarshal([]byte(tc.data), &v))
			var pe ward.PosErrors
			if !errors.As(err, &pe) {
				t.Fatalf("DecodeError = %v, not a ward.PosErrors", err)
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("DecodeError =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
	if err := jsonpos.DecodeError("f.json", nil, nil); err != nil {
		t.Errorf("DecodeError(nil) = %v, want nil", err)
	}
	pe := ward.PosErrors{{Pos: ward.Pos{File: "f.json", Line: 3}, Msg: "from UnmarshalJSON"}}
	if err := jsonpos.DecodeError("f.json", nil, fmt.Errorf("x: %w", pe)); !reflect.DeepEqual(err, pe) {
		t.Errorf("DecodeError(PosErrors) = %v, want it unchanged", err)
	}
	if got, want := jsonpos.DecodeError("f.json", nil, errors.New("json: odd")).Error(), "f.json: invalid JSON: odd"; got != want {
		t.Errorf("DecodeError(other) = %q, want %q", got, want)
	}
}

func TestTypeErrorPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		data, want string
	}{
		{`{"statements": [{}, {}, {"products": ["a", 7]}]}`, "statements[2].products[1]"},
		{`{"statements": [{"status": "a"}, {"status": ["b"]}]}`, "statements[1].status"},
		{`{"statements": {}}`, "statements"},
		{`"x"`, ""},
	}
	for _, tc := range tests {
		var v vexDoc
		err := json.Unmarshal([]byte(tc.data), &v)
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			t.Fatalf("Unmarshal(%s) = %v, want a type error", tc.data, err)
		}
		if got := jsonpos.TypeErrorPath([]byte(tc.data), te); got != tc.want {
			t.Errorf("TypeErrorPath(%s) = %q, want %q", tc.data, got, tc.want)
		}
	}
}

func TestPointerPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tokens []string
		want   string
	}{
		{nil, ""},
		{[]string{"components", "3", "hashes", "0", "content"}, "components[3].hashes[0].content"},
		{[]string{"0", "a"}, "[0].a"},
		{[]string{"a", "", "b"}, "a..b"},
		{[]string{"a", "-1"}, "a.-1"},
	}
	for _, tc := range tests {
		if got := jsonpos.PointerPath(tc.tokens); got != tc.want {
			t.Errorf("PointerPath(%q) = %q, want %q", tc.tokens, got, tc.want)
		}
	}
}

func TestParent(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]string{
		"": "", "a": "", "a.b": "a", "a.b[2]": "a.b", "a.b[2].c": "a.b[2]", "[0][1]": "[0]",
	} {
		if got := jsonpos.Parent(path); got != want {
			t.Errorf("Parent(%q) = %q, want %q", path, got, want)
		}
	}
}

type text struct{}

func (*text) UnmarshalText([]byte) error { return nil }

func TestKind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		t    reflect.Type
		want string
	}{
		{reflect.TypeFor[string](), "a string"},
		{reflect.TypeFor[*string](), "a string"},
		{reflect.TypeFor[ward.VEXStatus](), "a string"},
		{reflect.TypeFor[text](), "a string"},
		{reflect.TypeFor[[]byte](), "a string"},
		{reflect.TypeFor[*[]int](), "an array"},
		{reflect.TypeFor[[2]int](), "an array"},
		{reflect.TypeFor[uint16](), "a number"},
		{reflect.TypeFor[float64](), "a number"},
		{reflect.TypeFor[bool](), "a boolean"},
		{reflect.TypeFor[map[string]int](), "an object"},
		{reflect.TypeFor[vexDoc](), "an object"},
		{reflect.TypeFor[any](), "a value"},
		{nil, "a value"},
	}
	for _, tc := range tests {
		if got := jsonpos.Kind(tc.t); got != tc.want {
			t.Errorf("Kind(%v) = %q, want %q", tc.t, got, tc.want)
		}
	}
}

func FuzzOffsets(f *testing.F) {
	for _, s := range []string{
		`{"a": {"b": [1, {"c": null}, []]}, "d": [[true]]}`,
		`{"a\"b": 1, "\u00e9": 2, "x\\y": {"\/": 3}}`,
		`{"a": [1, 2], "b": {"c": 3, "d": tru, "e": 5}}`,
		"{\n \"x\": \"ünï\",\r\n \"y\": [1e5, -0.5]}",
		`[[[[[]]]]]`, `"x"`, `[1,]`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		offs := jsonpos.Offsets(data)
		paths := make([]string, 0, len(offs))
		for p, off := range offs {
			if off < 0 || off >= int64(len(data)) {
				t.Fatalf("offset %d of %q is outside data (%d bytes)", off, p, len(data))
			}
			if !strings.ContainsRune(`{["-0123456789tfn`, rune(data[off])) {
				t.Fatalf("offset %d of %q is at %q, which starts no value", off, p, data[off])
			}
			paths = append(paths, p)
		}
		// The wanted-paths pass finds the same offsets; in invalid JSON it
		// may stop sooner, at a syntax error inside a value it skips.
		some := jsonpos.OffsetsOf(data, paths)
		for p, off := range some {
			if offs[p] != off {
				t.Fatalf("OffsetsOf: %q at %d, Offsets: at %d", p, off, offs[p])
			}
		}
		if json.Valid(data) && len(some) != len(offs) {
			t.Fatalf("OffsetsOf found %d of %d paths in valid JSON", len(some), len(offs))
		}
		index := jsonpos.New("f", data)
		for _, p := range paths {
			if pos := index.Pos(p + ".missing"); pos.Line < 1 || pos.Col < 1 {
				t.Fatalf("Pos(%q) = %v", p+".missing", pos)
			}
		}
	})
}

// bigSBOM is a CycloneDX-like document of n components, the size of a
// container image SBOM.
func bigSBOM(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "\n  {\"type\": \"library\", \"bom-ref\": \"c%d\", \"name\": \"lib%d\", \"version\": \"1.%d.0\", \"hashes\": [{\"alg\": \"SHA-256\", \"content\": \"%064x\"}], \"licenses\": [{\"license\": {\"id\": \"MIT\"}}]}", i, i, i%50, i)
	}
	b.WriteString("\n]}")
	return []byte(b.String())
}

// BenchmarkOffsetsOf locates a problem near the end of a 100,000-component
// SBOM, the worst case of reporting schema problems.
func BenchmarkOffsetsOf(b *testing.B) {
	data := bigSBOM(100_000)
	paths := []string{"components[99998].hashes[0].content", "components[5].name"}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if got := jsonpos.OffsetsOf(data, paths); len(got) != 2 {
			b.Fatalf("found %v", got)
		}
	}
}

func TestOffsetsDeep(t *testing.T) {
	t.Parallel()
	data := []byte(strings.Repeat("[", 5000) + strings.Repeat("]", 5000))
	offs := jsonpos.Offsets(data)
	if len(offs) == 0 || len(offs) >= 5000 {
		t.Errorf("Offsets of 5000 nested arrays has %d paths, want some but not all", len(offs))
	}
}
