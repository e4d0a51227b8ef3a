package threat

import "fmt"

// storeUnauthWrite: a flow into a data store crosses a trust boundary
// without authentication, so anyone on the other side can write to it.
type storeUnauthWrite struct{}

func init() { register(storeUnauthWrite{}) }

func (storeUnauthWrite) Info() RuleInfo {
	return RuleInfo{
		ID:     "T-STORE-UNAUTH-WRITE",
		Title:  "A data store accepts writes across a trust boundary without authentication",
		STRIDE: "T",
		CWE:    []string{"CWE-306", "CWE-284"},
		Detection: "A flow ends at an element of kind data_store, its two ends sit in different innermost trust " +
			"boundaries, and its authentication says none (empty, none, or text starting with the word none). Writes " +
			"by an external entity are S-DATASTORE-DIRECT's.",
		FalsePositives: "Stores written by a local bus inside one enclosure that the model splits into nested " +
			"boundaries (a secure element behind the main processor) where reaching the bus already needs the " +
			"enclosure opened: record the decision with the physical protection as the control.",
		Controls: []string{"Authenticate the writer (database account, mutual TLS, signed requests)",
			"Give each writer least-privilege rights on the store", "Validate written records on read"},
	}
}

func (storeUnauthWrite) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		from, to, ok := m.endsOf(f)
		if !ok || to.Kind != "data_store" || from.Kind == "external_entity" || !m.Crosses(f) || !saysNone(f.Authentication) {
			continue
		}
		assets := m.elementAssets(to.ID)
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   assets,
			Title:    fmt.Sprintf("Unauthenticated writes to a data store: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s writes to %s from %s across a trust boundary without authentication: "+
				"anything that can reach the store from there can change or plant records.", f.ID, to.Name, from.Name),
			Safety: m.harmsPatient(to.ID),
		})
	}
	return hits
}
