package document

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward/gap"
)

// clauseGroup is a top-level clause of the standard (4 to 9, Annex F) with
// the clause results filed under it, in report order.
type clauseGroup struct {
	Key     string // "4", …, "9", "F"
	Title   string // e.g. "4 General requirements", "Annex F Transitional health software"
	Clauses []gap.ClauseResult
}

// groupTitles names the top-level clauses of IEC 81001-5-1.
var groupTitles = map[string]string{
	"4": "4 General requirements",
	"5": "5 Software development",
	"6": "6 Maintenance",
	"7": "7 Security risk management",
	"8": "8 Configuration management",
	"9": "9 Problem resolution",
	"F": "Annex F Transitional health software",
}

// groupKey derives the top-level clause from a clause number: "4.1.5" → "4",
// "8" → "8", "F.2" → "F".
func groupKey(id string) string {
	k, _, _ := strings.Cut(id, ".")
	return k
}

func groupTitle(key string) string {
	if t, ok := groupTitles[key]; ok {
		return t
	}
	if len(key) == 1 && key[0] >= 'A' && key[0] <= 'Z' {
		return "Annex " + key
	}
	return "Clause " + key
}

// groupClauses files the clauses under their top-level clause, groups in
// order of first appearance (the report is in catalog order).
func groupClauses(cs []gap.ClauseResult) []*clauseGroup {
	var groups []*clauseGroup
	byKey := map[string]*clauseGroup{}
	for _, c := range cs {
		k := groupKey(c.ID)
		g := byKey[k]
		if g == nil {
			g = &clauseGroup{Key: k, Title: groupTitle(k)}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.Clauses = append(g.Clauses, c)
	}
	return groups
}

// tally counts clauses per status.
func tally(cs []gap.ClauseResult) gap.Summary {
	var s gap.Summary
	for _, c := range cs {
		switch c.Status {
		case gap.Met:
			s.Met++
		case gap.NotMet:
			s.NotMet++
		case gap.NotApplicable:
			s.NotApplicable++
		case gap.Manual:
			s.Manual++
		}
	}
	return s
}

// failedRules returns the failed rules of c, in report order.
func failedRules(c gap.ClauseResult) []gap.RuleResult {
	var out []gap.RuleResult
	for _, r := range c.Rules {
		if r.Status == gap.Fail {
			out = append(out, r)
		}
	}
	return out
}

// lookAt is what a human must judge for a rule handed to them: the rule's
// message without the evaluator's "needs human judgement: " lead-in.
func lookAt(msg string) string {
	return strings.TrimPrefix(msg, "needs human judgement: ")
}

// statusWord is the short, fixed-width-friendly word for a clause status in
// the text and Markdown reports.
func statusWord(s gap.Status) string {
	switch s {
	case gap.Met:
		return "met"
	case gap.NotMet:
		return "NOT MET"
	case gap.NotApplicable:
		return "n/a"
	case gap.Manual:
		return "manual"
	}
	return string(s)
}

// productLabel is "id (name)", or whichever of the two is set.
func productLabel(r *gap.Report) string {
	switch {
	case r.ProductName == "" || r.ProductName == r.Product:
		return r.Product
	case r.Product == "":
		return r.ProductName
	}
	return r.Product + " (" + r.ProductName + ")"
}

// placedGap is one missing item of a failed rule with where it belongs in
// the security file, when known.
type placedGap struct {
	Text  string
	Where string // "file:line:col", "" when unknown
}

// placeGaps pairs each missing item with the Location carrying the same
// message (each Location used once, in order); Locations matching no item
// follow as gaps of their own.
func placeGaps(rr gap.RuleResult) []placedGap {
	used := make([]bool, len(rr.Locations))
	var out []placedGap
	for _, m := range rr.Missing {
		g := placedGap{Text: m}
		for i, l := range rr.Locations {
			if !used[i] && l.Message == m {
				used[i], g.Where = true, where(l)
				break
			}
		}
		out = append(out, g)
	}
	for i, l := range rr.Locations {
		if !used[i] {
			out = append(out, placedGap{Text: l.Message, Where: where(l)})
		}
	}
	return out
}

func where(l gap.Location) string {
	switch {
	case l.File == "":
		return ""
	case l.Line == 0:
		return l.File
	case l.Col == 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	}
	return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Col)
}

// ruleNote is the rule's message as worth showing beside its gaps: "" for a
// failed rule whose message only repeats its first missing item (the
// evaluator writes "<first gap> (and N more)"), which the gap list says better.
func ruleNote(rr gap.RuleResult) string {
	if rr.Status == gap.Fail && len(rr.Missing) > 0 && strings.HasPrefix(rr.Message, rr.Missing[0]) {
		return ""
	}
	return rr.Message
}
