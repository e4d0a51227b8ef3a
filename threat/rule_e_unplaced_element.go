package threat

import (
	"fmt"
	"strings"
)

// unplacedElement: a process or data store sits outside every trust
// boundary while other elements sit inside one, so the model cannot say
// what trusts it and what it trusts.
type unplacedElement struct{}

func init() { register(unplacedElement{}) }

func (unplacedElement) Info() RuleInfo {
	return RuleInfo{
		ID:     "E-UNPLACED-ELEMENT",
		Title:  "A process or data store sits outside every trust boundary",
		STRIDE: "E",
		CWE:    []string{"CWE-1059", "CWE-501"},
		Detection: "An element of kind process or data_store has no boundary, while at least one element of the model " +
			"has one. External entities outside every boundary are not counted: that is how a model says they are " +
			"untrusted.",
		FalsePositives: "A model that deliberately uses no boundaries for a part of the system it does not control " +
			"(a third-party service shown as a process): model it as an external entity instead.",
		Controls: []string{"Place the element in the trust boundary it runs in (device, network zone, cloud tenant)",
			"Review the flows of the element once it is placed: boundary crossings change"},
	}
}

func (unplacedElement) Apply(m *Model) []Hit {
	placed := false
	for _, e := range m.Elements {
		if e.Boundary != "" {
			placed = true
			break
		}
	}
	if !placed {
		return nil
	}
	var hits []Hit
	for _, e := range m.Elements {
		if e.Boundary != "" || e.Kind != "process" && e.Kind != "data_store" {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{e.ID},
			Assets:   m.elementAssets(e.ID),
			Title:    fmt.Sprintf("Element outside every trust boundary: %s", e.Name),
			Description: fmt.Sprintf("%s is a %s of the product but sits in no trust boundary: every flow to or from "+
				"it counts as crossing one, and the model cannot say what may reach it or what it may reach.",
				e.Name, strings.ReplaceAll(e.Kind, "_", " ")),
			Safety: m.harmsPatient(e.ID),
		})
	}
	return hits
}
