package threat

import "fmt"

// adminNoAudit: a configuration flow where neither end records security
// events, so configuration changes cannot be attributed.
type adminNoAudit struct{}

func init() { register(adminNoAudit{}) }

func (adminNoAudit) Info() RuleInfo {
	return RuleInfo{
		ID:     "R-ADMIN-NO-AUDIT",
		Title:  "Configuration changes leave no audit trail",
		STRIDE: "R",
		CWE:    []string{"CWE-778", "CWE-223"},
		Detection: "A flow has purpose configuration and neither its sender nor its receiver has security_logging " +
			"(an external entity, such as a person, never logs). Unlike R-NO-SECURITY-LOG, which judges the " +
			"receiving process, this judges the change itself: no element on the flow can say who changed what.",
		FalsePositives: "Configuration applied only in the factory before the device ships, under the " +
			"manufacturer's quality records: record the decision as not applicable citing the production record.",
		Controls: []string{"Log every configuration change with the old and new value, the user and the time",
			"Require authenticated, individual accounts for configuration"},
	}
}

func (adminNoAudit) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		from, to, ok := m.endsOf(f)
		if !ok || f.Purpose != "configuration" || from.Logging || to.Logging {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   m.elementAssets(to.ID),
			Title:    fmt.Sprintf("Unaudited configuration change: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s changes the configuration of %s, and neither %s nor %s records security "+
				"events: a harmful change cannot be traced to a person or undone with confidence.",
				f.ID, to.Name, from.Name, to.Name),
		})
	}
	return hits
}
