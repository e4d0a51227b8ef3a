package gap

import (
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/independence"
)

// Clause 5.7.5 — managing conflicts of interest between testers and developers.

func init() {
	register("R575-1", checkTesterNotAuthor)
	register("R575-2", checkIndependenceLevel)
	register("R575-3", checkIndependenceStated)
}

// independenceKinds are the test kinds whose executors must not have
// written what they test.
var independenceKinds = map[ward.TestKind]bool{
	ward.TestSecurityRequirement: true, ward.TestThreatMitigation: true, ward.TestFuzz: true,
	ward.TestVulnScan: true, ward.TestPenetration: true,
}

// authorsOf returns the authors of what test t covers: its own authors
// list plus the people recorded as authors of the components it tests.
func authorsOf(t *ward.Test) []string { return t.Authors }

// checkTesterNotAuthor: nobody executes a test of what they wrote. With
// the repository's history read (Input.Independence) the authors are those
// of the code each test covers; without it, the authors listed by hand.
func checkTesterNotAuthor(in *Input, c *Check) {
	if res := in.Independence; res != nil {
		for _, a := range res.Tests {
			authors := map[string]bool{}
			for _, au := range a.Authors {
				if au.Person != "" {
					authors[au.Person] = true
				}
			}
			for _, id := range a.Listed {
				authors[id] = true
			}
			var both []string
			for _, e := range a.Executors {
				if authors[e] {
					both = append(both, e)
				}
			}
			if len(both) > 0 {
				c.Missing(a.At, "%s (%s): executed by %s, who also authored what it tests (history of %s up to %s)",
					a.Test, a.Kind, strings.Join(names(in, both), ", "), strings.Join(a.Paths, ", "), a.Revision)
				continue
			}
			c.Cite(a.Test)
		}
		c.OK("all %d tests were executed by people other than the authors of the code they cover", len(res.Tests))
		return
	}
	n := 0
	for _, t := range in.File.Tests {
		if !independenceKinds[t.Kind] {
			continue
		}
		n++
		authors := authorsOf(t)
		if len(authors) == 0 {
			c.Missing(t.At, "%s: no authors recorded, so independence cannot be shown (add authors:, or import them from git history)", t.ID)
			continue
		}
		var both []string
		for _, e := range t.ExecutedBy {
			if contains(authors, e) {
				both = append(both, e)
			}
		}
		if len(both) > 0 {
			c.Missing(t.At, "%s (%s): executed by %s, who also authored what it tests", t.ID, t.Kind, strings.Join(names(in, both), ", "))
			continue
		}
		c.Cite(t.ID)
	}
	if n == 0 {
		c.Missing(ward.Pos{}, "no tests of the kinds that need independence (security_requirement, threat_mitigation, fuzz, vulnerability_scan, penetration)")
	}
	c.OK("all %d tests were executed by people other than the authors of what they test", n)
}

func names(in *Input, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		if p := in.Person(id); p != nil {
			out[i] = p.Name + " (" + id + ")"
		} else {
			out[i] = id
		}
	}
	return out
}

// independenceRank orders the levels of the policy's independence table.
var independenceRank = map[string]int{"none": 0, "person": 1, "team": 2, "department": 3, "organisation": 4}

// achieved returns the independence level between an executor and the
// authors: the weakest separation over all author pairs.
func achieved(in *Input, t *ward.Test, executor string) string {
	e := in.Person(executor)
	if e == nil {
		return "none"
	}
	level := "organisation"
	lower := func(l string) {
		if independenceRank[l] < independenceRank[level] {
			level = l
		}
	}
	for _, aid := range authorsOf(t) {
		a := in.Person(aid)
		switch {
		case a == nil:
			lower("person")
		case aid == executor:
			lower("none")
		case !differs(orgOf(e, t), orgOf(a, nil)):
			switch {
			case !differs(e.Department, a.Department):
				if !differs(e.Team, a.Team) {
					lower("person")
				} else {
					lower("team")
				}
			default:
				lower("department")
			}
		}
	}
	return level
}

// orgOf is the organisation a person worked for in a test: the test's
// organisation for external testers, else the person's.
func orgOf(p *ward.Person, t *ward.Test) string {
	if p.Organisation != "" {
		return p.Organisation
	}
	if t != nil {
		return t.Organisation
	}
	return ""
}

// differs treats an unknown value as the same unit: independence is shown,
// not assumed.
func differs(a, b string) bool { return a != "" && b != "" && !strings.EqualFold(a, b) }

// checkIndependenceLevel: each test reaches the level the policy's
// independence table requires for its kind: judged by package
// independence from the repository's history when the caller read it,
// else from the authors listed by hand.
func checkIndependenceLevel(in *Input, c *Check) {
	if res := in.Independence; res != nil {
		for _, a := range res.Tests {
			switch a.Verdict {
			case independence.Violated:
				c.Missing(a.At, "%s (%s): %s", a.Test, a.Kind, a.Reason)
			case independence.NotAssessable:
				c.Missing(a.At, "%s (%s): %s independence cannot be shown: %s", a.Test, a.Kind, a.Required, a.Reason)
			default:
				c.Cite(a.Test)
			}
		}
		if len(res.Tests) == 0 {
			c.NotApplicable("the policy's independence table names no test kind present")
			return
		}
		c.OK("all %d tests reach the independence the policy requires, judged from the repository's history", len(res.Tests))
		return
	}
	table := in.Policy.Independence
	n := 0
	for _, t := range in.File.Tests {
		want, ok := table[string(t.Kind)]
		if !ok || want == "" || want == "none" {
			continue
		}
		n++
		if len(authorsOf(t)) == 0 {
			c.Missing(t.At, "%s: %s needs %s independence but no authors are recorded", t.ID, t.Kind, want)
			continue
		}
		best := "none"
		for _, e := range t.ExecutedBy {
			if l := achieved(in, t, e); independenceRank[l] > independenceRank[best] {
				best = l
			}
		}
		if independenceRank[best] < independenceRank[want] {
			c.Missing(t.At, "%s (%s): requires %s independence, executors reach only %s", t.ID, t.Kind, want, best)
			continue
		}
		c.Cite(t.ID)
	}
	if n == 0 {
		c.NotApplicable("the policy's independence table names no test kind present")
	}
	c.OK("all %d tests reach the independence the policy requires", n)
}

// checkIndependenceStated: test reports say who tested and at which
// independence level.
func checkIndependenceStated(in *Input, c *Check) {
	for _, t := range in.File.Tests {
		if !independenceKinds[t.Kind] {
			continue
		}
		if t.Independence == "" {
			c.Missing(t.At, "%s: the report does not state the testers' independence (independence:)", t.ID)
			continue
		}
		c.Cite(t.ID)
	}
	c.OK("every test report states the testers and their independence")
}
