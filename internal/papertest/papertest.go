// Package papertest holds what the tests of the document builders share:
// loading an example security file with its SBOMs, a text dump of a
// paper.Document for goldens, and look-ups of sections, tables, rows,
// cells and notes.
package papertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/gap"
	"github.com/wardhq/ward/paper"
	"github.com/wardhq/ward/sbom"
	"github.com/wardhq/ward/securityfile"
)

// Load reads an example security file and its SBOMs, as the CLI does.
func Load(t testing.TB, dir string) (*ward.SecurityFile, []gap.LoadedSBOM) {
	t.Helper()
	sf, err := securityfile.Load(dir, securityfile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var out []gap.LoadedSBOM
	for _, ref := range sf.SBOMs {
		l := gap.LoadedSBOM{Ref: ref}
		f, err := os.Open(filepath.Join(dir, ref.Path))
		if err == nil {
			l.SBOM, err = sbom.Parse(ref.Path, f, sbom.Limits{})
			f.Close()
		}
		l.Err = err
		out = append(out, l)
	}
	return sf, out
}

// Dump writes the structure of d as text: section numbers, titles and
// anchors, then each block by kind with its text. Figures are dumped by
// caption only: their drawing is the diagram package's to test.
func Dump(d *paper.Document) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\nsubtitle: %s\ndate: %s\nfooter: %s\n", d.Title, d.Subtitle, d.Date, d.Footer)
	for _, f := range d.Meta {
		fmt.Fprintf(&b, "meta: %s: %s\n", f.Label, f.Value)
	}
	var walk func(list []*paper.Section, prefix string)
	walk = func(list []*paper.Section, prefix string) {
		for i, s := range list {
			n := fmt.Sprintf("%s%d", prefix, i+1)
			fmt.Fprintf(&b, "\n%s %s [%s]\n", n, s.Title, s.ID)
			for _, bl := range s.Blocks {
				dumpBlock(&b, bl)
			}
			walk(s.Sections, n+".")
		}
	}
	walk(d.Sections, "")
	return []byte(b.String())
}

func dumpBlock(b *strings.Builder, bl paper.Block) {
	switch x := bl.(type) {
	case paper.Para:
		fmt.Fprintf(b, "  para: %s\n", x.Text)
	case paper.Note:
		fmt.Fprintf(b, "  note %s: %s\n", x.Kind, x.Text)
	case paper.List:
		kind := "list"
		if x.Ordered {
			kind = "ordered list"
		}
		fmt.Fprintf(b, "  %s:\n", kind)
		for _, it := range x.Items {
			fmt.Fprintf(b, "    - %s\n", it)
		}
	case paper.Fields:
		fmt.Fprintf(b, "  fields:\n")
		for _, f := range x.Items {
			fmt.Fprintf(b, "    %s: %s\n", f.Label, f.Value)
		}
	case paper.Table:
		fmt.Fprintf(b, "  table %q: %s\n", x.Caption, strings.Join(x.Header, " | "))
		for _, r := range x.Rows {
			fmt.Fprintf(b, "    | %s\n", strings.Join(r, " | "))
		}
	case paper.Figure:
		fmt.Fprintf(b, "  figure %q: svg %t, drawn for PDF %t, sized %t\n", x.Caption, len(x.SVG) > 0, x.Draw != nil, x.Width > 0 && x.Height > 0)
	default:
		fmt.Fprintf(b, "  block %T\n", bl)
	}
}

// Section finds a section by ID anywhere in d; nil when absent.
func Section(d *paper.Document, id string) *paper.Section {
	var find func([]*paper.Section) *paper.Section
	find = func(list []*paper.Section) *paper.Section {
		for _, s := range list {
			if s.ID == id {
				return s
			}
			if f := find(s.Sections); f != nil {
				return f
			}
		}
		return nil
	}
	return find(d.Sections)
}

// Tables returns the tables of a section (not its subsections).
func Tables(s *paper.Section) []paper.Table {
	var out []paper.Table
	for _, b := range s.Blocks {
		if t, ok := b.(paper.Table); ok {
			out = append(out, t)
		}
	}
	return out
}

// Row returns the first row of the section's tables whose first cell is
// id, or starts with "id: " (records shown with their name).
func Row(t testing.TB, s *paper.Section, id string) (paper.Table, []string) {
	t.Helper()
	for _, tb := range Tables(s) {
		if r := find(tb, id); r != nil {
			return tb, r
		}
	}
	t.Fatalf("section %s: no table row %s", s.ID, id)
	return paper.Table{}, nil
}

func find(tb paper.Table, id string) []string {
	for _, r := range tb.Rows {
		if len(r) > 0 && (r[0] == id || strings.HasPrefix(r[0], id+": ")) {
			return r
		}
	}
	return nil
}

// RowIn returns the row of tb for id, as row does.
func RowIn(t testing.TB, tb paper.Table, id string) []string {
	t.Helper()
	r := find(tb, id)
	if r == nil {
		t.Fatalf("table %q: no row %s", tb.Caption, id)
	}
	return r
}

// TableWithCaption returns the section's table with that caption.
func TableWithCaption(t testing.TB, s *paper.Section, caption string) paper.Table {
	t.Helper()
	for _, tb := range Tables(s) {
		if tb.Caption == caption {
			return tb
		}
	}
	t.Fatalf("section %s: no table %q", s.ID, caption)
	return paper.Table{}
}

// Cell returns the cell of row r under the header column named col.
func Cell(t testing.TB, tb paper.Table, r []string, col string) string {
	t.Helper()
	for i, h := range tb.Header {
		if h == col && i < len(r) {
			return r[i]
		}
	}
	t.Fatalf("no column %q in %v", col, tb.Header)
	return ""
}

// Notes returns the notes of a kind in a section and its subsections.
func Notes(s *paper.Section, kind string) []string {
	var out []string
	for _, b := range s.Blocks {
		if n, ok := b.(paper.Note); ok && n.Kind == kind {
			out = append(out, n.Text)
		}
	}
	for _, sub := range s.Sections {
		out = append(out, Notes(sub, kind)...)
	}
	return out
}
