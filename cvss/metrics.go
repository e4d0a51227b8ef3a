package cvss

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wardhq/ward"
)

// group is a CVSS metric group. Temporal is called Threat in v4.0.
type group int

const (
	base group = iota
	temporal
	environmental
	supplemental
)

// metric is one metric of a version: its abbreviation and its values, in
// the order the specification lists them.
type metric struct {
	name   string
	group  group
	values []string
}

// spec is what ward needs of one CVSS version to check a vector before the
// library scores it: the library's own errors do not name the metric.
type spec struct {
	version    string   // "2.0", "3.0", "3.1", "4.0"
	prefix     string   // "CVSS:3.1/"; "" for v2.0, which has none
	metrics    []metric // in the specification's order
	ordered    bool     // metrics must appear in that order (v4.0)
	notDefined string   // the value meaning "not defined": "ND" (v2.0) or "X"
}

var v2 = &spec{version: "2.0", notDefined: "ND", metrics: []metric{
	// A Complete Guide to the CVSS Version 2.0, section 2 and table 13.
	{"AV", base, []string{"L", "A", "N"}},
	{"AC", base, []string{"H", "M", "L"}},
	{"Au", base, []string{"M", "S", "N"}},
	{"C", base, []string{"N", "P", "C"}},
	{"I", base, []string{"N", "P", "C"}},
	{"A", base, []string{"N", "P", "C"}},
	{"E", temporal, []string{"U", "POC", "F", "H", "ND"}},
	{"RL", temporal, []string{"OF", "TF", "W", "U", "ND"}},
	{"RC", temporal, []string{"UC", "UR", "C", "ND"}},
	{"CDP", environmental, []string{"N", "L", "LM", "MH", "H", "ND"}},
	{"TD", environmental, []string{"N", "L", "M", "H", "ND"}},
	{"CR", environmental, []string{"L", "M", "H", "ND"}},
	{"IR", environmental, []string{"L", "M", "H", "ND"}},
	{"AR", environmental, []string{"L", "M", "H", "ND"}},
}}

// v3Metrics are the metrics of CVSS v3.0 and v3.1, which share them
// (v3.1 specification, section 6, table 15).
var v3Metrics = []metric{
	{"AV", base, []string{"N", "A", "L", "P"}},
	{"AC", base, []string{"L", "H"}},
	{"PR", base, []string{"N", "L", "H"}},
	{"UI", base, []string{"N", "R"}},
	{"S", base, []string{"U", "C"}},
	{"C", base, []string{"H", "L", "N"}},
	{"I", base, []string{"H", "L", "N"}},
	{"A", base, []string{"H", "L", "N"}},
	{"E", temporal, []string{"X", "H", "F", "P", "U"}},
	{"RL", temporal, []string{"X", "U", "W", "T", "O"}},
	{"RC", temporal, []string{"X", "C", "R", "U"}},
	{"CR", environmental, []string{"X", "H", "M", "L"}},
	{"IR", environmental, []string{"X", "H", "M", "L"}},
	{"AR", environmental, []string{"X", "H", "M", "L"}},
	{"MAV", environmental, []string{"X", "N", "A", "L", "P"}},
	{"MAC", environmental, []string{"X", "L", "H"}},
	{"MPR", environmental, []string{"X", "N", "L", "H"}},
	{"MUI", environmental, []string{"X", "N", "R"}},
	{"MS", environmental, []string{"X", "U", "C"}},
	{"MC", environmental, []string{"X", "H", "L", "N"}},
	{"MI", environmental, []string{"X", "H", "L", "N"}},
	{"MA", environmental, []string{"X", "H", "L", "N"}},
}

var (
	v30 = &spec{version: "3.0", prefix: "CVSS:3.0/", notDefined: "X", metrics: v3Metrics}
	v31 = &spec{version: "3.1", prefix: "CVSS:3.1/", notDefined: "X", metrics: v3Metrics}
)

var v40 = &spec{version: "4.0", prefix: "CVSS:4.0/", notDefined: "X", ordered: true, metrics: []metric{
	// CVSS v4.0 specification, section 7, table 23.
	{"AV", base, []string{"N", "A", "L", "P"}},
	{"AC", base, []string{"L", "H"}},
	{"AT", base, []string{"N", "P"}},
	{"PR", base, []string{"N", "L", "H"}},
	{"UI", base, []string{"N", "P", "A"}},
	{"VC", base, []string{"H", "L", "N"}},
	{"VI", base, []string{"H", "L", "N"}},
	{"VA", base, []string{"H", "L", "N"}},
	{"SC", base, []string{"H", "L", "N"}},
	{"SI", base, []string{"H", "L", "N"}},
	{"SA", base, []string{"H", "L", "N"}},
	{"E", temporal, []string{"X", "A", "P", "U"}},
	{"CR", environmental, []string{"X", "H", "M", "L"}},
	{"IR", environmental, []string{"X", "H", "M", "L"}},
	{"AR", environmental, []string{"X", "H", "M", "L"}},
	{"MAV", environmental, []string{"X", "N", "A", "L", "P"}},
	{"MAC", environmental, []string{"X", "L", "H"}},
	{"MAT", environmental, []string{"X", "N", "P"}},
	{"MPR", environmental, []string{"X", "N", "L", "H"}},
	{"MUI", environmental, []string{"X", "N", "P", "A"}},
	{"MVC", environmental, []string{"X", "H", "L", "N"}},
	{"MVI", environmental, []string{"X", "H", "L", "N"}},
	{"MVA", environmental, []string{"X", "H", "L", "N"}},
	{"MSC", environmental, []string{"X", "H", "L", "N"}},
	{"MSI", environmental, []string{"X", "S", "H", "L", "N"}},
	{"MSA", environmental, []string{"X", "S", "H", "L", "N"}},
	{"S", supplemental, []string{"X", "N", "P"}},
	{"AU", supplemental, []string{"X", "N", "Y"}},
	{"R", supplemental, []string{"X", "A", "U", "I"}},
	{"V", supplemental, []string{"X", "D", "C"}},
	{"RE", supplemental, []string{"X", "L", "M", "H"}},
	{"U", supplemental, []string{"X", "Clear", "Green", "Amber", "Red"}},
}}

