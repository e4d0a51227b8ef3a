package gap

import (
	"testing"

	"github.com/wardhq/ward"
)

// releaseGateFile is a security file on which every rule of 5.8 passes.
func releaseGateFile() *ward.SecurityFile {
	sf := commonFileA()
	sf.SigningKeys = []*ward.SigningKey{{ID: "KEY-1", Purpose: "firmware signing", Storage: "hsm",
		Custodians: []string{"a.weber", "b.khan"}, Created: ward.MustDate("2025-01-01"), Expires: ward.MustDate("2028-01-01"),
		AccessLog: "HSM audit log, reviewed monthly", Compromise: "SOP-KEY-7"}}
	sf.Tests = []*ward.Test{{ID: "TST-SAST", Title: "gosec", Kind: ward.TestSAST, ExecutedBy: []string{"b.khan"},
		Date: ward.MustDate("2026-11-15"), Release: "4.2.0", Result: "pass"}}
	sf.Findings = []*ward.DevFinding{
		{ID: "FND-1", Title: "SQL built by concatenation", Source: "TST-SAST", Severity: "high", Status: "fixed", Release: "4.2.0"},
		{ID: "FND-2", Title: "verbose error page", Source: "TST-SAST", Severity: "low", Status: "deferred", Release: "4.2.0",
			Rationale: "only reachable from the service USB port", Risk: "RSK-1", ApprovedBy: "c.lopez", TargetRelease: "4.3.0"},
		{ID: "FND-3", Title: "old finding", Severity: "medium", Status: "open", Release: "4.1.0"},
	}
	sf.Vulns = []*ward.Vulnerability{
		{ID: "VUL-7", Title: "KEV in sqlite", Source: "monitoring", ReceivedAt: ward.MustDate("2026-08-01"), Components: []string{"CMP-lib"},
			Status: ward.VEXNotAffected, Justification: "vulnerable_code_not_in_execute_path", KEV: true},
		{ID: "VUL-8", Title: "DoS in parser", Source: "researcher", ReceivedAt: ward.MustDate("2026-09-01"), Components: []string{"CMP-app"},
			Status: ward.VEXFixed, Severity: "medium", Impact: "pump UI freezes; infusion continues", Disposition: "fix"},
	}
	return sf
}

// valid58 returns releaseGateFile changed by each mutator.
func valid58(muts ...func(sf *ward.SecurityFile)) *ward.SecurityFile {
	sf := releaseGateFile()
	for _, m := range muts {
		m(sf)
	}
	return sf
}

// rules58 are the rules of 5.8 implemented here.
var rules58 = []string{"R581-1", "R581-2", "R581-3", "R582-1", "R582-2", "R583-1", "R584-1", "R585-1", "R586-1", "R587-1"}

func noReleaseA(sf *ward.SecurityFile) { sf.Releases = nil }

