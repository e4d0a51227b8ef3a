package diagram

import (
	"math"
	"slices"
	"sort"
)

// Spacing of the layered layout, in pixels.
const (
	nodeGap     = 24  // between two boxes of one layer
	nodeGapTB   = 40  // same when layers run top to bottom: labels stick out sideways
	dummyGap    = 12  // between a bend point of a long flow and anything else
	minLayerGap = 56  // between two layers that flows connect
	maxLayerGap = 260 // cap on the room made for labels
	freeGap     = 40  // between two layers no flow connects
)

// lnode is a node of the layered graph of one boundary: a child, or a
// dummy that carries a link across a layer it skips.
type lnode struct {
	n            *node // nil for a dummy
	w, h         float64
	layer, order int
	y            float64 // centre, along the layer
	up, down     []ledge // neighbours in the previous and the next layer
}

// ledge joins an lnode to a neighbour in an adjacent layer.
type ledge struct {
	to     int     // lnode index
	weight float64 // number of flows
	port   float64 // where the flows meet this lnode, relative to its centre
	far    float64 // same at the neighbour
}

// layoutLevel places the children of b, whose own sizes are known, and
// the bend points of b's links, and sets b's size. Children go into
// layers along the flows (cycles broken, longest-path layering), are
// ordered within a layer by barycentric sweeps, then placed along the
// layer by isotonic regression towards their neighbours. Layers run left
// to right, or top to bottom when that gives a box closer to a landscape
// page: long chains of nested boundaries would otherwise only grow wider.
func layoutLevel(b *node, isRoot bool) {
	idx := make(map[*node]int, len(b.Children))
	for i, c := range b.Children {
		idx[c] = i
	}
	breakCycles(len(b.Children), b.links, idx)
	best := arrange(b, isRoot, idx, true)
	if len(b.Children) > 1 && len(b.links) > 0 {
		if tb := arrange(b, isRoot, idx, false); tb.score() < best.score() {
			best = tb
		}
	}
	for i, c := range b.Children {
		c.px, c.py = best.pos[i].X, best.pos[i].Y
	}
	for i, l := range b.links {
		l.path = best.paths[i]
	}
	b.w, b.h = best.w, best.h
}

// arrangement is one candidate layout of a boundary's children.
type arrangement struct {
	pos   []point   // top-left of each child, relative to the boundary's box
	paths [][]point // bend points of each link
	w, h  float64   // the boundary's size
}

// score is how far the arrangement is from the aspect ratio of a
// landscape page (3:2), on a log scale so that too wide and too tall
// weigh alike.
func (a arrangement) score() float64 {
	if a.w <= 0 || a.h <= 0 {
		return 0
	}
	return math.Abs(math.Log(a.w / a.h / 1.5))
}

