package trace

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"
)

// HTMLOptions tune the HTML page.
type HTMLOptions struct {
	// Title is the page title and heading; "" gives "Traceability: <product>".
	Title string
	// Diagram is an SVG document (diagram.DFD's output) embedded in the
	// page as is: it is trusted, never escaped. nil leaves it out.
	Diagram []byte
	// DiagramNote says why there is no diagram, shown in its place.
	DiagramNote string
}

//go:embed templates/trace.html
var templateFS embed.FS

// traceHTML is parsed once; a broken template stops the program at
// start-up (and fails every test), never half-way through a page.
var traceHTML = template.Must(template.New("trace.html").ParseFS(templateFS, "templates/trace.html"))

// WriteHTML writes m as one self-contained page: inline CSS, no script,
// no external asset, so it can be archived in the technical file and
// opened offline. It shows the breaks, the data-flow diagram, the forward
// matrix (one row per subject and threat, with risks, controls,
// requirements and tests) and the reverse matrix, with links between the
// two. It prints well: tables repeat their heads, rows do not split.
func WriteHTML(w io.Writer, m *Matrix, o HTMLOptions) error {
	if m == nil {
		return errors.New("trace HTML: no matrix")
	}
	var b bytes.Buffer // render fully first: no half page on a template error
	if err := traceHTML.Execute(&b, newHTMLPage(m, o)); err != nil {
		return fmt.Errorf("trace HTML: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

type htmlPage struct {
	Title       string
	Product     string
	Release     string // "release 2.4.0" or "any release"
	Counts      []htmlCount
	Breaks      []htmlBreak
	Diagram     template.HTML
	DiagramNote string
	Forward     []htmlRow
	Reverse     []htmlReverse
}

type htmlCount struct {
	N    int
	Word string
}

type htmlBreak struct {
	Break
	Where string
	Href  string // anchor of the record in the matrix, if it has one
}

// htmlChip is one linked ID in a cell.
type htmlChip struct {
	ID    string
	Note  string // e.g. "pass@2.4.0"
	Class string // ok, bad, muted or ""
	Href  string
	Hint  string // the record's title, as a tooltip
}

type htmlRow struct {
	Kind, ID, Title, Anchor string
	Threats                 []htmlThreat
}

type htmlThreat struct {
	ID, Title, Decision, DecisionClass string
	Via                                string
	Risks, Controls, Requirements      []htmlChip
	Tests                              []htmlChip
}

type htmlReverse struct {
	Kind, ID, Title, Anchor  string
	Status, StatusClass      string
	Tests, Requirements      []htmlChip
	Controls, Risks, Threats []htmlChip
	Subjects                 []htmlChip
}

func anchor(prefix, id string) string { return prefix + "-" + id }

func newHTMLPage(m *Matrix, o HTMLOptions) htmlPage {
	p := htmlPage{Title: o.Title, Product: m.Product, Release: releaseLabel(m.Release), DiagramNote: o.DiagramNote}
	if p.Title == "" {
		p.Title = "Traceability: " + orDash(m.Product)
	}
	if len(o.Diagram) > 0 {
		p.Diagram = template.HTML(o.Diagram) // trusted: written by package diagram, which escapes model text
	}
	var ifaces, items, reqs, tests int
	threats := map[string]bool{}
	reverse := map[string]bool{}
	for _, r := range m.Reverse {
		reverse[r.ID] = true
	}
	forward := map[string]string{} // threat ID → anchor of its first forward row
	for _, r := range m.Forward {
		switch r.Kind {
		case SubjectInterface:
			ifaces++
		case SubjectComponent:
			items++
		}
		hr := htmlRow{Kind: string(r.Kind), ID: r.ID, Title: r.Title, Anchor: anchor("fwd-"+string(r.Kind), r.ID)}
		for _, t := range r.Threats {
			threats[t.ID] = true
			if forward[t.ID] == "" {
				forward[t.ID] = hr.Anchor
			}
			hr.Threats = append(hr.Threats, newHTMLThreat(t, reverse))
		}
		p.Forward = append(p.Forward, hr)
	}
	for _, r := range m.Reverse {
		hr := htmlReverse{Kind: r.Kind, ID: r.ID, Title: r.Title, Anchor: anchor("rev", r.ID)}
		if r.Kind == "requirement" {
			reqs++
			hr.Status, hr.StatusClass = "verified", "ok"
			if !r.Verified {
				hr.Status, hr.StatusClass = "not verified", "bad"
			}
			for _, t := range r.Tests {
				hr.Tests = append(hr.Tests, testChip(t, reverse))
			}
		} else {
			tests++
			hr.Status, hr.StatusClass = testNote(TestLink{Result: r.Result, Release: r.Release, OnRelease: r.OnRelease}), resultClass(r.Result, r.OnRelease)
			hr.Requirements = linkChips(r.Requirements, "rev", reverse)
		}
		hr.Controls = linkChips(r.Controls, "", nil)
		hr.Risks = linkChips(r.Risks, "", nil)
		for _, t := range r.Threats {
			c := htmlChip{ID: t.ID, Hint: t.Title}
			if a := forward[t.ID]; a != "" {
				c.Href = "#" + a
			}
			hr.Threats = append(hr.Threats, c)
		}
		for _, s := range []struct {
			kind  SubjectKind
			links []Link
		}{{SubjectInterface, r.Interfaces}, {SubjectComponent, r.Components}} {
			for _, l := range s.links {
				hr.Subjects = append(hr.Subjects, htmlChip{ID: l.ID, Hint: l.Title, Href: "#" + anchor("fwd-"+string(s.kind), l.ID)})
			}
		}
		for _, l := range r.Elements {
			hr.Subjects = append(hr.Subjects, htmlChip{ID: l.ID, Hint: l.Title, Class: "muted"})
		}
		p.Reverse = append(p.Reverse, hr)
	}
	for _, b := range m.Breaks {
		hb := htmlBreak{Break: b, Where: b.At.String()}
		switch b.Kind {
		case InterfaceUnplaced:
			hb.Href = "#" + anchor("fwd-interface", b.ID)
		case ComponentUnplaced:
			hb.Href = "#" + anchor("fwd-component", b.ID)
		case RequirementUnverified:
			hb.Href = "#" + anchor("rev", b.ID)
		case ThreatUndecided, ThreatStale, ThreatWithoutControl:
			if a := forward[b.ID]; a != "" {
				hb.Href = "#" + a
			}
		}
		p.Breaks = append(p.Breaks, hb)
	}
	p.Counts = []htmlCount{
		{ifaces, plural(ifaces, "interface", "interfaces")},
		{items, plural(items, "software item", "software items")},
		{len(threats), plural(len(threats), "threat", "threats")},
		{reqs, plural(reqs, "requirement", "requirements")},
		{tests, plural(tests, "test", "tests")},
		{len(m.Breaks), plural(len(m.Breaks), "break", "breaks")},
	}
	return p
}

func newHTMLThreat(t ThreatLink, reverse map[string]bool) htmlThreat {
	ht := htmlThreat{ID: t.ID, Title: t.Title, Decision: decisionWord(t), DecisionClass: "ok"}
	switch {
	case t.Decision == "" || t.Stale:
		ht.DecisionClass = "bad"
	case t.Decision != "mitigated":
		ht.DecisionClass = "muted"
	}
	if !(len(t.Via) == 1 && t.Via[0] == "named") {
		ht.Via = "via " + strings.Join(t.Via, ", ")
	}
	seen := map[string]bool{}
	var walk func(cs []ControlLink)
	walk = func(cs []ControlLink) {
		for _, c := range cs {
			if !seen["c:"+c.ID] {
				seen["c:"+c.ID] = true
				chip := htmlChip{ID: c.ID, Hint: c.Title}
				if len(c.Requirements) == 0 {
					chip.Class, chip.Note = "bad", "no requirement"
				}
				ht.Controls = append(ht.Controls, chip)
			}
			for _, q := range c.Requirements {
				if !seen["q:"+q.ID] {
					seen["q:"+q.ID] = true
					chip := htmlChip{ID: q.ID, Hint: q.Title, Class: "ok", Note: "✓"}
					if !q.Verified {
						chip.Class, chip.Note = "bad", "✗"
					}
					if reverse[q.ID] {
						chip.Href = "#" + anchor("rev", q.ID)
					}
					ht.Requirements = append(ht.Requirements, chip)
				}
				for _, x := range q.Tests {
					if !seen["t:"+x.ID] {
						seen["t:"+x.ID] = true
						ht.Tests = append(ht.Tests, testChip(x, reverse))
					}
				}
			}
		}
	}
	walk(t.Controls)
	for _, r := range t.Risks {
		if !seen["k:"+r.ID] {
			seen["k:"+r.ID] = true
			chip := htmlChip{ID: r.ID, Hint: r.Title}
			if len(r.Controls) == 0 && !(r.Acceptable != nil && *r.Acceptable) {
				chip.Class, chip.Note = "bad", "no control"
			}
			ht.Risks = append(ht.Risks, chip)
		}
		walk(r.Controls)
	}
	return ht
}

func testNote(t TestLink) string {
	s := t.Result
	if t.Release != "" {
		s += "@" + t.Release
	}
	return s
}

func resultClass(result string, onRelease bool) string {
	switch {
	case !onRelease:
		return "muted"
	case result == "pass":
		return "ok"
	}
	return "bad"
}

func testChip(t TestLink, reverse map[string]bool) htmlChip {
	c := htmlChip{ID: t.ID, Hint: t.Title, Note: testNote(t), Class: resultClass(t.Result, t.OnRelease)}
	if reverse[t.ID] {
		c.Href = "#" + anchor("rev", t.ID)
	}
	return c
}

func linkChips(links []Link, prefix string, known map[string]bool) []htmlChip {
	var out []htmlChip
	for _, l := range links {
		c := htmlChip{ID: l.ID, Hint: l.Title}
		if prefix != "" && known[l.ID] {
			c.Href = "#" + anchor(prefix, l.ID)
		}
		out = append(out, c)
	}
	return out
}
