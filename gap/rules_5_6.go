package gap

import (
	"github.com/wardhq/ward"
)

// Clause 5.6 — software integration testing.

func init() {
	register("R56-1", checkIntegrationTestsAcrossBoundaries)
}

// checkIntegrationTestsAcrossBoundaries: every flow between two of the
// product's own elements (processes and data stores) that crosses a trust
// boundary has a passing integration test on the release build that covers
// both elements, or verifies the interface the flow uses.
func checkIntegrationTestsAcrossBoundaries(in *Input, c *Check) {
	a := in.File.Architecture
	if a == nil {
		c.Missing(ward.Pos{}, "no architecture: section, so boundary-crossing flows are unknown")
		return
	}
	n := 0
	for _, f := range a.Flows {
		from, to := in.Element(f.From), in.Element(f.To)
		if from == nil || to == nil || from.Kind == "external_entity" || to.Kind == "external_entity" || !crossesBoundary(in, f) {
			continue
		}
		n++
		var found *ward.Test
		for _, t := range in.File.Tests {
			if t.Kind != ward.TestIntegration || !in.OnRelease(t) || t.Result != "pass" {
				continue
			}
			if (contains(t.Components, f.From) && contains(t.Components, f.To)) || (f.Interface != "" && contains(t.Verifies, f.Interface)) {
				found = t
				break
			}
		}
		if found == nil {
			c.Missing(f.At, "flow %s (%s → %s): crosses a trust boundary with no passing integration test on the release build covering both elements", f.ID, f.From, f.To)
			continue
		}
		c.Cite(f.ID, found.ID)
	}
	if n == 0 {
		c.NotApplicable("no flow between the product's own elements crosses a trust boundary")
	}
	c.OK("all %d boundary-crossing flows between the product's elements have integration tests on the release build", n)
}
