package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 4.1.8 — periodic review of SECURITY defect management.

func init() {
	register("R418-1", checkDefectManagementReview)
}

// checkDefectManagementReview: the newest defect-management review lies
// within the policy interval, lists its inputs (patching metrics, triage
// and fix deadline compliance) and records conclusions (notes).
func checkDefectManagementReview(in *Input, c *Check) {
	var last *ward.Review
	for _, r := range in.File.Reviews {
		if r.Kind == ward.ReviewDefectManagement && !r.Date.After(in.Today) && (last == nil || r.Date.After(last.Date)) {
			last = r
		}
	}
	if last == nil {
		c.Missing(ward.Pos{}, "no review of kind defect_management recorded")
		return
	}
	if last.Date.Before(in.Today.AddMonths(-in.Policy.DefectReviewMonths)) {
		c.Missing(last.At, "review %s: the last defect_management review (%s) is older than %d months", last.ID, last.Date, in.Policy.DefectReviewMonths)
	}
	if len(last.Inputs) == 0 {
		c.Missing(last.At, "review %s: lists no inputs (patching metrics, triage and fix deadline compliance)", last.ID)
	}
	if strings.TrimSpace(last.Notes) == "" {
		c.Missing(last.At, "review %s: records no conclusions (notes)", last.ID)
	}
	c.Cite(last.ID)
	c.OK("defect management reviewed on %s (%s) with inputs and conclusions", last.Date, last.ID)
}
