package osv

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wardhq/ward"
)

// valueOffsets returns the byte offset at which each value of the JSON
// document data starts, keyed by JSON path ("" for the root,
// "affected[0].ranges[1].events[2]" deeper). It is only called when a record
// has problems, so it favours simplicity over speed. On malformed input it
// returns what it found before the error.
func valueOffsets(data []byte) map[string]int {
	type frame struct {
		path    string
		array   bool
		n       int    // next index in an array
		key     string // last key read in an object
		wantKey bool
	}
	offs := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []*frame
	for {
		start := skipSeparators(data, int(dec.InputOffset()))
		tok, err := dec.Token()
		if err != nil {
			return offs
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			continue
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && !top.array && top.wantKey {
			top.key, _ = tok.(string)
			top.wantKey = false
			continue
		}
		path := ""
		switch {
		case top == nil:
		case top.array:
			path = top.path + "[" + strconv.Itoa(top.n) + "]"
			top.n++
		case top.path == "":
			path = top.key
			top.wantKey = true
		default:
			path = top.path + "." + top.key
			top.wantKey = true
		}
		if _, ok := offs[path]; !ok {
			offs[path] = start
		}
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, &frame{path: path, array: d == '[', wantKey: d == '{'})
		}
	}
}

// skipSeparators moves off past white space, ':' and ',' to the first byte
// of the next token.
func skipSeparators(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// offsetOf returns the offset of path, or of its nearest ancestor that
// exists (a missing field is reported at its enclosing object).
func offsetOf(offs map[string]int, path string) int {
	for {
		if off, ok := offs[path]; ok {
			return off
		}
		if path == "" {
			return 0
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			path = ""
		} else {
			path = path[:i]
		}
	}
}

// pathBefore returns the path of the value that ends at end: the value
// starting last before end whose path, without indices, is field (as
// encoding/json reports it), else any value starting last before end.
func pathBefore(offs map[string]int, field string, end int) string {
	best, bestOff := "", -1
	anyBest, anyOff := "", -1
	for p, off := range offs {
		if off >= end {
			continue
		}
		if off > anyOff || off == anyOff && p < anyBest {
			anyBest, anyOff = p, off
		}
		if stripIndices(p) == field && (off > bestOff || off == bestOff && p < best) {
			best, bestOff = p, off
		}
	}
	if bestOff >= 0 {
		return best
	}
	return anyBest
}

func stripIndices(p string) string {
	if !strings.Contains(p, "[") {
		return p
	}
	var b strings.Builder
	depth := 0
	for _, c := range p {
		switch {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// position converts a byte offset in data, which starts on line firstLine
// of file, to a 1-based line and column (in characters).
func position(file string, firstLine int, data []byte, off int) ward.Pos {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line := firstLine + bytes.Count(before, []byte{'\n'})
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return ward.Pos{File: file, Line: line, Col: col}
}
