package gap

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wardhq/ward"
)

// valid89 returns a security file that passes every rule of clauses 8
// and 9, Annex F and the regulatory overlays (R8-2 and RX-3 aside, which
// always leave part to a human), with the SBOM of release 2.0.0 from
// sbom89. VUL-1 is open and affects 2.0.0; VUL-2 is fixed and closed.
func valid89(muts ...func(*ward.SecurityFile)) *ward.SecurityFile {
	day := ward.MustDate
	doc := func(id, kind string, covers ...string) *ward.Document {
		return &ward.Document{ID: id, Kind: kind, Title: id, Version: "1", Author: "t.test", Covers: covers}
	}
	sf := &ward.SecurityFile{
		Product: &ward.Product{ID: "pump", Name: "Pump", Manufacturer: "Acme Medical", Kind: ward.ProductMedicalDevice,
			Regulations: []ward.Regulation{ward.RegMDR, ward.RegFDA524B, ward.RegCRA}, Repository: "git.acme.example/pump",
			SourceEscrow: "nightly mirror to escrow agent", PlacedOnMarket: day("2026-01-15"), SupportEnd: day("2032-01-15"), ISAO: "H-ISAC"},
		People:       []*ward.Person{{ID: "t.test", Name: "Tom Test"}},
		Architecture: &ward.Architecture{Version: "3", Methodology: "STRIDE"},
		Threats:      []*ward.Threat{{ID: "THR-1", Title: "Memory corruption", Decision: "mitigated"}},
		Risks:        []*ward.Risk{{ID: "RSK-1", Threats: []string{"THR-1"}, Method: "CVSS", Pre: &ward.RiskScore{Severity: "high"}, Criterion: "AC-1"}},
		Components:   []*ward.SoftwareItem{{ID: "CMP-ssl", Name: "openssl", Version: "3.0.15", PURL: "pkg:generic/openssl@3.0.15", Origin: "open_source", Category: "maintained"}},
		SBOMs:        []*ward.SBOMRef{{ID: "SBOM-2", Path: "sbom.cdx.json", Release: "2.0.0", Tool: "syft"}},
		Releases: []*ward.ReleaseRecord{{Version: "2.0.0", Date: day("2026-11-01"), Commit: "abc123", SBOM: "SBOM-2",
			Artifacts: []*ward.Artifact{{Name: "pump.img", SHA256: strings.Repeat("0f", 32)}}}},
		Tests: []*ward.Test{
			{ID: "TST-R", Title: "Pentest", Kind: ward.TestPenetration, ExecutedBy: []string{"t.test"}, Date: day("2026-10-20"),
				Release: "2.0.0", Result: "pass", Report: "reports/pentest.pdf", SHA256: strings.Repeat("a1", 32)},
			{ID: "TST-V", Title: "VUL-2 fixed", Kind: ward.TestSecurityRequirement, ExecutedBy: []string{"t.test"}, Date: day("2026-10-19"),
				Release: "2.0.0", Result: "pass"},
		},
		Vulns: []*ward.Vulnerability{
			{ID: "VUL-1", Title: "openssl overflow", Source: "researcher", ReceivedAt: day("2026-11-02"), AcknowledgedAt: day("2026-11-03"),
				TriagedAt: day("2026-11-04"), Components: []string{"CMP-ssl"}, Releases: []string{"2.0.0"}, Status: ward.VEXAffected,
				Verified: pbool(true), Threats: []string{"THR-1"}, CVSS: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", Severity: "high",
				Impact: "reachable only from the clinical VLAN", RootCause: "unchecked length", SafetyImpact: "none",
				RiskControl: "controlled", Disposition: "fix", DispositionBy: "t.test", TargetDate: day("2026-12-15")},
			{ID: "VUL-2", Title: "log injection", Source: "internal", ReceivedAt: day("2026-10-01"), TriagedAt: day("2026-10-02"),
				Releases: []string{"2.0.0"}, Status: ward.VEXFixed, Verified: pbool(true), Threats: []string{"THR-1"},
				CVSS: "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:L/A:N", Severity: "medium", Impact: "log entries can be forged",
				RootCause: "no output encoding", SafetyImpact: "none", RiskControl: "controlled", Disposition: "fix",
				DispositionBy: "t.test", TargetDate: day("2026-10-20"), FixAvailableAt: day("2026-10-20"), ClosedAt: day("2026-10-21"),
				Verification: []string{"TST-V"}, Advisory: "ADV-1"},
		},
		Advisories: []*ward.CustomerAdvisory{{ID: "ADV-1", Title: "Log injection", Vulnerabilities: []string{"VUL-2"},
			PublishedAt: day("2026-10-26"), AffectedReleases: []string{"2.0.0"}, Severity: "CVSS:3.1 4.3 medium"}},
		Maintenance: &ward.MaintenancePlan{
			UpdateTargets: []*ward.UpdateTarget{{Severity: "critical", Days: 15, OutOfCycle: true}, {Severity: "high", Days: 30}},
			Justification: "validation takes two weeks", RegularCycle: "quarterly", Document: "DOC-MP",
			PlanElements: slices.Clone(fdaPlanElements),
		},
		Documents: []*ward.Document{
			doc("DOC-RMR", "risk_management_report"),
			doc("DOC-AV", "architecture_views", "global_system_view", "multi_patient_harm_view", "updateability_view", "security_use_case_view"),
			doc("DOC-MP", "management_plan"),
			doc("DOC-IFU", "ifu_security", "minimum_hardware", "minimum_it_network", "minimum_it_security",
				"recommended_controls", "network_diagrams", "port_list", "infrastructure_requirements", "sbom", "software_updates",
				"security_event_logging", "critical_function_protection", "backup_restore", "configuration_recovery",
				"secure_configuration", "forensic_logs", "end_of_support", "decommissioning"),
			doc("DOC-FDA", "other", "vulnerability_assessment", "unresolved_anomalies", "traceability", "metrics"),
		},
		Policy: &ward.Policy{Criteria: []*ward.Criterion{{ID: "AC-1", Description: "residual low at most", MaxResidual: "low"}}},
	}
	for _, cat := range []string{"authentication", "authorization", "cryptography", "integrity", "confidentiality", "logging", "resilience", "updatability"} {
		sf.Requirements = append(sf.Requirements, &ward.Requirement{ID: "REQ-" + cat, Title: cat, Category: cat})
	}
	for _, m := range muts {
		m(sf)
	}
	return sf
}

