// Package pdfcheck reads a PDF back in tests: how many pages it has and
// what text it shows, so that a test of a generated PDF can check what a
// reader would see. It imports only the standard library and
// github.com/ledongthuc/pdf, and is imported only from _test.go files.
//
// Text is read from the page content streams, runs ordered top to bottom
// then left to right, runs on one baseline joined by a space. Fonts with a
// ToUnicode map (the embedded TrueType fonts fpdf writes) are decoded
// through it here: the library's own decoder keeps only the low byte of
// codes in a range such as fpdf's <0000> <FFFF>, and so loses →, ≥ and
// typographic quotes.
package pdfcheck

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// Open parses b and returns its page count and its text, page after page,
// each page's lines ending in "\n" and each page in a form feed. It fails
// the test when b is not a PDF it can read.
func Open(t testing.TB, b []byte) (pages int, text string) {
	t.Helper()
	texts, err := Pages(b)
	if err != nil {
		t.Fatalf("pdfcheck: %v", err)
	}
	return len(texts), strings.Join(texts, "\f")
}

// Pages returns the text of every page of b.
func Pages(b []byte) (texts []string, err error) {
	defer func() {
		// The library panics on some malformed input.
		if p := recover(); p != nil {
			texts, err = nil, fmt.Errorf("malformed PDF: %v", p)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	for i := 1; i <= r.NumPage(); i++ {
		s, err := pageText(r.Page(i))
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i, err)
		}
		texts = append(texts, s)
	}
	return texts, nil
}

// run is a string shown at one place of a page.
type run struct {
	x, y float64
	s    string
}

func pageText(p pdf.Page) (string, error) {
	if p.V.IsNull() {
		return "", nil
	}
	decoders := map[string]decoder{}
	fonts := p.Resources().Key("Font")
	for _, name := range fonts.Keys() {
		d, err := decoderFor(fonts.Key(name))
		if err != nil {
			return "", fmt.Errorf("font %s: %w", name, err)
		}
		decoders[name] = d
	}
	var runs []run
	var dec decoder = latin1
	var lx, ly, lead float64 // start of the current line, leading
	show := func(s string) {
		if s != "" {
			runs = append(runs, run{lx, ly, dec(s)})
		}
	}
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		switch op {
		case "BT":
			lx, ly = 0, 0
		case "Td":
			lx, ly = lx+num(0), ly+num(1)
		case "TD":
			lx, ly, lead = lx+num(0), ly+num(1), -num(1)
		case "TL":
			lead = num(0)
		case "Tm":
			lx, ly = num(4), num(5)
		case "T*":
			ly -= lead
		case "Tf":
			if len(args) > 0 {
				if d, ok := decoders[args[0].Name()]; ok {
					dec = d
				}
			}
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'", "\"":
			ly -= lead
			if len(args) > 0 {
				show(args[len(args)-1].RawString())
			}
		case "TJ":
			if len(args) == 1 {
				var b strings.Builder
				a := args[0]
				for i := range a.Len() {
					v := a.Index(i)
					if v.Kind() == pdf.String {
						b.WriteString(v.RawString())
					}
				}
				show(b.String())
			}
		}
	})
	// Top to bottom, then left to right; one line per baseline.
	slices.SortStableFunc(runs, func(a, b run) int {
		if d := b.y - a.y; d > 1 || d < -1 {
			return cmp.Compare(b.y, a.y)
		}
		return cmp.Compare(a.x, b.x)
	})
	var out strings.Builder
	for i, r := range runs {
		if i > 0 {
			if d := runs[i-1].y - r.y; d > 1 || d < -1 {
				out.WriteByte('\n')
			} else {
				out.WriteByte(' ')
			}
		}
		out.WriteString(r.s)
	}
	if len(runs) > 0 {
		out.WriteByte('\n')
	}
	return out.String(), nil
}

// decoder turns the bytes of a shown string into text.
type decoder func(raw string) string

func latin1(raw string) string {
	r := make([]rune, len(raw))
	for i := range len(raw) {
		r[i] = rune(raw[i])
	}
	return string(r)
}

// decoderFor reads the ToUnicode map of a font when it has one, else
// leaves the font to the library.
func decoderFor(font pdf.Value) (decoder, error) {
	if tu := font.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		rc := tu.Reader()
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			return nil, err
		}
		m, err := parseCMap(b)
		if err != nil {
			return nil, err
		}
		return m.decode, nil
	}
	f := pdf.Font{V: font}
	enc := f.Encoder()
	return enc.Decode, nil
}

// cmapRange maps codes lo…hi to dst, dst+1, … (dst's last UTF-16 unit
// counting up), or to one string each (list).
type cmapRange struct {
	lo, hi uint32
	dst    []uint16
	list   []string
}

