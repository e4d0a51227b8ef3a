package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 5.2.3 — SECURITY risks for REQUIRED SOFTWARE.

func init() {
	register("R523-1", checkItemRiskCoverage)
	register("R523-2", checkRequiredItemOperatorTasks)
}

// threatsOfItem returns the IDs of the threats that name item id.
func threatsOfItem(in *Input, id string) []string {
	var out []string
	for _, t := range in.File.Threats {
		if contains(t.Components, id) {
			out = append(out, t.ID)
		}
	}
	return out
}

// checkItemRiskCoverage: every software item, whatever its category, and
// every component of the release's SBOMs is linked to a threat or risk (its
// risks, or a threat naming it) or states why it has no security-relevant
// exposure.
func checkItemRiskCoverage(in *Input, c *Check) {
	for _, it := range in.File.Components {
		switch {
		case len(it.Risks) > 0:
			c.Cite(it.ID)
		case len(threatsOfItem(in, it.ID)) > 0:
			c.Cite(it.ID)
		case strings.TrimSpace(it.NoExposure) != "":
			c.Cite(it.ID)
		default:
			c.Missing(it.At, "component %s: linked to no threat or risk and no no_exposure_rationale", it.ID)
		}
	}
	_, unmatched := sbomItemIDs(in)
	for _, comp := range unmatched {
		c.Missing(comp.Pos, "SBOM component %s: no entry under components:, so no risk analysis is linked to it", comp.DisplayName())
	}
	if len(in.File.Components) == 0 && len(in.SBOMComponents()) == 0 {
		c.Missing(ward.Pos{}, "no software items recorded under components: and no SBOM")
	}
	c.OK("all %d software items are covered by risk analysis or a no-exposure statement", len(in.File.Components))
}

// checkRequiredItemOperatorTasks: every item of category required names the
// operator's tasks or compensating controls, and an operator document
// (linked to the release under evaluation) lists the item in covers.
func checkRequiredItemOperatorTasks(in *Input, c *Check) {
	n := 0
	for _, it := range in.File.Components {
		if in.Category(it) != "required" {
			continue
		}
		n++
		ok := true
		if len(it.OperatorTasks) == 0 {
			c.Missing(it.At, "component %s (required): no operator_tasks or compensating controls named", it.ID)
			ok = false
		}
		d := operatorDocCovering(in, it.ID)
		if d == nil {
			c.Missing(it.At, "component %s (required): its operator tasks appear in no operator document (add %s to covers: of that document)", it.ID, it.ID)
			ok = false
		}
		if ok {
			c.Cite(it.ID, d.ID)
		}
	}
	if n == 0 {
		c.NotApplicable("no software item is in category required")
	}
	c.OK("all %d required items name operator tasks that appear in the operator documents", n)
}
