package gap

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
)

// The tests of the rules of clauses 4, 5.1–5.6 and 5.8 share one shape: a
// small valid security file per clause area, mutated to break one thing
// (vulndb's valid(func…) style), run through the registered check.

// ruleCase is one table case: a rule, a security file (and SBOMs), the
// verdict expected and, for a failure, text some gap must contain (the
// record it names); for other verdicts a text, when given, must be in the
// message.
type ruleCase struct {
	rule  string
	name  string
	sf    *ward.SecurityFile
	sboms []LoadedSBOM
	want  RuleStatus
	text  string
}

// runCasesA checks that each rule of rules has at least one failing and
// one non-failing case, then runs the cases.
func runCasesA(t *testing.T, rules []string, cases []ruleCase) {
	t.Helper()
	failing, other := map[string]bool{}, map[string]bool{}
	for _, tc := range cases {
		if tc.want == Fail {
			failing[tc.rule] = true
		} else {
			other[tc.rule] = true
		}
	}
	for _, id := range rules {
		if (!failing[id] && !slices.Contains(manualOnlyA, id)) || !other[id] {
			t.Errorf("rule %s: needs a failing and a non-failing case (fail %v, other %v)", id, failing[id], other[id])
		}
	}
	runGapCases(t, cases)
}

// runGapCases runs each case through the rule's registered check.
func runGapCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			t.Parallel()
			got := evalCheck(t, tc.rule, tc.sf, tc.sboms)
			if got.Status != tc.want {
				t.Fatalf("status = %s, want %s\nmessage: %s\nmissing: %q", got.Status, tc.want, got.Message, got.Missing)
			}
			switch {
			case tc.want == Fail && tc.text == "":
				t.Fatal("a failing case must say what its gap names")
			case tc.want == Fail:
				if !slices.ContainsFunc(got.Missing, func(m string) bool { return strings.Contains(m, tc.text) }) {
					t.Errorf("no gap names %q:\n%s", tc.text, strings.Join(got.Missing, "\n"))
				}
			case tc.text != "" && !strings.Contains(got.Message, tc.text):
				t.Errorf("message = %q, want it to contain %q", got.Message, tc.text)
			}
		})
	}
}

// TestRulesACatalogued: every rule these checks implement is in the
// catalog, and every catalog rule of the clauses has a check.
func TestRulesACatalogued(t *testing.T) {
	t.Parallel()
	cat, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var inCatalog []string
	for _, cl := range cat.Clauses {
		for _, r := range cl.Rules {
			inCatalog = append(inCatalog, r.ID)
		}
	}
	all := slices.Concat(rules4, rules5, rules58)
	var missing []string
	for _, id := range all {
		if !slices.Contains(inCatalog, id) {
			missing = append(missing, id)
		}
	}
	if diff := cmp.Diff([]string(nil), missing); diff != "" {
		t.Errorf("rules not in the catalog (-want +got):\n%s", diff)
	}
}

// manualOnlyA are the rules that always hand over to a human: the
// security file has no data to fail them on.
var manualOnlyA = []string{"R552-1"}

func boolA(b bool) *bool { return &b }

// hex64 is a well-formed SHA-256.
const hex64 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

