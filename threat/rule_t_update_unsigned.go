package threat

import "fmt"

// updateUnsigned: a software update reaches an element without a verified
// signature.
type updateUnsigned struct{}

func init() { register(updateUnsigned{}) }

func (updateUnsigned) Info() RuleInfo {
	return RuleInfo{
		ID:     "T-UPDATE-UNSIGNED",
		Title:  "Software updates can be forged or altered",
		STRIDE: "T",
		CWE:    []string{"CWE-494", "CWE-347"},
		Detection: "A flow has purpose update and its integrity is not signature (none, empty, checksum, mac or tls): " +
			"the receiver does not verify a signature over the update package itself.",
		FalsePositives: "The flow only stages the package (e.g. a gateway caching firmware) and the final receiver " +
			"verifies the signature before installing it: model the hop to the installer with integrity signature and " +
			"record this threat as mitigated by that control. A MAC with device-unique keys held in a secure element " +
			"may be accepted with that rationale; TLS alone protects the channel, not the package or the update server.",
		Controls: []string{
			"Sign update packages with a key kept offline or in an HSM and verify the signature on the device before installing",
			"Reject downgrades to versions with known vulnerabilities (anti-rollback)",
			"Keep the last known-good image to recover from a failed update",
		},
		Health: true,
	}
}

func (updateUnsigned) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		if f.Purpose != "update" || f.Integrity == "signature" {
			continue
		}
		integrity := f.Integrity
		if IsNone(integrity) {
			integrity = "none"
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   assetUnion(m.elementAssets(f.To), m.flowAssets(f)),
			Title:    fmt.Sprintf("Unsigned software update: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s delivers updates to %s with integrity %s, not a verified signature; "+
				"whoever controls the path or the update source can install modified software.", f.ID, m.name(f.To), integrity),
			Safety: m.harmsPatient(f.To),
		})
	}
	return hits
}
