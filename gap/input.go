package gap

import (
	"sort"
	"strings"
	"sync"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/independence"
	"github.com/wardhq/ward/trace"
)

// Input is everything the rules read: the security file and what other
// engines derived from it. Build it with NewInput.
type Input struct {
	File    *ward.SecurityFile
	Today   ward.Date   // the day the rules are evaluated for; injected, never read from a clock here
	Policy  ward.Policy // effective policy: the file's values over DefaultPolicy
	SBOMs   []LoadedSBOM
	Release *ward.ReleaseRecord // the release under evaluation; nil when the file has none
	// Generated holds the threats the threat-model rules derived from the
	// data-flow model (package threat); the caller sets it, nil when it
	// did not run them.
	Generated []ward.GeneratedThreat
	// ReportProblems are the local test reports that are missing or no
	// longer match their recorded digest (record.VerifyReports); the
	// caller sets them, and ReportsChecked, when it could read the files.
	ReportProblems ward.PosErrors
	ReportsChecked bool
	// Independence is the testers' independence judged from the
	// repository's history (package independence); nil when the caller
	// read no history, and the rules use the authors listed by hand.
	Independence *independence.Result

	breaksOnce sync.Once
	breaks     []trace.Break

	people       map[string]*ward.Person
	roles        map[string]*ward.Role
	requirements map[string]*ward.Requirement
	controls     map[string]*ward.Control
	threats      map[string]*ward.Threat
	risks        map[string]*ward.Risk
	tests        map[string]*ward.Test
	items        map[string]*ward.SoftwareItem
	docs         map[string]*ward.Document
	reviews      map[string]*ward.Review
	releases     map[string]*ward.ReleaseRecord
	vulns        map[string]*ward.Vulnerability
	suppliers    map[string]*ward.Supplier
	keys         map[string]*ward.SigningKey
	elements     map[string]*ward.Element
	applicable   map[string]*ward.Applicability
}

// LoadedSBOM is one SBOM of the security file as the caller read it.
type LoadedSBOM struct {
	Ref  *ward.SBOMRef
	SBOM *ward.SBOM // nil when it could not be read
	Err  error      // why it could not be read
}

// NewInput indexes sf for the rules. release selects the release under
// evaluation by version; "" takes the newest by date.
func NewInput(sf *ward.SecurityFile, today ward.Date, sboms []LoadedSBOM, release string) *Input {
	in := &Input{File: sf, Today: today, SBOMs: sboms, Policy: sf.Policy.Effective()}
	in.people = index(sf.People, func(p *ward.Person) string { return p.ID })
	in.roles = index(sf.Roles, func(r *ward.Role) string { return r.ID })
	in.requirements = index(sf.Requirements, func(r *ward.Requirement) string { return r.ID })
	in.controls = index(sf.Controls, func(c *ward.Control) string { return c.ID })
	in.threats = index(sf.Threats, func(t *ward.Threat) string { return t.ID })
	in.risks = index(sf.Risks, func(r *ward.Risk) string { return r.ID })
	in.tests = index(sf.Tests, func(t *ward.Test) string { return t.ID })
	in.items = index(sf.Components, func(c *ward.SoftwareItem) string { return c.ID })
	in.docs = index(sf.Documents, func(d *ward.Document) string { return d.ID })
	in.reviews = index(sf.Reviews, func(r *ward.Review) string { return r.ID })
	in.releases = index(sf.Releases, func(r *ward.ReleaseRecord) string { return r.Version })
	in.vulns = index(sf.Vulns, func(v *ward.Vulnerability) string { return v.ID })
	in.suppliers = index(sf.Suppliers, func(s *ward.Supplier) string { return s.ID })
	in.keys = index(sf.SigningKeys, func(k *ward.SigningKey) string { return k.ID })
	in.applicable = index(sf.Applicability, func(a *ward.Applicability) string { return a.Clause })
	if sf.Architecture != nil {
		in.elements = index(sf.Architecture.Elements, func(e *ward.Element) string { return e.ID })
	} else {
		in.elements = map[string]*ward.Element{}
	}
	if release != "" {
		in.Release = in.releases[release]
	} else {
		for _, r := range sf.Releases {
			if in.Release == nil || r.Date.After(in.Release.Date) {
				in.Release = r
			}
		}
	}
	return in
}

func index[T any](list []T, id func(T) string) map[string]T {
	m := make(map[string]T, len(list))
	for _, x := range list {
		if k := id(x); k != "" {
			if _, dup := m[k]; !dup {
				m[k] = x
			}
		}
	}
	return m
}

// ReleaseVersion is the version of the release under evaluation; "" when
// the file records none.
func (in *Input) ReleaseVersion() string {
	if in.Release == nil {
		return ""
	}
	return in.Release.Version
}

