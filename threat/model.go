package threat

import (
	"sort"

	"github.com/wardhq/ward"
)

// Model is what the rules read: the security file's data-flow model and
// context, indexed by ID. Build it with NewModel; rules never modify it.
type Model struct {
	File  *ward.SecurityFile
	Today ward.Date // for support dates; injected, never read from a clock here

	Elements   []*ward.Element // sorted by ID
	Flows      []*ward.Flow    // sorted by ID
	Boundaries map[string]*ward.Boundary
	Interfaces []*ward.Interface // sorted by ID
	Assets     []*ward.Asset     // sorted by ID

	elements   map[string]*ward.Element
	interfaces map[string]*ward.Interface
	data       map[string]*ward.DataItem
	items      map[string]*ward.SoftwareItem
	exposure   map[string]string // element ID → widest exposure, built on first use
}

// NewModel indexes sf for the rules. A security file without an
// architecture gives an empty model (no threats, which `ward check`
// reports under 7.2).
func NewModel(sf *ward.SecurityFile, today ward.Date) *Model {
	m := &Model{File: sf, Today: today, Boundaries: map[string]*ward.Boundary{},
		elements: map[string]*ward.Element{}, interfaces: map[string]*ward.Interface{},
		data: map[string]*ward.DataItem{}, items: map[string]*ward.SoftwareItem{}}
	if a := sf.Architecture; a != nil {
		m.Elements = sortedByID(a.Elements, func(e *ward.Element) string { return e.ID })
		m.Flows = sortedByID(a.Flows, func(f *ward.Flow) string { return f.ID })
		m.Assets = sortedByID(a.Assets, func(x *ward.Asset) string { return x.ID })
		for _, b := range a.Boundaries {
			m.Boundaries[b.ID] = b
		}
	}
	for _, e := range m.Elements {
		m.elements[e.ID] = e
	}
	if c := sf.Context; c != nil {
		m.Interfaces = sortedByID(c.Interfaces, func(i *ward.Interface) string { return i.ID })
		for _, i := range m.Interfaces {
			m.interfaces[i.ID] = i
		}
		for _, d := range c.Data {
			m.data[d.ID] = d
		}
	}
	for _, it := range sf.Components {
		m.items[it.ID] = it
	}
	return m
}

func sortedByID[T any](list []T, id func(T) string) []T {
	out := append([]T(nil), list...)
	sort.SliceStable(out, func(i, j int) bool { return id(out[i]) < id(out[j]) })
	return out
}

// Element, Interface, Data and Item look records up by ID; nil when absent.
func (m *Model) Element(id string) *ward.Element     { return m.elements[id] }
func (m *Model) Interface(id string) *ward.Interface { return m.interfaces[id] }
func (m *Model) Data(id string) *ward.DataItem       { return m.data[id] }
func (m *Model) Item(id string) *ward.SoftwareItem   { return m.items[id] }

// BoundaryPath returns the trust boundaries around an element, innermost
// first.
func (m *Model) BoundaryPath(elementID string) []string {
	e := m.elements[elementID]
	if e == nil {
		return nil
	}
	var path []string
	seen := map[string]bool{}
	for b := e.Boundary; b != "" && !seen[b]; {
		seen[b] = true
		path = append(path, b)
		if bb := m.Boundaries[b]; bb != nil {
			b = bb.Parent
		} else {
			break
		}
	}
	return path
}

// Crosses reports whether a flow crosses at least one trust boundary: its
// two ends do not sit in the same innermost boundary.
func (m *Model) Crosses(f *ward.Flow) bool {
	from, to := m.BoundaryPath(f.From), m.BoundaryPath(f.To)
	switch {
	case len(from) == 0 && len(to) == 0:
		return false
	case len(from) == 0 || len(to) == 0:
		return true
	}
	return from[0] != to[0]
}

// FlowData returns the data items a flow carries, sorted by ID.
func (m *Model) FlowData(f *ward.Flow) []*ward.DataItem {
	var out []*ward.DataItem
	for _, id := range f.Data {
		if d := m.data[id]; d != nil {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// IsPersonal reports whether a data item is personal or health data.
func IsPersonal(d *ward.DataItem) bool {
	return d.PersonalHealthData || d.Classification == "phi" || d.Classification == "pii"
}

// CarriesPersonal reports whether a flow carries personal or health data.
func (m *Model) CarriesPersonal(f *ward.Flow) bool {
	for _, d := range m.FlowData(f) {
		if IsPersonal(d) {
			return true
		}
	}
	return false
}

// Exposure returns the widest exposure of the product interfaces an
// element exposes or its flows use: internet, hospital_lan, local,
// physical, or "" when it has none. It is computed once per model, so
// rules may call it per flow.
func (m *Model) Exposure(elementID string) string {
	if m.exposure == nil {
		m.exposure = map[string]string{}
		rank := map[string]int{"": 0, "physical": 1, "local": 2, "hospital_lan": 3, "internet": 4}
		widen := func(id string, i *ward.Interface) {
			if i != nil && rank[i.Exposure] > rank[m.exposure[id]] {
				m.exposure[id] = i.Exposure
			}
		}
		for _, i := range m.Interfaces {
			widen(i.Element, i)
		}
		for _, f := range m.Flows {
			if f.Interface != "" {
				widen(f.From, m.interfaces[f.Interface])
				widen(f.To, m.interfaces[f.Interface])
			}
		}
	}
	return m.exposure[elementID]
}

// SafetyAssets returns the IDs of safety-relevant assets tied to an
// element (asset.element) or to data it stores.
func (m *Model) SafetyAssets(elementID string) []string {
	e := m.elements[elementID]
	var out []string
	for _, a := range m.Assets {
		if !a.SafetyRelevant {
			continue
		}
		if a.Element == elementID || (e != nil && a.Data != "" && contains(e.Stores, a.Data)) {
			out = append(out, a.ID)
		}
	}
	return out
}

// IsNone reports whether a protection field says there is none.
func IsNone(s string) bool {
	switch s {
	case "", "none", "None", "no", "n/a":
		return true
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
