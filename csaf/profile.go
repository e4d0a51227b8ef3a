package csaf

import "slices"

// profile runs the profile tests 6.1.27.1 to 6.1.27.11: what the
// category of the document requires.
func (c *checker) profile() {
	a := c.a
	cat := a.Document.Category
	switch cat {
	case CategorySecurityIncidentResponse, CategoryInformationalAdvisory:
		// 6.1.27.1 Document Notes
		if !slices.ContainsFunc(a.Document.Notes, func(n *Note) bool {
			return n != nil && slices.Contains([]string{"description", "details", "general", "summary"}, n.Category)
		}) {
			c.fail("6.1.27.1", "document.notes", "a %s needs a document note of category description, details, general or summary", cat)
		}
		// 6.1.27.2 Document References
		if !slices.ContainsFunc(a.Document.References, func(r *Reference) bool {
			return r != nil && (r.Category == "external" || r.Category == "")
		}) {
			c.fail("6.1.27.2", "document.references", "a %s needs a document reference of category external", cat)
		}
	}
	if cat == CategoryInformationalAdvisory && a.Vulnerabilities != nil {
		c.fail("6.1.27.3", "vulnerabilities", "a csaf_informational_advisory speaks of no vulnerability: remove vulnerabilities or use another profile")
	}
	if cat == CategorySecurityAdvisory || cat == CategoryVEX {
		if a.ProductTree == nil {
			c.fail("6.1.27.4", "product_tree", "a %s needs a product_tree", cat)
		}
		if a.Vulnerabilities == nil {
			c.fail("6.1.27.11", "vulnerabilities", "a %s needs vulnerabilities", cat)
		}
		for i, v := range a.Vulnerabilities {
			if v != nil && len(v.Notes) == 0 {
				c.fail("6.1.27.5", idx("vulnerabilities", i)+".notes", "a vulnerability of a %s needs notes", cat)
			}
		}
	}
	if cat == CategorySecurityAdvisory {
		for i, v := range a.Vulnerabilities {
			if v != nil && v.ProductStatus == nil {
				c.fail("6.1.27.6", idx("vulnerabilities", i)+".product_status", "a vulnerability of a csaf_security_advisory needs a product_status")
			}
		}
	}
	if cat == CategoryVEX {
		c.vexProfile()
	}
}

// vexProfile is 6.1.27.7 to 6.1.27.10.
func (c *checker) vexProfile() {
	for i, v := range c.a.Vulnerabilities {
		if v == nil {
			continue
		}
		vp := idx("vulnerabilities", i)
		// 6.1.27.7 VEX Product Status
		ps := v.ProductStatus
		if ps == nil || len(ps.Fixed)+len(ps.KnownAffected)+len(ps.KnownNotAffected)+len(ps.UnderInvestigation) == 0 {
			c.fail("6.1.27.7", vp+".product_status", "a vulnerability of a csaf_vex needs at least one of fixed, known_affected, known_not_affected or under_investigation")
		}
		// 6.1.27.8 Vulnerability ID
		if v.CVE == "" && len(v.IDs) == 0 {
			c.fail("6.1.27.8", vp, "a vulnerability of a csaf_vex needs a cve or ids")
		}
		if ps == nil {
			continue
		}
		// 6.1.27.9 Impact Statement
		impact := map[string]bool{}
		for _, f := range v.Flags {
			if f != nil {
				for _, id := range c.members(f.ProductIDs, f.GroupIDs) {
					impact[id] = true
				}
			}
		}
		for _, t := range v.Threats {
			if t != nil && t.Category == "impact" {
				for _, id := range c.members(t.ProductIDs, t.GroupIDs) {
					impact[id] = true
				}
			}
		}
		for j, id := range ps.KnownNotAffected {
			if !impact[id] {
				c.fail("6.1.27.9", idx(vp+".product_status.known_not_affected", j), "product ID %s is known_not_affected without an impact statement (a flag, or a threat of category impact, for it)", id)
			}
		}
		// 6.1.27.10 Action Statement
		action := map[string]bool{}
		for _, r := range v.Remediations {
			if r != nil {
				for _, id := range c.members(r.ProductIDs, r.GroupIDs) {
					action[id] = true
				}
			}
		}
		for j, id := range ps.KnownAffected {
			if !action[id] {
				c.fail("6.1.27.10", idx(vp+".product_status.known_affected", j), "product ID %s is known_affected without an action statement (a remediation for it)", id)
			}
		}
	}
}
