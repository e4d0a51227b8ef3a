package techfile

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/paper"
	"github.com/wardhq/ward/risk"
)

var strideWords = map[string]string{
	"S": "spoofing", "T": "tampering", "R": "repudiation",
	"I": "information disclosure", "D": "denial of service", "E": "elevation of privilege",
}

// threatModel lists every threat, derived and written by hand, with the
// team's decision (7.2).
func (t *builder) threatModel() *paper.Section {
	s := &paper.Section{ID: "threat-model", Title: "Threat model"}
	if a := t.File.Architecture; a != nil {
		phases := make([]string, len(a.LifecyclePhases))
		for i, p := range a.LifecyclePhases {
			phases[i] = kindName(p)
		}
		s.Blocks = append(s.Blocks, paper.Fields{Items: []paper.Field{
			{Label: "Methodology", Value: orDash(a.Methodology)},
			{Label: "Rationale", Value: orDash(a.Rationale)},
			{Label: "Life-cycle phases covered", Value: join(phases)},
			{Label: "Threat model version of release " + t.Version(), Value: orDash(t.Release.ThreatModelVersion)},
		}})
		if len(a.Assumptions) > 0 {
			s.Blocks = append(s.Blocks, paper.Para{Text: "Assumptions:"}, paper.List{Items: a.Assumptions})
		}
	} else {
		s.Blocks = append(s.Blocks, gapNote("No architecture: the threat-modelling method, its rationale and assumptions are not recorded (architecture.methodology)."))
	}
	var undecided []string
	safety := 0
	for _, d := range t.decided.Threats {
		if d.Decision == nil || d.Decision.Decision == "" {
			undecided = append(undecided, d.ID)
		}
		if d.Safety {
			safety++
		}
	}
	var manualUndecided []string
	for _, m := range t.decided.Manual {
		if m.Decision == "" {
			manualUndecided = append(manualUndecided, m.ID)
		}
	}
	s.Blocks = append(s.Blocks, paper.Para{Text: fmt.Sprintf("ward's %s derived %s from the data-flow model as of %s (%d decided, %d undecided, %d safety-relevant); the team wrote %s by hand (%d undecided).",
		"threat-model rules", plural(len(t.decided.Threats), "threat", "threats"), t.Date, len(t.decided.Threats)-len(undecided), len(undecided), safety,
		plural(len(t.decided.Manual), "threat", "threats"), len(manualUndecided))})
	if all := append(append([]string{}, undecided...), manualUndecided...); len(all) > 0 {
		s.Blocks = append(s.Blocks, warnNote("Undecided threats (no decision recorded): %s.", strings.Join(all, ", ")))
	}

	risksOf := map[string][]string{}
	for _, r := range sortedBy(t.File.Risks, func(r *ward.Risk) string { return r.ID }) {
		for _, id := range r.Threats {
			risksOf[id] = append(risksOf[id], r.ID)
		}
	}
	derived := &paper.Section{ID: "threats-derived", Title: "Threats derived from the model"}
	if len(t.decided.Threats) == 0 {
		derived.Blocks = append(derived.Blocks, paper.Para{Text: "No rule fired on the model."})
	} else {
		tb := threatTable()
		for _, d := range t.decided.Threats {
			row := []string{d.ID, strideWords[d.STRIDE], join(d.Elements), safetyTitle(d.Title, d.Safety)}
			row = append(row, decisionCells(d.Decision)...)
			tb.Rows = append(tb.Rows, append(row, join(risksOf[d.ID])))
		}
		derived.Blocks = append(derived.Blocks, tb)
	}

	manual := &paper.Section{ID: "threats-manual", Title: "Threats written by hand"}
	if len(t.decided.Manual) == 0 {
		manual.Blocks = append(manual.Blocks, paper.Para{Text: "None."})
	} else {
		tb := threatTable()
		safetyAssets := risk.SafetyAssets(t.File)
		for _, m := range t.decided.Manual {
			stride := make([]string, len(m.STRIDE))
			for i, x := range m.STRIDE {
				stride[i] = kindName(x)
			}
			safe := false
			for _, a := range m.Assets {
				safe = safe || safetyAssets[a]
			}
			row := append([]string{m.ID, join(stride), join(m.Elements), safetyTitle(m.Title, safe)}, decisionCells(m)...)
			tb.Rows = append(tb.Rows, append(row, join(risksOf[m.ID])))
		}
		manual.Blocks = append(manual.Blocks, tb)
	}
	s.Sections = []*paper.Section{derived, manual}
	if len(t.decided.Stale) > 0 {
		stale := &paper.Section{ID: "threats-stale", Title: "Stale decisions"}
		stale.Blocks = append(stale.Blocks, warnNote("These decisions concern threats that no rule derives from the model any more; they need a review."))
		tb := paper.Table{Header: []string{"Threat", "Source", "Title", "Decision"}}
		for _, x := range t.decided.Stale {
			tb.Rows = append(tb.Rows, []string{x.ID, x.Source, x.Title, DecisionText(x)})
		}
		stale.Blocks = append(stale.Blocks, tb)
		s.Sections = append(s.Sections, stale)
	}
	return s
}

