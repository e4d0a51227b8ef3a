// Package jsonpos locates values in JSON input, so that an error about a
// JSON document can say file:line:col and the JSON path of the value, as
// ward.PosError does. The SBOM, advisory and VEX readers share it.
//
// A path names a value from the root: "" is the root, "components[3].hashes[0]"
// a value deeper down. Keys are written as they are, escapes decoded; a key
// holding "." or "[" makes its paths ambiguous, which only matters to Parent.
//
// Lines and columns are 1-based and count bytes, as editors do when given a
// byte offset: a column is one more than the number of bytes before it on
// its line, whatever characters those bytes encode.
//
// It imports only the standard library and ward.
package jsonpos

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/wardhq/ward"
)

// Index locates the values of one JSON document. Positions are only needed
// to report problems, so New does no work: the path index and the line
// starts are built on first use, and valid input never pays for them.
type Index struct {
	name      string
	data      []byte
	firstLine int              // line of data[0] in the file
	offsets   map[string]int64 // built by Pos
	lines     []int            // offset of the first byte of each line of data; built by PosAt
}

// New returns an index of data, the whole content of the file name.
func New(name string, data []byte) *Index {
	return &Index{name: name, data: data, firstLine: 1}
}

// NewRecord returns an index of data, one record of the JSON Lines file
// name that starts at column 1 of line (1-based): positions are in the file.
func NewRecord(name string, line int, data []byte) *Index {
	return &Index{name: name, data: data, firstLine: max(line, 1)}
}

// Pos returns the position of the first byte of the value at path, else of
// its nearest ancestor that exists (a missing field is reported at its
// enclosing object), else the file alone (with the record's line for
// NewRecord).
func (x *Index) Pos(path string) ward.Pos {
	if x.offsets == nil {
		x.offsets = Offsets(x.data)
	}
	for p := path; ; p = Parent(p) {
		if off, ok := x.offsets[p]; ok {
			return x.PosAt(off)
		}
		if p == "" {
			return x.filePos()
		}
	}
}

// Positions returns the positions of the values at paths in one streaming
// pass, which ends as soon as all are found (see OffsetsOf). Paths that are
// not in data are left out.
func (x *Index) Positions(paths []string) map[string]ward.Pos {
	offs := OffsetsOf(x.data, paths)
	out := make(map[string]ward.Pos, len(offs))
	for p, off := range offs {
		out[p] = x.PosAt(off)
	}
	return out
}

// PosAt returns the line and byte column of byte offset off in data; off is
// clamped to [0, len(data)].
func (x *Index) PosAt(off int64) ward.Pos {
	if x.lines == nil {
		x.lines = lineStarts(x.data)
	}
	o := int(max(0, min(off, int64(len(x.data)))))
	lo, hi := 0, len(x.lines) // x.lines[lo] <= o < x.lines[hi]
	for lo+1 < hi {
		mid := int(uint(lo+hi) >> 1)
		if x.lines[mid] <= o {
			lo = mid
		} else {
			hi = mid
		}
	}
	return ward.Pos{File: x.name, Line: x.firstLine + lo, Col: o - x.lines[lo] + 1}
}

func (x *Index) filePos() ward.Pos {
	if x.firstLine > 1 {
		return ward.Pos{File: x.name, Line: x.firstLine}
	}
	return ward.Pos{File: x.name}
}

func lineStarts(data []byte) []int {
	starts := make([]int, 1, 1+bytes.Count(data, []byte{'\n'}))
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}

// Parent returns the path of the object or array holding the value at
// path: "a.b[2]" for "a.b[2].c", "a.b" for "a.b[2]", "" for "a" and "".
func Parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// PointerPath renders the reference tokens of a JSON pointer (RFC 6901,
// already unescaped) as a path: ["components", "3", "name"] becomes
// "components[3].name". A token of decimal digits is taken as an index.
func PointerPath(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		if isIndex(t) {
			b.WriteByte('[')
			b.WriteString(t)
			b.WriteByte(']')
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(t)
	}
	return b.String()
}

func isIndex(t string) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
}

// DecodeError turns an error of json.Unmarshal(data, …) into ward.PosErrors
// for the file name: a syntax error at the offending byte; a type error at
// the first byte of the offending value, with UnmarshalTypeError.Field as
// its path (field names from the root, without indices: TypeErrorPath
// has them); an early end of input at the end. A ward.PosErrors (from an
// UnmarshalJSON method) is returned as it is; nil stays nil.
func DecodeError(name string, data []byte, err error) error {
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var pe ward.PosErrors
	switch {
	case errors.As(err, &pe):
		return pe
	case errors.As(err, &se):
		// Offset counts the bytes read, the offending one included.
		return ward.PosErrors{{Pos: New(name, data).PosAt(se.Offset - 1), Msg: "JSON syntax error: " + strings.TrimPrefix(se.Error(), "json: ")}}
	case errors.As(err, &te):
		_, off := typeErrorValue(data, te)
		msg := fmt.Sprintf("expected %s, found JSON %s", Kind(te.Type), te.Value)
		return ward.PosErrors{{Pos: New(name, data).PosAt(off), Path: te.Field, Msg: msg}}
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return ward.PosErrors{{Pos: New(name, data).PosAt(int64(len(data))), Msg: "JSON syntax error: unexpected end of file"}}
	}
	return ward.PosErrors{{Pos: ward.Pos{File: name}, Msg: "invalid JSON: " + strings.TrimPrefix(err.Error(), "json: ")}}
}

