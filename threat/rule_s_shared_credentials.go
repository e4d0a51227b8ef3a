package threat

import "fmt"

// sharedCredentials: devices share one set of credentials.
type sharedCredentials struct{}

func init() { register(sharedCredentials{}) }

func (sharedCredentials) Info() RuleInfo {
	return RuleInfo{
		ID:     "S-SHARED-CREDENTIALS",
		Title:  "Credentials shared across devices: one leak opens the whole fleet",
		STRIDE: "S",
		CWE:    []string{"CWE-798", "CWE-1391"},
		Detection: "An element has credentials shared: the same accounts or keys are used by every unit " +
			"(e.g. one service password or one client certificate for the fleet).",
		FalsePositives: "The shared secret only identifies the product line and never authorises an action (e.g. a " +
			"public trust anchor); or each unit also has a unique credential that is the one actually checked: set " +
			"credentials to unique and describe the shared item in the design.",
		Controls: []string{
			"Provision a unique key or certificate per device, in a secure element where available",
			"Support revoking one device's credentials without touching the fleet",
			"Rotate credentials through a documented process",
		},
		Health: true,
	}
}

func (sharedCredentials) Apply(m *Model) []Hit {
	var hits []Hit
	for _, e := range m.Elements {
		if e.Credentials != "shared" {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{e.ID},
			Assets:   m.elementAssets(e.ID),
			Title:    fmt.Sprintf("Credentials of %s shared across devices", e.Name),
			Description: fmt.Sprintf("%s (%s) uses credentials shared by every unit: extracting them from one device or "+
				"one leaked service laptop lets an attacker impersonate or access all devices, and none can be revoked alone.",
				e.Name, e.ID),
			Safety: m.harmsPatient(e.ID),
		})
	}
	return hits
}
