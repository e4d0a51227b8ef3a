package vex

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/wardhq/ward"
)

// doc is one input document: its name and bytes, and, built on first use,
// the position of every JSON value by path. Positions are only needed to
// report problems, so valid documents never pay for the index.
type doc struct {
	name    string
	data    []byte
	offsets map[string]int64 // path ("statements[2].status") → offset of its value
	lines   []int            // offset of the first byte of each line
	errs    ward.PosErrors
}

func newDoc(name string, data []byte) *doc { return &doc{name: name, data: data} }

// errorf records a problem at path; hint may be empty.
func (d *doc) errorf(path, hint, format string, args ...any) {
	d.errs = append(d.errs, &ward.PosError{Pos: d.pos(path), Path: path, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// err returns the recorded problems, sorted, or nil.
func (d *doc) err() error {
	if len(d.errs) == 0 {
		return nil
	}
	d.errs.Sort()
	return d.errs
}

// pos returns the position of the value at path, or of its closest
// ancestor that exists, or the file alone.
func (d *doc) pos(path string) ward.Pos {
	if d.offsets == nil {
		d.offsets = indexJSON(d.data)
	}
	for p := path; ; {
		if off, ok := d.offsets[p]; ok {
			return d.offsetPos(off)
		}
		if p == "" {
			return ward.Pos{File: d.name}
		}
		p = parentPath(p)
	}
}

// offsetPos converts a byte offset to a 1-based line and byte column.
func (d *doc) offsetPos(off int64) ward.Pos {
	if d.lines == nil {
		d.lines = []int{0}
		for i, b := range d.data {
			if b == '\n' {
				d.lines = append(d.lines, i+1)
			}
		}
	}
	off = max(0, min(off, int64(len(d.data))))
	lo, hi := 0, len(d.lines)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if int64(d.lines[mid]) <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return ward.Pos{File: d.name, Line: lo + 1, Col: int(off) - d.lines[lo] + 1}
}

func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

// indexJSON maps the path of every value in data to the offset of its first
// byte. It stops quietly at the first syntax error: data has been decoded
// once already, so positions are only asked for in valid JSON.
func indexJSON(data []byte) map[string]int64 {
	out := map[string]int64{}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var walk func(path string) error
	valueStart := func() int64 {
		off := dec.InputOffset()
		for off < int64(len(data)) {
			switch data[off] {
			case ' ', '\t', '\r', '\n', ':', ',':
				off++
				continue
			}
			break
		}
		return off
	}
	walk = func(path string) error {
		out[path] = valueStart()
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'):
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := k.(string)
				child := key
				if path != "" {
					child = path + "." + key
				}
				if err := walk(child); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if err := walk(path + "[" + strconv.Itoa(i) + "]"); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		}
		return err
	}
	_ = walk("")
	return out
}

// decodeJSON unmarshals data into v, turning encoding/json errors into
// PosErrors with the offending position and, for type errors, the path.
func decodeJSON(d *doc, v any) error {
	err := json.Unmarshal(d.data, v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off := max(se.Offset-1, 0) // Offset is just past the offending byte
		return ward.PosErrors{{Pos: d.offsetPos(off), Msg: "JSON syntax error: " + strings.TrimPrefix(se.Error(), "json: ")}}
	case errors.As(err, &te):
		msg := fmt.Sprintf("expected %s, found JSON %s", jsonKind(te.Type.String()), te.Value)
		// Field names the struct fields from the root, without array indices.
		return ward.PosErrors{{Pos: d.offsetPos(valueStartBefore(d.data, te.Offset)), Path: te.Field, Msg: msg}}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return ward.PosErrors{{Pos: d.offsetPos(int64(len(d.data))), Msg: "JSON syntax error: unexpected end of file"}}
	}
	var pe ward.PosErrors
	if errors.As(err, &pe) {
		return pe
	}
	return ward.PosErrors{{Pos: ward.Pos{File: d.name}, Msg: "invalid JSON: " + strings.TrimPrefix(err.Error(), "json: ")}}
}

func jsonKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	case goType == "string" || strings.HasPrefix(goType, "vex."):
		return "a string"
	case strings.HasPrefix(goType, "int") || strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "bool":
		return "a boolean"
	}
	return "an object"
}

// valueStartBefore returns where the JSON value that ends at (or, for
// objects and arrays, starts just before) off begins: encoding/json reports
// type errors after reading the offending token, and users want the
// position of its first byte.
func valueStartBefore(data []byte, off int64) int64 {
	off = max(0, min(off, int64(len(data))))
	if off == 0 {
		return 0
	}
	i := off - 1
	switch c := data[i]; {
	case c == '{' || c == '[':
		return i
	case c == '"':
		for j := i - 1; j >= 0; j-- {
			if data[j] != '"' {
				continue
			}
			k := j - 1
			for k >= 0 && data[k] == '\\' {
				k--
			}
			if (j-k-1)%2 == 0 { // an even number of backslashes: not escaped
				return j
			}
		}
		return i
	}
	for i > 0 && strings.IndexByte("0123456789+-.eEtruefalsn", data[i-1]) >= 0 {
		i--
	}
	return i
}
