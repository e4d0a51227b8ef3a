package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 9.5 — addressing security-related issues.

func init() {
	register("R95-1", checkVulnerabilityDispositions)
	register("R95-2", checkVulnerabilityClosure)
	register("R95-3", checkExploitedEscalation)
}

// fixDays returns the policy's fix deadline for a severity; for an unknown
// severity, the shortest deadline of the policy.
func fixDays(in *Input, severity string) int {
	if d, ok := in.Policy.FixDays[severity]; ok && d > 0 {
		return d
	}
	least := 0
	for _, d := range in.Policy.FixDays {
		if d > 0 && (least == 0 || d < least) {
			least = d
		}
	}
	return least
}

// acceptanceTiedToCriteria reports whether an acceptance rationale is tied
// to the risk criteria: it names a policy criterion, or a related threat
// has a risk judged against one.
func acceptanceTiedToCriteria(in *Input, v *ward.Vulnerability) bool {
	for _, cr := range in.Policy.Criteria {
		if cr.ID != "" && strings.Contains(v.Rationale, cr.ID) {
			return true
		}
	}
	for _, tid := range v.Threats {
		for _, r := range risksOfThreat(in, tid) {
			if policyCriterion(in, r.Criterion) != nil {
				return true
			}
		}
	}
	return false
}

// checkVulnerabilityDispositions: each affected (or fixed) vulnerability
// has a disposition — fix, mitigate or accept — and who decided it; fix
// and mitigate have a target date within the policy's fix deadline for the
// severity (from receipt); accept has a rationale tied to the risk
// acceptance criteria.
func checkVulnerabilityDispositions(in *Input, c *Check) {
	n := 0
	for _, v := range in.File.Vulns {
		if !analysed(v) {
			continue
		}
		n++
		ok := true
		switch v.Disposition {
		case "", "none":
			c.Missing(v.At, "%s (%s): no disposition (fix, mitigate or accept)", v.ID, v.Status)
			ok = false
		case "fix", "mitigate":
			days := fixDays(in, v.Severity)
			due := v.ReceivedAt.AddDays(days)
			switch {
			case v.TargetDate.IsZero():
				c.Missing(v.At, "%s: disposition %s without target_date", v.ID, v.Disposition)
				ok = false
			case !v.ReceivedAt.IsZero() && v.TargetDate.After(due):
				c.Missing(v.At, "%s: target_date %s is later than the %d-day fix deadline for %s (%s)", v.ID, v.TargetDate, days, severityLabel(v.Severity), due)
				ok = false
			}
		case "accept":
			switch {
			case v.Rationale == "":
				c.Missing(v.At, "%s: accepted without a rationale", v.ID)
				ok = false
			case !acceptanceTiedToCriteria(in, v):
				c.Missing(v.At, "%s: acceptance rationale names no policy acceptance criterion and no related threat has a judged risk", v.ID)
				ok = false
			}
		}
		if v.DispositionBy == "" {
			c.Missing(v.At, "%s: no disposition_by (who approved the disposition)", v.ID)
			ok = false
		}
		if ok {
			c.Cite(v.ID)
		}
	}
	if n == 0 {
		c.NotApplicable("no vulnerability affects the product")
		return
	}
	c.OK("all %d applicable vulnerabilities have an approved disposition with a target date in the deadline", n)
}

