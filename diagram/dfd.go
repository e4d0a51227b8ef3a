// Package diagram draws the data-flow model of an architecture as a
// self-contained SVG: no script, no external font or style sheet, no
// external program; and, from the same layout, onto a paper.Canvas for
// PDF documents. It imports only the ward core, paper and the standard
// library.
package diagram

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/wardhq/ward"
)

// Options tune a diagram.
type Options struct {
	Title    string // drawn above the diagram; none if empty
	MaxWidth int    // pixels; a wider drawing is scaled down to fit (the viewBox keeps its coordinates); 0 for no limit
}

// Colours and styles, inline in one <style> element.
const style = `
text{font-family:` + fontFamily + `;fill:#1f2933}
.title{font-size:16px;font-weight:bold}
.el rect.shape,.el path.shape{fill:#ffffff;stroke:#34495e;stroke-width:1.5}
.external_entity rect.shape{fill:#eef1f5;stroke-width:2}
.process rect.shape{fill:#fdfaf0;stroke:#8a6d1f}
.data_store rect.fill{fill:#f1f8f3;stroke:none}
.data_store path.shape{fill:none;stroke:#2e7d4f;stroke-width:2}
.el text.name{font-size:12px}
.el text.id,.boundary text .id{font-size:9.5px;fill:#607080}
.boundary rect{stroke:#4a5d85;stroke-width:1.5;stroke-dasharray:7 4}
.boundary text{font-size:11.5px;font-weight:bold;fill:#34456b}
.boundary text .id{font-weight:normal}
.flow path{fill:none;stroke:#46505a;stroke-width:1.3;stroke-linejoin:round}
.flow.plain path{stroke:#d0342c;stroke-dasharray:5 3}
.label rect{fill:#ffffff;fill-opacity:0.9;stroke:none}
.label text{font-size:10px}
.label.plain text{fill:#b3261e}
.legend text{font-size:11px}
`

// boundary fills alternate with depth so that nesting reads at a glance.
var boundaryFills = []string{"#f4f7fb", "#e9eff7", "#f9fbfd", "#e3eaf4"}

// DFD writes the data-flow diagram of a as one SVG document: external
// entities as rectangles, processes as rounded rectangles, data stores
// as open-ended rectangles, trust boundaries as dashed boxes that nest,
// and flows as arrows labelled with their ID and protocol, dashed red
// where the encryption is none or not stated. Every element, boundary
// and flow carries its ID as the id of its group. The same model always
// gives the same bytes.
//
// It returns EInvalid when a is nil or its references do not resolve
// (duplicate IDs, flows to unknown elements, unknown or cyclic parent
// boundaries), and any error of w.
func DFD(w io.Writer, a *ward.Architecture, o Options) error {
	if a == nil {
		return ward.Errorf(ward.EInvalid, "diagram: no architecture to draw")
	}
	m, err := build(a)
	if err != nil {
		return err
	}
	top := margin
	if o.Title != "" {
		top += 34
	}
	l := lay(m, point{margin, top})
	bw := bufio.NewWriter(w)
	l.write(bw, o)
	return bw.Flush()
}