func threatTable() paper.Table {
	return paper.Table{
		Header: []string{"Threat", "STRIDE", "Elements", "Title", "Decision", "Controls or rationale", "Risks"},
		Widths: []float64{2, 1.1, 1.4, 2.6, 1.3, 3.2, 0.9},
	}
}

func safetyTitle(title string, safety bool) string {
	if safety {
		return title + " (safety-relevant)"
	}
	return title
}

// decisionCells are the decision with its approval, and the controls or
// rationale, of a threat record; "undecided" when there is none.
func decisionCells(th *ward.Threat) []string {
	if th == nil || th.Decision == "" {
		return []string{"undecided", dash}
	}
	why := th.Rationale
	if len(th.Controls) > 0 {
		why = strings.TrimSpace("controls " + strings.Join(th.Controls, ", ") + ". " + why)
	}
	decision := DecisionText(th)
	switch {
	case th.ApprovedBy != "" && !th.DecidedAt.IsZero():
		decision += " (" + th.ApprovedBy + ", " + th.DecidedAt.String() + ")"
	case th.ApprovedBy != "":
		decision += " (" + th.ApprovedBy + ")"
	case !th.DecidedAt.IsZero():
		decision += " (" + th.DecidedAt.String() + ")"
	}
	return []string{decision, orDash(why)}
}

// DecisionText is a threat's decision in words, e.g. "transferred to hdo".
func DecisionText(th *ward.Threat) string {
	switch {
	case th == nil || th.Decision == "":
		return "undecided"
	case th.Decision == "transferred" && th.TransferredTo != "":
		return "transferred to " + th.TransferredTo
	}
	return kindName(th.Decision)
}

