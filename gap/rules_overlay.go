package gap

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward"
)

// Regulatory overlay rules: CRA (EU 2024/2847), MDR (EU 2017/745) and FDA
// (FD&C Act 524B and the premarket and postmarket guidance). The engine
// marks each not applicable when its regulation is not in the product's
// regulations, so the checks assume it is.
//
// Several rules look for topics in documents' covers: lists. The topic
// names ward expects are listed beside each rule.

func init() {
	register("R-CRA-1", checkCRAReportingDeadlines)
	register("R-CRA-2", checkCRASupportPeriod)
	register("R-CRA-3", checkCRAFixedDisclosed)
	register("R-MDR-1", checkMDRMinimumITRequirements)
	register("R-MDR-2", checkMDRVigilanceClocks)
	register("R-FDA-1", checkFDAUncontrolledRiskPath)
	register("R-FDA-2", checkFDASubmissionBundle)
	register("R-FDA-3", checkFDAArchitectureViews)
	register("R-FDA-4", checkFDALabelingChecklist)
	register("R-FDA-5", checkFDAManagementPlan)
	register("R-FDA-6", checkFDAKnownVulnerabilities)
	register("R-FDA-7", checkPostReleaseRetest)
}

// craReportingStart is the day CRA Art. 14 reporting applies from; awareness
// before it starts no clock.
var craReportingStart = ward.MustDate("2026-09-11")

// deadlineGap reports a regulatory report that is overdue or was sent late;
// one still due in the future is no gap. It returns false on a gap.
func deadlineGap(in *Input, c *Check, v *ward.Vulnerability, what string, sent, due ward.Date) bool {
	switch {
	case sent.IsZero() && in.Today.After(due):
		c.Missing(v.At, "%s: %s was due %s and is not recorded as sent", v.ID, what, due)
		return false
	case !sent.IsZero() && sent.After(due):
		c.Missing(v.At, "%s: %s sent %s, after its deadline %s", v.ID, what, sent, due)
		return false
	}
	return true
}

// craClockGaps applies the CRA Art. 14 deadlines for an actively exploited
// vulnerability: early warning within 24 hours and notification within 72
// hours of awareness (1 and 3 days, as the file records days), final
// report 14 days after a fix or mitigation is available. It returns false
// when it recorded a gap.
func craClockGaps(in *Input, v *ward.Vulnerability, c *Check) bool {
	if v.AwareAt.IsZero() {
		c.Missing(v.At, "%s: no aware_at, so the CRA reporting deadlines cannot be computed", v.ID)
		return false
	}
	if v.AwareAt.Before(craReportingStart) {
		return true
	}
	var rep ward.RegulatoryReports
	if v.Reports != nil {
		rep = *v.Reports
	}
	ok := deadlineGap(in, c, v, "CRA early warning", rep.CRAEarlyWarning, v.AwareAt.AddDays(1))
	ok = deadlineGap(in, c, v, "CRA notification", rep.CRANotification, v.AwareAt.AddDays(3)) && ok
	if fix := fixAvailableDate(in, v); !fix.IsZero() {
		ok = deadlineGap(in, c, v, "CRA final report", rep.CRAFinal, fix.AddDays(14)) && ok
	}
	return ok
}

// checkCRAReportingDeadlines (CRA Art. 14): every actively exploited or
// KEV-listed vulnerability the manufacturer became aware of from 11
// September 2026 on has its early warning, notification and final report
// sent by their deadlines; reports not yet due are no gap.
func checkCRAReportingDeadlines(in *Input, c *Check) {
	n := 0
	for _, v := range in.File.Vulns {
		if !exploitedOrKEV(v) {
			continue
		}
		n++
		if craClockGaps(in, v, c) {
			c.Cite(v.ID)
		}
	}
	if n == 0 {
		c.NotApplicable("no actively exploited or KEV-listed vulnerability affects the product")
		return
	}
	c.OK("CRA reports for all %d exploited vulnerabilities are sent or not yet due", n)
}