// commonFileA is what every clause area needs: product, people and roles,
// policy, two releases, the accompanying documents, components, threats,
// risks and controls. Every rule of the three areas passes on it together
// with the area's additions.
func commonFileA() *ward.SecurityFile {
	return &ward.SecurityFile{
		Product: &ward.Product{ID: "pump", Name: "Infusion pump", Kind: ward.ProductMedicalDevice,
			HasUserAccounts: true, CategoryAliases: map[string]string{"vendor-managed": "supported"}},
		People: []*ward.Person{
			{ID: "a.weber", Name: "Anna Weber", Roles: []string{"security-officer"},
				Competencies: []*ward.Competency{{Name: "threat-modeling", Evidence: "CERT-1", ValidUntil: ward.MustDate("2027-12-31")},
					{Name: "secure-code-review", Evidence: "CERT-4"}},
				Trainings: []*ward.Training{{Topic: "OWASP", Date: ward.MustDate("2026-06-01")}}},
			{ID: "b.khan", Name: "Bilal Khan", Roles: []string{"release-manager"},
				Competencies: []*ward.Competency{{Name: "threat-modeling", Evidence: "CERT-2"}},
				Trainings:    []*ward.Training{{Topic: "secure release", Date: ward.MustDate("2026-05-01")}}},
			{ID: "c.lopez", Name: "Carla Lopez", Roles: []string{"risk-manager"},
				Competencies: []*ward.Competency{{Name: "threat-modeling", Evidence: "CERT-3"}},
				Trainings:    []*ward.Training{{Topic: "ISO 14971", Date: ward.MustDate("2026-04-01")}}},
			{ID: "d.old", Name: "Dieter Old", Active: boolA(false)},
		},
		Roles: []*ward.Role{
			{ID: "security-officer", Name: "Security officer", Competencies: []string{"threat-modeling"}},
			{ID: "release-manager", Name: "Release manager", ReleaseAuthority: true},
			{ID: "risk-manager", Name: "Risk manager", RiskAcceptance: true},
		},
		Policy: &ward.Policy{
			Criteria:     []*ward.Criterion{{ID: "CRIT-1", Description: "residual low is acceptable", MaxResidual: "low"}},
			Competencies: map[string][]string{"5": {"threat-modeling"}},
		},
		Releases: []*ward.ReleaseRecord{
			{Version: "4.1.0", Date: ward.MustDate("2026-02-01"), Commit: "0a1b2c"},
			{Version: "4.2.0", Date: ward.MustDate("2026-11-20"), Commit: "abc123", BuildEnv: "ci-main", Builder: "ci-bot",
				ArchitectureVersion: "3", Toolchain: []string{"go1.26.8", "golangci-lint v2.1.0"},
				Artifacts: []*ward.Artifact{{Name: "pump.img", SHA256: hex64, Signature: "pump.img.sig", SigningKey: "KEY-1"}},
				Checklist: []*ward.CheckItem{{Activity: "5.7.4 penetration test", Done: true, Evidence: "TST-PEN"},
					{Activity: "5.7.3 fuzzing", Deviation: "DEV-3 approved by a.weber"}},
				Approvals: []*ward.Approval{{By: "b.khan", Role: "release-manager", Date: ward.MustDate("2026-11-19")}},
				Documents: []string{"DOC-SO", "DOC-RR", "DOC-CF", "DOC-AM", "DOC-DC"}},
		},
		Documents: []*ward.Document{
			accompanyingDocA("DOC-SO", "secure_operation", "integrity_verification", "CMP-os", "CMP-lib"),
			accompanyingDocA("DOC-RR", "residual_risk", "RSK-1"),
			accompanyingDocA("DOC-CF", "conformance"),
			accompanyingDocA("DOC-AM", "account_management"),
			accompanyingDocA("DOC-DC", "decommissioning", "data_locations", "sanitisation", "credential_revocation", "deregistration", "verification"),
		},
		Components: []*ward.SoftwareItem{
			{ID: "CMP-app", Name: "pump-app", Version: "4.2.0", Origin: "in_house", Category: "maintained",
				Languages: []string{"Go"}, Paths: []string{"cmd/pump", "internal/auth"}, Risks: []string{"THR-1"}},
			{ID: "CMP-os", Name: "linux", Version: "6.6", Origin: "operating_system", Category: "vendor-managed",
				PURL: "pkg:generic/linux@6.6", NoExposure: "kernel hardened, no listening services of its own"},
			{ID: "CMP-lib", Name: "sqlite", Version: "3.45", Origin: "open_source", Category: "required",
				OperatorTasks: []string{"apply the database vendor's patches"}, Risks: []string{"RSK-1"}},
		},
		Threats: []*ward.Threat{{ID: "THR-1", Title: "spoofed HIS", STRIDE: []string{"spoofing"},
			Elements: []string{"IF-1", "E-API"}, Components: []string{"CMP-app"}, Decision: "mitigated"}},
		Risks: []*ward.Risk{{ID: "RSK-1", Threats: []string{"THR-1"}, Method: "CVSS 3.1 with the MITRE medical-device rubric",
			Pre: &ward.RiskScore{Severity: "high"}, Post: &ward.RiskScore{Severity: "low"}, Controls: []string{"CTL-1"},
			Acceptable: boolA(true), Criterion: "CRIT-1", ApprovedBy: "c.lopez", SafetyImpact: true, Hazards: []string{"HAZ-3"},
			TransferredTo: "hdo"}},
		Controls: []*ward.Control{
			{ID: "CTL-1", Title: "mutual TLS", Kind: "design"},
			{ID: "CTL-2", Title: "allow-list of HIS hosts", Kind: "protective"},
			{ID: "CTL-3", Title: "parameterised queries", Kind: "design"},
		},
	}
}

