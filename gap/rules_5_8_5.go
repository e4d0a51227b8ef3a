package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 5.8.5 — assessing and addressing SECURITY-related issues.

func init() {
	register("R585-1", checkIssuesAssessed)
}

// checkIssuesAssessed: every development finding of the release under
// evaluation (or naming no release) has a severity and a disposition (not
// open; deferred and accepted ones with a rationale), and every
// vulnerability report received in the release window has a severity, an
// impact analysis and a disposition (or is not_affected).
func checkIssuesAssessed(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	n := 0
	for _, f := range in.File.Findings {
		if f.Release != "" && !findingOfRelease(in, f) {
			continue
		}
		n++
		var miss []string
		if ward.SeverityRank(f.Severity) < 0 {
			miss = append(miss, "severity")
		}
		switch f.Status {
		case "fixed":
		case "deferred", "accepted":
			if strings.TrimSpace(f.Rationale) == "" {
				miss = append(miss, "rationale for "+f.Status)
			}
		default:
			miss = append(miss, "disposition (status is "+f.Status+")")
		}
		if len(miss) > 0 {
			c.Missing(f.At, "finding %s: no %s before release %s", f.ID, strings.Join(miss, ", no "), r.Version)
			continue
		}
		c.Cite(f.ID)
	}
	from, to := releaseWindow(in)
	for _, v := range in.File.Vulns {
		if !inWindow(v.ReceivedAt, from, to) {
			continue
		}
		n++
		if v.Status == ward.VEXNotAffected {
			c.Cite(v.ID)
			continue
		}
		var miss []string
		if v.Severity == "" {
			miss = append(miss, "severity")
		}
		if strings.TrimSpace(v.Impact) == "" {
			miss = append(miss, "impact")
		}
		if v.Disposition == "" {
			miss = append(miss, "disposition")
		}
		if len(miss) > 0 {
			c.Missing(v.At, "vulnerability %s (received %s): no %s before release %s", v.ID, v.ReceivedAt, strings.Join(miss, ", no "), r.Version)
			continue
		}
		c.Cite(v.ID)
	}
	c.OK("all %d security issues raised for release %s were assessed and dispositioned", n, r.Version)
}
