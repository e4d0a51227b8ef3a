package gap

// Clause 7.1.1 — general (security risk management inside product risk management).

func init() {
	register("R711-1", checkRiskPlanLinked)
}

// Topics that mark the risk management plan as linked to the product's
// risk management: the ISO 14971 file of a device, or the product risk
// management of non-device health software.
const (
	iso14971Topic    = "iso_14971"
	productRiskTopic = "product_risk_management"
)

// checkRiskPlanLinked: the security risk management plan refers to the
// ISO 14971 file (covers: [iso_14971]; for non-device software the product
// risk management, covers: [product_risk_management]) and risks with a
// safety impact are handed over with hazard IDs.
func checkRiskPlanLinked(in *Input, c *Check) {
	plans := documentsOfKind(in, "risk_management_plan")
	if len(plans) == 0 {
		c.Missing(productPos(in), "no security risk management plan (a document of kind risk_management_plan)")
		return
	}
	linked := false
	for _, d := range plans {
		if docCovers(d, iso14971Topic, productRiskTopic) {
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
