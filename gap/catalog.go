package gap

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/goccy/go-yaml"
)

//go:embed catalog.yaml
var catalogYAML []byte

// Catalog is the versioned clause catalog. Clause numbers and titles come
// from the standard's table of contents; summaries and rule explanations are
// ward's own words.
type Catalog struct {
	Standard string    `yaml:"standard" json:"standard"`
	Version  string    `yaml:"version" json:"version"`
	Clauses  []*Clause `yaml:"clauses" json:"clauses"`
}

// Clause is one clause or sub-clause.
type Clause struct {
	ID          string      `yaml:"id" json:"id"`
	Title       string      `yaml:"title" json:"title"`
	Heading     bool        `yaml:"heading" json:"heading,omitempty"`         // only groups sub-clauses
	Informative bool        `yaml:"informative" json:"informative,omitempty"` // overview without requirements
	AnnexF      bool        `yaml:"annex_f" json:"annex_f,omitempty"`         // transitional health software only
	Summary     string      `yaml:"summary" json:"summary,omitempty"`
	Evidence    string      `yaml:"evidence" json:"evidence,omitempty"`
	IEC62443    []string    `yaml:"iec62443_4_1" json:"iec62443_4_1,omitempty"`
	FDA         []string    `yaml:"fda" json:"fda,omitempty"`
	MDR         []string    `yaml:"mdr" json:"mdr,omitempty"`
	CRA         []string    `yaml:"cra" json:"cra,omitempty"`
	Rules       []*RuleInfo `yaml:"rules" json:"rules,omitempty"`
}

// Assessed reports whether the clause gets a verdict in the gap report.
func (c *Clause) Assessed() bool { return !c.Heading && !c.Informative }

// RuleInfo describes one rule. Severity says how bad a failure is.
type RuleInfo struct {
	ID          string   `yaml:"id" json:"id"`
	Severity    Severity `yaml:"severity" json:"severity"`
	Title       string   `yaml:"title" json:"title"`
	Explanation string   `yaml:"explanation" json:"explanation"`
	LookAt      string   `yaml:"look_at" json:"look_at,omitempty"`
	AppliesWhen string   `yaml:"applies_when" json:"applies_when,omitempty"` // "mdr", "fda" or "cra": only then
	Gate        bool     `yaml:"gate" json:"gate,omitempty"`                 // a failure blocks the release (ward release check)
	Automated   bool     `yaml:"-" json:"automated"`                         // a check decides it from data
}

// Severity is how bad a failed rule is.
type Severity string

const (
	Blocker Severity = "blocker"
	Major   Severity = "major"
	Minor   Severity = "minor"
)

// Rank orders severities: blocker 3, major 2, minor 1, else 0.
func (s Severity) Rank() int {
	switch s {
	case Blocker:
		return 3
	case Major:
		return 2
	case Minor:
		return 1
	}
	return 0
}

// ParseSeverity accepts blocker, major or minor.
func ParseSeverity(s string) (Severity, error) {
	if v := Severity(s); v.Rank() > 0 {
		return v, nil
	}
	return "", fmt.Errorf("unknown severity %q (want blocker, major or minor)", s)
}

var (
	catalogOnce sync.Once
	catalog     *Catalog
	catalogErr  error
)

// Load returns the embedded catalog, parsed once. Every rule that has a
// check is marked Automated.
func Load() (*Catalog, error) {
	catalogOnce.Do(func() {
		var c Catalog
		if err := yaml.NewDecoder(bytes.NewReader(catalogYAML), yaml.Strict()).Decode(&c); err != nil {
			catalogErr = fmt.Errorf("embedded clause catalog: %w", err)
			return
		}
		for _, cl := range c.Clauses {
			for _, r := range cl.Rules {
				_, r.Automated = checks[r.ID]
			}
		}
		catalog = &c
	})
	return catalog, catalogErr
}

// Clause returns the clause with the given number, or nil.
func (c *Catalog) Clause(id string) *Clause {
	for _, cl := range c.Clauses {
		if cl.ID == id {
			return cl
		}
	}
	return nil
}
