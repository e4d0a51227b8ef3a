package threat

import "fmt"

// alarmLoss: telemetry from a monitoring or therapy element crosses a
// trust boundary without controls.
type alarmLoss struct{}

func init() { register(alarmLoss{}) }

func (alarmLoss) Info() RuleInfo {
	return RuleInfo{
		ID:     "D-ALARM-LOSS",
		Title:  "Alarms and clinical telemetry can be blocked or lost unnoticed",
		STRIDE: "D",
		CWE:    []string{"CWE-754", "CWE-400"},
		Detection: "A flow has purpose telemetry, starts at an element whose function is monitoring or therapy, " +
			"crosses a trust boundary (its ends sit in different innermost boundaries), and lists no controls.",
		FalsePositives: "The device raises every alarm locally, and the remote telemetry is a secondary notification " +
			"the labeling says not to rely on: record the threat as accepted with that rationale. A heartbeat or " +
			"connection-loss alarm that is already implemented should be listed in the flow's controls.",
		Controls: []string{
			"Detect loss of connection with a heartbeat and raise a technical alarm at both ends",
			"Acknowledge and retransmit alarms; raise them locally as well",
			"Rate-limit and prioritise alarm traffic so floods cannot starve it",
		},
		Health: true,
	}
}

func (alarmLoss) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		from := m.Element(f.From)
		if f.Purpose != "telemetry" || from == nil || (from.Function != "monitoring" && from.Function != "therapy") {
			continue
		}
		if len(f.Controls) > 0 || !m.Crosses(f) {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID, from.ID},
			Assets:   m.SafetyAssets(from.ID),
			Title:    fmt.Sprintf("Alarms from %s may be lost: %s", from.Name, m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s carries telemetry from %s, which performs %s, across a trust boundary to %s "+
				"with no controls: an attacker who drops or floods the traffic, or a plain network failure, can "+
				"suppress alarms without anyone noticing.", f.ID, from.Name, from.Function, m.name(f.To)),
			Safety: true,
		})
	}
	return hits
}
