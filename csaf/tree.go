package csaf

import (
	"cmp"
	"slices"
	"strings"

	"github.com/wardhq/ward"
)

// The product tree of a generated document:
//
//	vendor (the manufacturer)
//	  product_name (the product)
//	    product_version (one per release stated)         ID "<product id>@<version>"
//	vendor (a component's supplier)
//	  product_name (the component)
//	    product_version (as in the release's SBOM)       ID "<item id>@<version>"
//	relationships: component default_component_of release   ID "<release ID>/<component ID>"
//
// Only the products a vulnerability speaks of are defined. Components come
// from the releases' SBOMs, matched to the security file's software items
// by purl (without version), else by name; a component whose supplier is
// unknown is defined as a full product name outside the branches.

// component is a software item as one release's SBOM has it.
type component struct {
	item   *ward.SoftwareItem
	sbom   *ward.Component
	id     string
	name   string // "name version"
	vendor string // "" when unknown
}

type treeBuilder struct {
	g             *generator
	releases      []*ward.ReleaseRecord // defined, in release order
	components    []*component          // defined, in order of first use
	relationships []*Relationship
	relIDs        map[string]bool
}

func newTreeBuilder(g *generator) *treeBuilder {
	return &treeBuilder{g: g, relIDs: map[string]bool{}}
}

// releaseID is the product ID of a release.
func (t *treeBuilder) releaseID(rel *ward.ReleaseRecord) string {
	return t.g.file.Product.ID + "@" + rel.Version
}

func (t *treeBuilder) releaseName(rel *ward.ReleaseRecord) string {
	return t.g.file.Product.Name + " " + rel.Version
}

// release defines rel and returns its product ID.
func (t *treeBuilder) release(rel *ward.ReleaseRecord) string {
	if !slices.Contains(t.releases, rel) {
		t.releases = append(t.releases, rel)
	}
	return t.releaseID(rel)
}

// relationship defines c as a default component of rel and returns the
// relationship's product ID.
func (t *treeBuilder) relationship(rel *ward.ReleaseRecord, c *component) string {
	rid := t.release(rel)
	if !slices.ContainsFunc(t.components, func(x *component) bool { return x.id == c.id }) {
		t.components = append(t.components, c)
	}
	id := rid + "/" + c.id
	if !t.relIDs[id] {
		t.relIDs[id] = true
		t.relationships = append(t.relationships, &Relationship{
			Category:                  "default_component_of",
			FullProductName:           FullProductName{Name: c.name + " in " + t.releaseName(rel), ProductID: id},
			ProductReference:          c.id,
			RelatesToProductReference: rid,
		})
	}
	return id
}

// parts returns the components of rel's SBOM that v concerns; known is
// false when rel has no SBOM, so nothing can be said about its components.
func (t *treeBuilder) parts(v *ward.Vulnerability, rel *ward.ReleaseRecord) ([]*component, bool) {
	s := t.g.sboms[rel.Version]
	if s == nil {
		return nil, false
	}
	var out []*component
	for _, id := range v.Components {
		item := t.g.items[id]
		if item == nil {
			continue
		}
		for _, c := range s.Components {
			if matches(item, c) {
				out = append(out, t.component(item, c))
			}
		}
	}
	return out, true
}

func (t *treeBuilder) component(item *ward.SoftwareItem, c *ward.Component) *component {
	name := c.Name
	if c.Group != "" {
		name = c.Group + "/" + name
	}
	x := &component{item: item, sbom: c, id: item.ID, name: name}
	if c.Version != "" {
		x.id += "@" + c.Version
		x.name += " " + c.Version
	}
	switch {
	case item.Supplier != "":
		for _, s := range t.g.file.Suppliers {
			if s.ID == item.Supplier {
				x.vendor = s.Name
			}
		}
	case c.Supplier != "":
		x.vendor = c.Supplier
	case item.Origin == "in_house":
		x.vendor = t.g.file.Product.Manufacturer
	}
	return x
}

// matches reports whether SBOM component c is the software item: the same
// package URL without version, or, when either has none, the same name.
func matches(item *ward.SoftwareItem, c *ward.Component) bool {
	if item.PURL != "" && c.PURL != "" {
		return purlBase(item.PURL) == purlBase(c.PURL)
	}
	name := c.Name
	if c.Group != "" && !strings.EqualFold(c.Name, item.Name) {
		name = c.Group + "/" + c.Name
	}
	return strings.EqualFold(name, item.Name)
}

