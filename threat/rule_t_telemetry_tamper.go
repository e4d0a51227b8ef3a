package threat

import "fmt"

// telemetryTamper: telemetry or logging crosses a trust boundary into a
// monitoring element without integrity protection, so readings and
// alarms can be forged or altered.
type telemetryTamper struct{}

func init() { register(telemetryTamper{}) }

func (telemetryTamper) Info() RuleInfo {
	return RuleInfo{
		ID:     "T-TELEMETRY-TAMPER",
		Title:  "Telemetry feeding a monitoring function can be forged or altered",
		STRIDE: "T",
		CWE:    []string{"CWE-345", "CWE-924"},
		Detection: "A flow with purpose telemetry or logging ends at an element whose function is monitoring, its two ends " +
			"sit in different innermost trust boundaries, its integrity is none, unset or checksum, and either its " +
			"encryption or its authentication says none (empty, none, or starting with the word none): without " +
			"encryption anyone on the path can alter readings, without authentication anyone who can connect can send " +
			"them. T-FLOW-NOINTEGRITY leaves these flows to this rule.",
		FalsePositives: "Readings that the monitor cross-checks against an independent source before it acts on " +
			"them or raises (or suppresses) an alarm: record the cross-check as the control. If the channel gives " +
			"integrity and authentication, set integrity to tls, mac or signature.",
		Controls: []string{"Authenticate the sending device (mutual TLS, per-device keys)",
			"Protect readings with a MAC or signature from the sensor", "Alarm on missing or implausible readings"},
	}
}

func (telemetryTamper) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		from, to, ok := m.endsOf(f)
		if !ok || !m.telemetryIntoMonitor(f) || !weakIntegrity(f) {
			continue
		}
		var how string
		switch {
		case saysNone(f.Encryption) && saysNone(f.Authentication):
			how = "anyone on the path can alter readings and anyone who can connect can send them"
		case saysNone(f.Encryption):
			how = "anyone on the path can alter readings"
		case saysNone(f.Authentication):
			how = "anyone who can connect can send readings in its name"
		default:
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   assetUnion(m.elementAssets(to.ID), m.flowAssets(f)),
			Title:    fmt.Sprintf("Forged or altered %s for monitoring: %s", f.Purpose, m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s brings %s from %s to %s, which performs monitoring, without integrity "+
				"protection: %s, so the monitor can show false values or miss an alarm.", f.ID, f.Purpose, from.Name, to.Name, how),
			Safety: true,
		})
	}
	return hits
}
