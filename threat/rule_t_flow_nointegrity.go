package threat

import "fmt"

// flowNoIntegrity: a flow crosses a trust boundary with neither integrity
// protection nor encryption, so anyone on the path can alter it.
type flowNoIntegrity struct{}

func init() { register(flowNoIntegrity{}) }

func (flowNoIntegrity) Info() RuleInfo {
	return RuleInfo{
		ID:     "T-FLOW-NOINTEGRITY",
		Title:  "A flow crosses a trust boundary without integrity protection",
		STRIDE: "T",
		CWE:    []string{"CWE-924", "CWE-345"},
		Detection: "A flow's two ends sit in different innermost trust boundaries, its integrity is none, unset or " +
			"checksum (a checksum detects accidents, not attackers), and its encryption says none (empty, none, or text " +
			"starting with the word none). Flows that T-TELEMETRY-TAMPER (telemetry into monitoring), T-CLINICAL-CMD, " +
			"T-DIAGNOSIS-DATA or T-UPDATE-UNSIGNED already judge are left to them, and flows through a local user " +
			"interface (interface kind ui, exposure physical or local) have no path to tamper on.",
		FalsePositives: "A flow whose receiver validates every message against an independent source (hard limits, " +
			"plausibility checks) so that an altered message has no effect, or a point-to-point cable the model does " +
			"not show as its own boundary: record the check or the physical protection as the control.",
		Controls: []string{"Protect the channel with TLS or DTLS", "Add a MAC or signature to each message and verify it",
			"Validate received values against limits"},
	}
}

func (flowNoIntegrity) Apply(m *Model) []Hit {
	judged := m.judgedBy("T-TELEMETRY-TAMPER", "T-CLINICAL-CMD", "T-DIAGNOSIS-DATA", "T-UPDATE-UNSIGNED")
	var hits []Hit
	for _, f := range m.Flows {
		_, to, ok := m.endsOf(f)
		if !ok || !m.Crosses(f) || !weakIntegrity(f) || !saysNone(f.Encryption) || judged[f.ID] || m.localUI(f) {
			continue
		}
		integrity := f.Integrity
		if integrity == "" {
			integrity = "unset"
		}
		assets := assetUnion(m.elementAssets(to.ID), m.flowAssets(f))
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   assets,
			Title:    fmt.Sprintf("Flow can be altered in transit: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s crosses a trust boundary unencrypted with integrity %s: anyone on the "+
				"path can change what %s receives.", f.ID, integrity, to.Name),
			Safety: m.harmsPatient(to.ID) || m.anySafetyAsset(assets),
		})
	}
	return hits
}
