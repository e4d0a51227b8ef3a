package techfile

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/paper"
)

// accompanyingKinds are the document kinds delivered with a release
// (5.8.2, 5.8.7, Annex E; FDA VI.A labeling).
var accompanyingKinds = []string{"secure_operation", "account_management", "residual_risk", "conformance", "hardening", "environment_measures",
	"update_information", "decommissioning", "ifu_security", "mds2", "sbom_export", "port_list"}

// release is the release record: build, artifacts, checklist, approvals
// and the accompanying documents (5.8).
func (t *builder) release() *paper.Section {
	r := t.Release
	s := &paper.Section{ID: "release", Title: "Release " + r.Version}
	s.Blocks = append(s.Blocks, paper.Fields{Items: []paper.Field{
		{Label: "Version", Value: r.Version},
		{Label: "Date", Value: r.Date.String()},
		{Label: "Source commit", Value: orDash(r.Commit)},
		{Label: "Built on", Value: strings.TrimSpace(orDash(r.BuildEnv) + " " + r.Builder)},
		{Label: "Toolchain", Value: join(r.Toolchain)},
		{Label: "SBOM", Value: orDash(r.SBOM)},
		{Label: "Architecture and threat model versions", Value: orDash(r.ArchitectureVersion) + " / " + orDash(r.ThreatModelVersion)},
		{Label: "Still supported", Value: yesNo(r.IsSupported())},
	}})
	art := &paper.Section{ID: "release-artifacts", Title: "Artifacts and their integrity"}
	if len(r.Artifacts) == 0 {
		art.Blocks = append(art.Blocks, gapNote("The release records no artifacts (releases[].artifacts)."))
	} else {
		art.Blocks = append(art.Blocks, paper.Para{Text: "Every distributed file with its SHA-256 digest and signature (5.8.3)."}, ArtifactTable(r))
	}
	check := &paper.Section{ID: "release-checklist", Title: "Activity completion and approvals"}
	if len(r.Checklist) == 0 {
		check.Blocks = append(check.Blocks, gapNote("The release has no checklist of completed activities (releases[].checklist, 5.8.6)."))
	} else {
		tb := paper.Table{Caption: "Release checklist (5.8.6)", Header: []string{"Activity", "Done", "Evidence", "Deviation"}, Widths: []float64{2.6, 0.5, 3, 2}}
		for _, c := range r.Checklist {
			tb.Rows = append(tb.Rows, []string{c.Activity, yesNo(c.Done), orDash(c.Evidence), orDash(c.Deviation)})
		}
		check.Blocks = append(check.Blocks, tb)
	}
	if len(r.Approvals) == 0 {
		check.Blocks = append(check.Blocks, gapNote("The release records no approvals (releases[].approvals)."))
	} else {
		tb := paper.Table{Caption: "Approvals", Header: []string{"By", "Role", "Date"}}
		for _, a := range r.Approvals {
			tb.Rows = append(tb.Rows, []string{t.person(a.By), orDash(a.Role), a.Date.String()})
		}
		check.Blocks = append(check.Blocks, tb)
	}
	docs := &paper.Section{ID: "release-documents", Title: "Accompanying documents (labeling)"}
	list := t.releaseDocs()
	if len(list) == 0 {
		docs.Blocks = append(docs.Blocks, gapNote("Release %s lists no accompanying documents (releases[].documents).", r.Version))
	} else {
		tb := paper.Table{Header: []string{"Document", "Kind", "Title", "Version", "Author", "Reviewed", "Location"}, Widths: []float64{1.3, 1.2, 3, 0.6, 1.2, 1.6, 1.8}}
		have := set{}
		for _, d := range list {
			have.add(d.Kind)
			tb.Rows = append(tb.Rows, []string{d.ID, kindName(d.Kind), d.Title, orDash(d.Version), t.person(d.Author), reviewed(d.ReviewedBy, d.ReviewedAt), orDash(d.Path)})
		}
		docs.Blocks = append(docs.Blocks, paper.Para{Text: "The documents delivered with release " + r.Version + " (5.8.2, 5.8.7, Annex E; FDA labeling, VI.A)."}, tb)
		var missing []string
		for _, k := range []string{"secure_operation", "residual_risk", "conformance", "decommissioning"} {
			if !have[k] {
				missing = append(missing, kindName(k))
			}
		}
		if p := t.File.Product; p != nil && p.HasUserAccounts && !have["account_management"] {
			missing = append(missing, "account management")
		}
		if len(missing) > 0 {
			docs.Blocks = append(docs.Blocks, gapNote("No accompanying document of kind %s for release %s.", strings.Join(missing, ", "), r.Version))
		}
	}
	s.Sections = []*paper.Section{art, check, docs}
	return s
}