// checkCRASupportPeriod (CRA Art. 13): the support period, from placing on
// the market to support_end, is at least five years, or a shorter expected
// use is explained (shorter_support_rationale).
func checkCRASupportPeriod(in *Input, c *Check) {
	p := in.File.Product
	switch {
	case p == nil:
		c.Missing(ward.Pos{}, "no product: section")
	case p.PlacedOnMarket.IsZero():
		c.Missing(p.At, "product: no placed_on_market date, so the support period cannot be measured")
	case p.SupportEnd.IsZero():
		c.Missing(p.At, "product: no support_end (end of the security support period shown to users)")
	case p.SupportEnd.Before(p.PlacedOnMarket.AddMonths(60)) && p.ShorterUse == "":
		c.Missing(p.At, "product: support from %s to %s is shorter than five years and no shorter_support_rationale explains the expected use", p.PlacedOnMarket, p.SupportEnd)
	case p.SupportEnd.Before(p.PlacedOnMarket.AddMonths(60)):
		c.OK("support period %s to %s is shorter than five years, justified by the expected use", p.PlacedOnMarket, p.SupportEnd)
	default:
		c.OK("support period %s to %s is at least five years", p.PlacedOnMarket, p.SupportEnd)
	}
}

// checkCRAFixedDisclosed (CRA Annex I Part II (4)): every vulnerability
// with a fix available has a published advisory, or a recorded reason to
// delay it (an advisory's embargo_until, or no_advisory_rationale).
func checkCRAFixedDisclosed(in *Input, c *Check) {
	n := 0
	for _, v := range in.File.Vulns {
		if v.Status == ward.VEXNotAffected || (v.Status != ward.VEXFixed && fixAvailableDate(in, v).IsZero()) {
			continue
		}
		n++
		a := findAdvisory(in, v.Advisory)
		switch {
		case v.Advisory == "" && v.NoAdvisory == "":
			c.Missing(v.At, "%s: fixed but no public advisory and no recorded reason to delay it", v.ID)
		case v.Advisory == "":
			c.Cite(v.ID)
		case a == nil:
			c.Missing(v.At, "%s: advisory %s is not among the advisories", v.ID, v.Advisory)
		case a.PublishedAt.After(in.Today) && (a.Embargo.IsZero() || a.Embargo.Before(in.Today)):
			c.Missing(a.At, "%s: advisory %s is not published yet (%s) and has no current embargo", v.ID, a.ID, a.PublishedAt)
		default:
			c.Cite(v.ID, a.ID)
		}
	}
	if n == 0 {
		c.NotApplicable("no vulnerability has been fixed yet")
		return
	}
	c.OK("all %d fixed vulnerabilities are disclosed or have a recorded reason for delay", n)
}

// mdrMinimumTopics are the covers: topics of MDR Annex I 17.4 / 23.4(ab).
var mdrMinimumTopics = []struct{ topic, what string }{
	{"minimum_hardware", "minimum hardware requirements"},
	{"minimum_it_network", "IT network characteristics"},
	{"minimum_it_security", "minimum IT security measures"},
}

// checkMDRMinimumITRequirements (MDR Annex I 17.4, 23.4(ab)): the
// instructions for use or security guide of the release (document kinds
// ifu_security, secure_operation, environment_measures or hardening) cover
// the topics minimum_hardware, minimum_it_network and minimum_it_security.
func checkMDRMinimumITRequirements(in *Input, c *Check) {
	var ifu []*ward.Document
	for _, d := range releaseDocuments(in) {
		switch d.Kind {
		case "ifu_security", "secure_operation", "environment_measures", "hardening":
			ifu = append(ifu, d)
		}
	}
	if len(ifu) == 0 {
		c.Missing(ward.Pos{}, "%s: no IFU or security guide document (kind ifu_security, secure_operation, environment_measures or hardening)", releaseName(in))
		return
	}
	for _, t := range mdrMinimumTopics {
		ids := docIDsCovering(ifu, t.topic)
		if len(ids) == 0 {
			c.Missing(ifu[0].At, "%s: no IFU or security guide states the %s (covers: [%s])", releaseName(in), t.what, t.topic)
			continue
		}
		c.Cite(ids...)
	}
	c.OK("the IFU states minimum hardware, IT network and IT security requirements")
}

