package gap

import (
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/securityfile"
	"github.com/wardhq/ward/threat"
	"github.com/wardhq/ward/trace"
)

// TestEveryBreakHasOneRule proves that `ward check` reports every kind of
// break `ward trace` lists, through a rule of the clause trace names.
func TestEveryBreakHasOneRule(t *testing.T) {
	t.Parallel()
	cat, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	clauseOf := map[string]string{}
	for _, cl := range cat.Clauses {
		for _, r := range cl.Rules {
			clauseOf[r.ID] = cl.ID
		}
	}
	for _, k := range trace.Kinds() {
		rule, ok := breakRules[k.Kind]
		switch {
		case !ok:
			t.Errorf("break kind %s is reported by no rule", k.Kind)
		case clauseOf[rule] != k.Clause:
			t.Errorf("break kind %s: reported by %s of clause %s, trace names clause %s", k.Kind, rule, clauseOf[rule], k.Clause)
		}
	}
	if len(breakRules) != len(trace.Kinds()) {
		t.Errorf("breakRules has %d kinds, trace has %d", len(breakRules), len(trace.Kinds()))
	}
}

// TestBreaksReachCheck breaks the example pump's chain in every way
// `ward trace` knows and proves that each break becomes a gap of exactly
// the rule breakRules names, with trace's own message.
func TestBreaksReachCheck(t *testing.T) {
	t.Parallel()
	sf, err := securityfile.Load("../examples/infusion-pump", securityfile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	today := ward.MustDate("2026-11-20")
	sf.Context.Interfaces[0].Element = ""
	sf.Components = append(sf.Components, &ward.SoftwareItem{ID: "CMP-unplaced", Name: "helper", Version: "1.0", Origin: "in_house"})
	sf.Threats = append(sf.Threats,
		&ward.Threat{ID: "THR-undecided", Title: "Undecided"},
		&ward.Threat{ID: "X-GONE-00000000", Title: "Gone", Source: "rule:X-GONE", Decision: "accepted", Rationale: "r"},
		&ward.Threat{ID: "THR-uncontrolled", Title: "Uncontrolled", Decision: "mitigated"})
	no := false
	sf.Risks = append(sf.Risks, &ward.Risk{ID: "RSK-uncontrolled", Threats: []string{"THR-undecided"}, Method: "CVSS 3.1",
		Pre: &ward.RiskScore{Severity: "high"}, Acceptable: &no})
	sf.Controls = append(sf.Controls, &ward.Control{ID: "CTL-orphan", Title: "Orphan", Kind: "design"})

	cat, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	in := NewInput(sf, today, nil, "")
	in.Generated = threat.Generate(threat.NewModel(sf, today))
	rep := Evaluate(cat, in)
	gapsOf := map[string]map[string]bool{}
	for _, cl := range rep.Clauses {
		for _, r := range cl.Rules {
			gapsOf[r.ID] = map[string]bool{}
			for _, m := range r.Missing {
				gapsOf[r.ID][m] = true
			}
		}
	}
	seen := map[trace.Kind]bool{}
	for _, b := range in.Breaks() {
		seen[b.Kind] = true
		for rule, gaps := range gapsOf {
			if want := rule == breakRules[b.Kind]; gaps[b.Message] != want {
				t.Errorf("%s %s: reported by %s = %v, want %v (%s)", b.Kind, b.ID, rule, gaps[b.Message], want, b.Message)
			}
		}
	}
	for _, k := range trace.Kinds() {
		if !seen[k.Kind] {
			t.Errorf("the broken example has no break of kind %s; the test no longer covers it", k.Kind)
		}
	}
}