// sbom89 returns the loaded SBOM of release 2.0.0 in valid89, changed by
// the mutators.
func sbom89(muts ...func(*ward.SBOM)) []LoadedSBOM {
	sb := &ward.SBOM{Source: "sbom.cdx.json", Format: "CycloneDX", Created: time.Date(2026, 10, 31, 12, 0, 0, 0, time.UTC),
		Authors: []string{"Acme Medical"}, Tools: []string{"syft 1.18.0"},
		Components: []*ward.Component{{Ref: "c1", Name: "openssl", Version: "3.0.15", Supplier: "OpenSSL Foundation",
			PURL: "pkg:generic/openssl@3.0.15", Pos: ward.Pos{Line: 12}}},
		Dependencies: map[string][]string{"root": {"c1"}}}
	for _, m := range muts {
		m(sb)
	}
	return []LoadedSBOM{{Ref: &ward.SBOMRef{ID: "SBOM-2", Path: "sbom.cdx.json", Release: "2.0.0", Tool: "syft"}, SBOM: sb}}
}

// exploited89 marks VUL-1 actively exploited, fixed by an out-of-cycle
// update on 2026-11-10 and reported to the CRA authorities in time.
func exploited89(sf *ward.SecurityFile) {
	v := sf.Vulns[0]
	v.Exploited, v.AwareAt = true, ward.MustDate("2026-11-02")
	v.Reports = &ward.RegulatoryReports{CRAEarlyWarning: ward.MustDate("2026-11-03"), CRANotification: ward.MustDate("2026-11-05"),
		CRAFinal: ward.MustDate("2026-11-20")}
	sf.Updates = []*ward.SecurityUpdate{{ID: "UPD-1", Release: "2.0.1", Vulnerabilities: []string{"VUL-1"}, Cadence: "out_of_cycle",
		AvailableAt: ward.MustDate("2026-11-10")}}
}

