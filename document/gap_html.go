package document

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/wardhq/ward/gap"
)

// HTMLOptions tune the HTML gap report.
type HTMLOptions struct {
	// Title is the page title and heading; "" gives "Gap analysis: <product>".
	Title string
	// Diagram is an SVG document (diagram.DFD's output) shown as the
	// architecture the clause 7 rules read; nil shows DiagramNote instead.
	Diagram []byte
	// DiagramNote says why there is no diagram.
	DiagramNote string
}

//go:embed templates/gap_report.html
var templateFS embed.FS

// gapHTML is parsed once; a broken template stops the program at start-up
// (and fails every test), never half-way through writing a report.
var gapHTML = template.Must(template.New("gap_report.html").ParseFS(templateFS, "templates/gap_report.html"))

// WriteGapHTML writes r as one self-contained HTML page: inline CSS, no
// scripts, no external assets, so it can be archived in the technical file
// and opened offline. It shows the verdict, a bar of clause counts per
// status, a coverage bar per top-level clause, a table of all clauses with
// status badges, and per clause an expandable section with its rules,
// messages, evidence IDs, missing items and locations (open for clauses
// that are not met or need judgement). It prints well (@media print opens
// every section). The only date on the page is r.Date.
func WriteGapHTML(w io.Writer, r *gap.Report, o HTMLOptions) error {
	if r == nil {
		return errors.New("gap HTML report: no report")
	}
	var b bytes.Buffer // render fully first: no half page on a template error
	if err := gapHTML.Execute(&b, newHTMLPage(r, o)); err != nil {
		return fmt.Errorf("gap HTML report: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// htmlPage is the template's data.
type htmlPage struct {
	Title        string
	Report       *gap.Report
	Product      string
	Verdict      string
	VerdictClass string // a status class: met, not_met, manual, not_applicable
	Total        int
	Summary      htmlBar
	Groups       []htmlGroup
	Diagram      template.HTML
	DiagramNote  string
}

// htmlBar is a stacked bar of clause counts per status, with its text
// equivalent for screen readers and print.
type htmlBar struct {
	Segments []htmlSegment // only statuses with a count, in a fixed order
	Label    string        // e.g. "3 met, 2 not met, 1 manual, 1 not applicable"
}

type htmlSegment struct {
	Class string // status class
	Word  string // e.g. "not met"
	N     int    // also the segment's flex-grow: widths are exact ratios
}

type htmlGroup struct {
	Key      string
	Title    string
	Bar      htmlBar
	Met      int
	Assessed int // clauses that apply (all but n/a)
	Clauses  []htmlClause
}

type htmlClause struct {
	gap.ClauseResult
	Anchor  string   // element id of its details section
	Maps    []string // e.g. "IEC 62443-4-1 SM-9, SM-10"
	Word    string
	Failing []gap.RuleResult
	Open    bool
	Rules   []htmlRule
}

type htmlRule struct {
	gap.RuleResult
	Mark, Word string
	Note       string      // the message, unless it only repeats the first gap
	LookAt     string      // for rules needing judgement
	Gaps       []placedGap // missing items with their place in the security file
}

var htmlStatuses = []gap.Status{gap.Met, gap.NotMet, gap.Manual, gap.NotApplicable}

func htmlWord(s gap.Status) string {
	switch s {
	case gap.NotMet:
		return "not met"
	case gap.NotApplicable:
		return "n/a"
	}
	return string(s)
}

func newHTMLBar(s gap.Summary) htmlBar {
	counts := map[gap.Status]int{gap.Met: s.Met, gap.NotMet: s.NotMet, gap.Manual: s.Manual, gap.NotApplicable: s.NotApplicable}
	var bar htmlBar
	for _, st := range htmlStatuses {
		n := counts[st]
		if n == 0 {
			continue
		}
		word := htmlWord(st)
		if st == gap.NotApplicable {
			word = "not applicable"
		}
		bar.Segments = append(bar.Segments, htmlSegment{Class: string(st), Word: word, N: n})
		if bar.Label != "" {
			bar.Label += ", "
		}
		bar.Label += fmt.Sprintf("%d %s", n, word)
	}
	if bar.Label == "" {
		bar.Label = "no clauses"
	}
	return bar
}

func newHTMLPage(r *gap.Report, o HTMLOptions) htmlPage {
	p := htmlPage{Title: o.Title, Report: r, Product: productLabel(r), Summary: newHTMLBar(r.Summary), DiagramNote: o.DiagramNote}
	if len(o.Diagram) > 0 {
		p.Diagram = template.HTML(o.Diagram) // trusted: written by package diagram, which escapes model text
	}
	if p.Title == "" {
		p.Title = "Gap analysis: " + p.Product
	}
	s := r.Summary
	p.Total = s.Met + s.NotMet + s.Manual + s.NotApplicable
	switch {
	case s.NotMet > 0:
		p.VerdictClass = string(gap.NotMet)
		p.Verdict = fmt.Sprintf("%d %s not met", s.NotMet, plural(s.NotMet, "clause", "clauses"))
		if worst := r.Failed(); worst != "" {
			p.Verdict += "; worst failed rule: " + string(worst)
		}
		if s.Manual > 0 {
			p.Verdict += fmt.Sprintf("; %d more to judge", s.Manual)
		}
	case s.Manual > 0:
		p.VerdictClass = string(gap.Manual)
		p.Verdict = fmt.Sprintf("No gaps found by the automated rules; %d %s to judge", s.Manual, plural(s.Manual, "clause", "clauses"))
	case s.Met > 0:
		p.VerdictClass = string(gap.Met)
		p.Verdict = "Every assessed clause is met"
	default:
		p.VerdictClass = string(gap.NotApplicable)
		p.Verdict = "Nothing assessed: no clause applies"
	}
	for _, g := range groupClauses(r.Clauses) {
		t := tally(g.Clauses)
		hg := htmlGroup{Key: g.Key, Title: g.Title, Bar: newHTMLBar(t), Met: t.Met, Assessed: t.Met + t.NotMet + t.Manual}
		for _, c := range g.Clauses {
			hc := htmlClause{ClauseResult: c, Anchor: "clause-" + c.ID, Word: htmlWord(c.Status),
				Failing: failedRules(c), Open: c.Status == gap.NotMet || c.Status == gap.Manual}
			for _, m := range []struct {
				name string
				ids  []string
			}{{"IEC 62443-4-1", c.IEC62443}, {"FDA", c.FDA}, {"MDR", c.MDR}, {"CRA", c.CRA}} {
				if len(m.ids) > 0 {
					hc.Maps = append(hc.Maps, m.name+" "+strings.Join(m.ids, ", "))
				}
			}
			for _, rr := range c.Rules {
				mark, _ := ruleMark(rr.Status)
				hr := htmlRule{RuleResult: rr, Mark: mark, Word: ruleWord(rr.Status), Gaps: placeGaps(rr), Note: ruleNote(rr)}
				if rr.Status == gap.RuleManual {
					hr.LookAt = lookAt(rr.Message)
				}
				hc.Rules = append(hc.Rules, hr)
			}
			hg.Clauses = append(hg.Clauses, hc)
		}
		p.Groups = append(p.Groups, hg)
	}
	return p
}

func ruleWord(s gap.RuleStatus) string {
	switch s {
	case gap.Pass:
		return "pass"
	case gap.Fail:
		return "fail"
	case gap.RuleManual:
		return "manual"
	case gap.RuleNA:
		return "n/a"
	}
	return string(s)
}
