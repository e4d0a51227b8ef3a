package threat

import "fmt"

// defaultCredentials: an element ships with default credentials.
type defaultCredentials struct{}

func init() { register(defaultCredentials{}) }

func (defaultCredentials) Info() RuleInfo {
	return RuleInfo{
		ID:     "S-DEFAULT-CREDENTIALS",
		Title:  "Shipped default credentials let anyone log in",
		STRIDE: "S",
		CWE:    []string{"CWE-1392", "CWE-798"},
		Detection: "An element has credentials default: its accounts or keys are a shipped default, " +
			"the same on every unit until someone changes them.",
		FalsePositives: "The default works only once, to set a unique credential on first use, and the device refuses " +
			"every other function until then: record the forced change as the control and the threat as mitigated.",
		Controls: []string{
			"Provision unique credentials per device in manufacturing",
			"Force a change of any default credential before first clinical use",
			"Test for default and hard-coded credentials before release",
		},
		Health: true,
	}
}

func (defaultCredentials) Apply(m *Model) []Hit {
	var hits []Hit
	for _, e := range m.Elements {
		if e.Credentials != "default" {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{e.ID},
			Assets:   m.elementAssets(e.ID),
			Title:    fmt.Sprintf("Default credentials on %s", e.Name),
			Description: fmt.Sprintf("%s (%s) ships with default credentials; they are published in manuals or found in "+
				"one unit's firmware, so anyone who reaches the element can log in to every unit.", e.Name, e.ID),
			Safety: m.harmsPatient(e.ID),
		})
	}
	return hits
}
