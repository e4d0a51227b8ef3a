package threat

import "fmt"

// phiStoreNoBackup: a data store of health data has no backup.
type phiStoreNoBackup struct{}

func init() { register(phiStoreNoBackup{}) }

func (phiStoreNoBackup) Info() RuleInfo {
	return RuleInfo{
		ID:     "D-PHI-STORE-NOBACKUP",
		Title:  "Health data can be lost for good: the store has no backup",
		STRIDE: "D",
		CWE:    []string{"CWE-693"},
		Detection: "An element of kind data_store stores a data item classified phi or clinical (or marked " +
			"personal_health_data) and has backup false. (No CWE names a missing backup; CWE-693 is the nearest class.)",
		FalsePositives: "The store is a cache or a copy whose source of record lives elsewhere (the EHR, the cloud) and " +
			"can be rebuilt from it; or the HDO backs it up under its responsibilities: record the source or the " +
			"transfer to the HDO (decision transferred) with that rationale.",
		Controls: []string{
			"Back the store up regularly to a location that ransomware on the device cannot reach",
			"Test restore, and document backup and restore in the labeling",
		},
		Health: true,
	}
}

func (phiStoreNoBackup) Apply(m *Model) []Hit {
	var hits []Hit
	for _, e := range m.Elements {
		if e.Kind != "data_store" || e.Backup {
			continue
		}
		data := m.storedData(e, isHealthData)
		if len(data) == 0 {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{e.ID},
			Assets:   m.elementAssets(e.ID),
			Title:    fmt.Sprintf("Health data in %s has no backup", e.Name),
			Description: fmt.Sprintf("Data store %s keeps %s without a backup: ransomware, corruption or a failed medium "+
				"destroys the records clinicians rely on.", e.ID, dataNames(data)),
			Safety: len(m.SafetyAssets(e.ID)) > 0,
		})
	}
	return hits
}