// checkVulnerabilityClosure: a closed vulnerability (closed_at, or status
// fixed) that was fixed or mitigated has a passing verification test, and
// every closed one has a communication decision: an advisory, or a
// no_advisory_rationale. The model has no field for the threat-model
// update or "no change" note, so that is left to the reviewer.
func checkVulnerabilityClosure(in *Input, c *Check) {
	n := 0
	for _, v := range in.File.Vulns {
		if v.ClosedAt.IsZero() && v.Status != ward.VEXFixed {
			continue
		}
		n++
		ok := true
		if v.Disposition == "fix" || v.Disposition == "mitigate" || v.Status == ward.VEXFixed {
			var passing []string
			for _, id := range v.Verification {
				if testPassed(in.Test(id)) {
					passing = append(passing, id)
				}
			}
			if len(passing) == 0 {
				c.Missing(v.At, "%s: closed without a passing verification test (verification:)", v.ID)
				ok = false
			}
			c.Cite(passing...)
		}
		switch {
		case v.Advisory != "":
			if !advisoryExists(in, v.Advisory) {
				c.Missing(v.At, "%s: advisory %s is not among the advisories", v.ID, v.Advisory)
				ok = false
			}
		case v.NoAdvisory == "" && v.Status != ward.VEXNotAffected:
			c.Missing(v.At, "%s: closed without a communication decision (advisory, or no_advisory_rationale)", v.ID)
			ok = false
		}
		if ok {
			c.Cite(v.ID)
		}
	}
	if n == 0 {
		c.NotApplicable("no vulnerability is closed yet")
		return
	}
	c.OK("all %d closed vulnerabilities are verified and have a communication decision", n)
}

// advisoryExists reports whether a customer advisory with the ID exists.
func advisoryExists(in *Input, id string) bool {
	return findAdvisory(in, id) != nil
}

// findAdvisory returns the customer advisory with the ID, or nil.
func findAdvisory(in *Input, id string) *ward.CustomerAdvisory {
	for _, a := range in.File.Advisories {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// exploitedOrKEV reports whether a vulnerability that applies (or may
// apply) to the product is actively exploited or KEV-listed.
func exploitedOrKEV(v *ward.Vulnerability) bool {
	return (v.Exploited || v.KEV) && v.Status != ward.VEXNotAffected
}

// checkExploitedEscalation: an actively exploited or KEV-listed
// vulnerability records when the manufacturer became aware (aware_at
// starts the clocks), is handled out of cycle — a delivered fix came in an
// out_of_cycle update, an open one has a target date within the plan's
// out-of-cycle target for critical issues — and meets the regulatory
// clocks in scope: the CRA reporting deadlines, and FDA's 30/60-day path
// when its risk is uncontrolled.
func checkExploitedEscalation(in *Input, c *Check) {
	n := 0
	for _, v := range in.File.Vulns {
		if !exploitedOrKEV(v) {
			continue
		}
		n++
		ok := true
		if v.AwareAt.IsZero() {
			c.Missing(v.At, "%s: exploited or KEV-listed but no aware_at, so no regulatory clock can start", v.ID)
			ok = false
		}
		var regular, outOfCycle []string
		for _, u := range in.File.Updates {
			if contains(u.Vulnerabilities, v.ID) {
				if u.Cadence == "out_of_cycle" {
					outOfCycle = append(outOfCycle, u.ID)
				} else {
					regular = append(regular, u.ID)
				}
			}
		}
		start := v.AwareAt
		if start.IsZero() {
			start = v.ReceivedAt
		}
		target := updateTargetDays(in, "critical", true)
		switch {
		case len(outOfCycle) > 0:
			c.Cite(outOfCycle...)
		case len(regular) > 0:
			c.Missing(v.At, "%s: exploited or KEV-listed but fixed only in regular-cycle update %s", v.ID, joinIDs(regular))
			ok = false
		case analysed(v) && v.Status != ward.VEXFixed && target > 0 && !start.IsZero():
			due := start.AddDays(target)
			if v.TargetDate.IsZero() || v.TargetDate.After(due) {
				c.Missing(v.At, "%s: exploited or KEV-listed but its target date %q is not within the out-of-cycle target of %d days (%s)", v.ID, v.TargetDate.String(), target, due)
				ok = false
			}
		}
		if in.InScope(ward.RegCRA) && !craClockGaps(in, v, c) {
			ok = false
		}
		if in.InScope(ward.RegFDA524B) && v.RiskControl == "uncontrolled" && !fdaClockGaps(in, v, c) {
			ok = false
		}
		if ok {
			c.Cite(v.ID)
		}
	}
	if n == 0 {
		c.NotApplicable("no actively exploited or KEV-listed vulnerability affects the product")
		return
	}
	c.OK("all %d exploited or KEV-listed vulnerabilities were escalated out of cycle and met their regulatory clocks", n)
}
