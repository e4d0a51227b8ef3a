package gap

import (
	"sort"
	"strings"

	"github.com/wardhq/ward"
)

// Clause 5.2.2 — SECURITY requirements review.

func init() {
	register("R522-1", checkRequirementsReview)
}

// checkRequirementsReview: every security requirement names the
// requirements review it passed (reviewed_in), that review is of kind
// requirements and dated no later than the release, and at least one of its
// reviewers holds a competency with evidence valid on that day. When to the
// requirements last changed and whether a product or clinical stakeholder
// took part is not recorded, so a passing check hands that to a human.
func checkRequirementsReview(in *Input, c *Check) {
	if len(in.File.Requirements) == 0 {
		c.Missing(ward.Pos{}, "no security requirements recorded under requirements:")
		return
	}
	limit := in.Today
	if in.Release != nil {
		limit = in.Release.Date
	}
	used := map[string]*ward.Review{}
	for _, r := range in.File.Requirements {
		rv := in.Review(r.ReviewedIn)
		switch {
		case r.ReviewedIn == "":
			c.Missing(r.At, "requirement %s: not reviewed (reviewed_in)", r.ID)
		case rv == nil:
			c.Missing(r.At, "requirement %s: review %s is not recorded under reviews:", r.ID, r.ReviewedIn)
		case rv.Kind != ward.ReviewRequirements:
			c.Missing(r.At, "requirement %s: review %s is of kind %s, not requirements", r.ID, rv.ID, rv.Kind)
		case rv.Date.After(limit):
			c.Missing(rv.At, "review %s: dated %s, after the release of %s", rv.ID, rv.Date, limit)
		default:
			used[rv.ID] = rv
		}
	}
	ids := make([]string, 0, len(used))
	for id := range used {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		rv := used[id]
		competent := false
		for _, p := range rv.Reviewers {
			if pp := in.Person(p); pp != nil && hasAnyValidCompetency(pp, rv.Date) {
				competent = true
			}
		}
		if !competent {
			c.Missing(rv.At, "review %s: no reviewer holds a security competency with evidence valid on %s", rv.ID, rv.Date)
			continue
		}
		c.Cite(rv.ID)
	}
	c.Manual("check that requirements review %s postdates the last change to the requirements (git log of the requirements file) and that a product or clinical stakeholder took part", strings.Join(ids, ", "))
}

func hasAnyValidCompetency(p *ward.Person, day ward.Date) bool {
	for _, k := range p.Competencies {
		if validCompetency(p, k.Name, day) != nil {
			return true
		}
	}
	return false
}
