package gap

import (
	"math"
	"slices"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/cvss"
	"github.com/wardhq/ward/risk"
)

// Clause 7.3 — estimation and evaluation of security risk.

func init() {
	register("R73-1", checkThreatsScored)
	register("R73-2", checkSafetyRisksLinkHazards)
	register("R73-3", checkRiskManagerNotified)
}

// checkThreatsScored: every threat that is not marked not_applicable has a
// risk (risks[].threats) with a scoring method, pre- and post-control
// scores, an acceptability decision and a criterion that exists in the
// policy; a risk marked acceptable must not exceed its criterion's highest
// accepted residual severity.
func checkThreatsScored(in *Input, c *Check) {
	n := 0
	for _, th := range in.File.Threats {
		if th.Decision == "not_applicable" {
			continue
		}
		n++
		risks := risksOfThreat(in, th.ID)
		if len(risks) == 0 {
			c.Missing(th.At, "%s: no risk assesses it (add a risk with threats: [%s])", th.ID, th.ID)
			continue
		}
		for _, r := range risks {
			ok := true
			miss := func(format string, args ...any) {
				c.Missing(r.At, "%s (threat %s): "+format, append([]any{r.ID, th.ID}, args...)...)
				ok = false
			}
			if r.Method == "" {
				miss("no scoring method")
			}
			if r.Pre == nil || r.Pre.Severity == "" {
				miss("no pre-control score")
			}
			if r.Post == nil || r.Post.Severity == "" {
				miss("no post-control score")
			}
			if r.Acceptable == nil {
				miss("no acceptability decision (acceptable: true or false)")
			}
			cr := policyCriterion(in, r.Criterion)
			switch {
			case r.Criterion == "":
				miss("no acceptance criterion")
			case cr == nil:
				miss("criterion %s is not in policy.acceptance_criteria", r.Criterion)
			case r.Acceptable != nil && *r.Acceptable && r.Post != nil && ward.SeverityRank(r.Post.Severity) > ward.SeverityRank(cr.MaxResidual):
				miss("marked acceptable, but residual severity %s exceeds criterion %s (at most %s)", r.Post.Severity, cr.ID, cr.MaxResidual)
			}
			if ok {
				c.Cite(r.ID)
			}
		}
	}
	if n == 0 {
		c.Missing(ward.Pos{}, "no threats recorded, so no risk was estimated")
		return
	}
	c.OK("all %d threats have scored risks judged against a policy criterion", n)
}

// checkSafetyRisksLinkHazards: every risk with safety impact, and every
// risk of a threat to a safety-relevant asset, links at least one hazard
// of the ISO 14971 file.
func checkSafetyRisksLinkHazards(in *Input, c *Check) {
	safetyAssets := risk.SafetyAssets(in.File)
	n := 0
	for _, r := range in.File.Risks {
		why := risk.SafetyReason(r, in.threats, safetyAssets)
		if why == "" {
			continue
		}
		n++
		if len(r.Hazards) == 0 {
			c.Missing(r.At, "%s (%s): no hazard of the ISO 14971 file linked (hazards:)", r.ID, why)
			continue
		}
		c.Cite(r.ID)
	}
	if n == 0 {
		c.NotApplicable("no risk has a safety impact or concerns a safety-relevant asset")
		return
	}
	c.OK("all %d safety-relevant risks link ISO 14971 hazards", n)
}

// checkRiskManagerNotified: threat-model changes after the last
// risk-management review — threat-model reviews, or releases whose threat
// model version changed — must have been passed on to the product risk
// manager. The security file records no notification task, so when there
// are such changes a human confirms the notification; with no
// risk-management review at all the changes can never have reached it.
func checkRiskManagerNotified(in *Input, c *Check) {
	var lastRM *ward.Review
	var tmReviews []*ward.Review
	for _, r := range in.File.Reviews {
		switch r.Kind {
		case ward.ReviewRiskManagement:
			if lastRM == nil || r.Date.After(lastRM.Date) {
				lastRM = r
			}
		case ward.ReviewThreatModel:
			tmReviews = append(tmReviews, r)
		}
	}
	if lastRM == nil {
		if len(tmReviews) > 0 || len(in.File.Threats) > 0 {
			c.Missing(ward.Pos{}, "no risk_management review recorded, so threat-model changes never reached product risk management")
		} else {
			c.NotApplicable("no threat model and no risk-management review yet")
		}
		return
	}
	c.Cite(lastRM.ID)
	var changes []string
	for _, r := range tmReviews {
		if r.Date.After(lastRM.Date) {
			changes = append(changes, "review "+r.ID+" of "+r.Date.String())
		}
	}
	prev := ""
	for _, r := range releasesByDate(in) {
		if r.ThreatModelVersion != "" && r.ThreatModelVersion != prev && prev != "" && r.Date.After(lastRM.Date) {
			changes = append(changes, "release "+r.Version+" with threat model "+r.ThreatModelVersion)
		}
		if r.ThreatModelVersion != "" {
			prev = r.ThreatModelVersion
		}
	}
	if len(changes) > 0 {
		c.Manual("the threat model changed after risk-management review %s of %s (%s): confirm the product risk manager was notified and assessed the changes in the ISO 14971 file", lastRM.ID, lastRM.Date, joinIDs(changes))
		return
	}
	c.OK("no threat-model change since risk-management review %s of %s", lastRM.ID, lastRM.Date)
}