// vector is a vector checked against its spec.
type vector struct {
	spec   *spec
	values map[string]string // metric → value, as given
}

// parse checks s against the CVSS version its prefix names and returns
// the first problem as an EInvalid error that names the metric.
func parse(s string) (*vector, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, ward.Errorf(ward.EInvalid, "empty vector")
	}
	sp := v2
	rest := s
	if strings.HasPrefix(s, "CVSS:") {
		head, tail, _ := strings.Cut(s, "/")
		switch head {
		case "CVSS:3.0":
			sp = v30
		case "CVSS:3.1":
			sp = v31
		case "CVSS:4.0":
			sp = v40
		default:
			return nil, ward.Errorf(ward.EInvalid, "unknown CVSS version %q (want CVSS:3.0, CVSS:3.1, CVSS:4.0, or a v2.0 vector, which has no prefix)", head)
		}
		rest = tail
	}
	v := &vector{spec: sp, values: make(map[string]string)}
	last := -1
	for i, part := range strings.Split(rest, "/") {
		name, value, ok := strings.Cut(part, ":")
		switch {
		case part == "":
			return nil, ward.Errorf(ward.EInvalid, "empty metric at position %d (a doubled or trailing \"/\")", i+1)
		case !ok:
			return nil, ward.Errorf(ward.EInvalid, "metric %q: no value (want %s:VALUE)", name, name)
		}
		idx := slices.IndexFunc(sp.metrics, func(m metric) bool { return m.name == name })
		if idx < 0 {
			return nil, ward.Errorf(ward.EInvalid, "metric %q: unknown in CVSS v%s", name, sp.version)
		}
		m := sp.metrics[idx]
		if _, dup := v.values[name]; dup {
			return nil, ward.Errorf(ward.EInvalid, "metric %q: given twice", name)
		}
		if !slices.Contains(m.values, value) {
			return nil, ward.Errorf(ward.EInvalid, "metric %q: invalid value %q (want %s)", name, value, orList(m.values))
		}
		if sp.ordered && idx < last {
			return nil, ward.Errorf(ward.EInvalid, "metric %q: out of order (CVSS v%s wants %s in this order)", name, sp.version, strings.Join(names(sp.metrics), ", "))
		}
		last = idx
		v.values[name] = value
	}
	for _, m := range sp.metrics {
		if m.group == base && v.values[m.name] == "" {
			return nil, ward.Errorf(ward.EInvalid, "metric %q: missing (mandatory in CVSS v%s)", m.name, sp.version)
		}
	}
	return v, nil
}

// defines reports whether the vector sets any metric of group g to a
// value other than "not defined".
func (v *vector) defines(g group) bool {
	for _, m := range v.spec.metrics {
		if val, ok := v.values[m.name]; ok && m.group == g && val != v.spec.notDefined {
			return true
		}
	}
	return false
}

// effective returns the value of a base metric as the environment sees
// it: the modified metric (M…) where it is set, else the base value.
func (v *vector) effective(name string) string {
	if mod := v.values["M"+name]; mod != "" && mod != v.spec.notDefined {
		return mod
	}
	return v.values[name]
}

// canonical is the vector as the library accepts it: the prefix, then the
// metrics given, in the specification's order. For v2.0, whose library
// wants whole groups, a group with any metric given is completed with ND
// (which the v2.0 guide defines as "skip this metric").
func (v *vector) canonical() string {
	var parts []string
	for _, m := range v.spec.metrics {
		val, ok := v.values[m.name]
		if !ok && v.spec == v2 && m.group != base && v.groupGiven(m.group) {
			val, ok = "ND", true
		}
		if ok {
			parts = append(parts, m.name+":"+val)
		}
	}
	return v.spec.prefix + strings.Join(parts, "/")
}

func (v *vector) groupGiven(g group) bool {
	for _, m := range v.spec.metrics {
		if _, ok := v.values[m.name]; ok && m.group == g {
			return true
		}
	}
	return false
}

func names(ms []metric) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.name
	}
	return out
}

// orList writes values as "A, B or C".
func orList(values []string) string {
	if len(values) < 2 {
		return strings.Join(values, "")
	}
	return fmt.Sprintf("%s or %s", strings.Join(values[:len(values)-1], ", "), values[len(values)-1])
}
