package threat

import (
	"sort"
	"strings"

	"github.com/wardhq/ward"
)

// Decided is a generated threat with the team's decision, if any.
type Decided struct {
	ward.GeneratedThreat
	Decision *ward.Threat // the security file's record with the same ID; nil when undecided
}

// Decisions joins generated threats with the decisions recorded in the
// security file. Stale lists records of generated threats (source
// "rule:…") that no rule produces any more: their decision is about
// something that is gone and needs a review. Manual lists threats the team
// wrote by hand, which no rule owns.
type Decisions struct {
	Threats []Decided
	Stale   []*ward.Threat
	Manual  []*ward.Threat
}

// Decide matches recorded threats to generated ones by ID.
func Decide(generated []ward.GeneratedThreat, recorded []*ward.Threat) Decisions {
	byID := map[string]*ward.Threat{}
	for _, t := range recorded {
		byID[t.ID] = t
	}
	var d Decisions
	gen := map[string]bool{}
	for _, g := range generated {
		gen[g.ID] = true
		d.Threats = append(d.Threats, Decided{GeneratedThreat: g, Decision: byID[g.ID]})
	}
	for _, t := range recorded {
		switch {
		case gen[t.ID]:
		case strings.HasPrefix(t.Source, "rule:"):
			d.Stale = append(d.Stale, t)
		default:
			d.Manual = append(d.Manual, t)
		}
	}
	sort.Slice(d.Stale, func(i, j int) bool { return d.Stale[i].ID < d.Stale[j].ID })
	sort.Slice(d.Manual, func(i, j int) bool { return d.Manual[i].ID < d.Manual[j].ID })
	return d
}
