package gap

import (
	"sort"
	"strings"

	"github.com/wardhq/ward"
)

// Helpers of the rules of clauses 4, 5.1–5.6 and 5.8: lookups the Input
// does not index, and the conventions those rules share.

// accompanyingKinds are the document kinds shipped to users whose review
// 4.1.9 requires (per ISH1, the documents of 5.8.2 and 5.8.7 and the
// operator guidance of Annex E).
var accompanyingKinds = map[string]bool{
	"secure_operation": true, "account_management": true, "residual_risk": true, "conformance": true,
	"decommissioning": true, "hardening": true, "environment_measures": true, "update_information": true,
}

// operatorDocKinds are the document kinds that tell the operator (the HDO)
// what to do: where duties per risk-transfer category (4.3) and operator
// tasks for required items (5.2.3) must appear.
var operatorDocKinds = map[string]bool{
	"secure_operation": true, "hardening": true, "environment_measures": true,
	"update_information": true, "ifu_security": true, "residual_risk": true,
}

// linkedDocuments returns the documents linked to release r — listed in
// its documents or naming it in their releases — sorted by ID. r may be nil.
func linkedDocuments(in *Input, r *ward.ReleaseRecord) []*ward.Document {
	if r == nil {
		return nil
	}
	out := filterDocs(in.File.Documents, func(d *ward.Document) bool {
		return contains(r.Documents, d.ID) || contains(d.Releases, r.Version)
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// linkedDocumentsOfKind returns the documents of one kind linked to r.
func linkedDocumentsOfKind(in *Input, r *ward.ReleaseRecord, kind string) []*ward.Document {
	return filterDocs(linkedDocuments(in, r), func(d *ward.Document) bool { return d.Kind == kind })
}

// documentsOfKind returns every document of one kind, sorted by ID.
func documentsOfKind(in *Input, kind string) []*ward.Document {
	out := filterDocs(in.File.Documents, func(d *ward.Document) bool { return d.Kind == kind })
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// docCovers reports whether d lists one of the topics in covers (case-insensitive).
func docCovers(d *ward.Document, topics ...string) bool {
	for _, c := range d.Covers {
		for _, t := range topics {
			if strings.EqualFold(strings.TrimSpace(c), t) {
				return true
			}
		}
	}
	return false
}

// devEnvByID returns the development environment asset with the given ID, or nil.
func devEnvByID(in *Input, id string) *ward.DevEnvAsset {
	for _, a := range in.File.DevEnv {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// devFindingByID returns the development finding with the given ID, or nil.
func devFindingByID(in *Input, id string) *ward.DevFinding {
	for _, f := range in.File.Findings {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// previousRelease returns the newest release dated before r, or nil.
func previousRelease(in *Input, r *ward.ReleaseRecord) *ward.ReleaseRecord {
	var prev *ward.ReleaseRecord
	for _, x := range in.File.Releases {
		if x == r || !x.Date.Before(r.Date) {
			continue
		}
		if prev == nil || x.Date.After(prev.Date) {
			prev = x
		}
	}
	return prev
}

// releaseWindow returns the days of work that count for the release under
// evaluation: after the previous release and up to the release date. With
// no release it is everything up to today; from is zero when open-ended.
func releaseWindow(in *Input) (from, to ward.Date) {
	if in.Release == nil {
		return ward.Date{}, in.Today
	}
	if prev := previousRelease(in, in.Release); prev != nil {
		from = prev.Date
	}
	return from, in.Release.Date
}

// inWindow reports whether d lies in (from, to]; a zero from is open.
func inWindow(d, from, to ward.Date) bool {
	return !d.IsZero() && (from.IsZero() || d.After(from)) && !d.After(to)
}

// personHasRoleWhere reports whether the person holds a role for which ok is true.
func personHasRoleWhere(in *Input, person string, ok func(*ward.Role) bool) bool {
	p := in.Person(person)
	if p == nil {
		return false
	}
	for _, id := range p.Roles {
		if r := in.Role(id); r != nil && ok(r) {
			return true
		}
	}
	return false
}

// validCompetency returns the person's competency of that name (case-
// insensitive) that has evidence and is valid on day, or nil.
func validCompetency(p *ward.Person, name string, day ward.Date) *ward.Competency {
	for _, k := range p.Competencies {
		if strings.EqualFold(k.Name, name) && k.Evidence != "" && (k.ValidUntil.IsZero() || !k.ValidUntil.Before(day)) {
			return k
		}
	}
	return nil
}

// clauseCovers reports whether a clause reference (e.g. "5", "5.7" or
// "5.7.3") names clause id itself or a clause above it.
func clauseCovers(ref, id string) bool {
	ref = strings.TrimSpace(ref)
	return ref != "" && (ref == id || strings.HasPrefix(id, ref+"."))
}

// clausesToAddress returns the assessed clauses of the catalog that apply
// to the product: Annex F only for transitional software, clause 5 only for
// the others, and none tailored out by an approved applicability record.
func clausesToAddress(in *Input) ([]*Clause, error) {
	cat, err := Load()
	if err != nil {
		return nil, err
	}
	var out []*Clause
	for _, cl := range cat.Clauses {
		if cl.Assessed() && notApplicable(cl, in) == "" {
			out = append(out, cl)
		}
	}
	return out, nil
}

// isNone reports whether a protection setting says there is none.
func isNone(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return s == "" || s == "none" || s == "no"
}

// interfaceByID returns the context interface with the given ID, or nil.
func interfaceByID(in *Input, id string) *ward.Interface {
	if in.File.Context == nil {
		return nil
	}
	for _, it := range in.File.Context.Interfaces {
		if it.ID == id {
			return it
		}
	}
	return nil
}

// contextInterfaces returns the interfaces of the security context.
func contextInterfaces(in *Input) []*ward.Interface {
	if in.File.Context == nil {
		return nil
	}
	return in.File.Context.Interfaces
}

// sbomItemIDs returns the IDs of the software items matched by the
// components of the release's SBOMs, and the components with no item.
func sbomItemIDs(in *Input) (ids map[string]bool, unmatched []*ward.Component) {
	ids = map[string]bool{}
	for _, comp := range in.SBOMComponents() {
		if it := in.ItemFor(comp); it != nil {
			ids[it.ID] = true
		} else {
			unmatched = append(unmatched, comp)
		}
	}
	return ids, unmatched
}

// policyPos is where the policy section sits, if the file has one.
func (in *Input) policyPos() ward.Pos {
	if in.File.Policy != nil {
		return in.File.Policy.At
	}
	return ward.Pos{}
}

func sortedCopy(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func versionOf(r *ward.ReleaseRecord) string {
	if r == nil {
		return ""
	}
	return r.Version
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = `"` + x + `"`
	}
	return out
}

// findingOfRelease reports whether finding f belongs to the release under
// evaluation: it names the release, or it was raised by a test of it.
func findingOfRelease(in *Input, f *ward.DevFinding) bool {
	if in.Release == nil {
		return false
	}
	if f.Release == in.Release.Version {
		return true
	}
	if t := in.Test(f.Source); t != nil && in.OnRelease(t) {
		return true
	}
	return false
}

// operatorDocCovering returns an operator document (linked to the release
// under evaluation when there is one) whose covers lists the item ID.
func operatorDocCovering(in *Input, item string) *ward.Document {
	docs := in.File.Documents
	if in.Release != nil {
		docs = linkedDocuments(in, in.Release)
	}
	for _, d := range docs {
		if operatorDocKinds[d.Kind] && docCovers(d, item) {
			return d
		}
	}
	return nil
}

// securityRelevantElements returns the architecture elements marked
// security_relevant, in file order.
func securityRelevantElements(in *Input) []*ward.Element {
	if in.File.Architecture == nil {
		return nil
	}
	var out []*ward.Element
	for _, e := range in.File.Architecture.Elements {
		if e.SecurityRelevant {
			out = append(out, e)
		}
	}
	return out
}

// crossesBoundary reports whether flow f connects elements in different
// trust boundaries.
func crossesBoundary(in *Input, f *ward.Flow) bool {
	from, to := in.Element(f.From), in.Element(f.To)
	return from != nil && to != nil && from.Boundary != to.Boundary
}
