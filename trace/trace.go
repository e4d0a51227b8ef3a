package trace

import (
	"cmp"
	"slices"
	"strings"

	"github.com/wardhq/ward"
)

// Matrix is the traceability matrix of one security file for one release.
// Every list is sorted, so the same input always gives the same matrix.
type Matrix struct {
	Product string // product name for headings; "" when the file has no product
	// Release is the version whose tests count: a requirement is verified
	// by a passing test whose release (or build) names it. "" when the file
	// records no release: then any passing test counts.
	Release string
	Forward []Row        // interfaces, then software items, then model elements only threats reach
	Reverse []ReverseRow // requirements, then tests
	Breaks  []Break      // every gap in the chain; see Kind
}

// Link is one record of a chain.
type Link struct {
	ID    string
	Title string   // the record's title or name; "" when the ID names no record
	At    ward.Pos // where the record sits; zero for derived threats and unknown IDs
}

// SubjectKind is what a forward row starts from.
type SubjectKind string

const (
	SubjectInterface SubjectKind = "interface" // an interface of the product security context
	SubjectComponent SubjectKind = "component" // a software item
	// The kinds below only start rows for threats that reach no interface
	// and no software item, so that every threat appears in the forward
	// view.
	SubjectElement SubjectKind = "element" // an element of the data-flow model
	SubjectFlow    SubjectKind = "flow"
	SubjectData    SubjectKind = "data"
	SubjectNone    SubjectKind = "none" // the threat names no model element; ID is ""
)

var subjectOrder = map[SubjectKind]int{SubjectInterface: 0, SubjectComponent: 1, SubjectElement: 2, SubjectFlow: 3, SubjectData: 4, SubjectNone: 5}

// Row is the forward chain of one interface or software item: the threats
// concerning it and, under each, its risks, controls, requirements and
// tests. Every interface and every software item has a row, with no
// threats if none concerns it.
type Row struct {
	Kind SubjectKind
	Link
	Threats []ThreatLink // by ID
}

// ThreatLink is a threat concerning a row's subject.
type ThreatLink struct {
	Link
	Decision  string // mitigated, accepted, not_applicable, transferred; "" when undecided
	Generated bool   // derived by a threat-model rule in this run
	Stale     bool   // a decision (source rule:…) for a derived threat no rule produces any more
	// Via says how the threat reaches the subject, sorted: "named" (the
	// threat lists it), "flow F-02" (it lists a flow over the interface or
	// handled by the item), "item risks" (the software item lists the
	// threat), "risk RSK-004" (the item lists a risk on the threat).
	Via      []string
	Risks    []RiskLink    // risks naming the threat, by ID
	Controls []ControlLink // controls the decision names, in its order
}

// RiskLink is a risk on a threat.
type RiskLink struct {
	Link
	Acceptable *bool         // as recorded: nil when the file does not say
	Controls   []ControlLink // in the risk's order
}

// ControlLink is a control and the requirements that implement it.
type ControlLink struct {
	Link
	Requirements []RequirementLink // in the control's order
}

// RequirementLink is a requirement and the tests that verify it.
type RequirementLink struct {
	Link
	Verified bool       // a test verifying it passed on Matrix.Release
	Tests    []TestLink // by ID
}

// TestLink is a test verifying a requirement.
type TestLink struct {
	Link
	Result    string // pass, fail, not_run
	Release   string // the test's release, else its build; "" when it names neither
	OnRelease bool   // it ran on Matrix.Release (its release, or its build is the release's commit or version)
}

// Passed reports whether the test passed on the matrix's release.
func (t TestLink) Passed() bool { return t.OnRelease && t.Result == "pass" }

// ReverseRow walks back from a requirement or a test to the controls,
// risks, threats and the interfaces, software items and model elements
// they concern. Each list is sorted by ID.
type ReverseRow struct {
	Kind string // "requirement" or "test"
	Link
	// For a requirement: Verified and the tests verifying it.
	Verified bool
	Tests    []TestLink
	// For a test: its result and release, and the requirements it verifies.
	Result       string
	Release      string
	OnRelease    bool
	Requirements []Link

	// The controls implemented by the requirements (and, for a test, the
	// controls it verifies directly), their risks, the threats they
	// mitigate (decisions and risks; for a test also threats it verifies
	// directly), and what those threats concern (for a test also the
	// interfaces it verifies directly).
	Controls   []Link
	Risks      []Link
	Threats    []Link
	Interfaces []Link
	Components []Link
	Elements   []Link // flows, data and elements that threats name but that reach no interface or item
}

