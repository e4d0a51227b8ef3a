package techfile

import (
	"fmt"

	"github.com/wardhq/ward/paper"
	"github.com/wardhq/ward/trace"
)

// traceability is the matrix threat model ↔ risk ↔ control ↔ requirement
// ↔ test ↔ release, both ways, with its breaks (FDA V.A, V.B.2).
func (t *builder) traceability() *paper.Section {
	m := t.matrix
	s := &paper.Section{ID: "traceability", Title: "Traceability"}
	s.Blocks = append(s.Blocks, paper.Para{Text: fmt.Sprintf("From each interface and software item to the threats concerning it, their risks, the controls, the requirements implementing them "+
		"and the tests verifying those on release %s — and back from each requirement. %d interfaces, items and elements traced forward, %d requirements and tests traced back, %s in the chain.",
		t.Version(), len(m.Forward), len(m.Reverse), plural(len(m.Breaks), "break", "breaks"))})

	fwd := &paper.Section{ID: "trace-forward", Title: "Interfaces and software items to tests"}
	tb := paper.Table{Header: []string{"Subject", "Threats (decision)", "Risks", "Controls", "Requirements", "Tests passed on " + t.Version()},
		Widths: []float64{1.6, 3.2, 1.2, 1.4, 1.4, 1.6}}
	for _, r := range m.Forward {
		subject := string(r.Kind) + " " + orDash(r.ID)
		if len(r.Threats) == 0 {
			tb.Rows = append(tb.Rows, []string{subject, "no threat concerns it", dash, dash, dash, dash})
			continue
		}
		var threats []string
		risks, controls, reqs, tests := set{}, set{}, set{}, set{}
		for _, th := range r.Threats {
			d := th.Decision
			if d == "" {
				d = "undecided"
			}
			if th.Stale {
				d += ", stale"
			}
			threats = append(threats, th.ID+" ("+d+")")
			for _, rk := range th.Risks {
				risks.add(rk.ID)
				addControls(rk.Controls, controls, reqs, tests)
			}
			addControls(th.Controls, controls, reqs, tests)
		}
		tb.Rows = append(tb.Rows, []string{subject, join(threats), join(risks.list()), join(controls.list()), join(reqs.list()), join(tests.list())})
	}
	fwd.Blocks = append(fwd.Blocks, tb)

	rev := &paper.Section{ID: "trace-reverse", Title: "Requirements back to threats"}
	tb = paper.Table{Header: []string{"Requirement", "Verified on " + t.Version(), "Tests", "Controls", "Risks", "Threats", "Interfaces and software items"},
		Widths: []float64{1, 0.8, 1.8, 1, 1.1, 2.6, 2.4}}
	for _, r := range m.Reverse {
		if r.Kind != "requirement" {
			continue
		}
		var tests []string
		for _, x := range r.Tests {
			tests = append(tests, x.ID+" "+testState(x))
		}
		tb.Rows = append(tb.Rows, []string{r.ID, yesNo(r.Verified), join(tests), join(linkIDs(r.Controls)), join(linkIDs(r.Risks)),
			join(linkIDs(r.Threats)), join(append(linkIDs(r.Interfaces), linkIDs(r.Components)...))})
	}
	rev.Blocks = append(rev.Blocks, tb)

	br := &paper.Section{ID: "trace-breaks", Title: "Breaks in the chain"}
	if len(m.Breaks) == 0 {
		br.Blocks = append(br.Blocks, paper.Para{Text: "None: every link of the chain is in place."})
	} else {
		kinds := map[trace.Kind]trace.KindInfo{}
		for _, k := range trace.Kinds() {
			kinds[k.Kind] = k
		}
		tb = paper.Table{Header: []string{"Break", "Record", "What is missing", "Clause"}, Widths: []float64{2, 1.8, 4.5, 0.6}}
		for _, b := range m.Breaks {
			tb.Rows = append(tb.Rows, []string{kinds[b.Kind].Title, b.ID, b.Message, kinds[b.Kind].Clause})
		}
		br.Blocks = append(br.Blocks, tb)
	}
	s.Sections = []*paper.Section{fwd, rev, br}
	return s
}

func addControls(cs []trace.ControlLink, controls, reqs, tests set) {
	for _, c := range cs {
		controls.add(c.ID)
		for _, r := range c.Requirements {
			reqs.add(r.ID)
			for _, x := range r.Tests {
				if x.Passed() {
					tests.add(x.ID)
				}
			}
		}
	}
}

func testState(x trace.TestLink) string {
	where := x.Release
	if where == "" {
		where = "no release"
	}
	return x.Result + " on " + where
}

func linkIDs(links []trace.Link) []string {
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = l.ID
	}
	return out
}

// set is a string set listed sorted.
type set map[string]bool

func (s set) add(v string) { s[v] = true }

func (s set) list() []string { return sortedKeys(s) }
