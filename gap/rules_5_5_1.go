package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 5.5.1 — secure coding standards (conformance).

func init() {
	register("R551-1", checkStaticAnalysis)
}

// findingsOfTest returns the findings raised by test t: those naming it as
// source and those it lists.
func findingsOfTest(in *Input, t *ward.Test) []*ward.DevFinding {
	var out []*ward.DevFinding
	for _, f := range in.File.Findings {
		if f.Source == t.ID || contains(t.Findings, f.ID) {
			out = append(out, f)
		}
	}
	return out
}

// checkStaticAnalysis: a SAST run with its tool recorded ran on the release
// build and passed, and every finding of any SAST run at or above the
// policy's blocking level is fixed, or deferred or accepted with an approver.
func checkStaticAnalysis(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	block := ward.SeverityRank(in.Policy.SASTBlockLevel)
	var ran []string
	for _, t := range in.File.Tests {
		if t.Kind != ward.TestSAST {
			continue
		}
		for _, f := range findingsOfTest(in, t) {
			if ward.SeverityRank(f.Severity) < block {
				continue
			}
			switch {
			case f.Status == "open":
				c.Missing(f.At, "finding %s (%s, from %s): open at or above the blocking level %s", f.ID, f.Severity, t.ID, in.Policy.SASTBlockLevel)
			case (f.Status == "deferred" || f.Status == "accepted") && f.ApprovedBy == "":
				c.Missing(f.At, "finding %s (%s, from %s): %s without an approver", f.ID, f.Severity, t.ID, f.Status)
			default:
				c.Cite(f.ID)
			}
		}
		if !in.OnRelease(t) {
			continue
		}
		switch {
		case t.Tool == nil || t.Tool.Name == "":
			c.Missing(t.At, "test %s: SAST run without its tool and configuration (tool)", t.ID)
		case t.Result == "not_run":
			c.Missing(t.At, "test %s: SAST on release %s was not run", t.ID, r.Version)
		case t.Result == "fail" && len(findingsOfTest(in, t)) == 0:
			c.Missing(t.At, "test %s: SAST on release %s failed but records no findings to disposition", t.ID, r.Version)
		default:
			ran = append(ran, t.ID)
		}
	}
	if len(ran) == 0 {
		c.Missing(r.At, "release %s: no static analysis (sast test) recorded on its build", r.Version)
	}
	c.Cite(ran...)
	c.OK("static analysis %s ran on release %s; no finding at or above %s is unresolved", strings.Join(ran, ", "), r.Version, in.Policy.SASTBlockLevel)
}