// Path is one complete walk of the forward view: subject → threat → risk
// → control → requirement → test. Missing links are "": a control named
// by the threat's decision has no risk, a risk without control has no
// control, and so on.
type Path struct {
	Kind        SubjectKind
	Subject     string
	Threat      string
	Decision    string
	Risk        string
	Control     string
	Requirement string
	Test        string
	Result      string
	Release     string // the test's release or build
	OnRelease   bool   // the test ran on Matrix.Release
}

// Paths lists every path of the forward view, row by row, in the view's order.
func (m *Matrix) Paths() []Path {
	var out []Path
	for _, r := range m.Forward {
		base := Path{Kind: r.Kind, Subject: r.ID}
		if len(r.Threats) == 0 {
			out = append(out, base)
		}
		for _, t := range r.Threats {
			p := base
			p.Threat, p.Decision = t.ID, t.Decision
			if len(t.Controls) == 0 && len(t.Risks) == 0 {
				out = append(out, p)
			}
			out = appendControlPaths(out, p, t.Controls)
			for _, rk := range t.Risks {
				q := p
				q.Risk = rk.ID
				if len(rk.Controls) == 0 {
					out = append(out, q)
				}
				out = appendControlPaths(out, q, rk.Controls)
			}
		}
	}
	return out
}

func appendControlPaths(out []Path, p Path, controls []ControlLink) []Path {
	for _, c := range controls {
		q := p
		q.Control = c.ID
		if len(c.Requirements) == 0 {
			out = append(out, q)
		}
		for _, r := range c.Requirements {
			s := q
			s.Requirement = r.ID
			if len(r.Tests) == 0 {
				out = append(out, s)
			}
			for _, t := range r.Tests {
				u := s
				u.Test, u.Result, u.Release, u.OnRelease = t.ID, t.Result, t.Release, t.OnRelease
				out = append(out, u)
			}
		}
	}
	return out
}

// Build walks the chain of sf for release (a version; "" for the newest
// release by date, as `ward check` evaluates). generated are the threats
// the threat-model rules derived (threat.Generate); a generated threat
// without a record is undecided, a record of a derived threat (source
// rule:…) that generated lacks is stale. nil generated means the rules did
// not run: only recorded threats are traced and none is called stale. sf
// may come from a file with reference problems: unknown IDs are kept as
// links without a title.
func Build(sf *ward.SecurityFile, generated []ward.GeneratedThreat, release string) *Matrix {
	ix := newIndex(sf, generated, release)
	m := &Matrix{Release: ix.releaseVersion()}
	if sf.Product != nil {
		m.Product = sf.Product.Name
	}
	m.Forward = ix.forward()
	m.Reverse = ix.reverse()
	m.Breaks = ix.breaks()
	return m
}

// index holds the security file's records by ID and the links between them.
type index struct {
	sf         *ward.SecurityFile
	release    *ward.ReleaseRecord // nil when the file records none
	version    string              // the version asked for, when no record has it
	haveGen    bool
	interfaces map[string]*ward.Interface
	items      map[string]*ward.SoftwareItem
	elements   map[string]*ward.Element
	flows      map[string]*ward.Flow
	data       map[string]*ward.DataItem
	risks      map[string]*ward.Risk
	controls   map[string]*ward.Control
	reqs       map[string]*ward.Requirement
	tests      map[string]*ward.Test
	threats    map[string]*threatRec
	threatIDs  []string                           // sorted
	reached    map[subjectKey]map[string][]string // subject → threat → via; set by forward
	risksOf    map[string][]*ward.Risk            // threat ID → risks naming it, by ID
	testsOf    map[string][]*ward.Test            // verified ID → tests, by ID
}

// threatRec is a threat as recorded, derived, or both.
type threatRec struct {
	id    string
	rec   *ward.Threat          // nil for a derived threat without a record
	gen   *ward.GeneratedThreat // nil for a threat no rule derived
	names []string              // IDs the threat concerns: record's elements and components, derived elements; sorted, unique
}

func (t *threatRec) link() Link {
	l := Link{ID: t.id}
	if t.rec != nil {
		l.Title, l.At = t.rec.Title, t.rec.At
	}
	if l.Title == "" && t.gen != nil {
		l.Title = t.gen.Title
	}
	return l
}

func (t *threatRec) decision() string {
	if t.rec == nil {
		return ""
	}
	return t.rec.Decision
}

func (t *threatRec) stale(haveGen bool) bool {
	return haveGen && t.gen == nil && t.rec != nil && strings.HasPrefix(t.rec.Source, "rule:")
}

