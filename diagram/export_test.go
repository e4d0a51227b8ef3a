package diagram

import "github.com/wardhq/ward"

// Rect is the layout's box, for the black-box tests.
type Rect = rect

// Overlaps and Contains expose the geometry the layout itself relies on.
func (r rect) Overlaps(o rect) bool { return r.overlaps(o) }
func (r rect) Contains(o rect) bool { return r.contains(o) }

// Boxes is a laid-out model seen from the tests: the box of every element
// and boundary, and the boundary each sits in ("" for none).
type Boxes struct {
	Elements, Boundaries map[string]Rect
	Parent               map[string]string
}

// LayOut lays a out as DFD would, without drawing it.
func LayOut(a *ward.Architecture) (*Boxes, error) {
	m, err := build(a)
	if err != nil {
		return nil, err
	}
	l := lay(m, point{margin, margin})
	b := &Boxes{Elements: map[string]Rect{}, Boundaries: map[string]Rect{}, Parent: map[string]string{}}
	for _, e := range l.elements {
		b.Elements[e.ID] = e.Box
		b.Parent[e.ID] = e.Parent.ID
	}
	for _, n := range l.bounds {
		b.Boundaries[n.ID] = n.Box
		b.Parent[n.ID] = n.Parent.ID
	}
	return b, nil
}
