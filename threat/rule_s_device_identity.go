package threat

import "fmt"

// deviceIdentity: a therapy or monitoring element speaks across a trust
// boundary without an identity of its own.
type deviceIdentity struct{}

func init() { register(deviceIdentity{}) }

func (deviceIdentity) Info() RuleInfo {
	return RuleInfo{
		ID:     "S-DEVICE-IDENTITY",
		Title:  "A clinical device cannot prove which unit it is",
		STRIDE: "S",
		CWE:    []string{"CWE-290", "CWE-306", "CWE-798"},
		Detection: "An element whose function is therapy or monitoring is the from of a flow that crosses a trust " +
			"boundary, and either the flow's authentication is none (empty, none, or text starting with the word none) " +
			"or the element's credentials are shared, default or none. One threat per such flow.",
		FalsePositives: "The receiver does not act on the device's identity (a broadcast nobody trusts, such as a public " +
			"time request): record not applicable. If credentials is none because the element uses the identity of a " +
			"paired gateway that authenticates on its behalf, model that gateway as the sender.",
		Controls: []string{
			"Give every device a unique identity (key pair in a secure element, certificate from the manufacturer's PKI)",
			"Authenticate the device on every cross-boundary connection (mutual TLS)",
			"Bind received data and alarms to the authenticated device and patient",
		},
		Health: true,
	}
}

func (deviceIdentity) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		from := m.Element(f.From)
		if from == nil || (from.Function != "therapy" && from.Function != "monitoring") || !m.Crosses(f) {
			continue
		}
		var why string
		switch {
		case saysNone(f.Authentication):
			why = "the flow is not authenticated"
		case from.Credentials == "shared" || from.Credentials == "default" || from.Credentials == "none":
			why = fmt.Sprintf("its credentials are %s, not unique per unit", from.Credentials)
		default:
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID, from.ID},
			Assets:   m.SafetyAssets(from.ID),
			Title:    fmt.Sprintf("%s cannot prove its identity to %s: %s", from.Name, m.name(f.To), m.flowTitle(f)),
			Description: fmt.Sprintf("%s, which performs %s, sends flow %s across a trust boundary and %s: another device or "+
				"an attacker can pose as it and send false readings, alarms or therapy records.", from.Name, from.Function, f.ID, why),
			Safety: true,
		})
	}
	return hits
}