// checkMDRVigilanceClocks (MDR Art. 87): whether a vulnerability caused or
// may have caused a serious incident is a vigilance decision the security
// file does not record, so for every vulnerability with a safety impact
// ward computes the Art. 87 deadlines from awareness and hands them to a
// human; with no such vulnerability no clock can run. One with no date to
// count from is a gap.
func checkMDRVigilanceClocks(in *Input, c *Check) {
	var lines []string
	for _, v := range in.File.Vulns {
		if !analysed(v) || v.SafetyImpact == "" || isNoneText(v.SafetyImpact) {
			continue
		}
		start := v.AwareAt
		if start.IsZero() {
			start = v.ReceivedAt
		}
		if start.IsZero() {
			c.Missing(v.At, "%s: safety impact %q but neither aware_at nor received_at, so the Art. 87 deadlines cannot be computed", v.ID, v.SafetyImpact)
			continue
		}
		c.Cite(v.ID)
		lines = append(lines, fmt.Sprintf("%s (aware %s: report by %s, by %s for death or unanticipated serious deterioration, by %s for a serious public health threat)",
			v.ID, start, start.AddDays(15), start.AddDays(10), start.AddDays(2)))
	}
	if len(lines) == 0 {
		c.OK("no vulnerability with a safety impact, so no serious-incident clock runs")
		return
	}
	c.Manual("decide whether these vulnerabilities caused or may have caused a serious incident; if so, Art. 87 deadlines apply: %s", strings.Join(lines, "; "))
}

// fdaClockGaps applies FDA's 2016 postmarket path for uncontrolled risk:
// customers informed with a remediation plan within 30 days of receipt, a
// validated fix available within 60 days. It returns false on a gap.
func fdaClockGaps(in *Input, v *ward.Vulnerability, c *Check) bool {
	if v.ReceivedAt.IsZero() {
		c.Missing(v.At, "%s: uncontrolled risk but no received_at, so the FDA 30/60-day clocks cannot start", v.ID)
		return false
	}
	var informed ward.Date
	if v.Reports != nil {
		informed = v.Reports.CustomersInformed
	}
	ok := deadlineGap(in, c, v, "informing customers (FDA 30 days)", informed, v.ReceivedAt.AddDays(30))
	return deadlineGap(in, c, v, "a validated fix (FDA 60 days)", fixAvailableDate(in, v), v.ReceivedAt.AddDays(60)) && ok
}

// checkFDAUncontrolledRiskPath (FDA postmarket guidance 2016): every
// vulnerability with uncontrolled risk meets the 30-day customer
// notification and 60-day fix deadlines from receipt, and the
// manufacturer takes part in an ISAO (product.isao).
func checkFDAUncontrolledRiskPath(in *Input, c *Check) {
	n := 0
	for _, v := range in.File.Vulns {
		if v.RiskControl != "uncontrolled" || v.Status == ward.VEXNotAffected {
			continue
		}
		n++
		if fdaClockGaps(in, v, c) {
			c.Cite(v.ID)
		}
	}
	if n == 0 {
		c.OK("no vulnerability with uncontrolled risk")
		return
	}
	if p := in.File.Product; p == nil || p.ISAO == "" {
		at := ward.Pos{}
		if p != nil {
			at = p.At
		}
		c.Missing(at, "product: no isao: active ISAO participation is a condition of FDA's uncontrolled-risk path")
	}
	c.OK("all %d uncontrolled-risk vulnerabilities are within FDA's 30/60-day path, with ISAO participation", n)
}

// fdaBundleItem is one item of FDA's premarket documentation list
// (Appendix 4, Table 1) and how ward finds it in the security file.
type fdaBundleItem struct {
	name  string
	found func(in *Input, docs []*ward.Document) []string // IDs of the evidence; nil when missing
	hint  string
}

// some returns ids, or a non-nil empty slice when ok, so that presence
// without an ID still counts.
func some(ok bool, ids ...string) []string {
	if !ok {
		return nil
	}
	return append([]string{}, ids...)
}

