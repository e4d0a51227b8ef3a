package vex

import (
	"encoding/json"
	"fmt"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/jsonpos"
)

// doc is one input document: its name and bytes, the problems found in it,
// and the index that places them (built only if there are any).
type doc struct {
	name  string
	data  []byte
	index *jsonpos.Index
	errs  ward.PosErrors
}

func newDoc(name string, data []byte) *doc {
	return &doc{name: name, data: data, index: jsonpos.New(name, data)}
}

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
func (d *doc) pos(path string) ward.Pos { return d.index.Pos(path) }

// decodeJSON unmarshals data into v, turning encoding/json errors into
// PosErrors with the offending position and, for type errors, the path.
func decodeJSON(d *doc, v any) error {
	if err := json.Unmarshal(d.data, v); err != nil {
		return jsonpos.DecodeError(d.name, d.data, err)
	}
	return nil
}
