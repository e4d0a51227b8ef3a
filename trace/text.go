package trace

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteText writes m as a plain-text report: the forward view (each
// interface and software item, the threats concerning it, and per threat
// its risks, controls, requirements and tests), the reverse view (each
// requirement and test back to threats, interfaces and components) and
// the breaks with their file positions.
func WriteText(w io.Writer, m *Matrix) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Traceability: %s, %s\n", orDash(m.Product), releaseLabel(m.Release))
	fmt.Fprintf(bw, "%d interfaces and components traced, %d requirements and tests traced back, %d %s in the chain\n\n",
		len(m.Forward), len(m.Reverse), len(m.Breaks), plural(len(m.Breaks), "break", "breaks"))

	fmt.Fprintln(bw, "Forward: interface/component → threat → risk → control → requirement → test → release")
	for _, r := range m.Forward {
		fmt.Fprintf(bw, "\n%s %s", r.Kind, orDash(r.ID))
		if r.Title != "" {
			fmt.Fprintf(bw, "  %s", r.Title)
		}
		fmt.Fprintln(bw)
		if len(r.Threats) == 0 {
			fmt.Fprintln(bw, "  (no threat concerns it)")
		}
		for _, t := range r.Threats {
			fmt.Fprintf(bw, "  %s  %s  %s\n", t.ID, decisionWord(t), t.Title)
			if !(len(t.Via) == 1 && t.Via[0] == "named") {
				field(bw, "via", strings.Join(t.Via, ", "))
			}
			s := threatSets(t)
			field(bw, "risks", strings.Join(s.risks, ", "))
			field(bw, "controls", strings.Join(s.controls, ", "))
			field(bw, "requirements", strings.Join(s.requirements, ", "))
			field(bw, "tests", strings.Join(s.tests, ", "))
		}
	}

	fmt.Fprintln(bw, "\nReverse: requirement/test → control → risk → threat → interface/component")
	for _, r := range m.Reverse {
		fmt.Fprintf(bw, "\n%s %s  %s\n", r.Kind, r.ID, r.Title)
		if r.Kind == "requirement" {
			if r.Verified {
				field(bw, "verified", "yes, on "+releaseLabel(m.Release))
			} else {
				field(bw, "verified", "NO passing test on "+releaseLabel(m.Release))
			}
			var tests []string
			for _, t := range r.Tests {
				tests = append(tests, testWord(t))
			}
			field(bw, "tests", strings.Join(tests, ", "))
		} else {
			field(bw, "result", testNote(TestLink{Result: r.Result, Release: r.Release, OnRelease: r.OnRelease}))
			field(bw, "requirements", ids(r.Requirements))
		}
		field(bw, "controls", ids(r.Controls))
		field(bw, "risks", ids(r.Risks))
		field(bw, "threats", ids(r.Threats))
		field(bw, "interfaces", ids(r.Interfaces))
		field(bw, "components", ids(r.Components))
		if len(r.Elements) > 0 {
			field(bw, "elements", ids(r.Elements))
		}
	}

	fmt.Fprintf(bw, "\nBreaks (%d)\n", len(m.Breaks))
	if len(m.Breaks) == 0 {
		fmt.Fprintln(bw, "  none: every link of the chain is in place")
	}
	for _, b := range m.Breaks {
		fmt.Fprintf(bw, "  %s", b.Kind)
		if p := b.At.String(); p != "" {
			fmt.Fprintf(bw, "  %s", p)
		}
		fmt.Fprintf(bw, "\n      %s\n", b.Message)
	}
	return bw.Flush()
}

func field(w io.Writer, name, value string) {
	if value == "" {
		value = "—"
	}
	fmt.Fprintf(w, "      %-13s %s\n", name, value)
}

func ids(links []Link) string {
	s := make([]string, len(links))
	for i, l := range links {
		s[i] = l.ID
	}
	return strings.Join(s, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func releaseLabel(v string) string {
	if v == "" {
		return "any release"
	}
	return "release " + v
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// decisionWord is a threat's decision for reports, with its state.
func decisionWord(t ThreatLink) string {
	d := t.Decision
	if d == "" {
		d = "UNDECIDED"
	}
	if t.Stale {
		d += " (stale)"
	}
	return d
}

// testWord is a test with its result and release: "TST-101 pass@2.4.0",
// marked when it did not run on the release under evaluation.
func testWord(t TestLink) string {
	s := t.ID + " " + t.Result
	if t.Release != "" {
		s += "@" + t.Release
	}
	if !t.OnRelease {
		s += " (other release)"
	}
	return s
}

// sets are a threat's links per column, each distinct, in chain order.
type sets struct {
	risks, controls, requirements, tests []string
}

func threatSets(t ThreatLink) sets {
	var s sets
	seen := map[string]bool{}
	addOnce := func(list *[]string, key, word string) {
		if !seen[key] {
			seen[key] = true
			*list = append(*list, word)
		}
	}
	var walk func(cs []ControlLink)
	walk = func(cs []ControlLink) {
		for _, c := range cs {
			addOnce(&s.controls, "c:"+c.ID, c.ID)
			for _, r := range c.Requirements {
				word := r.ID + " ✓"
				if !r.Verified {
					word = r.ID + " ✗"
				}
				addOnce(&s.requirements, "r:"+r.ID, word)
				for _, x := range r.Tests {
					addOnce(&s.tests, "t:"+x.ID, testWord(x))
				}
			}
		}
	}
	walk(t.Controls)
	for _, r := range t.Risks {
		addOnce(&s.risks, "k:"+r.ID, r.ID)
		walk(r.Controls)
	}
	return s
}
