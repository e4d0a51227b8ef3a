package gap

import (
	"strings"
	"testing"

	"github.com/wardhq/ward"
)

// Tests of the checks of 4.1.5, the catalog's own additions (5.4.1, 7.1.1,
// 9.2, F.3, F.4) and of the clause verdicts of Evaluate.

func validLead(muts ...func(*ward.SecurityFile)) *ward.SecurityFile {
	sf := &ward.SecurityFile{
		Product: &ward.Product{ID: "pump", Name: "Pump", Kind: ward.ProductMedicalDevice, Regulations: []ward.Regulation{ward.RegMDR}},
		People: []*ward.Person{
			{ID: "ann", Name: "Ann", Roles: []string{"risk-manager"}},
		},
		Roles: []*ward.Role{{ID: "risk-manager", Name: "Risk manager", RiskAcceptance: true}},
		Suppliers: []*ward.Supplier{
			{ID: "SUP-OSS", Name: "Django project", Kind: ward.SupplierOpenSource},
			{ID: "SUP-RTOS", Name: "RTOS Inc", Kind: ward.SupplierCommercial, Agreement: "MSA-7",
				Evaluations: []*ward.Evaluation{{Date: ward.MustDate("2026-03-01"), Result: "approved"}}},
		},
		Components: []*ward.SoftwareItem{
			{ID: "CMP-django", Name: "django", Version: "4.2.1", PURL: "pkg:pypi/django@4.2.1", Origin: "open_source",
				Supplier: "SUP-OSS", Category: "maintained", SupportLevel: "active", EndOfSupport: "2028-04-30", Monitoring: []string{"osv"}},
			{ID: "CMP-rtos", Name: "rtos", Version: "10.4", Origin: "commercial", Supplier: "SUP-RTOS", Category: "required",
				SupportLevel: "active", EndOfSupport: "unknown", EOSRationale: "vendor publishes no date; tracked in SUP-RTOS reviews", Monitoring: []string{"vendor"}},
			{ID: "CMP-fw", Name: "firmware", Version: "2.4.0", Origin: "in_house", Category: "maintained"},
		},
		Architecture: &ward.Architecture{Elements: []*ward.Element{
			{ID: "P-FW", Name: "firmware", Kind: "process", SecurityRelevant: true, DesignReview: "REV-D"},
		}},
		Reviews: []*ward.Review{{ID: "REV-D", Kind: ward.ReviewDesign, Date: ward.MustDate("2026-06-01"), Reviewers: []string{"ann"},
			Inputs: []string{"SEI CERT C checklist"}, Closed: true}},
		Documents: []*ward.Document{
			{ID: "DOC-RMP", Kind: "risk_management_plan", Title: "RMP", Version: "3", Author: "ann", Covers: []string{"iso_14971"}},
		},
		Risks:       []*ward.Risk{{ID: "RSK-1", Threats: []string{"THR-1"}, SafetyImpact: true, Hazards: []string{"HAZ-3"}}},
		Disclosure:  &ward.Disclosure{Contact: "mailto:psirt@example.com", PolicyURL: "https://example.com/cvd", ReviewedAt: ward.MustDate("2026-05-01"), ReviewedBy: "ann"},
		Maintenance: &ward.MaintenancePlan{UpdateTargets: []*ward.UpdateTarget{{Severity: "critical", Days: 30}}},
		Monitoring:  []*ward.MonitoringRun{{Date: ward.MustDate("2026-11-24"), Sources: []string{"osv"}, Reviewer: "ann"}},
	}
	for _, m := range muts {
		m(sf)
	}
	return sf
}

func transitional(sf *ward.SecurityFile) {
	sf.Product.Transitional = true
	sf.Documents = append(sf.Documents, &ward.Document{ID: "DOC-CUR", Kind: "other", Title: "Continued use", Version: "1",
		Author: "ann", ReviewedBy: "ann", Covers: []string{"continued_use_rationale"}})
}

func itemLead(sf *ward.SecurityFile, id string) *ward.SoftwareItem {
	for _, it := range sf.Components {
		if it.ID == id {
			return it
		}
	}
	panic("no item " + id)
}