func TestRules58(t *testing.T) {
	t.Parallel()
	cases := []ruleCase{
		{rule: "R581-1", name: "nothing open (older release's finding ignored)", sf: valid58(), want: Pass},
		{rule: "R581-1", name: "open finding", want: Fail, text: "finding FND-1 (high): still open at release 4.2.0",
			sf: valid58(func(sf *ward.SecurityFile) { sf.Findings[0].Status = "open" })},
		{rule: "R581-1", name: "open finding linked through its test", want: Fail, text: "finding FND-4",
			sf: valid58(func(sf *ward.SecurityFile) {
				sf.Findings = append(sf.Findings, &ward.DevFinding{ID: "FND-4", Title: "x", Source: "TST-SAST", Severity: "low", Status: "open"})
			})},
		{rule: "R581-1", name: "no release", want: Fail, text: "no release recorded", sf: valid58(noReleaseA)},

		{rule: "R581-2", name: "deferral justified", sf: valid58(), want: Pass},
		{rule: "R581-2", name: "deferred without target", want: Fail, text: "finding FND-2 (deferred): no target_release",
			sf: valid58(func(sf *ward.SecurityFile) { sf.Findings[1].TargetRelease = "" })},
		{rule: "R581-2", name: "accepted without approver and risk", want: Fail, text: "finding FND-2 (accepted): no risk assessment (risk), no approver",
			sf: valid58(func(sf *ward.SecurityFile) {
				f := sf.Findings[1]
				f.Status, f.Risk, f.ApprovedBy = "accepted", "", ""
			})},

		{rule: "R581-2", name: "no release", want: Fail, text: "no release recorded", sf: valid58(noReleaseA)},

		{rule: "R581-3", name: "KEV not affected", sf: valid58(), want: Pass},
		{rule: "R581-3", name: "KEV affects a shipped component", want: Fail, text: "vulnerability VUL-7: in the CISA KEV catalog and affects release 4.2.0",
			sf: valid58(func(sf *ward.SecurityFile) { sf.Vulns[0].Status = ward.VEXAffected })},
		{rule: "R581-3", name: "KEV affects only an older release", want: Pass,
			sf: valid58(func(sf *ward.SecurityFile) {
				sf.Vulns[0].Status = ward.VEXAffected
				sf.Vulns[0].Releases = []string{"4.1.0"}
			})},
		{rule: "R581-3", name: "KEV component not in the release SBOM", want: Pass,
			sboms: sbomA("4.2.0", &ward.Component{Name: "pump-app", Version: "4.2.0"}),
			sf:    valid58(func(sf *ward.SecurityFile) { sf.Vulns[0].Status = ward.VEXAffected })},

		{rule: "R581-3", name: "critical by its vector affects the release", want: Fail, text: "vulnerability VUL-7: critical and affects release 4.2.0",
			sf: valid58(func(sf *ward.SecurityFile) {
				sf.Vulns[0].KEV, sf.Vulns[0].Status = false, ward.VEXAffected
				sf.Vulns[0].Severity, sf.Vulns[0].CVSS = "", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
			})},
		{rule: "R581-3", name: "high, not KEV, affects the release", want: Pass,
			sf: valid58(func(sf *ward.SecurityFile) {
				sf.Vulns[0].KEV, sf.Vulns[0].Status, sf.Vulns[0].Severity = false, ward.VEXAffected, "high"
			})},

		{rule: "R582-1", name: "documents linked", sf: valid58(), want: Pass},
		{rule: "R582-1", name: "no account management guide", want: Fail, text: "release 4.2.0: no account_management document",
			sf: valid58(func(sf *ward.SecurityFile) { docA(sf, "DOC-AM").Kind = "other" })},
		{rule: "R582-1", name: "no accounts, no guide needed", want: Pass,
			sf: valid58(func(sf *ward.SecurityFile) {
				docA(sf, "DOC-AM").Kind = "other"
				sf.Product.HasUserAccounts = false
			})},
		{rule: "R582-1", name: "no release", want: Fail, text: "no release recorded", sf: valid58(noReleaseA)},

		{rule: "R582-2", name: "residual risk disclosed", sf: valid58(), want: Pass},
		{rule: "R582-2", name: "not in the residual-risk document", want: Fail, text: "risk RSK-1: accepted or transferred residual risk not in the residual-risk document",
			sf: valid58(func(sf *ward.SecurityFile) { docA(sf, "DOC-RR").Covers = nil })},
		{rule: "R582-2", name: "disclosed in labeling", want: Pass,
			sf: valid58(func(sf *ward.SecurityFile) {
				docA(sf, "DOC-RR").Covers = nil
				sf.Risks[0].InLabeling = true
			})},

		{rule: "R583-1", name: "hashed and signed", sf: valid58(), want: Pass},
		{rule: "R583-1", name: "short digest", want: Fail, text: "release 4.2.0 artifact pump.img: sha256 \"abc\"",
			sf: valid58(func(sf *ward.SecurityFile) { releaseA(sf).Artifacts[0].SHA256 = "abc" })},
		{rule: "R583-1", name: "unregistered key", want: Fail, text: "release 4.2.0 artifact pump.img: signing key KEY-9 is not in signing_keys",
			sf: valid58(func(sf *ward.SecurityFile) { releaseA(sf).Artifacts[0].SigningKey = "KEY-9" })},
		{rule: "R583-1", name: "no verification instructions", want: Fail, text: "release 4.2.0: no linked document covers integrity_verification",
			sf: valid58(func(sf *ward.SecurityFile) { docA(sf, "DOC-SO").Covers = nil })},

		{rule: "R584-1", name: "key guarded", sf: valid58(), want: Pass},
		{rule: "R584-1", name: "file key, one active custodian", want: Fail, text: "signing key KEY-1: storage file is not hsm or kms and there is no approved exception; 1 active custodians",
			sf: valid58(func(sf *ward.SecurityFile) {
				sf.SigningKeys[0].Storage = "file"
				sf.SigningKeys[0].Custodians = []string{"a.weber", "d.old"}
			})},
		{rule: "R584-1", name: "expires before release", want: Fail, text: "signing key KEY-1: expires 2026-11-01",
			sf: valid58(func(sf *ward.SecurityFile) { sf.SigningKeys[0].Expires = ward.MustDate("2026-11-01") })},
		{rule: "R584-1", name: "approved exception", want: Pass,
			sf: valid58(func(sf *ward.SecurityFile) {
				sf.SigningKeys[0].Storage = "token"
				sf.SigningKeys[0].Exception = "EXC-4: smartcard tokens in a safe, approved by the CISO"
			})},

		{rule: "R585-1", name: "all assessed", sf: valid58(), want: Pass},
		{rule: "R585-1", name: "open finding has no disposition", want: Fail, text: "finding FND-1: no disposition (status is open) before release 4.2.0",
			sf: valid58(func(sf *ward.SecurityFile) { sf.Findings[0].Status = "open" })},
		{rule: "R585-1", name: "external report without impact", want: Fail, text: "vulnerability VUL-8 (received 2026-09-01): no impact",
			sf: valid58(func(sf *ward.SecurityFile) { sf.Vulns[1].Impact = "" })},

		{rule: "R586-1", name: "complete and signed", sf: valid58(), want: Pass},
		{rule: "R586-1", name: "item neither done nor deviated", want: Fail, text: `release 4.2.0 checklist "5.7.3 fuzzing": not done and no approved deviation`,
			sf: valid58(func(sf *ward.SecurityFile) { releaseA(sf).Checklist[1].Deviation = "" })},
		{rule: "R586-1", name: "signed without release authority", want: Fail, text: "release 4.2.0: not signed off on or before 2026-11-20",
			sf: valid58(func(sf *ward.SecurityFile) { releaseA(sf).Approvals[0].By = "c.lopez" })},
		{rule: "R586-1", name: "signed after release", want: Fail, text: "release 4.2.0: not signed off",
			sf: valid58(func(sf *ward.SecurityFile) { releaseA(sf).Approvals[0].Date = ward.MustDate("2026-11-21") })},

		{rule: "R587-1", name: "complete guide", sf: valid58(), want: Pass},
		{rule: "R587-1", name: "no revocation topic", want: Fail, text: "decommissioning document DOC-DC: does not cover credential_revocation",
			sf: valid58(func(sf *ward.SecurityFile) {
				docA(sf, "DOC-DC").Covers = []string{"data_locations", "sanitization", "deregistration", "verification"}
			})},
		{rule: "R587-1", name: "no guide", want: Fail, text: "release 4.2.0: no decommissioning document",
			sf: valid58(func(sf *ward.SecurityFile) {
				releaseA(sf).Documents = []string{"DOC-SO"}
				docA(sf, "DOC-DC").Releases = nil
			})},
	}
	runCasesA(t, rules58, cases)
}
