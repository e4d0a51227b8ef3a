package threat

import "fmt"

// backupPHICleartext: backups of personal data are written unencrypted.
type backupPHICleartext struct{}

func init() { register(backupPHICleartext{}) }

func (backupPHICleartext) Info() RuleInfo {
	return RuleInfo{
		ID:     "I-BACKUP-PHI-CLEARTEXT",
		Title:  "Backups of personal health data are kept in clear text",
		STRIDE: "I",
		CWE:    []string{"CWE-530", "CWE-311"},
		Detection: "A flow has purpose backup, carries a data item classified phi or pii (or marked " +
			"personal_health_data), its encryption is none (empty, none, or text starting with the word none), and it " +
			"does not end at a data store with encrypted_at_rest: the backup copy itself is readable. (A backup flow " +
			"into an encrypted store that crosses a boundary is I-PHI-CLEARTEXT's.)",
		FalsePositives: "The backup is encrypted by the backup software before it leaves the sender, which the flow does " +
			"not say: set the flow's encryption to that method.",
		Controls: []string{
			"Encrypt backups at the source with a key that is not stored with them",
			"Restrict who may read or restore backups; log restores",
		},
		Health: true,
	}
}

func (backupPHICleartext) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		if f.Purpose != "backup" || !saysNone(f.Encryption) {
			continue
		}
		if to := m.Element(f.To); to != nil && to.Kind == "data_store" && to.EncryptedAtRest {
			continue
		}
		data := m.personalData(f)
		if len(data) == 0 {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   m.flowAssets(f),
			Title:    fmt.Sprintf("Unencrypted backup of personal data: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s backs up %s to %s without encryption: backup copies are long-lived, "+
				"copied and moved off-site, and anyone holding one can read the records.", f.ID, dataNames(data), m.name(f.To)),
		})
	}
	return hits
}
