package diagram

import (
	"bufio"
	"bytes"
	"math"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/paper"
)

// pointsPerPixel turns SVG pixels (CSS pixels, 1/96 in) into points
// (1/72 in), so that a figure printed from the PDF has the size a browser
// prints the SVG at.
const pointsPerPixel = 0.75

// Figure lays a out once and returns it as a paper figure: SVG is exactly
// what DFD writes with the same options, and Draw draws the same layout —
// boundaries, elements by kind, flows with their arrows and labels, the
// title and the legend — onto a canvas, for PDF. Width and Height are the
// size the SVG is shown at (after Options.MaxWidth), in points; Draw uses
// those coordinates. Caption is left to the caller.
//
// It returns EInvalid as DFD does. Draw does not change the layout: it
// may be called any number of times, from any goroutine.
func Figure(a *ward.Architecture, o Options) (paper.Figure, error) {
	if a == nil {
		return paper.Figure{}, ward.Errorf(ward.EInvalid, "diagram: no architecture to draw")
	}
	m, err := build(a)
	if err != nil {
		return paper.Figure{}, err
	}
	top := margin
	if o.Title != "" {
		top += 34
	}
	l := lay(m, point{margin, top})
	var b bytes.Buffer
	bw := bufio.NewWriter(&b)
	l.write(bw, o)
	if err := bw.Flush(); err != nil {
		return paper.Figure{}, err
	}
	fr := l.frame(o)
	scale := fr.dw / fr.width * pointsPerPixel
	return paper.Figure{
		SVG:    b.Bytes(),
		Width:  fr.dw * pointsPerPixel,
		Height: fr.dh * pointsPerPixel,
		Draw: func(c paper.Canvas) {
			l.draw(scaled{c, scale}, o, fr)
		},
	}, nil
}

// The styles of the canvas drawing, as the SVG's style sheet has them.
var (
	textColor      = "#1f2933"
	idColor        = "#607080"
	boundaryStroke = paper.Style{Stroke: "#4a5d85", StrokeWidth: 1.5, Dash: true}
	flowStroke     = paper.Style{Stroke: "#46505a", StrokeWidth: 1.3}
	plainStroke    = paper.Style{Stroke: "#d0342c", StrokeWidth: 1.3, Dash: true}
	elementStyles  = map[string]paper.Style{
		"external_entity": {Stroke: "#34495e", Fill: "#eef1f5", StrokeWidth: 2},
		"process":         {Stroke: "#8a6d1f", Fill: "#fdfaf0", StrokeWidth: 1.5},
		"data_store":      {Stroke: "#2e7d4f", Fill: "#f1f8f3", StrokeWidth: 2},
	}
	otherElement = paper.Style{Stroke: "#34495e", Fill: "#ffffff", StrokeWidth: 1.5}
)

// draw paints the layout as write writes it, in the same order, in pixels.
func (l *layout) draw(c paper.Canvas, o Options, fr frame) {
	c.Rect(0, 0, fr.width, fr.height, paper.Style{Fill: "#ffffff"})
	if o.Title != "" {
		c.Text(margin, margin+16, o.Title, paper.Style{FontSize: 16, Bold: true, Color: textColor})
	}
	var bounds func(b *node)
	bounds = func(b *node) {
		for _, n := range b.Children {
			if n.isElement() {
				continue
			}
			drawBoundary(c, n)
			bounds(n)
		}
	}
	bounds(l.root)
	for _, f := range l.flows {
		drawFlow(c, f)
	}
	for _, e := range l.elements {
		drawElement(c, e)
	}
	for _, f := range l.flows {
		color := textColor
		if f.unencrypted() {
			color = "#b3261e"
		}
		r := f.Label
		c.Rect(r.X, r.Y, r.W, r.H, paper.Style{Fill: "#ffffff"})
		c.Text(r.X+labelPadX, r.Y+r.H-3.5, f.text, paper.Style{FontSize: labelSize, Color: color})
	}
	for _, it := range fr.legend {
		drawLegend(c, margin+it.x, fr.legendY+it.y, it)
	}
}