// riskAssessment is the security risk register on the policy's matrix
// with the safety links (7.3, 7.4).
func (t *builder) riskAssessment() *paper.Section {
	s := &paper.Section{ID: "risk-assessment", Title: "Security risk assessment"}
	pol := t.File.Policy.Effective()
	s.Blocks = append(s.Blocks, paper.Para{Text: "Each risk is estimated before and after its controls by exploitability and severity of harm, placed on the manufacturer's risk matrix, " +
		"and judged against an acceptance criterion (7.3, 7.4). Risks whose worst outcome is patient harm are handed to the ISO 14971 safety risk file."})
	if methods := riskMethods(t.File.Risks); len(methods) > 0 {
		s.Blocks = append(s.Blocks, paper.Fields{Items: []paper.Field{{Label: "Scoring method", Value: strings.Join(methods, "; ")}}})
	}
	if m := pol.RiskMatrix; m != nil {
		tb := paper.Table{Caption: "Risk matrix: exploitability (rows, most exploitable first) × severity of harm (columns); acceptable levels: " + join(m.Acceptable),
			Header: append([]string{"Exploitability"}, m.Harm...)}
		for i := len(m.Exploitability) - 1; i >= 0; i-- {
			row := m.Exploitability[i]
			cells := []string{row}
			for j := range m.Harm {
				lv := dash
				if j < len(m.Levels[row]) {
					lv = m.Levels[row][j]
				}
				cells = append(cells, lv)
			}
			tb.Rows = append(tb.Rows, cells)
		}
		s.Blocks = append(s.Blocks, tb)
	} else {
		s.Blocks = append(s.Blocks, gapNote("The policy has no risk matrix (policy.risk_matrix): estimates are not placed on exploitability × harm."))
	}
	if len(pol.Criteria) > 0 {
		tb := paper.Table{Caption: "Acceptance criteria", Header: []string{"Criterion", "Description", "Highest residual severity"}, Widths: []float64{1, 5, 1.2}}
		for _, c := range pol.Criteria {
			tb.Rows = append(tb.Rows, []string{c.ID, c.Description, c.MaxResidual})
		}
		s.Blocks = append(s.Blocks, tb)
	} else {
		s.Blocks = append(s.Blocks, gapNote("The policy records no risk acceptance criteria (policy.acceptance_criteria)."))
	}

	reg := &paper.Section{ID: "risk-register", Title: "Risk register"}
	c := t.reg.Counts
	reg.Blocks = append(reg.Blocks, paper.Para{Text: fmt.Sprintf("%s: %d acceptable, %d not acceptable, %d without a decision; %d with safety impact.",
		plural(c.Risks, "risk", "risks"), c.Acceptable, c.Unacceptable, c.Undecided, c.Safety)})
	if len(t.reg.Entries) == 0 {
		reg.Blocks = append(reg.Blocks, gapNote("The security file records no risks (risks)."))
	} else {
		tb := paper.Table{Header: []string{"Risk", "Title", "Threats", "Before controls", "Controls", "After controls", "Acceptance"},
			Widths: []float64{0.8, 2, 2.2, 1.7, 1.1, 1.7, 1.8}}
		for _, e := range t.reg.Entries {
			tb.Rows = append(tb.Rows, []string{e.ID, orDash(e.Title), join(e.Threats), EstimateText(e.Pre), join(e.Controls), EstimateText(e.Post), acceptance(e)})
		}
		reg.Blocks = append(reg.Blocks, tb)
		vec := paper.Table{Caption: "Estimates as CVSS vectors", Header: []string{"Risk", "Before controls", "After controls"}}
		for _, e := range t.reg.Entries {
			vec.Rows = append(vec.Rows, []string{e.ID, vector(e.Pre), vector(e.Post)})
		}
		reg.Blocks = append(reg.Blocks, vec)
	}

	safety := &paper.Section{ID: "risk-safety", Title: "Links to the safety risk file (ISO 14971)"}
	if len(t.reg.Safety) == 0 {
		safety.Blocks = append(safety.Blocks, paper.Para{Text: "No risk has safety impact or concerns a safety-relevant asset."})
	} else {
		tb := paper.Table{Header: []string{"Risk", "Why it belongs in the safety file", "Hazards", "Harm severity", "Missing"}, Widths: []float64{0.8, 3, 1.2, 1, 2}}
		var incomplete []string
		for _, e := range t.reg.Safety {
			why := e.Safety
			if why == "safety_impact" {
				why = "marked safety_impact"
			}
			tb.Rows = append(tb.Rows, []string{e.ID, why, join(e.Hazards), orDash(e.HarmSeverity), join(e.Missing)})
			if len(e.Missing) > 0 {
				incomplete = append(incomplete, e.ID)
			}
		}
		safety.Blocks = append(safety.Blocks, tb)
		if len(incomplete) > 0 {
			safety.Blocks = append(safety.Blocks, gapNote("The hand-off to the safety risk file is incomplete for %s (hazards or harm severity missing).", strings.Join(incomplete, ", ")))
		}
	}

	ctl := &paper.Section{ID: "risk-controls", Title: "Risk controls"}
	if len(t.File.Controls) == 0 {
		ctl.Blocks = append(ctl.Blocks, gapNote("The security file records no risk controls (controls)."))
	} else {
		tb := paper.Table{Header: []string{"Control", "Title", "Kind", "Requirements", "Implementation", "Checks"},
			Widths: []float64{0.8, 2.6, 0.9, 1.2, 3, 1.6}}
		for _, x := range sortedBy(t.File.Controls, func(x *ward.Control) string { return x.ID }) {
			checks := "new risks not assessed"
			if x.NewRisksAssessed {
				checks = "new risks assessed"
			}
			if x.LastReview != "" {
				checks += "; effectiveness reviewed in " + x.LastReview
			}
			tb.Rows = append(tb.Rows, []string{x.ID, x.Title, x.Kind, join(x.Requirements), strings.Join(x.Implementation, "; "), checks})
		}
		ctl.Blocks = append(ctl.Blocks, tb)
	}
	s.Sections = []*paper.Section{reg, safety, ctl}
	return s
}

