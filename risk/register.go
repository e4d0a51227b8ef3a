package risk

import (
	"cmp"
	"slices"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/cvss"
)

// Register is the risk register of one security file. Entries are sorted
// by ID, so the same file always gives the same register.
type Register struct {
	Product string      // product name; "" when the file has none
	Matrix  bool        // the policy has a risk matrix: estimates carry a level
	Entries []*Entry    // every risk
	Safety  []*Entry    // the entries for the safety risk file (Entry.Safety != "")
	Counts  Counts      // totals for the summary line
	policy  ward.Policy // effective policy, for the writers' notes
}

// Counts summarises a register.
type Counts struct {
	Risks, Safety, Acceptable, Unacceptable, Undecided, Incomplete int
}

// Entry is one risk.
type Entry struct {
	ID, Title     string
	Threats       []string
	Method        string
	Pre, Post     *Estimate // nil when the file gives none
	Controls      []string
	Acceptable    *bool // as recorded
	Criterion     string
	ApprovedBy    string
	TransferredTo string
	InLabeling    bool
	// Safety says why the risk belongs in the safety risk file: its
	// safety_impact, or a threat on a safety-relevant asset. "" when not.
	Safety       string
	Hazards      []string
	HarmSeverity string
	// Missing lists what the safety risk file needs and the risk does not
	// give (hazards, harm severity); empty for risks without safety impact.
	Missing []string
	At      ward.Pos
}

// Estimate is a risk estimate placed on the policy's risk matrix.
type Estimate struct {
	CVSS           string
	Score          float64
	Severity       string
	Exploitability string
	Harm           string
	// Level is the matrix cell for Exploitability × Harm, and
	// LevelAcceptable whether the policy accepts it; Level is "" when the
	// policy has no matrix or the estimate does not name a row and column
	// of it (LevelNote says which).
	Level           string
	LevelAcceptable bool
	LevelNote       string
}

// Build makes the register of sf.
func Build(sf *ward.SecurityFile) *Register {
	reg := &Register{policy: sf.Policy.Effective()}
	if sf.Product != nil {
		reg.Product = sf.Product.Name
	}
	m := reg.policy.RiskMatrix
	reg.Matrix = m != nil
	threats := map[string]*ward.Threat{}
	for _, t := range sf.Threats {
		threats[t.ID] = t
	}
	safetyAssets := SafetyAssets(sf)
	for _, r := range sf.Risks {
		e := &Entry{ID: r.ID, Title: r.Title, Threats: r.Threats, Method: r.Method, Controls: r.Controls,
			Acceptable: r.Acceptable, Criterion: r.Criterion, ApprovedBy: r.ApprovedBy, TransferredTo: r.TransferredTo,
			InLabeling: r.InLabeling, Hazards: r.Hazards, HarmSeverity: r.HarmSeverity, At: r.At,
			Pre: Place(r.Pre, m), Post: Place(r.Post, m)}
		e.Safety = SafetyReason(r, threats, safetyAssets)
		if e.Safety != "" {
			if len(r.Hazards) == 0 {
				e.Missing = append(e.Missing, "hazards (the ISO 14971 hazards it can contribute to)")
			}
			if r.HarmSeverity == "" {
				e.Missing = append(e.Missing, "harm_severity (the worst patient harm)")
			}
			reg.Safety = append(reg.Safety, e)
			reg.Counts.Safety++
			if len(e.Missing) > 0 {
				reg.Counts.Incomplete++
			}
		}
		switch {
		case r.Acceptable == nil:
			reg.Counts.Undecided++
		case *r.Acceptable:
			reg.Counts.Acceptable++
		default:
			reg.Counts.Unacceptable++
		}
		reg.Entries = append(reg.Entries, e)
	}
	byID := func(a, b *Entry) int { return cmp.Compare(a.ID, b.ID) }
	slices.SortStableFunc(reg.Entries, byID)
	slices.SortStableFunc(reg.Safety, byID)
	reg.Counts.Risks = len(reg.Entries)
	return reg
}

// Place puts an estimate on the policy's risk matrix m (nil when the
// policy has none); nil for a nil estimate.
func Place(s *ward.RiskScore, m *ward.RiskMatrix) *Estimate {
	if s == nil {
		return nil
	}
	e := &Estimate{CVSS: s.CVSS, Score: s.Score, Severity: s.Severity, Exploitability: s.Exploitability, Harm: s.Harm}
	switch {
	case m == nil:
	case s.Exploitability == "" || s.Harm == "":
		e.LevelNote = "no exploitability and harm, so the policy's risk matrix cannot place it (set both)"
	default:
		level, ok, err := cvss.RiskLevel(m, s.Exploitability, s.Harm)
		if err != nil {
			e.LevelNote = ward.MessageOf(err)
		} else {
			e.Level, e.LevelAcceptable = level, ok
		}
	}
	return e
}

// SafetyAssets returns the IDs of the assets the architecture marks
// safety-relevant.
func SafetyAssets(sf *ward.SecurityFile) map[string]bool {
	out := map[string]bool{}
	if a := sf.Architecture; a != nil {
		for _, as := range a.Assets {
			if as.SafetyRelevant {
				out[as.ID] = true
			}
		}
	}
	return out
}

// SafetyReason says why risk r belongs in the safety risk file: its
// safety_impact, or the first of its threats (in the risk's order) that
// concerns a safety-relevant asset. "" when it does not.
func SafetyReason(r *ward.Risk, threats map[string]*ward.Threat, safetyAssets map[string]bool) string {
	if r.SafetyImpact {
		return "safety_impact"
	}
	for _, tid := range r.Threats {
		if th := threats[tid]; th != nil {
			for _, a := range th.Assets {
				if safetyAssets[a] {
					return "threat " + th.ID + " concerns safety-relevant asset " + a
				}
			}
		}
	}
	return ""
}
