package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 9.4 — analysing vulnerabilities.

func init() {
	register("R94-1", checkVulnerabilitiesAnalysed)
	register("R94-2", checkAffectedReleasesMatchSBOMs)
}

// checkVulnerabilitiesAnalysed: each affected (or since fixed)
// vulnerability has an impact analysis, a CVSS vector with its version
// prefix (CVSS:3.1/…, CVSS:4.0/…), affected releases, a root cause, a
// safety impact — with linked hazards unless it is none — and a
// controlled or uncontrolled risk verdict. The model has no field for the
// search for related issues, so that is left to the reviewer.
func checkVulnerabilitiesAnalysed(in *Input, c *Check) {
	n := 0
	for _, v := range in.File.Vulns {
		if !analysed(v) {
			continue
		}
		n++
		var lacks []string
		if v.Impact == "" {
			lacks = append(lacks, "impact analysis")
		}
		if !strings.HasPrefix(v.CVSS, "CVSS:") {
			lacks = append(lacks, "CVSS vector with version (cvss: CVSS:3.1/…)")
		}
		if len(v.Releases) == 0 {
			lacks = append(lacks, "affected_releases")
		}
		if v.RootCause == "" {
			lacks = append(lacks, "root_cause")
		}
		switch {
		case v.SafetyImpact == "":
			lacks = append(lacks, "safety_impact")
		case !isNoneText(v.SafetyImpact) && len(v.Hazards) == 0:
			lacks = append(lacks, "hazards for its safety impact")
		}
		if v.RiskControl == "" {
			lacks = append(lacks, "risk_control (controlled or uncontrolled)")
		}
		if len(lacks) > 0 {
			c.Missing(v.At, "%s (%s): no %s", v.ID, v.Status, strings.Join(lacks, ", no "))
			continue
		}
		c.Cite(v.ID)
	}
	if n == 0 {
		c.NotApplicable("no vulnerability affects the product")
		return
	}
	c.OK("all %d affected vulnerabilities are fully analysed", n)
}

// isNoneText reports whether a free-text answer says "none".
func isNoneText(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return s == "none" || s == "no" || s == "n/a" || strings.HasPrefix(s, "none ") || strings.HasPrefix(s, "none:") || strings.HasPrefix(s, "none.")
}

// checkAffectedReleasesMatchSBOMs: for each affected (or fixed)
// vulnerability naming components, the releases whose SBOM contains one
// of those components — up to the release that fixed it — equal its
// affected_releases. Releases without a readable SBOM cannot be judged
// and are left to the reviewer (R8-3 reports them).
func checkAffectedReleasesMatchSBOMs(in *Input, c *Check) {
	n := 0
	var unknown []string
	for _, v := range in.File.Vulns {
		if !analysed(v) || len(v.Components) == 0 {
			continue
		}
		n++
		var fixDate ward.Date
		if r := in.ReleaseByVersion(v.FixedIn); r != nil {
			fixDate = r.Date
		}
		ok := true
		for _, r := range in.File.Releases {
			s, has := sbomOfRelease(in, r)
			if !has || s.SBOM == nil {
				unknown = append(unknown, r.Version)
				continue
			}
			contained := ""
			for _, comp := range s.SBOM.Components {
				if it := in.ItemFor(comp); it != nil && contains(v.Components, it.ID) {
					contained = comp.DisplayName()
					break
				}
			}
			expected := contained != "" && (fixDate.IsZero() || r.Date.Before(fixDate)) && r.Version != v.FixedIn
			recorded := contains(v.Releases, r.Version)
			switch {
			case expected && !recorded:
				c.Missing(v.At, "%s: release %s contains %s but is not in affected_releases", v.ID, r.Version, contained)
				ok = false
			case !expected && recorded && contained == "":
				c.Missing(v.At, "%s: affected_releases lists %s, whose SBOM has none of %s", v.ID, r.Version, joinIDs(v.Components))
				ok = false
			case !expected && recorded:
				c.Missing(v.At, "%s: affected_releases lists %s, which is the fix release %s or later", v.ID, r.Version, v.FixedIn)
				ok = false
			}
		}
		if ok {
			c.Cite(v.ID)
		}
	}
	if n == 0 {
		c.NotApplicable("no affected vulnerability names components")
		return
	}
	if u := dedupSorted(unknown); len(u) > 0 {
		c.Manual("releases %s have no readable SBOM: check by hand whether they are affected", joinIDs(u))
	}
	c.OK("affected releases of all %d vulnerabilities match the SBOM history", n)
}
