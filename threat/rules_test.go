package threat

import (
	"regexp"
	"strings"
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

// fireCase is a mutation of baseModel on which a rule fires exactly once,
// on fires, with the given Safety.
type fireCase struct {
	name   string
	rule   string
	mutate func(*ward.SecurityFile)
	fires  []string
	safety bool
}

// missCase is a near miss: a mutation of baseModel on which the rule must
// stay silent, because the one thing its detection depends on is absent or
// another rule judges the record.
type missCase struct {
	name   string
	rule   string
	mutate func(*ward.SecurityFile)
}

// runFires checks that each rule fires on its unsafe model, once, on the
// expected elements and with the expected Safety, and not on baseModel().
func runFires(t *testing.T, cases []fireCase) {
	for _, tc := range cases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			t.Parallel()
			unsafe := baseModel(tc.mutate)
			runRuleCase(t, ruleCase{rule: tc.rule, unsafe: unsafe, fires: tc.fires, safe: baseModel()})
			hits := registry[tc.rule].Apply(NewModel(unsafe, ward.MustDate("2026-11-26")))
			if len(hits) != 1 {
				t.Fatalf("%d hits, want 1: %+v", len(hits), hits)
			}
			if h := hits[0]; h.Safety != tc.safety {
				t.Errorf("Safety = %v, want %v", h.Safety, tc.safety)
			}
		})
	}
}

// runMisses checks that each rule stays silent on its near misses.
func runMisses(t *testing.T, cases []missCase) {
	for _, tc := range cases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			t.Parallel()
			r, ok := registry[tc.rule]
			if !ok {
				t.Fatalf("rule %s is not registered", tc.rule)
			}
			if hits := r.Apply(NewModel(baseModel(tc.mutate), ward.MustDate("2026-11-26"))); len(hits) != 0 {
				t.Errorf("fires: %+v", hits)
			}
		})
	}
}

// checkRuleInfos checks that every rule of ids is registered, has a firing
// case, carries the expected health flag and describes itself fully.
func checkRuleInfos(t *testing.T, ids []string, fires []fireCase, health bool) {
	cwe := regexp.MustCompile(`^CWE-[1-9][0-9]*$`)
	tested := map[string]bool{}
	for _, tc := range fires {
		tested[tc.rule] = true
	}
	for _, id := range ids {
		r, ok := registry[id]
		if !ok {
			t.Errorf("%s is not registered", id)
			continue
		}
		info := r.Info()
		switch {
		case info.ID != id:
			t.Errorf("%s: Info().ID = %q", id, info.ID)
		case info.Health != health:
			t.Errorf("%s: Health = %v, want %v", id, info.Health, health)
		case info.STRIDE != id[:1] || !strings.Contains("STRIDE", info.STRIDE):
			t.Errorf("%s: STRIDE = %q, want the ID's first letter", id, info.STRIDE)
		case info.Title == "" || info.Detection == "" || info.FalsePositives == "" || len(info.Controls) == 0 || len(info.CWE) == 0:
			t.Errorf("%s: incomplete Info: %+v", id, info)
		}
		for _, c := range info.CWE {
			if !cwe.MatchString(c) {
				t.Errorf("%s: malformed CWE %q", id, c)
			}
		}
		if !tested[id] {
			t.Errorf("%s: no firing case", id)
		}
	}
}
