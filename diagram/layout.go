package diagram

import (
	"math"
	"slices"
	"strings"
)

// Sizes of boxes and text, in pixels.
const (
	nameSize    = 12.0 // element names
	nameLine    = 15.0
	nameMax     = 150.0 // names wrap at this width …
	nameLines   = 3     // … onto at most this many lines
	idSize      = 9.5   // IDs under names and after boundary names
	idLine      = 13.0
	boxPadX     = 12.0
	boxPadY     = 8.0
	minBoxW     = 96.0
	boundSize   = 11.5 // boundary names, bold
	boundMax    = 300.0
	boundPad    = 14.0 // inside a boundary, around its content
	boundHeader = 20.0 // the boundary's name above its content
	labelSize   = 10.0 // flow labels
	labelMax    = 170.0
	labelPadX   = 4.0
	labelH      = 14.0
	margin      = 20.0
	loopReach   = 32.0 // how far a flow to its own element reaches right
)

// layout is a model laid out: every box and path in absolute pixels.
type layout struct {
	*model
	W, H float64 // the diagram without title and legend
}

// lay sizes the elements, lays the boundaries out from the innermost
// outwards, each as one compound node of its parent's layered layout,
// then fixes absolute boxes top-down and routes the flows.
func lay(m *model, origin point) *layout {
	for _, e := range m.elements {
		sizeElement(e)
	}
	for _, b := range m.bounds {
		b.lines = []string{truncate(b.Boundary.Name, boundSize, boundMax, true)}
	}
	for _, f := range m.flows {
		f.text = truncate(f.Flow.ID+" "+strings.Join(strings.Fields(f.Flow.Protocol), " "), labelSize, labelMax, false)
		if f.From == f.To {
			// The loop reaches loopReach to the right, its label centred there.
			f.From.loop = math.Max(f.From.loop, loopReach+labelWidth(f)/2+4)
		}
	}
	var rec func(b *node)
	rec = func(b *node) {
		for _, c := range b.Children {
			if !c.isElement() {
				rec(c)
			}
		}
		layoutLevel(b, b == m.root)
	}
	rec(m.root)

	m.root.Box = rect{origin.X, origin.Y, m.root.w, m.root.h}
	var place func(b *node)
	place = func(b *node) {
		for _, c := range b.Children {
			c.Box = rect{b.Box.X + c.px, b.Box.Y + c.py, c.w, c.h}
			if !c.isElement() {
				place(c)
			}
		}
	}
	place(m.root)
	route(m)
	placeLabels(m)
	return &layout{model: m, W: m.root.w, H: m.root.h}
}

func sizeElement(e *node) {
	e.lines = wrap(e.Element.Name, nameSize, nameMax, nameLines)
	w := textWidth(e.ID, idSize, false)
	for _, l := range e.lines {
		w = math.Max(w, textWidth(l, nameSize, false))
	}
	padX := boxPadX
	if e.Element.Kind == "process" {
		padX += 6 // the rounded ends take room
	}
	e.w = math.Ceil(math.Max(w+2*padX, minBoxW))
	e.h = math.Ceil(2*boxPadY + float64(len(e.lines))*nameLine + idLine)
}

func boundaryLabelWidth(b *node) float64 {
	return textWidth(b.lines[0], boundSize, true) + 8 + textWidth(b.ID, idSize, false)
}

func labelWidth(f *flow) float64 {
	return textWidth(f.text, labelSize, false) + 2*labelPadX
}

// route draws every flow: from the centre of its source through the bend
// points of its link to the centre of its target, shifted sideways when
// several flows join the same two elements, and cut at the two boxes.
func route(m *model) {
	type pair struct{ a, b *node }
	groups := map[pair][]*flow{}
	for _, f := range m.flows {
		k := pair{f.From, f.To}
		if f.To.ID < f.From.ID {
			k = pair{f.To, f.From}
		}
		groups[k] = append(groups[k], f)
	}
	for _, f := range m.flows {
		if f.From == f.To {
			continue
		}
		k := pair{f.From, f.To}
		if f.To.ID < f.From.ID {
			k = pair{f.To, f.From}
		}
		g := groups[k]
		for i, h := range g {
			if h == f {
				f.offset = (float64(i) - float64(len(g)-1)/2) * 8
			}
		}
	}
	// Paths avoid element boxes, and boundaries that hold neither end: a
	// line through a boundary box would read as a flow into it.
	boxes := index{}
	for _, e := range m.elements {
		boxes.add(e)
	}
	for _, b := range m.bounds {
		boxes.addBorder(b)
	}
	for _, f := range m.flows {
		if f.From == f.To {
			b := f.From.Box
			r, y := b.X+b.W, b.cy()
			// A cubic through these reaches 3/4 of the control points' reach.
			c := loopReach * 4 / 3
			f.Path = []point{{r, y - 10}, {r + c, y - 30}, {r + c, y + 30}, {r, y + 10}}
			continue
		}
		base := f.link.Parent()
		pts := []point{{f.From.Box.cx(), f.From.Box.cy()}}
		mid := make([]point, len(f.link.path))
		for i, p := range f.link.path {
			mid[i] = point{base.Box.X + p.X, base.Box.Y + p.Y}
		}
		if !within(f.From, f.link.From) {
			for i, j := 0, len(mid)-1; i < j; i, j = i+1, j-1 {
				mid[i], mid[j] = mid[j], mid[i]
			}
		}
		pts = append(pts, mid...)
		pts = append(pts, point{f.To.Box.cx(), f.To.Box.cy()})
		if f.offset != 0 {
			// Perpendicular to the pair's direction taken in ID order, so
			// that A→B and B→A go to opposite sides.
			a, b := f.From.Box, f.To.Box
			if f.To.ID < f.From.ID {
				a, b = b, a
			}
			dx, dy := b.cx()-a.cx(), b.cy()-a.cy()
			d := math.Hypot(dx, dy)
			if d > 0 {
				nx, ny := -dy/d*f.offset, dx/d*f.offset
				for i := range pts {
					pts[i].X += nx
					pts[i].Y += ny
				}
			}
		}
		pts = detour(pts, boxes, f.From, f.To)
		pts[0] = clip(f.From.Box, pts[0], pts[1])
		n := len(pts)
		pts[n-1] = clip(f.To.Box, pts[n-1], pts[n-2])
		f.Path = pts
	}
}

