package gap

import (
	"github.com/wardhq/ward"
)

// Clause 7.4 — controlling security risks.

func init() {
	register("R74-1", checkRisksControlled)
	register("R74-2", checkTransferredRisksLabelled)
	register("R74-3", checkInformationOnlyControlsJustified)
	register("RX-2", checkTraceability)
}

// preUnacceptable reports whether a risk is unacceptable before controls:
// its pre-control severity exceeds its criterion's highest accepted
// residual severity, or, without a usable criterion, it is above low.
func preUnacceptable(in *Input, r *ward.Risk) bool {
	if r.Pre == nil {
		return false
	}
	limit := ward.SeverityRank("low")
	if cr := policyCriterion(in, r.Criterion); cr != nil {
		limit = ward.SeverityRank(cr.MaxResidual)
	}
	return ward.SeverityRank(r.Pre.Severity) > limit
}

// checkRisksControlled: every mitigated threat and every risk whose
// residual risk is not accepted has a control (the traceability chain's
// breaks), every risk that is unacceptable before controls or belongs to
// a mitigated threat has at least one control; and
// every control has implementation references, a passing test and a
// completed check for new risks it introduces.
func checkRisksControlled(in *Input, c *Check) {
	reported := reportBreaks(in, c, "R74-1", nil)
	for _, r := range in.File.Risks {
		if reported[r.ID] {
			continue
		}
		mitigated := false
		for _, tid := range r.Threats {
			if th := in.Threat(tid); th != nil && th.Decision == "mitigated" {
				mitigated = true
			}
		}
		if len(r.Controls) > 0 || !(mitigated || preUnacceptable(in, r)) {
			continue
		}
		sev := ""
		if r.Pre != nil {
			sev = r.Pre.Severity
		}
		c.Missing(r.At, "%s (threats %s, pre-control %s): unacceptable before controls but has no control", r.ID, joinIDs(r.Threats), sev)
	}
	for _, ctl := range in.File.Controls {
		ok := true
		if len(ctl.Implementation) == 0 {
			c.Missing(ctl.At, "%s: no implementation reference (implementation:)", ctl.ID)
			ok = false
		}
		var passing []string
		for _, t := range in.TestsOf(ctl.ID) {
			if testPassed(t) {
				passing = append(passing, t.ID)
			}
		}
		if len(passing) == 0 {
			c.Missing(ctl.At, "%s: no passing test verifies it", ctl.ID)
			ok = false
		}
		if !ctl.NewRisksAssessed {
			c.Missing(ctl.At, "%s: not checked for new risks it introduces (new_risks_assessed)", ctl.ID)
			ok = false
		}
		if ok {
			c.Cite(ctl.ID)
			c.Cite(passing...)
		}
	}
	c.OK("every unacceptable risk has a control, and all %d controls are implemented, tested and checked for new risks", len(in.File.Controls))
}

// checkTransferredRisksLabelled: every risk transferred to the HDO or the
// patient is disclosed in the labeling (in_labeling). That each is also a
// task in the usability test plan cannot be read from the security file,
// so with transferred risks a human confirms it.
func checkTransferredRisksLabelled(in *Input, c *Check) {
	var transferred []string
	for _, r := range in.File.Risks {
		if r.TransferredTo != "hdo" && r.TransferredTo != "patient" {
			continue
		}
		transferred = append(transferred, r.ID)
		if !r.InLabeling {
			c.Missing(r.At, "%s: transferred to the %s but not in the labeling (in_labeling)", r.ID, r.TransferredTo)
			continue
		}
		c.Cite(r.ID)
	}
	if len(transferred) == 0 {
		c.NotApplicable("no risk is transferred to the HDO or the patient")
		return
	}
	c.Manual("risks %s are transferred to users and disclosed in the labeling; confirm each is a task in the usability (human factors) test plan", joinIDs(transferred))
}

