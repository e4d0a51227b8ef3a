package paper_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/wardhq/ward/internal/pdfcheck"
	"github.com/wardhq/ward/paper"
)

func writePDF(t testing.TB, d *paper.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := paper.WritePDF(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pages returns the text of every page of a PDF.
func pages(t *testing.T, pdf []byte) []string {
	t.Helper()
	texts, err := pdfcheck.Pages(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return texts
}

// pageOf returns the 1-based number of the first page whose text matches
// re, or 0.
func pageOf(texts []string, re *regexp.Regexp) int {
	for i, s := range texts {
		if re.MatchString(s) {
			return i + 1
		}
	}
	return 0
}

// TestWritePDF reads the sample back: the pages, the text a reader sees
// (non-ASCII included), the same bytes on every run.
func TestWritePDF(t *testing.T) {
	t.Parallel()
	got := writePDF(t, sample(t))
	if !bytes.HasPrefix(got, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", got[:min(len(got), 20)])
	}
	if again := writePDF(t, sample(t)); !bytes.Equal(got, again) {
		t.Error("two renderings of the same document differ")
	}
	n, text := pdfcheck.Open(t, got)
	if n < 5 {
		t.Errorf("%d pages, want the title page, the contents and sections over at least 5", n)
	}
	for _, want := range []string{
		"Cybersecurity technical documentation",      // title
		"Manufacturer Meridian Médical <GmbH> & Co.", // meta field
		"3 Threat model",           // numbered heading
		"1.1 Standards",            // numbered subheading
		"THR-090",                  // table cell, on a later page
		"CVSS ≥ 3.0 × 4",           // non-ASCII in a cell
		"Scope and “intended use”", // typographic quotes
		"Aurora Connect Infusion System → the pump",     // arrow in a paragraph
		"Warning: Three threats are accepted",           // note with its label
		"• IEC 62443-4-1",                               // bullet list
		"2. Build",                                      // numbered list
		"Intended use Controlled infusion",              // field list
		"Blocks may be pointers too.\nA newline starts", // pointer block, hard line break
		"P-PUMP-FW", // the diagram's text
		"Data-flow diagram of the Aurora infusion system",                  // its caption
		"A figure with only SVG. This figure is drawn in the HTML edition", // figure without Draw
		fmt.Sprintf("Page 1 of %d", n),
		fmt.Sprintf("Page %d of %d", n, n),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
}

// TestWritePDFContents checks every page number in the contents against
// the page the heading is on.
func TestWritePDFContents(t *testing.T) {
	t.Parallel()
	texts := pages(t, writePDF(t, sample(t)))
	toc := texts[1]
	for _, h := range []struct{ num, title string }{
		{"1", "Scope and “intended use”"},
		{"1.1", "Standards"},
		{"2", "Architecture"},
		{"3", "Threat model"},
		{"3.1", "Section without an ID"},
	} {
		head := regexp.QuoteMeta(h.num + " " + h.title)
		m := regexp.MustCompile(`(?m)^` + head + `[ .]*(\d+)$`).FindStringSubmatch(toc)
		if m == nil {
			t.Errorf("the contents lack %s %s with a page number:\n%s", h.num, h.title, toc)
			continue
		}
		// Past the contents, the heading starts a line of its page.
		at := pageOf(texts[2:], regexp.MustCompile(`(?m)^`+head+`$`)) + 2
		if m[1] != fmt.Sprint(at) {
			t.Errorf("contents give page %s for %s %s; it is on page %d", m[1], h.num, h.title, at)
		}
	}
}

// TestWritePDFTable checks that the long table runs over pages, with its
// caption marked continued and its header row on each.
func TestWritePDFTable(t *testing.T) {
	t.Parallel()
	texts := pages(t, writePDF(t, sample(t)))
	first := pageOf(texts, regexp.MustCompile(`THR-001`))
	last := pageOf(texts, regexp.MustCompile(`THR-090`))
	if first == 0 || last <= first {
		t.Fatalf("the table runs from page %d to page %d, want several pages", first, last)
	}
	for p := first + 1; p <= last; p++ {
		if !strings.Contains(texts[p-1], "Threats and their treatment (continued)\nID Threat Decision Score\n") {
			t.Errorf("page %d does not repeat the caption and the header row:\n%s", p, texts[p-1])
		}
	}
	for i := 1; i <= 90; i++ {
		if id := fmt.Sprintf("THR-%03d ", i); strings.Count(strings.Join(texts, ""), id) != 1 {
			t.Errorf("row %s is not printed exactly once", id)
		}
	}
}

// TestWritePDFFigure checks that the diagram is on one page, with its
// caption, and the same bytes whichever pass drew it.
func TestWritePDFFigure(t *testing.T) {
	t.Parallel()
	texts := pages(t, writePDF(t, sample(t)))
	p := pageOf(texts, regexp.MustCompile(`Data-flow diagram of the Aurora`))
	if p == 0 {
		t.Fatal("no figure caption")
	}
	for _, id := range []string{"EE-NURSE", "P-PUMP-FW", "P-GATEWAY", "P-CLOUD", "TB-HDO", "F-01 MQTT/TLS 1.2", "Unencrypted flow"} {
		if !strings.Contains(texts[p-1], id) {
			t.Errorf("page %d, with the figure's caption, lacks %s", p, id)
		}
	}
}

// TestWritePDFLongRow checks that a cell taller than a page splits over
// pages and that a word wider than its column breaks.
func TestWritePDFLongRow(t *testing.T) {
	t.Parallel()
	var long []string
	for i := range 150 {
		long = append(long, fmt.Sprintf("line%03d", i))
	}
	word := strings.Repeat("sha256:0123456789abcdef", 4)
	d := &paper.Document{Title: "Long row", Date: "2025-01-01", Sections: []*paper.Section{{
		ID: "s", Title: "S",
		Blocks: []paper.Block{paper.Table{Header: []string{"Key", "Value"}, Widths: []float64{1, 1}, Rows: [][]string{
			{"tall", strings.Join(long, "\n")},
			{"wide", word},
		}}},
	}}}
	texts := pages(t, writePDF(t, d))
	all := strings.Join(texts, "")
	for _, l := range long {
		if strings.Count(all, l) != 1 {
			t.Errorf("%s printed %d times, want 1", l, strings.Count(all, l))
		}
	}
	if len(texts) < 4 {
		t.Errorf("%d pages, want the tall row over at least two", len(texts))
	}
	if !strings.Contains(strings.ReplaceAll(all, "\n", ""), word) {
		t.Error("the wide word is not printed whole")
	}
}

func TestWritePDFMinimal(t *testing.T) {
	t.Parallel()
	n, text := pdfcheck.Open(t, writePDF(t, &paper.Document{Title: "Only a title", Date: "2025-01-01"}))
	if n != 1 || !strings.Contains(text, "Only a title") || !strings.Contains(text, "Date 2025-01-01") {
		t.Errorf("%d pages, text %q; want one title page", n, text)
	}
}

func TestInvalid(t *testing.T) {
	t.Parallel()
	valid := func() *paper.Document {
		return &paper.Document{Title: "T", Date: "2025-01-01", Sections: []*paper.Section{
			{ID: "a", Title: "A", Blocks: []paper.Block{paper.Para{Text: "x"}}},
			{ID: "b", Title: "B"},
		}}
	}
	tests := []struct {
		name   string
		mutate func(d *paper.Document)
	}{
		{"no title", func(d *paper.Document) { d.Title = " " }},
		{"no date", func(d *paper.Document) { d.Date = "" }},
		{"bad date", func(d *paper.Document) { d.Date = "14.03.2025" }},
		{"nil section", func(d *paper.Document) { d.Sections[1].Sections = []*paper.Section{nil} }},
		{"duplicate ID", func(d *paper.Document) { d.Sections[1].ID = "a" }},
		{"nil block", func(d *paper.Document) { d.Sections[0].Blocks = append(d.Sections[0].Blocks, nil) }},
		{"nil pointer block", func(d *paper.Document) { d.Sections[0].Blocks = append(d.Sections[0].Blocks, (*paper.Table)(nil)) }},
		{"note kind", func(d *paper.Document) { d.Sections[0].Blocks = append(d.Sections[0].Blocks, paper.Note{Kind: "tip"}) }},
		{"table without header", func(d *paper.Document) {
			d.Sections[0].Blocks = append(d.Sections[0].Blocks, paper.Table{Rows: [][]string{{"x"}}})
		}},
		{"row too long", func(d *paper.Document) {
			d.Sections[0].Blocks = append(d.Sections[0].Blocks, paper.Table{Header: []string{"a"}, Rows: [][]string{{"x", "y"}}})
		}},
		{"widths", func(d *paper.Document) {
			d.Sections[0].Blocks = append(d.Sections[0].Blocks, &paper.Table{Header: []string{"a", "b"}, Widths: []float64{1}})
		}},
		{"zero width", func(d *paper.Document) {
			d.Sections[0].Blocks = append(d.Sections[0].Blocks, paper.Table{Header: []string{"a", "b"}, Widths: []float64{1, 0}})
		}},
		{"figure without size", func(d *paper.Document) {
			d.Sections[0].Blocks = append(d.Sections[0].Blocks, paper.Figure{Draw: func(paper.Canvas) {}})
		}},
	}
	if err := valid().Validate(); err != nil {
		t.Fatalf("valid document: %v", err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := valid()
			tc.mutate(d)
			if err := d.Validate(); err == nil {
				t.Error("Validate accepted it")
			}
			if err := paper.WriteHTML(io.Discard, d); err == nil {
				t.Error("WriteHTML accepted it")
			}
			if err := paper.WritePDF(io.Discard, d); err == nil {
				t.Error("WritePDF accepted it")
			}
		})
	}
	if err := paper.WritePDF(io.Discard, nil); err == nil {
		t.Error("WritePDF(nil) accepted")
	}
	if err := paper.WriteHTML(io.Discard, nil); err == nil {
		t.Error("WriteHTML(nil) accepted")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	t.Parallel()
	d := &paper.Document{Title: "T", Date: "2025-01-01"}
	if err := paper.WriteHTML(failWriter{}, d); err == nil {
		t.Error("WriteHTML to a failing writer returned nil")
	}
	if err := paper.WritePDF(failWriter{}, d); err == nil {
		t.Error("WritePDF to a failing writer returned nil")
	}
}

// TestWritePDFBig checks the size the benchmark renders.
func TestWritePDFBig(t *testing.T) {
	if testing.Short() {
		t.Skip("long document")
	}
	t.Parallel()
	n, _ := pdfcheck.Open(t, writePDF(t, big(200)))
	if n < 190 || n > 260 {
		t.Errorf("big(200) has %d pages, want about 200", n)
	}
	t.Logf("big(200) has %d pages", n)
}

// BenchmarkWritePDF200 renders a document of about 200 pages (both
// passes, fonts subset and embedded).
func BenchmarkWritePDF200(b *testing.B) {
	d := big(200)
	for b.Loop() {
		if err := paper.WritePDF(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzWrite renders any text in every place text goes: both writers must
// accept it, and the PDF must read back.
func FuzzWrite(f *testing.F) {
	f.Add("plain", "a\nb")
	f.Add("→ × ≥ é “q”", "sha256:"+strings.Repeat("0123456789abcdef", 8))
	f.Add("\x00\xff\xfe", "10\u00a0mg \t\r\n\n")
	f.Add("", "中文 ⇒ ✓ 😀 \U0001F600")
	f.Fuzz(func(t *testing.T, a, b string) {
		d := &paper.Document{Title: "T" + a, Subtitle: b, Date: "2025-01-01", Footer: a, Meta: []paper.Field{{Label: a, Value: b}},
			Sections: []*paper.Section{{ID: "s", Title: a, Blocks: []paper.Block{
				paper.Para{Text: a + " " + b},
				paper.Note{Kind: "gap", Text: b},
				paper.List{Items: []string{a, b}},
				paper.Fields{Items: []paper.Field{{Label: b, Value: a}}},
				paper.Table{Caption: a, Header: []string{a, b}, Rows: [][]string{{b, a}, {a}}},
				paper.Figure{Caption: b},
			}}}}
		if err := paper.WriteHTML(io.Discard, d); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := paper.WritePDF(&buf, d); err != nil {
			t.Fatal(err)
		}
		if _, err := pdfcheck.Pages(buf.Bytes()); err != nil {
			t.Fatalf("the PDF does not read back: %v", err)
		}
	})
}
