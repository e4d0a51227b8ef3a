package securityfile

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/wardhq/ward"
)

// index collects the IDs defined and referenced across all files, so that
// duplicates and dangling references are found once everything is read.
type index struct {
	defs map[string]map[string]ward.Pos // kind → ID → where defined
	refs []reference
}

type reference struct {
	kinds []string
	id    string
	pos   ward.Pos
	path  string
}

func newIndex() *index { return &index{defs: map[string]map[string]ward.Pos{}} }

func (x *index) define(kind, id string, pos ward.Pos, path string, errs *ward.PosErrors) {
	m := x.defs[kind]
	if m == nil {
		m = map[string]ward.Pos{}
		x.defs[kind] = m
	}
	if first, dup := m[id]; dup {
		*errs = append(*errs, &ward.PosError{Pos: pos, Path: path,
			Msg:  fmt.Sprintf("duplicate %s ID %q", kindName(kind), id),
			Hint: "first defined at " + first.String() + "; IDs must be unique"})
		return
	}
	if !validID(id) {
		*errs = append(*errs, &ward.PosError{Pos: pos, Path: path,
			Msg:  fmt.Sprintf("invalid ID %q", id),
			Hint: "use letters, digits and . _ - + : / only, e.g. THR-012"})
	}
	m[id] = pos
}

func (x *index) refer(kinds []string, id string, pos ward.Pos, path string) {
	x.refs = append(x.refs, reference{kinds: kinds, id: id, pos: pos, path: path})
}

// has reports whether id is defined for kind.
func (x *index) has(kind, id string) bool {
	_, ok := x.defs[kind][id]
	return ok
}

// maxDangling caps the dangling references reported one by one; a file
// that references thousands of missing IDs has one mistake, not thousands.
const maxDangling = 1000

// check reports every reference to an ID that no record defines. When a
// file could not be parsed, the hint says the ID may be defined there.
func (x *index) check(errs *ward.PosErrors, unreadable []string) {
	known := map[string][]string{} // kinds → sorted IDs, built once per set of kinds
	dangling := 0
	for _, r := range x.refs {
		found := false
		for _, k := range r.kinds {
			if x.has(k, r.id) {
				found = true
				break
			}
		}
		if found {
			continue
		}
		if dangling++; dangling > maxDangling {
			continue
		}
		key := strings.Join(r.kinds, "|")
		ids, ok := known[key]
		if !ok {
			for _, k := range r.kinds {
				for id := range x.defs[k] {
					ids = append(ids, id)
				}
			}
			sort.Strings(ids)
			known[key] = ids
		}
		names := make([]string, len(r.kinds))
		for i, k := range r.kinds {
			names[i] = kindName(k)
		}
		hint := "define it under " + sectionsOf(r.kinds) + " or correct the ID"
		if len(ids) <= 5000 { // a suggestion is worth its cost only among a few thousand IDs
			hint += suggest(r.id, ids)
		}
		if len(unreadable) > 0 {
			hint += "; it may be defined in " + strings.Join(unreadable, ", ") + ", which has a YAML syntax error"
		}
		*errs = append(*errs, &ward.PosError{Pos: r.pos, Path: r.path,
			Msg: fmt.Sprintf("unknown %s %q", strings.Join(names, " or "), r.id), Hint: hint})
	}
	if dangling > maxDangling {
		last := x.refs[len(x.refs)-1]
		*errs = append(*errs, &ward.PosError{Pos: ward.Pos{File: last.pos.File},
			Msg: fmt.Sprintf("%d more unknown references not listed", dangling-maxDangling)})
	}
}

func validID(id string) bool {
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("._-+:/", r):
		default:
			return false
		}
	}
	return id != ""
}

func kindName(kind string) string { return strings.ReplaceAll(kind, "_", " ") }

// kindSections maps each kind to the YAML path of the section defining it,
// found once by walking ward.SecurityFile's fields.
var kindSections = func() map[string]string {
	m := map[string]string{}
	var walk func(t reflect.Type, path string, depth int)
	walk = func(t reflect.Type, path string, depth int) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || depth > 3 || t == dateType {
			return
		}
		info := structInfoOf(t)
		for _, f := range info.fields {
			if f.tag.id != "" {
				m[f.tag.id] = path
			}
			walk(t.Field(f.index).Type, joinPath(path, f.key), depth+1)
		}
	}
	walk(reflect.TypeFor[ward.SecurityFile](), "", 0)
	m["criterion"] = "policy.acceptance_criteria"
	return m
}()

func sectionsOf(kinds []string) string {
	var s []string
	for _, k := range kinds {
		if sec, ok := kindSections[k]; ok {
			s = append(s, sec+":")
		}
	}
	return strings.Join(s, " or ")
}
