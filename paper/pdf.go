package paper

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
)

// A4 in points, and the text area on it.
const (
	pageW     = 595.28
	pageH     = 841.89
	marginX   = 56.69 // 20 mm
	marginTop = 62.36 // 22 mm; the running header sits above
	bottom    = pageH - 62.36
	textW     = pageW - 2*marginX
	// pageRoom is the height of the text area: what fits on a fresh page.
	pageRoom = bottom - marginTop
)

// family is the font every text is set in: the Go fonts, embedded (and
// subset) so that the PDF shows →, ×, ≥, accents and typographic quotes
// wherever it is opened. Runes the Go fonts lack (CJK, most symbols
// beyond arrows and mathematical operators) print as the missing glyph.
const family = "go"

// pdfFont is a style ("", "B" or "I"), a size and the distance between
// baselines, in points.
type pdfFont struct {
	style      string
	size, lead float64
}

var (
	fontBody     = pdfFont{"", 10, 14}
	fontBold     = pdfFont{"B", 10, 14}
	fontSmall    = pdfFont{"", 8, 10}
	fontCell     = pdfFont{"", 9, 12}
	fontHead     = pdfFont{"B", 9, 12}
	fontCaption  = pdfFont{"I", 9, 12}
	fontTitle    = pdfFont{"B", 26, 32}
	fontSubtitle = pdfFont{"", 15, 20}
	fontTOC1     = pdfFont{"B", 10.5, 16}
	headings     = []pdfFont{{"B", 16, 21}, {"B", 13, 18}, {"B", 11, 15}}
)

// Colours, as the HTML page has them.
const (
	colorText  = "#1f2328"
	colorMuted = "#59636e"
	colorLine  = "#d1d9e0"
	colorAlt   = "#f6f8fa"
)

var noteColors = map[string][2]string{ // kind: line, background
	"info":    {"#0969da", "#ddf4ff"},
	"warning": {"#cf222e", "#ffebe9"},
	"gap":     {"#9a6700", "#fff8c5"},
}

// WritePDF writes d as an A4 PDF: a title page with the Meta fields, the
// contents with page numbers, then the numbered sections, each top-level
// one on a new page; a running header and a footer with "Page X of Y" on
// every page. Tables wrap their cells and repeat their header row on each
// page they run onto; a figure is drawn through its Draw function, scaled
// to the text width and kept on one page. The text is set in the Go fonts,
// embedded. The creation and modification dates are d.Date: the same
// document always gives the same bytes.
//
// It lays the document out twice: the first pass finds the page of every
// section and the page count, the second prints them (the contents take
// the same room either way, so the numbers hold).
//
// It returns the problems Validate finds, or any error of w.
func WritePDF(w io.Writer, d *Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	date, _ := time.Parse(time.DateOnly, d.Date) // Validate checked it
	var prev *pdfPages
	for range 3 {
		r := newPDFRenderer(d, date, prev)
		r.document()
		if err := r.f.Error(); err != nil {
			return fmt.Errorf("paper: PDF: %w", err)
		}
		r.pages.total = r.f.PageNo()
		if prev != nil && prev.equal(&r.pages) {
			return r.f.Output(w)
		}
		prev = &r.pages
	}
	return errors.New("paper: PDF: the page numbers of the contents do not settle")
}

// pdfPages is what a pass learns: the page count and the page of each
// section, in outline order.
type pdfPages struct {
	total   int
	section []int
}

func (p *pdfPages) equal(o *pdfPages) bool {
	return p.total == o.total && slices.Equal(p.section, o.section)
}

// pdfRenderer lays one pass of a document out onto an fpdf document.
type pdfRenderer struct {
	f     *fpdf.Fpdf
	d     *Document
	toc   []entry
	prev  *pdfPages // what the previous pass learnt; nil on the first
	pages pdfPages
	links []int // fpdf link of each section, in outline order
	y     float64
	cur   pdfFont // the font last set on this page
}

func newPDFRenderer(d *Document, date time.Time, prev *pdfPages) *pdfRenderer {
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetTitle(pdfText(d.Title), true)
	if d.Subtitle != "" {
		f.SetSubject(pdfText(d.Subtitle), true)
	}
	f.SetCreator("ward", true)
	f.SetLang("en")
	f.SetMargins(marginX, marginTop, marginX)
	f.SetAutoPageBreak(false, 0)
	f.AddUTF8FontFromBytes(family, "", goregular.TTF)
	f.AddUTF8FontFromBytes(family, "B", gobold.TTF)
	f.AddUTF8FontFromBytes(family, "I", goitalic.TTF)
	toc := outline(d)
	r := &pdfRenderer{f: f, d: d, toc: toc, prev: prev}
	r.pages.section = make([]int, len(toc))
	for range toc {
		r.links = append(r.links, f.AddLink())
	}
	return r
}

// document lays out the whole document.
func (r *pdfRenderer) document() {
	r.titlePage()
	if len(r.toc) == 0 {
		return
	}
	r.contents()
	for i, e := range r.toc {
		r.heading(i, e)
		for _, b := range e.Blocks {
			r.block(b)
		}
	}
}