func riskMethods(list []*ward.Risk) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range list {
		if r.Method != "" && !seen[r.Method] {
			seen[r.Method] = true
			out = append(out, r.Method)
		}
	}
	return out
}

// EstimateText is "5.4 medium; high × minor = medium" for an estimate.
func EstimateText(e *risk.Estimate) string {
	if e == nil {
		return dash
	}
	var parts []string
	score := e.Severity
	if e.Score > 0 {
		score = fmt.Sprintf("%.1f %s", e.Score, e.Severity)
	}
	parts = append(parts, score)
	switch {
	case e.Level != "":
		lv := e.Exploitability + " × " + e.Harm + " = " + e.Level
		if !e.LevelAcceptable {
			lv += " (not acceptable)"
		}
		parts = append(parts, lv)
	case e.LevelNote != "":
		parts = append(parts, e.LevelNote)
	}
	return strings.Join(parts, "; ")
}

func vector(e *risk.Estimate) string {
	if e == nil || e.CVSS == "" {
		return dash
	}
	return e.CVSS
}

// acceptance is a risk's acceptability with its criterion, transfer and
// approval: "acceptable (CRIT-TRANSFER); transferred to hdo; approved by d.schmidt".
func acceptance(e *risk.Entry) string {
	v := "no decision"
	if e.Acceptable != nil {
		v = "not acceptable"
		if *e.Acceptable {
			v = "acceptable"
		}
	}
	if e.Criterion != "" {
		v += " (" + e.Criterion + ")"
	}
	if e.TransferredTo != "" && e.TransferredTo != "none" {
		v += "; transferred to " + e.TransferredTo
	}
	if e.InLabeling {
		v += "; in the labeling"
	}
	if e.ApprovedBy != "" {
		v += "; approved by " + e.ApprovedBy
	}
	return v
}

// requirements lists the security requirements by FDA control category
// (5.2.1; FDA premarket guidance V.B.1).
func (t *builder) requirements() *paper.Section {
	s := &paper.Section{ID: "requirements", Title: "Security requirements"}
	if len(t.File.Requirements) == 0 {
		s.Blocks = append(s.Blocks, gapNote("The security file records no security requirements (requirements)."))
		return s
	}
	verified := map[string]bool{}
	for _, r := range t.matrix.Reverse {
		if r.Kind == "requirement" {
			verified[r.ID] = r.Verified
		}
	}
	categories := []string{"authentication", "authorization", "cryptography", "integrity", "confidentiality", "logging", "resilience", "updatability"}
	var missing []string
	for _, c := range categories {
		found := false
		for _, r := range t.File.Requirements {
			found = found || r.Category == c
		}
		if !found {
			missing = append(missing, c)
		}
	}
	s.Blocks = append(s.Blocks, paper.Para{Text: "Requirements by the eight security control categories of the FDA premarket guidance (Appendix 1); \"verified\" means a test verifying the requirement passed on release " + t.Version() + "."})
	if len(missing) > 0 {
		s.Blocks = append(s.Blocks, gapNote("No requirement in the categories %s.", strings.Join(missing, ", ")))
	}
	tb := paper.Table{Header: []string{"Requirement", "Category", "Title", "Text", "Interfaces", "Review", "Verified on " + t.Version()}, Widths: []float64{0.9, 1.1, 1.8, 3.6, 1.4, 0.9, 0.8}}
	for _, c := range categories {
		for _, r := range sortedBy(t.File.Requirements, func(r *ward.Requirement) string { return r.ID }) {
			if r.Category == c {
				tb.Rows = append(tb.Rows, []string{r.ID, r.Category, r.Title, r.Text, join(r.Interfaces), orDash(r.ReviewedIn), yesNo(verified[r.ID])})
			}
		}
	}
	s.Blocks = append(s.Blocks, tb)
	return s
}
