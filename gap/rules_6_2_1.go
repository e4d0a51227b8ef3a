package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 6.2.1 — monitoring public incident reports.

func init() {
	register("R621-1", checkMonitoringCurrent)
	register("R621-2", checkMonitoringSourcesAndIntake)
}

// checkMonitoringCurrent: runs reviewed within the policy interval before
// today together name every supported release, and every third-party item
// — those in the file and those matched from the SBOMs of supported
// releases — has a monitoring source.
func checkMonitoringCurrent(in *Input, c *Check) {
	oldest := in.Today.AddDays(-in.Policy.MonitoringDays)
	covered := map[string]bool{}
	var recent []*ward.MonitoringRun
	var last *ward.MonitoringRun
	for _, m := range in.File.Monitoring {
		if last == nil || m.Date.After(last.Date) {
			last = m
		}
		if m.Date.Before(oldest) || m.Date.After(in.Today) || m.Reviewer == "" {
			continue
		}
		recent = append(recent, m)
		for _, r := range m.Releases {
			covered[r] = true
		}
	}
	switch {
	case last == nil:
		c.Missing(ward.Pos{}, "no monitoring runs recorded (monitoring:)")
	case len(recent) == 0 && last.Reviewer == "":
		c.Missing(last.At, "latest monitoring run of %s has no reviewer", last.Date)
	case len(recent) == 0:
		c.Missing(last.At, "latest reviewed monitoring run is of %s, more than %d days before %s", last.Date, in.Policy.MonitoringDays, in.Today)
	default:
		for _, r := range supportedReleases(in) {
			if !covered[r.Version] {
				c.Missing(r.At, "supported release %s is not named by any monitoring run since %s", r.Version, oldest)
			}
		}
	}
	for _, it := range in.File.Components {
		if it.Origin != "in_house" && len(it.Monitoring) == 0 {
			c.Missing(it.At, "%s: no monitoring source", it.ID)
		}
	}
	seen := map[string]bool{}
	for _, r := range supportedReleases(in) {
		s, ok := sbomOfRelease(in, r)
		if !ok || s.SBOM == nil {
			continue
		}
		for _, comp := range s.SBOM.Components {
			name := comp.DisplayName()
			if seen[name] {
				continue
			}
			seen[name] = true
			if it := in.ItemFor(comp); it == nil {
				c.Missing(sbomComponentPos(s, comp), "SBOM component %s of release %s has no components: entry, so no monitoring source", name, r.Version)
			}
		}
	}
	c.OK("a reviewed monitoring run within %d days covers all supported releases, and every third-party component has a monitoring source", in.Policy.MonitoringDays)
}

// nvdClass and kevClass recognise monitoring sources by name.
var (
	nvdClass = []string{"nvd", "osv", "ghsa", "github", "cve", "vuldb", "vendor"}
	kevClass = []string{"kev"}
)

func sourceMatches(sources []string, class []string) bool {
	for _, s := range sources {
		s = strings.ToLower(s)
		for _, w := range class {
			if strings.Contains(s, w) {
				return true
			}
		}
	}
	return false
}

// intakeBusinessDays is the default intake deadline for a monitoring match
// to become a vulnerability record; the policy has no field for it.
const intakeBusinessDays = 2

// checkMonitoringSourcesAndIntake: monitoring (the plan's sources or the
// runs') includes NVD or an equivalent advisory database and CISA KEV, and
// each match of a run was recorded as a vulnerability within two business
// days of the run.
func checkMonitoringSourcesAndIntake(in *Input, c *Check) {
	var sources []string
	if mp := in.File.Maintenance; mp != nil {
		sources = append(sources, mp.MonitoringSources...)
	}
	for _, m := range in.File.Monitoring {
		sources = append(sources, m.Sources...)
	}
	if !sourceMatches(sources, nvdClass) {
		c.Missing(ward.Pos{}, "monitoring uses no NVD-class advisory database (nvd, osv, ghsa or vendor advisories)")
	}
	if !sourceMatches(sources, kevClass) {
		c.Missing(ward.Pos{}, "monitoring does not include the CISA KEV catalog (add cisa_kev to maintenance.monitoring_sources)")
	}
	for _, m := range in.File.Monitoring {
		due := addBusinessDays(m.Date, intakeBusinessDays)
		for _, id := range m.Matches {
			v := in.Vulnerability(id)
			switch {
			case v == nil:
				c.Missing(m.At, "monitoring run of %s: match %s has no vulnerability record", m.Date, id)
			case v.ReceivedAt.IsZero():
				c.Missing(v.At, "%s: matched by the monitoring run of %s but has no received_at", v.ID, m.Date)
			case v.ReceivedAt.After(due):
				c.Missing(v.At, "%s: matched by the monitoring run of %s but recorded on %s, after the intake deadline %s", v.ID, m.Date, v.ReceivedAt, due)
			default:
				c.Cite(v.ID)
			}
		}
	}
	c.OK("monitoring includes an NVD-class source and CISA KEV, and every match was recorded within %d business days", intakeBusinessDays)
}