func init() {
	register("R73-4", checkRiskEstimatesConsistent)
}

// checkRiskEstimatesConsistent: every estimate can be reproduced from its
// own inputs. A score with a CVSS vector carries the score and severity
// the vector computes; with a risk matrix in the policy, each estimate
// names a row and a column of it, the row is the one the vector's
// exploitability gives (when the matrix uses ward's rows), the pre-control
// harm is the harm severity recorded for the safety file, and a risk
// marked acceptable ends on a level the matrix accepts.
func checkRiskEstimatesConsistent(in *Input, c *Check) {
	m := in.Policy.RiskMatrix
	defaultRows := m != nil && slices.Equal(m.Exploitability, []string{
		cvss.ExploitabilityVeryLow, cvss.ExploitabilityLow, cvss.ExploitabilityMedium, cvss.ExploitabilityHigh})
	checked := 0
	for _, r := range in.File.Risks {
		ok := true
		miss := func(at ward.Pos, format string, args ...any) {
			if at.IsZero() {
				at = r.At
			}
			c.Missing(at, "%s: "+format, append([]any{r.ID}, args...)...)
			ok = false
		}
		levels := map[string]string{}
		for _, e := range []struct {
			name  string
			score *ward.RiskScore
		}{{"pre", r.Pre}, {"post", r.Post}} {
			s := e.score
			if s == nil || (s.CVSS == "" && m == nil) {
				continue
			}
			checked++
			if s.CVSS != "" {
				res, err := cvss.Score(s.CVSS)
				switch {
				case err != nil:
					miss(s.At, "%s: %s", e.name, ward.MessageOf(err))
				case math.Abs(res.Score-s.Score) > 0.05:
					miss(s.At, "%s: score %.1f, but %s scores %.1f", e.name, s.Score, s.CVSS, res.Score)
				case res.Severity != s.Severity:
					miss(s.At, "%s: severity %s, but %s rates %s", e.name, s.Severity, s.CVSS, res.Severity)
				}
			}
			if m == nil {
				continue
			}
			placed := risk.Place(s, m)
			if placed.Level == "" {
				miss(s.At, "%s: %s", e.name, placed.LevelNote)
				continue
			}
			levels[e.name] = placed.Level
			if row := cvss.ExploitabilityFromVector(s.CVSS); defaultRows && row != "" && row != s.Exploitability {
				miss(s.At, "%s: exploitability %s, but the exploitability of %s puts it in row %s", e.name, s.Exploitability, s.CVSS, row)
			}
		}
		if r.Pre != nil && r.Pre.Harm != "" && r.HarmSeverity != "" && m != nil && slices.Contains(m.Harm, r.HarmSeverity) && r.Pre.Harm != r.HarmSeverity {
			miss(r.Pre.At, "pre: harm %s, but the worst harm recorded for the safety file (harm_severity) is %s", r.Pre.Harm, r.HarmSeverity)
		}
		residual, which := levels["post"], "post-control"
		if r.Post == nil {
			residual, which = levels["pre"], "pre-control"
		}
		if r.Acceptable != nil && *r.Acceptable && residual != "" && !m.IsAcceptable(residual) {
			miss(ward.Pos{}, "marked acceptable, but its %s level %s is not acceptable under the policy's risk matrix (acceptable: %s)", which, residual, strings.Join(m.Acceptable, ", "))
		}
		if ok {
			c.Cite(r.ID)
		}
	}
	if checked == 0 {
		c.NotApplicable("no risk estimate has a CVSS vector and the policy has no risk matrix")
		return
	}
	c.OK("all %d risk estimates agree with their CVSS vectors and the policy's risk matrix", checked)
}
