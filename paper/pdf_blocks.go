package paper

import (
	"math"
	"strconv"
)

// blockGap is the space after a block.
const blockGap = 7.0

func (r *pdfRenderer) block(b Block) {
	switch b := block(b).(type) {
	case Para:
		r.para(b.Text)
	case Note:
		r.note(noteLabel(b.Kind), b.Text, noteColors[b.Kind])
	case List:
		r.list(b)
	case Fields:
		r.fields(b.Items)
	case Table:
		r.table(b)
	case Figure:
		r.figure(b)
	}
}

// pdfCell is one column of a row: lines of text in one font, starting
// at x. A label, when set, goes before the first line (the lines were
// wrapped with the room it takes).
type pdfCell struct {
	x      float64
	lines  []string
	fn     pdfFont
	color  string
	label  string
	labelF pdfFont
	labelC string
	labelW float64
}

// pdfRow is text in columns whose lines run in parallel: a table row, a
// field, a list item, a note, a paragraph.
type pdfRow struct {
	cells []pdfCell
	padY  float64 // above and below the lines
	// keep moves the row to a new page rather than split it, when it
	// fits on one.
	keep bool
	// minLines is the fewest lines left at the foot of a page when the
	// row splits (against orphans); 1 if 0.
	minLines int
	// fresh is the room for the row on a page onBreak started: pageRoom
	// less whatever repeats at its top.
	fresh float64
	// decorate paints behind one page's part of the row: backgrounds, rules.
	decorate func(top, h float64)
	// onBreak starts a new page and draws what repeats at its top; nil
	// for newPage.
	onBreak func()
}

// row draws a row at r.y, across as many pages as it needs.
func (r *pdfRenderer) row(w pdfRow) {
	n, lead := 0, 0.0
	for _, c := range w.cells {
		n = max(n, len(c.lines))
		lead = max(lead, c.fn.lead)
	}
	if w.onBreak == nil {
		w.onBreak = r.newPage
	}
	if w.fresh == 0 {
		w.fresh = pageRoom
	}
	minLines := max(w.minLines, 1)
	h := float64(n)*lead + 2*w.padY
	broke := false // on a page onBreak started: draw at least a line, or this never ends
	if w.keep && r.y+h > bottom && h <= w.fresh {
		w.onBreak()
		broke = true
	}
	done := 0
	for {
		rest := n - done
		avail := int(math.Floor((bottom - r.y - 2*w.padY + 0.01) / lead))
		if rest <= avail {
			r.rowPart(w, done, n, lead)
			return
		}
		if avail < min(minLines, rest) && !broke {
			w.onBreak()
			broke = true
			continue
		}
		avail = max(avail, 1)
		r.rowPart(w, done, done+avail, lead)
		done += avail
		w.onBreak()
		broke = true
	}
}

// rowPart draws lines [from, to) of a row at r.y and moves below them.
func (r *pdfRenderer) rowPart(w pdfRow, from, to int, lead float64) {
	top := r.y
	h := float64(to-from)*lead + 2*w.padY
	if w.decorate != nil {
		w.decorate(top, h)
	}
	for _, c := range w.cells {
		for i := from; i < to && i < len(c.lines); i++ {
			base := top + w.padY + float64(i-from)*lead + lead/2 + 0.35*c.fn.size
			x := c.x
			if i == 0 && c.label != "" {
				r.font(c.labelF)
				r.textAt(x, base, c.label, c.labelC)
				x += c.labelW
			}
			r.font(c.fn)
			r.textAt(x, base, c.lines[i], c.color)
		}
	}
	r.y = top + h
}

func (r *pdfRenderer) para(text string) {
	r.row(pdfRow{
		cells:    []pdfCell{{x: marginX, lines: r.wrap(text, fontBody, textW, 0), fn: fontBody, color: colorText}},
		minLines: 2,
	})
	r.y += blockGap
}

// note draws a boxed paragraph: a coloured bar on the left, a tinted
// background, the label in bold before the text.
func (r *pdfRenderer) note(label, text string, colors [2]string) {
	const padX, bar = 10.0, 4.0
	label += ":"
	lw := r.width(label, fontBold) + r.width(" ", fontBody)
	lines := r.wrap(text, fontBody, textW-bar-2*padX, lw)
	r.y += 2
	r.row(pdfRow{
		cells: []pdfCell{{
			x: marginX + bar + padX, lines: lines, fn: fontBody, color: colorText,
			label: label, labelF: fontBold, labelC: colors[0], labelW: lw,
		}},
		padY: 6,
		keep: true,
		decorate: func(top, h float64) {
			r.box(marginX, top, textW, h, colors[1])
			r.box(marginX, top, bar, h, colors[0])
		},
	})
	r.y += blockGap + 2
}

func (r *pdfRenderer) list(l List) {
	markW := 14.0
	if l.Ordered {
		markW = r.width(strconv.Itoa(len(l.Items))+".", fontBody) + 8
	}
	indent := 8.0
	for i, item := range l.Items {
		mark := "•"
		if l.Ordered {
			mark = strconv.Itoa(i+1) + "."
		}
		r.row(pdfRow{
			cells: []pdfCell{
				{x: marginX + indent, lines: []string{mark}, fn: fontBody, color: colorMuted},
				{x: marginX + indent + markW, lines: r.wrap(item, fontBody, textW-indent-markW, 0), fn: fontBody, color: colorText},
			},
			padY:     1,
			keep:     true,
			minLines: 2,
		})
	}
	r.y += blockGap
}

