package paper

import (
	"bufio"
	_ "embed"
	"html/template"
	"io"
	"strconv"
)

//go:embed templates/document.html
var documentHTML string

// page is parsed once; a parse error is a programming error caught by
// every test of the package.
var page = template.Must(template.New("document.html").Parse(documentHTML))

// htmlPage is what the template reads.
type htmlPage struct {
	*Document
	ShowDate bool
	Sections []*htmlSection
}

type htmlSection struct {
	entry
	Blocks   []htmlBlock
	Sections []*htmlSection
}

// htmlBlock is one block; exactly one field is set.
type htmlBlock struct {
	Para   *Para
	Note   *htmlNote
	List   *List
	Fields *Fields
	Table  *htmlTable
	Figure *htmlFigure
}

type htmlNote struct {
	Note
	Label string
}

type htmlTable struct {
	Table
	Cols []htmlCol
	Rows [][]string // padded to the header's width
}

type htmlCol struct {
	Name  string
	Width string // CSS width, "" when columns share the width
}

type htmlFigure struct {
	Figure
	// SVG is trusted markup: ward's diagram package writes it.
	SVG template.HTML
}

// WriteHTML writes d as one self-contained HTML page: inline style sheet,
// no script, no external asset. It has a title block, a table of contents
// linking to every numbered section, and prints on A4 with each top-level
// section on a new page and table headers repeated. Text is escaped;
// figure SVG is embedded as is (it comes from ward's own diagram
// package). The same document always gives the same bytes.
//
// It returns the problems Validate finds, or any error of w.
func WriteHTML(w io.Writer, d *Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	p := htmlPage{Document: d, ShowDate: dateShown(d)}
	entries := outline(d)
	i := 0
	var build func(list []*Section) []*htmlSection
	build = func(list []*Section) []*htmlSection {
		var out []*htmlSection
		for range list {
			hs := &htmlSection{entry: entries[i]}
			i++
			for _, b := range hs.Section.Blocks {
				hs.Blocks = append(hs.Blocks, htmlBlockOf(b))
			}
			hs.Sections = build(hs.Section.Sections)
			out = append(out, hs)
		}
		return out
	}
	p.Sections = build(d.Sections)
	bw := bufio.NewWriter(w)
	if err := page.Execute(bw, p); err != nil {
		return err
	}
	return bw.Flush()
}

func htmlBlockOf(b Block) htmlBlock {
	switch b := block(b).(type) {
	case Para:
		return htmlBlock{Para: &b}
	case Note:
		return htmlBlock{Note: &htmlNote{Note: b, Label: noteLabel(b.Kind)}}
	case List:
		return htmlBlock{List: &b}
	case Fields:
		return htmlBlock{Fields: &b}
	case Table:
		t := &htmlTable{Table: b}
		total := 0.0
		for _, w := range b.Widths {
			total += w
		}
		for i, h := range b.Header {
			c := htmlCol{Name: h}
			if len(b.Widths) == len(b.Header) && total > 0 {
				c.Width = strconv.FormatFloat(100*b.Widths[i]/total, 'f', 1, 64) + "%"
			}
			t.Cols = append(t.Cols, c)
		}
		for _, r := range b.Rows {
			row := make([]string, len(b.Header))
			copy(row, r)
			t.Rows = append(t.Rows, row)
		}
		return htmlBlock{Table: t}
	case Figure:
		return htmlBlock{Figure: &htmlFigure{Figure: b, SVG: template.HTML(b.SVG)}} //nolint:gosec // ward's own SVG
	}
	return htmlBlock{}
}
