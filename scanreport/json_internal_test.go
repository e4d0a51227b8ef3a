package scanreport

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/wardhq/ward"
)

// encodeStd is how encoding/json writes a findings element.
func encodeStd(t testing.TB, v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// TestJSONEncoding holds the hand-written finding encoder to encoding/json's
// bytes on awkward values.
func TestJSONEncoding(t *testing.T) {
	t.Parallel()
	odd := "quote \" backslash \\ tab \t nl \n cr \r bs \b ff \f nul \x00 unit \x1f del \x7f <html> & ü 漢 \u2028 \u2029 bad \xff\xfe end"
	cases := []ward.Finding{
		{},
		{Component: &ward.Component{Name: odd, Group: "g", Version: odd, PURL: odd, Ref: odd}, Advisory: odd, Aliases: []string{odd, "x"},
			Summary: odd, Severity: ward.FindingSeverity{Level: odd, Score: 7.25, Vector: odd, Method: odd},
			Match: ward.MatchReason{Ecosystem: odd, Package: odd, Identifier: odd, Range: odd, Comparator: odd, Undecidable: odd},
			Fixed: []string{odd}, VEX: &ward.VEXStatement{Status: ward.VEXAffected, Justification: "j", ImpactStatement: odd, Source: odd}},
		{Component: &ward.Component{Name: "n"}, Severity: ward.FindingSeverity{Level: "critical", Score: 10}},
		{Component: &ward.Component{Name: "n"}, Severity: ward.FindingSeverity{Level: "medium", Score: 0.1 + 0.2}},
	}
	for i, f := range cases {
		want := encodeStd(t, findingJSON(&f))
		if got := string(appendFinding(nil, &f)); got != want {
			t.Errorf("case %d:\ngot  %s\nwant %s", i, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("plain")
	f.Add("\"\\\n\x00\u2028\xff<>&")
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Skip()
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		want = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}