var fdaBundle = []fdaBundleItem{
	{"cybersecurity risk management report", func(in *Input, d []*ward.Document) []string {
		ids := docIDsOfKind(d, "risk_management_report")
		return some(len(ids) > 0, ids...)
	}, "a document of kind risk_management_report"},
	{"threat model", func(in *Input, d []*ward.Document) []string {
		return some(in.File.Architecture != nil && len(in.File.Threats) > 0)
	}, "architecture: and threats:"},
	{"cybersecurity risk assessment", func(in *Input, d []*ward.Document) []string {
		return some(len(in.File.Risks) > 0)
	}, "risks:"},
	{"SBOM", func(in *Input, d []*ward.Document) []string {
		if in.Release != nil {
			if s, ok := sbomOfRelease(in, in.Release); ok && s.SBOM != nil {
				return []string{s.Ref.ID}
			}
		}
		ids := docIDsOfKind(d, "sbom_export")
		return some(len(ids) > 0, ids...)
	}, "an SBOM for the release, or a document of kind sbom_export"},
	{"vulnerability and software support assessment", coveringItem("vulnerability_assessment"), "a document with covers: [vulnerability_assessment]"},
	{"unresolved anomalies assessment", coveringItem("unresolved_anomalies"), "a document with covers: [unresolved_anomalies]"},
	{"traceability matrix", coveringItem("traceability"), "a document with covers: [traceability]"},
	{"measures and metrics", coveringItem("metrics"), "a document with covers: [metrics]"},
	{"architecture views", func(in *Input, d []*ward.Document) []string {
		ids := docIDsOfKind(d, "architecture_views")
		return some(len(ids) > 0, ids...)
	}, "a document of kind architecture_views"},
	{"security requirements for all eight control categories", func(in *Input, d []*ward.Document) []string {
		have := map[string]bool{}
		for _, r := range in.File.Requirements {
			have[r.Category] = true
		}
		for _, cat := range []string{"authentication", "authorization", "cryptography", "integrity", "confidentiality", "logging", "resilience", "updatability"} {
			if !have[cat] {
				return nil
			}
		}
		return []string{}
	}, "requirements: in each FDA control category"},
	{"test reports", func(in *Input, d []*ward.Document) []string {
		var ids []string
		for _, t := range releaseTestsOfKind(in, ward.TestPenetration, ward.TestFuzz, ward.TestSCA, ward.TestVulnScan, ward.TestSAST, ward.TestSecurityRequirement, ward.TestThreatMitigation) {
			if t.Report != "" {
				ids = append(ids, t.ID)
			}
		}
		return some(len(ids) > 0, ids...)
	}, "tests: of the release with report:"},
	{"labeling", func(in *Input, d []*ward.Document) []string {
		ids := docIDsOfKind(d, "ifu_security", "secure_operation")
		return some(len(ids) > 0, ids...)
	}, "a document of kind ifu_security or secure_operation"},
	{"cybersecurity management plan", func(in *Input, d []*ward.Document) []string {
		ids := docIDsOfKind(d, "management_plan")
		return some(len(ids) > 0, ids...)
	}, "a document of kind management_plan"},
}

// coveringItem finds documents that cover the topic.
func coveringItem(topic string) func(*Input, []*ward.Document) []string {
	return func(in *Input, d []*ward.Document) []string {
		ids := docIDsCovering(d, topic)
		return some(len(ids) > 0, ids...)
	}
}

// checkFDASubmissionBundle (FDA premarket guidance, Appendix 4 Table 1):
// the release's documentation holds every item of FDA's list. Items that
// are documents are found by kind or by a covers: topic
// (vulnerability_assessment, unresolved_anomalies, traceability, metrics);
// the rest are read from the records. The model has no way to mark an item
// N/A with a reason, so a missing item is a gap.
func checkFDASubmissionBundle(in *Input, c *Check) {
	docs := releaseDocuments(in)
	for _, item := range fdaBundle {
		ids := item.found(in, docs)
		if ids == nil {
			c.Missing(ward.Pos{}, "FDA submission: no %s (%s)", item.name, item.hint)
			continue
		}
		c.Cite(ids...)
	}
	c.OK("all %d items of FDA's premarket cybersecurity documentation are present", len(fdaBundle))
}

// fdaViews are the architecture views of FDA's guidance (V.B.2) and the
// covers: topics that name them.
var fdaViews = []struct {
	name   string
	topics []string
}{
	{"global system view", []string{"global_system_view", "global_system"}},
	{"multi-patient harm view", []string{"multi_patient_harm_view", "multi_patient_harm"}},
	{"updateability/patchability view", []string{"updateability_view", "updatability_view", "patchability_view", "updateability"}},
	{"security use case views", []string{"security_use_case_view", "security_use_case_views", "security_use_case"}},
}

