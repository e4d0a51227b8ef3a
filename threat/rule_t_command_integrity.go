package threat

import "fmt"

// commandWithoutIntegrity: a command or configuration flow into an element
// that performs therapy or diagnosis has no integrity protection or no
// authentication.
type commandWithoutIntegrity struct{}

func init() { register(commandWithoutIntegrity{}) }

func (commandWithoutIntegrity) Info() RuleInfo {
	return RuleInfo{
		ID:     "T-CLINICAL-CMD",
		Title:  "Therapy or diagnosis commands can be forged or altered",
		STRIDE: "T",
		CWE:    []string{"CWE-345", "CWE-306"},
		Detection: "A flow with purpose command ends at an element whose function is therapy or diagnosis, and it " +
			"has no integrity protection (integrity none or empty) or no authentication. Configuration flows are " +
			"T-CONFIG-NOAUTH's.",
		FalsePositives: "Commands are confirmed on the device by the clinician before they take effect; record the " +
			"confirmation step as a control and the threat as mitigated.",
		Controls: []string{"Authenticate the sender", "Protect command integrity with a MAC or signature", "Confirm safety-relevant commands on the device"},
		Health:   true,
	}
}

func (commandWithoutIntegrity) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		to := m.Element(f.To)
		if to == nil || (to.Function != "therapy" && to.Function != "diagnosis") {
			continue
		}
		if f.Purpose != "command" {
			continue
		}
		if !IsNone(f.Integrity) && !IsNone(f.Authentication) {
			continue
		}
		hits = append(hits, Hit{
			Elements:    []string{f.ID, to.ID},
			Assets:      m.SafetyAssets(to.ID),
			Title:       fmt.Sprintf("Forged or altered %s commands: %s", to.Function, m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s sends %s to %s, which performs %s, without both authentication and integrity protection.", f.ID, f.Purpose, to.Name, to.Function),
			Safety:      true,
		})
	}
	return hits
}
