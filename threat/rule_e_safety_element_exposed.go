package threat

import "fmt"

// safetyElementExposed: a therapy or diagnosis element is exposed to the
// internet.
type safetyElementExposed struct{}

func init() { register(safetyElementExposed{}) }

func (safetyElementExposed) Info() RuleInfo {
	return RuleInfo{
		ID:     "E-SAFETY-ELEMENT-EXPOSED",
		Title:  "A therapy or diagnosis element is exposed to the internet",
		STRIDE: "E",
		CWE:    []string{"CWE-668", "CWE-1125"},
		Detection: "An element whose function is therapy or diagnosis has exposure internet: it exposes an interface, " +
			"or has a flow over an interface, whose exposure is internet.",
		FalsePositives: "The interface is outbound only and the element accepts no connection initiated from outside " +
			"(e.g. it polls a cloud service over TLS it authenticates): record the direction and the authentication " +
			"as controls, or lower the interface's exposure if the model overstates it.",
		Controls: []string{
			"Keep safety-relevant elements off the internet: connect them through a hardened gateway",
			"Accept only outbound, mutually authenticated connections",
		},
		Health: true,
	}
}

func (safetyElementExposed) Apply(m *Model) []Hit {
	var hits []Hit
	for _, e := range m.Elements {
		if (e.Function != "therapy" && e.Function != "diagnosis") || m.Exposure(e.ID) != "internet" {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{e.ID},
			Assets:   m.elementAssets(e.ID),
			Title:    fmt.Sprintf("%s, which performs %s, is exposed to the internet", e.Name, e.Function),
			Description: fmt.Sprintf("%s (%s) performs %s and is reachable from the internet: any weakness in it can be "+
				"exploited from anywhere, against many devices at once.", e.Name, e.ID, e.Function),
			Safety: true,
		})
	}
	return hits
}
