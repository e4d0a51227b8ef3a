package gap

import (
	"testing"

	"github.com/wardhq/ward"
)

// valid7 returns a security file that passes every rule of clause 7
// (R74-2 aside, which has no transferred risk), changed by the mutators:
// a complete security context, threat model, one scored threat with its
// risk, control, requirement and test, releases 1.0.0 and 2.0.0.
func valid7(muts ...func(*ward.SecurityFile)) *ward.SecurityFile {
	day := ward.MustDate
	sf := &ward.SecurityFile{
		Product: &ward.Product{ID: "pump", Name: "Pump", Manufacturer: "Acme Medical"},
		People:  []*ward.Person{{ID: "r.rev", Name: "Rita Review"}},
		Context: &ward.SecurityContext{
			Environment: "hospital ward", NetworkLocation: "clinical VLAN", PhysicalEnvironment: "staffed ward",
			IsolationAssumptions: []string{"the HDO separates the clinical VLAN"}, SafetyImpact: "delayed therapy",
			HardwareSecurity: []string{"secure boot"}, HDOResponsibilities: []string{"firewall"},
			Systems: []*ward.System{{ID: "SYS-EHR", Name: "EHR", Kind: "it_system", Owner: "hdo"}},
			Actors:  []*ward.Actor{{ID: "ACT-nurse", Name: "Nurse", Kind: "person"}},
			Interfaces: []*ward.Interface{
				{ID: "IF-1", Name: "HL7", Kind: "tcp", Direction: "inbound", Exposure: "hospital_lan", Peers: []string{"SYS-EHR"}, Element: "EL-app"},
				{ID: "IF-2", Name: "Touch screen", Kind: "ui", Direction: "inbound", Exposure: "local", Peers: []string{"ACT-nurse"}, Element: "EL-app"},
			},
			Data:       []*ward.DataItem{{ID: "DAT-1", Name: "Orders", Classification: "clinical"}},
			ReviewedAt: day("2026-11-01"), ReviewedBy: "r.rev", ReviewedFor: "2.0.0",
		},
		Architecture: &ward.Architecture{
			Version: "3", Methodology: "STRIDE", Rationale: "covers every data flow",
			LifecyclePhases: []string{"supply_chain", "manufacturing", "deployment", "interoperation", "maintenance", "decommissioning"},
			Assumptions:     []string{"the hospital network is untrusted: attackers can alter and replay packets"},
			Elements: []*ward.Element{
				{ID: "EL-ehr", Name: "EHR", Kind: "external_entity", System: "SYS-EHR"},
				{ID: "EL-nurse", Name: "Nurse", Kind: "external_entity", Actor: "ACT-nurse"},
				{ID: "EL-app", Name: "Pump app", Kind: "process", Components: []string{"CMP-ssl"}},
				{ID: "EL-db", Name: "Order store", Kind: "data_store"},
			},
			Boundaries: []*ward.Boundary{{ID: "BND-1", Name: "Device"}},
			Flows: []*ward.Flow{
				{ID: "FL-1", From: "EL-ehr", To: "EL-app", Protocol: "HL7 MLLP", Interface: "IF-1", Data: []string{"DAT-1"}},
				{ID: "FL-2", From: "EL-nurse", To: "EL-app", Protocol: "touch", Interface: "IF-2", Data: []string{"DAT-1"}},
			},
			Assets:       []*ward.Asset{{ID: "AST-1", Name: "Orders", Confidentiality: "medium", Integrity: "high", Availability: "high", SafetyRelevant: true}},
			Dependencies: []string{"CMP-ssl"},
		},
		Threats: []*ward.Threat{{ID: "THR-1", Title: "Forged order", STRIDE: []string{"tampering"}, Elements: []string{"FL-1"},
			Assets: []string{"AST-1"}, Components: []string{"CMP-ssl"}, AttackVector: "adjacent network", Decision: "mitigated"}},
		Risks: []*ward.Risk{{ID: "RSK-1", Threats: []string{"THR-1"}, Method: "CVSS 3.1 with MITRE rubric",
			Pre: &ward.RiskScore{Score: 8.1, Severity: "high"}, Post: &ward.RiskScore{Score: 2.0, Severity: "low"},
			Controls: []string{"CTL-1"}, Acceptable: pbool(true), Criterion: "AC-1", SafetyImpact: true, Hazards: []string{"HAZ-3"}}},
		Controls: []*ward.Control{{ID: "CTL-1", Title: "Signed orders", Kind: "design", Requirements: []string{"REQ-1"},
			Implementation: []string{"fw/orders/verify.go"}, NewRisksAssessed: true, LastReview: "REV-C"}},
		Requirements: []*ward.Requirement{{ID: "REQ-1", Title: "Verify order signatures", Category: "integrity"}},
		Tests: []*ward.Test{{ID: "TST-1", Title: "Forged order rejected", Kind: ward.TestThreatMitigation,
			Verifies: []string{"REQ-1", "CTL-1"}, ExecutedBy: []string{"r.rev"}, Date: day("2026-10-20"), Release: "2.0.0", Result: "pass"}},
		Components: []*ward.SoftwareItem{{ID: "CMP-ssl", Name: "openssl", Version: "3.0.15", Origin: "open_source", Category: "maintained", Risks: []string{"RSK-1"}}},
		Reviews: []*ward.Review{
			{ID: "REV-C", Kind: ward.ReviewControls, Date: day("2026-10-01"), Reviewers: []string{"r.rev"}, Inputs: []string{"monitoring", "complaints"}},
			{ID: "REV-TM", Kind: ward.ReviewThreatModel, Date: day("2026-10-10"), Reviewers: []string{"r.rev"}},
			{ID: "REV-RM", Kind: ward.ReviewRiskManagement, Date: day("2026-11-05"), Reviewers: []string{"r.rev"}},
		},
		Releases: []*ward.ReleaseRecord{
			{Version: "1.0.0", Date: day("2025-06-01"), Commit: "aaa", ArchitectureVersion: "2", ThreatModelVersion: "2"},
			{Version: "2.0.0", Date: day("2026-11-01"), Commit: "bbb", ArchitectureVersion: "3", ThreatModelVersion: "3"},
		},
		Policy: &ward.Policy{Criteria: []*ward.Criterion{{ID: "AC-1", Description: "residual low at most", MaxResidual: "low"}}},
	}
	for _, m := range muts {
		m(sf)
	}
	return sf
}

