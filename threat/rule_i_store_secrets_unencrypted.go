package threat

import "fmt"

// storeSecretsUnencrypted: a data store keeps secrets or configuration
// without encryption at rest.
type storeSecretsUnencrypted struct{}

func init() { register(storeSecretsUnencrypted{}) }

func (storeSecretsUnencrypted) Info() RuleInfo {
	return RuleInfo{
		ID:     "I-STORE-SECRETS-UNENCRYPTED",
		Title:  "A data store keeps secrets or configuration unencrypted",
		STRIDE: "I",
		CWE:    []string{"CWE-312", "CWE-311"},
		Detection: "An element of kind data_store has encrypted_at_rest false and stores a data item classified " +
			"secret or configuration that is not personal. A store that I-PHI-STORE-UNENCRYPTED already judges (it " +
			"keeps personal data) is left to it: encrypting the store fixes both.",
		FalsePositives: "Secrets kept in a secure element or TPM that the model shows as a data store but that " +
			"never exposes them: set encrypted_at_rest or record the hardware protection as the control. Configuration " +
			"that holds nothing confidential: reclassify it as public.",
		Controls: []string{"Encrypt the store with a key held in hardware (secure element, TPM)",
			"Keep secrets in a hardware key store instead of general storage", "Hash passwords with a slow, salted function"},
	}
}

func (storeSecretsUnencrypted) Apply(m *Model) []Hit {
	judged := m.judgedBy("I-PHI-STORE-UNENCRYPTED")
	var hits []Hit
	for _, e := range m.Elements {
		if e.Kind != "data_store" || e.EncryptedAtRest || judged[e.ID] {
			continue
		}
		items := m.storedData(e, isSensitiveNonPersonal)
		if len(items) == 0 {
			continue
		}
		ids := make([]string, len(items))
		for k, d := range items {
			ids[k] = d.ID
		}
		assets := assetUnion(m.assetsOfData(ids), m.elementAssets(e.ID))
		hits = append(hits, Hit{
			Elements: []string{e.ID},
			Assets:   assets,
			Title:    fmt.Sprintf("Secrets or configuration stored unencrypted: %s", e.Name),
			Description: fmt.Sprintf("%s keeps %s without encryption at rest: whoever reads the storage (a stolen or "+
				"decommissioned device, a copied disk) gets them.", e.Name, dataNames(items)),
			Safety: m.anySafetyAsset(assets),
		})
	}
	return hits
}
