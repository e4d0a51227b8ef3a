package cli_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward/cli"
	"github.com/wardhq/ward/internal/testutil"
)

const pump = "../examples/infusion-pump"

func TestThreats(t *testing.T) {
	t.Parallel()
	const date = "2026-11-26"
	for _, tc := range []struct {
		name, ext string
		args      []string
		exit      int
	}{
		{"pump_text", ".txt", []string{"threats", pump, "--date", date}, cli.ExitOK},
		{"pump_text_verbose", ".txt", []string{"threats", pump, "--date", date, "-v"}, cli.ExitOK},
		{"pump_json", ".json", []string{"threats", pump, "--date", date, "--format", "json"}, cli.ExitOK},
		{"pump_gate", ".txt", []string{"threats", pump, "--date", date, "--fail-on", "undecided"}, cli.ExitFindings},
		{"care_planner_gate", ".txt", []string{"threats", "../examples/care-planner", "--date", date, "--fail-on", "undecided"}, cli.ExitOK},
		{"rules_json", ".json", []string{"threats", "rules", "--format", "json"}, cli.ExitOK},
		{"rules_text", ".txt", []string{"threats", "rules"}, cli.ExitOK},
		{"bad_format", ".txt", []string{"threats", pump, "--format", "yaml"}, cli.ExitUsage},
		{"bad_fail_on", ".txt", []string{"threats", pump, "--fail-on", "stale"}, cli.ExitUsage},
		{"missing_dir", ".txt", []string{"threats", "testdata/no-such-folder"}, cli.ExitError},
		{"rules_extra_arg", ".txt", []string{"threats", "rules", pump}, cli.ExitUsage},
		{"diff_one_arg", ".txt", []string{"threats", "diff", pump}, cli.ExitUsage},
		{"diff_no_such_folder", ".txt", []string{"threats", "diff", pump, "testdata/no-such-folder"}, cli.ExitError},
		{"diff_same_folder", ".txt", []string{"threats", "diff", pump, pump, "--date", date}, cli.ExitOK},
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

// TestThreatsJSONContract checks the shape CI scripts rely on: exactly the
// documented keys, arrays never null, decision null or a full object, and
// the same bytes on every run.
func TestThreatsJSONContract(t *testing.T) {
	t.Parallel()
	args := []string{"threats", pump, "--date", "2026-11-26", "--format", "json"}
	_, first, _ := run(t, args...)
	if _, again, _ := run(t, args...); again != first {
		t.Fatal("two runs give different JSON")
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(first), &doc); err != nil {
		t.Fatal(err)
	}
	wantKeys(t, "top level", doc, "threats", "stale", "manual")
	threats := wantArray(t, "threats", doc["threats"])
	if len(threats) == 0 {
		t.Fatal("no threats in the example")
	}
	decided := 0
	for _, x := range threats {
		th, _ := x.(map[string]any)
		wantKeys(t, "threat", th, "id", "rule", "stride", "elements", "title", "description", "cwe", "safety", "decision")
		id, _ := th["id"].(string)
		if s, _ := th["stride"].(string); len(s) != 1 || !strings.Contains("STRIDE", s) {
			t.Errorf("%s: stride = %q, want one of S, T, R, I, D, E", id, s)
		}
		if _, ok := th["safety"].(bool); !ok {
			t.Errorf("%s: safety is %T, want a boolean", id, th["safety"])
		}
		wantArray(t, id+".elements", th["elements"])
		wantArray(t, id+".cwe", th["cwe"])
		if th["decision"] == nil {
			continue
		}
		decided++
		d, ok := th["decision"].(map[string]any)
		if !ok {
			t.Errorf("%s: decision is %T, want an object or null", id, th["decision"])
			continue
		}
		wantKeys(t, id+".decision", d, "decision", "controls", "transferred_to", "rationale", "approved_by")
		wantArray(t, id+".decision.controls", d["controls"])
	}
	if decided == 0 {
		t.Error("no decided threat in the example: the decision object is untested")
	}
	for _, x := range wantArray(t, "stale", doc["stale"]) {
		s, _ := x.(map[string]any)
		wantKeys(t, "stale", s, "id", "source")
	}
	for _, x := range wantArray(t, "manual", doc["manual"]) {
		if _, ok := x.(string); !ok {
			t.Errorf("manual holds %T, want threat IDs", x)
		}
	}
}

func wantKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	var got []string
	for k := range m {
		got = append(got, k)
	}
	slices.Sort(got)
	keys = slices.Clone(keys)
	slices.Sort(keys)
	if diff := cmp.Diff(keys, got); diff != "" {
		t.Errorf("%s: keys (-want +got):\n%s", what, diff)
	}
}

func wantArray(t *testing.T, what string, v any) []any {
	t.Helper()
	a, ok := v.([]any)
	if !ok {
		t.Errorf("%s is %T (%v), want an array", what, v, v)
	}
	return a
}

// pumpV2 edits a copy of the infusion-pump example as a team might between
// two versions: a new kiosk with default credentials and a cleartext flow
// (new threats), NTP secured with NTS (its threats go, their decisions
// become stale), and the portal renamed (same threats, new titles).
func pumpV2(t *testing.T, dir string) {
	t.Helper()
	file := filepath.Join(dir, "architecture.yaml")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	var out []string
	edits := map[string]bool{}
	for _, l := range lines {
		trimmed := strings.TrimSpace(l)
		switch {
		case trimmed == "name: Clinician portal":
			l = strings.Replace(l, "Clinician portal", "Clinician web portal", 1)
			edits["rename"] = true
		case strings.HasPrefix(trimmed, "- {id: F-16,"):
			l = "    - {id: F-16, from: EE-NTP, to: P-GATEWAY, protocol: NTPv4 with NTS, interface: IF-GW-NTP, authentication: NTS-KE server certificate, " +
				"encryption: NTS (TLS 1.3 key exchange), data: [DAT-TIME], controls: [CTL-12], purpose: data, integrity: mac}"
			edits["secure NTP"] = true
		case trimmed == "flows:":
			out = append(out, "    - {id: P-KIOSK, name: Ward kiosk, kind: process, boundary: TB-HDO, function: clinical_workflow, "+
				"credentials: default, security_logging: false, hardened: false}", "")
			edits["new element"] = true
		case trimmed == "assets:":
			out = append(out[:len(out)-1], "    - {id: F-26, from: P-KIOSK, to: P-GATEWAY, protocol: HTTP, authentication: none, "+
				"encryption: none, data: [DAT-INFUSION], purpose: data, integrity: none}", "")
			edits["new flow"] = true
		}
		out = append(out, l)
	}
	for _, e := range []string{"rename", "secure NTP", "new element", "new flow"} {
		if !edits[e] {
			t.Fatalf("pumpV2: the example's architecture.yaml changed; edit %q found no place", e)
		}
	}
	if err := os.WriteFile(file, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestThreatsDiff compares two versions of the example, as folders and as
// git revisions of a folder in a repository the test builds.
func TestThreatsDiff(t *testing.T) {
	t.Parallel()
	const date = "2026-11-26"
	tmp := t.TempDir()
	v1, v2 := filepath.Join(tmp, "v1"), filepath.Join(tmp, "v2")
	copyDir(t, pump, v1)
	copyDir(t, pump, v2)
	pumpV2(t, v2)
	placeholders := strings.NewReplacer(v1, "$V1", v2, "$V2")

	code, folderText, stderr := run(t, "threats", "diff", v1, v2, "--date", date)
	if code != cli.ExitOK {
		t.Fatalf("diff of folders: exit %d\n%s", code, stderr)
	}
	code, folderJSON, stderr := run(t, "threats", "diff", v1, v2, "--date", date, "--format", "json")
	if code != cli.ExitOK {
		t.Fatalf("diff of folders: exit %d\n%s", code, stderr)
	}
	t.Run("folders_text", func(t *testing.T) { testutil.Golden(t, ".txt", []byte(placeholders.Replace(folderText))) })
	t.Run("folders_json", func(t *testing.T) { testutil.Golden(t, ".json", []byte(placeholders.Replace(folderJSON))) })

	var d struct {
		New, Gone, Changed, Stale []struct{ ID string }
	}
	if err := json.Unmarshal([]byte(folderJSON), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.New) == 0 || len(d.Gone) == 0 || len(d.Changed) == 0 || len(d.Stale) == 0 {
		t.Errorf("the edits should give new, gone and changed threats and stale decisions; got %d, %d, %d, %d",
			len(d.New), len(d.Gone), len(d.Changed), len(d.Stale))
	}

	// Listing v2 shows its stale decisions, which fail the gate.
	t.Run("v2_stale_gate", func(t *testing.T) {
		code, stdout, stderr := run(t, "threats", v2, "--date", date, "--fail-on", "undecided")
		if code != cli.ExitFindings {
			t.Errorf("exit = %d, want %d\nstderr:\n%s", code, cli.ExitFindings, stderr)
		}
		testutil.Golden(t, ".txt", []byte(placeholders.Replace(stdout)))
	})

	// The reverse diff swaps new and gone; no decision becomes stale by
	// going back to v1, whose threats all have their records.
	code, reverse, stderr := run(t, "threats", "diff", v2, v1, "--date", date, "--format", "json")
	if code != cli.ExitOK {
		t.Fatalf("reverse diff: exit %d\n%s", code, stderr)
	}
	var r struct {
		New, Gone, Changed, Stale []struct{ ID string }
	}
	if err := json.Unmarshal([]byte(reverse), &r); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d.New, r.Gone); diff != "" {
		t.Errorf("reverse diff: gone is not the forward new (-forward +reverse):\n%s", diff)
	}
	if diff := cmp.Diff(d.Gone, r.New); diff != "" {
		t.Errorf("reverse diff: new is not the forward gone (-forward +reverse):\n%s", diff)
	}

	t.Run("git", func(t *testing.T) {
		repo := gitRepo(t)
		dir := filepath.Join(repo, "product", "security")
		copyDir(t, pump, dir)
		git(t, repo, "add", ".")
		git(t, repo, "commit", "-q", "-m", "v1")
		pumpV2(t, dir)
		git(t, repo, "commit", "-q", "-a", "-m", "v2")

		code, text, stderr := run(t, "threats", "diff", "HEAD~1:product/security", "HEAD:product/security", "--repo", repo, "--date", date)
		if code != cli.ExitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		testutil.Golden(t, ".txt", []byte(text))
		code, gitJSON, stderr := run(t, "threats", "diff", "HEAD~1:product/security", "HEAD:product/security", "--repo", repo, "--date", date, "--format", "json")
		if code != cli.ExitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		// Same model, same report: only the labels differ.
		labels := strings.NewReplacer(`"from": "HEAD~1:product/security"`, `"from": "A"`, `"to": "HEAD:product/security"`, `"to": "B"`)
		folders := strings.NewReplacer(`"from": "`+v1+`"`, `"from": "A"`, `"to": "`+v2+`"`, `"to": "B"`)
		if diff := cmp.Diff(folders.Replace(folderJSON), labels.Replace(gitJSON)); diff != "" {
			t.Errorf("git revisions and folders of the same versions differ (-folders +git):\n%s", diff)
		}

		// A revision against the working folder, and a folder relative to the top.
		code, _, stderr = run(t, "threats", "diff", "HEAD~1:./product/security", dir, "--repo", repo, "--date", date)
		if code != cli.ExitOK {
			t.Errorf("REV:./PATH against a folder: exit %d\n%s", code, stderr)
		}

		for _, tc := range []struct {
			name string
			args []string
		}{
			{"unknown_revision", []string{"threats", "diff", "v9.9:product/security", "HEAD:product/security"}},
			{"unknown_path", []string{"threats", "diff", "HEAD~1:product/nothing", "HEAD:product/security"}},
			{"path_is_file", []string{"threats", "diff", "HEAD~1:product/security/product.yaml", "HEAD:product/security"}},
			{"path_leaves_repository", []string{"threats", "diff", "HEAD~1:../x", "HEAD:product/security"}},
			{"not_a_repository", []string{"threats", "diff", "HEAD~1:product/security", "HEAD:product/security", "--repo", t.TempDir()}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				args := tc.args
				if !slices.Contains(args, "--repo") {
					args = append(args, "--repo", repo)
				}
				code, stdout, stderr := run(t, args...)
				if code != cli.ExitError {
					t.Errorf("exit = %d, want %d\nstderr:\n%s", code, cli.ExitError, stderr)
				}
				if stdout != "" {
					t.Errorf("stdout = %q, want nothing", stdout)
				}
				stderr = strings.ReplaceAll(stderr, repo, "$REPO")
				if i := slices.Index(args, "--repo"); tc.name == "not_a_repository" {
					stderr = strings.ReplaceAll(stderr, args[i+1], "$DIR")
				}
				testutil.Golden(t, ".stderr", []byte(stderr))
			})
		}
	})
}

// TestThreatsDiffWithoutGit: a REV:PATH without git on PATH fails with a
// message that says so. Not parallel: it changes PATH.
func TestThreatsDiffWithoutGit(t *testing.T) {
	t.Run("no_git_on_path", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		code, _, stderr := run(t, "threats", "diff", "HEAD~1:examples/infusion-pump", pump)
		if code != cli.ExitError {
			t.Errorf("exit = %d, want %d", code, cli.ExitError)
		}
		testutil.Golden(t, ".stderr", []byte(stderr))
	})
}

// gitRepo returns a new git repository in a temporary folder, with git
// configured only by the test; it skips the test where git is missing
// (outside CI).
func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must run the git diff tests: install git")
		}
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	git(t, repo, "init", "-q", "-b", "main")
	return repo
}

func git(t *testing.T, repo string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=Ward Test", "-c", "user.email=test@example.invalid",
		"-c", "commit.gpgsign=false"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out.String())
		}
		t.Fatal(err)
	}
}
