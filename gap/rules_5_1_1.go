package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 5.1.1 — ACTIVITIES in the LIFE CYCLE PROCESS.

func init() {
	register("R511-1", checkDevelopmentPlan)
}

// checkDevelopmentPlan: a development plan exists (linked to the release
// under evaluation when the release links documents) and every applicable
// activity has an owner role. The security file does not record each
// activity's planned output and milestone, so a passing check hands those
// to a human.
func checkDevelopmentPlan(in *Input, c *Check) {
	plans := linkedDocumentsOfKind(in, in.Release, "development_plan")
	if len(plans) == 0 {
		plans = documentsOfKind(in, "development_plan")
	}
	if len(plans) == 0 {
		c.Missing(ward.Pos{}, "no development plan (document of kind development_plan)")
	}
	var ids []string
	for _, d := range plans {
		ids = append(ids, d.ID)
	}
	c.Cite(ids...)
	n := 0
	for _, a := range in.File.Applicability {
		if a.Applies == ward.AppliesNo {
			continue
		}
		n++
		if a.Owner == "" {
			c.Missing(a.At, "activity %s: no owner role in the plan (applicability.owner)", a.Clause)
		}
	}
	if n == 0 {
		c.Missing(ward.Pos{}, "no applicable activities recorded under applicability:, so the plan cannot be checked against them")
	}
	c.Manual("check that development plan %s gives each of the %d applicable activities a planned output and a phase or milestone (the security file records only the owner role)", strings.Join(ids, ", "), n)
}
