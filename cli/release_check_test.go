package cli_test

import (
	"testing"

	"github.com/wardhq/ward/cli"
)

// TestReleaseCheck runs the gate on the examples: the pump's deliberate
// gaps block its release 2.4.0; the care planner's 1.4.1 may ship.
func TestReleaseCheck(t *testing.T) {
	t.Parallel()
	const date = "2026-11-26"
	const pump = "../examples/infusion-pump"
	runCommandCases(t, []commandCase{
		{"pump_text", ".txt", []string{"release", "check", pump, "--date", date}, cli.ExitFindings},
		{"pump_json", ".json", []string{"release", "check", pump, "--date", date, "--format", "json"}, cli.ExitFindings},
		{"care_planner_text", ".txt", []string{"release", "check", "../examples/care-planner", "--date", date}, cli.ExitOK},
		{"unknown_release", ".txt", []string{"release", "check", pump, "--release", "9.9.9"}, cli.ExitUsage},
		{"bad_format", ".txt", []string{"release", "check", pump, "--format", "pdf"}, cli.ExitUsage},
		{"no_subcommand", ".txt", []string{"release"}, cli.ExitUsage},
	})
}