func drawBoundary(c paper.Canvas, b *node) {
	r := b.Box
	st := boundaryStroke
	st.Fill = boundaryFills[(b.depth-1)%len(boundaryFills)]
	c.Path(roundRect(r, 6), st)
	x, y := r.X+boundPad, r.Y+boundPad+6
	c.Text(x, y, b.lines[0], paper.Style{FontSize: boundSize, Bold: true, Color: "#34456b"})
	x += textWidth(b.lines[0]+" ", boundSize, true)
	c.Text(x, y, b.ID, paper.Style{FontSize: idSize, Color: idColor})
}

func drawElement(c paper.Canvas, e *node) {
	r := e.Box
	st, ok := elementStyles[e.Element.Kind]
	if !ok {
		st = otherElement
	}
	switch e.Element.Kind {
	case "data_store":
		c.Rect(r.X, r.Y, r.W, r.H, paper.Style{Fill: st.Fill})
		line := paper.Style{Stroke: st.Stroke, StrokeWidth: st.StrokeWidth}
		c.Line(r.X, r.Y, r.X+r.W, r.Y, line)
		c.Line(r.X, r.Y+r.H, r.X+r.W, r.Y+r.H, line)
	case "process":
		c.Path(roundRect(r, math.Min(r.H/2, 18)), st)
	default:
		c.Rect(r.X, r.Y, r.W, r.H, st)
	}
	y := r.Y + boxPadY + nameSize
	for _, line := range e.lines {
		c.Text(r.cx(), y, line, paper.Style{FontSize: nameSize, Color: textColor, Anchor: "middle"})
		y += nameLine
	}
	c.Text(r.cx(), y-1, e.ID, paper.Style{FontSize: idSize, Color: idColor, Anchor: "middle"})
}

func drawFlow(c paper.Canvas, f *flow) {
	st := flowStroke
	if f.unencrypted() {
		st = plainStroke
	}
	pts := flatten(f.Path[0], curve(f))
	c.Path(pts, st)
	p, q := pts[len(pts)-2], pts[len(pts)-1]
	drawArrow(c, point{p.X, p.Y}, point{q.X, q.Y}, st.Stroke)
}

// drawArrow draws the SVG's arrow marker at the end of the segment p→q:
// a triangle 9 pixels long and 9 wide, its tip at q.
func drawArrow(c paper.Canvas, p, q point, color string) {
	dx, dy := q.X-p.X, q.Y-p.Y
	d := math.Hypot(dx, dy)
	if d == 0 {
		return
	}
	dx, dy = dx/d, dy/d
	bx, by := q.X-9*dx, q.Y-9*dy
	c.Path([]paper.Point{
		{X: q.X, Y: q.Y},
		{X: bx - 4.5*dy, Y: by + 4.5*dx},
		{X: bx + 4.5*dy, Y: by - 4.5*dx},
	}, paper.Style{Fill: color})
}

func drawLegend(c paper.Canvas, x, y float64, it legendItem) {
	cell := rect{x, y + 2, 36, 18}
	switch it.kind {
	case legendExternal:
		c.Rect(cell.X, cell.Y, cell.W, cell.H, elementStyles["external_entity"])
	case legendProcess:
		c.Path(roundRect(cell, 9), elementStyles["process"])
	case legendStore:
		st := elementStyles["data_store"]
		c.Rect(cell.X, cell.Y, cell.W, cell.H, paper.Style{Fill: st.Fill})
		line := paper.Style{Stroke: st.Stroke, StrokeWidth: st.StrokeWidth}
		c.Line(cell.X, cell.Y, cell.X+cell.W, cell.Y, line)
		c.Line(cell.X, cell.Y+cell.H, cell.X+cell.W, cell.Y+cell.H, line)
	case legendBoundary:
		st := boundaryStroke
		st.Fill = boundaryFills[0]
		c.Path(roundRect(cell, 4), st)
	case legendFlow, legendPlain:
		st := flowStroke
		if it.kind == legendPlain {
			st = plainStroke
		}
		c.Line(x, y+11, x+35, y+11, st)
		drawArrow(c, point{x, y + 11}, point{x + 35, y + 11}, st.Stroke)
	}
	c.Text(x+42, y+15, it.text, paper.Style{FontSize: 11, Color: textColor})
}

