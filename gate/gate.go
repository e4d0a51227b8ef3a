// Package gate decides whether a release may ship (IEC 81001-5-1 5.7–5.8,
// 7 and 8): it reads the gap report of the release and blocks on every
// failed rule the catalog marks as a release gate. What needs files or
// history (evidence digests, testers' independence from git) reaches the
// gate through those rules' input. Rules that need a person's judgement do
// not block; they are listed to confirm.
package gate

import (
	"slices"

	"github.com/wardhq/ward/gap"
)

// Result is the gate's decision for one release.
type Result struct {
	Product string
	Release string // "" when the file records no release
	Date    string // the day the rules were evaluated for
	Blocked bool
	// Blockers are the reasons the release may not ship, in catalog order.
	Blockers []Reason
	// ToConfirm are gate rules that need a person's judgement.
	ToConfirm []Reason
	// Passed and NotApplicable list the gate rules that did not block.
	Passed, NotApplicable []string
}

// Reason is one gate rule that failed or needs confirming, with every gap
// it found.
type Reason struct {
	Rule      string
	Clause    string
	Title     string
	Severity  gap.Severity
	Messages  []string
	Locations []gap.Location
}

// Decide applies the gate to rep, the gap report of release; cat says
// which rules gate a release.
func Decide(cat *gap.Catalog, rep *gap.Report, release string) *Result {
	res := &Result{Product: rep.ProductName, Release: release, Date: rep.Date}
	if res.Product == "" {
		res.Product = rep.Product
	}
	gates := map[string]bool{}
	for _, cl := range cat.Clauses {
		for _, r := range cl.Rules {
			if r.Gate {
				gates[r.ID] = true
			}
		}
	}
	for _, cr := range rep.Clauses {
		if cr.Status == gap.NotApplicable && len(cr.Rules) == 0 { // the whole clause does not apply
			if cl := cat.Clause(cr.ID); cl != nil {
				for _, info := range cl.Rules {
					if info.Gate {
						res.NotApplicable = append(res.NotApplicable, info.ID)
					}
				}
			}
			continue
		}
		for _, rr := range cr.Rules {
			if !gates[rr.ID] {
				continue
			}
			reason := Reason{Rule: rr.ID, Clause: cr.ID, Title: rr.Title, Severity: rr.Severity, Messages: rr.Missing, Locations: rr.Locations}
			switch rr.Status {
			case gap.Fail:
				res.Blockers = append(res.Blockers, reason)
			case gap.RuleManual:
				reason.Messages = []string{rr.Message}
				res.ToConfirm = append(res.ToConfirm, reason)
			case gap.RuleNA:
				res.NotApplicable = append(res.NotApplicable, rr.ID)
			default:
				res.Passed = append(res.Passed, rr.ID)
			}
		}
	}
	res.Blocked = len(res.Blockers) > 0
	slices.Sort(res.Passed)
	slices.Sort(res.NotApplicable)
	return res
}
