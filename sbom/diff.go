package sbom

import (
	"cmp"
	"slices"
	"strings"

	"github.com/package-url/packageurl-go"

	"github.com/wardhq/ward"
)

// DiffResult is what changed between two SBOMs, each list sorted by key
// then version.
type DiffResult struct {
	Added   []*ward.Component // in b only
	Removed []*ward.Component // in a only
	Changed []Change          // in both, with a different version, hash, supplier or licence
}

// Change is one component present in both SBOMs that differs.
type Change struct {
	Key    string // identity of the component, see ComponentKey
	Before *ward.Component
	After  *ward.Component
	Fields []FieldChange // in the order version, hashes, supplier, licenses
}

// FieldChange is one differing field, rendered as text.
type FieldChange struct {
	Field  string // "version", "hashes", "supplier" or "licenses"
	Before string
	After  string
}

// Empty reports whether the two SBOMs have the same components.
func (d *DiffResult) Empty() bool {
	return len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Changed) == 0
}

// ComponentKey is what identifies a component across versions: its package
// URL without version, qualifiers and subpath ("pkg:npm/%40angular/core"),
// else "group/name", else the name.
func ComponentKey(c *ward.Component) string {
	if c.PURL != "" {
		if p, err := packageurl.FromString(c.PURL); err == nil {
			p.Version, p.Qualifiers, p.Subpath = "", nil, ""
			return p.ToString()
		}
	}
	if c.Group != "" {
		return c.Group + "/" + c.Name
	}
	return c.Name
}

// Diff compares the components of a (before) and b (after), subject
// included. Components with the same key are paired: equal versions first,
// then the rest in version order; what remains is added or removed. The
// result is deterministic whatever the document order.
func Diff(a, b *ward.SBOM) DiffResult {
	before, after := byKey(a), byKey(b)
	keys := make([]string, 0, len(before)+len(after))
	for k := range before {
		keys = append(keys, k)
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var d DiffResult
	for _, k := range keys {
		olds, news := before[k], after[k]
		// Pair equal versions first, so that a second copy of a library
		// added beside an unchanged one shows as added, not changed.
		var restOld []*ward.Component
		for _, o := range olds {
			i := slices.IndexFunc(news, func(n *ward.Component) bool { return n.Version == o.Version })
			if i < 0 {
				restOld = append(restOld, o)
				continue
			}
			n := news[i]
			news = slices.Delete(slices.Clone(news), i, i+1)
			if fc := fieldChanges(o, n); len(fc) > 0 {
				d.Changed = append(d.Changed, Change{Key: k, Before: o, After: n, Fields: fc})
			}
		}
		for i, o := range restOld {
			if i >= len(news) {
				d.Removed = append(d.Removed, restOld[i:]...)
				break
			}
			d.Changed = append(d.Changed, Change{Key: k, Before: o, After: news[i], Fields: fieldChanges(o, news[i])})
		}
		if len(news) > len(restOld) {
			d.Added = append(d.Added, news[len(restOld):]...)
		}
	}
	sortComponents(d.Added)
	sortComponents(d.Removed)
	slices.SortStableFunc(d.Changed, func(x, y Change) int {
		return cmp.Or(strings.Compare(x.Key, y.Key), strings.Compare(x.Before.Version, y.Before.Version))
	})
	return d
}

func byKey(s *ward.SBOM) map[string][]*ward.Component {
	m := map[string][]*ward.Component{}
	if s == nil {
		return m
	}
	add := func(c *ward.Component) {
		k := ComponentKey(c)
		m[k] = append(m[k], c)
	}
	if s.Subject != nil {
		add(s.Subject)
	}
	for _, c := range s.Components {
		add(c)
	}
	for _, cs := range m {
		slices.SortStableFunc(cs, func(x, y *ward.Component) int { return strings.Compare(x.Version, y.Version) })
	}
	return m
}

func sortComponents(cs []*ward.Component) {
	slices.SortStableFunc(cs, func(x, y *ward.Component) int {
		return cmp.Or(strings.Compare(ComponentKey(x), ComponentKey(y)), strings.Compare(x.Version, y.Version))
	})
}

func fieldChanges(a, b *ward.Component) []FieldChange {
	var out []FieldChange
	add := func(field, x, y string) {
		if x != y {
			out = append(out, FieldChange{Field: field, Before: x, After: y})
		}
	}
	add("version", a.Version, b.Version)
	add("hashes", hashesText(a.Hashes), hashesText(b.Hashes))
	add("supplier", a.Supplier, b.Supplier)
	add("licenses", licensesText(a.Licenses), licensesText(b.Licenses))
	return out
}

func hashesText(hs []ward.Hash) string {
	s := make([]string, len(hs))
	for i, h := range hs {
		s[i] = h.Alg + ":" + h.Value
	}
	return strings.Join(s, " ")
}

func licensesText(ls []string) string {
	s := slices.Clone(ls)
	slices.Sort(s)
	return strings.Join(s, ", ")
}