// checkInformationOnlyControlsJustified: a risk whose only controls are
// information for safety (labeling instructions) has, on each of those
// controls, a justification that design or protective measures were not
// feasible.
func checkInformationOnlyControlsJustified(in *Input, c *Check) {
	n := 0
	for _, r := range in.File.Risks {
		if len(r.Controls) == 0 {
			continue
		}
		infoOnly := true
		for _, id := range r.Controls {
			if ctl := in.Control(id); ctl == nil || ctl.Kind != "information" {
				infoOnly = false
			}
		}
		if !infoOnly {
			continue
		}
		n++
		for _, id := range r.Controls {
			ctl := in.Control(id)
			if ctl.Justification == "" {
				c.Missing(ctl.At, "%s: the only control of %s is information for safety, with no justification why design or protective measures were not feasible", ctl.ID, r.ID)
				continue
			}
			c.Cite(ctl.ID)
		}
	}
	if n == 0 {
		c.NotApplicable("no risk relies on information for safety alone")
		return
	}
	c.OK("all %d risks controlled only by information justify why design measures were not feasible", n)
}

// checkTraceability follows the chain threat → risk → control →
// requirement → test, and component → threat or risk, in both directions:
// every threat (not not_applicable) has a risk; every risk of a mitigated
// threat has a control; every control implements a requirement and is
// used by a risk; every requirement is tested and traces to a control or
// a source; every third-party component is linked to a threat or risk or
// states why it has no exposure; transferred risks reach the labeling.
func checkTraceability(in *Input, c *Check) {
	usedControls := map[string]bool{}
	for _, r := range in.File.Risks {
		for _, id := range r.Controls {
			usedControls[id] = true
		}
	}
	for _, th := range in.File.Threats {
		if th.Decision == "not_applicable" {
			continue
		}
		risks := risksOfThreat(in, th.ID)
		if len(risks) == 0 {
			c.Missing(th.At, "%s: threat → risk broken: no risk names it", th.ID)
			continue
		}
		if th.Decision == "mitigated" && len(threatControlIDs(in, th.ID)) == 0 {
			c.Missing(th.At, "%s: risk → control broken: mitigated, but its risks name no control", th.ID)
		}
	}
	reportBreaks(in, c, "RX-2", nil)
	controlOf := map[string]bool{}
	for _, ctl := range in.File.Controls {
		if !usedControls[ctl.ID] {
			c.Missing(ctl.At, "%s: control → risk broken: no risk uses it", ctl.ID)
		}
		for _, id := range ctl.Requirements {
			controlOf[id] = true
			if in.Requirement(id) == nil {
				c.Missing(ctl.At, "%s: requirement %s does not exist", ctl.ID, id)
			}
		}
	}
	for _, r := range in.File.Requirements {
		if len(in.TestsOf(r.ID)) == 0 {
			c.Missing(r.At, "%s: requirement → test broken: no test verifies it", r.ID)
		}
		if !controlOf[r.ID] && len(r.Sources) == 0 {
			c.Missing(r.At, "%s: requirement → control broken: no control or source leads to it", r.ID)
		}
	}
	linked := map[string]bool{}
	for _, th := range in.File.Threats {
		for _, id := range th.Components {
			linked[id] = true
		}
	}
	for _, it := range in.File.Components {
		if it.Origin == "in_house" {
			continue
		}
		if len(it.Risks) == 0 && !linked[it.ID] && it.NoExposure == "" {
			c.Missing(it.At, "%s: SBOM component → threat broken: no threat or risk considers it and no no_exposure_rationale", it.ID)
		}
	}
	for _, r := range in.File.Risks {
		if (r.TransferredTo == "hdo" || r.TransferredTo == "patient") && !r.InLabeling {
			c.Missing(r.At, "%s: risk → labeling broken: transferred to the %s but not in the labeling", r.ID, r.TransferredTo)
		}
	}
	c.OK("threats, risks, controls, requirements, tests, components and labeling trace to each other")
}
