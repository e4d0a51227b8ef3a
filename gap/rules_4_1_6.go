package gap

import (
	"github.com/wardhq/ward"
)

// Clause 4.1.6 — continuous improvement.

func init() {
	register("R416-1", checkImprovementReview)
	register("R416-2", checkImprovementsOnTime)
}

// checkImprovementReview: a process-improvement review took place within
// the policy interval and lists its inputs; every improvement action names
// its root cause in the process (clause and description), an owner and a
// due date.
func checkImprovementReview(in *Input, c *Check) {
	since := in.Today.AddMonths(-in.Policy.ImprovementMonths)
	var last *ward.Review
	for _, r := range in.File.Reviews {
		if r.Kind == ward.ReviewProcess && !r.Date.After(in.Today) && (last == nil || r.Date.After(last.Date)) {
			last = r
		}
	}
	switch {
	case last == nil:
		c.Missing(ward.Pos{}, "no review of kind process_improvement recorded")
	case last.Date.Before(since):
		c.Missing(last.At, "review %s: the last process_improvement review (%s) is older than %d months", last.ID, last.Date, in.Policy.ImprovementMonths)
	case len(last.Inputs) == 0:
		c.Missing(last.At, "review %s: lists no inputs (audits, escaped vulnerabilities, metrics)", last.ID)
	default:
		c.Cite(last.ID)
	}
	for _, im := range in.File.Improvements {
		ok := true
		if im.RootCause == nil || im.RootCause.Clause == "" || im.RootCause.Description == "" {
			c.Missing(im.At, "improvement %s: no root cause in the process (root_cause.clause and description)", im.ID)
			ok = false
		}
		if im.Owner == "" {
			c.Missing(im.At, "improvement %s: no owner", im.ID)
			ok = false
		}
		if im.Due.IsZero() {
			c.Missing(im.At, "improvement %s: no due date", im.ID)
			ok = false
		}
		if ok {
			c.Cite(im.ID)
		}
	}
	c.OK("process improvement reviewed within %d months; all %d actions have root cause, owner and due date", in.Policy.ImprovementMonths, len(in.File.Improvements))
}

// checkImprovementsOnTime: no improvement action is open past its due date.
func checkImprovementsOnTime(in *Input, c *Check) {
	open := 0
	for _, im := range in.File.Improvements {
		if im.Status != "open" {
			continue
		}
		open++
		if !im.Due.IsZero() && im.Due.Before(in.Today) {
			c.Missing(im.At, "improvement %s: open past its due date %s", im.ID, im.Due)
			continue
		}
		c.Cite(im.ID)
	}
	c.OK("none of %d open improvement actions is overdue", open)
}
