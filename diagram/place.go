package diagram

// placeAlongLayers sets the centre of every lnode along its layer: first
// stacked, then pulled towards its neighbours in alternating sweeps while
// keeping the order and the gaps (weighted isotonic regression).
func placeAlongLayers(g []*lnode, layers [][]int, gap float64) {
	for _, layer := range layers {
		y := 0.0
		for i, u := range layer {
			if i > 0 {
				y += sep(g[layer[i-1]], g[u], gap)
			}
			g[u].y = y
		}
	}
	want := make([]float64, 0)
	weight := make([]float64, 0)
	for sweep := 0; sweep < 10; sweep++ {
		mode := sweep % 3 // down, up, both
		for k := range layers {
			if mode == 1 {
				k = len(layers) - 1 - k
			}
			layer := layers[k]
			want, weight = want[:0], weight[:0]
			for _, u := range layer {
				v := g[u]
				sum, w := 0.0, 0.0
				add := func(es []ledge) {
					for _, e := range es {
						sum += e.weight * (g[e.to].y + e.far - e.port)
						w += e.weight
					}
				}
				if mode != 1 {
					add(v.up)
				}
				if mode != 0 {
					add(v.down)
				}
				if w == 0 {
					want = append(want, v.y)
					weight = append(weight, 0.01)
				} else {
					want = append(want, sum/w)
					weight = append(weight, w)
				}
			}
			seps := make([]float64, len(layer))
			for i := 1; i < len(layer); i++ {
				seps[i] = sep(g[layer[i-1]], g[layer[i]], gap)
			}
			ys := isotonic(want, weight, seps)
			for i, u := range layer {
				g[u].y = ys[i]
			}
		}
	}
}

// sep is the least distance between the centres of two neighbours in a layer.
func sep(a, b *lnode, gap float64) float64 {
	if a.n == nil || b.n == nil {
		gap = dummyGap
	}
	return a.h/2 + b.h/2 + gap
}

// isotonic returns y minimising Σ weight·(y−want)² subject to
// y[i] ≥ y[i−1] + seps[i], by pool-adjacent-violators on y minus the
// cumulated separations.
func isotonic(want, weight, seps []float64) []float64 {
	n := len(want)
	off := make([]float64, n)
	for i := 1; i < n; i++ {
		off[i] = off[i-1] + seps[i]
	}
	type block struct {
		mean, w float64
		size    int
	}
	var blocks []block
	for i := range n {
		b := block{want[i] - off[i], weight[i], 1}
		for len(blocks) > 0 && blocks[len(blocks)-1].mean >= b.mean {
			p := blocks[len(blocks)-1]
			blocks = blocks[:len(blocks)-1]
			w := p.w + b.w
			b = block{(p.mean*p.w + b.mean*b.w) / w, w, p.size + b.size}
		}
		blocks = append(blocks, b)
	}
	ys := make([]float64, 0, n)
	for _, b := range blocks {
		for range b.size {
			ys = append(ys, b.mean+off[len(ys)])
		}
	}
	return ys
}
