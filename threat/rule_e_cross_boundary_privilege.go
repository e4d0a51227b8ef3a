package threat

import "fmt"

// crossBoundaryPrivilege: commands or configuration enter a trust
// boundary without authentication, so anything in the outer zone gets the
// privileges of the inner one.
type crossBoundaryPrivilege struct{}

func init() { register(crossBoundaryPrivilege{}) }

func (crossBoundaryPrivilege) Info() RuleInfo {
	return RuleInfo{
		ID:     "E-CROSS-BOUNDARY-PRIVILEGE",
		Title:  "Commands or configuration enter a trust boundary without authentication",
		STRIDE: "E",
		CWE:    []string{"CWE-306", "CWE-501"},
		Detection: "A flow has purpose command or configuration, its authentication says none (empty, none, or text starting " +
			"with the word none), and it enters a trust boundary: its receiver sits inside a boundary its sender is " +
			"outside of (from an outer zone or from outside every boundary inwards, or from a sibling zone). Flows " +
			"outwards, from an inner zone to an outer one, are not counted. Flows from an external entity are " +
			"S-ENTITY-NOAUTH's and S-DATASTORE-DIRECT's; flows T-CLINICAL-CMD or T-CONFIG-NOAUTH already judge are " +
			"left to them: this rule is about a compromised element of the product reaching further in.",
		FalsePositives: "A boundary the model draws for documentation only (two processes on one microcontroller " +
			"with no isolation between them): merge the boundaries, or record the decision as not applicable.",
		Controls: []string{"Authenticate the sender at the boundary (mutual TLS, signed commands)",
			"Authorise each command for the sender's role", "Let only a gateway in the inner zone accept commands from outside"},
	}
}

func (crossBoundaryPrivilege) Apply(m *Model) []Hit {
	judged := m.judgedBy("T-CLINICAL-CMD", "T-CONFIG-NOAUTH")
	var hits []Hit
	for _, f := range m.Flows {
		from, to, ok := m.endsOf(f)
		if !ok || from.Kind == "external_entity" || f.Purpose != "command" && f.Purpose != "configuration" ||
			!saysNone(f.Authentication) || judged[f.ID] {
			continue
		}
		entered := m.enteredBoundaries(f)
		if len(entered) == 0 {
			continue
		}
		outer := entered[len(entered)-1]
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   m.elementAssets(to.ID),
			Title:    fmt.Sprintf("Unauthenticated %s into %s: %s", f.Purpose, m.boundaryName(outer), m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s carries %s from %s into %s, inside %s, without authentication: anything "+
				"that can send from where %s sits gets the privileges of the inner zone.",
				f.ID, f.Purpose, from.Name, to.Name, m.boundaryName(outer), from.Name),
			Safety: m.harmsPatient(to.ID),
		})
	}
	return hits
}
