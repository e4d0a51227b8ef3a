package securityfile

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
	"github.com/wardhq/ward"
)

// decoder turns one YAML file's AST into ward values, collecting every
// problem instead of stopping at the first.
type decoder struct {
	file    string
	line0   int // lines before the YAML document being decoded
	errs    *ward.PosErrors
	anchors map[string]ast.Node
	budget  *budget // shared by every document of a Load: alias expansion cannot multiply it
	aliased int     // > 0 while decoding a value reached through an alias
	ids     *index
}

var (
	posType  = reflect.TypeFor[ward.Pos]()
	dateType = reflect.TypeFor[ward.Date]()
)

func (d *decoder) pos(n ast.Node) ward.Pos {
	if n == nil {
		return ward.Pos{File: d.file}
	}
	// A block mapping's token is the first ':'; the record starts at its first key.
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 && m.Values[0].Key != nil {
		n = m.Values[0].Key
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return ward.Pos{File: d.file, Line: d.line0 + tk.Position.Line, Col: tk.Position.Column}
	}
	return ward.Pos{File: d.file}
}

func (d *decoder) errorf(n ast.Node, path, hint, format string, args ...any) {
	*d.errs = append(*d.errs, &ward.PosError{Pos: d.pos(n), Path: path, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// resolve follows tags, anchors and aliases to the node holding a value.
// It returns nil for a null value.
func (d *decoder) resolve(n ast.Node, path string) ast.Node {
	for depth := 0; n != nil; depth++ {
		if depth > 64 {
			d.errorf(n, path, "", "alias chain too deep")
			return nil
		}
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			if name := v.Name.String(); name != "" {
				d.anchors[name] = v.Value
			}
			n = v.Value
		case *ast.AliasNode:
			name := v.Value.String()
			target, ok := d.anchors[name]
			if !ok {
				d.errorf(n, path, "define the anchor &"+name+" before its use", "unknown alias *%s", name)
				return nil
			}
			n = target
		case *ast.NullNode:
			return nil
		case *ast.DocumentNode:
			n = v.Body
		default:
			return n
		}
	}
	return nil
}

// budget bounds the values decoded in one Load, aliases expanded, which
// stops "billion laughs" expansion whatever the number of documents.
type budget struct {
	used, max int
	over      bool
}

// spend counts one visited node; it reports false once the limit is
// reached, after reporting it once.
func (d *decoder) spend(n ast.Node, path string) bool {
	b := d.budget
	b.used++
	if b.used > b.max {
		if !b.over {
			b.over = true
			d.errorf(n, path, "split the security file or remove recursive aliases", "too large: more than %d values after alias expansion", b.max)
		}
		return false
	}
	return true
}

// decode stores node n in v, which must be settable.
func (d *decoder) decode(n ast.Node, v reflect.Value, path string, tag fieldTag) {
	if !d.spend(n, path) {
		return
	}
	if _, ok := n.(*ast.AliasNode); ok {
		// A value reached through an alias is a copy: its IDs and
		// references were noted where the anchor was defined.
		d.aliased++
		defer func() { d.aliased-- }()
	}
	n = d.resolve(n, path)
	if n == nil {
		return // null: leave the zero value; required checks report it
	}
	t := v.Type()
	switch {
	case t == dateType:
		s, ok := d.scalar(n, path, "a date (YYYY-MM-DD)")
		if !ok || s == "" { // "" is "not given", like null
			return
		}
		date, err := ward.ParseDate(s)
		if err != nil {
			d.errorf(n, path, "", "%v", err)
			return
		}
		v.Set(reflect.ValueOf(date))
		return
	case t.Kind() == reflect.Pointer:
		elem := reflect.New(t.Elem())
		d.decode(n, elem.Elem(), path, tag)
		v.Set(elem)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			d.errorf(n, path, "write one item per line, each starting with '- '", "want a list, got %s", describe(n))
			return
		}
		s := reflect.MakeSlice(t, len(seq.Values), len(seq.Values))
		for i, item := range seq.Values {
			d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i), tag)
		}
		v.Set(s)
	case reflect.Map:
		m, ok := n.(*ast.MappingNode)
		if !ok {
			d.errorf(n, path, "", "want a mapping of key: value, got %s", describe(n))
			return
		}
		out := reflect.MakeMapWithSize(t, len(m.Values))
		for _, mv := range m.Values {
			key := keyString(mv.Key)
			elem := reflect.New(t.Elem()).Elem()
			d.decode(mv.Value, elem, joinPath(path, key), tag)
			out.SetMapIndex(reflect.ValueOf(key).Convert(t.Key()), elem)
		}
		v.Set(out)
	case reflect.String:
		s, ok := d.scalar(n, path, "text")
		if !ok {
			return
		}
		if allowed := enumValues(t, tag); allowed != nil && s != "" && !contains(allowed, s) {
			d.errorf(n, path, "want one of "+strings.Join(allowed, ", ")+suggest(s, allowed), "unknown value %q", s)
			return
		}
		v.SetString(s)
	case reflect.Bool:
		b, ok := n.(*ast.BoolNode)
		if !ok {
			d.errorf(n, path, "", "want true or false, got %s", describe(n))
			return
		}
		v.SetBool(b.Value)
	case reflect.Int, reflect.Int64:
		in, ok := n.(*ast.IntegerNode)
		if !ok {
			d.errorf(n, path, "", "want a whole number, got %s", describe(n))
			return
		}
		i, err := strconv.ParseInt(fmt.Sprint(in.Value), 10, 64)
		if err != nil || i < 0 || i > 1<<31 {
			d.errorf(n, path, "", "number %v out of range", in.Value)
			return
		}
		v.SetInt(i)
	case reflect.Float64:
		switch x := n.(type) {
		case *ast.IntegerNode:
			f, _ := strconv.ParseFloat(fmt.Sprint(x.Value), 64)
			v.SetFloat(f)
		case *ast.FloatNode:
			v.SetFloat(x.Value)
		default:
			d.errorf(n, path, "", "want a number, got %s", describe(n))
		}
	default:
		d.errorf(n, path, "", "internal: cannot decode into %s", t)
	}
}