func vuln89(sf *ward.SecurityFile, id string) *ward.Vulnerability {
	for _, v := range sf.Vulns {
		if v.ID == id {
			return v
		}
	}
	panic("no vulnerability " + id)
}

func doc89(sf *ward.SecurityFile, id string) *ward.Document {
	for _, d := range sf.Documents {
		if d.ID == id {
			return d
		}
	}
	panic("no document " + id)
}

func cases89() []ruleCase {
	day := ward.MustDate
	s := sbom89()
	return []ruleCase{
		// 8
		{name: "complete SBOM", rule: "R8-1", sf: valid89(), sboms: s, want: Pass},
		{name: "component without supplier", rule: "R8-1", want: Fail, text: "openssl@3.0.15", sf: valid89(),
			sboms: sbom89(func(sb *ward.SBOM) { sb.Components[0].Supplier = "" })},
		{name: "SBOM without timestamp", rule: "R8-1", want: Fail, text: "SBOM-2", sf: valid89(),
			sboms: sbom89(func(sb *ward.SBOM) { sb.Created = time.Time{} })},
		{name: "release without SBOM", rule: "R8-1", want: Fail, text: "release 2.0.0", sf: valid89(func(sf *ward.SecurityFile) {
			sf.Releases[0].SBOM, sf.SBOMs = "", nil
		})},
		{name: "SBOM not read", rule: "R8-1", want: Fail, text: "SBOM-2", sf: valid89(),
			sboms: []LoadedSBOM{{Ref: &ward.SBOMRef{ID: "SBOM-2", Path: "sbom.cdx.json", Release: "2.0.0"}, Err: errTest}}},
		// R8-2 leaves the lock-data comparison to a human, so it never passes.
		{name: "artifacts hashed, lock data to compare", rule: "R8-2", sf: valid89(), sboms: s, want: RuleManual},
		{name: "artifact without SHA-256", rule: "R8-2", want: Fail, text: "pump.img", sf: valid89(func(sf *ward.SecurityFile) {
			sf.Releases[0].Artifacts[0].SHA256 = "abc"
		})},
		{name: "supported releases have SBOMs", rule: "R8-3", sf: valid89(), sboms: s, want: Pass},
		{name: "supported release without SBOM", rule: "R8-3", want: Fail, text: "1.0.0", sboms: s, sf: valid89(func(sf *ward.SecurityFile) {
			sf.Releases = append(sf.Releases, &ward.ReleaseRecord{Version: "1.0.0", Date: day("2026-02-01"), Commit: "old"})
		})},
		{name: "repository and escrow", rule: "R8-4", sf: valid89(), want: Pass},
		{name: "no escrow", rule: "R8-4", want: Fail, text: "source_escrow", sf: valid89(func(sf *ward.SecurityFile) {
			sf.Product.SourceEscrow = ""
		})},
		{name: "reports hashed", rule: "RX-1", sf: valid89(), want: Pass},
		{name: "report hash malformed", rule: "RX-1", want: Fail, text: "TST-R", sf: valid89(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-R").SHA256 = "not-a-digest"
		})},
		{name: "no report files", rule: "RX-1", want: RuleNA, sf: valid89(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-R").Report = ""
		})},
		// RX-3 needs the repository's history, so it never passes here.
		{name: "kept in a repository", rule: "RX-3", sf: valid89(), want: RuleManual},
		{name: "no repository", rule: "RX-3", want: Fail, text: "repository", sf: valid89(func(sf *ward.SecurityFile) {
			sf.Product.Repository = ""
		})},
		// 9.2
		{name: "logged and acknowledged", rule: "R92-1", sf: valid89(), want: Pass},
		{name: "acknowledged late", rule: "R92-1", want: Fail, text: "VUL-1", sf: valid89(func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-1").AcknowledgedAt = day("2026-11-20")
		})},
		{name: "never acknowledged, overdue", rule: "R92-1", want: Fail, text: "VUL-1", sf: valid89(func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-1").AcknowledgedAt = ward.Date{}
		})},
		{name: "acknowledgement not yet due", rule: "R92-1", want: Pass, sf: valid89(func(sf *ward.SecurityFile) {
			v := vuln89(sf, "VUL-1")
			v.ReceivedAt, v.AcknowledgedAt = day("2026-11-25"), ward.Date{}
		})},
		// 9.3
		{name: "triaged in time and completely", rule: "R93-1", sf: valid89(), want: Pass},
		{name: "triaged late", rule: "R93-1", want: Fail, text: "VUL-1", sf: valid89(func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-1").TriagedAt = day("2026-11-20")
		})},
		{name: "reproduction not recorded", rule: "R93-1", want: Fail, text: "VUL-2", sf: valid89(func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-2").Verified = nil
		})},
		{name: "not affected without justification", rule: "R93-1", want: Fail, text: "VUL-1", sf: valid89(func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-1").Status = ward.VEXNotAffected
		})},
		// 9.4
		{name: "fully analysed", rule: "R94-1", sf: valid89(), want: Pass},
		{name: "no CVSS vector", rule: "R94-1", want: Fail, text: "VUL-1", sf: valid89(func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-1").CVSS = "7.4"
		})},
		{name: "safety impact without hazard", rule: "R94-1", want: Fail, text: "VUL-2", sf: valid89(func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-2").SafetyImpact = "infusion may stop"
		})},
		{name: "affected releases match SBOMs", rule: "R94-2", sf: valid89(), sboms: s, want: Pass},
		{name: "release with the component not listed", rule: "R94-2", want: Fail, text: "VUL-1", sboms: s, sf: valid89(func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-1").Releases = nil
		})},
		{name: "listed release without the component", rule: "R94-2", want: Fail, text: "1.0.0", sf: valid89(func(sf *ward.SecurityFile) {
			sf.Releases = append(sf.Releases, &ward.ReleaseRecord{Version: "1.0.0", Date: day("2026-02-01"), Commit: "old", SBOM: "SBOM-1"})
			vuln89(sf, "VUL-1").Releases = []string{"1.0.0", "2.0.0"}
		}), sboms: append(sbom89(), LoadedSBOM{Ref: &ward.SBOMRef{ID: "SBOM-1", Path: "old.cdx.json", Release: "1.0.0"},
			SBOM: &ward.SBOM{Components: []*ward.Component{{Name: "zlib", Version: "1.3"}}}})},
		// 9.5
		{name: "approved dispositions", rule: "R95-1", sf: valid89(), want: Pass},
		{name: "disposition not approved", rule: "R95-1", want: Fail, text: "VUL-1", sf: valid89(func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-1").DispositionBy = ""
		})},
		{name: "target beyond fix deadline", rule: "R95-1", want: Fail, text: "VUL-1", sf: valid89(func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-1").TargetDate = day("2027-03-01")
		})},
		{name: "acceptance tied to no criterion", rule: "R95-1", want: Fail, text: "VUL-1", sf: valid89(func(sf *ward.SecurityFile) {
			v := vuln89(sf, "VUL-1")
			v.Disposition, v.Rationale, v.Threats = "accept", "low risk", nil
		})},
		{name: "acceptance citing a criterion", rule: "R95-1", want: Pass, sf: valid89(func(sf *ward.SecurityFile) {
			v := vuln89(sf, "VUL-1")
			v.Disposition, v.Rationale, v.Threats = "accept", "residual risk within AC-1", nil
		})},
		{name: "closure verified and communicated", rule: "R95-2", sf: valid89(), want: Pass},
		{name: "closed without communication decision", rule: "R95-2", want: Fail, text: "VUL-2", sf: valid89(func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-2").Advisory = ""
		})},
		{name: "closed without passing verification", rule: "R95-2", want: Fail, text: "VUL-2", sf: valid89(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-V").Result = "fail"
		})},
		{name: "nothing exploited", rule: "R95-3", sf: valid89(), want: RuleNA},
		{name: "exploited and escalated", rule: "R95-3", sf: valid89(exploited89), want: Pass},
		{name: "exploited but fixed in the regular cycle", rule: "R95-3", want: Fail, text: "VUL-1", sf: valid89(exploited89, func(sf *ward.SecurityFile) {
			sf.Updates[0].Cadence = "regular"
		})},
		{name: "exploited without aware date", rule: "R95-3", want: Fail, text: "VUL-1", sf: valid89(exploited89, func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-1").AwareAt = ward.Date{}
		})},
		// Annex F
		{name: "gap assessment reviewed", rule: "RF-1", want: Pass, sf: valid89(func(sf *ward.SecurityFile) {
			sf.Product.Transitional = true
			sf.Documents = append(sf.Documents, &ward.Document{ID: "DOC-GAP", Kind: "conformance", Title: "Annex F gap assessment",
				Version: "1", Author: "t.test", ReviewedBy: "t.test", ReviewedAt: day("2026-06-01"), Covers: []string{"gap_assessment"}})
		})},
		{name: "gap assessment not reviewed", rule: "RF-1", want: Fail, text: "DOC-GAP", sf: valid89(func(sf *ward.SecurityFile) {
			sf.Product.Transitional = true
			sf.Documents = append(sf.Documents, &ward.Document{ID: "DOC-GAP", Kind: "conformance", Title: "gaps",
				Version: "1", Author: "t.test", Covers: []string{"gap_assessment"}})
		})},
		{name: "no gap assessment", rule: "RF-1", want: Fail, text: "gap_assessment", sf: valid89(func(sf *ward.SecurityFile) {
			sf.Product.Transitional = true
		})},
		{name: "not transitional", rule: "RF-1", sf: valid89(), want: RuleNA},
		// CRA
		{name: "CRA reports in time", rule: "R-CRA-1", sf: valid89(exploited89), want: Pass},
		{name: "CRA notification overdue", rule: "R-CRA-1", want: Fail, text: "VUL-1", sf: valid89(exploited89, func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-1").Reports.CRANotification = ward.Date{}
		})},
		{name: "CRA early warning late", rule: "R-CRA-1", want: Fail, text: "VUL-1", sf: valid89(exploited89, func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-1").Reports.CRAEarlyWarning = day("2026-11-06")
		})},
		{name: "CRA reports not yet due", rule: "R-CRA-1", want: Pass, sf: valid89(exploited89, func(sf *ward.SecurityFile) {
			v := vuln89(sf, "VUL-1")
			v.AwareAt, v.Reports, sf.Updates = day("2026-11-26"), nil, nil
		})},
		{name: "aware before CRA reporting applies", rule: "R-CRA-1", want: Pass, sf: valid89(exploited89, func(sf *ward.SecurityFile) {
			v := vuln89(sf, "VUL-1")
			v.AwareAt, v.Reports = day("2026-08-01"), nil
		})},
		{name: "five-year support", rule: "R-CRA-2", sf: valid89(), want: Pass},
		{name: "short support unexplained", rule: "R-CRA-2", want: Fail, text: "product", sf: valid89(func(sf *ward.SecurityFile) {
			sf.Product.SupportEnd = day("2029-01-15")
		})},
		{name: "short support explained", rule: "R-CRA-2", want: Pass, sf: valid89(func(sf *ward.SecurityFile) {
			sf.Product.SupportEnd, sf.Product.ShorterUse = day("2029-01-15"), "single-use study device, used for 3 years"
		})},
		{name: "fixed vulnerability disclosed", rule: "R-CRA-3", sf: valid89(), want: Pass},
		{name: "fixed vulnerability undisclosed", rule: "R-CRA-3", want: Fail, text: "VUL-2", sf: valid89(func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-2").Advisory = ""
		})},
		// MDR
		{name: "minimum IT requirements stated", rule: "R-MDR-1", sf: valid89(), want: Pass},
		{name: "IT network minimum missing", rule: "R-MDR-1", want: Fail, text: "minimum_it_network", sf: valid89(func(sf *ward.SecurityFile) {
			d := doc89(sf, "DOC-IFU")
			d.Covers = slices.DeleteFunc(d.Covers, func(c string) bool { return c == "minimum_it_network" })
		})},
		{name: "no safety-impacting vulnerability", rule: "R-MDR-2", sf: valid89(), want: Pass},
		{name: "safety impact needs a vigilance decision", rule: "R-MDR-2", want: RuleManual, sf: valid89(func(sf *ward.SecurityFile) {
			v := vuln89(sf, "VUL-1")
			v.SafetyImpact, v.Hazards = "infusion may stop", []string{"HAZ-2"}
		})},
		{name: "safety impact without a date to count from", rule: "R-MDR-2", want: Fail, text: "VUL-1", sf: valid89(func(sf *ward.SecurityFile) {
			v := vuln89(sf, "VUL-1")
			v.SafetyImpact, v.Hazards, v.ReceivedAt = "infusion may stop", []string{"HAZ-2"}, ward.Date{}
		})},
		// FDA
		{name: "uncontrolled risk within 30/60 days", rule: "R-FDA-1", want: Pass, sf: valid89(func(sf *ward.SecurityFile) {
			v := vuln89(sf, "VUL-1")
			v.RiskControl, v.FixAvailableAt = "uncontrolled", day("2026-11-20")
			v.Reports = &ward.RegulatoryReports{CustomersInformed: day("2026-11-10")}
		})},
		{name: "customers not informed in 30 days", rule: "R-FDA-1", want: Fail, text: "VUL-1", sf: valid89(func(sf *ward.SecurityFile) {
			v := vuln89(sf, "VUL-1")
			v.RiskControl, v.ReceivedAt = "uncontrolled", day("2026-09-01")
		})},
		{name: "no ISAO", rule: "R-FDA-1", want: Fail, text: "isao", sf: valid89(func(sf *ward.SecurityFile) {
			v := vuln89(sf, "VUL-1")
			v.RiskControl, sf.Product.ISAO = "uncontrolled", ""
		})},
		{name: "submission bundle complete", rule: "R-FDA-2", sf: valid89(), sboms: s, want: Pass},
		{name: "no risk management report", rule: "R-FDA-2", want: Fail, text: "risk management report", sboms: s, sf: valid89(func(sf *ward.SecurityFile) {
			doc89(sf, "DOC-RMR").Kind = "other"
		})},
		{name: "a control category has no requirement", rule: "R-FDA-2", want: Fail, text: "control categor", sboms: s, sf: valid89(func(sf *ward.SecurityFile) {
			sf.Requirements = sf.Requirements[1:]
		})},
		{name: "four views", rule: "R-FDA-3", sf: valid89(), want: Pass},
		{name: "multi-patient harm view missing", rule: "R-FDA-3", want: Fail, text: "multi_patient_harm_view", sf: valid89(func(sf *ward.SecurityFile) {
			doc89(sf, "DOC-AV").Covers = []string{"global_system_view", "updateability_view", "security_use_case_view"}
		})},
		{name: "labeling checklist answered", rule: "R-FDA-4", sf: valid89(), want: Pass},
		{name: "forensic logs unanswered", rule: "R-FDA-4", want: Fail, text: "forensic_logs", sf: valid89(func(sf *ward.SecurityFile) {
			d := doc89(sf, "DOC-IFU")
			d.Covers = slices.DeleteFunc(d.Covers, func(c string) bool { return c == "forensic_logs" })
		})},
		{name: "management plan complete", rule: "R-FDA-5", sf: valid89(), want: Pass},
		{name: "no CVD element", rule: "R-FDA-5", want: Fail, text: "cvd", sf: valid89(func(sf *ward.SecurityFile) {
			sf.Maintenance.PlanElements = slices.DeleteFunc(sf.Maintenance.PlanElements, func(e string) bool { return e == "cvd" })
		})},
		{name: "known vulnerabilities assessed", rule: "R-FDA-6", sf: valid89(), want: Pass},
		{name: "no safety assessment", rule: "R-FDA-6", want: Fail, text: "VUL-1", sf: valid89(func(sf *ward.SecurityFile) {
			vuln89(sf, "VUL-1").SafetyImpact = ""
		})},
		{name: "first re-test not yet due", rule: "R-FDA-7", sf: valid89(), want: Pass},
		{name: "re-tested within a year", rule: "R-FDA-7", want: Pass, sf: valid89(func(sf *ward.SecurityFile) {
			sf.Releases = append(sf.Releases, &ward.ReleaseRecord{Version: "1.0.0", Date: day("2025-06-01"), Commit: "old"})
		})},
		{name: "re-test overdue", rule: "R-FDA-7", want: Fail, text: "TST-R", sf: valid89(func(sf *ward.SecurityFile) {
			sf.Releases = append(sf.Releases, &ward.ReleaseRecord{Version: "1.0.0", Date: day("2025-06-01"), Commit: "old"})
			testByID(sf, "TST-R").Date = day("2025-09-01")
		})},
	}
}