// roundRect is the outline of r with corners of radius rad, as a closed
// polygon (the canvas has no arcs): each corner in six steps.
func roundRect(r rect, rad float64) []paper.Point {
	rad = math.Min(rad, math.Min(r.W, r.H)/2)
	corners := [4]struct{ cx, cy, from float64 }{
		{r.X + r.W - rad, r.Y + rad, -math.Pi / 2},
		{r.X + r.W - rad, r.Y + r.H - rad, 0},
		{r.X + rad, r.Y + r.H - rad, math.Pi / 2},
		{r.X + rad, r.Y + rad, math.Pi},
	}
	pts := make([]paper.Point, 0, 28)
	for _, k := range corners {
		for i := 0; i <= 6; i++ {
			a := k.from + float64(i)*math.Pi/12
			pts = append(pts, paper.Point{X: k.cx + rad*math.Cos(a), Y: k.cy + rad*math.Sin(a)})
		}
	}
	return pts
}

// flatten turns a curve into a polyline for the canvas, which draws no
// curves: each quadratic in eight steps, each cubic in sixteen.
func flatten(start point, segs []segment) []paper.Point {
	pts := []paper.Point{{X: start.X, Y: start.Y}}
	cur := start
	for _, s := range segs {
		switch s.op {
		case 'L':
			cur = s.pts[0]
			pts = append(pts, paper.Point{X: cur.X, Y: cur.Y})
		case 'Q':
			p0, p1, p2 := cur, s.pts[0], s.pts[1]
			for i := 1; i <= 8; i++ {
				t := float64(i) / 8
				u := 1 - t
				pts = append(pts, paper.Point{
					X: u*u*p0.X + 2*u*t*p1.X + t*t*p2.X,
					Y: u*u*p0.Y + 2*u*t*p1.Y + t*t*p2.Y,
				})
			}
			cur = p2
		case 'C':
			p0, p1, p2, p3 := cur, s.pts[0], s.pts[1], s.pts[2]
			for i := 1; i <= 16; i++ {
				t := float64(i) / 16
				u := 1 - t
				pts = append(pts, paper.Point{
					X: u*u*u*p0.X + 3*u*u*t*p1.X + 3*u*t*t*p2.X + t*t*t*p3.X,
					Y: u*u*u*p0.Y + 3*u*u*t*p1.Y + 3*u*t*t*p2.Y + t*t*t*p3.Y,
				})
			}
			cur = p3
		}
	}
	return pts
}

// scaled is a canvas seen through a uniform scale: the layout's pixels
// drawn in the figure's points.
type scaled struct {
	c paper.Canvas
	k float64
}

func (s scaled) style(st paper.Style) paper.Style {
	st.StrokeWidth *= s.k
	st.FontSize *= s.k
	return st
}

func (s scaled) Rect(x, y, w, h float64, st paper.Style) {
	s.c.Rect(x*s.k, y*s.k, w*s.k, h*s.k, s.style(st))
}

func (s scaled) Line(x1, y1, x2, y2 float64, st paper.Style) {
	s.c.Line(x1*s.k, y1*s.k, x2*s.k, y2*s.k, s.style(st))
}

func (s scaled) Path(pts []paper.Point, st paper.Style) {
	out := make([]paper.Point, len(pts))
	for i, p := range pts {
		out[i] = paper.Point{X: p.X * s.k, Y: p.Y * s.k}
	}
	s.c.Path(out, s.style(st))
}

func (s scaled) Text(x, y float64, t string, st paper.Style) {
	s.c.Text(x*s.k, y*s.k, t, s.style(st))
}
