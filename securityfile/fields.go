package securityfile

import (
	"reflect"
	"sort"
	"strings"
	"sync"
)

// fieldTag is the parsed `ward:"…"` and `enum:"…"` tags of a field.
type fieldTag struct {
	required bool
	id       string   // kind whose ID this field is
	refs     []string // kinds this field may reference
	enum     []string // allowed values for a plain string field
	doc      string
}

type fieldInfo struct {
	index int
	key   string
	tag   fieldTag
}

type structInfo struct {
	pos    int // index of the ward.Pos field, or -1
	fields []fieldInfo
	byKey  map[string]fieldInfo
	keys   []string // sorted, for hints
}

var structInfos sync.Map // reflect.Type → *structInfo

func structInfoOf(t reflect.Type) *structInfo {
	if v, ok := structInfos.Load(t); ok {
		return v.(*structInfo)
	}
	info := &structInfo{pos: -1, byKey: map[string]fieldInfo{}}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Type == posType {
			info.pos = i
			continue
		}
		key := strings.Split(sf.Tag.Get("yaml"), ",")[0]
		if key == "" || key == "-" || !sf.IsExported() {
			continue
		}
		fi := fieldInfo{index: i, key: key, tag: parseTag(sf)}
		info.fields = append(info.fields, fi)
		info.byKey[key] = fi
		info.keys = append(info.keys, key)
	}
	sort.Strings(info.keys)
	v, _ := structInfos.LoadOrStore(t, info)
	return v.(*structInfo)
}

func parseTag(sf reflect.StructField) fieldTag {
	var ft fieldTag
	for _, part := range strings.Split(sf.Tag.Get("ward"), ",") {
		switch {
		case part == "required":
			ft.required = true
		case strings.HasPrefix(part, "id="):
			ft.id = strings.TrimPrefix(part, "id=")
		case strings.HasPrefix(part, "ref="):
			ft.refs = strings.Split(strings.TrimPrefix(part, "ref="), "|")
		}
	}
	if e := sf.Tag.Get("enum"); e != "" {
		ft.enum = strings.Split(e, ",")
	}
	ft.doc = sf.Tag.Get("doc")
	return ft
}

// valuer is implemented by ward's enumeration types.
type valuer interface{ Values() []string }

// enumValues returns the allowed values of a string field: from the type's
// Values method or the field's enum tag; nil when any text is allowed.
func enumValues(t reflect.Type, tag fieldTag) []string {
	if t.Implements(reflect.TypeFor[valuer]()) {
		return reflect.Zero(t).Interface().(valuer).Values()
	}
	return tag.enum
}

// suggest returns ` — did you mean "x"?` when a close match exists.
func suggest(s string, options []string) string {
	best, bestDist := "", 3
	for _, o := range options {
		if d := len(o) - len(s); d > 2 || d < -2 {
			continue // the distance is at least the length difference
		}
		if d := distance(strings.ToLower(s), strings.ToLower(o)); d < bestDist {
			best, bestDist = o, d
		}
	}
	if best == "" {
		return ""
	}
	return "; did you mean \"" + best + "\"?"
}

// distance is the Levenshtein distance of a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
