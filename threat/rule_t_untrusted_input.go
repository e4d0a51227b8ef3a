package threat

import (
	"fmt"

	"github.com/wardhq/ward"
)

// untrustedInput: a process parses input from across a trust boundary
// that comes from an external entity or an unauthenticated sender, and is
// not marked security relevant, so it escapes the extra design review and
// testing that 5.4.2 asks of parsers of untrusted input.
type untrustedInput struct{}

func init() { register(untrustedInput{}) }

func (untrustedInput) Info() RuleInfo {
	return RuleInfo{
		ID:     "T-UNTRUSTED-INPUT",
		Title:  "A process parsing untrusted input is not marked security relevant",
		STRIDE: "T",
		CWE:    []string{"CWE-20"},
		Detection: "An element of kind process has security_relevant false and receives at least one flow whose two ends sit " +
			"in different innermost trust boundaries and whose sender is an external_entity or whose authentication " +
			"says none (empty, none, or text starting with the word none). Input from another process of the product " +
			"over an authenticated flow is not counted as untrusted: only authenticated peers can send it.",
		FalsePositives: "A process that passes the input through unparsed to one that is marked security relevant " +
			"(a transparent relay): add the relay to the flow's components or record the decision as not applicable " +
			"naming the process that parses it.",
		Controls: []string{"Mark the process security_relevant and give it design review and security testing (fuzzing) per 5.4.2 and 5.5",
			"Validate input against a strict schema before acting on it", "Parse in a memory-safe language or a sandbox"},
	}
}

func (untrustedInput) Apply(m *Model) []Hit {
	into := m.flowsInto()
	var hits []Hit
	for _, e := range m.Elements {
		if e.Kind != "process" || e.SecurityRelevant {
			continue
		}
		var in []*ward.Flow
		for _, f := range into[e.ID] {
			if !m.Crosses(f) {
				continue
			}
			from := m.Element(f.From)
			if from == nil {
				continue
			}
			if from.Kind == "external_entity" || saysNone(f.Authentication) {
				in = append(in, f)
			}
		}
		if len(in) == 0 {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{e.ID},
			Assets:   m.elementAssets(e.ID),
			Title:    fmt.Sprintf("Parser of untrusted input not marked security relevant: %s", e.Name),
			Description: fmt.Sprintf("%s receives untrusted input across a trust boundary (flows %s) but is not marked "+
				"security_relevant, so its parsing escapes the review and testing that would catch crafted input.",
				e.Name, flowIDs(in)),
			Safety: m.harmsPatient(e.ID),
		})
	}
	return hits
}
