package gap

import (
	"github.com/wardhq/ward"
)

// Clause 4.3 — SOFTWARE ITEM classification relating to risk transfer.

func init() {
	register("R43-1", checkItemCategories)
	register("R43-2", checkCategoryDowngrades)
	register("R43-3", checkOperatorDutiesDocumented)
}

// categoryRank orders the risk-transfer categories by what the
// manufacturer keeps: maintained 3, supported 2, required 1.
var categoryRank = map[string]int{"maintained": 3, "supported": 2, "required": 1}

// checkItemCategories: every item under components: and every component of
// the release's SBOMs (through its item) has a risk-transfer category after
// the product's category aliases.
func checkItemCategories(in *Input, c *Check) {
	for _, it := range in.File.Components {
		if in.Category(it) == "" {
			if it.Category == "" {
				c.Missing(it.At, "component %s: no risk-transfer category (maintained, supported or required)", it.ID)
			} else {
				c.Missing(it.At, "component %s: category %q is neither maintained, supported, required nor an alias in product.category_aliases", it.ID, it.Category)
			}
			continue
		}
		c.Cite(it.ID)
	}
	_, unmatched := sbomItemIDs(in)
	for _, comp := range unmatched {
		c.Missing(comp.Pos, "SBOM component %s: no entry under components:, so it has no risk-transfer category", comp.DisplayName())
	}
	if len(in.File.Components) == 0 && len(in.SBOMComponents()) == 0 {
		c.Missing(ward.Pos{}, "no software items recorded under components: and no SBOM")
	}
	c.OK("all %d software items have a risk-transfer category", len(in.File.Components))
}

// checkCategoryDowngrades: every recorded category change is a real
// downgrade, is dated, names where 5.2.3 and 6.3 were re-evaluated, and an
// operator document was reviewed on or after the change.
func checkCategoryDowngrades(in *Input, c *Check) {
	n := 0
	for _, it := range in.File.Components {
		ch := it.Downgrade
		if ch == nil {
			continue
		}
		n++
		ok := true
		if now := in.Category(it); categoryRank[ch.From] <= categoryRank[now] {
			c.Missing(ch.At, "component %s: category_change from %s to %s is not a downgrade", it.ID, ch.From, now)
			ok = false
		}
		if ch.Reevaluation == "" {
			c.Missing(ch.At, "component %s: downgrade from %s without a record of the re-evaluation of 5.2.3 and 6.3.1–6.3.3", it.ID, ch.From)
			ok = false
		}
		if ch.Date.IsZero() {
			c.Missing(ch.At, "component %s: downgrade from %s is not dated", it.ID, ch.From)
			ok = false
		} else if !operatorDocUpdatedSince(in, ch.Date) {
			c.Missing(ch.At, "component %s: no operator document (secure_operation, hardening, update_information, …) reviewed since the downgrade on %s", it.ID, ch.Date)
			ok = false
		}
		if ok {
			c.Cite(it.ID)
		}
	}
	if n == 0 {
		c.OK("no category downgrade recorded (components[].category_change)")
		return
	}
	c.OK("all %d category downgrades were re-evaluated and the operator documents updated", n)
}

func operatorDocUpdatedSince(in *Input, day ward.Date) bool {
	for _, d := range in.File.Documents {
		if operatorDocKinds[d.Kind] && !d.ReviewedAt.Before(day) {
			return true
		}
	}
	return false
}

// checkOperatorDutiesDocumented: every required item and every supported
// item is named (by ID, in covers) in an operator document — for required
// items the operator's responsibility, for supported items how update
// information reaches the operator.
func checkOperatorDutiesDocumented(in *Input, c *Check) {
	n := 0
	for _, it := range in.File.Components {
		cat := in.Category(it)
		if cat != "required" && cat != "supported" {
			continue
		}
		n++
		if d := operatorDocCovering(in, it.ID); d != nil {
			c.Cite(it.ID, d.ID)
			continue
		}
		what := "as the operator's responsibility"
		if cat == "supported" {
			what = "with how its update information is provided"
		}
		c.Missing(it.At, "component %s (%s): no operator document lists it %s (add %s to covers: of that document)", it.ID, cat, what, it.ID)
	}
	if n == 0 {
		c.NotApplicable("no software item is in category supported or required")
	}
	c.OK("all %d supported and required items appear in operator documents", n)
}