// TypeErrorPath returns the path, with indices, of the value a type error
// from json.Unmarshal(data, …) is about.
func TypeErrorPath(data []byte, te *json.UnmarshalTypeError) string {
	path, _ := typeErrorValue(data, te)
	return path
}

// typeErrorValue finds the value a type error is about: encoding/json
// reports the offset just past a scalar, or just inside an object or array,
// so it is the value starting last before that offset. One whose path
// without indices is te.Field is preferred, in case an UnmarshalJSON method
// reported an offset of its own. It reads data only up to te.Offset.
func typeErrorValue(data []byte, te *json.UnmarshalTypeError) (path string, off int64) {
	field, fieldOff := "", int64(-1)
	last, lastOff := "", int64(-1)
	walk(data, nil, func(p string, o int64) bool {
		if o >= te.Offset {
			return false
		}
		last, lastOff = p, o
		if stripIndices(p) == te.Field {
			field, fieldOff = p, o
		}
		return true
	})
	switch {
	case fieldOff >= 0:
		return field, fieldOff
	case lastOff >= 0:
		return last, lastOff
	}
	return te.Field, 0
}

func stripIndices(p string) string {
	if !strings.Contains(p, "[") {
		return p
	}
	var b strings.Builder
	depth := 0
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// Kind names the JSON value a Go type is read from, with its article, as
// in "expected a string": "an object", "an array", "a string", "a number" or
// "a boolean". Types read from text (encoding.TextUnmarshaler) are strings.
func Kind(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(textUnmarshaler) {
		return "a string"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "a string" // base64
		}
		return "an array"
	case reflect.Array:
		return "an array"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Interface:
		return "a value"
	}
	return "an object"
}

// Offsets returns the offset of the first byte of every value in data, by
// path. It stops quietly at the first syntax error, keeping the values that
// began before it: callers have decoded data already, so positions are
// asked for in valid JSON, and in invalid JSON the best effort is enough.
// Every offset is less than len(data). A path met twice (a key repeated in
// an object) keeps its first offset, as OffsetsOf, which stops there, must.
func Offsets(data []byte) map[string]int64 {
	out := map[string]int64{}
	walk(data, nil, func(path string, off int64) bool {
		if _, ok := out[path]; !ok {
			out[path] = off
		}
		return true
	})
	return out
}

// OffsetsOf is Offsets restricted to paths, in one streaming pass that
// skips, without naming their values, the objects and arrays that hold none
// of paths, and ends as soon as all paths are found: locating a few
// problems in a 100,000-component SBOM stays cheap.
func OffsetsOf(data []byte, paths []string) map[string]int64 {
	out := make(map[string]int64, len(paths))
	want := make(map[string]bool, len(paths))
	inside := map[string]bool{} // proper ancestors of wanted paths
	for _, p := range paths {
		want[p] = true
		for q := p; q != ""; {
			q = Parent(q)
			if inside[q] {
				break
			}
			inside[q] = true
		}
	}
	if len(want) == 0 {
		return out
	}
	walk(data, func(path string) bool { return inside[path] }, func(path string, off int64) bool {
		if want[path] {
			out[path] = off
			delete(want, path)
		}
		return len(want) > 0
	})
	return out
}

// maxDepth is how deep walk goes into nested objects and arrays. Each path
// repeats its ancestors', so deep hostile input would cost memory quadratic
// in its depth; real documents nest a few dozen levels at most.
const maxDepth = 1000

// discard reads a JSON value without keeping any of it.
type discard struct{}

func (*discard) UnmarshalJSON([]byte) error { return nil }

// walk visits the values of the first JSON value in data in the order of
// their first bytes, calling visit with each one's path and offset once it
// has been read (an object or array: its opening bracket), until visit
// returns false, data ends, a syntax error, or nesting deeper than maxDepth.
// The children of an object or array are visited only if enter(path) is
// true (nil: always); otherwise it is read as one value without building
// the paths inside it.
func walk(data []byte, enter func(path string) bool, visit func(path string, off int64) bool) {
	type frame struct {
		path  string
		array bool
		n     int // index of the next element of an array
	}
	var sink discard
	dec := json.NewDecoder(bytes.NewReader(data))
	// Iterative, not recursive: deep nesting in hostile input must not
	// grow the stack without bound.
	var stack []frame
	for {
		path := ""
		if n := len(stack); n > 0 {
			top := &stack[n-1]
			if !dec.More() {
				if _, err := dec.Token(); err != nil { // the closing bracket
					return
				}
				stack = stack[:n-1]
				if len(stack) == 0 {
					return
				}
				continue
			}
			if top.array {
				path = top.path + "[" + strconv.Itoa(top.n) + "]"
				top.n++
			} else {
				t, err := dec.Token()
				if err != nil {
					return
				}
				key, ok := t.(string)
				if !ok {
					return
				}
				path = key
				if top.path != "" {
					path = top.path + "." + key
				}
			}
		}
		off := valueStart(data, dec.InputOffset())
		if off >= int64(len(data)) {
			return
		}
		if c := data[off]; (c == '{' || c == '[') && (enter == nil || enter(path)) {
			if _, err := dec.Token(); err != nil {
				return
			}
			if len(stack) == maxDepth {
				return
			}
			stack = append(stack, frame{path: path, array: c == '['})
		} else if err := dec.Decode(&sink); err != nil {
			return
		}
		if !visit(path, off) || len(stack) == 0 {
			return
		}
	}
}

// valueStart moves off past white space and the ':' or ',' before a value
// to the value's first byte.
func valueStart(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}
