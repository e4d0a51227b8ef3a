package gap

// Clause 9.2 — receiving notifications about vulnerabilities.

func init() {
	register("R92-1", checkReportsAcknowledged)
}

// checkReportsAcknowledged: every vulnerability records its source and
// when it was received; a report from outside (HDO, researcher, supplier,
// authority) is acknowledged within the policy's ack_days, counted in
// business days. One not yet acknowledged whose deadline is still ahead is
// not a gap.
func checkReportsAcknowledged(in *Input, c *Check) {
	if len(in.File.Vulns) == 0 {
		c.NotApplicable("no vulnerability reports received yet")
		return
	}
	for _, v := range in.File.Vulns {
		if v.Source == "" {
			c.Missing(v.At, "%s: no source", v.ID)
		}
		if v.ReceivedAt.IsZero() {
			c.Missing(v.At, "%s: no received_at", v.ID)
			continue
		}
		if !externallyReported(v) {
			c.Cite(v.ID)
			continue
		}
		due := addBusinessDays(v.ReceivedAt, in.Policy.AckDays)
		switch {
		case v.AcknowledgedAt.IsZero() && in.Today.After(due):
			c.Missing(v.At, "%s: reported by %s on %s, not acknowledged by %s (%d business days)", v.ID, v.Source, v.ReceivedAt, due, in.Policy.AckDays)
		case !v.AcknowledgedAt.IsZero() && v.AcknowledgedAt.After(due):
			c.Missing(v.At, "%s: acknowledged %s, after the deadline %s (%d business days from %s)", v.ID, v.AcknowledgedAt, due, in.Policy.AckDays, v.ReceivedAt)
		default:
			c.Cite(v.ID)
		}
	}
	c.OK("all %d vulnerability reports are logged with source and receipt, and external ones acknowledged within %d business days", len(in.File.Vulns), in.Policy.AckDays)
}

func init() {
	register("R92-2", checkIntakeChannel)
}

// checkIntakeChannel: the intake channel for vulnerability reports is
// documented (disclosure contact and policy) and was checked within the
// last 12 months (disclosure reviewed_at with a reviewer).
func checkIntakeChannel(in *Input, c *Check) {
	d := in.File.Disclosure
	if d == nil {
		c.Missing(productPos(in), "no disclosure: section documents the intake channel for vulnerability reports")
		return
	}
	if d.Contact == "" {
		c.Missing(d.At, "disclosure: no contact, so reports have no documented way in")
	}
	switch {
	case d.ReviewedAt.IsZero() || d.ReviewedBy == "":
		c.Missing(d.At, "disclosure: the intake channel was never checked (reviewed_at, reviewed_by)")
	case d.ReviewedAt.AddMonths(12).Before(in.Today):
		c.Missing(d.At, "disclosure: the intake channel was last checked on %s, more than 12 months ago", d.ReviewedAt)
	default:
		c.Cite(d.ReviewedBy)
	}
	c.OK("the intake channel %s is documented and was checked on %s", d.Contact, d.ReviewedAt)
}