type testError string

func (e testError) Error() string { return string(e) }

var errTest = testError("unexpected end of JSON input")

func TestRules89(t *testing.T) {
	t.Parallel()
	runGapCases(t, cases89())
}

// rulesB are the rules these test files own. Each needs a failing case,
// and a passing one unless its check always leaves part to a human.
var rulesB = []string{
	"R571-1", "R571-2", "R572-1", "R572-2", "R573-1", "R573-2", "R573-3", "R573-4", "R574-1", "R574-2", "R574-3",
	"R575-1", "R575-2", "R575-3",
	"R611-1", "R611-2", "R611-3", "R621-1", "R621-2", "R622-1", "R631-1", "R632-1", "R633-1",
	"R712-1", "R72-1", "R72-2", "R72-3", "R72-4", "R72-5", "R73-1", "R73-2", "R73-3", "R74-1", "R74-2", "R74-3", "R75-1", "RX-2",
	"R8-1", "R8-2", "R8-3", "R8-4", "RX-1", "RX-3",
	"R92-1", "R93-1", "R94-1", "R94-2", "R95-1", "R95-2", "R95-3", "RF-1",
	"R-CRA-1", "R-CRA-2", "R-CRA-3", "R-MDR-1", "R-MDR-2",
	"R-FDA-1", "R-FDA-2", "R-FDA-3", "R-FDA-4", "R-FDA-5", "R-FDA-6", "R-FDA-7",
}

