package threat

import "fmt"

// storeNoBackup: a data store holds data whose availability need is high
// and has no backup.
type storeNoBackup struct{}

func init() { register(storeNoBackup{}) }

func (storeNoBackup) Info() RuleInfo {
	return RuleInfo{
		ID:     "D-STORE-NO-BACKUP",
		Title:  "A data store with high availability needs has no backup",
		STRIDE: "D",
		// No CWE names a missing backup; CWE-693 is the nearest class.
		CWE: []string{"CWE-693"},
		Detection: "An element of kind data_store has backup false, and an asset with availability high is tied to it " +
			"(asset.element is the store) or to a data item it stores (asset.data is in its stores). A store that " +
			"D-PHI-STORE-NOBACKUP already judges (it keeps health data) is left to it.",
		FalsePositives: "A store that is a cache or replica of data kept elsewhere with a backup (a pump's copy of the " +
			"drug library held by the server), or data that can be rebuilt: record the decision as mitigated, naming " +
			"the source of truth.",
		Controls: []string{"Back up the store and test restores", "Replicate the store",
			"Document the recovery time and point objective for the HDO"},
	}
}

func (storeNoBackup) Apply(m *Model) []Hit {
	judged := m.judgedBy("D-PHI-STORE-NOBACKUP")
	var hits []Hit
	for _, e := range m.Elements {
		if e.Kind != "data_store" || e.Backup || judged[e.ID] {
			continue
		}
		var assets []string
		for _, a := range m.Assets {
			if a.Availability == "high" && (a.Element == e.ID || a.Data != "" && contains(e.Stores, a.Data)) {
				assets = append(assets, a.ID)
			}
		}
		if len(assets) == 0 {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{e.ID},
			Assets:   assets,
			Title:    fmt.Sprintf("No backup of a data store with high availability needs: %s", e.Name),
			Description: fmt.Sprintf("%s holds data of assets that need high availability (%s) and has no backup: "+
				"ransomware, corruption or a failed disk loses it.", e.Name, joinIDs(assets)),
			Safety: m.anySafetyAsset(assets),
		})
	}
	return hits
}
