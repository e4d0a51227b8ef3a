package gap

import (
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/cvss"
)

// Clause 5.8.1 — resolve findings prior to release.

func init() {
	register("R581-1", checkNoOpenFindings)
	register("R581-2", checkDeferredFindingsJustified)
	register("R581-3", checkNoKEVShipped)
}

// checkNoOpenFindings: no finding linked to the release under evaluation
// is open.
func checkNoOpenFindings(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	n := 0
	for _, f := range in.File.Findings {
		if !findingOfRelease(in, f) {
			continue
		}
		n++
		if f.Status == "open" {
			c.Missing(f.At, "finding %s (%s): still open at release %s", f.ID, f.Severity, r.Version)
			continue
		}
		c.Cite(f.ID)
	}
	c.OK("none of the %d findings of release %s is open", n, r.Version)
}

// checkDeferredFindingsJustified: every deferred or accepted finding has a
// rationale, a linked risk assessment and an approver; a deferred one also
// names the release that will fix it.
func checkDeferredFindingsJustified(in *Input, c *Check) {
	if in.Release == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	n := 0
	for _, f := range in.File.Findings {
		if f.Status != "deferred" && f.Status != "accepted" {
			continue
		}
		n++
		var miss []string
		if strings.TrimSpace(f.Rationale) == "" {
			miss = append(miss, "rationale")
		}
		if f.Risk == "" {
			miss = append(miss, "risk assessment (risk)")
		}
		if f.ApprovedBy == "" {
			miss = append(miss, "approver (approved_by)")
		}
		if f.Status == "deferred" && f.TargetRelease == "" {
			miss = append(miss, "target_release")
		}
		if len(miss) > 0 {
			c.Missing(f.At, "finding %s (%s): no %s", f.ID, f.Status, strings.Join(miss, ", no "))
			continue
		}
		c.Cite(f.ID)
	}
	c.OK("all %d deferred or accepted findings are justified and approved", n)
}

// checkNoKEVShipped: no vulnerability in the CISA KEV catalog, and none
// rated critical (its severity, else its CVSS vector), with status
// affected concerns the release under evaluation — one of its affected
// releases, or, when it names none, one of the items in the release's SBOM
// (every item when no SBOM was read).
func checkNoKEVShipped(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	shipped, _ := sbomItemIDs(in)
	if len(in.SBOMComponents()) == 0 {
		for _, it := range in.File.Components {
			shipped[it.ID] = true
		}
	}
	n := 0
	for _, v := range in.File.Vulns {
		critical := vulnCritical(v)
		if !v.KEV && !critical {
			continue
		}
		n++
		if v.Status != ward.VEXAffected {
			c.Cite(v.ID)
			continue
		}
		hit := contains(v.Releases, r.Version)
		if len(v.Releases) == 0 {
			for _, id := range v.Components {
				hit = hit || shipped[id]
			}
		}
		switch {
		case !hit:
			c.Cite(v.ID)
		case v.KEV:
			c.Missing(v.At, "vulnerability %s: in the CISA KEV catalog and affects release %s (components %s)", v.ID, r.Version, strings.Join(v.Components, ", "))
		default:
			c.Missing(v.At, "vulnerability %s: critical and affects release %s (components %s)", v.ID, r.Version, strings.Join(v.Components, ", "))
		}
	}
	c.OK("no known-exploited or critical vulnerability affects release %s (%d such entries checked)", r.Version, n)
}

// vulnCritical reports whether a vulnerability is rated critical: by its
// recorded severity, else by its CVSS vector.
func vulnCritical(v *ward.Vulnerability) bool {
	if v.Severity != "" {
		return v.Severity == "critical"
	}
	if v.CVSS == "" {
		return false
	}
	res, err := cvss.Score(v.CVSS)
	return err == nil && res.Severity == "critical"
}