// ArtifactTable lists a release's artifacts: name, SHA-256, signature and key.
func ArtifactTable(r *ward.ReleaseRecord) paper.Table {
	tb := paper.Table{Header: []string{"Artifact", "SHA-256", "Signature", "Signing key"}, Widths: []float64{2.4, 3.6, 1.6, 1}}
	for _, a := range r.Artifacts {
		tb.Rows = append(tb.Rows, []string{a.Name, a.SHA256, orDash(a.Signature), orDash(a.SigningKey)})
	}
	return tb
}

// fdaPlanElements are the nine elements of the cybersecurity management
// plan (FDA premarket guidance VI.B).
var fdaPlanElements = []string{"personnel", "monitoring_sources", "kev_handling", "periodic_testing", "patch_timeline", "update_process", "patching_capability", "cvd", "customer_communication"}

// management is the maintenance and cybersecurity management plan with
// the disclosure policy, monitoring and metrics (6.1–6.3, 4.1.7; FDA VI.B,
// V.A.6).
func (t *builder) management() *paper.Section {
	s := &paper.Section{ID: "management-plan", Title: "Maintenance and cybersecurity management plan"}
	mp := t.File.Maintenance
	if mp == nil {
		s.Blocks = append(s.Blocks, gapNote("The security file has no maintenance plan (maintenance): update targets, monitoring and the management plan are not recorded (6.1.1)."))
	} else {
		s.Blocks = append(s.Blocks, UpdateTargetTable(mp), paper.Fields{Items: []paper.Field{
			{Label: "Justification", Value: orDash(mp.Justification)},
			{Label: "Regular cycle", Value: orDash(mp.RegularCycle)},
			{Label: "Monitoring sources", Value: join(mp.MonitoringSources)},
			{Label: "Monitoring interval", Value: intervalText(mp.MonitoringInterval)},
			{Label: "Known-exploited vulnerabilities", Value: orDash(mp.KEVHandling)},
			{Label: "Plan document", Value: orDash(mp.Document)},
		}})
		tb := paper.Table{Caption: "Elements of the cybersecurity management plan (FDA VI.B)", Header: []string{"Element", "Covered"}}
		var missing []string
		for _, e := range fdaPlanElements {
			tb.Rows = append(tb.Rows, []string{kindName(e), yesNo(contains(mp.PlanElements, e))})
			if !contains(mp.PlanElements, e) {
				missing = append(missing, kindName(e))
			}
		}
		s.Blocks = append(s.Blocks, tb)
		if len(missing) > 0 {
			s.Blocks = append(s.Blocks, gapNote("The plan does not state that it covers: %s (maintenance.plan_elements).", strings.Join(missing, ", ")))
		}
	}
	if docs := Documents(t.File, "management_plan", "maintenance_plan"); len(docs) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "Plan documents: " + docRefs(docs) + "."})
	}

	cvd := &paper.Section{ID: "disclosure", Title: "Coordinated vulnerability disclosure"}
	if d := t.File.Disclosure; d == nil {
		cvd.Blocks = append(cvd.Blocks, gapNote("No coordinated disclosure policy is recorded (disclosure, 4.1.7)."))
	} else {
		cvd.Blocks = append(cvd.Blocks, paper.Fields{Items: []paper.Field{
			{Label: "Security contact", Value: d.Contact},
			{Label: "Policy", Value: d.PolicyURL},
			{Label: "Encrypted reports", Value: orDash(d.Encryption)},
			{Label: "Acknowledgement within", Value: daysText(d.AckDays)},
			{Label: "Languages", Value: join(d.Languages)},
			{Label: "Reviewed", Value: reviewed(d.ReviewedBy, d.ReviewedAt)},
		}})
	}
	if len(t.File.Advisories) > 0 {
		tb := paper.Table{Caption: "Security advisories published to customers", Header: []string{"Advisory", "Title", "Published", "Affected", "Fixed in", "Severity"}, Widths: []float64{1.2, 3, 0.9, 0.9, 0.7, 2.4}}
		for _, a := range sortedBy(t.File.Advisories, func(a *ward.CustomerAdvisory) string { return a.ID }) {
			tb.Rows = append(tb.Rows, []string{a.ID, a.Title, a.PublishedAt.String(), join(a.AffectedReleases), orDash(a.FixedIn), a.Severity})
		}
		cvd.Blocks = append(cvd.Blocks, tb)
	}

	mon := &paper.Section{ID: "monitoring", Title: "Monitoring and security updates"}
	var runs []*ward.MonitoringRun
	for _, m := range t.File.Monitoring {
		if (len(m.Releases) == 0 || contains(m.Releases, t.Version())) && !m.Date.After(t.Date) {
			runs = append(runs, m)
		}
	}
	if len(runs) == 0 {
		mon.Blocks = append(mon.Blocks, gapNote("No reviewed monitoring run covers release %s on or before %s (monitoring).", t.Version(), t.Date))
	} else {
		tb := paper.Table{Caption: "Reviewed monitoring runs covering " + t.Version(), Header: []string{"Date", "Sources", "Advisory snapshot", "Reviewer", "Matches"}}
		for _, m := range runs {
			tb.Rows = append(tb.Rows, []string{m.Date.String(), join(m.Sources), orDash(m.Snapshot), t.person(m.Reviewer), join(m.Matches)})
		}
		mon.Blocks = append(mon.Blocks, tb)
	}
	if len(t.File.Updates) > 0 {
		tb := paper.Table{Caption: "Security updates delivered", Header: []string{"Update", "Release", "Vulnerabilities", "Cadence", "Available", "Customers notified", "Signed", "Late because"}}
		for _, u := range sortedBy(t.File.Updates, func(u *ward.SecurityUpdate) string { return u.ID }) {
			tb.Rows = append(tb.Rows, []string{u.ID, u.Release, join(u.Vulnerabilities), kindName(u.Cadence), u.AvailableAt.String(), dateOr(u.NotifiedAt, dash), yesNo(u.Signed), orDash(u.LateReason)})
		}
		mon.Blocks = append(mon.Blocks, tb)
	}
	s.Sections = []*paper.Section{cvd, mon, t.metrics()}
	return s
}

