package trace

import (
	"cmp"
	"slices"

	"github.com/wardhq/ward"
)

// reverse builds the rows from each requirement and each test back to the
// subjects. It runs after forward, whose reach it inverts.
func (ix *index) reverse() []ReverseRow {
	subjectsOf := map[string][]subjectKey{}
	for k, threats := range ix.reached {
		for t := range threats {
			subjectsOf[t] = append(subjectsOf[t], k)
		}
	}
	// controlsOf: requirement → controls implemented by it.
	controlsOf := map[string][]string{}
	for _, c := range ix.sf.Controls {
		for _, r := range unique(c.Requirements) {
			controlsOf[r] = append(controlsOf[r], c.ID)
		}
	}
	// back: control → risks naming it and threats whose decision names it.
	risksOfControl := map[string][]string{}
	for _, r := range ix.sf.Risks {
		for _, c := range unique(r.Controls) {
			risksOfControl[c] = append(risksOfControl[c], r.ID)
		}
	}
	threatsOfControl := map[string][]string{}
	for _, id := range ix.threatIDs {
		if t := ix.threats[id]; t.rec != nil {
			for _, c := range unique(t.rec.Controls) {
				threatsOfControl[c] = append(threatsOfControl[c], id)
			}
		}
	}

	var rows []ReverseRow
	fill := func(row *ReverseRow, controls, threats, interfaces, components, elements []string) {
		var risks []string
		for _, c := range controls {
			risks = append(risks, risksOfControl[c]...)
			threats = append(threats, threatsOfControl[c]...)
		}
		for _, r := range risks {
			if rk := ix.risks[r]; rk != nil {
				threats = append(threats, rk.Threats...)
			}
		}
		for _, t := range threats {
			for _, k := range subjectsOf[t] {
				switch k.kind {
				case SubjectInterface:
					interfaces = append(interfaces, k.id)
				case SubjectComponent:
					components = append(components, k.id)
				case SubjectNone:
				default:
					elements = append(elements, k.id)
				}
			}
		}
		row.Controls = ix.links(controls, func(id string) *Link {
			if c := ix.controls[id]; c != nil {
				return &Link{ID: id, Title: c.Title, At: c.At}
			}
			return nil
		})
		row.Risks = ix.links(risks, func(id string) *Link {
			if r := ix.risks[id]; r != nil {
				return &Link{ID: id, Title: r.Title, At: r.At}
			}
			return nil
		})
		row.Threats = ix.links(threats, func(id string) *Link {
			if t := ix.threats[id]; t != nil {
				l := t.link()
				return &l
			}
			return nil
		})
		row.Interfaces = ix.subjectLinks(SubjectInterface, interfaces)
		row.Components = ix.subjectLinks(SubjectComponent, components)
		row.Elements = ix.elementLinks(elements)
	}

	for _, r := range sortedByID(ix.sf.Requirements, func(r *ward.Requirement) string { return r.ID }) {
		rl := ix.requirementLink(r.ID)
		row := ReverseRow{Kind: "requirement", Link: rl.Link, Verified: rl.Verified, Tests: rl.Tests}
		fill(&row, controlsOf[r.ID], nil, nil, nil, nil)
		rows = append(rows, row)
	}
	for _, t := range sortedByID(ix.sf.Tests, func(t *ward.Test) string { return t.ID }) {
		tl := ix.testLink(t)
		row := ReverseRow{Kind: "test", Link: tl.Link, Result: tl.Result, Release: tl.Release, OnRelease: tl.OnRelease}
		var reqs, controls, threats, interfaces, components, elements []string
		for _, v := range unique(t.Verifies) {
			switch {
			case ix.reqs[v] != nil:
				reqs = append(reqs, v)
				controls = append(controls, controlsOf[v]...)
			case ix.controls[v] != nil:
				controls = append(controls, v)
			case ix.threats[v] != nil:
				threats = append(threats, v)
			case ix.interfaces[v] != nil:
				interfaces = append(interfaces, v)
			}
		}
		for _, c := range unique(t.Components) {
			if ix.items[c] != nil {
				components = append(components, c)
			} else {
				elements = append(elements, c)
			}
		}
		for _, id := range sortedUnique(reqs) {
			row.Requirements = append(row.Requirements, Link{ID: id, Title: ix.reqs[id].Title, At: ix.reqs[id].At})
		}
		fill(&row, sortedUnique(controls), threats, interfaces, components, elements)
		rows = append(rows, row)
	}
	return rows
}

// sortedUnique returns the distinct non-empty values of list, sorted.
func sortedUnique(list []string) []string {
	out := unique(list)
	slices.Sort(out)
	return out
}

// links turns IDs into sorted, distinct links; an ID for which link
// returns nil names no record and keeps an empty title.
func (ix *index) links(ids []string, link func(string) *Link) []Link {
	var out []Link
	for _, id := range sortedUnique(ids) {
		if l := link(id); l != nil {
			out = append(out, *l)
		} else {
			out = append(out, Link{ID: id})
		}
	}
	return out
}

func (ix *index) subjectLinks(kind SubjectKind, ids []string) []Link {
	var out []Link
	for _, id := range sortedUnique(ids) {
		out = append(out, ix.subjectLink(subjectKey{kind, id}))
	}
	return out
}

func (ix *index) elementLinks(ids []string) []Link {
	var out []Link
	for _, id := range sortedUnique(ids) {
		out = append(out, ix.subjectLink(subjectKey{ix.kindOf(id), id}))
	}
	slices.SortFunc(out, func(a, b Link) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
