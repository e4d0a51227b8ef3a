package gap

import "github.com/wardhq/ward/trace"

// breakRules names, for each kind of break in the traceability chain
// (package trace), the one rule that reports it. `ward trace` and
// `ward check` thus read the chain the same way, and no break is reported
// by two rules.
var breakRules = map[trace.Kind]string{
	trace.InterfaceUnplaced:         "R72-4",
	trace.ComponentUnplaced:         "R72-4",
	trace.ThreatUndecided:           "R72-6",
	trace.ThreatStale:               "R72-6",
	trace.ThreatWithoutControl:      "R74-1",
	trace.RiskWithoutControl:        "R74-1",
	trace.ControlWithoutRequirement: "RX-2",
	trace.RequirementUnverified:     "R571-1",
}

// Breaks returns the breaks in the traceability chain of the release
// under evaluation, computed once per Input.
func (in *Input) Breaks() []trace.Break {
	in.breaksOnce.Do(func() {
		in.breaks = trace.Breaks(in.File, in.Generated, in.ReleaseVersion())
	})
	return in.breaks
}

// reportBreaks reports, as gaps of c, every break that breakRules gives
// to rule, except those skip accepts (nil skips none), and returns the IDs
// of the records reported. A break without a position (a derived threat
// with no record yet) is placed at the product record.
func reportBreaks(in *Input, c *Check, rule string, skip func(trace.Break) bool) map[string]bool {
	reported := map[string]bool{}
	for _, b := range in.Breaks() {
		if breakRules[b.Kind] != rule || (skip != nil && skip(b)) {
			continue
		}
		at := b.At
		if at.IsZero() {
			at = productPos(in)
		}
		c.Missing(at, "%s", b.Message)
		reported[b.ID] = true
	}
	return reported
}
