package gap

import (
	"github.com/wardhq/ward"
)

// Clause 6.2.2 — security update verification.

func init() {
	register("R622-1", checkSecurityUpdatesVerified)
}

// checkSecurityUpdatesVerified: each security update has, for every
// vulnerability it addresses, a passing fix-verification test (listed on
// the update or on the vulnerability), a passing regression test, and a
// fresh run of the R573-1 scans (known-vulnerability scan, SAST, fuzzing,
// credential check) on the update's release.
func checkSecurityUpdatesVerified(in *Input, c *Check) {
	if len(in.File.Updates) == 0 {
		c.NotApplicable("no security updates delivered yet")
		return
	}
	for _, u := range in.File.Updates {
		ok := true
		var tests []*ward.Test
		for _, id := range u.Verification {
			if t := in.Test(id); t != nil {
				tests = append(tests, t)
			}
		}
		for _, vid := range u.Vulnerabilities {
			check := tests
			if v := in.Vulnerability(vid); v != nil {
				for _, id := range v.Verification {
					if t := in.Test(id); t != nil {
						check = append(check, t)
					}
				}
			}
			var verified bool
			for _, t := range check {
				verified = verified || (testPassed(t) && t.Kind != ward.TestRegression)
			}
			if !verified {
				c.Missing(u.At, "%s: no passing test verifies the fix of %s (verification: on the update or the vulnerability)", u.ID, vid)
				ok = false
			}
		}
		var regression bool
		for _, t := range append(tests, testsOfKindOn(in, u.Release, ward.TestRegression)...) {
			if t.Kind == ward.TestRegression && testPassed(t) {
				regression = true
			}
		}
		if !regression {
			c.Missing(u.At, "%s: no passing regression test on release %s", u.ID, u.Release)
			ok = false
		}
		for _, want := range vulnTestSet {
			var ran bool
			for _, t := range testsOfKindOn(in, u.Release, want.kinds...) {
				ran = ran || testRan(t)
			}
			if !ran {
				c.Missing(u.At, "%s: no %s re-run on update release %s", u.ID, want.name, u.Release)
				ok = false
			}
		}
		if ok {
			c.Cite(u.ID)
		}
	}
	c.OK("all %d security updates have fix verification, regression and vulnerability re-scans", len(in.File.Updates))
}