func cases7() []ruleCase {
	return []ruleCase{
		// 7.1.2
		{name: "complete and current context", rule: "R712-1", sf: valid7(), want: Pass},
		{name: "undeclared interface peer", rule: "R712-1", want: Fail, text: "SYS-LIS", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Context.Interfaces[0].Peers = append(sf.Context.Interfaces[0].Peers, "SYS-LIS")
		})},
		{name: "external entity stands for nothing", rule: "R712-1", want: Fail, text: "EL-cloud", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Architecture.Elements = append(sf.Architecture.Elements, &ward.Element{ID: "EL-cloud", Name: "Cloud", Kind: "external_entity"})
		})},
		{name: "element names undeclared system", rule: "R712-1", want: Fail, text: "SYS-X", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Architecture.Elements[0].System = "SYS-X"
		})},
		{name: "element names undeclared actor", rule: "R712-1", want: Fail, text: "ACT-admin", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Architecture.Elements[1].Actor = "ACT-admin"
		})},
		{name: "network interface without peers", rule: "R712-1", want: Fail, text: "IF-1", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Context.Interfaces[0].Peers = nil
			sf.Architecture.Elements[0].System = ""
			sf.Architecture.Elements[0].Actor = "ACT-nurse"
		})},
		{name: "declared system never connected", rule: "R712-1", want: Fail, text: "SYS-PACS", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Context.Systems = append(sf.Context.Systems, &ward.System{ID: "SYS-PACS", Name: "PACS", Kind: "it_system", Owner: "hdo"})
		})},
		{name: "hardware security left empty", rule: "R712-1", want: Fail, text: "hardware_security", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Context.HardwareSecurity = nil
		})},
		{name: "reviewed for an older major release", rule: "R712-1", want: Fail, text: "release 2.0.0", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Context.ReviewedFor, sf.Context.ReviewedAt = "1.0.0", ward.MustDate("2025-05-20")
		})},
		{name: "reviewed for the same major release", rule: "R712-1", want: Pass, sf: valid7(func(sf *ward.SecurityFile) {
			sf.Releases = append(sf.Releases, &ward.ReleaseRecord{Version: "2.1.0", Date: ward.MustDate("2026-11-20"), Commit: "ccc"})
		})},
		// 7.2
		{name: "current and complete threat model", rule: "R72-1", sf: valid7(), want: Pass},
		{name: "threat model older than architecture", rule: "R72-1", want: Fail, text: "release 2.0.0", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Releases[1].ThreatModelVersion = "2"
		})},
		{name: "uncategorised flow", rule: "R72-1", want: Fail, text: "FL-2", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Architecture.Flows[1].Data = nil
		})},
		{name: "threat without attack vector", rule: "R72-1", want: Fail, text: "THR-1", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Threats[0].AttackVector = ""
		})},
		{name: "not applicable threat needs no attack vector", rule: "R72-1", want: Pass, sf: valid7(func(sf *ward.SecurityFile) {
			sf.Threats = append(sf.Threats, &ward.Threat{ID: "THR-9", Title: "Local touch", Decision: "not_applicable", Rationale: "no transit"})
		})},
		{name: "method with rationale", rule: "R72-2", sf: valid7(), want: Pass},
		{name: "method without rationale", rule: "R72-2", want: Fail, text: "STRIDE", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Architecture.Rationale = ""
		})},
		{name: "all life-cycle phases", rule: "R72-3", sf: valid7(), want: Pass},
		{name: "decommissioning not covered", rule: "R72-3", want: Fail, text: "decommissioning", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Architecture.LifecyclePhases = sf.Architecture.LifecyclePhases[:5]
		})},
		{name: "inventory in the model", rule: "R72-4", sf: valid7(), want: Pass},
		{name: "interface unused by the model", rule: "R72-4", want: Fail, text: "IF-3", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Context.Interfaces = append(sf.Context.Interfaces, &ward.Interface{ID: "IF-3", Kind: "usb", Direction: "inbound", Exposure: "physical"})
		})},
		{name: "component not a dependency", rule: "R72-4", want: Fail, text: "CMP-zlib", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Components = append(sf.Components, &ward.SoftwareItem{ID: "CMP-zlib", Name: "zlib", Version: "1.3", Origin: "open_source", Category: "maintained"})
		})},
		{name: "interface on no element", rule: "R72-4", want: Fail, text: "IF-2", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Context.Interfaces[1].Element = ""
		})},
		{name: "in-house item on no element", rule: "R72-4", want: Fail, text: "CMP-app", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Components = append(sf.Components, &ward.SoftwareItem{ID: "CMP-app", Name: "pump-app", Version: "2.0.0", Origin: "in_house"})
		})},
		{name: "network trust assumed", rule: "R72-5", sf: valid7(), want: Pass},
		{name: "no network trust assumption", rule: "R72-5", want: Fail, text: "architecture", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Architecture.Assumptions = []string{"users are trained"}
		})},
		// 7.3
		{name: "every threat scored and judged", rule: "R73-1", sf: valid7(), want: Pass},
		{name: "no post-control score", rule: "R73-1", want: Fail, text: "RSK-1", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Risks[0].Post = nil
		})},
		{name: "criterion not in policy", rule: "R73-1", want: Fail, text: "AC-9", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Risks[0].Criterion = "AC-9"
		})},
		{name: "acceptable beyond criterion", rule: "R73-1", want: Fail, text: "RSK-1", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Risks[0].Post.Severity = "high"
		})},
		{name: "threat without risk", rule: "R73-1", want: Fail, text: "THR-2", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Threats = append(sf.Threats, &ward.Threat{ID: "THR-2", Title: "Replay", Decision: "accepted"})
		})},
		{name: "no vectors and no risk matrix", rule: "R73-4", sf: valid7(), want: RuleNA},
		{name: "estimates agree with vectors and matrix", rule: "R73-4", sf: valid7(withMatrix), want: Pass},
		{name: "score the vector does not give", rule: "R73-4", want: Fail, text: "scores 8.1", sf: valid7(withMatrix, func(sf *ward.SecurityFile) {
			sf.Risks[0].Pre.Score = 9.1
		})},
		{name: "severity the vector does not give", rule: "R73-4", want: Fail, text: "rates low", sf: valid7(withMatrix, func(sf *ward.SecurityFile) {
			sf.Risks[0].Post.Severity = "medium"
		})},
		{name: "invalid vector", rule: "R73-4", want: Fail, text: "AV", sf: valid7(withMatrix, func(sf *ward.SecurityFile) {
			sf.Risks[0].Pre.CVSS = "CVSS:3.1/AV:X/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N"
		})},
		{name: "row the vector does not give", rule: "R73-4", want: Fail, text: "row high", sf: valid7(withMatrix, func(sf *ward.SecurityFile) {
			sf.Risks[0].Pre.Exploitability = "low"
		})},
		{name: "column not in the matrix", rule: "R73-4", want: Fail, text: "unknown harm", sf: valid7(withMatrix, func(sf *ward.SecurityFile) {
			sf.Risks[0].Post.Harm = "deadly"
		})},
		{name: "estimate off the matrix", rule: "R73-4", want: Fail, text: "exploitability and harm", sf: valid7(withMatrix, func(sf *ward.SecurityFile) {
			sf.Risks[0].Post.Exploitability = ""
		})},
		{name: "harm differs from the safety file", rule: "R73-4", want: Fail, text: "harm_severity", sf: valid7(withMatrix, func(sf *ward.SecurityFile) {
			sf.Risks[0].HarmSeverity = "catastrophic"
		})},
		{name: "accepted at a level the matrix refuses", rule: "R73-4", want: Fail, text: "not acceptable", sf: valid7(withMatrix, func(sf *ward.SecurityFile) {
			sf.Risks[0].Post.Harm = "catastrophic"
			sf.Risks[0].Post.CVSS, sf.Risks[0].Post.Score, sf.Risks[0].Post.Severity = "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N", 8.1, "high"
			sf.Risks[0].Post.Exploitability = "high"
		})},
		{name: "safety risk links hazard", rule: "R73-2", sf: valid7(), want: Pass},
		{name: "safety risk without hazard", rule: "R73-2", want: Fail, text: "RSK-1", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Risks[0].Hazards = nil
		})},
		{name: "safety asset implies safety risk", rule: "R73-2", want: Fail, text: "AST-1", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Risks[0].Hazards, sf.Risks[0].SafetyImpact = nil, false
		})},
		{name: "no safety-relevant risk", rule: "R73-2", want: RuleNA, sf: valid7(func(sf *ward.SecurityFile) {
			sf.Risks[0].SafetyImpact = false
			sf.Architecture.Assets[0].SafetyRelevant = false
		})},
		{name: "no threat-model change since RM review", rule: "R73-3", sf: valid7(), want: Pass},
		{name: "no risk-management review", rule: "R73-3", want: Fail, text: "risk_management", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Reviews = sf.Reviews[:2]
		})},
		{name: "threat model changed after RM review", rule: "R73-3", want: RuleManual, sf: valid7(func(sf *ward.SecurityFile) {
			sf.Reviews[1].Date = ward.MustDate("2026-11-10")
		})},
		// 7.4
		{name: "risks controlled, controls proven", rule: "R74-1", sf: valid7(), want: Pass},
		{name: "unacceptable risk without control", rule: "R74-1", want: Fail, text: "RSK-1", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Risks[0].Controls = nil
		})},
		{name: "control not checked for new risks", rule: "R74-1", want: Fail, text: "CTL-1", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Controls[0].NewRisksAssessed = false
		})},
		{name: "control without passing test", rule: "R74-1", want: Fail, text: "CTL-1", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Tests[0].Result = "fail"
		})},
		// R74-2 cannot pass while a risk is transferred: the usability test
		// plan is not in the security file, so labelled transfers go to a human.
		{name: "no transferred risk", rule: "R74-2", sf: valid7(), want: RuleNA},
		{name: "transferred and labelled", rule: "R74-2", want: RuleManual, sf: valid7(func(sf *ward.SecurityFile) {
			sf.Risks[0].TransferredTo, sf.Risks[0].InLabeling = "hdo", true
		})},
		{name: "transferred but not labelled", rule: "R74-2", want: Fail, text: "RSK-1", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Risks[0].TransferredTo = "patient"
		})},
		{name: "information-only control justified", rule: "R74-3", want: Pass, sf: valid7(func(sf *ward.SecurityFile) {
			sf.Controls[0].Kind, sf.Controls[0].Justification = "information", "the HL7 peer cannot sign orders"
		})},
		{name: "information-only control unjustified", rule: "R74-3", want: Fail, text: "CTL-1", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Controls[0].Kind = "information"
		})},
		{name: "design control", rule: "R74-3", sf: valid7(), want: RuleNA},
		{name: "full traceability", rule: "RX-2", sf: valid7(), want: Pass},
		{name: "control implements no requirement", rule: "RX-2", want: Fail, text: "CTL-1", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Controls[0].Requirements = nil
		})},
		{name: "component linked to no threat", rule: "RX-2", want: Fail, text: "CMP-ssl", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Components[0].Risks, sf.Threats[0].Components = nil, nil
		})},
		// 7.5
		{name: "controls reviewed with field data", rule: "R75-1", sf: valid7(), want: Pass},
		{name: "control review overdue", rule: "R75-1", want: Fail, text: "CTL-1", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Reviews[0].Date = ward.MustDate("2025-09-01")
		})},
		{name: "review without field data", rule: "R75-1", want: Fail, text: "REV-C", sf: valid7(func(sf *ward.SecurityFile) {
			sf.Reviews[0].Inputs = nil
		})},
		{name: "first review not yet due", rule: "R75-1", want: Pass, sf: valid7(func(sf *ward.SecurityFile) {
			sf.Releases = sf.Releases[1:]
			sf.Controls[0].LastReview = ""
		})},
	}
}

func TestRules7(t *testing.T) {
	t.Parallel()
	runGapCases(t, cases7())
}

// withMatrix gives valid7's risk CVSS vectors and the policy a risk matrix
// that places and accepts them.
func withMatrix(sf *ward.SecurityFile) {
	sf.Policy.RiskMatrix = &ward.RiskMatrix{
		Exploitability: []string{"very_low", "low", "medium", "high"},
		Harm:           []string{"minor", "serious", "catastrophic"},
		Levels: map[string][]string{
			"very_low": {"low", "low", "medium"}, "low": {"low", "medium", "high"},
			"medium": {"low", "medium", "high"}, "high": {"medium", "high", "high"},
		},
		Acceptable: []string{"low", "medium"},
	}
	r := sf.Risks[0]
	r.HarmSeverity = "serious"
	r.Pre = &ward.RiskScore{CVSS: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N", Score: 8.1, Severity: "high", Exploitability: "high", Harm: "serious"}
	r.Post = &ward.RiskScore{CVSS: "CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:L/I:N/A:N", Score: 2.2, Severity: "low", Exploitability: "very_low", Harm: "serious"}
}
