package gap

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward"
)

// Clause 6.1.1 — timely delivery of security updates.

func init() {
	register("R611-1", checkUpdateTargetsDefined)
	register("R611-2", checkPatchingMetrics)
	register("R611-3", checkLateUpdatesExplained)
}

// updateSeverities are the severities the maintenance plan must set a
// delivery target for.
var updateSeverities = []string{"critical", "high", "medium", "low"}

// checkUpdateTargetsDefined: the maintenance plan sets a target time for
// each of the four severities, names its regular cycle, has an
// out-of-cycle path for at least one severity, and justifies the targets.
func checkUpdateTargetsDefined(in *Input, c *Check) {
	mp := in.File.Maintenance
	if mp == nil {
		c.Missing(ward.Pos{}, "no maintenance: section (update targets per severity with justification)")
		return
	}
	have := map[string]*ward.UpdateTarget{}
	outOfCycle := false
	for _, t := range mp.UpdateTargets {
		if t.Days <= 0 {
			c.Missing(t.At, "maintenance: update target for %s has no positive days", t.Severity)
		}
		if _, dup := have[t.Severity]; !dup {
			have[t.Severity] = t
		}
		outOfCycle = outOfCycle || t.OutOfCycle
	}
	for _, s := range updateSeverities {
		if have[s] == nil {
			c.Missing(mp.At, "maintenance: no update target for %s severity", s)
		}
	}
	if mp.Justification == "" {
		c.Missing(mp.At, "maintenance: no justification of the update targets")
	}
	if mp.RegularCycle == "" {
		c.Missing(mp.At, "maintenance: no regular_cycle for security updates (e.g. quarterly)")
	}
	if !outOfCycle {
		c.Missing(mp.At, "maintenance: no update target is out_of_cycle, so critical fixes wait for the regular cycle")
	}
	if mp.Document != "" {
		c.Cite(mp.Document)
	}
	c.OK("update targets for all four severities, regular cycle %s and an out-of-cycle path are defined and justified", mp.RegularCycle)
}

// patchWindow is one period the patching metrics are computed over.
type patchWindow struct {
	label string
	from  ward.Date // zero: since the first record
}

// patchMetric is the FDA metric set for one window.
type patchMetric struct {
	identified, patched int
	days                int // sum of days identification → patch available, over patched
}

func (m patchMetric) String() string {
	if m.identified == 0 {
		return "no vulnerabilities identified"
	}
	s := fmt.Sprintf("%d of %d patched (%d%%)", m.patched, m.identified, m.patched*100/m.identified)
	if m.patched > 0 {
		s += fmt.Sprintf(", mean %.1f days to patch", float64(m.days)/float64(m.patched))
	}
	return s
}

// checkPatchingMetrics computes FDA's patching metrics from the
// vulnerability records over three windows (last 90 days, last 12 months,
// all time): the share of applicable vulnerabilities with a fix available
// and the mean days from receipt to fix. It reports them in the message;
// it fails only when fixed vulnerabilities give no date to compute from.
// Time from patch availability to deployment needs field deployment data,
// which the security file does not record.
func checkPatchingMetrics(in *Input, c *Check) {
	windows := []patchWindow{
		{"last 90 days", in.Today.AddDays(-90)},
		{"last 12 months", in.Today.AddMonths(-12)},
		{"all time", ward.Date{}},
	}
	metrics := make([]patchMetric, len(windows))
	var undated []*ward.Vulnerability
	for _, v := range in.File.Vulns {
		if !analysed(v) || v.ReceivedAt.IsZero() {
			continue
		}
		fix := fixAvailableDate(in, v)
		if fix.IsZero() && v.Status == ward.VEXFixed {
			undated = append(undated, v)
		}
		for i, w := range windows {
			if !w.from.IsZero() && v.ReceivedAt.Before(w.from) {
				continue
			}
			metrics[i].identified++
			if !fix.IsZero() {
				metrics[i].patched++
				metrics[i].days += max(0, v.ReceivedAt.DaysUntil(fix))
				c.Cite(v.ID)
			}
		}
	}
	all := metrics[len(metrics)-1]
	if len(undated) > 0 && all.patched == 0 {
		for _, v := range undated {
			c.Missing(v.At, "%s: fixed but no fix_available_at, security update or fixed_in release dates the fix, so time to patch cannot be measured", v.ID)
		}
		return
	}
	parts := make([]string, len(windows))
	for i, w := range windows {
		parts[i] = w.label + ": " + metrics[i].String()
	}
	msg := strings.Join(parts, "; ") + "; patch-to-deployment time not recorded"
	if len(undated) > 0 {
		msg += fmt.Sprintf(" (%d fixed vulnerabilities lack a fix date)", len(undated))
	}
	c.OK("%s", msg)
}

// updateTargetDays returns the plan's target days for a severity,
// preferring the target whose out_of_cycle matches the update's cadence;
// 0 when the plan sets none.
func updateTargetDays(in *Input, severity string, outOfCycle bool) int {
	mp := in.File.Maintenance
	if mp == nil {
		return 0
	}
	days := 0
	for _, t := range mp.UpdateTargets {
		if t.Severity != severity {
			continue
		}
		if t.OutOfCycle == outOfCycle {
			return t.Days
		}
		if days == 0 {
			days = t.Days
		}
	}
	return days
}

// checkLateUpdatesExplained: every security update delivered later than
// the plan's target for the severity of a vulnerability it fixes (counted
// from receipt of the report) records why (late_reason).
func checkLateUpdatesExplained(in *Input, c *Check) {
	if len(in.File.Updates) == 0 {
		c.NotApplicable("no security updates delivered yet")
		return
	}
	if in.File.Maintenance == nil || len(in.File.Maintenance.UpdateTargets) == 0 {
		c.Missing(ward.Pos{}, "no update targets in the maintenance plan to measure %d security updates against", len(in.File.Updates))
		return
	}
	late := 0
	for _, u := range in.File.Updates {
		var worst string
		for _, id := range u.Vulnerabilities {
			v := in.Vulnerability(id)
			if v == nil || v.ReceivedAt.IsZero() || u.AvailableAt.IsZero() {
				continue
			}
			target := updateTargetDays(in, v.Severity, u.Cadence == "out_of_cycle")
			if target == 0 {
				continue
			}
			if took := v.ReceivedAt.DaysUntil(u.AvailableAt); took > target && worst == "" {
				worst = fmt.Sprintf("%s (%s) took %d days, target %d", v.ID, v.Severity, took, target)
			}
		}
		if worst == "" {
			c.Cite(u.ID)
			continue
		}
		late++
		if u.LateReason == "" {
			c.Missing(u.At, "%s: delivered %s, late for %s, and no late_reason recorded", u.ID, u.AvailableAt, worst)
		} else {
			c.Cite(u.ID)
		}
	}
	c.OK("%d of %d security updates were late, each with a recorded reason", late, len(in.File.Updates))
}
