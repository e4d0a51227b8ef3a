package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward/internal/testutil"
)

// independenceRepo builds a real git repository around the security file of
// testdata/TestIndependence/security:
//
//	Anna (firmware)  fw/auth/login.c
//	Carla (portal)   portal/app.js
//	Frank            portal/api.js   (a contractor not in people:)
//	Ward Test        security/       (the security file)
//	                 ── release 1.0 ──
//	Dana (V&V)       fw/auth/login.c (after the release: not counted for 1.0)
//
// The security file's release 1.0 gets the release commit. It returns the
// repository and that commit.
func independenceRepo(t *testing.T) (repo, release string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("ward evidence independence reads real git history: install git (%v)", err)
	}
	repo = t.TempDir()
	tick := 0
	git := func(name, email string, args ...string) string {
		t.Helper()
		date := fmt.Sprintf("2026-01-01T10:%02d:00Z", tick)
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=" + name, "-c", "user.email=" + email,
			"-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"}, args...)...)
		var env []string
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "GIT_") {
				env = append(env, kv)
			}
		}
		cmd.Env = append(env, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
			"GIT_AUTHOR_NAME="+name, "GIT_AUTHOR_EMAIL="+email, "GIT_AUTHOR_DATE="+date,
			"GIT_COMMITTER_NAME="+name, "GIT_COMMITTER_EMAIL="+email, "GIT_COMMITTER_DATE="+date)
		var out, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return strings.TrimSpace(out.String())
	}
	commit := func(name, email string, files map[string]string) string {
		t.Helper()
		for f, content := range files {
			writeIndependenceFile(t, filepath.Join(repo, filepath.FromSlash(f)), content)
		}
		tick++
		git(name, email, "add", "-A")
		git(name, email, "commit", "-q", "-m", "change by "+name)
		return git(name, email, "rev-parse", "HEAD")
	}
	git("Ward Test", "test@example.invalid", "init", "-q", "-b", "main")
	commit("Anna Weber", "anna.weber@meridian.example", map[string]string{"fw/auth/login.c": "int login(void);\n"})
	commit("Carla Diaz", "Carla.Diaz@Meridian.example", map[string]string{"portal/app.js": "app();\n"})
	commit("Frank Contract", "frank@contractor.example", map[string]string{"portal/api.js": "api();\n"})
	files := map[string]string{}
	fixture := filepath.Join("testdata", "TestIndependence", "security")
	entries, err := os.ReadDir(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		files["security/"+e.Name()] = string(testutil.Read(t, filepath.Join(fixture, e.Name())))
	}
	release = commit("Ward Test", "test@example.invalid", files)
	commit("Dana Okafor", "dana.okafor@meridian.example", map[string]string{"fw/auth/login.c": "int login(const char *);\n"})

	// The release record names its commit (a change left in the work tree).
	p := filepath.Join(repo, "security", "product.yaml")
	writeIndependenceFile(t, p, strings.Replace(string(testutil.Read(t, p)), "RELEASE_COMMIT", release, 1))
	return repo, release
}

func writeIndependenceFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runIndependenceTest runs `ward evidence independence` in-process.
func runIndependenceTest(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	e := &env{
		stdin:  strings.NewReader(""),
		stdout: &stdout,
		stderr: &stderr,
		now:    func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) },
		getenv: func(string) string { return "" },
	}
	code := exitCode(runIndependence(context.Background(), e, args), e.stderr)
	return code, stdout.String(), stderr.String()
}

// TestIndependence runs the report on a real history: golden text and JSON
// per case, the exit code a CI pipeline branches on.
func TestIndependence(t *testing.T) {
	t.Parallel()
	repo, release := independenceRepo(t)
	security := filepath.Join(repo, "security")
	outside := filepath.Join(t.TempDir(), "security") // the same file, outside the repository
	copyIndependenceDir(t, security, outside)
	broken := filepath.Join(t.TempDir(), "broken")
	copyIndependenceDir(t, security, broken)
	writeIndependenceFile(t, filepath.Join(broken, "extra.yaml"), "tests:\n  - id: TST-99\n    title: x\n    kind: fuzz\n    executed_by: [nobody]\n    date: 2026-01-01\n    result: pass\n")

	clean := strings.NewReplacer(repo, "$REPO", outside, "$OUTSIDE", broken, "$BROKEN", release, "$RELEASE", release[:12], "$RELEASE")
	for _, tc := range []struct {
		name, ext string
		args      []string
		exit      int
	}{
		{"all_text", ".txt", []string{security}, ExitFindings},
		{"all_json", ".json", []string{security, "--format", "json"}, ExitFindings},
		{"release_text", ".txt", []string{security, "--release", "1.0"}, ExitOK},
		{"outside_with_repo", ".txt", []string{outside, "--repo", repo, "--release", "1.0"}, ExitOK},
		{"outside_without_repo", ".txt", []string{outside}, ExitError},
		{"unknown_release", ".txt", []string{security, "--release", "9.9"}, ExitUsage},
		{"bad_format", ".txt", []string{security, "--format", "pdf"}, ExitUsage},
		{"problems_refused", ".txt", []string{broken, "--repo", repo}, ExitError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runIndependenceTest(tc.args...)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d\nstderr:\n%s", code, tc.exit, stderr)
			}
			testutil.Golden(t, tc.ext, []byte(clean.Replace(stdout)))
			testutil.Golden(t, ".stderr", []byte(clean.Replace(stderr)))
		})
	}

	// The JSON names the same violations as the text, with the people.
	_, stdout, _ := runIndependenceTest(security, "--format", "json")
	var got struct {
		Counts     map[string]int `json:"counts"`
		Violations []struct {
			Test      string   `json:"test"`
			Required  string   `json:"required"`
			Executors []string `json:"executors"`
			Authors   []string `json:"authors"`
			At        string   `json:"at"`
		} `json:"violations"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"independent": 3, "violation": 2, "not_assessable": 1}, got.Counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	type v struct {
		Test, Required     string
		Executors, Authors []string
		AtVerificationYAML bool
	}
	var vs []v
	for _, x := range got.Violations {
		vs = append(vs, v{x.Test, x.Required, x.Executors, x.Authors, strings.HasPrefix(x.At, filepath.Join(security, "verification.yaml")+":")})
	}
	want := []v{
		{"TST-04", "department", []string{"d.okafor"}, []string{"Frank Contract <frank@contractor.example>"}, true},
		{"TST-06", "person", []string{"c.diaz"}, []string{"c.diaz"}, true},
	}
	if diff := cmp.Diff(want, vs); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
}

// copyIndependenceDir copies the files of folder src into dst.
func copyIndependenceDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			writeIndependenceFile(t, filepath.Join(dst, e.Name()), string(testutil.Read(t, filepath.Join(src, e.Name()))))
		}
	}
}