func casesLead() []ruleCase {
	return []ruleCase{
		{name: "complete", rule: "R415-1", sf: validLead(), want: Pass},
		{name: "no supplier", rule: "R415-1", sf: validLead(func(sf *ward.SecurityFile) { itemLead(sf, "CMP-django").Supplier = "" }), want: Fail, text: "CMP-django"},
		{name: "unknown eos without rationale", rule: "R415-1", sf: validLead(func(sf *ward.SecurityFile) { itemLead(sf, "CMP-rtos").EOSRationale = "" }), want: Fail, text: "CMP-rtos"},
		{name: "eos not a date", rule: "R415-1", sf: validLead(func(sf *ward.SecurityFile) { itemLead(sf, "CMP-django").EndOfSupport = "soon" }), want: Fail, text: "CMP-django"},
		{name: "category alias", rule: "R415-1", sf: validLead(func(sf *ward.SecurityFile) {
			sf.Product.CategoryAliases = map[string]string{"SOUP-A": "maintained"}
			itemLead(sf, "CMP-django").Category = "SOUP-A"
		}), want: Pass},
		{name: "unknown category", rule: "R415-1", sf: validLead(func(sf *ward.SecurityFile) { itemLead(sf, "CMP-django").Category = "SOUP-A" }), want: Fail, text: "CMP-django"},
		{name: "SBOM component without item", rule: "R415-1", sf: validLead(), sboms: []LoadedSBOM{{Ref: &ward.SBOMRef{ID: "S"},
			SBOM: &ward.SBOM{Components: []*ward.Component{{Name: "left-pad", Version: "1.3.0", PURL: "pkg:npm/left-pad@1.3.0"}}}}}, want: Fail, text: "left-pad@1.3.0"},
		{name: "SBOM component matched by purl", rule: "R415-1", sf: validLead(), sboms: []LoadedSBOM{{Ref: &ward.SBOMRef{ID: "S"},
			SBOM: &ward.SBOM{Components: []*ward.Component{{Name: "Django", Version: "4.2.1", PURL: "pkg:pypi/django@4.2.1"}}}}}, want: Pass},

		{name: "agreement and evaluation", rule: "R415-2", sf: validLead(), want: Pass},
		{name: "no agreement", rule: "R415-2", sf: validLead(func(sf *ward.SecurityFile) { sf.Suppliers[1].Agreement = "" }), want: Fail, text: "SUP-RTOS"},
		{name: "stale evaluation", rule: "R415-2", sf: validLead(func(sf *ward.SecurityFile) { sf.Suppliers[1].Evaluations[0].Date = ward.MustDate("2023-01-01") }), want: Fail, text: "SUP-RTOS"},
		{name: "only open source", rule: "R415-2", sf: validLead(func(sf *ward.SecurityFile) { sf.Suppliers = sf.Suppliers[:1] }), want: RuleNA},

		{name: "monitored", rule: "R415-3", sf: validLead(), want: Pass},
		{name: "unmonitored", rule: "R415-3", sf: validLead(func(sf *ward.SecurityFile) { itemLead(sf, "CMP-rtos").Monitoring = nil }), want: Fail, text: "CMP-rtos"},

		{name: "supported long enough", rule: "R415-4", sf: validLead(), want: Pass},
		{name: "abandoned without plan", rule: "R415-4", sf: validLead(func(sf *ward.SecurityFile) { itemLead(sf, "CMP-django").SupportLevel = "abandoned" }), want: Fail, text: "CMP-django"},
		{name: "support ends soon without plan", rule: "R415-4", sf: validLead(func(sf *ward.SecurityFile) { itemLead(sf, "CMP-django").EndOfSupport = "2027-01-31" }), want: Fail, text: "CMP-django"},
		{name: "support ends soon with plan", rule: "R415-4", sf: validLead(func(sf *ward.SecurityFile) {
			it := itemLead(sf, "CMP-django")
			it.EndOfSupport, it.ReplacementPlan = "2027-01-31", "move to django 5.2 LTS in release 2.6"
		}), want: Pass},

		{name: "guideline and outcome", rule: "R541-1", sf: validLead(), want: Pass},
		{name: "no guideline named", rule: "R541-1", sf: validLead(func(sf *ward.SecurityFile) { sf.Reviews[0].Inputs = nil }), want: Fail, text: "REV-D"},
		{name: "no outcome", rule: "R541-1", sf: validLead(func(sf *ward.SecurityFile) { sf.Reviews[0].Closed = false }), want: Fail, text: "REV-D"},
		{name: "no security-relevant element", rule: "R541-1", sf: validLead(func(sf *ward.SecurityFile) { sf.Architecture.Elements[0].SecurityRelevant = false }), want: RuleNA},

		{name: "plan linked", rule: "R711-1", sf: validLead(), want: Pass},
		{name: "plan not linked", rule: "R711-1", sf: validLead(func(sf *ward.SecurityFile) { sf.Documents[0].Covers = nil }), want: Fail, text: "DOC-RMP"},
		{name: "safety risk without hazard", rule: "R711-1", sf: validLead(func(sf *ward.SecurityFile) { sf.Risks[0].Hazards = nil }), want: Fail, text: "RSK-1"},
		{name: "no plan", rule: "R711-1", sf: validLead(func(sf *ward.SecurityFile) { sf.Documents = nil }), want: Fail, text: "risk_management_plan"},

		{name: "channel checked", rule: "R92-2", sf: validLead(), want: Pass},
		{name: "channel never checked", rule: "R92-2", sf: validLead(func(sf *ward.SecurityFile) { sf.Disclosure.ReviewedAt = ward.Date{} }), want: Fail, text: "disclosure"},
		{name: "channel checked long ago", rule: "R92-2", sf: validLead(func(sf *ward.SecurityFile) { sf.Disclosure.ReviewedAt = ward.MustDate("2025-01-10") }), want: Fail, text: "2025-01-10"},
		{name: "no disclosure", rule: "R92-2", sf: validLead(func(sf *ward.SecurityFile) { sf.Disclosure = nil }), want: Fail, text: "disclosure"},

		{name: "not transitional", rule: "RF3-1", sf: validLead(), want: RuleNA},
		{name: "approved rationale", rule: "RF3-1", sf: validLead(transitional), want: Pass},
		{name: "no rationale", rule: "RF3-1", sf: validLead(func(sf *ward.SecurityFile) { sf.Product.Transitional = true }), want: Fail, text: "continued_use_rationale"},
		{name: "approver without risk role", rule: "RF3-1", sf: validLead(transitional, func(sf *ward.SecurityFile) { sf.Roles[0].RiskAcceptance = false }), want: Fail, text: "DOC-CUR"},

		{name: "not transitional", rule: "RF4-1", sf: validLead(), want: RuleNA},
		{name: "post-release running", rule: "RF4-1", sf: validLead(transitional), want: Pass},
		{name: "no maintenance plan", rule: "RF4-1", sf: validLead(transitional, func(sf *ward.SecurityFile) { sf.Maintenance = nil }), want: Fail, text: "maintenance"},
		{name: "stale monitoring", rule: "RF4-1", sf: validLead(transitional, func(sf *ward.SecurityFile) { sf.Monitoring[0].Date = ward.MustDate("2026-09-01") }), want: Fail, text: "2026-09-01"},
	}
}