// checkFDAArchitectureViews (FDA V.B.2): documents of kind
// architecture_views together cover the four view types, named in covers:
// as global_system_view, multi_patient_harm_view, updateability_view and
// security_use_case_view. The model has no field for the written reason
// that may replace a view, so a missing view is a gap.
func checkFDAArchitectureViews(in *Input, c *Check) {
	var views []*ward.Document
	for _, d := range in.File.Documents {
		if d.Kind == "architecture_views" {
			views = append(views, d)
		}
	}
	if len(views) == 0 {
		c.Missing(ward.Pos{}, "no document of kind architecture_views")
		return
	}
	for _, v := range fdaViews {
		var ids []string
		for _, t := range v.topics {
			ids = append(ids, docIDsCovering(views, t)...)
		}
		if len(ids) == 0 {
			c.Missing(views[0].At, "architecture views: no %s (covers: [%s])", v.name, v.topics[0])
			continue
		}
		c.Cite(ids...)
	}
	c.OK("all four FDA architecture views are documented")
}

// fdaLabelingItems are the 14 labeling topics of FDA's guidance (VI.A):
// the covers: topic that answers each, and document kinds that answer it
// by their nature.
var fdaLabelingItems = []struct {
	topic, what string
	kinds       []string
}{
	{"recommended_controls", "security controls recommended for the use environment", []string{"environment_measures"}},
	{"network_diagrams", "diagrams that let users put the controls in place", nil},
	{"port_list", "network ports and interfaces with function, direction and endpoints", []string{"port_list"}},
	{"infrastructure_requirements", "supporting infrastructure, secure deployment and what to do on an incident", nil},
	{"sbom", "the SBOM", []string{"sbom_export"}},
	{"software_updates", "how to obtain authorised software and learn of new versions", []string{"update_information"}},
	{"security_event_logging", "how the device responds to and logs security events", nil},
	{"critical_function_protection", "features that protect critical functions (backup mode, port disabling)", nil},
	{"backup_restore", "backup and restore of authenticated configurations", nil},
	{"configuration_recovery", "configuration retention and recovery by authorised users", nil},
	{"secure_configuration", "secure shipped configuration and risky user changes", []string{"hardening"}},
	{"forensic_logs", "forensic evidence and logs: location, format, retention", nil},
	{"end_of_support", "end of support and end of life", nil},
	{"decommissioning", "secure decommissioning", []string{"decommissioning"}},
}

// checkFDALabelingChecklist (FDA VI.A): the release's documents answer all
// 14 labeling topics, each by a covers: topic (recommended_controls,
// network_diagrams, port_list, infrastructure_requirements, sbom,
// software_updates, security_event_logging, critical_function_protection,
// backup_restore, configuration_recovery, secure_configuration,
// forensic_logs, end_of_support, decommissioning) or by a document of a
// kind that is that topic (port_list, sbom_export, update_information,
// hardening, decommissioning, environment_measures). The model has no way
// to mark a topic N/A with a reason.
func checkFDALabelingChecklist(in *Input, c *Check) {
	docs := releaseDocuments(in)
	for _, item := range fdaLabelingItems {
		ids := append(docIDsCovering(docs, item.topic), docIDsOfKind(docs, item.kinds...)...)
		if len(ids) == 0 {
			c.Missing(ward.Pos{}, "labeling: nothing answers %s (covers: [%s])", item.what, item.topic)
			continue
		}
		c.Cite(ids...)
	}
	c.OK("the labeling answers all %d FDA topics", len(fdaLabelingItems))
}

// fdaPlanElements are the nine elements of FDA's management plan (VI.B).
var fdaPlanElements = []string{"personnel", "monitoring_sources", "kev_handling", "periodic_testing", "patch_timeline",
	"update_process", "patching_capability", "cvd", "customer_communication"}

// checkFDAManagementPlan (FDA VI.B, VII.C.1): the maintenance plan lists
// all nine management-plan elements, a justified regular update cycle,
// and an out-of-cycle path.
func checkFDAManagementPlan(in *Input, c *Check) {
	mp := in.File.Maintenance
	if mp == nil {
		c.Missing(ward.Pos{}, "no maintenance: section (the cybersecurity management plan)")
		return
	}
	for _, e := range fdaPlanElements {
		if !contains(mp.PlanElements, e) {
			c.Missing(mp.At, "maintenance: plan_elements lacks %s", e)
		}
	}
	if mp.RegularCycle == "" || mp.Justification == "" {
		c.Missing(mp.At, "maintenance: no justified regular update cycle (regular_cycle and justification)")
	}
	out := false
	for _, t := range mp.UpdateTargets {
		out = out || t.OutOfCycle
	}
	if !out {
		c.Missing(mp.At, "maintenance: no out-of-cycle path for critical vulnerabilities (an update target with out_of_cycle: true)")
	}
	c.Cite(mp.Document)
	c.OK("the management plan has all nine FDA elements, a justified regular cycle and an out-of-cycle path")
}

