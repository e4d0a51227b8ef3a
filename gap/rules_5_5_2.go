package gap

import (
	"sort"
	"strings"
)

// Clause 5.5.2 — SECURITY implementation review.

func init() {
	register("R552-1", checkSecurityCodeReviews)
}

// checkSecurityCodeReviews hands the rule to a human: which changes were
// merged, who wrote and who approved them lives in the version-control
// host, not in the security file. The message names the paths of the
// security-relevant items and the people qualified to review them.
func checkSecurityCodeReviews(in *Input, c *Check) {
	paths := map[string]bool{}
	for _, e := range securityRelevantElements(in) {
		for _, id := range e.Components {
			if it := in.Item(id); it != nil {
				for _, p := range it.Paths {
					paths[p] = true
				}
			}
		}
	}
	for _, r := range in.File.Requirements {
		for _, p := range r.Paths {
			paths[p] = true
		}
	}
	list := make([]string, 0, len(paths))
	for p := range paths {
		list = append(list, p)
	}
	sort.Strings(list)
	var reviewers []string
	for _, p := range in.File.People {
		if !p.IsActive() {
			continue
		}
		for _, k := range p.Competencies {
			if strings.Contains(strings.ToLower(k.Name), "review") && validCompetency(p, k.Name, in.Today) != nil {
				reviewers = append(reviewers, p.ID)
				break
			}
		}
	}
	where := "the source of the security-relevant items"
	if len(list) > 0 {
		where = strings.Join(list, ", ")
	}
	from, _ := releaseWindow(in)
	since := "the start of the project"
	if !from.IsZero() {
		since = from.String()
	}
	who := "none recorded with a review competency"
	if len(reviewers) > 0 {
		who = strings.Join(reviewers, ", ")
	}
	c.Cite(reviewers...)
	c.Manual("in the version-control host, check every change merged since %s that touches %s: at least one approving review by a person other than the commit author who holds the security code review competency (holders: %s)", since, where, who)
}
