package document

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/wardhq/ward/gap"
)

// WriteGapJSON writes r as indented JSON (two spaces, trailing newline)
// exactly as gap.Report's json tags define it: that form is a contract other
// tools read. Lists the contract always carries — clauses, rules, evidence,
// missing — are written as [] even when nil in r; r itself is not changed.
// HTML characters are not escaped (the output is a file, not a page).
func WriteGapJSON(w io.Writer, r *gap.Report) error {
	if r == nil {
		return errors.New("gap JSON report: no report")
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(normalized(r))
}

// normalized returns a copy of r whose always-present lists are non-nil.
func normalized(r *gap.Report) *gap.Report {
	out := *r
	out.Clauses = make([]gap.ClauseResult, len(r.Clauses))
	for i, c := range r.Clauses {
		c.Rules = make([]gap.RuleResult, len(r.Clauses[i].Rules))
		for j, rr := range r.Clauses[i].Rules {
			if rr.Evidence == nil {
				rr.Evidence = []string{}
			}
			if rr.Missing == nil {
				rr.Missing = []string{}
			}
			c.Rules[j] = rr
		}
		out.Clauses[i] = c
	}
	return &out
}
