package cli_test

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/wardhq/ward/cli"
	"github.com/wardhq/ward/internal/testutil"
)

func TestCVSS(t *testing.T) {
	t.Parallel()
	const (
		v2  = "AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H"
		v30 = "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"
		v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C"
		v40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:L"
	)
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		exit  int
	}{
		{name: "text", args: []string{v2, v30, v31, v40}, exit: cli.ExitOK},
		{name: "json", args: []string{"--format", "json", v2, v30, v31, v40}, exit: cli.ExitOK},
		{name: "json_flag_last", args: []string{v40, "--format", "json"}, exit: cli.ExitOK},
		{name: "invalid_continue", args: []string{v31, "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L", "AV:N/AC:L/Au:N/C:P/I:P/A:P/XX:1", v40}, exit: cli.ExitError},
		{name: "stdin", stdin: v2 + "\n\n  " + v30 + "  \n" + v31 + "\n" + v40 + "\n", exit: cli.ExitOK},
		{name: "stdin_json_invalid", args: []string{"--format", "json"}, stdin: v31 + "\nCVSS:5.0/AV:N\n" + v40 + "\n", exit: cli.ExitError},
		{name: "stdin_empty", stdin: "\n", exit: cli.ExitUsage},
		{name: "bad_format", args: []string{"--format", "xml", v31}, exit: cli.ExitUsage},
		{name: "rubric_not_first", args: []string{"--format", "json", "rubric"}, exit: cli.ExitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runWard(t, tc.stdin, append([]string{"cvss"}, tc.args...)...)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d (stderr: %s)", code, tc.exit, stderr)
			}
			testutil.Golden(t, ".stdout", []byte(stdout))
			testutil.Golden(t, ".stderr", []byte(stderr))
		})
	}
}

// TestCVSSJSONLines checks the JSON contract: one object per line, the
// v2/v3 and v4 shapes.
func TestCVSSJSONLines(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runWard(t, "", "cvss", "--format", "json",
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H")
	if code != cli.ExitOK {
		t.Fatalf("exit = %d, stderr: %s", code, stderr)
	}
	var lines []map[string]any
	sc := bufio.NewScanner(strings.NewReader(stdout))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), stdout)
	}
	if lines[0]["base"] != 9.8 || lines[0]["severity"] != "critical" || lines[0]["score"] != nil {
		t.Errorf("v3.1 line = %v", lines[0])
	}
	if lines[1]["score"] != 10.0 || lines[1]["nomenclature"] != "CVSS-B" || lines[1]["base"] != nil {
		t.Errorf("v4.0 line = %v", lines[1])
	}
}

func TestCVSSRubric(t *testing.T) {
	t.Parallel()
	pump := answersFromYAML(t, "testdata/TestCVSSRubric/pump.yaml")
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		exit  int
	}{
		{name: "answers_yaml", args: []string{"--answers", "testdata/TestCVSSRubric/pump.yaml"}, exit: cli.ExitOK},
		{name: "answers_json", args: []string{"--answers", "testdata/TestCVSSRubric/ble-clinician.json", "--format", "json"}, exit: cli.ExitOK},
		{name: "answers_invalid", args: []string{"--answers", "testdata/TestCVSSRubric/broken.json"}, exit: cli.ExitError},
		{name: "answers_missing_file", args: []string{"--answers", "testdata/TestCVSSRubric/none.yaml"}, exit: cli.ExitError},
		// The pipe answers the questions the walk asks, in order.
		{name: "stdin", stdin: pump, exit: cli.ExitOK},
		{name: "stdin_json", args: []string{"--format", "json"}, stdin: pump, exit: cli.ExitOK},
		{name: "stdin_invalid_answer", stdin: "yes\nmaybe\n", exit: cli.ExitError},
		{name: "stdin_ends", stdin: "yes\nno\n", exit: cli.ExitError},
		{name: "arguments", args: []string{"extra"}, exit: cli.ExitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runWard(t, tc.stdin, append([]string{"cvss", "rubric"}, tc.args...)...)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d (stderr: %s)", code, tc.exit, stderr)
			}
			testutil.Golden(t, ".stdout", []byte(stdout))
			testutil.Golden(t, ".stderr", []byte(stderr))
		})
	}
}

// answersFromYAML turns the answers file into the lines a person would
// type, in the order of the walk (the file lists the asked questions in
// that order).
func answersFromYAML(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		if _, v, ok := strings.Cut(line, ": "); ok && !strings.HasPrefix(line, "#") {
			out.WriteString(v + "\n")
		}
	}
	return out.String()
}
