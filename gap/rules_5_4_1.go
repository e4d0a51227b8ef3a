package gap

// Clause 5.4.1 — software design best practices.

func init() {
	register("R541-1", checkDesignGuidanceApplied)
}

// checkDesignGuidanceApplied: the design review of every security-relevant
// element names the guideline or checklist it applied (inputs:) and
// records its outcome (closed, or findings).
func checkDesignGuidanceApplied(in *Input, c *Check) {
	elems := securityRelevantElements(in)
	if len(elems) == 0 {
		c.NotApplicable("no architecture element is marked security_relevant")
		return
	}
	for _, e := range elems {
		if e.DesignReview == "" {
			continue // R544-1 reports the missing review itself
		}
		r := in.Review(e.DesignReview)
		switch {
		case r == nil:
		case len(r.Inputs) == 0:
			c.Missing(r.At, "design review %s of %s: names no design guideline or checklist it applied (inputs:)", r.ID, e.ID)
		case !r.Closed && len(r.Findings) == 0:
			c.Missing(r.At, "design review %s of %s: records no outcome (closed: true, or its findings)", r.ID, e.ID)
		default:
			c.Cite(r.ID)
		}
	}
	c.OK("the design reviews of %d security-relevant elements name the guidance applied and their outcome", len(elems))
}