// accompanyingDocA is a document shipped with release 4.2.0, written by
// a.weber and reviewed by b.khan before the release.
func accompanyingDocA(id, kind string, covers ...string) *ward.Document {
	return &ward.Document{ID: id, Kind: kind, Title: kind, Version: "1", Author: "a.weber", ReviewedBy: "b.khan",
		ReviewedAt: ward.MustDate("2026-11-10"), Releases: []string{"4.2.0"}, Covers: covers}
}

// clause4File is a security file on which every rule of clause 4 passes.
func clause4File() *ward.SecurityFile {
	sf := commonFileA()
	cat, err := Load()
	if err != nil {
		panic(err)
	}
	for _, cl := range cat.Clauses {
		if !cl.Assessed() || cl.AnnexF {
			continue
		}
		a := &ward.Applicability{Clause: cl.ID, Applies: ward.AppliesYes, Owner: "security-officer", ApprovedAt: ward.MustDate("2026-01-10")}
		if cl.ID == "5.6" {
			a.Applies, a.Rationale, a.ApprovedBy = ward.AppliesPartial, "no separate integration stage for the single binary", "a.weber"
		}
		sf.Applicability = append(sf.Applicability, a)
	}
	sf.ProcessDocs = []*ward.ProcessDoc{{ID: "SOP-1", Title: "Secure development", Clauses: []string{"4", "5", "6", "7", "8", "9"},
		Version: "3", Author: "a.weber", Approver: "b.khan", ApprovedAt: ward.MustDate("2026-01-15"), NextReview: ward.MustDate("2027-06-01")}}
	sf.Reviews = []*ward.Review{
		{ID: "REV-PI", Kind: ward.ReviewProcess, Date: ward.MustDate("2026-09-01"), Reviewers: []string{"a.weber"},
			Inputs: []string{"internal audit 2026", "escaped vulnerability VUL-1"}, Closed: true},
		{ID: "REV-DM", Kind: ward.ReviewDefectManagement, Date: ward.MustDate("2026-10-01"), Reviewers: []string{"a.weber"},
			Inputs: []string{"patch metrics Q3", "triage SLA compliance"}, Notes: "SLAs met except one high", Closed: true},
	}
	sf.Improvements = []*ward.Improvement{{ID: "IMP-1", Title: "fuzz the HL7 parser", Status: "open", Owner: "a.weber",
		RootCause: &ward.RootCause{Clause: "5.7.3", Description: "parser not in fuzz scope"}, Due: ward.MustDate("2027-01-31")}}
	sf.Tests = []*ward.Test{{ID: "TST-PEN", Title: "pentest", Kind: ward.TestPenetration, ExecutedBy: []string{"a.weber"},
		Date: ward.MustDate("2026-10-15"), Release: "4.2.0", Result: "pass"}}
	sf.Disclosure = &ward.Disclosure{Contact: "mailto:psirt@example.com", PolicyURL: "https://example.com/cvd",
		ReviewedAt: ward.MustDate("2026-06-01")}
	sf.Vulns = []*ward.Vulnerability{{ID: "VUL-1", Title: "auth bypass", Source: "researcher", ReceivedAt: ward.MustDate("2026-03-01"),
		Releases: []string{"4.1.0"}, Status: ward.VEXFixed, Advisory: "ADV-1", Severity: "high", Impact: "remote bolus change",
		Disposition: "fix", ClosedAt: ward.MustDate("2026-04-10")}}
	sf.Advisories = []*ward.CustomerAdvisory{{ID: "ADV-1", Title: "auth bypass", Vulnerabilities: []string{"VUL-1"},
		PublishedAt: ward.MustDate("2026-04-10"), AffectedReleases: []string{"4.1.0"}, FixedIn: "4.2.0",
		Severity: "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H 8.8 high", Mitigation: "block port 8443 at the firewall"}}
	sf.Updates = []*ward.SecurityUpdate{{ID: "UPD-1", Release: "4.2.0", Vulnerabilities: []string{"VUL-1"}, Cadence: "out_of_cycle",
		AvailableAt: ward.MustDate("2026-04-05")}}
	sf.Architecture = &ward.Architecture{Version: "3", Methodology: "STRIDE per element"}
	sf.Documents = append(sf.Documents, &ward.Document{ID: "DOC-RMP", Kind: "risk_management_plan", Title: "plan", Version: "2", Author: "c.lopez"})
	return sf
}

