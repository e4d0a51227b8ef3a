package gap

import (
	"strings"
	"testing"

	"github.com/wardhq/ward"
)

// valid6 returns a security file that passes every rule of clause 6,
// changed by the mutators: release 2.0.0 and security update UPD-1
// (release 2.0.1) fixing VUL-1 in a maintained component.
func valid6(muts ...func(*ward.SecurityFile)) *ward.SecurityFile {
	day := ward.MustDate
	onUpdate := func(id string, kind ward.TestKind) *ward.Test {
		return &ward.Test{ID: id, Title: id, Kind: kind, ExecutedBy: []string{"t.test"}, Date: day("2026-11-19"),
			Release: "2.0.1", Result: "pass", Tool: &ward.Tool{Name: "tool", Version: "1", Config: "c"}}
	}
	sf := &ward.SecurityFile{
		Product: &ward.Product{ID: "pump", Name: "Pump", Manufacturer: "Acme Medical"},
		People:  []*ward.Person{{ID: "t.test", Name: "Tom Test"}},
		Maintenance: &ward.MaintenancePlan{
			UpdateTargets: []*ward.UpdateTarget{
				{Severity: "critical", Days: 15, OutOfCycle: true}, {Severity: "high", Days: 30},
				{Severity: "medium", Days: 90}, {Severity: "low", Days: 180},
			},
			Justification: "validation takes two weeks", RegularCycle: "quarterly",
			MonitoringSources: []string{"osv", "nvd", "cisa_kev"},
		},
		Components: []*ward.SoftwareItem{
			{ID: "CMP-ssl", Name: "openssl", Version: "3.0.15", Origin: "open_source", Category: "maintained", Monitoring: []string{"osv"}},
			{ID: "CMP-os", Name: "linux", Version: "6.6", Origin: "operating_system", Category: "supported", Monitoring: []string{"vendor"}},
		},
		Releases: []*ward.ReleaseRecord{
			{Version: "2.0.0", Date: day("2026-11-01"), Commit: "aaa"},
			{Version: "2.0.1", Date: day("2026-11-20"), Commit: "bbb",
				Artifacts: []*ward.Artifact{{Name: "pump.img", SHA256: strings.Repeat("ab", 32), Signature: "pump.img.sig", SigningKey: "KEY-1"}}},
		},
		Vulns: []*ward.Vulnerability{{ID: "VUL-1", Title: "openssl overflow", Source: "monitoring",
			ReceivedAt: day("2026-11-02"), Status: ward.VEXFixed, Severity: "high", Components: []string{"CMP-ssl"},
			Disposition: "fix", TargetDate: day("2026-11-30"), FixAvailableAt: day("2026-11-20"), FixedIn: "2.0.1",
			Verification: []string{"TST-10"}}},
		Updates: []*ward.SecurityUpdate{{ID: "UPD-1", Release: "2.0.1", Vulnerabilities: []string{"VUL-1"}, Cadence: "regular",
			Verification: []string{"TST-10", "TST-11"}, AvailableAt: day("2026-11-20"), NotifiedAt: day("2026-11-21"),
			Notice: "DOC-N", Signed: true}},
		Tests: []*ward.Test{
			onUpdate("TST-10", ward.TestSecurityRequirement), onUpdate("TST-11", ward.TestRegression),
			onUpdate("TST-12", ward.TestSCA), onUpdate("TST-13", ward.TestSAST), onUpdate("TST-14", ward.TestFuzz),
			onUpdate("TST-15", ward.TestCredentials), onUpdate("TST-16", ward.TestUpdateIntegrity),
		},
		Monitoring: []*ward.MonitoringRun{
			{Date: day("2026-11-02"), Sources: []string{"osv"}, Releases: []string{"2.0.0"}, Reviewer: "t.test", Matches: []string{"VUL-1"}},
			{Date: day("2026-11-24"), Sources: []string{"osv", "cisa_kev"}, Releases: []string{"2.0.0", "2.0.1"}, Reviewer: "t.test"},
		},
		Documents: []*ward.Document{{ID: "DOC-N", Kind: "update_information", Title: "Update notice", Version: "1", Author: "t.test"}},
	}
	for _, m := range muts {
		m(sf)
	}
	return sf
}

