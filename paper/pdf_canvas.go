package paper

import (
	"strconv"

	"github.com/go-pdf/fpdf"
)

// pdfCanvas draws a figure onto a PDF page: the figure's point (x, y) at
// (x0 + x·k, y0 + y·k) on the page.
type pdfCanvas struct {
	r      *pdfRenderer
	x0, y0 float64
	k      float64
}

func (c *pdfCanvas) X(x float64) float64 { return c.x0 + x*c.k }
func (c *pdfCanvas) Y(y float64) float64 { return c.y0 + y*c.k }

// paint sets the fill and stroke of st and returns the fpdf style string
// ("F", "D" or "DF"), or "" when st paints nothing.
func (c *pdfCanvas) paint(st Style) string {
	f := c.r.f
	op := ""
	if r, g, b, ok := parseColor(st.Fill); ok {
		f.SetFillColor(r, g, b)
		op = "F"
	}
	if r, g, b, ok := parseColor(st.Stroke); ok {
		f.SetDrawColor(r, g, b)
		w := st.StrokeWidth
		if w <= 0 {
			w = 1
		}
		f.SetLineWidth(w * c.k)
		if st.Dash {
			f.SetDashPattern([]float64{4 * w * c.k, 2.5 * w * c.k}, 0)
		}
		op = "D" + op
	}
	return op
}

// unpaint ends a dashed stroke, so that nothing after it is dashed.
func (c *pdfCanvas) unpaint(st Style) {
	if st.Dash && st.Stroke != "" {
		c.r.f.SetDashPattern(nil, 0)
	}
}

func (c *pdfCanvas) Rect(x, y, w, h float64, st Style) {
	if op := c.paint(st); op != "" {
		c.r.f.Rect(c.X(x), c.Y(y), w*c.k, h*c.k, op)
	}
	c.unpaint(st)
}

func (c *pdfCanvas) Line(x1, y1, x2, y2 float64, st Style) {
	st.Fill = ""
	if c.paint(st) != "" {
		c.r.f.Line(c.X(x1), c.Y(y1), c.X(x2), c.Y(y2))
	}
	c.unpaint(st)
}

func (c *pdfCanvas) Path(points []Point, st Style) {
	if len(points) < 2 {
		return
	}
	op := c.paint(st)
	if op == "" {
		return
	}
	f := c.r.f
	if st.Fill != "" {
		pts := make([]fpdf.PointType, len(points))
		for i, p := range points {
			pts[i] = fpdf.PointType{X: c.X(p.X), Y: c.Y(p.Y)}
		}
		f.Polygon(pts, op)
	} else {
		f.SetLineJoinStyle("round")
		f.MoveTo(c.X(points[0].X), c.Y(points[0].Y))
		for _, p := range points[1:] {
			f.LineTo(c.X(p.X), c.Y(p.Y))
		}
		f.DrawPath("D")
		f.SetLineJoinStyle("miter")
	}
	c.unpaint(st)
}

func (c *pdfCanvas) Text(x, y float64, s string, st Style) {
	size := st.FontSize
	if size <= 0 {
		size = 10
	}
	fn := pdfFont{size: size * c.k}
	if st.Bold {
		fn.style = "B"
	}
	s = pdfText(s)
	w := c.r.width(s, fn)
	px := c.X(x)
	switch st.Anchor {
	case "middle":
		px -= w / 2
	case "end":
		px -= w
	}
	color := st.Color
	if color == "" {
		color = "#000000"
	}
	c.r.textAt(px, c.Y(y), s, color)
}

// parseColor reads "#rrggbb"; anything else is no colour.
func parseColor(s string) (r, g, b int, ok bool) {
	if len(s) != 7 || s[0] != '#' {
		return 0, 0, 0, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return 0, 0, 0, false
	}
	return int(v >> 16), int(v >> 8 & 0xff), int(v & 0xff), true
}