func TestRulesLead(t *testing.T) { runGapCases(t, casesLead()) }

func TestDerivedThreatsDecided(t *testing.T) {
	t.Parallel()
	gen := []ward.GeneratedThreat{{ID: "I-PHI-CLEARTEXT-0a1b2c3d", Rule: "I-PHI-CLEARTEXT", Title: "PHI in clear"}}
	decided := func(muts ...func(*ward.Threat)) *ward.SecurityFile {
		return validLead(func(sf *ward.SecurityFile) {
			th := &ward.Threat{ID: "I-PHI-CLEARTEXT-0a1b2c3d", Title: "PHI in clear", Source: "rule:I-PHI-CLEARTEXT",
				Decision: "mitigated", Controls: []string{"CTL-TLS"}}
			for _, m := range muts {
				m(th)
			}
			sf.Threats = append(sf.Threats, th)
		})
	}
	for _, tc := range []struct {
		name string
		sf   *ward.SecurityFile
		gen  []ward.GeneratedThreat
		want RuleStatus
		text string
	}{
		{"decided", decided(), gen, Pass, ""},
		{"undecided", validLead(), gen, Fail, "I-PHI-CLEARTEXT-0a1b2c3d"},
		{"mitigated without controls", decided(func(th *ward.Threat) { th.Controls = nil }), gen, Fail, "I-PHI-CLEARTEXT-0a1b2c3d"},
		{"accepted without rationale", decided(func(th *ward.Threat) { th.Decision = "accepted" }), gen, Fail, "I-PHI-CLEARTEXT-0a1b2c3d"},
		{"stale decision", decided(), []ward.GeneratedThreat{}, Fail, "stale"},
		{"not derived in this run", validLead(), nil, RuleManual, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := NewInput(tc.sf, checkDay, nil, "")
			in.Generated = tc.gen
			var c Check
			checks["R72-6"](in, &c)
			got := c.result(&RuleInfo{ID: "R72-6"})
			if got.Status != tc.want {
				t.Fatalf("status = %s, want %s (%q)", got.Status, tc.want, got.Missing)
			}
			if tc.text != "" && !strings.Contains(strings.Join(got.Missing, "\n"), tc.text) {
				t.Errorf("missing %q does not name %s", got.Missing, tc.text)
			}
		})
	}
}

