package gap

import (
	"github.com/wardhq/ward"
)

// Clause 4.1.2 — identification of responsibilities.

func init() {
	register("R412-1", checkActivityOwners)
	register("R412-2", checkNoWorkWithInactivePeople)
}

// checkActivityOwners: every activity that applies fully or partly has an
// owner role, and at least one active person holds that role.
func checkActivityOwners(in *Input, c *Check) {
	n := 0
	for _, a := range in.File.Applicability {
		if a.Applies == ward.AppliesNo {
			continue
		}
		n++
		switch {
		case a.Owner == "":
			c.Missing(a.At, "activity %s: no owner role", a.Clause)
		case in.Role(a.Owner) == nil:
			c.Missing(a.At, "activity %s: owner role %s is not defined under roles:", a.Clause, a.Owner)
		case !in.HasRole(a.Owner):
			c.Missing(a.At, "activity %s: no active person holds its owner role %s", a.Clause, a.Owner)
		default:
			c.Cite(a.Owner)
		}
	}
	if n == 0 {
		c.Missing(ward.Pos{}, "no applicable activities recorded under applicability:, so no activity has an owner")
	}
	c.OK("all %d applicable activities have an owner role held by an active person", n)
}

// checkNoWorkWithInactivePeople: open work — improvement actions not done,
// reviews not closed, tests not yet run, vulnerabilities not closed — is
// not assigned to a person marked inactive.
func checkNoWorkWithInactivePeople(in *Input, c *Check) {
	inactive := func(id string) bool {
		p := in.Person(id)
		return p != nil && !p.IsActive()
	}
	open := 0
	for _, im := range in.File.Improvements {
		if im.Status != "open" {
			continue
		}
		open++
		if inactive(im.Owner) {
			c.Missing(im.At, "improvement %s: open and owned by inactive person %s", im.ID, im.Owner)
		}
	}
	for _, r := range in.File.Reviews {
		if r.Closed {
			continue
		}
		open++
		for _, p := range r.Reviewers {
			if inactive(p) {
				c.Missing(r.At, "review %s: open and assigned to inactive person %s", r.ID, p)
			}
		}
	}
	for _, t := range in.File.Tests {
		if t.Result != "not_run" {
			continue
		}
		open++
		for _, p := range t.ExecutedBy {
			if inactive(p) {
				c.Missing(t.At, "test %s: not yet run and assigned to inactive person %s", t.ID, p)
			}
		}
	}
	for _, v := range in.File.Vulns {
		if !v.ClosedAt.IsZero() {
			continue
		}
		open++
		if inactive(v.DispositionBy) {
			c.Missing(v.At, "vulnerability %s: open and its disposition rests with inactive person %s", v.ID, v.DispositionBy)
		}
	}
	c.OK("none of %d open work items is assigned to an inactive person", open)
}