// num formats a coordinate with at most one decimal.
func num(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// ids hands out unique id attributes: a model ID as is, unless another
// kind already took it (IDs are unique per kind only).
type ids map[string]bool

func (s ids) take(id string) string {
	c := id
	for i := 2; s[c]; i++ {
		c = id + "-" + strconv.Itoa(i)
	}
	s[c] = true
	return c
}

// frame is what surrounds the laid-out model: the size of the whole
// drawing (its viewBox), the size it is shown at, and the legend. The SVG
// writer and the canvas drawer both take it from here.
type frame struct {
	width, height float64 // viewBox, pixels
	dw, dh        float64 // shown size: width and height scaled down to Options.MaxWidth
	legendY       float64
	legend        []legendItem
}

func (l *layout) frame(o Options) frame {
	legend, legendW, legendH := l.legend()
	width := math.Max(l.W, legendW) + 2*margin
	if o.Title != "" {
		width = math.Max(width, textWidth(o.Title, 16, true)+2*margin)
	}
	legendY := l.root.Box.Y + l.H + 28
	height := legendY + legendH + margin
	width, height = math.Ceil(width), math.Ceil(height)
	dw, dh := width, height
	if o.MaxWidth > 0 && width > float64(o.MaxWidth) {
		dw = float64(o.MaxWidth)
		dh = math.Round(height * dw / width)
	}
	return frame{width: width, height: height, dw: dw, dh: dh, legendY: legendY, legend: legend}
}

func (l *layout) write(w *bufio.Writer, o Options) {
	fr := l.frame(o)
	width, height, dw, dh, legendY := fr.width, fr.height, fr.dw, fr.dh, fr.legendY
	used := ids{"ward-arrow": true, "ward-arrow-plain": true}

	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img">`+"\n",
		num(dw), num(dh), num(width), num(height))
	if o.Title != "" {
		fmt.Fprintf(w, "<title>%s</title>\n", esc(o.Title))
	}
	w.WriteString("<style>" + style + "</style>\n")
	w.WriteString(`<defs>` +
		`<marker id="ward-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" fill="#46505a"/></marker>` +
		`<marker id="ward-arrow-plain" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" fill="#d0342c"/></marker>` +
		"</defs>\n")
	fmt.Fprintf(w, `<rect width="%s" height="%s" fill="#ffffff"/>`+"\n", num(width), num(height))
	if o.Title != "" {
		fmt.Fprintf(w, `<text class="title" x="%s" y="%s">%s</text>`+"\n", num(margin), num(margin+16), esc(o.Title))
	}

	// Outer boundaries first, so that inner ones paint over them.
	var bounds func(b *node)
	bounds = func(b *node) {
		for _, c := range b.Children {
			if c.isElement() {
				continue
			}
			l.writeBoundary(w, c, used)
			bounds(c)
		}
	}
	bounds(l.root)
	for _, f := range l.flows {
		l.writeFlow(w, f, used)
	}
	for _, e := range l.elements {
		writeElement(w, e, used)
	}
	for _, f := range l.flows {
		class := "label"
		if f.unencrypted() {
			class += " plain"
		}
		r := f.Label
		fmt.Fprintf(w, `<g class="%s"><rect x="%s" y="%s" width="%s" height="%s" rx="2"/><text x="%s" y="%s">%s</text></g>`+"\n",
			class, num(r.X), num(r.Y), num(r.W), num(r.H), num(r.X+labelPadX), num(r.Y+r.H-3.5), esc(f.text))
	}
	fmt.Fprintf(w, `<g class="legend" transform="translate(%s,%s)">`+"\n", num(margin), num(legendY))
	for _, it := range fr.legend {
		fmt.Fprintf(w, `<g transform="translate(%s,%s)">%s<text x="42" y="15">%s</text></g>`+"\n", num(it.x), num(it.y), legendShapes[it.kind], esc(it.text))
	}
	w.WriteString("</g>\n")
	w.WriteString("</svg>\n")
}