// neverPass are the rules whose check hands part of the decision to a
// human even when the data is complete.
var neverPass = map[string]bool{"R74-2": true, "R8-2": true, "RX-3": true}

func TestRulesBCovered(t *testing.T) {
	t.Parallel()
	cat, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]map[RuleStatus]bool{}
	for _, list := range [][]ruleCase{cases57(), cases6(), cases7(), cases89()} {
		for _, tc := range list {
			if seen[tc.rule] == nil {
				seen[tc.rule] = map[RuleStatus]bool{}
			}
			seen[tc.rule][tc.want] = true
		}
	}
	inCatalog := map[string]bool{}
	for _, cl := range cat.Clauses {
		for _, r := range cl.Rules {
			inCatalog[r.ID] = true
		}
	}
	for _, id := range rulesB {
		if !inCatalog[id] {
			t.Errorf("%s is not in the catalog", id)
		}
		if _, ok := checks[id]; !ok {
			t.Errorf("%s has no check", id)
		}
		if !seen[id][Fail] {
			t.Errorf("%s has no failing case", id)
		}
		if !seen[id][Pass] && !neverPass[id] {
			t.Errorf("%s has no passing case", id)
		}
	}
}

// TestRulesBEmptyFile runs every check on an empty security file and on
// one with empty sections: none may panic on missing sections.
func TestRulesBEmptyFile(t *testing.T) {
	t.Parallel()
	files := map[string]*ward.SecurityFile{
		"empty": {},
		"empty sections": {Product: &ward.Product{}, Context: &ward.SecurityContext{}, Architecture: &ward.Architecture{},
			Maintenance: &ward.MaintenancePlan{}, Policy: &ward.Policy{},
			Releases: []*ward.ReleaseRecord{{Version: "1.0.0", SBOM: "SBOM-X"}},
			Vulns:    []*ward.Vulnerability{{ID: "VUL-X", Status: ward.VEXAffected, Exploited: true}},
			Updates:  []*ward.SecurityUpdate{{ID: "UPD-X", Vulnerabilities: []string{"VUL-Y"}}},
			Risks:    []*ward.Risk{{ID: "RSK-X", Controls: []string{"CTL-Y"}}},
			Tests:    []*ward.Test{{ID: "TST-X", Kind: ward.TestPenetration, Result: "pass"}}},
	}
	for name, sf := range files {
		for _, id := range rulesB {
			t.Run(name+"/"+id, func(t *testing.T) {
				got := evalCheck(t, id, sf, nil)
				if got.Status == "" {
					t.Errorf("no status")
				}
			})
		}
	}
}
