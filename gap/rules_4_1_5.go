package gap

import (
	"github.com/wardhq/ward"
)

// Clause 4.1.5 — software items from third-party suppliers.

func init() {
	register("R415-1", checkThirdPartySupportData)
	register("R415-2", checkSupplierAgreements)
	register("R415-3", checkMonitoringSources)
	register("R415-4", checkUnsupportedComponents)
}

// checkThirdPartySupportData: every third-party item names its supplier,
// category, support level and end of support (a date, or "unknown" with a
// rationale).
func checkThirdPartySupportData(in *Input, c *Check) {
	n := 0
	for _, it := range in.File.Components {
		if it.Origin == "in_house" {
			continue
		}
		n++
		c.Cite(it.ID)
		if it.Supplier == "" {
			c.Missing(it.At, "%s: no supplier (for open source, name the project)", it.ID)
		}
		if in.Category(it) == "" {
			c.Missing(it.At, "%s: no risk-transfer category (maintained, supported or required)", it.ID)
		}
		if it.SupportLevel == "" {
			c.Missing(it.At, "%s: no support_level (active, no_longer_maintained, abandoned or unknown)", it.ID)
		}
		switch eos := it.EndOfSupport; {
		case eos == "":
			c.Missing(it.At, "%s: no end_of_support (a date, or unknown with eos_rationale)", it.ID)
		case eos == "unknown" && it.EOSRationale == "":
			c.Missing(it.At, "%s: end_of_support unknown without eos_rationale", it.ID)
		case eos != "unknown":
			if _, err := ward.ParseDate(eos); err != nil {
				c.Missing(it.At, "%s: end_of_support %q is neither a date nor unknown", it.ID, eos)
			}
		}
	}
	for _, comp := range in.SBOMComponents() {
		if in.ItemFor(comp) == nil {
			c.Missing(ward.Pos{}, "SBOM component %s has no entry under components: (supplier, category and support data unknown)", comp.DisplayName())
		}
	}
	if n == 0 && len(in.SBOMComponents()) == 0 {
		c.Missing(ward.Pos{}, "no third-party components recorded: list them under components: and reference the SBOM under sboms:")
	}
	c.OK("all %d third-party components have supplier, category, support level and end of support", n)
}

// checkSupplierAgreements: commercial and custom-development suppliers have
// a security agreement and a current evaluation.
func checkSupplierAgreements(in *Input, c *Check) {
	n := 0
	for _, s := range in.File.Suppliers {
		if s.Kind == ward.SupplierOpenSource {
			continue
		}
		n++
		c.Cite(s.ID)
		if s.Agreement == "" {
			c.Missing(s.At, "supplier %s: no security_agreement (duty to notify vulnerabilities, expected practices)", s.ID)
		}
		last := latestEvaluation(s)
		switch {
		case last == nil:
			c.Missing(s.At, "supplier %s: never evaluated", s.ID)
		case last.Date.AddMonths(in.Policy.SupplierReevalMonths).Before(in.Today):
			c.Missing(last.At, "supplier %s: last evaluation %s is older than %d months", s.ID, last.Date, in.Policy.SupplierReevalMonths)
		}
	}
	if n == 0 {
		c.NotApplicable("no commercial or custom-development suppliers")
	}
	c.OK("%d commercial suppliers have agreements and current evaluations", n)
}

func latestEvaluation(s *ward.Supplier) *ward.Evaluation {
	var last *ward.Evaluation
	for _, e := range s.Evaluations {
		if last == nil || e.Date.After(last.Date) {
			last = e
		}
	}
	return last
}

// checkMonitoringSources: every third-party item is watched by at least
// one vulnerability source.
func checkMonitoringSources(in *Input, c *Check) {
	n := 0
	for _, it := range in.File.Components {
		if it.Origin == "in_house" {
			continue
		}
		n++
		if len(it.Monitoring) == 0 {
			c.Missing(it.At, "%s: no monitoring source (e.g. osv, nvd, vendor advisories)", it.ID)
			continue
		}
		c.Cite(it.ID)
	}
	if n == 0 {
		c.NotApplicable("no third-party components recorded")
	}
	c.OK("all %d third-party components have a monitoring source", n)
}

// checkUnsupportedComponents: items that are unmaintained or lose support
// too soon after the release have a replacement plan.
func checkUnsupportedComponents(in *Input, c *Check) {
	ref := in.Today
	if in.Release != nil {
		ref = in.Release.Date
	}
	horizon := ref.AddMonths(in.Policy.MinRemainingSupport)
	for _, it := range in.File.Components {
		if it.Origin == "in_house" {
			continue
		}
		var why string
		switch {
		case it.SupportLevel == "no_longer_maintained" || it.SupportLevel == "abandoned":
			why = "support level " + it.SupportLevel
		default:
			if d, err := ward.ParseDate(it.EndOfSupport); err == nil && d.Before(horizon) {
				why = "end of support " + d.String() + " is within " + itoa(in.Policy.MinRemainingSupport) + " months of " + ref.String()
			}
		}
		if why == "" {
			continue
		}
		if it.ReplacementPlan == "" {
			c.Missing(it.At, "%s: %s and no replacement_plan", it.ID, why)
		} else {
			c.Cite(it.ID)
		}
	}
	c.OK("no component is out of support without a replacement plan")
}
