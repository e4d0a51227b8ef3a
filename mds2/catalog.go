package mds2

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"
)

//go:embed questions.yaml
var catalogYAML []byte

// Catalog is the embedded question catalog (questions.yaml): the form's
// header fields and sections in the form's order, each question with
// ward's own paraphrase and the rule that answers it.
type Catalog struct {
	Version  string        `yaml:"version"` // changes whenever a question, rule or parameter changes
	Form     string        `yaml:"form"`    // "ANSI/NEMA HN 1-2019"
	Header   []*FieldDef   `yaml:"header"`
	Sections []*SectionDef `yaml:"sections"`
}

// FieldDef is a header field of the form (DOC-1 to DOC-7): a value, not a
// yes/no question.
type FieldDef struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"` // ward's words
	Rule  string `yaml:"rule"`
}

// SectionDef is one section of the form.
type SectionDef struct {
	Code      string      `yaml:"code"`  // e.g. "AUDT"
	Title     string      `yaml:"title"` // ward's words
	Questions []*Question `yaml:"questions"`
}

// Question is one question of the catalog. The parameters after Rule are
// read by the rules that need them; see the head of questions.yaml.
type Question struct {
	ID       string   `yaml:"id"`
	Section  string   `yaml:"-"` // set from the enclosing section
	Text     string   `yaml:"q"` // ward's paraphrase, never the form's wording
	Rule     string   `yaml:"rule"`
	Parent   string   `yaml:"parent"`
	Accounts bool     `yaml:"accounts"`
	Needs    string   `yaml:"needs"`
	Terms    []string `yaml:"terms"`
	In       []string `yaml:"in"`
	Kinds    []string `yaml:"kinds"`
	Topics   []string `yaml:"topics"`
	Scope    string   `yaml:"scope"`
}

var loadCatalog = sync.OnceValues(func() (*Catalog, error) {
	var c Catalog
	if err := yaml.UnmarshalWithOptions(catalogYAML, &c, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("mds2: questions.yaml: %w", err)
	}
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("mds2: questions.yaml: %w", err)
	}
	return &c, nil
})

// LoadCatalog returns the embedded catalog, parsed and checked once. An
// error means the catalog shipped broken: a test catches it.
func LoadCatalog() (*Catalog, error) { return loadCatalog() }

// Questions returns every question in form order.
func (c *Catalog) Questions() []*Question {
	var out []*Question
	for _, s := range c.Sections {
		out = append(out, s.Questions...)
	}
	return out
}

// check reports the first inconsistency: duplicate IDs, an ID outside its
// section, an unknown rule or parameter, a parent that is not answered
// before the question.
func (c *Catalog) check() error {
	if c.Version == "" || c.Form == "" {
		return fmt.Errorf("version and form are required")
	}
	seen := map[string]bool{}
	for _, f := range c.Header {
		if seen[f.ID] {
			return fmt.Errorf("%s: duplicate ID", f.ID)
		}
		seen[f.ID] = true
		if _, ok := fieldRules[f.Rule]; !ok {
			return fmt.Errorf("%s: unknown field rule %q", f.ID, f.Rule)
		}
	}
	codes := map[string]bool{}
	for _, s := range c.Sections {
		if codes[s.Code] {
			return fmt.Errorf("section %s: duplicate", s.Code)
		}
		codes[s.Code] = true
		for _, q := range s.Questions {
			q.Section = s.Code
			switch {
			case seen[q.ID]:
				return fmt.Errorf("%s: duplicate ID", q.ID)
			case !strings.HasPrefix(q.ID, s.Code+"-"):
				return fmt.Errorf("%s: not an ID of section %s", q.ID, s.Code)
			case strings.TrimSpace(q.Text) == "":
				return fmt.Errorf("%s: no question text", q.ID)
			case q.Parent != "" && !seen[q.Parent]:
				return fmt.Errorf("%s: parent %s is not a question before it", q.ID, q.Parent)
			}
			seen[q.ID] = true
			r, ok := rules[q.Rule]
			if !ok {
				return fmt.Errorf("%s: unknown rule %q", q.ID, q.Rule)
			}
			if err := r.params.check(q); err != nil {
				return fmt.Errorf("%s: rule %s: %w", q.ID, q.Rule, err)
			}
		}
	}
	return nil
}

// params says which catalog parameters a rule reads; a question must give
// those it needs and no others, so a typo cannot silently change an answer.
type params struct {
	needs, terms, in, kinds, topics, scope bool
	optionalKinds, optionalTerms           bool
}

func (p params) check(q *Question) error {
	for _, c := range []struct {
		name      string
		given     bool
		want, opt bool
	}{
		{"needs", q.Needs != "", p.needs, false},
		{"terms", len(q.Terms) > 0, p.terms, p.optionalTerms},
		{"in", len(q.In) > 0, false, p.in},
		{"kinds", len(q.Kinds) > 0, p.kinds, p.optionalKinds},
		{"topics", len(q.Topics) > 0, p.topics, false},
		{"scope", q.Scope != "", p.scope, false},
	} {
		switch {
		case c.want && !c.given:
			return fmt.Errorf("needs parameter %s", c.name)
		case c.given && !c.want && !c.opt:
			return fmt.Errorf("takes no parameter %s", c.name)
		}
	}
	for _, in := range q.In {
		if _, ok := corpora[in]; !ok {
			return fmt.Errorf("unknown place %q in in", in)
		}
	}
	switch q.Scope {
	case "", scopeOS, scopeFirmware, scopeAntiMalware, scopeOffTheShelf, scopeOwn:
	default:
		return fmt.Errorf("unknown scope %q", q.Scope)
	}
	return nil
}
