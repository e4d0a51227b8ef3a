package threat

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/wardhq/ward"
)

// Rule derives threats from the model. Each rule lives in its own file
// and registers itself in init.
type Rule interface {
	Info() RuleInfo
	// Apply returns one Hit per place the rule fires, from a model it must
	// not modify. It iterates the model's sorted lists, so its output is
	// deterministic.
	Apply(m *Model) []Hit
}

// RuleInfo describes a rule, so every generated threat can explain itself
// to an auditor.
type RuleInfo struct {
	ID             string   `json:"id"`     // stable, e.g. "T-CMD-NOINTEGRITY"; part of every threat ID it makes
	Title          string   `json:"title"`  // what can go wrong, in general terms
	STRIDE         string   `json:"stride"` // S, T, R, I, D or E
	CWE            []string `json:"cwe"`    // e.g. ["CWE-319"]
	Detection      string   `json:"detection"`
	FalsePositives string   `json:"false_positives"`
	Controls       []string `json:"controls"` // suggested controls, plain text
	Health         bool     `json:"health"`   // a health-specific rule (beyond generic STRIDE)
}

// Hit is one place a rule fires.
type Hit struct {
	Elements    []string // the elements, flows, interfaces or data items concerned; they make the ID
	Assets      []string // asset IDs at stake
	Title       string   // names the elements, e.g. "Unencrypted PHI from Gateway to EHR"
	Description string   // why the rule fired here
	Safety      bool     // the worst outcome involves patient harm
}

var registry = map[string]Rule{}

// register adds a rule; rule files call it in init.
func register(r Rule) {
	id := r.Info().ID
	if _, dup := registry[id]; dup {
		panic("threat: rule registered twice: " + id)
	}
	registry[id] = r
}

// Rules returns every rule, sorted by ID.
func Rules() []Rule {
	out := make([]Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Info().ID < out[j].Info().ID })
	return out
}

// ThreatID is the stable ID of a threat: the rule ID and a digest of the
// sorted element IDs, so it changes only when the rule or the concerned
// elements change.
func ThreatID(rule string, elements []string) string {
	els := append([]string(nil), elements...)
	sort.Strings(els)
	h := sha256.Sum256([]byte(rule + "\x00" + strings.Join(els, "\x00")))
	return rule + "-" + hex.EncodeToString(h[:4])
}

// Generate runs every rule on m, in ID order, and returns the threats
// sorted by ID. Two hits of one rule on the same elements are one threat.
func Generate(m *Model) []ward.GeneratedThreat {
	return generate(m, Rules())
}

func generate(m *Model, rules []Rule) []ward.GeneratedThreat {
	seen := map[string]bool{}
	var out []ward.GeneratedThreat
	for _, r := range rules {
		info := r.Info()
		for _, h := range r.Apply(m) {
			els := sortedCopy(h.Elements)
			id := ThreatID(info.ID, els)
			if seen[id] {
				continue
			}
			seen[id] = true
			out = append(out, ward.GeneratedThreat{
				ID: id, Rule: info.ID, STRIDE: info.STRIDE, Title: h.Title, Description: h.Description,
				Elements: els, Assets: sortedCopy(h.Assets), CWE: info.CWE, Controls: info.Controls, Safety: h.Safety,
			})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func sortedCopy(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

// name returns an element's name for titles, else its ID.
func (m *Model) name(id string) string {
	if e := m.elements[id]; e != nil {
		return e.Name
	}
	if i := m.interfaces[id]; i != nil {
		return i.Name
	}
	return id
}

// flowTitle names a flow for threat titles: "Gateway → EHR (HL7 MLLP)".
func (m *Model) flowTitle(f *ward.Flow) string {
	return fmt.Sprintf("%s → %s (%s)", m.name(f.From), m.name(f.To), f.Protocol)
}
