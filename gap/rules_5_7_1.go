package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 5.7.1 — security requirements testing.

func init() {
	register("R571-1", checkRequirementsVerifiedOnRelease)
	register("R571-2", checkRequirementTestVariety)
}

// checkRequirementsVerifiedOnRelease: every security requirement has at
// least one passing test that ran on the release under evaluation.
// Verification by analysis or inspection is recorded as a test too (its
// method says so), so it counts like any other passing test.
func checkRequirementsVerifiedOnRelease(in *Input, c *Check) {
	if len(in.File.Requirements) == 0 {
		c.Missing(ward.Pos{}, "no security requirements recorded, so none can be verified (add them under requirements:)")
		return
	}
	unverified := reportBreaks(in, c, "R571-1", nil)
	for _, r := range in.File.Requirements {
		if unverified[r.ID] {
			continue
		}
		for _, t := range in.TestsOf(r.ID) {
			if in.OnRelease(t) && testPassed(t) {
				c.Cite(t.ID)
			}
		}
	}
	c.OK("all %d security requirements have a passing test on %s", len(in.File.Requirements), releaseName(in))
}

// negativeMethods are words in a test's methods that mark it as going
// beyond the happy path: boundary, malformed or unauthorised input.
var negativeMethods = []string{"boundary", "edge", "malformed", "invalid", "negative", "unauthori", "abuse", "misuse", "injection", "robustness"}

// loadMethods are words in a test's methods that mark load or stress testing.
var loadMethods = []string{"load", "stress", "flood", "dos", "denial", "performance", "soak"}

// methodsMention reports whether any of the test's methods contains one of words.
func methodsMention(t *ward.Test, words []string) bool {
	for _, m := range t.Methods {
		m = strings.ToLower(m)
		for _, w := range words {
			if strings.Contains(m, w) {
				return true
			}
		}
	}
	return false
}

// checkRequirementTestVariety: the requirement tests include functional
// tests plus at least one negative test (boundary, malformed or
// unauthorised input: a fuzz, DAST or penetration test verifying a
// requirement, or a test whose methods: say so), and every availability
// (resilience) requirement has a load or stress test (methods: load,
// stress, flood or DoS). The model has no field for a test's technique, so
// methods: carries it.
func checkRequirementTestVariety(in *Input, c *Check) {
	if len(in.File.Requirements) == 0 {
		c.NotApplicable("no security requirements recorded")
		return
	}
	var functional, negative bool
	for _, r := range in.File.Requirements {
		var loaded bool
		for _, t := range in.TestsOf(r.ID) {
			switch {
			case t.Kind == ward.TestFuzz || t.Kind == ward.TestDAST || t.Kind == ward.TestPenetration || methodsMention(t, negativeMethods):
				negative = true
				c.Cite(t.ID)
			case t.Kind == ward.TestSecurityRequirement:
				functional = true
			}
			if methodsMention(t, loadMethods) {
				loaded = true
				c.Cite(t.ID)
			}
		}
		if r.Category == "resilience" && !loaded {
			c.Missing(r.At, "%s (resilience): no load or stress test verifies it (a test with methods: [load] or [stress])", r.ID)
		}
	}
	if !functional {
		c.Missing(ward.Pos{}, "no functional security_requirement test verifies any requirement")
	}
	if !negative {
		c.Missing(ward.Pos{}, "no requirement test goes beyond the happy path: add boundary, malformed or unauthorised-input tests (methods: [boundary], [malformed_input], [unauthorised]) or a fuzz test that verifies a requirement")
	}
	c.OK("requirement tests include functional, negative and, for availability requirements, load tests")
}