// newPage starts a page with its running header and its footer: both
// depend only on the page number, so they are drawn first.
func (r *pdfRenderer) newPage() {
	r.f.AddPage()
	r.cur = pdfFont{}
	n := r.f.PageNo()
	r.y = marginTop
	r.rule(marginX, pageH-44, pageW-marginX, 0.5, colorLine)
	label := "Page " + strconv.Itoa(n)
	if r.prev != nil {
		label += " of " + strconv.Itoa(r.prev.total)
	}
	r.font(fontSmall)
	lw := r.width(label, fontSmall)
	r.textAt(pageW-marginX-lw, pageH-32, label, colorMuted)
	r.textAt(marginX, pageH-32, r.fit(r.d.Footer, textW-lw-24), colorMuted)
	if n == 1 {
		return
	}
	head := r.d.Title
	if r.d.Subtitle != "" {
		head += " — " + r.d.Subtitle
	}
	dw := r.width(r.d.Date, fontSmall)
	r.textAt(marginX, 38, r.fit(head, textW-dw-24), colorMuted)
	r.textAt(pageW-marginX-dw, 38, r.d.Date, colorMuted)
	r.rule(marginX, 44, pageW-marginX, 0.5, colorLine)
}

// ensure starts a new page unless h more points fit on this one.
func (r *pdfRenderer) ensure(h float64) {
	if r.y+h > bottom+0.01 {
		r.newPage()
	}
}

func (r *pdfRenderer) titlePage() {
	r.newPage()
	r.y = marginTop + 110
	for _, l := range r.wrap(r.d.Title, fontTitle, textW, 0) {
		r.line(marginX, l, fontTitle, colorText)
	}
	if r.d.Subtitle != "" {
		r.y += 4
		for _, l := range r.wrap(r.d.Subtitle, fontSubtitle, textW, 0) {
			r.line(marginX, l, fontSubtitle, colorMuted)
		}
	}
	r.y += 12
	r.rule(marginX, r.y, pageW-marginX, 1.5, colorText)
	r.y += 16
	meta := slices.Clone(r.d.Meta)
	if dateShown(r.d) {
		meta = append(meta, Field{Label: "Date", Value: r.d.Date})
	}
	r.fields(meta)
}

// contents lists every section with its page. An entry's lines do not
// depend on its page number, so the contents take the same room in every
// pass.
func (r *pdfRenderer) contents() {
	r.newPage()
	fn := headings[0]
	r.f.Bookmark("Contents", 0, r.y)
	r.line(marginX, "Contents", fn, colorText)
	r.y += 8
	const pageCol = 36.0
	numW := 0.0
	r.font(fontTOC1)
	for _, e := range r.toc {
		numW = max(numW, r.width(e.Number, fontTOC1)+10)
	}
	for i, e := range r.toc {
		fn := fontBody
		if e.Level == 1 {
			fn = fontTOC1
		}
		indent := float64(min(e.Level-1, 4)) * 14
		x := marginX + indent
		lines := r.wrap(e.Title, fn, textW-indent-numW-pageCol, 0)
		h := float64(len(lines)) * fn.lead
		if e.Level == 1 {
			h += 4
		}
		r.ensure(h)
		if e.Level == 1 {
			r.y += 4
		}
		top := r.y
		r.font(fn)
		r.textAt(x, r.baseline(fn), e.Number, colorMuted)
		for _, l := range lines {
			r.line(x+numW, l, fn, colorText)
		}
		// Dot leaders from the last line to the page number.
		last := r.y - fn.lead
		end := x + numW + r.width(lines[len(lines)-1], fn) + 6
		if page := r.sectionPage(i); page != "" {
			pw := r.width(page, fn)
			r.textAt(pageW-marginX-pw, last+fn.lead/2+0.35*fn.size, page, colorText)
			dots := r.width(". ", fontBody)
			if n := int((pageW - marginX - pageCol - 4 - end) / dots); n > 0 {
				r.font(fontBody)
				r.textAt(end, last+fn.lead/2+0.35*fn.size, strings.Repeat(". ", n), colorLine)
			}
		}
		r.f.Link(x, top, textW-indent, r.y-top, r.links[i])
	}
}

// sectionPage is the page of the i-th section as the previous pass found
// it, or "" on the first pass.
func (r *pdfRenderer) sectionPage(i int) string {
	if r.prev == nil {
		return ""
	}
	return strconv.Itoa(r.prev.section[i])
}

// heading starts section i: a new page for a top-level section; else on
// this page if the heading and three lines of text fit.
func (r *pdfRenderer) heading(i int, e entry) {
	fn := headings[min(e.Level, len(headings))-1]
	if e.Level == 1 {
		r.newPage()
	} else {
		r.ensure(10 + fn.lead + 3*fontBody.lead)
		r.y += 10
	}
	r.font(fn)
	numW := r.width(e.Number, fn) + fn.size*0.75
	r.f.SetLink(r.links[i], r.y, -1)
	r.f.Bookmark(pdfText(e.Number+" "+e.Title), e.Level-1, r.y)
	r.pages.section[i] = r.f.PageNo()
	r.textAt(marginX, r.baseline(fn), e.Number, colorMuted)
	for _, l := range r.wrap(e.Title, fn, textW-numW, 0) {
		r.line(marginX+numW, l, fn, colorText)
	}
	if e.Level == 1 {
		r.y += 3
		r.rule(marginX, r.y, pageW-marginX, 0.75, colorLine)
		r.y += 8
	} else {
		r.y += 3
	}
}

