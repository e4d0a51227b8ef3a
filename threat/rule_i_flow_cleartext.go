package threat

import (
	"fmt"

	"github.com/wardhq/ward"
)

// flowCleartext: secrets or configuration cross a trust boundary
// unencrypted. Personal data is I-PHI-CLEARTEXT's.
type flowCleartext struct{}

func init() { register(flowCleartext{}) }

func (flowCleartext) Info() RuleInfo {
	return RuleInfo{
		ID:     "I-FLOW-CLEARTEXT",
		Title:  "Secrets or configuration cross a trust boundary unencrypted",
		STRIDE: "I",
		CWE:    []string{"CWE-319", "CWE-523"},
		Detection: "A flow's two ends sit in different innermost trust boundaries, its encryption is empty or says " +
			"none, and it carries a data item classified secret or configuration that is not personal (not phi or " +
			"pii, not personal_health_data). Personal data is I-PHI-CLEARTEXT's: a flow it already judges is left to " +
			"it, so a flow carrying both gets one threat, whose fix (encryption) covers both. Flows through a local user " +
			"interface (interface kind ui, exposure physical or local) are not counted: nothing travels on a network.",
		FalsePositives: "Configuration that is public by nature (a published drug-library version number, display " +
			"language) classified configuration out of habit: reclassify it as public. Secrets protected inside the " +
			"payload (wrapped keys) on a channel the model lists as unencrypted: name the wrapping in encryption.",
		Controls: []string{"Encrypt the channel (TLS 1.2+ with certificate validation)", "Wrap secrets end to end before transport",
			"Prefer challenge-response over sending secrets"},
	}
}

func (flowCleartext) Apply(m *Model) []Hit {
	judged := m.judgedBy("I-PHI-CLEARTEXT")
	var hits []Hit
	for _, f := range m.Flows {
		if _, _, ok := m.endsOf(f); !ok || !m.Crosses(f) || !saysNone(f.Encryption) || judged[f.ID] || m.localUI(f) {
			continue
		}
		var items []*ward.DataItem
		var ids []string
		for _, d := range m.FlowData(f) {
			if isSensitiveNonPersonal(d) {
				items = append(items, d)
				ids = append(ids, d.ID)
			}
		}
		if len(items) == 0 {
			continue
		}
		assets := m.assetsOfData(ids)
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   assets,
			Title:    fmt.Sprintf("Secrets or configuration sent unencrypted: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s carries %s across a trust boundary without encryption: anyone on the "+
				"path can read it and reuse credentials or learn the configuration.", f.ID, dataNames(items)),
			Safety: m.anySafetyAsset(assets),
		})
	}
	return hits
}
