package independence_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repo is a real git repository in a temporary folder, written by the test
// commit by commit as different people.
type repo struct {
	t    *testing.T
	dir  string
	tick int // commit clock: fixed dates keep commit names stable
}

// dev is a git identity.
type dev struct{ name, email string }

func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("these tests read real git history: install git (%v)", err)
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.git(dev{"Ward Test", "test@example.invalid"}, "init", "-q", "-b", "main")
	return r
}

// git runs git in the repository as who, without the machine's or the
// user's configuration, and returns its trimmed output.
func (r *repo) git(who dev, args ...string) string {
	r.t.Helper()
	date := fmt.Sprintf("2026-01-01T10:%02d:00Z", r.tick)
	cmd := exec.Command("git", append([]string{"-C", r.dir, "-c", "user.name=" + who.name, "-c", "user.email=" + who.email,
		"-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"}, args...)...)
	cmd.Env = append(cleanEnv(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME="+who.name, "GIT_AUTHOR_EMAIL="+who.email, "GIT_AUTHOR_DATE="+date,
		"GIT_COMMITTER_NAME="+who.name, "GIT_COMMITTER_EMAIL="+who.email, "GIT_COMMITTER_DATE="+date)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(out.String())
}

// cleanEnv is the test's environment without GIT_* variables that could
// point git at another repository.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv)
		}
	}
	return env
}

// commit writes files (path → content, relative to the top folder) and
// commits everything as who; it returns the new commit name.
func (r *repo) commit(who dev, msg string, files map[string]string) string {
	r.t.Helper()
	for name, content := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	return r.commitAll(who, msg)
}

// move renames from to to with git mv and commits as who.
func (r *repo) move(who dev, from, to string) string {
	r.t.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(r.dir, filepath.FromSlash(to))), 0o755); err != nil {
		r.t.Fatal(err)
	}
	r.git(who, "mv", from, to)
	return r.commitAll(who, "move "+from+" to "+to)
}

func (r *repo) commitAll(who dev, msg string) string {
	r.t.Helper()
	r.tick++
	r.git(who, "add", "-A")
	r.git(who, "commit", "-q", "-m", msg)
	return r.git(who, "rev-parse", "HEAD")
}

// lines returns a file's content with n distinct lines, so that git's
// rename detection pairs old and new names by content.
func lines(tag string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s line %d\n", tag, i)
	}
	return b.String()
}