// Parent is the boundary whose children the link joins.
func (l *link) Parent() *node { return l.From.Parent }

// clip moves p, inside box b, along the segment towards q until it meets
// b's border. When q is inside b too, p stays.
func clip(b rect, p, q point) point {
	dx, dy := q.X-p.X, q.Y-p.Y
	t := math.Inf(1)
	if dx > 0 {
		t = math.Min(t, (b.X+b.W-p.X)/dx)
	} else if dx < 0 {
		t = math.Min(t, (b.X-p.X)/dx)
	}
	if dy > 0 {
		t = math.Min(t, (b.Y+b.H-p.Y)/dy)
	} else if dy < 0 {
		t = math.Min(t, (b.Y-p.Y)/dy)
	}
	if math.IsInf(t, 1) || t < 0 || t >= 1 {
		return p
	}
	return point{p.X + t*dx, p.Y + t*dy}
}

// grid finds boxes near a point fast: a bucket per 128-pixel cell.
type grid map[[2]int][]rect

const cell = 128

func (g grid) add(r rect) {
	for i := int(math.Floor(r.X / cell)); i <= int(math.Floor((r.X+r.W)/cell)); i++ {
		for j := int(math.Floor(r.Y / cell)); j <= int(math.Floor((r.Y+r.H)/cell)); j++ {
			g[[2]int{i, j}] = append(g[[2]int{i, j}], r)
		}
	}
}

func (g grid) hits(r rect) bool {
	for i := int(math.Floor(r.X / cell)); i <= int(math.Floor((r.X+r.W)/cell)); i++ {
		for j := int(math.Floor(r.Y / cell)); j <= int(math.Floor((r.Y+r.H)/cell)); j++ {
			for _, o := range g[[2]int{i, j}] {
				if o.overlaps(r) {
					return true
				}
			}
		}
	}
	return false
}

// placeLabels puts each flow's label on its path, as near the middle as
// it can without covering a box, a boundary name or an earlier label.
func placeLabels(m *model) {
	obstacles := grid{}
	for _, e := range m.elements {
		obstacles.add(e.Box)
	}
	for _, b := range m.bounds {
		obstacles.add(rect{b.Box.X, b.Box.Y, boundaryLabelWidth(b) + boundPad + 4, boundHeader + boundPad/2})
	}
	fractions := []float64{0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.1, 0.9}
	for _, f := range m.flows {
		w := labelWidth(f)
		if f.From == f.To {
			b := f.From.Box
			f.Label = rect{b.X + b.W + loopReach - w/2, b.cy() - labelH/2, w, labelH}
			obstacles.add(f.Label)
			continue
		}
		// On the path near its middle; failing that, beside it.
		f.Label = rect{}
		placed := false
		for _, shift := range []float64{0, labelH + 2, -labelH - 2, 2*labelH + 4, -2*labelH - 4} {
			for i, t := range fractions {
				c := along(f.Path, t)
				r := rect{c.X - w/2, c.Y - labelH/2 + shift, w, labelH}
				if shift == 0 && i == 0 {
					f.Label = r
				}
				if !obstacles.hits(r) {
					f.Label, placed = r, true
					break
				}
			}
			if placed {
				break
			}
		}
		obstacles.add(f.Label)
	}
}

// along returns the point at fraction t of the length of the polyline.
func along(pts []point, t float64) point {
	total := 0.0
	for i := 1; i < len(pts); i++ {
		total += math.Hypot(pts[i].X-pts[i-1].X, pts[i].Y-pts[i-1].Y)
	}
	goal := t * total
	for i := 1; i < len(pts); i++ {
		d := math.Hypot(pts[i].X-pts[i-1].X, pts[i].Y-pts[i-1].Y)
		if goal <= d && d > 0 {
			s := goal / d
			return point{pts[i-1].X + s*(pts[i].X-pts[i-1].X), pts[i-1].Y + s*(pts[i].Y-pts[i-1].Y)}
		}
		goal -= d
	}
	return pts[len(pts)-1]
}

