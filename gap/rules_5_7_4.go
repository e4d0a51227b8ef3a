package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 5.7.4 — penetration testing.

func init() {
	register("R574-1", checkCurrentPentest)
	register("R574-2", checkPentestScope)
	register("R574-3", checkThirdPartyPentestReport)
}

// currentPentests returns the penetration tests with a recorded result
// dated within the policy's maximum age before the release date (and not
// after today), newest first.
func currentPentests(in *Input) []*ward.Test {
	ref := evaluationDate(in)
	oldest := ref.AddMonths(-in.Policy.PentestMaxAgeMonths)
	var out []*ward.Test
	for _, t := range in.File.Tests {
		if t.Kind != ward.TestPenetration || !testRan(t) || t.Date.Before(oldest) || t.Date.After(in.Today) {
			continue
		}
		out = append(out, t)
	}
	for i := 1; i < len(out); i++ { // newest first, stable for equal dates
		for j := i; j > 0 && out[j].Date.After(out[j-1].Date); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// checkCurrentPentest: a penetration test no older than the policy limit
// before the release date records scope, duration, methods and testers.
// When it ran on another release, reusing it needs a change-impact
// rationale the security file has no field for, so a human decides.
func checkCurrentPentest(in *Input, c *Check) {
	tests := currentPentests(in)
	if len(tests) == 0 {
		at := ward.Pos{}
		if in.Release != nil {
			at = in.Release.At
		}
		c.Missing(at, "%s: no penetration test in the %d months before %s", releaseName(in), in.Policy.PentestMaxAgeMonths, evaluationDate(in))
		return
	}
	t := tests[0]
	c.Cite(t.ID)
	if len(t.Scope) == 0 {
		c.Missing(t.At, "%s: penetration test records no scope (scope: interfaces tested)", t.ID)
	}
	if t.Duration == "" {
		c.Missing(t.At, "%s: penetration test records no duration", t.ID)
	}
	if len(t.Methods) == 0 {
		c.Missing(t.At, "%s: penetration test records no methods (e.g. PTES, OWASP WSTG)", t.ID)
	}
	if len(t.ExecutedBy) == 0 {
		c.Missing(t.At, "%s: penetration test records no testers (executed_by:)", t.ID)
	}
	if in.Release != nil && !in.OnRelease(t) {
		c.Manual("penetration test %s of %s ran on release %q, not %s: check that a change-impact rationale shows the changes since then do not need a new test", t.ID, t.Date, t.Release, in.Release.Version)
	}
	c.OK("penetration test %s of %s covers %s with scope, duration, methods and testers", t.ID, t.Date, releaseName(in))
}

// checkPentestScope: the current penetration tests together cover every
// interface whose exposure is not physical. The model has no field for a
// justified exclusion, so every uncovered interface is a gap.
func checkPentestScope(in *Input, c *Check) {
	tests := currentPentests(in)
	if len(tests) == 0 {
		c.NotApplicable("no current penetration test to compare the scope with (see R574-1)")
		return
	}
	scope := map[string]bool{}
	for _, t := range tests {
		c.Cite(t.ID)
		for _, id := range append(append([]string{}, t.Scope...), t.Verifies...) {
			scope[id] = true
		}
	}
	n := 0
	if ctx := in.File.Context; ctx != nil {
		for _, i := range ctx.Interfaces {
			if i.Exposure == "physical" {
				continue
			}
			n++
			if !scope[i.ID] {
				c.Missing(i.At, "interface %s (%s exposure) is outside the scope of penetration test %s", i.ID, i.Exposure, tests[0].ID)
			}
		}
	}
	c.OK("the penetration test scope covers all %d non-physical interfaces", n)
}

// thirdPartyTest reports whether an outside organisation ran the test: it
// says so, or names an organisation other than the manufacturer, or an
// executor belongs to another organisation.
func thirdPartyTest(in *Input, t *ward.Test) bool {
	mfr := ""
	if p := in.File.Product; p != nil {
		mfr = p.Manufacturer
	}
	other := func(org string) bool { return org != "" && !strings.EqualFold(org, mfr) }
	if t.Independence == "organisation" || other(t.Organisation) {
		return true
	}
	for _, id := range t.ExecutedBy {
		if p := in.Person(id); p != nil && other(p.Organisation) {
			return true
		}
	}
	return false
}

// checkThirdPartyPentestReport: every penetration test run by an outside
// organisation has its original report attached (report:).
func checkThirdPartyPentestReport(in *Input, c *Check) {
	n := 0
	for _, t := range in.File.Tests {
		if t.Kind != ward.TestPenetration || !thirdPartyTest(in, t) {
			continue
		}
		n++
		if t.Report == "" {
			c.Missing(t.At, "%s: penetration test by %s has no original report attached (report:)", t.ID, orgName(in, t))
			continue
		}
		c.Cite(t.ID)
	}
	if n == 0 {
		c.NotApplicable("no penetration test was performed by a third party")
		return
	}
	c.OK("all %d third-party penetration tests have their original report attached", n)
}

// orgName names the organisation that ran a test.
func orgName(in *Input, t *ward.Test) string {
	if t.Organisation != "" {
		return t.Organisation
	}
	for _, id := range t.ExecutedBy {
		if p := in.Person(id); p != nil && p.Organisation != "" {
			return p.Organisation
		}
	}
	return "a third party"
}
