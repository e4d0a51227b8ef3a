package gap

// Clause 7.1.1 — general (security risk management inside product risk management).

func init() {
	register("R711-1", checkRiskPlanLinked)
}

// iso14971Topic marks the risk management plan as linked to the product's
// ISO 14971 risk management file.
const iso14971Topic = "iso_14971"

// checkRiskPlanLinked: the security risk management plan refers to the
// ISO 14971 file (covers: [iso_14971]) and risks with a safety impact are
// handed over with hazard IDs.
func checkRiskPlanLinked(in *Input, c *Check) {
	plans := documentsOfKind(in, "risk_management_plan")
	if len(plans) == 0 {
		c.Missing(productPos(in), "no security risk management plan (a document of kind risk_management_plan)")
		return
	}
	linked := false
	for _, d := range plans {
		if docCovers(d, iso14971Topic) {
			linked = true
			c.Cite(d.ID)
		}
	}
	if !linked {
		c.Missing(plans[0].At, "risk management plan %s: does not say it is linked to the ISO 14971 risk management file (covers: [%s])", plans[0].ID, iso14971Topic)
	}
	for _, r := range in.File.Risks {
		if r.SafetyImpact && len(r.Hazards) == 0 {
			c.Missing(r.At, "risk %s: safety impact but no hazard of the ISO 14971 file (hazards:)", r.ID)
		}
	}
	c.OK("the security risk management plan is linked to the ISO 14971 file")
}
