package diagram_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/diagram"
	"github.com/wardhq/ward/paper"
)

// recorder is a canvas that keeps what is drawn.
type recorder struct {
	rects, lines, paths int
	filled              []int // points of each filled path
	texts               []string
	out                 []string // shapes outside the bounds
	w, h                float64
}

func (r *recorder) check(what string, x, y float64) {
	const eps = 0.5
	if x < -eps || y < -eps || x > r.w+eps || y > r.h+eps {
		r.out = append(r.out, what)
	}
}

func (r *recorder) Rect(x, y, w, h float64, _ paper.Style) {
	r.rects++
	r.check("rect", x, y)
	r.check("rect", x+w, y+h)
}

func (r *recorder) Line(x1, y1, x2, y2 float64, _ paper.Style) {
	r.lines++
	r.check("line", x1, y1)
	r.check("line", x2, y2)
}

func (r *recorder) Path(pts []paper.Point, st paper.Style) {
	r.paths++
	if st.Fill != "" {
		r.filled = append(r.filled, len(pts))
	}
	for _, p := range pts {
		r.check("path", p.X, p.Y)
	}
}

func (r *recorder) Text(x, y float64, s string, st paper.Style) {
	if st.FontSize <= 0 {
		r.out = append(r.out, "text without size: "+s)
	}
	r.texts = append(r.texts, s)
	r.check("text "+s, x, y)
}

// TestFigure checks that the figure's SVG is DFD's, byte for byte, and
// that Draw draws the same model: every element, boundary and flow, the
// title and the legend, within the figure's size.
func TestFigure(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		arch func(testing.TB) *ward.Architecture
		o    diagram.Options
	}{
		{"small", func(testing.TB) *ward.Architecture { return small() }, diagram.Options{Title: "Small <model>"}},
		{"infusion-pump", example, diagram.Options{MaxWidth: 800}},
		{"big", func(testing.TB) *ward.Architecture { return big(60, 150) }, diagram.Options{Title: "big"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := tc.arch(t)
			fig, err := diagram.Figure(a, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			if svg := render(t, a, tc.o); !bytes.Equal(fig.SVG, svg) {
				t.Error("the figure's SVG differs from what DFD writes")
			}
			if fig.Width <= 0 || fig.Height <= 0 || fig.Draw == nil {
				t.Fatalf("figure %v×%v, Draw set %v", fig.Width, fig.Height, fig.Draw != nil)
			}
			if tc.o.MaxWidth > 0 && fig.Width > float64(tc.o.MaxWidth)*0.75+0.01 {
				t.Errorf("width %v pt, want at most MaxWidth %d px", fig.Width, tc.o.MaxWidth)
			}
			rec := &recorder{w: fig.Width, h: fig.Height}
			fig.Draw(rec)
			if len(rec.out) > 0 {
				t.Errorf("drawn outside the figure's %v×%v: %v", fig.Width, fig.Height, rec.out[:min(5, len(rec.out))])
			}
			text := strings.Join(rec.texts, "\n")
			var want []string
			for _, e := range a.Elements {
				want = append(want, e.ID)
			}
			for _, b := range a.Boundaries {
				want = append(want, b.ID)
			}
			for _, f := range a.Flows {
				want = append(want, f.ID+" ")
			}
			want = append(want, "External entity", "Unencrypted flow (encryption none or not stated)")
			if tc.o.Title != "" {
				want = append(want, tc.o.Title)
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("Draw writes no %q", w)
				}
			}
			// One filled triangle per flow and per legend flow; the rest
			// of the filled paths are rounded boxes.
			arrows := 0
			for _, n := range rec.filled {
				if n == 3 {
					arrows++
				}
			}
			if arrows != len(a.Flows)+2 {
				t.Errorf("%d arrowheads for %d flows and 2 legend entries", arrows, len(a.Flows))
			}
			var again recorder
			again.w, again.h = fig.Width, fig.Height
			fig.Draw(&again)
			if !slices.Equal(rec.texts, again.texts) || rec.paths != again.paths {
				t.Error("two drawings of one figure differ")
			}
		})
	}
}

func TestFigureInvalid(t *testing.T) {
	t.Parallel()
	if _, err := diagram.Figure(nil, diagram.Options{}); ward.CodeOf(err) != ward.EInvalid {
		t.Errorf("Figure(nil) = %v, want code %s", err, ward.EInvalid)
	}
	a := small()
	a.Flows[0].To = "P-NONE"
	if _, err := diagram.Figure(a, diagram.Options{}); ward.CodeOf(err) != ward.EInvalid {
		t.Errorf("Figure with a dangling flow = %v, want code %s", err, ward.EInvalid)
	}
}
