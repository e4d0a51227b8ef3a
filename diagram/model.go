package diagram

import (
	"slices"
	"strings"

	"github.com/wardhq/ward"
)

// rect is an axis-aligned box: top-left corner, width and height in pixels.
type rect struct{ X, Y, W, H float64 }

func (r rect) cx() float64 { return r.X + r.W/2 }
func (r rect) cy() float64 { return r.Y + r.H/2 }

// overlaps reports whether r and o share interior area.
func (r rect) overlaps(o rect) bool {
	return r.X < o.X+o.W && o.X < r.X+r.W && r.Y < o.Y+o.H && o.Y < r.Y+r.H
}

// contains reports whether o lies within r.
func (r rect) contains(o rect) bool {
	const eps = 1e-6
	return o.X >= r.X-eps && o.Y >= r.Y-eps && o.X+o.W <= r.X+r.W+eps && o.Y+o.H <= r.Y+r.H+eps
}

type point struct{ X, Y float64 }

// node is an element or a trust boundary in the containment tree. The root
// is a boundary without ID that stands for everything outside any boundary.
type node struct {
	ID       string
	Element  *ward.Element  // set for elements
	Boundary *ward.Boundary // set for boundaries other than the root
	Parent   *node
	Children []*node // boundaries: child boundaries and elements, sorted by ID
	depth    int     // root 0

	w, h   float64 // size
	loop   float64 // elements: room on the right for flows to itself
	px, py float64 // top-left relative to the parent's box
	Box    rect    // absolute box, set once the whole tree is laid out

	lines []string // elements: the wrapped name; boundaries: the label
	links []*link  // boundaries: flows between children, one link per pair
}

func (n *node) isElement() bool { return n.Element != nil }

// link is every flow between two children of one boundary: the flows whose
// innermost common boundary that is. The layered layout sees one edge per
// link, oriented From → To after cycle breaking.
type link struct {
	From, To *node
	Flows    []*flow
	// path runs through the layers between From and To, in the
	// boundary's coordinates, From side first.
	path []point
}

// flow is one data flow to draw.
type flow struct {
	Flow     *ward.Flow
	From, To *node
	link     *link // nil for a flow from an element to itself
	offset   float64
	Path     []point // absolute, clipped to the element boxes
	Label    rect    // absolute box of the label
	text     string
}

// unencrypted reports whether the flow's encryption says none. Empty counts
// as none: the diagram must not suggest protection the model does not state.
func (f *flow) unencrypted() bool {
	switch strings.ToLower(strings.TrimSpace(f.Flow.Encryption)) {
	case "", "none", "no", "n/a":
		return true
	}
	return false
}

// model is the containment tree and the flows of one architecture.
type model struct {
	root     *node
	elements []*node // sorted by ID
	bounds   []*node // sorted by ID, root excluded
	flows    []*flow // sorted by ID
}

// build checks the references the drawing relies on and builds the
// containment tree. It returns EInvalid for a duplicate or empty ID, a
// reference to an unknown element or boundary, or a cycle of boundaries.
func build(a *ward.Architecture) (*model, error) {
	m := &model{root: &node{}}
	byID := map[string]*node{}
	for _, b := range a.Boundaries {
		if b == nil {
			continue
		}
		if b.ID == "" {
			return nil, ward.Errorf(ward.EInvalid, "diagram: a boundary has no ID")
		}
		if byID[b.ID] != nil {
			return nil, ward.Errorf(ward.EInvalid, "diagram: boundary ID %q is used twice", b.ID)
		}
		n := &node{ID: b.ID, Boundary: b}
		byID[b.ID] = n
		m.bounds = append(m.bounds, n)
	}
	elements := map[string]*node{}
	for _, e := range a.Elements {
		if e == nil {
			continue
		}
		if e.ID == "" {
			return nil, ward.Errorf(ward.EInvalid, "diagram: an element has no ID")
		}
		if elements[e.ID] != nil {
			return nil, ward.Errorf(ward.EInvalid, "diagram: element ID %q is used twice", e.ID)
		}
		n := &node{ID: e.ID, Element: e}
		elements[e.ID] = n
		m.elements = append(m.elements, n)
	}
	cmpID := func(x, y *node) int { return strings.Compare(x.ID, y.ID) }
	slices.SortFunc(m.bounds, cmpID)
	slices.SortFunc(m.elements, cmpID)

	for _, n := range m.bounds {
		n.Parent = m.root
		if p := n.Boundary.Parent; p != "" {
			if byID[p] == nil {
				return nil, ward.Errorf(ward.EInvalid, "diagram: boundary %s: unknown parent boundary %q", n.ID, p)
			}
			n.Parent = byID[p]
		}
	}
	for _, n := range m.bounds {
		// A chain longer than the number of boundaries has a cycle.
		p := n.Parent
		for i := 0; p != m.root; i++ {
			if i > len(m.bounds) {
				return nil, ward.Errorf(ward.EInvalid, "diagram: boundary %s is its own ancestor", n.ID)
			}
			p = p.Parent
		}
		n.Parent.Children = append(n.Parent.Children, n)
	}
	for _, n := range m.elements {
		n.Parent = m.root
		if b := n.Element.Boundary; b != "" {
			if byID[b] == nil {
				return nil, ward.Errorf(ward.EInvalid, "diagram: element %s: unknown boundary %q", n.ID, b)
			}
			n.Parent = byID[b]
		}
		n.Parent.Children = append(n.Parent.Children, n)
	}
	var setDepth func(n *node, d int)
	setDepth = func(n *node, d int) {
		n.depth = d
		slices.SortFunc(n.Children, cmpID)
		for _, c := range n.Children {
			setDepth(c, d+1)
		}
	}
	setDepth(m.root, 0)

	seen := map[string]bool{}
	for _, f := range a.Flows {
		if f == nil {
			continue
		}
		if f.ID == "" {
			return nil, ward.Errorf(ward.EInvalid, "diagram: a flow has no ID")
		}
		if seen[f.ID] {
			return nil, ward.Errorf(ward.EInvalid, "diagram: flow ID %q is used twice", f.ID)
		}
		seen[f.ID] = true
		from, to := elements[f.From], elements[f.To]
		if from == nil || to == nil {
			return nil, ward.Errorf(ward.EInvalid, "diagram: flow %s: unknown element %q", f.ID, pick(from == nil, f.From, f.To))
		}
		m.flows = append(m.flows, &flow{Flow: f, From: from, To: to})
	}
	slices.SortFunc(m.flows, func(x, y *flow) int { return strings.Compare(x.Flow.ID, y.Flow.ID) })
	m.linkFlows()
	return m, nil
}

func pick(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}

// linkFlows attaches every flow to the link between the two children of
// its endpoints' innermost common boundary that contain the endpoints.
func (m *model) linkFlows() {
	type key struct{ a, b *node }
	links := map[key]*link{}
	for _, f := range m.flows {
		if f.From == f.To {
			continue
		}
		a, b := f.From, f.To
		for a.depth > b.depth {
			a = a.Parent
		}
		for b.depth > a.depth {
			b = b.Parent
		}
		for a.Parent != b.Parent {
			a, b = a.Parent, b.Parent
		}
		if a == b { // one endpoint contains the other: impossible for elements
			continue
		}
		k := key{a, b}
		if b.ID < a.ID {
			k = key{b, a}
		}
		l := links[k]
		if l == nil {
			// Orient the link as its first flow (by ID) runs; cycle breaking may turn it.
			l = &link{From: a, To: b}
			links[k] = l
			a.Parent.links = append(a.Parent.links, l)
		}
		l.Flows = append(l.Flows, f)
		f.link = l
	}
}
