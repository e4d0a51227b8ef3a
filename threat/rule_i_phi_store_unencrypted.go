package threat

import "fmt"

// phiStoreUnencrypted: a data store keeps personal health data without
// encryption at rest.
type phiStoreUnencrypted struct{}

func init() { register(phiStoreUnencrypted{}) }

func (phiStoreUnencrypted) Info() RuleInfo {
	return RuleInfo{
		ID:     "I-PHI-STORE-UNENCRYPTED",
		Title:  "Personal health data stored without encryption at rest",
		STRIDE: "I",
		CWE:    []string{"CWE-311", "CWE-312"},
		Detection: "An element of kind data_store stores a data item classified phi or pii (or marked " +
			"personal_health_data) and has encrypted_at_rest false.",
		FalsePositives: "The storage medium is encrypted by a layer the model does not show (full-disk encryption of " +
			"the host, a self-encrypting drive): set encrypted_at_rest and name the layer. Data that is pseudonymised " +
			"before storage should be classified accordingly rather than accepted here.",
		Controls: []string{
			"Encrypt the store at rest with keys kept outside it (secure element, TPM, KMS)",
			"Sanitise the store on decommissioning and before devices leave for repair",
		},
		Health: true,
	}
}

func (phiStoreUnencrypted) Apply(m *Model) []Hit {
	var hits []Hit
	for _, e := range m.Elements {
		if e.Kind != "data_store" || e.EncryptedAtRest {
			continue
		}
		data := m.storedData(e, IsPersonal)
		if len(data) == 0 {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{e.ID},
			Assets:   m.elementAssets(e.ID),
			Title:    fmt.Sprintf("Personal health data stored unencrypted in %s", e.Name),
			Description: fmt.Sprintf("Data store %s keeps %s without encryption at rest: anyone with the disk, a backup "+
				"image or a returned or discarded device can read it.", e.ID, dataNames(data)),
		})
	}
	return hits
}