// font selects fn unless it is already selected on this page.
func (r *pdfRenderer) font(fn pdfFont) {
	if fn.style != r.cur.style || fn.size != r.cur.size {
		r.f.SetFont(family, fn.style, fn.size)
		r.cur = fn
	}
}

func (r *pdfRenderer) width(s string, fn pdfFont) float64 {
	r.font(fn)
	return r.f.GetStringWidth(pdfText(s))
}

// baseline is where text in fn sits in a line starting at r.y: the
// capitals centred in the line.
func (r *pdfRenderer) baseline(fn pdfFont) float64 {
	return r.y + fn.lead/2 + 0.35*fn.size
}

// line writes one line of text at x on the current line and moves down.
func (r *pdfRenderer) line(x float64, s string, fn pdfFont, color string) {
	r.font(fn)
	r.textAt(x, r.baseline(fn), s, color)
	r.y += fn.lead
}

// textAt writes s in the current font with its left baseline at (x, y).
// Every text reaches fpdf through here or through GetStringWidth, and
// always through pdfText first.
func (r *pdfRenderer) textAt(x, y float64, s, color string) {
	if s == "" {
		return
	}
	cr, cg, cb, _ := parseColor(color)
	r.f.SetTextColor(cr, cg, cb)
	r.f.Text(x, y, pdfText(s))
}

// pdfText makes s safe for fpdf, which handles the Basic Multilingual
// Plane only and panics on invalid UTF-8 and on runes beyond the plane: a
// rune beyond it or an invalid byte becomes U+FFFD; control characters go.
func pdfText(s string) string {
	ok := true
	for _, c := range s {
		if c == utf8.RuneError || c > 0xFFFF || c < 0x20 || c == 0x7F {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case c < 0x20 || c == 0x7F:
		case c > 0xFFFF:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// rule draws a horizontal line.
func (r *pdfRenderer) rule(x1, y, x2, width float64, color string) {
	cr, cg, cb, _ := parseColor(color)
	r.f.SetDrawColor(cr, cg, cb)
	r.f.SetLineWidth(width)
	r.f.Line(x1, y, x2, y)
}

// box fills a rectangle.
func (r *pdfRenderer) box(x, y, w, h float64, color string) {
	cr, cg, cb, _ := parseColor(color)
	r.f.SetFillColor(cr, cg, cb)
	r.f.Rect(x, y, w, h, "F")
}

// fit shortens s with an ellipsis to fit width in the current font.
func (r *pdfRenderer) fit(s string, width float64) string {
	s = pdfText(strings.Join(strings.Fields(s), " "))
	if r.f.GetStringWidth(s) <= width {
		return s
	}
	cut := r.cut(s, width-r.f.GetStringWidth("…"))
	return strings.TrimRight(s[:cut], " ") + "…"
}

// cut returns the length in bytes of the longest prefix of s that fits
// width in the current font; at least one rune, so that wrapping advances.
func (r *pdfRenderer) cut(s string, width float64) int {
	w := 0.0
	for i, c := range s {
		w += r.f.GetStringWidth(string(c))
		if w > width {
			if i == 0 {
				return utf8.RuneLen(c)
			}
			return i
		}
	}
	return len(s)
}

// wrap breaks s into lines of at most width points in fn: at spaces, and
// inside a word too long for a line; the first line is indent shorter (a
// label goes there). A newline in s starts a new line.
func (r *pdfRenderer) wrap(s string, fn pdfFont, width, indent float64) []string {
	r.font(fn)
	space := r.f.GetStringWidth(" ")
	var lines []string
	avail := func() float64 { // with a little slack for rounding: a text measured to fit must fit
		if len(lines) == 0 {
			return width - indent + 0.01
		}
		return width + 0.01
	}
	for _, para := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		start := len(lines)
		para = pdfText(para)
		var words []string
		lw := 0.0
		flush := func() {
			lines = append(lines, strings.Join(words, " "))
			words, lw = words[:0], 0
		}
		// Only ASCII blanks separate words: a no-break space keeps "10 mg" whole.
		for _, w := range strings.FieldsFunc(para, func(c rune) bool { return c == ' ' || c == '\t' || c == '\r' }) {
			ww := r.f.GetStringWidth(w)
			if len(words) > 0 && lw+space+ww <= avail() {
				words = append(words, w)
				lw += space + ww
				continue
			}
			if len(words) > 0 {
				flush()
			}
			for ww > avail() {
				n := r.cut(w, avail())
				lines = append(lines, w[:n])
				w = w[n:]
				ww = r.f.GetStringWidth(w)
			}
			if w != "" {
				words, lw = append(words, w), ww
			}
		}
		if len(words) > 0 || len(lines) == start {
			flush()
		}
	}
	return lines
}