// scalar returns the text of a scalar node. Numbers and booleans are taken
// as written, so that `version: 1.10` stays "1.10".
func (d *decoder) scalar(n ast.Node, path, want string) (string, bool) {
	switch x := n.(type) {
	case *ast.StringNode:
		return x.Value, true
	case *ast.LiteralNode:
		return x.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return n.GetToken().Value, true
	}
	d.errorf(n, path, "", "want %s, got %s", want, describe(n))
	return "", false
}

func (d *decoder) decodeStruct(n ast.Node, v reflect.Value, path string) {
	m, ok := n.(*ast.MappingNode)
	if !ok {
		d.errorf(n, path, "", "want a mapping of key: value, got %s", describe(n))
		return
	}
	info := structInfoOf(v.Type())
	if info.pos >= 0 {
		v.Field(info.pos).Set(reflect.ValueOf(d.pos(n)))
	}
	seen := make(map[string]bool, len(m.Values)) // key → decoded without error
	merged := false                              // a rejected merge key may have held required keys
	for _, mv := range m.Values {
		if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
			d.errorf(mv.Key, path, "write the keys out", "merge keys (<<) are not supported")
			merged = true
			continue
		}
		key := keyString(mv.Key)
		if seen[key] || seen["!"+key] {
			d.errorf(mv.Key, joinPath(path, key), "keep one; in a {flow: mapping} quote text that holds commas", "field %q given twice", key)
			continue
		}
		f, ok := info.byKey[key]
		if !ok {
			d.errorf(mv.Key, joinPath(path, key), "known fields: "+strings.Join(info.keys, ", ")+suggest(key, info.keys), "unknown field %q", key)
			continue
		}
		fv := v.Field(f.index)
		fpath := joinPath(path, key)
		before := len(*d.errs)
		d.decode(mv.Value, fv, fpath, f.tag)
		d.note(mv.Value, fv, fpath, f.tag)
		seen[key] = len(*d.errs) == before
		if !seen[key] {
			delete(seen, key)
			seen["!"+key] = true // reported already: no second "missing" error
		}
	}
	for _, f := range info.fields {
		if f.tag.required && !merged && !seen["!"+f.key] && isEmpty(v.Field(f.index)) {
			verb := "missing"
			if seen[f.key] {
				verb = "empty"
			}
			d.errorf(n, joinPath(path, f.key), "", "%s required field %q", verb, f.key)
		}
	}
}

// note records IDs and references for the cross-file checks.
func (d *decoder) note(n ast.Node, v reflect.Value, path string, tag fieldTag) {
	if d.ids == nil || d.aliased > 0 || (tag.id == "" && tag.refs == nil) {
		return
	}
	pos := d.pos(n)
	switch v.Kind() {
	case reflect.String:
		if v.String() == "" {
			return
		}
		if tag.id != "" {
			d.ids.define(tag.id, v.String(), pos, path, d.errs)
		} else {
			d.ids.refer(tag.refs, v.String(), pos, path)
		}
	case reflect.Slice:
		seq, _ := d.resolve(n, path).(*ast.SequenceNode)
		for i := 0; i < v.Len(); i++ {
			p := pos
			if seq != nil && i < len(seq.Values) {
				p = d.pos(seq.Values[i])
			}
			if s := v.Index(i).String(); s != "" {
				d.ids.refer(tag.refs, s, p, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
}

func keyString(k ast.MapKeyNode) string {
	if k == nil {
		return ""
	}
	switch x := k.(type) {
	case *ast.StringNode:
		return x.Value
	case *ast.MappingKeyNode:
		if s, ok := x.Value.(*ast.StringNode); ok {
			return s.Value
		}
	}
	if tk := k.GetToken(); tk != nil {
		return tk.Value
	}
	return k.String()
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func describe(n ast.Node) string {
	switch n.(type) {
	case *ast.MappingNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode, *ast.LiteralNode:
		return fmt.Sprintf("text %q", truncate(n.GetToken().Value, 40))
	case *ast.BoolNode:
		return "a boolean"
	case *ast.IntegerNode, *ast.FloatNode:
		return "a number"
	}
	if tk := n.GetToken(); tk != nil && tk.Type == token.StringType {
		return fmt.Sprintf("text %q", truncate(tk.Value, 40))
	}
	return strings.ToLower(n.Type().String())
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice, reflect.Map:
		return v.Len() == 0
	case reflect.Pointer:
		return v.IsNil()
	case reflect.Int, reflect.Int64:
		return v.Int() == 0
	case reflect.Float64:
		return v.Float() == 0
	case reflect.Struct:
		if v.Type() == dateType {
			return v.Interface().(ward.Date).IsZero()
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
