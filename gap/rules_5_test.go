package gap

import (
	"testing"

	"github.com/wardhq/ward"
)

// clause5File is a security file on which every rule of 5.1–5.6 passes.
func clause5File() *ward.SecurityFile {
	sf := commonFileA()
	sf.Applicability = []*ward.Applicability{
		{Clause: "5.1.1", Applies: ward.AppliesYes, Owner: "security-officer"},
		{Clause: "5.7.4", Applies: ward.AppliesYes, Owner: "security-officer"},
	}
	sf.Documents = append(sf.Documents,
		&ward.Document{ID: "DOC-DP", Kind: "development_plan", Title: "plan", Version: "4", Author: "a.weber", Releases: []string{"4.2.0"}},
		&ward.Document{ID: "DOC-DCL", Kind: "design_checklist", Title: "checklist", Version: "3", Author: "a.weber",
			ReviewedBy: "b.khan", ReviewedAt: ward.MustDate("2026-09-01"),
			Covers: []string{"least_privilege", "attack_surface", "secure_defaults", "fail_secure", "input_validation", "no_custom_crypto"}})
	sf.DevEnv = []*ward.DevEnvAsset{
		{ID: "ci-main", Name: "GitLab CI", Kind: "ci", Controls: []string{"protected branches", "SSO"}, MFA: true, LastAccessReview: ward.MustDate("2026-10-01")},
		{ID: "repo", Name: "GitLab", Kind: "repository", Controls: []string{"signed commits"}, MFA: true, LastAccessReview: ward.MustDate("2026-09-15")},
	}
	sf.CodingRules = []*ward.CodingStandard{{Language: "go", Standard: "ward Go secure coding rules", Version: "2026.1", Tool: "gosec via .golangci.yaml"}}
	sf.Context = &ward.SecurityContext{Interfaces: []*ward.Interface{
		{ID: "IF-1", Name: "HL7 API", Kind: "http_api", Port: 8443, Protocol: "HTTPS", ProtocolVersion: "TLS 1.3", Direction: "inbound",
			Authentication: "mutual TLS", Encryption: "TLS 1.3", Exposure: "hospital_lan", EnabledByDefault: true, InLabeling: true,
			Data: []string{"DAT-1"}, Element: "E-API", Boundary: "B-DEV"},
		{ID: "IF-2", Name: "service USB", Kind: "usb", Protocol: "USB mass storage", Direction: "inbound",
			Authentication: "none", Encryption: "none", Exposure: "physical", Data: []string{"DAT-1"}, Boundary: "B-DEV"},
	}}
	sf.Architecture = &ward.Architecture{Version: "3", Methodology: "STRIDE",
		Boundaries: []*ward.Boundary{{ID: "B-HOSP", Name: "hospital"}, {ID: "B-DEV", Name: "device"}, {ID: "B-DATA", Name: "storage", Parent: "B-DEV"}},
		Elements: []*ward.Element{
			{ID: "E-HIS", Name: "HIS", Kind: "external_entity", Boundary: "B-HOSP"},
			{ID: "E-API", Name: "API", Kind: "process", Boundary: "B-DEV", Components: []string{"CMP-app"}, SecurityRelevant: true, DesignReview: "REV-DES"},
			{ID: "E-DB", Name: "database", Kind: "data_store", Boundary: "B-DATA", Components: []string{"CMP-lib"}},
		},
		Flows: []*ward.Flow{
			{ID: "F-1", From: "E-HIS", To: "E-API", Protocol: "HTTPS", Interface: "IF-1", Controls: []string{"CTL-1", "CTL-2"}},
			{ID: "F-2", From: "E-API", To: "E-DB", Protocol: "SQL", Controls: []string{"CTL-3"}},
		},
	}
	var ids []string
	for i, cat := range fdaCategories {
		id := "REQ-" + itoa(i+1)
		ids = append(ids, id)
		r := &ward.Requirement{ID: id, Title: cat, Text: "the product shall …", Category: cat, Sources: []string{"THR-1"}, ReviewedIn: "REV-REQ"}
		if cat == "authentication" {
			r.Interfaces, r.Paths = []string{"IF-1"}, []string{"internal/auth"}
		}
		sf.Requirements = append(sf.Requirements, r)
	}
	sf.Reviews = []*ward.Review{
		{ID: "REV-REQ", Kind: ward.ReviewRequirements, Date: ward.MustDate("2026-10-01"), Reviewers: []string{"a.weber", "b.khan"}, Closed: true},
		{ID: "REV-ARCH", Kind: ward.ReviewArchitecture, Version: "3", Date: ward.MustDate("2026-10-05"), Reviewers: []string{"a.weber"}, Closed: true},
		{ID: "REV-DES", Kind: ward.ReviewDesign, Date: ward.MustDate("2026-10-06"), Reviewers: []string{"a.weber"}, Closed: true},
	}
	onRelease := func(id string, kind ward.TestKind) *ward.Test {
		return &ward.Test{ID: id, Title: id, Kind: kind, ExecutedBy: []string{"b.khan"}, Date: ward.MustDate("2026-11-15"), Release: "4.2.0", Result: "pass"}
	}
	req := onRelease("TST-REQ", ward.TestSecurityRequirement)
	req.Verifies = ids
	sast := onRelease("TST-SAST", ward.TestSAST)
	sast.Tool = &ward.Tool{Name: "gosec", Version: "2.21.4", Config: ".golangci.yaml"}
	integ := onRelease("TST-INT", ward.TestIntegration)
	integ.Components = []string{"E-API", "E-DB"}
	sf.Tests = []*ward.Test{req, sast, integ, onRelease("TST-SEC", ward.TestSecretScan), onRelease("TST-AS", ward.TestAttackSurface)}
	sf.Findings = []*ward.DevFinding{
		{ID: "FND-1", Title: "SQL built by concatenation", Source: "TST-SAST", Severity: "high", Status: "fixed", Release: "4.2.0"},
		{ID: "FND-2", Title: "weak hash for cache keys", Source: "TST-SAST", Severity: "medium", Status: "open", Release: "4.2.0"},
	}
	return sf
}