// index finds the elements near a segment fast: a bucket per cell.
type index map[[2]int][]*node

func (x index) add(e *node) {
	r := e.Box
	for i := int(math.Floor(r.X / cell)); i <= int(math.Floor((r.X+r.W)/cell)); i++ {
		for j := int(math.Floor(r.Y / cell)); j <= int(math.Floor((r.Y+r.H)/cell)); j++ {
			x[[2]int{i, j}] = append(x[[2]int{i, j}], e)
		}
	}
}

// addBorder files a boundary under the cells its border runs through
// only: a segment that enters the box crosses the border.
func (x index) addBorder(b *node) {
	r := b.Box
	i0, i1 := int(math.Floor(r.X/cell)), int(math.Floor((r.X+r.W)/cell))
	j0, j1 := int(math.Floor(r.Y/cell)), int(math.Floor((r.Y+r.H)/cell))
	for i := i0; i <= i1; i++ {
		for j := j0; j <= j1; j++ {
			if i == i0 || i == i1 || j == j0 || j == j1 {
				x[[2]int{i, j}] = append(x[[2]int{i, j}], b)
			}
		}
	}
}

// firstHit returns the box of an element or boundary that the segment p→q
// enters first, widened by a clearance, or nil. It ignores skip1, skip2
// and the boundaries around them. Segments longer
// than a few cells are not checked: in a model that large, bends would not
// make the picture readable, and checking would make it slow.
func (x index) firstHit(p, q point, skip1, skip2 *node) (*node, rect) {
	x0, x1 := math.Min(p.X, q.X), math.Max(p.X, q.X)
	y0, y1 := math.Min(p.Y, q.Y), math.Max(p.Y, q.Y)
	i0, i1 := int(math.Floor(x0/cell)), int(math.Floor(x1/cell))
	j0, j1 := int(math.Floor(y0/cell)), int(math.Floor(y1/cell))
	if (i1-i0+1)*(j1-j0+1) > 400 {
		return nil, rect{}
	}
	var best *node
	var bestR rect
	bestT := math.Inf(1)
	for i := i0; i <= i1; i++ {
		for j := j0; j <= j1; j++ {
			for _, e := range x[[2]int{i, j}] {
				if e == best || within(skip1, e) || within(skip2, e) {
					continue
				}
				r := grow(e.Box, clearance-1)
				if t, ok := enters(r, p, q); ok && (t < bestT || t == bestT && e.ID < best.ID) {
					best, bestR, bestT = e, r, t
				}
			}
		}
	}
	return best, bestR
}

// clearance keeps detours this far from the boxes they go around.
const clearance = 10

func grow(r rect, d float64) rect { return rect{r.X - d, r.Y - d, r.W + 2*d, r.H + 2*d} }

// enters reports whether segment p→q passes through the interior of r,
// and at which fraction of its length it enters (Liang–Barsky).
func enters(r rect, p, q point) (float64, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := q.X-p.X, q.Y-p.Y
	for _, c := range [4][2]float64{{-dx, p.X - r.X}, {dx, r.X + r.W - p.X}, {-dy, p.Y - r.Y}, {dy, r.Y + r.H - p.Y}} {
		pp, qq := c[0], c[1]
		if pp == 0 {
			if qq <= 0 {
				return 0, false
			}
			continue
		}
		t := qq / pp
		if pp < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
	}
	return t0, t1-t0 > 1e-9
}

// detour bends a path around the boxes it would cross, one box
// at a time, through one or two corners of the box: whichever is shortest
// and clear of it.
func detour(pts []point, boxes index, from, to *node) []point {
	for range 12 {
		changed := false
		for i := 0; i+1 < len(pts) && !changed; i++ {
			p, q := pts[i], pts[i+1]
			e, r := boxes.firstHit(p, q, from, to)
			if e == nil {
				continue
			}
			g := grow(e.Box, clearance)
			c := [4]point{{g.X, g.Y}, {g.X + g.W, g.Y}, {g.X + g.W, g.Y + g.H}, {g.X, g.Y + g.H}}
			var best []point
			bestLen := math.Inf(1)
			try := func(via ...point) {
				d, prev := 0.0, p
				for _, v := range append(via, q) {
					if _, ok := enters(r, prev, v); ok {
						return
					}
					d += math.Hypot(v.X-prev.X, v.Y-prev.Y)
					prev = v
				}
				if d < bestLen {
					best, bestLen = via, d
				}
			}
			for k := range 4 {
				try(c[k])
				try(c[k], c[(k+1)%4])
				try(c[(k+1)%4], c[k])
			}
			if best == nil {
				continue
			}
			pts = append(pts[:i+1], append(slices.Clone(best), pts[i+1:]...)...)
			changed = true
		}
		if !changed {
			break
		}
	}
	return pts
}
