package gap

import (
	"github.com/wardhq/ward"
)

// Clause 9.3 — reviewing vulnerabilities.

func init() {
	register("R93-1", checkTriageTimelyAndComplete)
}

// triageDays returns the policy's triage deadline for a severity; for an
// unknown severity, the shortest deadline of the policy, since the
// severity is what triage has yet to establish.
func triageDays(in *Input, severity string) int {
	if d, ok := in.Policy.TriageDays[severity]; ok && d > 0 {
		return d
	}
	least := 0
	for _, d := range in.Policy.TriageDays {
		if d > 0 && (least == 0 || d < least) {
			least = d
		}
	}
	return least
}

// checkTriageTimelyAndComplete: each vulnerability is triaged within the
// policy's deadline for its severity (counted from receipt; one whose
// deadline is still ahead may wait), and a triaged one records
// applicability — a VEX status other than under_investigation, with a
// justification when not_affected — whether it was reproduced, and, when
// it applies, the related threats.
func checkTriageTimelyAndComplete(in *Input, c *Check) {
	if len(in.File.Vulns) == 0 {
		c.NotApplicable("no vulnerability reports received yet")
		return
	}
	for _, v := range in.File.Vulns {
		if v.ReceivedAt.IsZero() {
			c.Missing(v.At, "%s: no received_at, so the triage deadline is unknown", v.ID)
			continue
		}
		days := triageDays(in, v.Severity)
		due := v.ReceivedAt.AddDays(days)
		if v.TriagedAt.IsZero() {
			if in.Today.After(due) {
				c.Missing(v.At, "%s: received %s, not triaged by %s (%d days for %s)", v.ID, v.ReceivedAt, due, days, severityLabel(v.Severity))
			}
			continue
		}
		ok := true
		if v.TriagedAt.After(due) {
			c.Missing(v.At, "%s: triaged %s, after the deadline %s (%d days for %s)", v.ID, v.TriagedAt, due, days, severityLabel(v.Severity))
			ok = false
		}
		switch v.Status {
		case ward.VEXUnderInvestigation, "":
			c.Missing(v.At, "%s: triaged but applicability is still %q (set affected, not_affected or fixed)", v.ID, v.Status)
			ok = false
		case ward.VEXNotAffected:
			if v.Justification == "" && v.Rationale == "" {
				c.Missing(v.At, "%s: not_affected without justification", v.ID)
				ok = false
			}
		default:
			if len(v.Threats) == 0 {
				c.Missing(v.At, "%s: %s but no related threats (threats:)", v.ID, v.Status)
				ok = false
			}
		}
		if v.Verified == nil {
			c.Missing(v.At, "%s: triage does not record whether it was reproduced (reproduced: true or false)", v.ID)
			ok = false
		}
		if ok {
			c.Cite(v.ID)
		}
	}
	c.OK("every vulnerability was triaged in time with applicability, reproduction and related threats")
}

// severityLabel names a severity in messages, "unknown severity" when empty.
func severityLabel(s string) string {
	if s == "" {
		return "unknown severity"
	}
	return s
}