// valid5 returns clause5File changed by each mutator.
func valid5(muts ...func(sf *ward.SecurityFile)) *ward.SecurityFile {
	sf := clause5File()
	for _, m := range muts {
		m(sf)
	}
	return sf
}

// rules5 are the rules of 5.1–5.6 implemented here.
var rules5 = []string{"R511-1", "R512-1", "R512-2", "R512-3", "R512-4", "R513-1", "R521-1", "R521-2", "R521-3",
	"R522-1", "R523-1", "R523-2", "R531-1", "R531-2", "R532-1", "R533-1", "R542-1", "R543-1", "R543-2", "R543-3",
	"R543-4", "R544-1", "R551-1", "R552-1", "R56-1"}

func ifaceA(sf *ward.SecurityFile, id string) *ward.Interface {
	for _, it := range sf.Context.Interfaces {
		if it.ID == id {
			return it
		}
	}
	panic("no interface " + id)
}

func testA(sf *ward.SecurityFile, id string) *ward.Test {
	for _, t := range sf.Tests {
		if t.ID == id {
			return t
		}
	}
	panic("no test " + id)
}

func TestRules5(t *testing.T) {
	t.Parallel()
	cases := []ruleCase{
		{rule: "R511-1", name: "plan and owners: outputs left to a human", sf: valid5(), want: RuleManual, text: "DOC-DP"},
		{rule: "R511-1", name: "no plan", want: Fail, text: "no development plan",
			sf: valid5(func(sf *ward.SecurityFile) { docA(sf, "DOC-DP").Kind = "other" })},
		{rule: "R511-1", name: "activity without owner", want: Fail, text: "activity 5.7.4: no owner role",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Applicability[1].Owner = "" })},

		{rule: "R512-1", name: "controlled", sf: valid5(), want: Pass},
		{rule: "R512-1", name: "no MFA", want: Fail, text: "repo (repository): human access without multi-factor",
			sf: valid5(func(sf *ward.SecurityFile) { sf.DevEnv[1].MFA = false })},
		{rule: "R512-1", name: "access review stale", want: Fail, text: "ci-main (ci): last access review 2026-05-01",
			sf: valid5(func(sf *ward.SecurityFile) { sf.DevEnv[0].LastAccessReview = ward.MustDate("2026-05-01") })},

		{rule: "R512-2", name: "provenance recorded", sf: valid5(), want: Pass},
		{rule: "R512-2", name: "built on a repository", want: Fail, text: "release 4.2.0: build_env repo is a repository",
			sf: valid5(func(sf *ward.SecurityFile) { releaseA(sf).BuildEnv = "repo" })},
		{rule: "R512-2", name: "no builder", want: Fail, text: "release 4.2.0: no builder identity",
			sf: valid5(func(sf *ward.SecurityFile) { releaseA(sf).Builder = "" })},

		{rule: "R512-3", name: "pinned", sf: valid5(), want: Pass},
		{rule: "R512-3", name: "unpinned tool", want: Fail, text: `release 4.2.0: toolchain entry "golangci-lint latest"`,
			sf: valid5(func(sf *ward.SecurityFile) { releaseA(sf).Toolchain[1] = "golangci-lint latest" })},
		{rule: "R512-3", name: "no toolchain", want: Fail, text: "release 4.2.0: no toolchain recorded",
			sf: valid5(func(sf *ward.SecurityFile) { releaseA(sf).Toolchain = nil })},

		{rule: "R512-4", name: "secret scan passed", sf: valid5(), want: Pass},
		{rule: "R512-4", name: "secret scan failed", want: Fail, text: "test TST-SEC: secret scan of release 4.2.0 has result fail",
			sf: valid5(func(sf *ward.SecurityFile) { testA(sf, "TST-SEC").Result = "fail" })},
		{rule: "R512-4", name: "scan of another release", want: Fail, text: "release 4.2.0: no passing secret_scan",
			sf: valid5(func(sf *ward.SecurityFile) { testA(sf, "TST-SEC").Release = "4.1.0" })},

		{rule: "R513-1", name: "standard per language", sf: valid5(), want: Pass},
		{rule: "R513-1", name: "language without standard", want: Fail, text: "language c (used by CMP-app)",
			sf: valid5(func(sf *ward.SecurityFile) { itemA(sf, "CMP-app").Languages = []string{"Go", "C"} })},
		{rule: "R513-1", name: "no enforcing tool", want: Fail, text: "for go: no enforcing tool",
			sf: valid5(func(sf *ward.SecurityFile) { sf.CodingRules[0].Tool = "" })},

		{rule: "R521-1", name: "all categories", sf: valid5(), want: Pass},
		{rule: "R521-1", name: "category missing", want: Fail, text: "FDA control category logging",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Requirements[5].Category = "integrity" })},

		{rule: "R521-2", name: "sourced and tested", sf: valid5(), want: Pass},
		{rule: "R521-2", name: "untested requirement", want: Fail, text: "requirement REQ-3: no test verifies it",
			sf: valid5(func(sf *ward.SecurityFile) {
				testA(sf, "TST-REQ").Verifies = []string{"REQ-1", "REQ-2", "REQ-4", "REQ-5", "REQ-6", "REQ-7", "REQ-8"}
			})},
		{rule: "R521-2", name: "no source", want: Fail, text: "requirement REQ-2: no source",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Requirements[1].Sources = nil })},

		{rule: "R521-3", name: "interfaces covered", sf: valid5(), want: Pass},
		{rule: "R521-3", name: "interface without authentication requirement", want: Fail, text: "interface IF-1 (hospital_lan exposure)",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Requirements[0].Interfaces = nil })},
		{rule: "R521-3", name: "justified exception", want: Pass,
			sf: valid5(func(sf *ward.SecurityFile) {
				sf.Requirements[0].Interfaces = nil
				ifaceA(sf, "IF-1").Justification = "read-only status feed; authentication would break legacy HIS"
			})},

		{rule: "R522-1", name: "reviewed by competent reviewer: stakeholders left to a human", sf: valid5(), want: RuleManual, text: "REV-REQ"},
		{rule: "R522-1", name: "requirement not reviewed", want: Fail, text: "requirement REQ-4: not reviewed",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Requirements[3].ReviewedIn = "" })},
		{rule: "R522-1", name: "no competent reviewer", want: Fail, text: "review REV-REQ: no reviewer holds a security competency",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Reviews[0].Reviewers = []string{"d.old"} })},
		{rule: "R522-1", name: "review after release", want: Fail, text: "review REV-REQ: dated 2026-11-22",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Reviews[0].Date = ward.MustDate("2026-11-22") })},

		{rule: "R523-1", name: "all covered", sf: valid5(), want: Pass},
		{rule: "R523-1", name: "item without risk", want: Fail, text: "component CMP-os: linked to no threat or risk",
			sf: valid5(func(sf *ward.SecurityFile) { itemA(sf, "CMP-os").NoExposure = "" })},
		{rule: "R523-1", name: "unknown SBOM component", want: Fail, text: "SBOM component openssl@3.0.13",
			sf: valid5(), sboms: sbomA("4.2.0", &ward.Component{Name: "openssl", Version: "3.0.13"})},

		{rule: "R523-2", name: "operator tasks documented", sf: valid5(), want: Pass},
		{rule: "R523-2", name: "no operator tasks", want: Fail, text: "component CMP-lib (required): no operator_tasks",
			sf: valid5(func(sf *ward.SecurityFile) { itemA(sf, "CMP-lib").OperatorTasks = nil })},
		{rule: "R523-2", name: "tasks not in documents", want: Fail, text: "component CMP-lib (required): its operator tasks appear in no operator document",
			sf: valid5(func(sf *ward.SecurityFile) { docA(sf, "DOC-SO").Covers = nil })},

		{rule: "R531-1", name: "layered controls", sf: valid5(), want: Pass},
		{rule: "R531-1", name: "exposed flow with one control", want: Fail, text: "flow F-1: uses hospital_lan interface IF-1 with only control CTL-1",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Architecture.Flows[0].Controls = []string{"CTL-1"} })},
		{rule: "R531-1", name: "justified single control", want: Pass,
			sf: valid5(func(sf *ward.SecurityFile) {
				sf.Architecture.Flows[0].Controls = []string{"CTL-1"}
				sf.Architecture.Flows[0].Justification = "HDO firewall is the second layer (context.hdo_responsibilities)"
			})},
		{rule: "R531-1", name: "internal flow without control", want: Fail, text: "flow F-2 (E-API → E-DB): crosses a trust boundary without a control",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Architecture.Flows[1].Controls = nil })},

		{rule: "R531-2", name: "mapped", sf: valid5(), want: Pass},
		{rule: "R531-2", name: "boundary from element", want: Pass,
			sf: valid5(func(sf *ward.SecurityFile) { ifaceA(sf, "IF-1").Boundary = "" })},
		{rule: "R531-2", name: "unmapped", want: Fail, text: "interface IF-2: mapped to no trust boundary",
			sf: valid5(func(sf *ward.SecurityFile) { ifaceA(sf, "IF-2").Boundary = "" })},
		{rule: "R531-2", name: "unknown boundary", want: Fail, text: "interface IF-2: boundary B-X is not in architecture.boundaries",
			sf: valid5(func(sf *ward.SecurityFile) { ifaceA(sf, "IF-2").Boundary = "B-X" })},

		{rule: "R532-1", name: "checklist complete", sf: valid5(), want: Pass},
		{rule: "R532-1", name: "principle missing", want: Fail, text: "design checklist DOC-DCL: does not cover no_custom_crypto",
			sf: valid5(func(sf *ward.SecurityFile) { docA(sf, "DOC-DCL").Covers = docA(sf, "DOC-DCL").Covers[:5] })},
		{rule: "R532-1", name: "no checklist", want: Fail, text: "no design-principles checklist",
			sf: valid5(func(sf *ward.SecurityFile) { docA(sf, "DOC-DCL").Kind = "other" })},

		{rule: "R533-1", name: "current architecture reviewed", sf: valid5(), want: Pass},
		{rule: "R533-1", name: "review of an older version", want: Fail, text: "release 4.2.0: no architecture review of version 3",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Reviews[1].Version = "2" })},
		{rule: "R533-1", name: "open finding", want: Fail, text: "review REV-ARCH: finding FND-2 is still open",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Reviews[1].Findings = []string{"FND-1", "FND-2"} })},

		{rule: "R542-1", name: "linked", sf: valid5(), want: Pass},
		{rule: "R542-1", name: "unlinked element", want: Fail, text: "element E-DB: security-relevant but linked to no threat or control",
			sf: valid5(func(sf *ward.SecurityFile) {
				sf.Architecture.Elements[2].SecurityRelevant = true
				itemA(sf, "CMP-lib").Risks = nil
			})},
		{rule: "R542-1", name: "no list", want: Fail, text: "no architecture element is marked security_relevant",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Architecture.Elements[1].SecurityRelevant = false })},

		{rule: "R543-1", name: "complete records", sf: valid5(), want: Pass},
		{rule: "R543-1", name: "no protocol version", want: Fail, text: "interface IF-1: missing protocol_version",
			sf: valid5(func(sf *ward.SecurityFile) { ifaceA(sf, "IF-1").ProtocolVersion = "" })},
		{rule: "R543-1", name: "no data class", want: Fail, text: "interface IF-2: missing data",
			sf: valid5(func(sf *ward.SecurityFile) { ifaceA(sf, "IF-2").Data = nil })},

		{rule: "R543-2", name: "authenticated and encrypted", sf: valid5(), want: Pass},
		{rule: "R543-2", name: "cleartext on the LAN", want: Fail, text: "interface IF-1 (hospital_lan): no encryption",
			sf: valid5(func(sf *ward.SecurityFile) {
				ifaceA(sf, "IF-1").Encryption = "none"
				sf.Risks[0].Acceptable = nil
			})},
		{rule: "R543-2", name: "accepted risk covers it", want: Pass, text: "1 network-exposed",
			sf: valid5(func(sf *ward.SecurityFile) { ifaceA(sf, "IF-1").Authentication = "none" })},
		{rule: "R543-2", name: "risk not accepted", want: Fail, text: "interface IF-1 (hospital_lan): no authentication",
			sf: valid5(func(sf *ward.SecurityFile) {
				ifaceA(sf, "IF-1").Authentication = "None"
				sf.Risks[0].Acceptable = boolA(false)
			})},

		{rule: "R543-3", name: "in labeling", sf: valid5(), want: Pass},
		{rule: "R543-3", name: "default-on but unlisted", want: Fail, text: "interface IF-1: enabled by default but not in the labeling",
			sf: valid5(func(sf *ward.SecurityFile) { ifaceA(sf, "IF-1").InLabeling = false })},

		{rule: "R543-4", name: "attack surface matches", sf: valid5(), want: Pass},
		{rule: "R543-4", name: "undeclared service", want: Fail, text: "finding FND-3: undeclared service found by TST-AS",
			sf: valid5(func(sf *ward.SecurityFile) {
				sf.Findings = append(sf.Findings, &ward.DevFinding{ID: "FND-3", Title: "telnet on 23", Source: "TST-AS", Severity: "high", Status: "open"})
			})},
		{rule: "R543-4", name: "no attack-surface test", want: Fail, text: "no attack_surface test",
			sf: valid5(func(sf *ward.SecurityFile) { testA(sf, "TST-AS").Kind = ward.TestDAST })},

		{rule: "R544-1", name: "design reviewed", sf: valid5(), want: Pass},
		{rule: "R544-1", name: "review of wrong kind", want: Fail, text: "element E-API: review REV-ARCH is of kind architecture",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Architecture.Elements[1].DesignReview = "REV-ARCH" })},
		{rule: "R544-1", name: "no design review", want: Fail, text: "element E-API: security-relevant without a design review",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Architecture.Elements[1].DesignReview = "" })},

		{rule: "R551-1", name: "clean at block level", sf: valid5(), want: Pass},
		{rule: "R551-1", name: "open high finding", want: Fail, text: "finding FND-1 (high, from TST-SAST): open",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Findings[0].Status = "open" })},
		{rule: "R551-1", name: "stricter block level catches medium", want: Fail, text: "finding FND-2 (medium",
			sf: valid5(func(sf *ward.SecurityFile) { sf.Policy.SASTBlockLevel = "medium" })},
		{rule: "R551-1", name: "accepted with approver", want: Pass,
			sf: valid5(func(sf *ward.SecurityFile) { sf.Findings[0].Status, sf.Findings[0].ApprovedBy = "accepted", "c.lopez" })},
		{rule: "R551-1", name: "no SAST on release", want: Fail, text: "release 4.2.0: no static analysis",
			sf: valid5(func(sf *ward.SecurityFile) { testA(sf, "TST-SAST").Release = "4.1.0" })},

		{rule: "R552-1", name: "handed to a human with paths and reviewers", sf: valid5(), want: RuleManual, text: "internal/auth"},
		{rule: "R552-1", name: "names the qualified reviewers", sf: valid5(), want: RuleManual, text: "holders: a.weber"},

		{rule: "R56-1", name: "integration tested", sf: valid5(), want: Pass},
		{rule: "R56-1", name: "test on another build", want: Fail, text: "flow F-2 (E-API → E-DB)",
			sf: valid5(func(sf *ward.SecurityFile) { testA(sf, "TST-INT").Release = "4.1.0" })},
		{rule: "R56-1", name: "no boundary between own elements", want: RuleNA,
			sf: valid5(func(sf *ward.SecurityFile) { sf.Architecture.Elements[2].Boundary = "B-DEV" })},
	}
	runCasesA(t, rules5, cases)
}
