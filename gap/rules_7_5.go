package gap

import (
	"github.com/wardhq/ward"
)

// Clause 7.5 — monitoring the effectiveness of risk controls.

func init() {
	register("R75-1", checkControlsReviewed)
}

// checkControlsReviewed: once the first release is older than the
// policy's control-review interval, every control has a control
// effectiveness review (last_review) within that interval that names the
// field data it used (inputs). Whether problems found became
// vulnerability records and were reported to suppliers is for the
// reviewer.
func checkControlsReviewed(in *Input, c *Check) {
	first := firstRelease(in)
	if first == nil {
		c.NotApplicable("no release yet, so no post-release control review is due")
		return
	}
	due := first.Date.AddMonths(in.Policy.ControlReviewMonths)
	if in.Today.Before(due) {
		c.OK("first release %s is of %s; the first control-effectiveness review is due by %s", first.Version, first.Date, due)
		return
	}
	oldest := in.Today.AddMonths(-in.Policy.ControlReviewMonths)
	for _, ctl := range in.File.Controls {
		rv := in.Review(ctl.LastReview)
		switch {
		case ctl.LastReview == "":
			c.Missing(ctl.At, "%s: never reviewed for effectiveness since release (last_review:)", ctl.ID)
		case rv == nil:
			c.Missing(ctl.At, "%s: last_review %s is not among the reviews", ctl.ID, ctl.LastReview)
		case rv.Kind != ward.ReviewControls:
			c.Missing(ctl.At, "%s: last_review %s is a %s review, not control_effectiveness", ctl.ID, rv.ID, rv.Kind)
		case rv.Date.Before(oldest):
			c.Missing(ctl.At, "%s: last effectiveness review %s of %s is older than %d months", ctl.ID, rv.ID, rv.Date, in.Policy.ControlReviewMonths)
		case len(rv.Inputs) == 0:
			c.Missing(rv.At, "%s: review %s names no field data it used (inputs: monitoring, complaints, pentests)", ctl.ID, rv.ID)
		default:
			c.Cite(rv.ID)
		}
	}
	c.OK("all %d controls had an effectiveness review with field data within %d months", len(in.File.Controls), in.Policy.ControlReviewMonths)
}