// cmap is a ToUnicode map.
type cmap struct {
	space  []codespace
	chars  map[uint32]string
	ranges []cmapRange
}

type codespace struct {
	n      int // bytes per code
	lo, hi uint32
}

func (m *cmap) decode(raw string) string {
	var b strings.Builder
	for len(raw) > 0 {
		n := 0
		for _, s := range m.space {
			if s.n <= len(raw) {
				if c := be(raw[:s.n]); c >= s.lo && c <= s.hi {
					n = s.n
					break
				}
			}
		}
		if n == 0 {
			n = 1
		}
		b.WriteString(m.lookup(be(raw[:n])))
		raw = raw[n:]
	}
	return b.String()
}

func (m *cmap) lookup(c uint32) string {
	if s, ok := m.chars[c]; ok {
		return s
	}
	for _, r := range m.ranges {
		if c < r.lo || c > r.hi {
			continue
		}
		if r.list != nil {
			if i := int(c - r.lo); i < len(r.list) {
				return r.list[i]
			}
			break
		}
		u := slices.Clone(r.dst)
		if len(u) == 0 {
			break
		}
		u[len(u)-1] += uint16(c - r.lo)
		return string(utf16.Decode(u))
	}
	return "\uFFFD"
}

// be reads a big-endian code.
func be(s string) uint32 {
	var c uint32
	for i := range len(s) {
		c = c<<8 | uint32(s[i])
	}
	return c
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return u
}

// parseCMap reads the codespace, bfchar and bfrange sections of a CMap.
func parseCMap(b []byte) (*cmap, error) {
	m := &cmap{chars: map[uint32]string{}}
	toks := tokens(b)
	section := ""
	var args []token
	for _, t := range toks {
		switch t.word {
		case "begincodespacerange", "beginbfchar", "beginbfrange":
			section, args = t.word, nil
			continue
		case "endcodespacerange":
			for i := 0; i+1 < len(args); i += 2 {
				m.space = append(m.space, codespace{len(args[i].hex), be(args[i].hex), be(args[i+1].hex)})
			}
			section = ""
			continue
		case "endbfchar":
			for i := 0; i+1 < len(args); i += 2 {
				m.chars[be(args[i].hex)] = string(utf16.Decode(utf16Units(args[i+1].hex)))
			}
			section = ""
			continue
		case "endbfrange":
			for i := 0; i+2 < len(args); i += 3 {
				r := cmapRange{lo: be(args[i].hex), hi: be(args[i+1].hex)}
				if d := args[i+2]; d.list != nil {
					for _, s := range d.list {
						r.list = append(r.list, string(utf16.Decode(utf16Units(s))))
					}
				} else {
					r.dst = utf16Units(d.hex)
				}
				m.ranges = append(m.ranges, r)
			}
			section = ""
			continue
		}
		if section != "" {
			args = append(args, t)
		}
	}
	if len(m.space) == 0 {
		return nil, fmt.Errorf("ToUnicode map without codespace range")
	}
	slices.SortFunc(m.space, func(a, b codespace) int { return cmp.Compare(a.n, b.n) })
	return m, nil
}

// token is a hex string, an array of hex strings, or a word.
type token struct {
	hex  string
	list []string
	word string
}

// tokens splits a CMap into the tokens parseCMap reads; dictionaries,
// names and numbers come out as words it ignores.
func tokens(b []byte) []token {
	var out []token
	var list []string
	inList := false
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '<' && i+1 < len(b) && b[i+1] != '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return out
			}
			h := unhex(b[i+1 : i+j])
			i += j + 1
			if inList {
				list = append(list, h)
			} else {
				out = append(out, token{hex: h})
			}
		case c == '[':
			inList, list = true, []string{}
			i++
		case c == ']':
			out = append(out, token{list: list})
			inList, list = false, nil
			i++
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
			i++
		default:
			j := i
			for j < len(b) && !strings.ContainsRune(" \n\r\t<>[]", rune(b[j])) {
				j++
			}
			if j == i {
				j++ // a lone '<' of "<<" or '>'
			}
			out = append(out, token{word: string(b[i:j])})
			i = j
		}
	}
	return out
}

func unhex(h []byte) string {
	var s []byte
	h = bytes.Join(bytes.Fields(h), nil)
	if len(h)%2 == 1 {
		h = append(h, '0')
	}
	for i := 0; i+1 < len(h); i += 2 {
		v, err := strconv.ParseUint(string(h[i:i+2]), 16, 8)
		if err != nil {
			return ""
		}
		s = append(s, byte(v))
	}
	return string(s)
}
