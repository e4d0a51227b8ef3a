package cli_test

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/wardhq/ward/cli"
	"github.com/wardhq/ward/internal/testutil"
)

// TestTrace runs `ward trace` on the infusion pump in every format. The
// example's deliberate gaps must show as breaks: REQ-012 has no passing
// test on release 2.4.0, and one derived threat has no decision.
func TestTrace(t *testing.T) {
	t.Parallel()
	const date = "2026-11-26"
	const pump = "../examples/infusion-pump"
	for _, tc := range []struct {
		name, ext string
		args      []string
		exit      int
	}{
		{"pump_text", ".txt", []string{"trace", pump, "--date", date}, cli.ExitOK},
		{"pump_csv", ".csv", []string{"trace", pump, "--date", date, "--format", "csv"}, cli.ExitOK},
		{"pump_json", ".json", []string{"trace", pump, "--date", date, "--format", "json"}, cli.ExitOK},
		{"pump_html", ".html", []string{"trace", pump, "--date", date, "--format", "html"}, cli.ExitOK},
		{"pump_older_release", ".json", []string{"trace", pump, "--date", date, "--format", "json", "--release", "2.3.0"}, cli.ExitOK},
		{"pump_fail_on_breaks", ".txt", []string{"trace", pump, "--date", date, "--fail-on", "breaks"}, cli.ExitFindings},
		{"unknown_release", ".txt", []string{"trace", pump, "--release", "9.9.9"}, cli.ExitUsage},
		{"bad_format", ".txt", []string{"trace", pump, "--format", "pdf"}, cli.ExitUsage},
		{"bad_fail_on", ".txt", []string{"trace", pump, "--fail-on", "all"}, cli.ExitUsage},
		{"missing_dir", ".txt", []string{"trace", "testdata/no-such-folder"}, cli.ExitError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(t, tc.args...)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d\nstderr:\n%s", code, tc.exit, stderr)
			}
			if tc.exit != cli.ExitUsage && tc.exit != cli.ExitError {
				if _, again, _ := run(t, tc.args...); again != stdout {
					t.Error("a second run prints something else")
				}
			}
			testutil.Golden(t, tc.ext, []byte(stdout))
			testutil.Golden(t, ".stderr", []byte(stderr))
		})
	}
}

// TestTraceShowsTheExampleGaps checks the breaks of the JSON contract
// and that the CSV has one path through the unverified requirement.
func TestTraceShowsTheExampleGaps(t *testing.T) {
	t.Parallel()
	_, stdout, stderr := run(t, "trace", "../examples/infusion-pump", "--date", "2026-11-26", "--format", "json")
	var got struct {
		Release string           `json:"release"`
		Forward []map[string]any `json:"forward"`
		Reverse []map[string]any `json:"reverse"`
		Breaks  []struct {
			Kind, ID, Message, File string
			Line                    int
		} `json:"breaks"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v\nstderr:\n%s", err, stderr)
	}
	if got.Release != "2.4.0" {
		t.Errorf("release = %q, want 2.4.0", got.Release)
	}
	found := false
	for _, b := range got.Breaks {
		if b.Kind == "requirement_unverified" && b.ID == "REQ-012" {
			found = true
			if !strings.HasSuffix(b.File, "requirements.yaml") || b.Line == 0 || !strings.Contains(b.Message, "release 2.4.0") {
				t.Errorf("REQ-012 break = %+v, want it located in requirements.yaml and naming release 2.4.0", b)
			}
		}
	}
	if !found {
		t.Errorf("breaks = %+v, want requirement_unverified REQ-012", got.Breaks)
	}
	wantKeys(t, "forward row", got.Forward[0], "kind", "id", "title", "file", "line", "threats", "risks", "controls", "requirements", "tests")
	wantKeys(t, "reverse row", got.Reverse[0], "kind", "id", "title", "file", "line", "verified", "result", "test_release", "on_release",
		"tests", "requirements", "controls", "risks", "threats", "interfaces", "components", "elements")

	_, out, _ := run(t, "trace", "../examples/infusion-pump", "--date", "2026-11-26", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "kind,subject,threat,decision,risk,control,requirement,test,result,test_release,on_release,release" {
		t.Errorf("header = %v", rows[0])
	}
	reached := false
	for _, r := range rows[1:] {
		if r[6] == "REQ-012" && r[7] == "TST-108" && r[10] == "false" && r[11] == "2.4.0" {
			reached = true
		}
	}
	if !reached {
		t.Error("no CSV path reaches REQ-012 and its test TST-108 off release 2.4.0")
	}
}
