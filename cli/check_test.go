package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward/cli"
	"github.com/wardhq/ward/internal/testutil"
)

// run runs ward in-process with the given args and returns the exit code
// and what it printed.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// commandCase is one run of ward whose output is compared with goldens:
// stdout in testdata/<Test>/<name><ext>, stderr in <name>.stderr.
type commandCase struct {
	name, ext string
	args      []string
	exit      int
}

func runCommandCases(t *testing.T, cases []commandCase) {
	t.Helper()
	for _, tc := range cases {
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

// TestCheck runs the gap analysis on the examples in every format, as of a
// fixed day so the goldens stay stable.
func TestCheck(t *testing.T) {
	t.Parallel()
	const date = "2026-11-26"
	for _, tc := range []struct {
		name string
		args []string
		exit int
	}{
		{"pump_text", []string{"check", "../examples/infusion-pump", "--date", date, "--fail-on", "none"}, cli.ExitOK},
		{"pump_text_verbose", []string{"check", "../examples/infusion-pump", "--date", date, "--fail-on", "none", "-v"}, cli.ExitOK},
		{"pump_json", []string{"check", "../examples/infusion-pump", "--date", date, "--format", "json", "--fail-on", "none"}, cli.ExitOK},
		{"pump_markdown", []string{"check", "../examples/infusion-pump", "--date", date, "--format", "markdown", "--fail-on", "none"}, cli.ExitOK},
		{"pump_sarif", []string{"check", "../examples/infusion-pump", "--date", date, "--format", "sarif", "--fail-on", "none"}, cli.ExitOK},
		{"pump_html", []string{"check", "../examples/infusion-pump", "--date", date, "--format", "html", "--fail-on", "none"}, cli.ExitOK},
		{"pump_fail_on_minor", []string{"check", "../examples/infusion-pump", "--date", date, "--format", "json", "--fail-on", "minor"}, cli.ExitFindings},
		{"pump_older_release", []string{"check", "../examples/infusion-pump", "--date", date, "--release", "2.3.0", "--format", "json", "--fail-on", "none"}, cli.ExitOK},
		{"care_planner_text", []string{"check", "../examples/care-planner", "--date", date, "--fail-on", "none"}, cli.ExitOK},
		{"care_planner_json", []string{"check", "../examples/care-planner", "--date", date, "--format", "json", "--fail-on", "none"}, cli.ExitOK},
		{"unknown_release", []string{"check", "../examples/infusion-pump", "--release", "9.9.9"}, cli.ExitUsage},
		{"bad_format", []string{"check", "../examples/infusion-pump", "--format", "pdf"}, cli.ExitUsage},
		{"bad_fail_on", []string{"check", "../examples/infusion-pump", "--fail-on", "fatal"}, cli.ExitUsage},
		{"bad_date", []string{"check", "../examples/infusion-pump", "--date", "26.11.2026"}, cli.ExitUsage},
		{"missing_dir", []string{"check", "testdata/no-such-folder"}, cli.ExitError},
		{"two_dirs", []string{"check", "a", "b"}, cli.ExitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(t, tc.args...)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d\nstderr:\n%s", code, tc.exit, stderr)
			}
			ext := ".txt"
			switch {
			case strings.HasSuffix(tc.name, "_json"), strings.HasSuffix(tc.name, "_release"), strings.HasSuffix(tc.name, "_minor"):
				ext = ".json"
			case strings.HasSuffix(tc.name, "_markdown"):
				ext = ".md"
			case strings.HasSuffix(tc.name, "_sarif"):
				ext = ".sarif"
			case strings.HasSuffix(tc.name, "_html"):
				ext = ".html"
			}
			testutil.Golden(t, ext, []byte(stdout))
			testutil.Golden(t, ".stderr", []byte(stderr))
		})
	}
}

// TestCheckOutputFile checks -o writes the report and leaves no temporary
// file behind.
func TestCheckOutputFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "gap.json")
	code, stdout, stderr := run(t, "check", "../examples/infusion-pump", "--date", "2026-11-26", "--format", "json", "--fail-on", "none", "-o", out)
	if code != cli.ExitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	_, want, _ := run(t, "check", "../examples/infusion-pump", "--date", "2026-11-26", "--format", "json", "--fail-on", "none")
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("-o wrote something else than stdout shows")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only gap.json", len(entries))
	}
}