// affectsRelease reports whether a vulnerability concerns the release
// under evaluation: it lists the release, or (listing none) names a
// component found in the release's SBOM.
func affectsRelease(in *Input, v *ward.Vulnerability) bool {
	if in.Release == nil || contains(v.Releases, in.Release.Version) {
		return true
	}
	if len(v.Releases) > 0 {
		return false
	}
	for _, comp := range in.SBOMComponents() {
		if it := in.ItemFor(comp); it != nil && contains(v.Components, it.ID) {
			return true
		}
	}
	return false
}

// checkFDAKnownVulnerabilities (FDA V.A.4(b)): every known vulnerability
// of the release's components records how it was discovered (source) and
// its safety and security assessment: safety impact, impact analysis, a
// severity or CVSS vector, the risk-control verdict, and the threats
// through which its controls trace (or a rationale).
func checkFDAKnownVulnerabilities(in *Input, c *Check) {
	n := 0
	for _, v := range in.File.Vulns {
		if v.Status == ward.VEXNotAffected || v.Status == ward.VEXFixed || !affectsRelease(in, v) {
			continue
		}
		n++
		var lacks []string
		if v.Source == "" {
			lacks = append(lacks, "how it was discovered (source)")
		}
		if v.SafetyImpact == "" {
			lacks = append(lacks, "safety assessment (safety_impact)")
		}
		if v.Impact == "" || (v.CVSS == "" && v.Severity == "") {
			lacks = append(lacks, "security assessment (impact and cvss or severity)")
		}
		if v.RiskControl == "" {
			lacks = append(lacks, "risk_control")
		}
		if len(v.Threats) == 0 && v.Rationale == "" {
			lacks = append(lacks, "the controls that address it (threats: or rationale)")
		}
		if len(lacks) > 0 {
			c.Missing(v.At, "%s: no %s", v.ID, strings.Join(lacks, ", no "))
			continue
		}
		c.Cite(v.ID)
	}
	if n == 0 {
		c.OK("no known open vulnerability in the components of %s", releaseName(in))
		return
	}
	c.OK("all %d known vulnerabilities of %s record discovery and a safety and security assessment", n, releaseName(in))
}

// retestKinds are the tests that count as post-release security testing.
var retestKinds = []ward.TestKind{ward.TestPenetration, ward.TestDAST, ward.TestVulnScan, ward.TestSCA, ward.TestFuzz}

// checkPostReleaseRetest (FDA): once the first release is older than the
// policy's retest interval, security testing (penetration, DAST,
// vulnerability scan, SCA or fuzzing) has run within that interval.
func checkPostReleaseRetest(in *Input, c *Check) {
	first := firstRelease(in)
	if first == nil {
		c.NotApplicable("no release yet, so no post-release testing is due")
		return
	}
	due := first.Date.AddMonths(in.Policy.RetestMonths)
	if in.Today.Before(due) {
		c.OK("first release %s is of %s; the first re-test is due by %s", first.Version, first.Date, due)
		return
	}
	var last *ward.Test
	for _, t := range in.File.Tests {
		if kindIn(t.Kind, retestKinds) && testRan(t) && t.Date.After(first.Date) && !t.Date.After(in.Today) {
			if last == nil || t.Date.After(last.Date) {
				last = t
			}
		}
	}
	oldest := in.Today.AddMonths(-in.Policy.RetestMonths)
	switch {
	case last == nil:
		c.Missing(first.At, "no security test since release %s of %s; re-testing is due every %d months", first.Version, first.Date, in.Policy.RetestMonths)
	case last.Date.Before(oldest):
		c.Missing(last.At, "%s of %s is the latest security test; re-testing is due every %d months (by %s)", last.ID, last.Date, in.Policy.RetestMonths, last.Date.AddMonths(in.Policy.RetestMonths))
	default:
		c.Cite(last.ID)
		c.OK("latest post-release security test %s of %s is within %d months", last.ID, last.Date, in.Policy.RetestMonths)
	}
}
