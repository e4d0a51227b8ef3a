package gap

import (
	"github.com/wardhq/ward"
)

// Clause 5.4.2 — secure design.

func init() {
	register("R542-1", checkSecurityRelevantItems)
}

// elementLinked reports whether element e is linked to a threat or a
// control: a threat names it or one of its software items, or one of its
// items lists threats or risks.
func elementLinked(in *Input, e *ward.Element) bool {
	for _, t := range in.File.Threats {
		if contains(t.Elements, e.ID) {
			return true
		}
		for _, id := range e.Components {
			if contains(t.Components, id) {
				return true
			}
		}
	}
	for _, id := range e.Components {
		if it := in.Item(id); it != nil && len(it.Risks) > 0 {
			return true
		}
	}
	return false
}

// checkSecurityRelevantItems: the architecture marks its security-relevant
// elements, and each is linked to at least one threat or control.
func checkSecurityRelevantItems(in *Input, c *Check) {
	els := securityRelevantElements(in)
	if len(els) == 0 {
		c.Missing(ward.Pos{}, "no architecture element is marked security_relevant: the list of security-relevant items is missing")
		return
	}
	for _, e := range els {
		if !elementLinked(in, e) {
			c.Missing(e.At, "element %s: security-relevant but linked to no threat or control", e.ID)
			continue
		}
		c.Cite(e.ID)
	}
	c.OK("all %d security-relevant elements are linked to threats or controls", len(els))
}