// UpdateTargetTable lists the plan's update targets per severity.
func UpdateTargetTable(mp *ward.MaintenancePlan) paper.Table {
	tb := paper.Table{Caption: "Security update targets", Header: []string{"Severity", "Update available within", "Delivery"}}
	for _, u := range mp.UpdateTargets {
		d := "with the regular release cycle"
		if u.OutOfCycle {
			d = "out of cycle"
		}
		tb.Rows = append(tb.Rows, []string{u.Severity, daysText(u.Days), d})
	}
	return tb
}

func daysText(n int) string {
	if n <= 0 {
		return "not recorded"
	}
	return plural(n, "day", "days")
}

func intervalText(n int) string {
	if n <= 0 {
		return "not recorded"
	}
	return "every " + plural(n, "day", "days")
}

// metrics are the measures of FDA V.A.6, computed from the vulnerability
// and update records as of the document's date.
func (t *builder) metrics() *paper.Section {
	s := &paper.Section{ID: "metrics", Title: "Measures and metrics"}
	var identified, remedied, daysSum, counted int
	for _, v := range t.File.Vulns {
		if v.Status == ward.VEXNotAffected || v.ReceivedAt.After(t.Date) {
			continue
		}
		identified++
		if !v.FixAvailableAt.IsZero() && !v.FixAvailableAt.After(t.Date) {
			remedied++
			daysSum += v.ReceivedAt.DaysUntil(v.FixAvailableAt)
			counted++
		}
	}
	if identified == 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "No vulnerability affecting the product was identified on or before " + t.Date.String() + "."})
		return s
	}
	items := []paper.Field{
		{Label: "Vulnerabilities affecting the product, identified by " + t.Date.String(), Value: fmt.Sprint(identified)},
		{Label: "Of these with a security update available", Value: fmt.Sprintf("%d (%d %%)", remedied, remedied*100/identified)},
	}
	if counted > 0 {
		items = append(items, paper.Field{Label: "Mean days from identification to update available", Value: fmt.Sprintf("%.1f", float64(daysSum)/float64(counted))})
	}
	var notified, notifiedSum int
	for _, u := range t.File.Updates {
		if !u.NotifiedAt.IsZero() && !u.AvailableAt.IsZero() && !u.NotifiedAt.After(t.Date) {
			notified++
			notifiedSum += u.AvailableAt.DaysUntil(u.NotifiedAt)
		}
	}
	if notified > 0 {
		items = append(items, paper.Field{Label: "Mean days from update available to customers notified", Value: fmt.Sprintf("%.1f", float64(notifiedSum)/float64(notified))})
	}
	s.Blocks = append(s.Blocks, paper.Fields{Items: items},
		gapNote("The time from an update being available to its deployment in the field is not recorded (security_updates carry no deployment data)."))
	return s
}
