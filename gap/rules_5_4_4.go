package gap

import (
	"github.com/wardhq/ward"
)

// Clause 5.4.4 — detailed design VERIFICATION for SECURITY.

func init() {
	register("R544-1", checkDesignReviews)
}

// checkDesignReviews: every security-relevant element names a design
// review, which is recorded, of kind design, and dated no later than the
// release under evaluation (or today).
func checkDesignReviews(in *Input, c *Check) {
	els := securityRelevantElements(in)
	if len(els) == 0 {
		c.Missing(ward.Pos{}, "no architecture element is marked security_relevant, so no design review can be checked")
		return
	}
	limit := in.Today
	if in.Release != nil {
		limit = in.Release.Date
	}
	for _, e := range els {
		rv := in.Review(e.DesignReview)
		switch {
		case e.DesignReview == "":
			c.Missing(e.At, "element %s: security-relevant without a design review (design_review)", e.ID)
		case rv == nil:
			c.Missing(e.At, "element %s: design review %s is not recorded under reviews:", e.ID, e.DesignReview)
		case rv.Kind != ward.ReviewDesign:
			c.Missing(e.At, "element %s: review %s is of kind %s, not design", e.ID, rv.ID, rv.Kind)
		case rv.Date.After(limit):
			c.Missing(rv.At, "element %s: design review %s is dated %s, after %s", e.ID, rv.ID, rv.Date, limit)
		default:
			c.Cite(e.ID, rv.ID)
		}
	}
	c.OK("all %d security-relevant elements have a design review", len(els))
}
