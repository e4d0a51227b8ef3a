package threat

import "fmt"

// configNoAuth: configuration reaches a clinical element without
// authentication.
type configNoAuth struct{}

func init() { register(configNoAuth{}) }

func (configNoAuth) Info() RuleInfo {
	return RuleInfo{
		ID:     "T-CONFIG-NOAUTH",
		Title:  "Anyone can change the configuration of a clinical element",
		STRIDE: "T",
		CWE:    []string{"CWE-306", "CWE-15"},
		Detection: "A flow has purpose configuration, ends at an element whose function is therapy, diagnosis or " +
			"monitoring, and its authentication is none (empty, none, or text starting with the word none).",
		FalsePositives: "The configuration is entered on the device's own user interface in a room with controlled " +
			"access and any change is shown and confirmed on the device: record the physical control and the " +
			"confirmation as controls. For therapy and diagnosis elements T-CLINICAL-CMD fires on the same flow; " +
			"decide both together.",
		Controls: []string{
			"Authenticate and authorise every configuration change by role",
			"Show configuration changes on the device and log who made them",
			"Keep safety limits (alarm thresholds, dose limits) outside what remote configuration can change",
		},
		Health: true,
	}
}

func (configNoAuth) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		to := m.Element(f.To)
		if f.Purpose != "configuration" || to == nil || !isClinical(to) || !saysNone(f.Authentication) {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID, to.ID},
			Assets:   m.SafetyAssets(to.ID),
			Title:    fmt.Sprintf("Unauthenticated configuration of %s: %s", to.Name, m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s changes the configuration of %s, which performs %s, without authentication: "+
				"anyone who reaches it can alter alarm limits, therapy parameters or calibration.", f.ID, to.Name, to.Function),
			Safety: true,
		})
	}
	return hits
}