// Lookups by ID; nil when absent.
func (in *Input) Person(id string) *ward.Person           { return in.people[id] }
func (in *Input) Role(id string) *ward.Role               { return in.roles[id] }
func (in *Input) Requirement(id string) *ward.Requirement { return in.requirements[id] }
func (in *Input) Control(id string) *ward.Control         { return in.controls[id] }
func (in *Input) Threat(id string) *ward.Threat           { return in.threats[id] }
func (in *Input) Risk(id string) *ward.Risk               { return in.risks[id] }
func (in *Input) Test(id string) *ward.Test               { return in.tests[id] }
func (in *Input) Item(id string) *ward.SoftwareItem       { return in.items[id] }
func (in *Input) Document(id string) *ward.Document       { return in.docs[id] }
func (in *Input) Review(id string) *ward.Review           { return in.reviews[id] }
func (in *Input) ReleaseByVersion(v string) *ward.ReleaseRecord {
	return in.releases[v]
}
func (in *Input) Vulnerability(id string) *ward.Vulnerability { return in.vulns[id] }
func (in *Input) Supplier(id string) *ward.Supplier           { return in.suppliers[id] }
func (in *Input) SigningKey(id string) *ward.SigningKey       { return in.keys[id] }
func (in *Input) Element(id string) *ward.Element             { return in.elements[id] }

// Applicability returns the applicability record of a clause, or nil.
func (in *Input) Applicability(clause string) *ward.Applicability { return in.applicable[clause] }

// InScope reports whether a regulation applies to the product.
func (in *Input) InScope(r ward.Regulation) bool { return in.File.Product.InScope(r) }

// TestsOf returns the tests that verify the record with the given ID,
// sorted by test ID.
func (in *Input) TestsOf(id string) []*ward.Test {
	var out []*ward.Test
	for _, t := range in.File.Tests {
		for _, v := range t.Verifies {
			if v == id {
				out = append(out, t)
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// OnRelease reports whether test t ran on the release under evaluation: its
// release or build names it. With no release under evaluation every test counts.
func (in *Input) OnRelease(t *ward.Test) bool {
	if in.Release == nil {
		return true
	}
	return t.Release == in.Release.Version || (t.Build != "" && t.Build == in.Release.Commit)
}

// PersonIsActive reports whether the person exists and is active.
func (in *Input) PersonIsActive(id string) bool {
	p := in.people[id]
	return p != nil && p.IsActive()
}

// HasRole reports whether any active person holds the role.
func (in *Input) HasRole(role string) bool {
	for _, p := range in.File.People {
		if p.IsActive() && contains(p.Roles, role) {
			return true
		}
	}
	return false
}

// Category returns an item's risk-transfer category after applying the
// product's aliases: "maintained", "supported", "required" or "" if unknown.
func (in *Input) Category(item *ward.SoftwareItem) string {
	c := item.Category
	if p := in.File.Product; p != nil {
		if v, ok := p.CategoryAliases[c]; ok {
			c = v
		}
	}
	switch c {
	case "maintained", "supported", "required":
		return c
	}
	return ""
}

// SBOMComponents returns every component of every readable SBOM of the
// release under evaluation (all SBOMs when no SBOM is tied to it).
func (in *Input) SBOMComponents() []*ward.Component {
	var out []*ward.Component
	for _, s := range in.releaseSBOMs() {
		out = append(out, s.SBOM.Components...)
	}
	return out
}

func (in *Input) releaseSBOMs() []LoadedSBOM {
	var mine, all []LoadedSBOM
	for _, s := range in.SBOMs {
		if s.SBOM == nil {
			continue
		}
		all = append(all, s)
		if in.Release != nil && (s.Ref.Release == in.Release.Version || s.Ref.ID == in.Release.SBOM) {
			mine = append(mine, s)
		}
	}
	if len(mine) > 0 {
		return mine
	}
	return all
}

// ItemFor finds the security file's software item for an SBOM component:
// by purl (with or without version), else by name and version, else name.
func (in *Input) ItemFor(c *ward.Component) *ward.SoftwareItem {
	if c.PURL != "" {
		base := purlBase(c.PURL)
		for _, it := range in.File.Components {
			if it.PURL != "" && (it.PURL == c.PURL || purlBase(it.PURL) == base) {
				return it
			}
		}
	}
	var byName *ward.SoftwareItem
	for _, it := range in.File.Components {
		if strings.EqualFold(it.Name, c.Name) {
			if it.Version == c.Version {
				return it
			}
			if byName == nil {
				byName = it
			}
		}
	}
	return byName
}

// purlBase strips the version, qualifiers and subpath of a purl.
func purlBase(p string) string {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if i := strings.LastIndex(p, "@"); i > strings.LastIndex(p, "/") {
		p = p[:i]
	}
	return p
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
