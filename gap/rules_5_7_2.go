package gap

import (
	"fmt"

	"github.com/wardhq/ward"
)

// Clause 5.7.2 — threat mitigation testing.

func init() {
	register("R572-1", checkMitigationControlsTested)
	register("R572-2", checkHighThreatBypassTests)
}

// checkMitigationControlsTested: every control that a mitigated threat
// relies on (through the threat's risks) has a passing threat_mitigation
// test on the release under evaluation. Information for safety (labeling
// instructions) is not a mitigation in the product a test could exercise;
// rule R74-3 judges it instead.
func checkMitigationControlsTested(in *Input, c *Check) {
	users := map[string][]string{} // control ID → mitigated threats that rely on it
	for _, th := range in.File.Threats {
		if th.Decision != "mitigated" {
			continue
		}
		for _, id := range threatControlIDs(in, th.ID) {
			if ctl := in.Control(id); ctl != nil && ctl.Kind == "information" {
				continue
			}
			users[id] = append(users[id], th.ID)
		}
	}
	if len(users) == 0 {
		c.NotApplicable("no mitigated threat names a control through its risks")
		return
	}
	ids := make([]string, 0, len(users))
	for id := range users {
		ids = append(ids, id)
	}
	ids = dedupSorted(ids)
	for _, id := range ids {
		ctl := in.Control(id)
		at := ward.Pos{}
		if ctl != nil {
			at = ctl.At
		}
		var ok []string
		for _, t := range in.TestsOf(id) {
			if t.Kind == ward.TestThreatMitigation && in.OnRelease(t) && testPassed(t) {
				ok = append(ok, t.ID)
			}
		}
		if len(ok) == 0 {
			c.Missing(at, "%s (control of mitigated threat %s): no passing threat_mitigation test on %s", id, joinIDs(users[id]), releaseName(in))
			continue
		}
		c.Cite(ok...)
	}
	c.OK("all %d controls of mitigated threats have a passing threat-mitigation test on %s", len(ids), releaseName(in))
}

// preScoreHigh reports whether any risk of the threat reaches the
// policy's high level before controls (a severity of high or critical
// counts when no number is given), and describes the highest such score.
func preScoreHigh(in *Input, threatID string) (string, bool) {
	var label string
	var best float64 = -1
	for _, r := range risksOfThreat(in, threatID) {
		if r.Pre == nil {
			continue
		}
		high := r.Pre.Score >= in.Policy.HighSeverity || (r.Pre.Score == 0 && ward.SeverityRank(r.Pre.Severity) >= 3)
		if high && r.Pre.Score > best {
			best = r.Pre.Score
			label = fmt.Sprintf("%s pre-control score %.1f %s", r.ID, r.Pre.Score, r.Pre.Severity)
			if r.Pre.Score == 0 {
				label = fmt.Sprintf("%s pre-control severity %s", r.ID, r.Pre.Severity)
			}
		}
	}
	return label, best >= 0
}

// checkHighThreatBypassTests: each threat whose pre-control score reaches
// the policy's high level has a test, verifying the threat or one of its
// controls, that actively tried to defeat the control (bypass_attempt).
func checkHighThreatBypassTests(in *Input, c *Check) {
	n := 0
	for _, th := range in.File.Threats {
		score, high := preScoreHigh(in, th.ID)
		if !high || th.Decision == "not_applicable" {
			continue
		}
		n++
		var found []string
		for _, id := range append([]string{th.ID}, threatControlIDs(in, th.ID)...) {
			for _, t := range in.TestsOf(id) {
				if t.Bypass && testRan(t) {
					found = append(found, t.ID)
				}
			}
		}
		if len(found) == 0 {
			c.Missing(th.At, "%s (%s, at or above %.1f): no test with bypass_attempt: true verifies it or its controls", th.ID, score, in.Policy.HighSeverity)
			continue
		}
		c.Cite(found...)
	}
	if n == 0 {
		c.NotApplicable("no threat scores %.1f or more before controls", in.Policy.HighSeverity)
		return
	}
	c.OK("all %d high threats have a bypass test", n)
}
