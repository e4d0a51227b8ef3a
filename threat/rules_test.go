package threat

import (
	"testing"

	"github.com/wardhq/ward"
)

// ruleCase is one rule test: a model where the rule must fire (with the
// elements it must name) and a safe variant where it must not.
type ruleCase struct {
	rule   string
	unsafe *ward.SecurityFile
	fires  []string // the Elements of one expected hit
	safe   *ward.SecurityFile
}

// runRuleCase runs one rule on both models.
func runRuleCase(t *testing.T, tc ruleCase) {
	t.Helper()
	r, ok := registry[tc.rule]
	if !ok {
		t.Fatalf("rule %s is not registered", tc.rule)
	}
	day := ward.MustDate("2026-11-26")
	hits := r.Apply(NewModel(tc.unsafe, day))
	found := false
	for _, h := range hits {
		if equalSets(h.Elements, tc.fires) {
			found = true
		}
		if h.Title == "" || h.Description == "" {
			t.Errorf("%s: hit on %v without title or description", tc.rule, h.Elements)
		}
	}
	if !found {
		t.Errorf("%s: does not fire on %v in the unsafe model; hits: %+v", tc.rule, tc.fires, hits)
	}
	if hits := r.Apply(NewModel(tc.safe, day)); len(hits) != 0 {
		t.Errorf("%s: fires on the safe model: %+v", tc.rule, hits)
	}
}

func equalSets(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

// baseModel is a small, safe model of a connected pump: a clinician portal
// in the hospital network, a gateway, a pump. Tests mutate it to make one
// rule fire.
func baseModel(muts ...func(*ward.SecurityFile)) *ward.SecurityFile {
	sf := &ward.SecurityFile{
		Product: &ward.Product{ID: "pump", Name: "Pump"},
		Context: &ward.SecurityContext{
			Data: []*ward.DataItem{
				{ID: "DAT-PHI", Name: "Patient data", Classification: "phi", PersonalHealthData: true},
				{ID: "DAT-CMD", Name: "Infusion program", Classification: "clinical"},
			},
			Interfaces: []*ward.Interface{
				{ID: "IF-GW", Name: "Gateway API", Kind: "http_api", Port: 443, Protocol: "HTTPS", Direction: "inbound",
					Authentication: "mTLS", Encryption: "TLS 1.3", Exposure: "hospital_lan", Element: "P-GW", EnabledByDefault: true, InLabeling: true},
			},
		},
		Architecture: &ward.Architecture{
			Boundaries: []*ward.Boundary{
				{ID: "TB-HOSP", Name: "Hospital network"},
				{ID: "TB-DEV", Name: "Pump", Parent: "TB-HOSP"},
			},
			Elements: []*ward.Element{
				{ID: "EE-NURSE", Name: "Nurse", Kind: "external_entity", Boundary: "TB-HOSP"},
				{ID: "P-GW", Name: "Gateway", Kind: "process", Boundary: "TB-HOSP", Credentials: "unique", Logging: true, Hardened: true},
				{ID: "P-PUMP", Name: "Pump firmware", Kind: "process", Boundary: "TB-DEV", Function: "therapy", Credentials: "unique", Logging: true, Hardened: true},
				{ID: "DS-LOG", Name: "Event log", Kind: "data_store", Boundary: "TB-DEV", Stores: []string{"DAT-PHI"}, EncryptedAtRest: true, Backup: true},
			},
			Flows: []*ward.Flow{
				{ID: "F-NURSE-GW", From: "EE-NURSE", To: "P-GW", Protocol: "HTTPS", Interface: "IF-GW", Authentication: "SSO", Encryption: "TLS 1.3", Integrity: "tls", Purpose: "command", Data: []string{"DAT-CMD"}},
				{ID: "F-GW-PUMP", From: "P-GW", To: "P-PUMP", Protocol: "MQTT", Authentication: "mTLS", Encryption: "TLS 1.3", Integrity: "signature", Purpose: "command", Data: []string{"DAT-CMD", "DAT-PHI"}},
			},
			Assets: []*ward.Asset{
				{ID: "AST-THERAPY", Name: "Infusion delivery", Element: "P-PUMP", Confidentiality: "low", Integrity: "high", Availability: "high", SafetyRelevant: true},
			},
		},
	}
	for _, m := range muts {
		m(sf)
	}
	return sf
}

// flow returns the flow with the given ID of sf.
func flow(sf *ward.SecurityFile, id string) *ward.Flow {
	for _, f := range sf.Architecture.Flows {
		if f.ID == id {
			return f
		}
	}
	panic("no flow " + id)
}

func TestRuleHealthDataUnencrypted(t *testing.T) {
	runRuleCase(t, ruleCase{
		rule:   "I-PHI-CLEARTEXT",
		unsafe: baseModel(func(sf *ward.SecurityFile) { flow(sf, "F-GW-PUMP").Encryption = "none" }),
		fires:  []string{"F-GW-PUMP"},
		safe:   baseModel(),
	})
}

func TestRuleClinicalCommand(t *testing.T) {
	runRuleCase(t, ruleCase{
		rule:   "T-CLINICAL-CMD",
		unsafe: baseModel(func(sf *ward.SecurityFile) { flow(sf, "F-GW-PUMP").Integrity = "none" }),
		fires:  []string{"F-GW-PUMP", "P-PUMP"},
		safe:   baseModel(),
	})
}
