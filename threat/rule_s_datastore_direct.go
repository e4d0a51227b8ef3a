package threat

import "fmt"

// datastoreDirect: an external entity reads or writes a data store
// directly, with no process of the product in between to check it
// (Threagile's unguarded direct datastore access).
type datastoreDirect struct{}

func init() { register(datastoreDirect{}) }

func (datastoreDirect) Info() RuleInfo {
	return RuleInfo{
		ID:     "S-DATASTORE-DIRECT",
		Title:  "An external entity accesses a data store directly",
		STRIDE: "S",
		CWE:    []string{"CWE-501", "CWE-284"},
		Detection: "A flow goes from an element of kind external_entity to an element of kind data_store (a write), " +
			"or from a data_store to an external_entity (a read). The product has no process in between that " +
			"authenticates the entity, checks what it may do and validates what it writes, whatever the flow's own " +
			"authentication says.",
		FalsePositives: "A data store that enforces per-user access control itself (database accounts per person, a " +
			"storage service with per-principal policies) or an export meant for the entity (a backup target read by " +
			"the HDO's backup system): record the decision as mitigated with the store's access control as the control.",
		Controls: []string{"Put a process of the product in front of the store that authenticates and authorises each request",
			"Give the entity its own least-privilege account on the store",
			"Validate what the entity writes before the product relies on it"},
	}
}

func (datastoreDirect) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		from, to, ok := m.endsOf(f)
		if !ok {
			continue
		}
		var entity, store, verb string
		switch {
		case from.Kind == "external_entity" && to.Kind == "data_store":
			entity, store, verb = from.Name, to.ID, "writes to"
		case from.Kind == "data_store" && to.Kind == "external_entity":
			entity, store, verb = to.Name, from.ID, "reads from"
		default:
			continue
		}
		assets := m.elementAssets(store)
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   assets,
			Title:    fmt.Sprintf("Direct data store access: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("On flow %s, %s %s %s directly: no process of the product checks who it is, "+
				"what it may touch or what it writes.", f.ID, entity, verb, m.name(store)),
			Safety: m.anySafetyAsset(assets),
		})
	}
	return hits
}
