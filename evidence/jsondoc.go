package evidence

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/jsonpos"
)

// jsonDoc is one JSON input: its name and bytes and the problems found in
// it, placed by an index built only when there is a problem.
type jsonDoc struct {
	name  string
	data  []byte
	index *jsonpos.Index
	errs  ward.PosErrors
}

func newJSONDoc(name string, data []byte) *jsonDoc {
	return &jsonDoc{name: name, data: data, index: jsonpos.New(name, data)}
}

// errorf records a problem with the value at path (jsonpos form, e.g.
// "runs[0].results[3].level"); the error shows it as a JSON path,
// "$.runs[0].results[3].level", after the value's line and column.
func (d *jsonDoc) errorf(path, format string, args ...any) {
	d.errs = append(d.errs, &ward.PosError{Pos: d.index.Pos(path), Path: dollar(path), Msg: fmt.Sprintf(format, args...)})
}

// err returns the recorded problems, sorted, or nil.
func (d *jsonDoc) err() error {
	if len(d.errs) == 0 {
		return nil
	}
	d.errs.Sort()
	return d.errs
}

// dollar writes a jsonpos path as a JSON path from the root "$".
func dollar(path string) string {
	switch {
	case path == "":
		return "$"
	case path[0] == '[':
		return "$" + path
	}
	return "$." + path
}

// decode unmarshals the document into v. A syntax error is placed at its
// byte; a type error at the offending value, with its full JSON path.
func (d *jsonDoc) decode(v any) error {
	err := json.Unmarshal(d.data, v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		path := jsonpos.TypeErrorPath(d.data, te)
		d.errorf(path, "expected %s, found JSON %s", jsonpos.Kind(te.Type), te.Value)
		return d.err()
	}
	return jsonpos.DecodeError(d.name, d.data, err)
}
