package threat

import "fmt"

// healthDataUnencrypted: personal or health data crosses a trust boundary
// on a flow without encryption.
type healthDataUnencrypted struct{}

func init() { register(healthDataUnencrypted{}) }

func (healthDataUnencrypted) Info() RuleInfo {
	return RuleInfo{
		ID:     "I-PHI-CLEARTEXT",
		Title:  "Personal health data crosses a trust boundary unencrypted",
		STRIDE: "I",
		CWE:    []string{"CWE-319"},
		Detection: "A flow carries a data item classified phi or pii (or marked personal_health_data), " +
			"its two ends sit in different trust boundaries, and its encryption is none or empty.",
		FalsePositives: "The flow runs inside a physically protected, dedicated cable the model does not show " +
			"as its own boundary; record the decision as not applicable with that rationale.",
		Controls: []string{"Encrypt the channel (TLS 1.2+ with certificate validation)", "Encrypt the payload end to end"},
		Health:   true,
	}
}

func (healthDataUnencrypted) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		if !m.Crosses(f) || !IsNone(f.Encryption) || !m.CarriesPersonal(f) {
			continue
		}
		hits = append(hits, Hit{
			Elements:    []string{f.ID},
			Title:       fmt.Sprintf("Personal health data sent unencrypted: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s carries personal health data across a trust boundary without encryption; anyone on the path can read it.", f.ID),
		})
	}
	return hits
}