// valid4 returns clause4File changed by each mutator.
func valid4(muts ...func(sf *ward.SecurityFile)) *ward.SecurityFile {
	sf := clause4File()
	for _, m := range muts {
		m(sf)
	}
	return sf
}

// rules4 are the rules of clause 4 implemented here (4.1.5 has its own tests).
var rules4 = []string{"R411-1", "R411-2", "R412-1", "R412-2", "R413-1", "R413-2", "R414-1", "R414-2",
	"R416-1", "R416-2", "R417-1", "R417-2", "R417-3", "R417-4", "R418-1", "R419-1", "R419-2",
	"R42-1", "R42-2", "R42-3", "R43-1", "R43-2", "R43-3"}

func applicabilityA(sf *ward.SecurityFile, clause string) *ward.Applicability {
	for _, a := range sf.Applicability {
		if a.Clause == clause {
			return a
		}
	}
	panic("no applicability row " + clause)
}

func docA(sf *ward.SecurityFile, id string) *ward.Document {
	for _, d := range sf.Documents {
		if d.ID == id {
			return d
		}
	}
	panic("no document " + id)
}

func itemA(sf *ward.SecurityFile, id string) *ward.SoftwareItem {
	for _, it := range sf.Components {
		if it.ID == id {
			return it
		}
	}
	panic("no component " + id)
}

func releaseA(sf *ward.SecurityFile) *ward.ReleaseRecord { return sf.Releases[1] }