func cases6() []ruleCase {
	return []ruleCase{
		// 6.1.1
		{name: "targets for every severity", rule: "R611-1", sf: valid6(), want: Pass},
		{name: "no target for low", rule: "R611-1", want: Fail, text: "low", sf: valid6(func(sf *ward.SecurityFile) {
			sf.Maintenance.UpdateTargets = sf.Maintenance.UpdateTargets[:3]
		})},
		{name: "no justification", rule: "R611-1", want: Fail, text: "justification", sf: valid6(func(sf *ward.SecurityFile) {
			sf.Maintenance.Justification = ""
		})},
		{name: "metrics computed", rule: "R611-2", sf: valid6(), want: Pass},
		{name: "fixed vulnerability without any fix date", rule: "R611-2", want: Fail, text: "VUL-1", sf: valid6(func(sf *ward.SecurityFile) {
			sf.Vulns[0].FixAvailableAt, sf.Vulns[0].FixedIn, sf.Updates = ward.Date{}, "", nil
		})},
		{name: "update on time", rule: "R611-3", sf: valid6(), want: Pass},
		{name: "late update without reason", rule: "R611-3", want: Fail, text: "UPD-1", sf: valid6(func(sf *ward.SecurityFile) {
			sf.Vulns[0].ReceivedAt = ward.MustDate("2026-09-01")
		})},
		{name: "late update with reason", rule: "R611-3", want: Pass, sf: valid6(func(sf *ward.SecurityFile) {
			sf.Vulns[0].ReceivedAt = ward.MustDate("2026-09-01")
			sf.Updates[0].LateReason = "supplier fix arrived late"
		})},
		{name: "no updates yet", rule: "R611-3", want: RuleNA, sf: valid6(func(sf *ward.SecurityFile) { sf.Updates = nil })},
		// 6.2.1
		{name: "recent reviewed run covers releases", rule: "R621-1", sf: valid6(), want: Pass},
		{name: "last run too old", rule: "R621-1", want: Fail, text: "2026-11-10", sf: valid6(func(sf *ward.SecurityFile) {
			sf.Monitoring[1].Date = ward.MustDate("2026-11-10")
		})},
		{name: "supported release not monitored", rule: "R621-1", want: Fail, text: "2.0.0", sf: valid6(func(sf *ward.SecurityFile) {
			sf.Monitoring[1].Releases = []string{"2.0.1"}
		})},
		{name: "component without monitoring source", rule: "R621-1", want: Fail, text: "CMP-os", sf: valid6(func(sf *ward.SecurityFile) {
			sf.Components[1].Monitoring = nil
		})},
		{name: "SBOM component unknown", rule: "R621-1", want: Fail, text: "zlib@1.3", sf: valid6(func(sf *ward.SecurityFile) {
			sf.SBOMs = []*ward.SBOMRef{{ID: "SBOM-1", Path: "sbom.json", Release: "2.0.0"}}
		}), sboms: []LoadedSBOM{{Ref: &ward.SBOMRef{ID: "SBOM-1", Path: "sbom.json", Release: "2.0.0"},
			SBOM: &ward.SBOM{Components: []*ward.Component{{Name: "zlib", Version: "1.3"}}}}}},
		{name: "NVD-class and KEV sources, timely intake", rule: "R621-2", sf: valid6(), want: Pass},
		{name: "no KEV source", rule: "R621-2", want: Fail, text: "KEV", sf: valid6(func(sf *ward.SecurityFile) {
			sf.Maintenance.MonitoringSources = []string{"osv"}
			sf.Monitoring[1].Sources = []string{"osv"}
		})},
		{name: "match recorded late", rule: "R621-2", want: Fail, text: "VUL-1", sf: valid6(func(sf *ward.SecurityFile) {
			sf.Vulns[0].ReceivedAt = ward.MustDate("2026-11-10")
		})},
		// 6.2.2
		{name: "update verified", rule: "R622-1", sf: valid6(), want: Pass},
		{name: "no regression run", rule: "R622-1", want: Fail, text: "UPD-1", sf: valid6(func(sf *ward.SecurityFile) {
			dropTest(sf, "TST-11")
		})},
		{name: "no SAST re-run", rule: "R622-1", want: Fail, text: "UPD-1", sf: valid6(func(sf *ward.SecurityFile) {
			dropTest(sf, "TST-13")
		})},
		{name: "fix not verified", rule: "R622-1", want: Fail, text: "VUL-1", sf: valid6(func(sf *ward.SecurityFile) {
			testByID(sf, "TST-10").Result = "fail"
		})},
		// 6.3.1
		{name: "update notice", rule: "R631-1", sf: valid6(), want: Pass},
		{name: "no notice", rule: "R631-1", want: Fail, text: "UPD-1", sf: valid6(func(sf *ward.SecurityFile) {
			sf.Updates[0].Notice = ""
		})},
		{name: "update of required items only", rule: "R631-1", want: RuleNA, sf: valid6(func(sf *ward.SecurityFile) {
			sf.Components[0].Category = "required"
		})},
		// 6.3.2
		{name: "maintained fix delivered", rule: "R632-1", sf: valid6(), want: Pass},
		{name: "maintained fix overdue", rule: "R632-1", want: Fail, text: "VUL-2", sf: valid6(func(sf *ward.SecurityFile) {
			sf.Vulns = append(sf.Vulns, &ward.Vulnerability{ID: "VUL-2", Source: "researcher", ReceivedAt: ward.MustDate("2026-10-01"),
				Status: ward.VEXAffected, Components: []string{"CMP-ssl"}, Disposition: "fix", TargetDate: ward.MustDate("2026-11-01")})
		})},
		{name: "no maintained item to fix", rule: "R632-1", want: RuleNA, sf: valid6(func(sf *ward.SecurityFile) {
			sf.Components[0].Category = "supported"
		})},
		// 6.3.3
		{name: "signed updates, tamper test", rule: "R633-1", sf: valid6(), want: Pass},
		{name: "unsigned update", rule: "R633-1", want: Fail, text: "UPD-1", sf: valid6(func(sf *ward.SecurityFile) {
			sf.Updates[0].Signed = false
		})},
		{name: "no tamper test", rule: "R633-1", want: Fail, text: "update_integrity", sf: valid6(func(sf *ward.SecurityFile) {
			dropTest(sf, "TST-16")
		})},
	}
}

func TestRules6(t *testing.T) {
	t.Parallel()
	runGapCases(t, cases6())
}

// TestPatchingMetricsMessage checks the metrics R611-2 reports: VUL-1 was
// received 2026-11-02 and fixed 2026-11-20.
func TestPatchingMetricsMessage(t *testing.T) {
	t.Parallel()
	got := evalCheck(t, "R611-2", valid6(), nil)
	for _, want := range []string{"last 90 days: 1 of 1 patched (100%), mean 18.0 days to patch", "all time: 1 of 1 patched"} {
		if !strings.Contains(got.Message, want) {
			t.Errorf("message = %q, want it to contain %q", got.Message, want)
		}
	}
}
