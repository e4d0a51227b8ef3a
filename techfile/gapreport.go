package techfile

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward/gap"
	"github.com/wardhq/ward/paper"
)

var statusWords = map[gap.Status]string{
	gap.Met: "met", gap.NotMet: "not met", gap.NotApplicable: "not applicable", gap.Manual: "to be judged",
}

// gapReport is the gap report against IEC 81001-5-1, as `ward check`
// evaluates it for the release and the document's date.
func (t *builder) gapReport() *paper.Section {
	r := t.gap
	s := &paper.Section{ID: "gap-report", Title: "Gap report against IEC 81001-5-1"}
	s.Blocks = append(s.Blocks, paper.Para{Text: fmt.Sprintf("%s, route %s, release %s, evaluated for %s with clause catalog %s: %d clauses met, %d not met, %d not applicable, %d to be judged by a person.",
		r.Standard, r.Route, t.Version(), r.Date, r.CatalogVersion, r.Summary.Met, r.Summary.NotMet, r.Summary.NotApplicable, r.Summary.Manual)})
	tb := paper.Table{Header: []string{"Clause", "Title", "Status", "Failed rules", "Why not applicable"}, Widths: []float64{0.7, 3, 1, 2, 2.4}}
	var failed, manual [][]string
	for _, c := range r.Clauses {
		var fails []string
		for _, rr := range c.Rules {
			switch rr.Status {
			case gap.Fail:
				fails = append(fails, rr.ID+" ("+string(rr.Severity)+")")
				missing := strings.Join(rr.Missing, "; ")
				if missing == "" {
					missing = rr.Message
				}
				failed = append(failed, []string{rr.ID, string(rr.Severity), c.ID, rr.Title, missing})
			case gap.RuleManual:
				manual = append(manual, []string{rr.ID, c.ID, rr.Title, rr.Message})
			}
		}
		tb.Rows = append(tb.Rows, []string{c.ID, c.Title, statusWords[c.Status], join(fails), orDash(c.Rationale)})
	}
	s.Blocks = append(s.Blocks, tb)
	if r.Summary.NotMet > 0 {
		s.Blocks = append(s.Blocks, warnNote("%s not met as of %s; the failed rules below say what is missing.", plural(r.Summary.NotMet, "clause is", "clauses are"), r.Date))
	}
	fs := &paper.Section{ID: "gap-failed", Title: "Failed rules"}
	if len(failed) == 0 {
		fs.Blocks = append(fs.Blocks, paper.Para{Text: "No rule failed."})
	} else {
		fs.Blocks = append(fs.Blocks, paper.Table{Header: []string{"Rule", "Severity", "Clause", "Rule title", "What is missing"}, Widths: []float64{0.8, 0.7, 0.6, 2.4, 4.6}, Rows: failed})
	}
	ms := &paper.Section{ID: "gap-manual", Title: "Rules a person judges"}
	if len(manual) == 0 {
		ms.Blocks = append(ms.Blocks, paper.Para{Text: "None."})
	} else {
		ms.Blocks = append(ms.Blocks, paper.Table{Header: []string{"Rule", "Clause", "Rule title", "What to look at"}, Widths: []float64{0.8, 0.6, 2.4, 4.4}, Rows: manual})
	}
	s.Sections = []*paper.Section{fs, ms}
	return s
}
