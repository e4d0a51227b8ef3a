package risk_test

import (
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/risk"
)

func matrix() *ward.RiskMatrix {
	return &ward.RiskMatrix{
		Exploitability: []string{"low", "high"},
		Harm:           []string{"minor", "serious"},
		Levels:         map[string][]string{"low": {"low", "medium"}, "high": {"medium", "high"}},
		Acceptable:     []string{"low", "medium"},
	}
}

func TestBuild(t *testing.T) {
	yes := true
	sf := &ward.SecurityFile{
		Product:      &ward.Product{Name: "Pump"},
		Policy:       &ward.Policy{RiskMatrix: matrix()},
		Architecture: &ward.Architecture{Assets: []*ward.Asset{{ID: "AST-DOSE", SafetyRelevant: true}, {ID: "AST-LOG"}}},
		Threats: []*ward.Threat{
			{ID: "THR-DOSE", Assets: []string{"AST-LOG", "AST-DOSE"}},
			{ID: "THR-LOG", Assets: []string{"AST-LOG"}},
		},
		Risks: []*ward.Risk{
			{ID: "RSK-B", Threats: []string{"THR-LOG"}, Pre: &ward.RiskScore{Severity: "high", Exploitability: "high", Harm: "serious"},
				Post: &ward.RiskScore{Severity: "low", Exploitability: "low", Harm: "serious"}, Acceptable: &yes},
			{ID: "RSK-A", Threats: []string{"THR-LOG", "THR-DOSE"}, Pre: &ward.RiskScore{Severity: "high", Exploitability: "extreme", Harm: "serious"},
				Post: &ward.RiskScore{Severity: "low"}, Hazards: []string{"HAZ-1"}},
		},
	}
	reg := risk.Build(sf)
	if len(reg.Entries) != 2 || reg.Entries[0].ID != "RSK-A" {
		t.Fatalf("entries not sorted by ID: %+v", reg.Entries)
	}
	a, b := reg.Entries[0], reg.Entries[1]
	if a.Safety != "threat THR-DOSE concerns safety-relevant asset AST-DOSE" {
		t.Errorf("RSK-A safety = %q", a.Safety)
	}
	if len(a.Missing) != 1 || a.Missing[0] != "harm_severity (the worst patient harm)" {
		t.Errorf("RSK-A missing = %q", a.Missing)
	}
	if a.Pre.Level != "" || a.Pre.LevelNote == "" || a.Post.LevelNote != "no exploitability and harm, so the policy's risk matrix cannot place it (set both)" {
		t.Errorf("RSK-A off the matrix: pre %+v post %+v", a.Pre, a.Post)
	}
	if b.Safety != "" || len(reg.Safety) != 1 || reg.Safety[0] != a {
		t.Errorf("safety hand-off = %+v, want RSK-A only", reg.Safety)
	}
	if b.Pre.Level != "high" || b.Pre.LevelAcceptable || b.Post.Level != "medium" || !b.Post.LevelAcceptable {
		t.Errorf("RSK-B levels: pre %+v post %+v", b.Pre, b.Post)
	}
	want := risk.Counts{Risks: 2, Safety: 1, Acceptable: 1, Undecided: 1, Incomplete: 1}
	if reg.Counts != want {
		t.Errorf("counts = %+v, want %+v", reg.Counts, want)
	}

	sf.Policy = nil
	if e := risk.Build(sf).Entries[1]; e.Pre.Level != "" || e.Pre.LevelNote != "" {
		t.Errorf("without a matrix an estimate has no level and no note: %+v", e.Pre)
	}
}
