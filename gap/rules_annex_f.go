package gap

import "github.com/wardhq/ward"

// Annex F — transitional health software.

func init() {
	register("RF-1", checkTransitionalGapAssessment)
}

// gapAssessmentTopic is the covers: topic that marks a document as the
// Annex F gap assessment against clauses 4 to 9.
const gapAssessmentTopic = "gap_assessment"

// checkTransitionalGapAssessment: a transitional product has a gap
// assessment against clauses 4 to 9 — a document (conventionally of kind
// conformance or other) whose covers: includes gap_assessment — that was
// reviewed. Improvements whose trigger is the assessment are cited as its
// closure activities; whether every gap has one, or a rationale for
// continued use, is read in the document by the reviewer.
func checkTransitionalGapAssessment(in *Input, c *Check) {
	if p := in.File.Product; p == nil || !p.Transitional {
		c.NotApplicable("the product is not transitional health software")
		return
	}
	ids := docIDsCovering(in.File.Documents, gapAssessmentTopic)
	if len(ids) == 0 {
		c.Missing(in.File.Product.At, "transitional product: no gap assessment against clauses 4 to 9 (a document with covers: [%s])", gapAssessmentTopic)
		return
	}
	for _, id := range ids {
		d := in.Document(id)
		if d.ReviewedBy == "" || d.ReviewedAt.IsZero() {
			c.Missing(d.At, "gap assessment %s: not reviewed (reviewed_by, reviewed_at)", d.ID)
			continue
		}
		c.Cite(d.ID)
		for _, im := range in.File.Improvements {
			if im.Trigger == d.ID {
				c.Cite(im.ID)
			}
		}
	}
	c.OK("gap assessment %s against clauses 4 to 9 exists and was reviewed", joinIDs(ids))
}

func init() {
	register("RF3-1", checkContinuedUseRationale)
	register("RF4-1", checkTransitionalPostRelease)
}

// continuedUseTopic marks the rationale for continued use of transitional
// health software (F.3).
const continuedUseTopic = "continued_use_rationale"

// checkContinuedUseRationale: a transitional product has a rationale for
// continued use (a document with covers: [continued_use_rationale]) that
// was approved by someone whose role may accept risks.
func checkContinuedUseRationale(in *Input, c *Check) {
	if p := in.File.Product; p == nil || !p.Transitional {
		c.NotApplicable("the product is not transitional health software")
		return
	}
	ids := docIDsCovering(in.File.Documents, continuedUseTopic)
	if len(ids) == 0 {
		c.Missing(in.File.Product.At, "transitional product: no rationale for continued use (a document with covers: [%s])", continuedUseTopic)
		return
	}
	for _, id := range ids {
		d := in.Document(id)
		if d.ReviewedBy == "" || !personHasRoleWhere(in, d.ReviewedBy, func(r *ward.Role) bool { return r.RiskAcceptance }) {
			c.Missing(d.At, "rationale %s: not approved by a person whose role may accept risks (reviewed_by)", d.ID)
			continue
		}
		c.Cite(d.ID)
	}
	c.OK("the rationale for continued use is approved by a risk-acceptance role")
}

// checkTransitionalPostRelease: a transitional product runs the same
// post-release activities as any other: a maintenance plan with update
// targets and a recent monitoring run.
func checkTransitionalPostRelease(in *Input, c *Check) {
	if p := in.File.Product; p == nil || !p.Transitional {
		c.NotApplicable("the product is not transitional health software")
		return
	}
	if m := in.File.Maintenance; m == nil || len(m.UpdateTargets) == 0 {
		c.Missing(in.File.Product.At, "transitional product: no maintenance plan with update targets (maintenance.update_targets)")
	} else {
		c.Cite("maintenance")
	}
	var last *ward.MonitoringRun
	for _, r := range in.File.Monitoring {
		if last == nil || r.Date.After(last.Date) {
			last = r
		}
	}
	switch {
	case last == nil:
		c.Missing(in.File.Product.At, "transitional product: no vulnerability monitoring recorded (monitoring:)")
	case last.Date.AddDays(in.Policy.MonitoringDays).Before(in.Today):
		c.Missing(last.At, "transitional product: last monitoring run %s is older than %d days", last.Date, in.Policy.MonitoringDays)
	}
	c.OK("maintenance plan and monitoring are in place for the transitional product")
}