// fields draws labels and values in two columns, the labels as wide as
// the widest needs, up to a third of the text width.
func (r *pdfRenderer) fields(items []Field) {
	labelW := 0.0
	for _, f := range items {
		labelW = max(labelW, r.width(f.Label, fontBold))
	}
	labelW = min(labelW+14, textW/3)
	for _, f := range items {
		r.row(pdfRow{
			cells: []pdfCell{
				{x: marginX, lines: r.wrap(f.Label, fontBold, labelW-14, 0), fn: fontBold, color: colorMuted},
				{x: marginX + labelW, lines: r.wrap(f.Value, fontBody, textW-labelW, 0), fn: fontBody, color: colorText},
			},
			padY: 1.5,
			keep: true,
		})
	}
	r.y += blockGap
}

// table draws a table whose rows wrap their cells, break across pages
// (a row taller than a page splits) and repeat the caption, marked
// continued, and the header row at the top of every page they run onto.
func (r *pdfRenderer) table(t Table) {
	const padX, padY = 4.0, 3.5
	cols := len(t.Header)
	widths := make([]float64, cols)
	total := 0.0
	for i := range widths {
		widths[i] = 1
		if len(t.Widths) == cols {
			widths[i] = t.Widths[i]
		}
		total += widths[i]
	}
	xs := make([]float64, cols)
	x := marginX
	for i := range widths {
		widths[i] *= textW / total
		xs[i] = x
		x += widths[i]
	}
	cells := func(texts []string, fn pdfFont) []pdfCell {
		out := make([]pdfCell, cols)
		for i := range out {
			s := ""
			if i < len(texts) {
				s = texts[i]
			}
			out[i] = pdfCell{x: xs[i] + padX, lines: r.wrap(s, fn, widths[i]-2*padX, 0), fn: fn, color: colorText}
		}
		return out
	}
	head := cells(t.Header, fontHead)
	headH := 0.0
	for _, c := range head {
		headH = max(headH, float64(len(c.lines))*fontHead.lead+2*padY)
	}
	caption := func(cont bool) []string {
		if t.Caption == "" {
			return nil
		}
		s := t.Caption
		if cont {
			s += " (continued)"
		}
		return r.wrap(s, fontCaption, textW, 0)
	}
	capH := float64(len(caption(true))) * fontCaption.lead
	header := func(cont bool) {
		for _, l := range caption(cont) {
			r.line(marginX, l, fontCaption, colorMuted)
		}
		r.row(pdfRow{cells: head, padY: padY, decorate: func(top, h float64) {
			r.box(marginX, top, textW, h, colorAlt)
			r.rule(marginX, top+h, marginX+textW, 1.2, colorLine)
		}})
	}
	onBreak := func() {
		r.newPage()
		header(true)
	}
	fresh := pageRoom - capH - headH

	// Start on a new page unless the caption, the header and the first
	// row (or two lines of it) fit here.
	first := headH
	if len(t.Rows) > 0 {
		first = float64(len(r.wrap(longest(t.Rows[0]), fontCell, textW/float64(cols), 0)))*fontCell.lead + 2*padY
		first = min(first, 2*fontCell.lead+2*padY)
	}
	r.y += 2
	r.ensure(capH + headH + first)
	header(false)
	for i, row := range t.Rows {
		zebra := i%2 == 1
		r.row(pdfRow{
			cells: cells(row, fontCell),
			padY:  padY,
			keep:  true,
			fresh: fresh,
			decorate: func(top, h float64) {
				if zebra {
					r.box(marginX, top, textW, h, colorAlt)
				}
				r.rule(marginX, top+h, marginX+textW, 0.5, colorLine)
			},
			onBreak: onBreak,
		})
	}
	r.y += blockGap + 2
}

// longest is the longest cell of a row: enough to guess its height.
func longest(row []string) string {
	s := ""
	for _, c := range row {
		if len(c) > len(s) {
			s = c
		}
	}
	return s
}

// figure draws f scaled to the text width (never enlarged), smaller
// still if it would not fit a page with its caption, on one page. A
// figure without Draw is named, with a pointer to the HTML edition.
func (r *pdfRenderer) figure(f Figure) {
	if f.Draw == nil {
		text := "This figure is drawn in the HTML edition of this document."
		if f.Caption != "" {
			text = f.Caption + ". " + text
		}
		r.note("Figure", text, noteColors["info"])
		return
	}
	capLines := r.wrap(f.Caption, fontCaption, textW, 0)
	if f.Caption == "" {
		capLines = nil
	}
	capH := float64(len(capLines))*fontCaption.lead + 6
	k := min(1, textW/f.Width, (pageRoom-capH-8)/f.Height)
	w, h := f.Width*k, f.Height*k
	r.y += 4
	r.ensure(h + capH)
	x0, y0 := marginX+(textW-w)/2, r.y
	r.f.ClipRect(x0, y0, w, h, false)
	f.Draw(&pdfCanvas{r: r, x0: x0, y0: y0, k: k})
	r.f.ClipEnd()
	// The clip's Q restored the graphics state fpdf believes it set.
	r.cur = pdfFont{}
	r.f.SetDashPattern(nil, 0)
	r.f.SetLineWidth(0.5)
	r.y = y0 + h + 6
	for _, l := range capLines {
		r.line(marginX, l, fontCaption, colorMuted)
	}
	r.y += blockGap
}
