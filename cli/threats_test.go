package cli_test

import (
	"testing"

	"github.com/wardhq/ward/cli"
	"github.com/wardhq/ward/internal/testutil"
)

func TestThreats(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, ext string
		args      []string
		exit      int
	}{
		{"pump_text", ".txt", []string{"threats", "../examples/infusion-pump", "--date", "2026-11-26"}, cli.ExitOK},
		{"pump_json", ".json", []string{"threats", "../examples/infusion-pump", "--date", "2026-11-26", "--format", "json"}, cli.ExitOK},
		{"pump_gate", ".txt", []string{"threats", "../examples/infusion-pump", "--date", "2026-11-26", "--fail-on", "undecided"}, cli.ExitFindings},
		{"care_planner_gate", ".txt", []string{"threats", "../examples/care-planner", "--date", "2026-11-26", "--fail-on", "undecided"}, cli.ExitOK},
		{"rules_json", ".json", []string{"threats", "rules", "--format", "json"}, cli.ExitOK},
		{"bad_format", ".txt", []string{"threats", "../examples/infusion-pump", "--format", "yaml"}, cli.ExitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(t, tc.args...)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d\nstderr:\n%s", code, tc.exit, stderr)
			}
			testutil.Golden(t, tc.ext, []byte(stdout))
			testutil.Golden(t, ".stderr", []byte(stderr))
		})
	}
}
