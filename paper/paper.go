// Package paper is the structured form of the documents ward writes for
// auditors and hospitals (the technical file, the HDO security
// documentation): sections of paragraphs, lists, tables and figures,
// rendered to one self-contained HTML page and to PDF by the same code,
// so both say exactly the same thing. Builders (packages techfile, hdo)
// fill a Document from the security file; they never format.
package paper

// Document is one document: a title page's worth of identity, then
// numbered sections.
type Document struct {
	Title    string  // e.g. "Cybersecurity technical documentation"
	Subtitle string  // e.g. "Aurora Connect Infusion System 2.4.0"
	Meta     []Field // shown under the title: manufacturer, product, release, date, what the document was made from
	// Date is the document's date (YYYY-MM-DD) from the data or a flag,
	// never the clock: the same input gives the same bytes.
	Date     string
	Sections []*Section
	// Footer is a short line on every PDF page and at the end of the HTML,
	// e.g. "Aurora 2.4.0 · made by ward 0.1.0 from security file rev abc123".
	Footer string
}

// Field is a labelled value.
type Field struct {
	Label, Value string
}

// Section is a numbered section. Its number comes from its place.
type Section struct {
	ID       string // stable anchor, e.g. "threat-model"; unique in the document
	Title    string
	Blocks   []Block
	Sections []*Section // subsections
}

// Block is a paragraph, list, table, figure, field list or note.
type Block interface{ isBlock() }

// Para is a paragraph of plain text (no markup).
type Para struct{ Text string }

// Note is a paragraph set apart: Kind "info", "warning" (something the
// reader must act on) or "gap" (something the data does not show).
type Note struct {
	Kind string
	Text string
}

// List is a bulleted or numbered list of plain-text items.
type List struct {
	Ordered bool
	Items   []string
}

// Fields is a two-column list of labels and values.
type Fields struct{ Items []Field }

// Table is a table with a header row. Widths, when given, are relative
// column widths (one per column); otherwise columns share the width.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]string
	Widths  []float64
}

// Figure is a drawing with a caption. SVG is a complete SVG document for
// HTML; Draw, when set, draws the same picture onto a PDF page through
// Canvas (PDF has no SVG); a figure without Draw is listed in the PDF by
// its caption with a pointer to the HTML.
type Figure struct {
	Caption string
	SVG     []byte
	Width   float64 // natural size in points (1/72 in) of the drawing
	Height  float64
	Draw    func(Canvas)
}

func (Para) isBlock()   {}
func (Note) isBlock()   {}
func (List) isBlock()   {}
func (Fields) isBlock() {}
func (Table) isBlock()  {}
func (Figure) isBlock() {}

// Canvas is the drawing surface a Figure draws on, in the figure's own
// coordinates (points, origin top left, y down): the renderer scales it
// to the page.
type Canvas interface {
	Rect(x, y, w, h float64, style Style)
	Line(x1, y1, x2, y2 float64, style Style)
	// Path draws a polyline (closed when style.Fill is set).
	Path(points []Point, style Style)
	// Text writes one line with its left baseline at (x, y).
	Text(x, y float64, s string, style Style)
}

// Point is a point of a Path.
type Point struct{ X, Y float64 }

// Style is how a shape or text is drawn. Colours are "#rrggbb"; "" means
// none (no fill, no stroke).
type Style struct {
	Stroke      string
	Fill        string
	StrokeWidth float64
	Dash        bool
	FontSize    float64 // points; text only
	Bold        bool
	Color       string // text colour
	Anchor      string // text: "start" (default), "middle", "end"
}
