package document

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wardhq/ward/gap"
)

// TextOptions tune the terminal gap report.
type TextOptions struct {
	// Color adds ANSI colours. The CLI sets it only when stdout is a
	// terminal (and NO_COLOR is unset); files and pipes get plain text.
	Color bool
	// Verbose also lists passing and not-applicable rules with their
	// evidence IDs, every rule needing judgement, and why clauses do not apply.
	Verbose bool
}

const (
	textWidth   = 100 // wrap target; only a single overlong word exceeds it
	textMaxGaps = 10  // missing items shown per failed rule
)

// ANSI SGR sequences.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// WriteGapText writes r as a report for a terminal: a header, the clauses
// grouped under their top-level clause in an aligned table, the gaps of each
// clause that is not met, what to judge for each manual clause, the summary
// and a one-line verdict. Lines carry no trailing spaces and stay within 100
// columns except for single words longer than that. Control characters in
// the report's text are replaced, so a security file cannot drive the
// terminal.
func WriteGapText(w io.Writer, r *gap.Report, o TextOptions) error {
	if r == nil {
		return errors.New("gap text report: no report")
	}
	t := &textReport{o: o}
	t.header(r)
	t.clauses(r)
	t.footer(r)
	_, err := io.WriteString(w, t.b.String())
	return err
}

type textReport struct {
	o TextOptions
	b strings.Builder
}

// paint wraps s in an ANSI colour when colour is on.
func (t *textReport) paint(code, s string) string {
	if !t.o.Color || s == "" {
		return s
	}
	return code + s + ansiReset
}

// line writes one line, trimming trailing spaces.
func (t *textReport) line(s string) {
	t.b.WriteString(strings.TrimRight(s, " "))
	t.b.WriteByte('\n')
}

// para writes text wrapped to the report width: the first line starts with
// lead (already indented), the others are indented by len(lead) columns.
func (t *textReport) para(lead, text string) {
	indent := strings.Repeat(" ", width(lead))
	for i, l := range wrap(text, textWidth-width(lead)) {
		if i == 0 {
			t.line(lead + l)
		} else {
			t.line(indent + l)
		}
	}
}

func (t *textReport) header(r *gap.Report) {
	std := clean(r.Standard)
	if r.CatalogVersion != "" {
		std += " (catalog " + clean(r.CatalogVersion) + ")"
	}
	rows := [][2]string{
		{"Gap analysis", std},
		{"Product", clean(productLabel(r))},
		{"Date", clean(r.Date)},
		{"Route", clean(r.Route)},
	}
	for _, row := range rows {
		t.para(t.paint(ansiBold, fmt.Sprintf("%-14s", row[0])), row[1])
	}
}

func (t *textReport) clauses(r *gap.Report) {
	idW, titleW := 0, 0
	for _, c := range r.Clauses {
		idW = max(idW, width(clean(c.ID)))
		titleW = max(titleW, width(clean(c.Title)))
	}
	// "  ✔ " + id + "  " + title + "  " + "NOT MET"
	titleW = min(titleW, textWidth-4-idW-2-2-len("NOT MET"))
	for _, g := range groupClauses(r.Clauses) {
		t.line("")
		t.line(t.paint(ansiBold, g.Title))
		for _, c := range g.Clauses {
			t.clause(c, idW, titleW)
		}
	}
}

func (t *textReport) clause(c gap.ClauseResult, idW, titleW int) {
	mark, word, color := clauseMark(c.Status)
	title := wrap(clean(c.Title), titleW)
	if len(title) == 0 {
		title = []string{""}
	}
	id := clean(c.ID)
	t.line("  " + t.paint(color, mark) + " " + id + pad(idW-width(id)+2) +
		title[0] + pad(titleW-width(title[0])+2) + t.paint(color, word))
	for _, l := range title[1:] {
		t.line(pad(4+idW+2) + l)
	}
	const in = "      " // rules sit under the clause number
	if c.Status == gap.NotApplicable {
		if t.o.Verbose && c.Rationale != "" {
			t.para(in+t.paint(ansiDim, "why n/a: "), clean(c.Rationale))
		}
		return
	}
	if c.Status == gap.Manual && !t.o.Verbose {
		var looks []string
		for _, rr := range c.Rules {
			if rr.Status == gap.RuleManual {
				looks = append(looks, lookAt(clean(rr.Message)))
			}
		}
		switch len(looks) {
		case 0:
			t.para(in+t.paint(ansiYellow, "look at: "), "no rule of this clause is automated; judge it against the clause")
		case 1:
			t.para(in+t.paint(ansiYellow, "look at: "), looks[0])
		default:
			t.para(in+t.paint(ansiYellow, "look at: "), fmt.Sprintf("%s (and %d more)", looks[0], len(looks)-1))
		}
		return
	}
	for _, rr := range c.Rules {
		if rr.Status == gap.Fail || t.o.Verbose {
			t.rule(rr)
		}
	}
}