// TestValidateBrokenExample breaks a copy of the example in five ways and
// checks that one run of validate reports all of them with positions.
func TestValidateBrokenExample(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "pump")
	copyDir(t, "../examples/infusion-pump", dir)
	edit := func(file, old, new string) {
		t.Helper()
		p := filepath.Join(dir, file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s does not contain %q", file, old)
		}
		if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("product.yaml", "kind: medical_device", "kind: medical_devise") // bad enum
	edit("requirements.yaml", "    title: ", "    titel: ")              // unknown field (and so a missing title)
	appendTo(t, filepath.Join(dir, "policy.yaml"), "\n---\nbroken: [\n") // YAML syntax error in a document of its own
	appendTo(t, filepath.Join(dir, "requirements.yaml"), "\n---\nrequirements:\n  - id: REQ-NEW\n    title: Dangling\n    text: refers to nothing\n    category: logging\n    reviewed_in: REV-NONE\n")
	appendTo(t, filepath.Join(dir, "product.yaml"), "\n---\npeople:\n  - id: "+firstPersonID(t, dir)+"\n    name: Someone Else\n")
	edit("mds2.yaml", "{id: SAHD-2,", "{id: SAHD-99,") // no such MDS2 question
	code, stdout, stderr := run(t, "validate", dir)
	if code != cli.ExitFindings {
		t.Fatalf("exit = %d, want %d\nstderr: %s", code, cli.ExitFindings, stderr)
	}
	out := strings.ReplaceAll(stdout, dir+string(filepath.Separator), "")
	out = strings.ReplaceAll(out, dir, "pump")
	for _, want := range []string{
		"product.yaml:", "unknown value \"medical_devise\"",
		"mds2.yaml:5:5: mds2[0].id: \"SAHD-99\" is not a question of the MDS2 form",
		"unknown field \"titel\"",
		"YAML syntax",
		"unknown review \"REV-NONE\"",
		"duplicate person ID",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("validate output lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.Contains(line, "problem(s) in") {
			continue
		}
		if parts := strings.SplitN(line, ":", 4); len(parts) < 4 {
			t.Errorf("line without file:line:col: %s", line)
		}
	}
	testutil.Golden(t, ".txt", []byte(out))
}

func firstPersonID(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "organization.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "people:")
	j := strings.Index(s[i:], "- id: ")
	line := s[i+j+len("- id: "):]
	return strings.TrimSpace(line[:strings.IndexByte(line, '\n')])
}

func appendTo(t *testing.T, file, text string) {
	t.Helper()
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCommands covers the small commands: help, catalog, schema, init.
func TestCommands(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		exit int
	}{
		{"help", []string{"help"}, cli.ExitOK},
		{"no_args", nil, cli.ExitUsage},
		{"unknown", []string{"frobnicate"}, cli.ExitUsage},
		{"catalog_clause", []string{"catalog", "5.7.5"}, cli.ExitOK},
		{"catalog_unknown_clause", []string{"catalog", "5.9.9"}, cli.ExitUsage},
		{"validate_self", []string{"validate", "../security"}, cli.ExitOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(t, tc.args...)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d\nstderr:\n%s", code, tc.exit, stderr)
			}
			testutil.Golden(t, ".stdout", []byte(stdout))
			testutil.Golden(t, ".stderr", []byte(stderr))
		})
	}
}

// TestInit checks that ward init writes a skeleton that validates, and
// refuses to overwrite it.
func TestInit(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "security")
	if code, _, stderr := run(t, "init", dir); code != cli.ExitOK {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	if code, stdout, _ := run(t, "validate", dir); code != cli.ExitOK {
		t.Fatalf("the skeleton does not validate:\n%s", stdout)
	}
	if code, _, _ := run(t, "check", dir, "--format", "json"); code != cli.ExitOK {
		t.Fatalf("check on the skeleton: exit %d", code)
	}
	code, _, stderr := run(t, "init", dir)
	if code != cli.ExitError || !strings.Contains(stderr, "never overwrites") {
		t.Fatalf("second init: exit %d, stderr %q; want a refusal", code, stderr)
	}
}
