package gap

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
