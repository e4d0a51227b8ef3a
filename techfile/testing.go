package techfile

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/paper"
)

// onRelease reports whether test x ran on the release: its release or
// build names it.
func (t *builder) onRelease(x *ward.Test) bool {
	return x.Release == t.Version() || (x.Build != "" && x.Build == t.Release.Commit)
}

// testing is the test summary with tester independence (5.5–5.7; FDA V.C).
func (t *builder) testing() *paper.Section {
	s := &paper.Section{ID: "testing", Title: "Security testing"}
	if len(t.File.Tests) == 0 {
		s.Blocks = append(s.Blocks, gapNote("The security file records no tests (tests)."))
		return s
	}
	pol := t.File.Policy.Effective()
	s.Blocks = append(s.Blocks, paper.Para{Text: "Tests by kind, with their results on release " + t.Version() + " and the independence of the testers from the developers (5.7.5): " +
		"the level the policy requires per kind (from Table A.1 of IEC 81001-5-1) and the levels the test records state. Independence is stated as recorded " +
		"(executors, authors, organisation); it was not re-derived from the repository history."})
	type counts struct{ all, on, pass, fail, notRun int }
	byKind := map[string]*counts{}
	stated := map[string]set{}
	for _, x := range t.File.Tests {
		k := string(x.Kind)
		if byKind[k] == nil {
			byKind[k], stated[k] = &counts{}, set{}
		}
		c := byKind[k]
		c.all++
		if x.Independence != "" {
			stated[k].add(x.Independence)
		} else {
			stated[k].add("not stated")
		}
		if !t.onRelease(x) {
			continue
		}
		c.on++
		switch x.Result {
		case "pass":
			c.pass++
		case "fail":
			c.fail++
		default:
			c.notRun++
		}
	}
	tb := paper.Table{Caption: "Tests per kind", Header: []string{"Kind", "Tests", "On " + t.Version(), "Passed", "Failed", "Not run", "Independence required", "Independence stated"}}
	for _, k := range (ward.TestKind("")).Values() {
		c := byKind[k]
		if c == nil {
			continue
		}
		tb.Rows = append(tb.Rows, []string{kindName(k), fmt.Sprint(c.all), fmt.Sprint(c.on), fmt.Sprint(c.pass), fmt.Sprint(c.fail), fmt.Sprint(c.notRun),
			orDash(pol.Independence[k]), join(stated[k].list())})
	}
	s.Blocks = append(s.Blocks, tb)

	var selfTested, failed []string
	list := &paper.Section{ID: "tests", Title: "Tests"}
	tb = paper.Table{Header: []string{"Test", "Kind", "Title", "Ran on", "Result", "Executed by", "Independence", "Tool"},
		Widths: []float64{0.8, 1.1, 2.6, 1.3, 0.6, 1.6, 1.1, 1.8}}
	for _, x := range sortedBy(t.File.Tests, func(x *ward.Test) string { return x.ID }) {
		ran := x.Release
		if ran == "" {
			ran = short(x.Build)
		}
		indep := orDash(x.Independence)
		if x.Organisation != "" {
			indep += " (" + x.Organisation + ")"
		}
		tool := dash
		if x.Tool != nil {
			tool = strings.TrimSpace(x.Tool.Name + " " + x.Tool.Version)
		}
		tb.Rows = append(tb.Rows, []string{x.ID, kindName(string(x.Kind)), x.Title, orDash(ran) + ", " + x.Date.String(), x.Result, t.people(x.ExecutedBy), indep, tool})
		for _, e := range x.ExecutedBy {
			if contains(x.Authors, e) {
				selfTested = append(selfTested, x.ID)
				break
			}
		}
		if t.onRelease(x) && x.Result == "fail" {
			failed = append(failed, x.ID)
		}
	}
	list.Blocks = append(list.Blocks, tb)
	if len(failed) > 0 {
		list.Blocks = append(list.Blocks, warnNote("Failed on %s: %s.", t.Version(), strings.Join(failed, ", ")))
	}
	if len(selfTested) > 0 {
		list.Blocks = append(list.Blocks, warnNote("Executed by an author of what they test: %s.", strings.Join(selfTested, ", ")))
	}

	execs := &paper.Section{ID: "testers", Title: "Testers"}
	ran := map[string][]string{}
	for _, x := range sortedBy(t.File.Tests, func(x *ward.Test) string { return x.ID }) {
		for _, e := range x.ExecutedBy {
			ran[e] = append(ran[e], x.ID)
		}
	}
	tb = paper.Table{Header: []string{"Tester", "Organisation", "Tests executed"}, Widths: []float64{1.6, 2.4, 4}}
	for _, id := range sortedKeys(ran) {
		org := "not in the security file's people"
		for _, p := range t.File.People {
			if p.ID == id {
				org = orgOf(p)
			}
		}
		tb.Rows = append(tb.Rows, []string{t.person(id), org, join(ran[id])})
	}
	execs.Blocks = append(execs.Blocks, tb)
	s.Sections = []*paper.Section{list, execs}
	return s
}

// findings lists the development findings not fixed, with their
// rationale (5.8.1, 5.8.5; FDA V.A.5 unresolved anomalies).
func (t *builder) findings() *paper.Section {
	s := &paper.Section{ID: "findings", Title: "Unresolved findings"}
	var open []*ward.DevFinding
	fixed := 0
	for _, f := range sortedBy(t.File.Findings, func(f *ward.DevFinding) string { return f.ID }) {
		if f.Release != "" && f.Release != t.Version() {
			continue
		}
		if f.Status == "fixed" {
			fixed++
			continue
		}
		open = append(open, f)
	}
	s.Blocks = append(s.Blocks, paper.Para{Text: fmt.Sprintf("Security findings of tests and reviews for release %s that are not fixed, with the rationale, risk assessment and approval of each (%d further findings are fixed).",
		t.Version(), fixed)})
	if len(open) == 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "None: every finding of the release is fixed."})
		return s
	}
	tb := paper.Table{Header: []string{"Finding", "Title", "Severity", "Status", "Found by", "Rationale", "Risk and approval"},
		Widths: []float64{1.1, 2.2, 1, 1, 0.9, 3.2, 1.4}}
	var bad []string
	for _, f := range open {
		sev := f.Severity
		if len(f.CWE) > 0 {
			sev += ", " + strings.Join(f.CWE, ", ")
		}
		status := f.Status
		if f.TargetRelease != "" {
			status += " to " + f.TargetRelease
		}
		approval := orDash(f.Risk)
		if f.ApprovedBy != "" {
			approval += "; approved by " + f.ApprovedBy
		}
		tb.Rows = append(tb.Rows, []string{f.ID, f.Title, sev, status, orDash(f.Source), orDash(f.Rationale), approval})
		if f.Status == "open" || f.Rationale == "" || f.ApprovedBy == "" || (f.Status == "deferred" && f.TargetRelease == "") {
			bad = append(bad, f.ID)
		}
	}
	s.Blocks = append(s.Blocks, tb)
	if len(bad) > 0 {
		s.Blocks = append(s.Blocks, warnNote("Open, or without rationale, approval or (for deferred) a target release: %s.", strings.Join(bad, ", ")))
	}
	return s
}