// TestEveryRuleHasACheck: every rule of the catalog is decided by a check
// (none silently falls back to "manual"), and every check is catalogued.
func TestEveryRuleHasACheck(t *testing.T) {
	t.Parallel()
	cat, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	inCatalog := map[string]bool{}
	for _, cl := range cat.Clauses {
		for _, r := range cl.Rules {
			if inCatalog[r.ID] {
				t.Errorf("rule %s listed twice in the catalog", r.ID)
			}
			inCatalog[r.ID] = true
			if !r.Automated {
				t.Errorf("rule %s (%s) has no check", r.ID, cl.ID)
			}
			if r.Severity.Rank() == 0 {
				t.Errorf("rule %s: bad severity %q", r.ID, r.Severity)
			}
		}
	}
	for id := range checks {
		if !inCatalog[id] {
			t.Errorf("check %s is not in the catalog", id)
		}
	}
}

// TestClauseVerdicts checks how Evaluate turns rules into clause verdicts:
// tailoring, the Annex F route, overlay rules and the summary.
func TestClauseVerdicts(t *testing.T) {
	t.Parallel()
	cat, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	status := func(rep *Report, id string) ClauseResult {
		for _, c := range rep.Clauses {
			if c.ID == id {
				return c
			}
		}
		t.Fatalf("clause %s not in the report", id)
		return ClauseResult{}
	}

	rep := Evaluate(cat, NewInput(validLead(), checkDay, nil, ""))
	if got := status(rep, "F.2").Status; got != NotApplicable {
		t.Errorf("F.2 for a non-transitional product = %s, want not_applicable", got)
	}
	if got := status(rep, "5.7.4").Status; got != NotMet {
		t.Errorf("5.7.4 without a penetration test = %s, want not_met", got)
	}
	sum := rep.Summary
	if n := sum.Met + sum.NotMet + sum.NotApplicable + sum.Manual; n != len(rep.Clauses) {
		t.Errorf("summary counts %d clauses, report has %d", n, len(rep.Clauses))
	}
	for _, c := range rep.Clauses {
		if c.ID == "4.1" || c.ID == "9.1" {
			t.Errorf("heading or informative clause %s is assessed", c.ID)
		}
	}

	// A clause tailored out with rationale and approver is not applicable.
	tailored := validLead(func(sf *ward.SecurityFile) {
		sf.Applicability = []*ward.Applicability{{Clause: "5.7.4", Applies: ward.AppliesNo, Rationale: "no network interface", ApprovedBy: "ann"}}
	})
	c := status(Evaluate(cat, NewInput(tailored, checkDay, nil, "")), "5.7.4")
	if c.Status != NotApplicable || c.Rationale == "" {
		t.Errorf("tailored 5.7.4 = %s (%q), want not_applicable with the rationale", c.Status, c.Rationale)
	}
	// Without an approver the tailoring does not count.
	unapproved := validLead(func(sf *ward.SecurityFile) {
		sf.Applicability = []*ward.Applicability{{Clause: "5.7.4", Applies: ward.AppliesNo, Rationale: "no network interface"}}
	})
	if got := status(Evaluate(cat, NewInput(unapproved, checkDay, nil, "")), "5.7.4").Status; got == NotApplicable {
		t.Errorf("tailoring without approver made 5.7.4 not applicable")
	}

	// Transitional software: Annex F applies, development clauses do not.
	rep = Evaluate(cat, NewInput(validLead(transitional), checkDay, nil, ""))
	if got := status(rep, "F.3").Status; got == NotApplicable {
		t.Errorf("F.3 for a transitional product is not applicable")
	}
	if got := status(rep, "5.7.4").Status; got != NotApplicable {
		t.Errorf("5.7.4 for a transitional product = %s, want not_applicable", got)
	}

	// Overlay rules apply only with their regulation in scope.
	for _, r := range status(rep, "6.1.1").Rules {
		if r.ID == "R-CRA-2" && r.Status != RuleNA {
			t.Errorf("R-CRA-2 for an MDR-only product = %s, want not_applicable", r.Status)
		}
	}
}