// purlBase is a package URL without version, qualifiers and subpath.
func purlBase(p string) string {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if i := strings.LastIndex(p, "@"); i > strings.LastIndex(p, "/") {
		p = p[:i]
	}
	return strings.ToLower(p)
}

// helper identifies a release by the purl and CPE of its SBOM's subject.
func (t *treeBuilder) releaseHelper(rel *ward.ReleaseRecord) *ProductIdentificationHelper {
	s := t.g.sboms[rel.Version]
	if s == nil || s.Subject == nil || s.Subject.Version != rel.Version {
		return nil
	}
	return helper(s.Subject.PURL, s.Subject.CPE)
}

// componentHelper identifies a component by its SBOM entry, with the CPE of
// a component alias or of the software item where the SBOM has none.
func (t *treeBuilder) componentHelper(c *component) *ProductIdentificationHelper {
	cpe := c.sbom.CPE
	if cpe == "" {
		for _, a := range t.g.file.Aliases {
			if strings.EqualFold(a.Name, c.sbom.Name) && a.CPE != "" {
				cpe = a.CPE
			}
		}
	}
	if cpe == "" && c.item.CPE != "" && c.item.Version == c.sbom.Version {
		cpe = c.item.CPE
	}
	return helper(c.sbom.PURL, cpe)
}

func helper(purl, cpe string) *ProductIdentificationHelper {
	if purl == "" && cpe == "" {
		return nil
	}
	return &ProductIdentificationHelper{PURL: purl, CPE: cpe}
}

// build returns the product tree of the products defined so far.
func (t *treeBuilder) build() *ProductTree {
	pt := &ProductTree{}
	p := t.g.file.Product
	vendors := map[string]*Branch{}
	var order []string
	vendor := func(name string) *Branch {
		if b, ok := vendors[name]; ok {
			return b
		}
		b := &Branch{Category: "vendor", Name: name}
		vendors[name] = b
		order = append(order, name)
		return b
	}
	productName := func(v *Branch, name string) *Branch {
		for _, b := range v.Branches {
			if b.Name == name {
				return b
			}
		}
		b := &Branch{Category: "product_name", Name: name}
		v.Branches = append(v.Branches, b)
		return b
	}
	if len(t.releases) > 0 {
		pn := productName(vendor(p.Manufacturer), p.Name)
		rels := slices.Clone(t.releases)
		slices.SortStableFunc(rels, func(a, b *ward.ReleaseRecord) int {
			return cmp.Compare(slices.Index(t.g.releases, a), slices.Index(t.g.releases, b))
		})
		for _, rel := range rels {
			pn.Branches = append(pn.Branches, &Branch{Category: "product_version", Name: rel.Version, Product: &FullProductName{
				Name: t.releaseName(rel), ProductID: t.releaseID(rel), Helper: t.releaseHelper(rel),
			}})
		}
	}
	comps := slices.Clone(t.components)
	slices.SortStableFunc(comps, func(a, b *component) int {
		return cmp.Or(cmp.Compare(a.vendor, b.vendor), cmp.Compare(a.sbom.Name, b.sbom.Name), cmp.Compare(a.sbom.Version, b.sbom.Version), cmp.Compare(a.id, b.id))
	})
	for _, c := range comps {
		fp := &FullProductName{Name: c.name, ProductID: c.id, Helper: t.componentHelper(c)}
		if c.vendor == "" || c.sbom.Version == "" {
			// A branch holds either a product or branches: a component
			// without a version (or vendor) has no place in the hierarchy.
			pt.FullProductNames = append(pt.FullProductNames, fp)
			continue
		}
		pn := productName(vendor(c.vendor), strings.TrimSuffix(c.name, " "+c.sbom.Version))
		pn.Branches = append(pn.Branches, &Branch{Category: "product_version", Name: c.sbom.Version, Product: fp})
	}
	// The manufacturer first, then suppliers by name.
	slices.SortStableFunc(order, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == p.Manufacturer:
			return -1
		case b == p.Manufacturer:
			return 1
		}
		return cmp.Compare(a, b)
	})
	for _, name := range order {
		pt.Branches = append(pt.Branches, vendors[name])
	}
	pt.Relationships = t.relationships
	return pt
}
