package gap

import (
	"sort"
	"strings"

	"github.com/wardhq/ward"
)

// Clause 4.2 — SECURITY RISK MANAGEMENT.

func init() {
	register("R42-1", checkRiskManagementPlan)
	register("R42-2", checkAcceptedRisksAuthorised)
	register("R42-3", checkExploitabilityScoring)
}

// checkRiskManagementPlan: a security risk management plan document
// exists, and the file shows what it must name: the threat-modelling method
// (architecture.methodology), a scoring method (risks[].method), explicit
// acceptance criteria (policy.acceptance_criteria), and the hand-over to the
// ISO 14971 file (every risk with safety impact names its hazards).
func checkRiskManagementPlan(in *Input, c *Check) {
	plans := documentsOfKind(in, "risk_management_plan")
	if len(plans) == 0 {
		plans = documentsOfKind(in, "security_plan")
	}
	if len(plans) == 0 {
		c.Missing(ward.Pos{}, "no security risk management plan (document of kind risk_management_plan)")
	}
	for _, d := range plans {
		c.Cite(d.ID)
	}
	if a := in.File.Architecture; a == nil || strings.TrimSpace(a.Methodology) == "" {
		c.Missing(ward.Pos{}, "no threat-modelling method (architecture.methodology)")
	}
	if len(in.Policy.Criteria) == 0 {
		c.Missing(in.policyPos(), "no risk acceptance criteria (policy.acceptance_criteria)")
	}
	methods := 0
	for _, r := range in.File.Risks {
		if strings.TrimSpace(r.Method) == "" {
			c.Missing(r.At, "risk %s: no scoring method", r.ID)
			continue
		}
		methods++
		if r.SafetyImpact && len(r.Hazards) == 0 {
			c.Missing(r.At, "risk %s: has safety impact but names no hazard of the ISO 14971 risk file (hazards)", r.ID)
		}
	}
	if methods == 0 && len(in.File.Risks) == 0 {
		c.Missing(ward.Pos{}, "no risks recorded, so no scoring method is shown in use (risks[].method)")
	}
	c.OK("risk management plan with threat-modelling method, scoring method, %d acceptance criteria and hazard links", len(in.Policy.Criteria))
}

// checkAcceptedRisksAuthorised: every risk whose residual is accepted cites
// an acceptance criterion of the policy, lists its compensating controls and
// was approved by a person holding a role with risk_acceptance.
func checkAcceptedRisksAuthorised(in *Input, c *Check) {
	criteria := map[string]bool{}
	for _, cr := range in.Policy.Criteria {
		criteria[cr.ID] = true
	}
	n := 0
	for _, r := range in.File.Risks {
		if r.Acceptable == nil || !*r.Acceptable {
			continue
		}
		n++
		ok := true
		switch {
		case r.Criterion == "":
			c.Missing(r.At, "risk %s: accepted without an acceptance criterion", r.ID)
			ok = false
		case !criteria[r.Criterion]:
			c.Missing(r.At, "risk %s: criterion %s is not in policy.acceptance_criteria", r.ID, r.Criterion)
			ok = false
		}
		if len(r.Controls) == 0 {
			c.Missing(r.At, "risk %s: accepted without compensating controls", r.ID)
			ok = false
		}
		switch {
		case r.ApprovedBy == "":
			c.Missing(r.At, "risk %s: accepted without approved_by", r.ID)
			ok = false
		case !personHasRoleWhere(in, r.ApprovedBy, func(ro *ward.Role) bool { return ro.RiskAcceptance }):
			c.Missing(r.At, "risk %s: approver %s holds no role with risk_acceptance", r.ID, r.ApprovedBy)
			ok = false
		}
		if ok {
			c.Cite(r.ID)
		}
	}
	if n == 0 {
		c.NotApplicable("no residual risk is marked acceptable")
	}
	c.OK("all %d accepted residual risks cite a criterion, list controls and were approved by a risk-acceptance role", n)
}

// checkExploitabilityScoring: every scoring method in use is based on
// exploitability (CVSS, an exploitability rubric); a method that rates
// likelihood as probability or frequency of attack fails; a method naming
// neither is left to a human.
func checkExploitabilityScoring(in *Input, c *Check) {
	byMethod := map[string][]*ward.Risk{}
	for _, r := range in.File.Risks {
		if m := strings.TrimSpace(r.Method); m != "" {
			byMethod[m] = append(byMethod[m], r)
		}
	}
	if len(byMethod) == 0 {
		c.Missing(ward.Pos{}, "no risk names its scoring method (risks[].method)")
		return
	}
	methods := make([]string, 0, len(byMethod))
	for m := range byMethod {
		methods = append(methods, m)
	}
	sort.Strings(methods)
	var unclear []string
	for _, m := range methods {
		l := strings.ToLower(m)
		first := byMethod[m][0]
		switch {
		case containsAny(l, []string{"cvss", "exploitab", "rubric"}):
			for _, r := range byMethod[m] {
				c.Cite(r.ID)
			}
		case containsAny(l, []string{"probability", "frequency", "likelihood of attack", "likelihood of occurrence"}):
			c.Missing(first.At, "risk %s: scoring method %q rates the probability of attack instead of exploitability (%d risks use it)", first.ID, m, len(byMethod[m]))
		default:
			unclear = append(unclear, m)
		}
	}
	if len(unclear) > 0 {
		c.Manual("check that scoring method %s judges likelihood by exploitability, not by probability of attack", strings.Join(quoteAll(unclear), ", "))
	}
	c.OK("every scoring method in use is exploitability-based (%s)", strings.Join(methods, "; "))
}
