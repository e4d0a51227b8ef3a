package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward/cli"
)

// TestRisks runs `ward risks` on the infusion pump in every format.
func TestRisks(t *testing.T) {
	t.Parallel()
	const pump = "../examples/infusion-pump"
	runCommandCases(t, []commandCase{
		{"pump_text", ".txt", []string{"risks", pump}, cli.ExitOK},
		{"pump_safety", ".txt", []string{"risks", pump, "--safety"}, cli.ExitOK},
		{"pump_json", ".json", []string{"risks", pump, "--format", "json"}, cli.ExitOK},
		{"pump_safety_csv", ".csv", []string{"risks", pump, "--safety", "--format", "csv"}, cli.ExitOK},
		{"care_planner_text", ".txt", []string{"risks", "../examples/care-planner"}, cli.ExitOK},
		{"bad_format", ".txt", []string{"risks", pump, "--format", "pdf"}, cli.ExitUsage},
		{"bad_fail_on", ".txt", []string{"risks", pump, "--fail-on", "all"}, cli.ExitUsage},
	})
}

// TestRisksSafetyHandOff removes a hazard link and a harm severity from a
// copy of the pump and sees the safety hand-off name what is missing and
// --fail-on incomplete fail.
func TestRisksSafetyHandOff(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyDir(t, "../examples/infusion-pump", dir)
	risks := filepath.Join(dir, "risk.yaml")
	b, err := os.ReadFile(risks)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "    hazards: [HAZ-03]\n    harm_severity: catastrophic\n", "", 1)
	if s == string(b) {
		t.Fatal("the pump's RSK-002 no longer has the hazard lines this test removes")
	}
	if err := os.WriteFile(risks, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "risks", dir, "--safety", "--format", "json", "--fail-on", "incomplete")
	if code != cli.ExitFindings {
		t.Fatalf("exit = %d, want %d\n%s", code, cli.ExitFindings, stderr)
	}
	var got struct {
		Counts struct {
			Incomplete int `json:"safety_incomplete"`
		} `json:"counts"`
		Risks []struct {
			ID      string   `json:"id"`
			Missing []string `json:"missing"`
		} `json:"risks"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if got.Counts.Incomplete != 1 {
		t.Errorf("incomplete = %d, want 1", got.Counts.Incomplete)
	}
	for _, r := range got.Risks {
		if r.ID == "RSK-002" {
			if len(r.Missing) != 2 || !strings.HasPrefix(r.Missing[0], "hazards") || !strings.HasPrefix(r.Missing[1], "harm_severity") {
				t.Errorf("RSK-002 missing = %q, want hazards and harm_severity", r.Missing)
			}
			return
		}
	}
	t.Error("RSK-002 is no longer in the safety hand-off")
}