func byID[T any](list []T, id func(T) string) map[string]T {
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

func newIndex(sf *ward.SecurityFile, generated []ward.GeneratedThreat, release string) *index {
	ix := &index{sf: sf, haveGen: generated != nil, version: release}
	ix.interfaces = map[string]*ward.Interface{}
	if sf.Context != nil {
		ix.interfaces = byID(sf.Context.Interfaces, func(i *ward.Interface) string { return i.ID })
		ix.data = byID(sf.Context.Data, func(d *ward.DataItem) string { return d.ID })
	}
	ix.items = byID(sf.Components, func(c *ward.SoftwareItem) string { return c.ID })
	if a := sf.Architecture; a != nil {
		ix.elements = byID(a.Elements, func(e *ward.Element) string { return e.ID })
		ix.flows = byID(a.Flows, func(f *ward.Flow) string { return f.ID })
	}
	ix.risks = byID(sf.Risks, func(r *ward.Risk) string { return r.ID })
	ix.controls = byID(sf.Controls, func(c *ward.Control) string { return c.ID })
	ix.reqs = byID(sf.Requirements, func(r *ward.Requirement) string { return r.ID })
	ix.tests = byID(sf.Tests, func(t *ward.Test) string { return t.ID })

	for _, r := range sf.Releases {
		if release != "" {
			if r.Version == release {
				ix.release = r
				break
			}
		} else if ix.release == nil || r.Date.After(ix.release.Date) {
			ix.release = r
		}
	}

	ix.threats = map[string]*threatRec{}
	for _, t := range sf.Threats {
		if t.ID == "" || ix.threats[t.ID] != nil {
			continue
		}
		ix.threats[t.ID] = &threatRec{id: t.ID, rec: t, names: append(append([]string{}, t.Elements...), t.Components...)}
	}
	for i := range generated {
		g := &generated[i]
		t := ix.threats[g.ID]
		if t == nil {
			t = &threatRec{id: g.ID}
			ix.threats[g.ID] = t
		}
		if t.gen == nil {
			t.gen = g
			t.names = append(t.names, g.Elements...)
		}
	}
	for id, t := range ix.threats {
		slices.Sort(t.names)
		t.names = slices.Compact(t.names)
		ix.threatIDs = append(ix.threatIDs, id)
	}
	slices.Sort(ix.threatIDs)

	ix.risksOf = map[string][]*ward.Risk{}
	for _, r := range sortedByID(sf.Risks, func(r *ward.Risk) string { return r.ID }) {
		for _, t := range unique(r.Threats) {
			ix.risksOf[t] = append(ix.risksOf[t], r)
		}
	}
	ix.testsOf = map[string][]*ward.Test{}
	for _, t := range sortedByID(sf.Tests, func(t *ward.Test) string { return t.ID }) {
		for _, v := range unique(t.Verifies) {
			ix.testsOf[v] = append(ix.testsOf[v], t)
		}
	}
	return ix
}

func sortedByID[T any](list []T, id func(T) string) []T {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
	return out
}

// unique returns the distinct values of list in their first order.
func unique(list []string) []string {
	seen := make(map[string]bool, len(list))
	var out []string
	for _, s := range list {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func (ix *index) releaseVersion() string {
	if ix.release != nil {
		return ix.release.Version
	}
	return ix.version
}

// onRelease reports whether t ran on the release under evaluation: its
// release names it, or its build is the release's commit or version.
// With no release every test counts.
func (ix *index) onRelease(t *ward.Test) bool {
	v := ix.releaseVersion()
	if v == "" {
		return true
	}
	if t.Release == v || (t.Build != "" && t.Build == v) {
		return true
	}
	return ix.release != nil && t.Build != "" && t.Build == ix.release.Commit
}

func (ix *index) testLink(t *ward.Test) TestLink {
	rel := t.Release
	if rel == "" {
		rel = t.Build
	}
	return TestLink{Link: Link{ID: t.ID, Title: t.Title, At: t.At}, Result: t.Result, Release: rel, OnRelease: ix.onRelease(t)}
}

func (ix *index) requirementLink(id string) RequirementLink {
	rl := RequirementLink{Link: Link{ID: id}}
	if r := ix.reqs[id]; r != nil {
		rl.Title, rl.At = r.Title, r.At
	}
	for _, t := range ix.testsOf[id] {
		tl := ix.testLink(t)
		rl.Verified = rl.Verified || tl.Passed()
		rl.Tests = append(rl.Tests, tl)
	}
	return rl
}

func (ix *index) controlLink(id string) ControlLink {
	cl := ControlLink{Link: Link{ID: id}}
	if c := ix.controls[id]; c != nil {
		cl.Title, cl.At = c.Title, c.At
		for _, r := range unique(c.Requirements) {
			cl.Requirements = append(cl.Requirements, ix.requirementLink(r))
		}
	}
	return cl
}

func (ix *index) controlLinks(ids []string) []ControlLink {
	var out []ControlLink
	for _, id := range unique(ids) {
		out = append(out, ix.controlLink(id))
	}
	return out
}

func (ix *index) threatLink(t *threatRec, via []string) ThreatLink {
	tl := ThreatLink{Link: t.link(), Decision: t.decision(), Generated: t.gen != nil, Stale: t.stale(ix.haveGen), Via: via}
	if t.rec != nil {
		tl.Controls = ix.controlLinks(t.rec.Controls)
	}
	for _, r := range ix.risksOf[t.id] {
		tl.Risks = append(tl.Risks, RiskLink{Link: Link{ID: r.ID, Title: r.Title, At: r.At}, Acceptable: r.Acceptable, Controls: ix.controlLinks(r.Controls)})
	}
	return tl
}

// subjectKey identifies a forward row.
type subjectKey struct {
	kind SubjectKind
	id   string
}

// reach maps each subject to the threats that concern it and how.
func (ix *index) reach() map[subjectKey]map[string][]string {
	out := map[subjectKey]map[string][]string{}
	add := func(kind SubjectKind, id, threat, via string) {
		k := subjectKey{kind, id}
		if out[k] == nil {
			out[k] = map[string][]string{}
		}
		out[k][threat] = append(out[k][threat], via)
	}
	reached := map[string]bool{}
	for _, id := range ix.threatIDs {
		for _, n := range ix.threats[id].names {
			if ix.interfaces[n] != nil {
				add(SubjectInterface, n, id, "named")
				reached[id] = true
			}
			if ix.items[n] != nil {
				add(SubjectComponent, n, id, "named")
				reached[id] = true
			}
			if f := ix.flows[n]; f != nil {
				if f.Interface != "" {
					add(SubjectInterface, f.Interface, id, "flow "+f.ID)
					reached[id] = true
				}
				for _, c := range unique(f.Components) {
					add(SubjectComponent, c, id, "flow "+f.ID)
					reached[id] = true
				}
			}
		}
	}
	for _, it := range ix.sf.Components {
		for _, ref := range unique(it.Risks) {
			if ix.threats[ref] != nil {
				add(SubjectComponent, it.ID, ref, "item risks")
				reached[ref] = true
			}
			if r := ix.risks[ref]; r != nil {
				for _, t := range unique(r.Threats) {
					if ix.threats[t] != nil {
						add(SubjectComponent, it.ID, t, "risk "+r.ID)
						reached[t] = true
					}
				}
			}
		}
	}
	for _, id := range ix.threatIDs {
		if reached[id] {
			continue
		}
		t := ix.threats[id]
		if len(t.names) == 0 {
			add(SubjectNone, "", id, "names no model element")
		}
		for _, n := range t.names {
			add(ix.kindOf(n), n, id, "named")
		}
	}
	return out
}

func (ix *index) kindOf(id string) SubjectKind {
	switch {
	case ix.flows[id] != nil:
		return SubjectFlow
	case ix.data[id] != nil:
		return SubjectData
	}
	return SubjectElement
}

func (ix *index) subjectLink(k subjectKey) Link {
	l := Link{ID: k.id}
	switch k.kind {
	case SubjectInterface:
		if i := ix.interfaces[k.id]; i != nil {
			l.Title, l.At = i.Name, i.At
		}
	case SubjectComponent:
		if c := ix.items[k.id]; c != nil {
			l.Title, l.At = c.Name+" "+c.Version, c.At
		}
	case SubjectElement:
		if e := ix.elements[k.id]; e != nil {
			l.Title, l.At = e.Name, e.At
		}
	case SubjectFlow:
		if f := ix.flows[k.id]; f != nil {
			l.Title, l.At = f.From+" → "+f.To+" ("+f.Protocol+")", f.At
		}
	case SubjectData:
		if d := ix.data[k.id]; d != nil {
			l.Title, l.At = d.Name, d.At
		}
	}
	return l
}

func (ix *index) forward() []Row {
	reach := ix.reach()
	ix.reached = reach
	keys := map[subjectKey]bool{}
	for id := range ix.interfaces {
		keys[subjectKey{SubjectInterface, id}] = true
	}
	for id := range ix.items {
		keys[subjectKey{SubjectComponent, id}] = true
	}
	for k := range reach {
		keys[k] = true
	}
	var rows []Row
	for k := range keys {
		row := Row{Kind: k.kind, Link: ix.subjectLink(k)}
		threats := reach[k]
		ids := make([]string, 0, len(threats))
		for id := range threats {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			via := threats[id]
			slices.Sort(via)
			row.Threats = append(row.Threats, ix.threatLink(ix.threats[id], slices.Compact(via)))
		}
		rows = append(rows, row)
	}
	slices.SortFunc(rows, func(a, b Row) int {
		if c := cmp.Compare(subjectOrder[a.Kind], subjectOrder[b.Kind]); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return rows
}