func (t *textReport) rule(rr gap.RuleResult) {
	const in, sub = "      ", "          "
	mark, color := ruleMark(rr.Status)
	lead := in + t.paint(color, mark) + " " + clean(rr.ID) + "  "
	if rr.Status == gap.Fail {
		lead += t.paint(severityColor(rr.Severity), string(rr.Severity)) + "  "
	}
	t.para(lead, clean(rr.Title))
	msg := clean(rr.Message)
	switch rr.Status {
	case gap.Fail:
		if note := clean(ruleNote(rr)); note != "" {
			t.para(sub, note)
		}
		for i, m := range rr.Missing {
			if i == textMaxGaps {
				t.line(sub + t.paint(ansiDim, fmt.Sprintf("… and %d more", len(rr.Missing)-textMaxGaps)))
				break
			}
			t.para(sub+"- ", clean(m))
		}
	case gap.RuleManual:
		t.para(sub+t.paint(ansiYellow, "look at: "), lookAt(msg))
	default:
		if msg != "" {
			t.para(sub, msg)
		}
	}
	if t.o.Verbose && len(rr.Evidence) > 0 {
		t.para(sub+t.paint(ansiDim, "evidence: "), clean(strings.Join(rr.Evidence, ", ")))
	}
}

func (t *textReport) footer(r *gap.Report) {
	s := r.Summary
	total := s.Met + s.NotMet + s.NotApplicable + s.Manual
	t.line("")
	counts := []string{
		t.paint(ansiGreen, fmt.Sprintf("%d met", s.Met)),
		t.paint(ansiRed, fmt.Sprintf("%d NOT MET", s.NotMet)),
		t.paint(ansiYellow, fmt.Sprintf("%d manual", s.Manual)),
		t.paint(ansiDim, fmt.Sprintf("%d n/a", s.NotApplicable)),
	}
	t.line(t.paint(ansiBold, "Summary") + "  " + strings.Join(counts, " · ") +
		fmt.Sprintf("  (%d %s)", total, plural(total, "clause", "clauses")))
	t.line(t.paint(ansiBold, "Verdict") + "  " + t.verdict(r))
}

func (t *textReport) verdict(r *gap.Report) string {
	s := r.Summary
	switch {
	case s.NotMet > 0:
		v := fmt.Sprintf("%d %s not met", s.NotMet, plural(s.NotMet, "clause", "clauses"))
		if worst := r.Failed(); worst != "" {
			v += "; worst failed rule: " + string(worst)
		}
		if s.Manual > 0 {
			v += fmt.Sprintf("; %d more to judge", s.Manual)
		}
		return t.paint(ansiRed, "✘ "+v)
	case s.Manual > 0:
		return t.paint(ansiYellow, fmt.Sprintf("? no gaps found by the automated rules; %d %s to judge",
			s.Manual, plural(s.Manual, "clause", "clauses")))
	case s.Met > 0:
		return t.paint(ansiGreen, "✔ every assessed clause is met")
	}
	return t.paint(ansiDim, "– nothing assessed: no clause applies")
}

func clauseMark(s gap.Status) (mark, word, color string) {
	switch s {
	case gap.Met:
		return "✔", statusWord(s), ansiGreen
	case gap.NotMet:
		return "✘", statusWord(s), ansiRed + ansiBold
	case gap.Manual:
		return "?", statusWord(s), ansiYellow
	case gap.NotApplicable:
		return "–", statusWord(s), ansiDim
	}
	return " ", clean(string(s)), ""
}

func ruleMark(s gap.RuleStatus) (mark, color string) {
	switch s {
	case gap.Pass:
		return "✔", ansiGreen
	case gap.Fail:
		return "✘", ansiRed
	case gap.RuleManual:
		return "?", ansiYellow
	case gap.RuleNA:
		return "–", ansiDim
	}
	return " ", ""
}

func severityColor(s gap.Severity) string {
	switch s {
	case gap.Blocker:
		return ansiRed + ansiBold
	case gap.Major:
		return ansiYellow
	}
	return ansiCyan
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func pad(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}

// width is the number of columns s takes on a terminal, ignoring ANSI
// sequences. Each rune counts as one column.
func width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == '\x1b' {
			if j := strings.IndexByte(s[i:], 'm'); j >= 0 {
				i += j + 1
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	return n
}

// clean makes user text safe for one terminal line: whitespace runs
// (including newlines) become one space and other control characters
// become U+FFFD.
func clean(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r):
			r = utf8.RuneError
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// wrap breaks s into lines of at most w columns at spaces. A word longer
// than w gets a line of its own rather than being cut.
func wrap(s string, w int) []string {
	w = max(w, 20)
	var lines []string
	var cur strings.Builder
	n := 0
	for _, word := range strings.Fields(s) {
		ww := width(word)
		if n > 0 && n+1+ww > w {
			lines = append(lines, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(word)
		n += ww
	}
	if n > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