func (l *layout) writeBoundary(w *bufio.Writer, b *node, used ids) {
	r := b.Box
	fill := boundaryFills[(b.depth-1)%len(boundaryFills)]
	fmt.Fprintf(w, `<g id="%s" class="boundary">`, esc(used.take(b.ID)))
	fmt.Fprintf(w, "<title>%s</title>", esc("Trust boundary "+b.ID+": "+b.Boundary.Name+kindSuffix(b.Boundary.Kind)))
	fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="%s"/>`, num(r.X), num(r.Y), num(r.W), num(r.H), fill)
	fmt.Fprintf(w, `<text x="%s" y="%s">%s <tspan class="id">%s</tspan></text></g>`+"\n",
		num(r.X+boundPad), num(r.Y+boundPad+6), esc(b.lines[0]), esc(b.ID))
}

func kindSuffix(kind string) string {
	if kind == "" {
		return ""
	}
	return " (" + strings.ReplaceAll(kind, "_", " ") + ")"
}

func writeElement(w *bufio.Writer, e *node, used ids) {
	r := e.Box
	kind := e.Element.Kind
	fmt.Fprintf(w, `<g id="%s" class="el %s">`, esc(used.take(e.ID)), esc(kind))
	fmt.Fprintf(w, "<title>%s</title>", esc(e.ID+": "+e.Element.Name+kindSuffix(kind)))
	switch kind {
	case "data_store":
		fmt.Fprintf(w, `<rect class="fill" x="%s" y="%s" width="%s" height="%s"/>`, num(r.X), num(r.Y), num(r.W), num(r.H))
		fmt.Fprintf(w, `<path class="shape" d="M%s,%sH%sM%s,%sH%s"/>`, num(r.X), num(r.Y), num(r.X+r.W), num(r.X), num(r.Y+r.H), num(r.X+r.W))
	case "process":
		fmt.Fprintf(w, `<rect class="shape" x="%s" y="%s" width="%s" height="%s" rx="%s"/>`, num(r.X), num(r.Y), num(r.W), num(r.H), num(math.Min(r.H/2, 18)))
	default:
		fmt.Fprintf(w, `<rect class="shape" x="%s" y="%s" width="%s" height="%s"/>`, num(r.X), num(r.Y), num(r.W), num(r.H))
	}
	y := r.Y + boxPadY + nameSize
	fmt.Fprintf(w, `<text class="name" text-anchor="middle">`)
	for _, line := range e.lines {
		fmt.Fprintf(w, `<tspan x="%s" y="%s">%s</tspan>`, num(r.cx()), num(y), esc(line))
		y += nameLine
	}
	fmt.Fprintf(w, `</text><text class="id" text-anchor="middle" x="%s" y="%s">%s</text></g>`+"\n", num(r.cx()), num(y-1), esc(e.ID))
}

func (l *layout) writeFlow(w *bufio.Writer, f *flow, used ids) {
	class, marker := "flow", "ward-arrow"
	if f.unencrypted() {
		class, marker = "flow plain", "ward-arrow-plain"
	}
	fl := f.Flow
	title := fl.ID + ": " + f.From.ID + " → " + f.To.ID + ", " + fl.Protocol +
		"; encryption: " + orNone(fl.Encryption) + "; authentication: " + orNone(fl.Authentication)
	if fl.Purpose != "" {
		title += "; purpose: " + fl.Purpose
	}
	fmt.Fprintf(w, `<g id="%s" class="%s"><title>%s</title><path d="%s" marker-end="url(#%s)"/></g>`+"\n",
		esc(used.take(fl.ID)), class, esc(title), pathData(f), marker)
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "not stated"
	}
	return s
}

// segment is one piece of a flow's path: a line to pts[0], a quadratic
// curve through pts[0] to pts[1], or a cubic through pts[0] and pts[1] to pts[2].
type segment struct {
	op  byte // 'L', 'Q' or 'C'
	pts []point
}

// curve is the path of a flow as drawn: a polyline with its corners
// rounded by quadratic curves, or a cubic loop for a flow to its own
// element. It starts at the first point of f.Path.
func curve(f *flow) []segment {
	p := f.Path
	if f.From == f.To {
		return []segment{{'C', []point{p[1], p[2], p[3]}}}
	}
	var segs []segment
	for i := 1; i+1 < len(p); i++ {
		a, c, n := p[i-1], p[i], p[i+1]
		d1, d2 := math.Hypot(c.X-a.X, c.Y-a.Y), math.Hypot(n.X-c.X, n.Y-c.Y)
		r := math.Min(24, math.Min(d1, d2)/2)
		if r < 1 {
			segs = append(segs, segment{'L', []point{c}})
			continue
		}
		s := point{c.X - (c.X-a.X)/d1*r, c.Y - (c.Y-a.Y)/d1*r}
		e := point{c.X + (n.X-c.X)/d2*r, c.Y + (n.Y-c.Y)/d2*r}
		segs = append(segs, segment{'L', []point{s}}, segment{'Q', []point{c, e}})
	}
	return append(segs, segment{'L', []point{p[len(p)-1]}})
}

// pathData writes the curve of f as SVG path data.
func pathData(f *flow) string {
	var b strings.Builder
	fmt.Fprintf(&b, "M%s,%s", num(f.Path[0].X), num(f.Path[0].Y))
	for _, s := range curve(f) {
		b.WriteByte(s.op)
		for i, p := range s.pts {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%s,%s", num(p.X), num(p.Y))
		}
	}
	return b.String()
}

// legendKind is one entry of the legend.
type legendKind int

const (
	legendExternal legendKind = iota
	legendProcess
	legendStore
	legendBoundary
	legendFlow
	legendPlain
)

// legendShapes is the SVG of each legend symbol, in a 36×20 cell.
var legendShapes = [...]string{
	legendExternal: `<g class="el external_entity"><rect class="shape" x="0" y="2" width="36" height="18"/></g>`,
	legendProcess:  `<g class="el process"><rect class="shape" x="0" y="2" width="36" height="18" rx="9"/></g>`,
	legendStore:    `<g class="el data_store"><rect class="fill" x="0" y="2" width="36" height="18"/><path class="shape" d="M0,2H36M0,20H36"/></g>`,
	legendBoundary: `<g class="boundary"><rect x="0" y="2" width="36" height="18" rx="4" fill="` + boundaryFills[0] + `"/></g>`,
	legendFlow:     `<g class="flow"><path d="M0,11H35" marker-end="url(#ward-arrow)"/></g>`,
	legendPlain:    `<g class="flow plain"><path d="M0,11H35" marker-end="url(#ward-arrow-plain)"/></g>`,
}

// legendItem is a legend entry placed relative to the legend's origin:
// its symbol in the cell at (x, y), its text 42 pixels to the right.
type legendItem struct {
	x, y float64
	kind legendKind
	text string
}

// legend places the legend's entries, from the origin, and returns them
// with the legend's size.
func (l *layout) legend() ([]legendItem, float64, float64) {
	items := []legendItem{
		{kind: legendExternal, text: "External entity"},
		{kind: legendProcess, text: "Process"},
		{kind: legendStore, text: "Data store"},
		{kind: legendBoundary, text: "Trust boundary"},
		{kind: legendFlow, text: "Flow (ID protocol)"},
		{kind: legendPlain, text: "Unencrypted flow (encryption none or not stated)"},
	}
	x, y, maxW := 0.0, 0.0, math.Max(l.W, 600)
	for i := range items {
		iw := 36 + 6 + textWidth(items[i].text, 11, false) + 22
		if x > 0 && x+iw > maxW {
			x, y = 0, y+26
		}
		items[i].x, items[i].y = x, y
		x += iw
	}
	w := x
	if y > 0 {
		w = maxW
	}
	return items, w, y + 22
}
