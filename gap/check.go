package gap

import (
	"fmt"
	"sort"

	"github.com/wardhq/ward"
)

// checkFunc decides one rule. It reads only in and reports through c.
type checkFunc func(in *Input, c *Check)

// checks maps rule IDs to their checks; rule files fill it in init.
var checks = map[string]checkFunc{}

func register(id string, f checkFunc) {
	if _, dup := checks[id]; dup {
		panic("gap: rule registered twice: " + id)
	}
	checks[id] = f
}

// Check collects one rule's verdict: the evidence it relied on, each gap
// with its place in the security file, or why it does not apply.
type Check struct {
	na, manual string
	ok         string
	evidence   []string
	missing    []gapItem
}

type gapItem struct {
	text string
	at   ward.Pos
}

// Cite records IDs of records that support the verdict.
func (c *Check) Cite(ids ...string) {
	for _, id := range ids {
		if id != "" {
			c.evidence = append(c.evidence, id)
		}
	}
}

// Missing records one gap: what is missing and where it belongs. Any gap
// fails the rule.
func (c *Check) Missing(at ward.Pos, format string, args ...any) {
	c.missing = append(c.missing, gapItem{text: fmt.Sprintf(format, args...), at: at})
}

// NotApplicable marks the rule as not applying, with the reason.
func (c *Check) NotApplicable(format string, args ...any) { c.na = fmt.Sprintf(format, args...) }

// Manual hands the rule to a human with what to look at.
func (c *Check) Manual(format string, args ...any) { c.manual = fmt.Sprintf(format, args...) }

// OK sets the message shown when the rule passes.
func (c *Check) OK(format string, args ...any) { c.ok = fmt.Sprintf(format, args...) }

// result turns the collected verdict into a RuleResult.
func (c *Check) result(info *RuleInfo) RuleResult {
	rr := RuleResult{ID: info.ID, Severity: info.Severity, Title: info.Title,
		Evidence: dedupSorted(c.evidence), Missing: []string{}}
	switch {
	case c.na != "":
		rr.Status, rr.Message = RuleNA, c.na
	case len(c.missing) > 0:
		rr.Status = Fail
		rr.Message = c.missing[0].text
		if n := len(c.missing) - 1; n > 0 {
			rr.Message += fmt.Sprintf(" (and %d more)", n)
		}
		for _, g := range c.missing {
			rr.Missing = append(rr.Missing, g.text)
			if !g.at.IsZero() {
				rr.Locations = append(rr.Locations, locationOf(g.at, g.text))
			}
		}
	case c.manual != "":
		rr.Status, rr.Message = RuleManual, c.manual
	default:
		rr.Status, rr.Message = Pass, c.ok
		if rr.Message == "" {
			rr.Message = "no gap found"
		}
	}
	return rr
}

func dedupSorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	n := 0
	for i, x := range out {
		if i == 0 || x != out[n-1] {
			out[n] = x
			n++
		}
	}
	return out[:n]
}