func TestRules4(t *testing.T) {
	t.Parallel()
	cases := []ruleCase{
		{rule: "R411-1", name: "all clauses covered", sf: valid4(), want: Pass},
		{rule: "R411-1", name: "self-approved", want: Fail, text: "SOP-1: approved by its own author",
			sf: valid4(func(sf *ward.SecurityFile) { sf.ProcessDocs[0].Approver = "a.weber" })},
		{rule: "R411-1", name: "clause 9 not covered", want: Fail, text: "clause 9.2",
			sf: valid4(func(sf *ward.SecurityFile) { sf.ProcessDocs[0].Clauses = []string{"4", "5", "6", "7", "8"} })},
		{rule: "R411-1", name: "tailored-out clause needs no procedure", want: Pass,
			sf: valid4(func(sf *ward.SecurityFile) {
				sf.ProcessDocs[0].Clauses = []string{"4", "5", "6", "7", "8", "9.2", "9.3", "9.4"}
				a := applicabilityA(sf, "9.5")
				a.Applies, a.Rationale, a.ApprovedBy = ward.AppliesNo, "handled by the parent company PSIRT", "a.weber"
			})},

		{rule: "R411-2", name: "within review period", sf: valid4(), want: Pass},
		{rule: "R411-2", name: "review overdue", want: Fail, text: "SOP-1: review was due 2026-01-15",
			sf: valid4(func(sf *ward.SecurityFile) { sf.ProcessDocs[0].NextReview = ward.MustDate("2026-01-15") })},
		{rule: "R411-2", name: "default interval from approval", want: Fail, text: "SOP-1: review was due 2026-01-15",
			sf: valid4(func(sf *ward.SecurityFile) {
				sf.ProcessDocs[0].NextReview = ward.Date{}
				sf.ProcessDocs[0].ApprovedAt = ward.MustDate("2024-01-15")
			})},

		{rule: "R412-1", name: "owners held", sf: valid4(), want: Pass},
		{rule: "R412-1", name: "no owner", want: Fail, text: "activity 5.7.4: no owner role",
			sf: valid4(func(sf *ward.SecurityFile) { applicabilityA(sf, "5.7.4").Owner = "" })},
		{rule: "R412-1", name: "owner role held only by inactive person", want: Fail, text: "activity 5.7.4: no active person holds its owner role legacy",
			sf: valid4(func(sf *ward.SecurityFile) {
				sf.Roles = append(sf.Roles, &ward.Role{ID: "legacy", Name: "Legacy"})
				sf.People[3].Roles = []string{"legacy"}
				applicabilityA(sf, "5.7.4").Owner = "legacy"
			})},

		{rule: "R412-2", name: "open work with active people", sf: valid4(), want: Pass},
		{rule: "R412-2", name: "improvement owned by inactive person", want: Fail, text: "improvement IMP-1: open and owned by inactive person d.old",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Improvements[0].Owner = "d.old" })},
		{rule: "R412-2", name: "open review with inactive reviewer", want: Fail, text: "review REV-DM",
			sf: valid4(func(sf *ward.SecurityFile) {
				sf.Reviews[1].Closed = false
				sf.Reviews[1].Reviewers = []string{"d.old"}
			})},

		{rule: "R413-1", name: "complete matrix", sf: valid4(), want: Pass},
		{rule: "R413-1", name: "row missing", want: Fail, text: "clause 7.3",
			sf: valid4(func(sf *ward.SecurityFile) {
				sf.Applicability = slices.DeleteFunc(sf.Applicability, func(a *ward.Applicability) bool { return a.Clause == "7.3" })
			})},
		{rule: "R413-1", name: "partial without approver", want: Fail, text: "applicability 5.6: applies partial without approved_by",
			sf: valid4(func(sf *ward.SecurityFile) { applicabilityA(sf, "5.6").ApprovedBy = "" })},
		{rule: "R413-1", name: "no without rationale", want: Fail, text: "applicability 8: applies no without a rationale",
			sf: valid4(func(sf *ward.SecurityFile) {
				a := applicabilityA(sf, "8")
				a.Applies, a.ApprovedBy = ward.AppliesNo, "a.weber"
			})},

		{rule: "R413-2", name: "statement after matrix: version left to a human", sf: valid4(), want: RuleManual, text: "DOC-CF"},
		{rule: "R413-2", name: "no conformance document", want: Fail, text: "release 4.2.0: no conformance document",
			sf: valid4(func(sf *ward.SecurityFile) { docA(sf, "DOC-CF").Kind = "other" })},
		{rule: "R413-2", name: "matrix changed after statement", want: Fail, text: "conformance document DOC-CF: reviewed 2026-11-10, before applicability row 5.6",
			sf: valid4(func(sf *ward.SecurityFile) { applicabilityA(sf, "5.6").ApprovedAt = ward.MustDate("2026-11-15") })},

		{rule: "R414-1", name: "competent contributors", sf: valid4(), want: Pass},
		{rule: "R414-1", name: "tester lacks competency", want: Fail, text: "test TST-PEN (clause 5.7.4, 2026-10-15): b.khan lacks competency threat-modeling",
			sf: valid4(func(sf *ward.SecurityFile) {
				sf.People[1].Competencies = nil
				sf.Tests[0].ExecutedBy = []string{"b.khan"}
			})},
		{rule: "R414-1", name: "competency expired before the work", want: Fail, text: "a.weber lacks competency threat-modeling",
			sf: valid4(func(sf *ward.SecurityFile) { sf.People[0].Competencies[0].ValidUntil = ward.MustDate("2026-09-30") })},
		{rule: "R414-1", name: "empty matrix", want: Fail, text: "policy.competency_matrix is empty",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Policy.Competencies = nil })},

		{rule: "R414-2", name: "trained", sf: valid4(), want: Pass},
		{rule: "R414-2", name: "training too old", want: Fail, text: "person c.lopez: last security training 2025-04-01",
			sf: valid4(func(sf *ward.SecurityFile) { sf.People[2].Trainings[0].Date = ward.MustDate("2025-04-01") })},
		{rule: "R414-2", name: "never trained", want: Fail, text: "person b.khan (roles release-manager): no security training",
			sf: valid4(func(sf *ward.SecurityFile) { sf.People[1].Trainings = nil })},

		{rule: "R416-1", name: "reviewed with inputs", sf: valid4(), want: Pass},
		{rule: "R416-1", name: "review too old", want: Fail, text: "review REV-PI",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Reviews[0].Date = ward.MustDate("2025-09-01") })},
		{rule: "R416-1", name: "no root cause", want: Fail, text: "improvement IMP-1: no root cause",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Improvements[0].RootCause = nil })},
		{rule: "R416-1", name: "no due date", want: Fail, text: "improvement IMP-1: no due date",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Improvements[0].Due = ward.Date{} })},

		{rule: "R416-2", name: "not overdue", sf: valid4(), want: Pass},
		{rule: "R416-2", name: "overdue", want: Fail, text: "improvement IMP-1: open past its due date 2026-10-01",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Improvements[0].Due = ward.MustDate("2026-10-01") })},

		{rule: "R417-1", name: "published and reviewed", sf: valid4(), want: Pass},
		{rule: "R417-1", name: "review stale", want: Fail, text: "policy last reviewed 2025-06-01",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Disclosure.ReviewedAt = ward.MustDate("2025-06-01") })},
		{rule: "R417-1", name: "no policy", want: Fail, text: "no disclosure: section",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Disclosure = nil })},

		{rule: "R417-2", name: "advisory published", sf: valid4(), want: Pass},
		{rule: "R417-2", name: "approved decision not to publish", want: Pass,
			sf: valid4(func(sf *ward.SecurityFile) {
				sf.Vulns[0].Advisory, sf.Advisories = "", nil
				sf.Vulns[0].NoAdvisory = "no user action possible; fixed silently by auto-update"
			})},
		{rule: "R417-2", name: "no advisory", want: Fail, text: "vulnerability VUL-1 (fixed in a released version): no advisory",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Vulns[0].Advisory, sf.Advisories = "", nil })},

		{rule: "R417-3", name: "complete advisory", sf: valid4(), want: Pass},
		{rule: "R417-3", name: "severity without method", want: Fail, text: `advisory ADV-1: severity "high" does not name its rating method`,
			sf: valid4(func(sf *ward.SecurityFile) { sf.Advisories[0].Severity = "high" })},
		{rule: "R417-3", name: "no fixed version although fixed", want: Fail, text: "advisory ADV-1: no fixed_in",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Advisories[0].FixedIn = "" })},
		{rule: "R417-3", name: "unfixed with mitigation needs no fixed version", want: Pass,
			sf: valid4(func(sf *ward.SecurityFile) {
				sf.Advisories[0].FixedIn = ""
				sf.Vulns[0].Status = ward.VEXAffected
			})},

		{rule: "R417-4", name: "published promptly", sf: valid4(), want: Pass},
		{rule: "R417-4", name: "published late", want: Fail, text: "advisory ADV-1: published 2026-06-10, 66 days after update UPD-1",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Advisories[0].PublishedAt = ward.MustDate("2026-06-10") })},
		{rule: "R417-4", name: "late under embargo", want: Pass,
			sf: valid4(func(sf *ward.SecurityFile) {
				sf.Advisories[0].PublishedAt = ward.MustDate("2026-06-10")
				sf.Advisories[0].Embargo = ward.MustDate("2026-06-01")
			})},

		{rule: "R418-1", name: "reviewed with metrics and conclusions", sf: valid4(), want: Pass},
		{rule: "R418-1", name: "no conclusions", want: Fail, text: "review REV-DM: records no conclusions",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Reviews[1].Notes = "" })},
		{rule: "R418-1", name: "no review", want: Fail, text: "no review of kind defect_management",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Reviews = sf.Reviews[:1] })},

		{rule: "R419-1", name: "reviewed by a second person", sf: valid4(), want: Pass},
		{rule: "R419-1", name: "author reviewed own guide", want: Fail, text: "document DOC-SO (secure_operation): reviewed by its own author a.weber",
			sf: valid4(func(sf *ward.SecurityFile) { docA(sf, "DOC-SO").ReviewedBy = "a.weber" })},
		{rule: "R419-1", name: "reviewed after release", want: Fail, text: "document DOC-DC (decommissioning): reviewed 2026-11-21, after release 4.2.0",
			sf: valid4(func(sf *ward.SecurityFile) { docA(sf, "DOC-DC").ReviewedAt = ward.MustDate("2026-11-21") })},
		{rule: "R419-1", name: "no release", want: Fail, text: "no release recorded",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Releases = nil })},

		{rule: "R419-2", name: "guides name the release", sf: valid4(), want: Pass},
		{rule: "R419-2", name: "stale guide", want: Fail, text: "document DOC-RR (residual_risk): shipped with release 4.2.0 but does not list it",
			sf: valid4(func(sf *ward.SecurityFile) { docA(sf, "DOC-RR").Releases = []string{"4.1.0"} })},

		{rule: "R42-1", name: "complete plan", sf: valid4(), want: Pass},
		{rule: "R42-1", name: "no plan", want: Fail, text: "no security risk management plan",
			sf: valid4(func(sf *ward.SecurityFile) { docA(sf, "DOC-RMP").Kind = "other" })},
		{rule: "R42-1", name: "safety impact without hazard", want: Fail, text: "risk RSK-1: has safety impact but names no hazard",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Risks[0].Hazards = nil })},
		{rule: "R42-1", name: "no acceptance criteria", want: Fail, text: "no risk acceptance criteria",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Policy.Criteria = nil })},

		{rule: "R42-2", name: "accepted and authorised", sf: valid4(), want: Pass},
		{rule: "R42-2", name: "approver lacks risk acceptance", want: Fail, text: "risk RSK-1: approver b.khan holds no role with risk_acceptance",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Risks[0].ApprovedBy = "b.khan" })},
		{rule: "R42-2", name: "unknown criterion", want: Fail, text: "risk RSK-1: criterion CRIT-9 is not in policy.acceptance_criteria",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Risks[0].Criterion = "CRIT-9" })},
		{rule: "R42-2", name: "nothing accepted", want: RuleNA,
			sf: valid4(func(sf *ward.SecurityFile) { sf.Risks[0].Acceptable = boolA(false) })},

		{rule: "R42-3", name: "exploitability-based", sf: valid4(), want: Pass},
		{rule: "R42-3", name: "probability of attack", want: Fail, text: "risk RSK-1: scoring method \"probability of attack x severity\"",
			sf: valid4(func(sf *ward.SecurityFile) { sf.Risks[0].Method = "probability of attack x severity" })},
		{rule: "R42-3", name: "unknown method", want: RuleManual, text: `"in-house matrix"`,
			sf: valid4(func(sf *ward.SecurityFile) { sf.Risks[0].Method = "in-house matrix" })},

		{rule: "R43-1", name: "categories and aliases", sf: valid4(), want: Pass},
		{rule: "R43-1", name: "unknown category", want: Fail, text: `component CMP-os: category "vendor"`,
			sf: valid4(func(sf *ward.SecurityFile) { itemA(sf, "CMP-os").Category = "vendor" })},
		{rule: "R43-1", name: "SBOM component without item", want: Fail, text: "SBOM component zlib@1.3",
			sf: valid4(), sboms: sbomA("4.2.0", &ward.Component{Name: "zlib", Version: "1.3"})},
		{rule: "R43-1", name: "SBOM component matched by purl", want: Pass,
			sf: valid4(), sboms: sbomA("4.2.0", &ward.Component{Name: "kernel", Version: "6.6", PURL: "pkg:generic/linux@6.6"})},

		{rule: "R43-2", name: "no downgrade recorded", sf: valid4(), want: Pass},
		{rule: "R43-2", name: "re-evaluated downgrade", want: Pass,
			sf: valid4(func(sf *ward.SecurityFile) {
				itemA(sf, "CMP-lib").Downgrade = &ward.CategoryChange{From: "supported", Date: ward.MustDate("2026-10-01"), Reevaluation: "RA-2026-7"}
			})},
		{rule: "R43-2", name: "downgrade without re-evaluation", want: Fail, text: "component CMP-lib: downgrade from supported without a record",
			sf: valid4(func(sf *ward.SecurityFile) {
				itemA(sf, "CMP-lib").Downgrade = &ward.CategoryChange{From: "supported", Date: ward.MustDate("2026-10-01")}
			})},
		{rule: "R43-2", name: "operator documents not updated", want: Fail, text: "component CMP-lib: no operator document",
			sf: valid4(func(sf *ward.SecurityFile) {
				itemA(sf, "CMP-lib").Downgrade = &ward.CategoryChange{From: "maintained", Date: ward.MustDate("2026-11-12"), Reevaluation: "RA-2026-9"}
			})},

		{rule: "R43-3", name: "duties documented", sf: valid4(), want: Pass},
		{rule: "R43-3", name: "required item not in operator docs", want: Fail, text: "component CMP-lib (required): no operator document lists it",
			sf: valid4(func(sf *ward.SecurityFile) { docA(sf, "DOC-SO").Covers = []string{"CMP-os"} })},
		{rule: "R43-3", name: "only maintained items", want: RuleNA,
			sf: valid4(func(sf *ward.SecurityFile) {
				itemA(sf, "CMP-lib").Category = "maintained"
				itemA(sf, "CMP-os").Category = "maintained"
			})},
	}
	runCasesA(t, rules4, cases)
}

// sbomA is one readable SBOM of the release with the given components.
func sbomA(release string, comps ...*ward.Component) []LoadedSBOM {
	return []LoadedSBOM{{Ref: &ward.SBOMRef{ID: "SBOM-1", Path: "sbom.cdx.json", Release: release},
		SBOM: &ward.SBOM{Format: "CycloneDX", Components: comps}}}
}

// TestRulesAEmptyFile: on an empty security file no check panics, and none
// passes a release gate it has no evidence for.
func TestRulesAEmptyFile(t *testing.T) {
	t.Parallel()
	for _, id := range slices.Concat(rules4, rules5, rules58) {
		var c Check
		checks[id](NewInput(&ward.SecurityFile{}, checkDay, nil, ""), &c)
		if got := c.result(&RuleInfo{ID: id}); got.Status == Pass && strings.HasPrefix(id, "R58") {
			t.Errorf("%s passes on an empty file: %s", id, got.Message)
		}
	}
}