// arrange lays b's children out in layers from left to right (lr) or from
// top to bottom. It works along two abstract axes, the major one across
// layers and the minor one along them, and maps them to x and y at the end.
func arrange(b *node, isRoot bool, idx map[*node]int, lr bool) arrangement {
	kids := b.Children
	major := func(w, h float64) float64 { return pick2(lr, w, h) }
	minor := func(w, h float64) float64 { return pick2(lr, h, w) }
	g := make([]*lnode, len(kids))
	for i, c := range kids {
		w := c.w + c.loop
		g[i] = &lnode{n: c, w: major(w, c.h), h: minor(w, c.h)}
	}
	layerCount := assignLayers(g, b.links, idx)

	// Chains of dummies for links that skip layers, unless there would be
	// too many (a dense model drawn without boundaries): then long links
	// are drawn straight and ignored by ordering and placement.
	dummies := 0
	for _, l := range b.links {
		dummies += g[idx[l.To]].layer - g[idx[l.From]].layer - 1
	}
	useDummies := dummies <= 8*len(kids)+400
	chains := make([][]int, len(b.links))
	for li, l := range b.links {
		u, v := idx[l.From], idx[l.To]
		chain := []int{u}
		if useDummies {
			for k := g[u].layer + 1; k < g[v].layer; k++ {
				g = append(g, &lnode{layer: k})
				chain = append(chain, len(g)-1)
			}
		}
		chain = append(chain, v)
		chains[li] = chain
		weight := float64(len(l.Flows))
		for k := 0; k+1 < len(chain); k++ {
			p, q := chain[k], chain[k+1]
			if g[q].layer != g[p].layer+1 {
				continue
			}
			pp, qp := 0.0, 0.0
			if k == 0 {
				pp = portOffset(l, l.From, lr)
			}
			if k+2 == len(chain) {
				qp = portOffset(l, l.To, lr)
			}
			g[p].down = append(g[p].down, ledge{to: q, weight: weight, port: pp, far: qp})
			g[q].up = append(g[q].up, ledge{to: p, weight: weight, port: qp, far: pp})
		}
	}

	layers := make([][]int, layerCount)
	for i, v := range g {
		layers[v.layer] = append(layers[v.layer], i)
	}
	orderLayers(g, layers)
	gapAlong := float64(nodeGap)
	if !lr {
		gapAlong = nodeGapTB
	}
	placeAlongLayers(g, layers, gapAlong)

	// Layers become columns (or rows): each as thick as its thickest box,
	// separated by room for the labels of the flows that cross the gap.
	colW := make([]float64, layerCount)
	for _, v := range g {
		colW[v.layer] = math.Max(colW[v.layer], v.w)
	}
	gap := make([]float64, layerCount)
	for li, l := range b.links {
		chain := chains[li]
		for k := 0; k+1 < len(chain); k++ {
			gap[g[chain[k]].layer] = math.Max(gap[g[chain[k]].layer], minLayerGap)
		}
		if !lr {
			continue // labels sit across vertical flows: no extra room
		}
		// The label sits near the middle of the path: make room there.
		mid := max(len(chain)/2-1, 0)
		lw := 0.0
		for _, f := range l.Flows {
			lw = math.Max(lw, labelWidth(f))
		}
		from := g[chain[mid]].layer
		gap[from] = math.Max(gap[from], math.Min(lw+40, maxLayerGap))
	}
	colX := make([]float64, layerCount)
	x := 0.0
	for k := range layerCount {
		colX[k] = x
		g2 := gap[k]
		if g2 == 0 {
			g2 = freeGap
		}
		x += colW[k] + g2
	}
	extMajor := 0.0
	if layerCount > 0 {
		extMajor = colX[layerCount-1] + colW[layerCount-1]
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range g {
		lo = math.Min(lo, v.y-v.h/2)
		hi = math.Max(hi, v.y+v.h/2)
	}
	if len(g) == 0 {
		lo, hi = 0, 0
	}

	offX, offY := boundPad, boundPad+boundHeader
	if isRoot {
		offX, offY = 0, 0
	}
	at := func(maj, min float64) point {
		if lr {
			return point{offX + maj, offY + min}
		}
		return point{offX + min, offY + maj}
	}
	a := arrangement{pos: make([]point, len(kids)), paths: make([][]point, len(b.links))}
	for i := range kids {
		v := g[i]
		a.pos[i] = at(colX[v.layer]+(colW[v.layer]-v.w)/2, v.y-v.h/2-lo) // the loop room is on the right
	}
	for li := range b.links {
		chain := chains[li]
		var path []point
		for _, d := range chain[1 : len(chain)-1] {
			v := g[d]
			path = append(path, at(colX[v.layer], v.y-lo))
			if colW[v.layer] > 0 {
				path = append(path, at(colX[v.layer]+colW[v.layer], v.y-lo))
			}
		}
		a.paths[li] = path
	}
	w, h := extMajor, hi-lo
	if !lr {
		w, h = h, w
	}
	if isRoot {
		a.w, a.h = w, h
		return a
	}
	a.w = math.Max(w, boundaryLabelWidth(b)) + 2*boundPad
	a.h = h + boundHeader + 2*boundPad
	if len(kids) == 0 {
		a.h += 16
	}
	return a
}

func pick2(c bool, a, b float64) float64 {
	if c {
		return a
	}
	return b
}

// portOffset is where the flows of l meet child c along the layer,
// relative to c's centre: the mean position of their endpoint elements
// within c, heights when layers run left to right (lr), else widths.
func portOffset(l *link, c *node, lr bool) float64 {
	if c.isElement() {
		return 0
	}
	sum := 0.0
	for _, f := range l.Flows {
		e := f.From
		if !within(e, c) {
			e = f.To
		}
		if lr {
			y := e.py + e.h/2
			for p := e.Parent; p != c; p = p.Parent {
				y += p.py
			}
			sum += y - c.h/2
		} else {
			x := e.px + e.w/2
			for p := e.Parent; p != c; p = p.Parent {
				x += p.px
			}
			sum += x - c.w/2
		}
	}
	return sum / float64(len(l.Flows))
}

func within(e, c *node) bool {
	for p := e; p != nil; p = p.Parent {
		if p == c {
			return true
		}
	}
	return false
}

// breakCycles turns links that close a cycle, found as the back edges of a
// depth-first search that starts from the sources in ID order.
func breakCycles(n int, links []*link, idx map[*node]int) {
	out := make([][]*link, n)
	indeg := make([]int, n)
	for _, l := range links {
		out[idx[l.From]] = append(out[idx[l.From]], l)
		indeg[idx[l.To]]++
	}
	const (
		white = iota
		grey
		black
	)
	color := make([]int, n)
	var reverse []*link
	var visit func(u int)
	visit = func(u int) {
		color[u] = grey
		for _, l := range out[u] {
			v := idx[l.To]
			switch color[v] {
			case grey:
				reverse = append(reverse, l)
			case white:
				visit(v)
			}
		}
		color[u] = black
	}
	for u := range n {
		if indeg[u] == 0 && color[u] == white {
			visit(u)
		}
	}
	for u := range n {
		if color[u] == white {
			visit(u)
		}
	}
	for _, l := range reverse {
		l.From, l.To = l.To, l.From
	}
}

// assignLayers gives every child a layer by longest path from the
// sources, pulls each source next to its nearest successor, and puts
// children without links where the layers are shortest. It returns the
// number of layers.
func assignLayers(g []*lnode, links []*link, idx map[*node]int) int {
	n := len(g)
	out := make([][]int, n)
	indeg := make([]int, n)
	linked := make([]bool, n)
	for _, l := range links {
		u, v := idx[l.From], idx[l.To]
		out[u] = append(out[u], v)
		indeg[v]++
		linked[u], linked[v] = true, true
	}
	queue := []int{}
	for u := range n {
		if indeg[u] == 0 {
			queue = append(queue, u)
		}
	}
	deg := slices.Clone(indeg)
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, v := range out[u] {
			g[v].layer = max(g[v].layer, g[u].layer+1)
			if deg[v]--; deg[v] == 0 {
				queue = append(queue, v)
			}
		}
	}
	for u := range n {
		if indeg[u] == 0 && len(out[u]) > 0 {
			m := math.MaxInt
			for _, v := range out[u] {
				m = min(m, g[v].layer)
			}
			g[u].layer = m - 1
		}
	}
	count := 0
	for u := range n {
		if linked[u] {
			count = max(count, g[u].layer+1)
		}
	}
	var free []int
	for u := range n {
		if !linked[u] {
			free = append(free, u)
		}
	}
	if len(free) == 0 {
		return count
	}
	if count == 0 {
		// Nothing links these children: a grid about as wide as tall.
		cols := int(math.Ceil(math.Sqrt(float64(len(free)))))
		for i, u := range free {
			g[u].layer = i % cols
		}
		return min(cols, len(free))
	}
	height := make([]float64, count)
	for u := range n {
		if linked[u] {
			height[g[u].layer] += g[u].h + nodeGap
		}
	}
	for _, u := range free {
		best := 0
		for k := range count {
			if height[k] < height[best] {
				best = k
			}
		}
		g[u].layer = best
		height[best] += g[u].h + nodeGap
	}
	return count
}

