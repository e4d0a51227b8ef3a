package threat

import "fmt"

// entityNoAuth: an external entity sends to a process on a flow without
// authentication, so the process cannot tell who is talking.
type entityNoAuth struct{}

func init() { register(entityNoAuth{}) }

func (entityNoAuth) Info() RuleInfo {
	return RuleInfo{
		ID:     "S-ENTITY-NOAUTH",
		Title:  "An external entity talks to a process without authentication",
		STRIDE: "S",
		CWE:    []string{"CWE-306", "CWE-287"},
		Detection: "A flow goes from an element of kind external_entity to an element of kind process, and its " +
			"authentication says none (empty, none, or text starting with the word none). Boundaries do not matter: a " +
			"person or system outside the product is not trusted by position. Flows that T-CLINICAL-CMD, " +
			"T-CONFIG-NOAUTH or S-REMOTE-SERVICE-WEAKAUTH already judge are left to them.",
		FalsePositives: "Functions that must work without credentials by design, such as stopping an infusion or " +
			"silencing an alarm at the bedside, or read-only public data: record the decision as accepted with the " +
			"safety rationale, or split the flow so the unauthenticated part carries only those functions.",
		Controls: []string{"Authenticate the entity (user login, SSO with MFA, client certificate)",
			"Limit what an unauthenticated entity can do to the functions that must stay open"},
	}
}

func (entityNoAuth) Apply(m *Model) []Hit {
	judged := m.judgedBy("T-CLINICAL-CMD", "T-CONFIG-NOAUTH", "S-REMOTE-SERVICE-WEAKAUTH")
	var hits []Hit
	for _, f := range m.Flows {
		from, to, ok := m.endsOf(f)
		if !ok || from.Kind != "external_entity" || to.Kind != "process" || !saysNone(f.Authentication) || judged[f.ID] {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   assetUnion(m.elementAssets(to.ID), m.flowAssets(f)),
			Title:    fmt.Sprintf("Unauthenticated external entity: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s from %s to %s has no authentication: %s cannot tell %s from anyone "+
				"else who can reach it, and acts on what the impostor sends.", f.ID, from.Name, to.Name, to.Name, from.Name),
			Safety: m.harmsPatient(to.ID),
		})
	}
	return hits
}
