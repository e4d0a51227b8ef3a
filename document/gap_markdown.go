package document

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/wardhq/ward/gap"
)

// WriteGapMarkdown writes r as GitHub-flavoured Markdown for pull-request
// comments and wikis: a title, the verdict, a summary table, a table of all
// clauses with their failing rules, a section per clause that is not met
// (each failed rule with its gaps as a list) and a list of what to judge for
// manual clauses. Text from the report is escaped, so a `|`, `*` or `<tag>`
// in a record shows as written and cannot break a table or inject markup.
func WriteGapMarkdown(w io.Writer, r *gap.Report) error {
	if r == nil {
		return errors.New("gap Markdown report: no report")
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("# Gap analysis: %s\n\n", md(productLabel(r)))
	meta := []string{md(r.Standard)}
	if r.CatalogVersion != "" {
		meta[0] += " (catalog " + md(r.CatalogVersion) + ")"
	}
	if r.Route != "" {
		meta = append(meta, "route: "+md(r.Route))
	}
	if r.Date != "" {
		meta = append(meta, "evaluated for "+md(r.Date))
	}
	p("%s\n\n", strings.Join(meta, " · "))
	p("**Verdict: %s**\n\n", mdVerdict(r))

	s := r.Summary
	p("| Status | Clauses |\n| --- | ---: |\n")
	p("| %s | %d |\n", mdStatus(gap.Met), s.Met)
	p("| %s | %d |\n", mdStatus(gap.NotMet), s.NotMet)
	p("| %s | %d |\n", mdStatus(gap.Manual), s.Manual)
	p("| %s | %d |\n", mdStatus(gap.NotApplicable), s.NotApplicable)
	p("| **total** | **%d** |\n\n", s.Met+s.NotMet+s.Manual+s.NotApplicable)

	p("## Clauses\n\n")
	p("| Clause | Title | Status | Failing rules |\n| --- | --- | --- | --- |\n")
	for _, c := range r.Clauses {
		var failing []string
		for _, rr := range failedRules(c) {
			failing = append(failing, fmt.Sprintf("%s (%s)", md(rr.ID), md(string(rr.Severity))))
		}
		p("| %s | %s | %s | %s |\n", md(c.ID), md(c.Title), mdStatus(c.Status), strings.Join(failing, ", "))
	}

	if s.NotMet > 0 {
		p("\n## Gaps\n")
		for _, c := range r.Clauses {
			if c.Status != gap.NotMet {
				continue
			}
			p("\n### %s %s\n\n", md(c.ID), md(c.Title))
			for _, rr := range failedRules(c) {
				p("- **%s** (%s): %s\n", md(rr.ID), md(string(rr.Severity)), md(rr.Title))
				if note := ruleNote(rr); note != "" {
					p("  %s\n", md(note))
				}
				for _, m := range rr.Missing {
					p("  - %s\n", md(m))
				}
			}
		}
	}

	if s.Manual > 0 {
		p("\n## To judge\n\n")
		for _, c := range r.Clauses {
			if c.Status != gap.Manual {
				continue
			}
			p("- **%s** %s\n", md(c.ID), md(c.Title))
			for _, rr := range c.Rules {
				if rr.Status == gap.RuleManual {
					p("  - %s: %s\n", md(rr.ID), md(lookAt(rr.Message)))
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdStatus(s gap.Status) string {
	switch s {
	case gap.Met:
		return "✅ met"
	case gap.NotMet:
		return "❌ **not met**"
	case gap.Manual:
		return "❓ manual"
	case gap.NotApplicable:
		return "➖ n/a"
	}
	return md(string(s))
}

func mdVerdict(r *gap.Report) string {
	s := r.Summary
	switch {
	case s.NotMet > 0:
		v := fmt.Sprintf("❌ %d %s not met", s.NotMet, plural(s.NotMet, "clause", "clauses"))
		if worst := r.Failed(); worst != "" {
			v += ", worst failed rule: " + md(string(worst))
		}
		if s.Manual > 0 {
			v += fmt.Sprintf("; %d more to judge", s.Manual)
		}
		return v
	case s.Manual > 0:
		return fmt.Sprintf("❓ no gaps found by the automated rules; %d %s to judge",
			s.Manual, plural(s.Manual, "clause", "clauses"))
	case s.Met > 0:
		return "✅ every assessed clause is met"
	}
	return "➖ nothing assessed: no clause applies"
}

// mdSpecial are the characters that could start markup anywhere in a line
// of GitHub-flavoured Markdown (emphasis, code, links, HTML, tables,
// entities, headings); escaping them everywhere is simpler than tracking
// where each one matters.
const mdSpecial = "\\`*_[]<>|~&#"

// md escapes user text for one Markdown line or table cell: whitespace runs
// become one space and markup characters are backslash-escaped, as is a
// leading list or quote marker.
func md(s string) string {
	s = clean(s)
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune(mdSpecial, r) || i == 0 && (r == '-' || r == '+' || r == '=') {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
