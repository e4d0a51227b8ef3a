package gap

import (
	"github.com/wardhq/ward"
)

// Clause 5.2.1 — HEALTH SOFTWARE SECURITY requirements.

func init() {
	register("R521-1", checkRequirementCategories)
	register("R521-2", checkRequirementSourcesAndTests)
	register("R521-3", checkInterfaceAuthRequirements)
}

// fdaCategories are FDA's eight security control categories, as spelled in
// requirements[].category.
var fdaCategories = []string{"authentication", "authorization", "cryptography", "integrity",
	"confidentiality", "logging", "resilience", "updatability"}

// checkRequirementCategories: each FDA control category has at least one
// security requirement.
func checkRequirementCategories(in *Input, c *Check) {
	by := map[string][]string{}
	for _, r := range in.File.Requirements {
		by[r.Category] = append(by[r.Category], r.ID)
	}
	for _, cat := range fdaCategories {
		if len(by[cat]) == 0 {
			c.Missing(ward.Pos{}, "FDA control category %s: no security requirement", cat)
			continue
		}
		c.Cite(by[cat][0])
	}
	c.OK("all %d FDA control categories have security requirements", len(fdaCategories))
}

// checkRequirementSourcesAndTests: every security requirement names at
// least one source and is verified by at least one test.
func checkRequirementSourcesAndTests(in *Input, c *Check) {
	if len(in.File.Requirements) == 0 {
		c.Missing(ward.Pos{}, "no security requirements recorded under requirements:")
		return
	}
	for _, r := range in.File.Requirements {
		ok := true
		if len(r.Sources) == 0 {
			c.Missing(r.At, "requirement %s: no source (threat, context item, regulation or stakeholder)", r.ID)
			ok = false
		}
		if len(in.TestsOf(r.ID)) == 0 {
			c.Missing(r.At, "requirement %s: no test verifies it (tests[].verifies)", r.ID)
			ok = false
		}
		if ok {
			c.Cite(r.ID)
		}
	}
	c.OK("all %d security requirements have a source and a verifying test", len(in.File.Requirements))
}

// checkInterfaceAuthRequirements: every interface not limited to physical
// access is covered by an authentication requirement naming it, or carries
// a justification for the exception.
func checkInterfaceAuthRequirements(in *Input, c *Check) {
	n := 0
	for _, it := range contextInterfaces(in) {
		if it.Exposure == "physical" {
			continue
		}
		n++
		var reqs []string
		for _, r := range in.File.Requirements {
			if r.Category == "authentication" && contains(r.Interfaces, it.ID) {
				reqs = append(reqs, r.ID)
			}
		}
		switch {
		case len(reqs) > 0:
			c.Cite(reqs...)
		case it.Justification != "":
			c.Cite(it.ID)
		default:
			c.Missing(it.At, "interface %s (%s exposure): no authentication requirement names it and no justification for an exception", it.ID, it.Exposure)
		}
	}
	if n == 0 {
		c.NotApplicable("no interface is reachable other than physically")
	}
	c.OK("all %d non-physical interfaces are covered by an authentication requirement or a justified exception", n)
}