// orderLayers reduces crossings with barycentric sweeps, down and up,
// and keeps the best order seen.
func orderLayers(g []*lnode, layers [][]int) {
	setOrder := func() {
		for _, layer := range layers {
			for i, u := range layer {
				g[u].order = i
			}
		}
	}
	setOrder()
	best := cloneLayers(layers)
	bestX := crossings(g, layers)
	bary := make([]float64, len(g))
	for sweep := 0; sweep < 8 && bestX > 0; sweep++ {
		down := sweep%2 == 0
		for k := range layers {
			if !down {
				k = len(layers) - 1 - k
			}
			layer := layers[k]
			scale := 1.0
			for _, u := range layer {
				nb := g[u].up
				if !down {
					nb = g[u].down
				}
				sum, w := 0.0, 0.0
				for _, e := range nb {
					sum += e.weight * float64(g[e.to].order)
					w += e.weight
				}
				if w > 0 {
					bary[u] = sum / w
				} else {
					bary[u] = -1
				}
			}
			// Nodes without neighbours on that side keep their place.
			if k > 0 && len(layers[k-1]) > 0 {
				scale = float64(len(layers[k-1])) / float64(len(layer))
			}
			for i, u := range layer {
				if bary[u] < 0 {
					bary[u] = float64(i) * scale
				}
			}
			sort.SliceStable(layer, func(i, j int) bool { return bary[layer[i]] < bary[layer[j]] })
			for i, u := range layer {
				g[u].order = i
			}
		}
		if x := crossings(g, layers); x < bestX {
			bestX = x
			best = cloneLayers(layers)
		}
	}
	for k := range layers {
		copy(layers[k], best[k])
	}
	setOrder()
}

func cloneLayers(layers [][]int) [][]int {
	c := make([][]int, len(layers))
	for k := range layers {
		c[k] = slices.Clone(layers[k])
	}
	return c
}

// crossings counts weighted crossings between adjacent layers by counting
// inversions with a Fenwick tree: O(E log V).
func crossings(g []*lnode, layers [][]int) float64 {
	total := 0.0
	type seg struct {
		a, b int
		w    float64
	}
	var segs []seg
	for k := 0; k+1 < len(layers); k++ {
		segs = segs[:0]
		for _, u := range layers[k] {
			for _, e := range g[u].down {
				segs = append(segs, seg{g[u].order, g[e.to].order, e.weight})
			}
		}
		slices.SortFunc(segs, func(x, y seg) int {
			if x.a != y.a {
				return x.a - y.a
			}
			return x.b - y.b
		})
		n := len(layers[k+1])
		tree := make([]float64, n+1)
		seen := 0.0
		for _, s := range segs {
			// Weight of earlier segments that end after s.b: they cross s.
			le := 0.0
			for i := s.b + 1; i > 0; i -= i & -i {
				le += tree[i]
			}
			total += s.w * (seen - le)
			for i := s.b + 1; i <= n; i += i & -i {
				tree[i] += s.w
			}
			seen += s.w
		}
	}
	return total
}
