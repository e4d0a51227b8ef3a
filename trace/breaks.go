package trace

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/wardhq/ward"
)

// Kind is the kind of a break in the chain. It is part of the JSON
// contract of `ward trace`: a kind is never renamed, only added.
type Kind string

// The kinds, in chain order (the order breaks are listed in).
const (
	InterfaceUnplaced         Kind = "interface_unplaced"          // interface exposed by no architecture element
	ComponentUnplaced         Kind = "component_unplaced"          // software item that runs in no architecture element
	ThreatUndecided           Kind = "threat_undecided"            // recorded or derived threat without a decision
	ThreatStale               Kind = "threat_stale"                // decision on a derived threat no rule produces any more
	ThreatWithoutControl      Kind = "threat_without_control"      // mitigated threat with no control from its decision or a risk
	RiskWithoutControl        Kind = "risk_without_control"        // risk without a control whose residual risk is not accepted
	ControlWithoutRequirement Kind = "control_without_requirement" // control no requirement implements
	RequirementUnverified     Kind = "requirement_unverified"      // requirement without a passing test on the release
)

// KindInfo describes a kind of break, for reports and for the gap rules.
type KindInfo struct {
	Kind   Kind
	Title  string // what is missing, in general terms
	Clause string // the IEC 81001-5-1 clause whose gap rule reports it in `ward check`
}

// Kinds lists every kind of break in chain order.
func Kinds() []KindInfo {
	return []KindInfo{
		{InterfaceUnplaced, "interface exposed by no architecture element", "7.2"},
		{ComponentUnplaced, "software item that runs in no architecture element", "7.2"},
		{ThreatUndecided, "threat without a decision", "7.2"},
		{ThreatStale, "decision on a derived threat the model no longer produces", "7.2"},
		{ThreatWithoutControl, "mitigated threat without a control", "7.4"},
		{RiskWithoutControl, "risk without a control whose residual risk is not accepted", "7.4"},
		{ControlWithoutRequirement, "control that no requirement implements", "7.4"},
		{RequirementUnverified, "requirement without a passing test on the release", "5.7.1"},
	}
}

func kindRank(k Kind) int {
	for i, info := range Kinds() {
		if info.Kind == k {
			return i
		}
	}
	return len(Kinds())
}

// Break is one gap in the chain: the record where the chain stops, and why.
type Break struct {
	Kind    Kind
	ID      string   // the record: interface, software item, threat, risk, control or requirement ID
	Message string   // plain text naming the record and what to add
	At      ward.Pos // the record's position; zero for a derived threat without a record
}

// Breaks returns every gap in the chain of sf for release, as Build does
// (same arguments, same order: chain order, then ID). It is the entry
// point for the gap rules: they need the breaks, not the matrix.
func Breaks(sf *ward.SecurityFile, generated []ward.GeneratedThreat, release string) []Break {
	return newIndex(sf, generated, release).breaks()
}

func (ix *index) breaks() []Break {
	var out []Break
	add := func(k Kind, id string, at ward.Pos, format string, args ...any) {
		out = append(out, Break{Kind: k, ID: id, At: at, Message: fmt.Sprintf(format, args...)})
	}

	if ix.sf.Context != nil {
		for _, i := range ix.sf.Context.Interfaces {
			switch {
			case i.Element == "":
				add(InterfaceUnplaced, i.ID, i.At, "interface %s (%s): no architecture element exposes it (set element: to the element that does)", i.ID, i.Name)
			case ix.elements[i.Element] == nil:
				add(InterfaceUnplaced, i.ID, i.At, "interface %s (%s): element %s is not in the architecture", i.ID, i.Name, i.Element)
			}
		}
	}

	placed := map[string]bool{}
	if a := ix.sf.Architecture; a != nil {
		for _, e := range a.Elements {
			for _, c := range e.Components {
				placed[c] = true
			}
		}
	}
	for _, c := range ix.sf.Components {
		if !placed[c.ID] {
			add(ComponentUnplaced, c.ID, c.At, "software item %s (%s %s): runs in no architecture element (list it under components: of the element that runs it)", c.ID, c.Name, c.Version)
		}
	}

	for _, id := range ix.threatIDs {
		t := ix.threats[id]
		l := t.link()
		switch {
		case t.stale(ix.haveGen):
			add(ThreatStale, id, l.At, "threat %s: decision for a derived threat the model no longer produces (stale: review and remove it)", id)
		case t.decision() == "" && t.rec == nil:
			add(ThreatUndecided, id, l.At, "derived threat %s (%s): no decision (add a threats: record with id %s, source rule:%s and a decision)", id, l.Title, id, t.gen.Rule)
		case t.decision() == "":
			add(ThreatUndecided, id, l.At, "threat %s (%s): no decision (set decision: mitigated, accepted, not_applicable or transferred)", id, l.Title)
		case t.decision() == "mitigated" && !ix.hasControl(t):
			add(ThreatWithoutControl, id, l.At, "threat %s (%s): mitigated, but neither its decision nor a risk on it names a control", id, l.Title)
		}
	}

	for _, r := range ix.sf.Risks {
		if len(unique(r.Controls)) > 0 || (r.Acceptable != nil && *r.Acceptable) {
			continue
		}
		why := "its residual risk is not accepted (add controls:, or acceptable: true with a criterion)"
		if r.Acceptable != nil {
			why = "its residual risk is not acceptable (add controls:)"
		}
		add(RiskWithoutControl, r.ID, r.At, "risk %s%s: no control, and %s", r.ID, titled(r.Title), why)
	}

	for _, c := range ix.sf.Controls {
		if len(unique(c.Requirements)) == 0 {
			add(ControlWithoutRequirement, c.ID, c.At, "control %s (%s): no requirement implements it (add requirements:)", c.ID, c.Title)
		}
	}

	rel := "any release"
	if v := ix.releaseVersion(); v != "" {
		rel = "release " + v
	}
	for _, r := range ix.sf.Requirements {
		var passing, failing, elsewhere []string
		for _, t := range ix.testsOf[r.ID] {
			switch tl := ix.testLink(t); {
			case !tl.OnRelease:
				elsewhere = append(elsewhere, t.ID)
			case tl.Result == "pass":
				passing = append(passing, t.ID)
			default:
				failing = append(failing, t.ID+" ("+t.Result+")")
			}
		}
		switch {
		case len(passing) > 0:
		case len(failing) > 0:
			add(RequirementUnverified, r.ID, r.At, "requirement %s (%s): no passing test on %s (%s did not pass)", r.ID, r.Title, rel, strings.Join(failing, ", "))
		case len(elsewhere) > 0:
			add(RequirementUnverified, r.ID, r.At, "requirement %s (%s): no test ran on %s (%s ran on other releases)", r.ID, r.Title, rel, strings.Join(elsewhere, ", "))
		default:
			add(RequirementUnverified, r.ID, r.At, "requirement %s (%s): no test verifies it (add a test with verifies: [%s])", r.ID, r.Title, r.ID)
		}
	}

	slices.SortStableFunc(out, func(a, b Break) int {
		if c := cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// hasControl reports whether the threat's decision or a risk on it names a control.
func (ix *index) hasControl(t *threatRec) bool {
	if t.rec != nil && len(unique(t.rec.Controls)) > 0 {
		return true
	}
	for _, r := range ix.risksOf[t.id] {
		if len(unique(r.Controls)) > 0 {
			return true
		}
	}
	return false
}

func titled(title string) string {
	if title == "" {
		return ""
	}
	return " (" + title + ")"
}
