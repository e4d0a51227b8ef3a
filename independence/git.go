package independence

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/wardhq/ward"
)

// Author is one identity that committed to the covered paths.
type Author struct {
	Name    string `json:"name"`    // author name as git prints it (after .mailmap)
	Email   string `json:"email"`   // author email as git prints it (after .mailmap)
	Commits int    `json:"commits"` // commits by this identity that touch the paths
	Person  string `json:"person"`  // matched Person.ID; "" when unknown. Set by Check, never by a History.
}

// String is the identity as git shows it: "Name <email>".
func (a Author) String() string { return a.Name + " <" + a.Email + ">" }

// History reads who changed paths up to a revision. Git is the
// implementation; tests may fake it only to force failures.
type History interface {
	// Authors returns every identity that authored a commit reachable from
	// until ("" means HEAD) that touches one of paths, once per name and
	// email, most commits first. paths are relative to the repository's
	// top folder. An unknown revision is ENotFound; a path that leaves the
	// repository is EInvalid.
	Authors(ctx context.Context, paths []string, until string) ([]Author, error)
}

// Git reads history with the git command in a repository folder.
//
// What it counts, so an auditor can follow it:
//   - Paths are literal (no globs): a folder covers every file below it;
//     "." is the whole repository. They are relative to the repository's
//     top folder, wherever Dir is inside it.
//   - Renames are followed for files and folders alike: before the log,
//     Git lists every rename (git's -M detection) in the history up to the
//     revision, and adds the old name of each file renamed into a covered
//     path, repeatedly, so a chain a → b → c reaches a. The authors of
//     the old names are then counted from the whole history of those
//     names, which may count a later, unrelated file that reused an old
//     name: more authors, never fewer, so independence is never overstated.
//   - Merge commits count only where they change the paths against every
//     parent (conflict resolutions), as in a plain `git log -- paths`.
//   - Names and emails are those after the repository's .mailmap, so
//     several identities of one developer can be joined there.
//   - A shallow clone is refused: its history lacks the early authors.
//   - Only the repository's own configuration is read: system and user
//     configuration (and GIT_* variables of the caller) are ignored, so the
//     same repository gives the same authors on every machine.
//
// The zero value is not usable: set Dir. A Git caches what it learnt of a
// repository (top folder, renames per commit) and is safe for concurrent use.
type Git struct {
	Dir string // any folder inside the repository

	mu      sync.Mutex
	top     string              // repository top folder, once known
	renames map[string][]rename // per resolved commit
}

// rename is one file rename found in the history.
type rename struct{ from, to string }

// Authors implements History with `git log --format=%aN%x00%aE%x00 <until> -- paths`.
func (g *Git) Authors(ctx context.Context, paths []string, until string) ([]Author, error) {
	specs, err := cleanPaths(paths)
	if err != nil {
		return nil, err
	}
	if until == "" {
		until = "HEAD"
	}
	top, err := g.TopLevel(ctx)
	if err != nil {
		return nil, err
	}
	commit, err := g.resolve(ctx, top, until)
	if err != nil {
		return nil, err
	}
	if len(specs) == 0 {
		return nil, nil
	}
	renames, err := g.renamesUntil(ctx, top, commit)
	if err != nil {
		return nil, err
	}
	specs = follow(specs, renames)

	// Paths go through standard input (after the revision and "--"), so
	// that many renamed names cannot overflow the command line.
	var in strings.Builder
	in.WriteString(commit + "\n--\n")
	for _, s := range specs {
		in.WriteString(s + "\n")
	}
	type key struct{ name, email string }
	counts := map[key]int{}
	err = g.run(ctx, top, in.String(), func(r *bufio.Reader) error {
		for {
			name, err := readField(r)
			if err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
			email, err := readField(r)
			if err != nil {
				return fmt.Errorf("git log: truncated output: %w", err)
			}
			counts[key{strings.TrimPrefix(name, "\n"), email}]++
		}
	}, "log", "--stdin", "--format=%aN%x00%aE%x00")
	if err != nil {
		return nil, err
	}
	out := make([]Author, 0, len(counts))
	for k, n := range counts {
		out = append(out, Author{Name: k.name, Email: k.email, Commits: n})
	}
	slices.SortFunc(out, func(a, b Author) int {
		return cmp.Or(cmp.Compare(b.Commits, a.Commits), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Email, b.Email))
	})
	return out, nil
}

// TopLevel returns the top folder of the repository around Dir. A folder
// outside any repository is EInvalid.
func (g *Git) TopLevel(ctx context.Context) (string, error) {
	g.mu.Lock()
	top := g.top
	g.mu.Unlock()
	if top != "" {
		return top, nil
	}
	dir := g.Dir
	if dir == "" {
		dir = "."
	}
	var out string
	err := g.run(ctx, dir, "", func(r *bufio.Reader) error {
		b, err := io.ReadAll(r)
		out = strings.TrimSpace(string(b))
		return err
	}, "rev-parse", "--show-toplevel")
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) {
			return "", &ward.Error{Code: ward.EInvalid, Message: fmt.Sprintf("%s is not inside a git repository (%s)", dir, ge.stderr)}
		}
		return "", err
	}
	if out == "" {
		return "", ward.Errorf(ward.EInvalid, "%s is inside a bare git repository or a .git folder; give the work tree", dir)
	}
	var shallow string
	err = g.run(ctx, out, "", func(r *bufio.Reader) error {
		b, err := io.ReadAll(r)
		shallow = strings.TrimSpace(string(b))
		return err
	}, "rev-parse", "--is-shallow-repository")
	if err != nil {
		return "", err
	}
	if shallow == "true" {
		return "", ward.Errorf(ward.EInvalid, "the git repository at %s is a shallow clone: its history lacks earlier authors (run 'git fetch --unshallow', or check out with full history in CI)", out)
	}
	g.mu.Lock()
	g.top = out
	g.mu.Unlock()
	return out, nil
}

// resolve returns the commit name of rev, or ENotFound.
func (g *Git) resolve(ctx context.Context, top, rev string) (string, error) {
	if strings.HasPrefix(rev, "-") || strings.ContainsAny(rev, "\x00\n") {
		return "", ward.Errorf(ward.EInvalid, "%q is not a git revision", rev)
	}
	var commit string
	err := g.run(ctx, top, "", func(r *bufio.Reader) error {
		b, err := io.ReadAll(r)
		commit = strings.TrimSpace(string(b))
		return err
	}, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	var ge *gitError
	if errors.As(err, &ge) || (err == nil && commit == "") {
		return "", ward.Errorf(ward.ENotFound, "unknown revision %q in the git repository at %s (fetch it, or correct the commit or build of the record)", rev, top)
	}
	return commit, err
}

// renamesUntil lists the renames in the history up to commit, newest first.
func (g *Git) renamesUntil(ctx context.Context, top, commit string) ([]rename, error) {
	g.mu.Lock()
	rs, ok := g.renames[commit]
	g.mu.Unlock()
	if ok {
		return rs, nil
	}
	// With -z and an empty format, the output is a run of fields:
	// status, old name, new name; blank fields separate commits.
	err := g.run(ctx, top, "", func(r *bufio.Reader) error {
		for {
			status, err := readField(r)
			if err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
			if status = strings.TrimSpace(status); status == "" {
				continue
			}
			from, err1 := readField(r)
			to, err2 := readField(r)
			if err := cmp.Or(err1, err2); err != nil || !strings.HasPrefix(status, "R") {
				return fmt.Errorf("git log: unexpected rename output near %q", status)
			}
			rs = append(rs, rename{from: from, to: to})
		}
	}, "log", "-M", "--diff-filter=R", "--name-status", "-z", "--format=", commit)
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	if g.renames == nil {
		g.renames = map[string][]rename{}
	}
	g.renames[commit] = rs
	g.mu.Unlock()
	return rs, nil
}

// follow adds to specs the old name of every file renamed into a covered
// path, until nothing changes (chains of renames, in any order).
func follow(specs []string, renames []rename) []string {
	have := map[string]bool{}
	for _, s := range specs {
		have[s] = true
	}
	for changed := true; changed; {
		changed = false
		for _, r := range renames {
			if !have[r.from] && covered(specs, r.to) {
				have[r.from] = true
				specs = append(specs, r.from)
				changed = true
			}
		}
	}
	return specs
}

// covered reports whether file p is one of specs or below one of them.
func covered(specs []string, p string) bool {
	for _, s := range specs {
		if s == "." || p == s || strings.HasPrefix(p, s+"/") {
			return true
		}
	}
	return false
}

// cleanPaths turns the paths of the security file into literal pathspecs
// relative to the top folder: slashes, no "./" or trailing "/", sorted,
// each once. A path that leaves the repository is EInvalid.
func cleanPaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if strings.TrimSpace(p) == "" {
			continue
		}
		if strings.ContainsAny(p, "\x00\n") {
			return nil, ward.Errorf(ward.EInvalid, "path %q: line breaks are not allowed in a path", p)
		}
		c := path.Clean(strings.ReplaceAll(p, `\`, "/"))
		if path.IsAbs(c) || c == ".." || strings.HasPrefix(c, "../") {
			return nil, ward.Errorf(ward.EInvalid, "path %q leaves the repository (give it relative to the repository's top folder)", p)
		}
		out = append(out, c)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// readField reads up to the next NUL and returns the text before it. At
// the end of the input it returns io.EOF, or io.ErrUnexpectedEOF after a
// field without its NUL (a final newline alone counts as the end).
func readField(r *bufio.Reader) (string, error) {
	s, err := r.ReadString(0)
	if err == io.EOF {
		if strings.TrimSpace(s) == "" {
			return "", io.EOF
		}
		return "", io.ErrUnexpectedEOF
	}
	return strings.TrimSuffix(s, "\x00"), err
}

// gitError is a git command that ran and failed.
type gitError struct {
	args   []string
	stderr string // first lines of its standard error
	err    error
}

func (e *gitError) Error() string {
	if e.stderr != "" {
		return fmt.Sprintf("git %s: %s", e.args[0], e.stderr)
	}
	return fmt.Sprintf("git %s: %v", e.args[0], e.err)
}

func (e *gitError) Unwrap() error { return e.err }

// run runs git in dir with stdin, hands its standard output to read, and
// waits for it. Git runs without pager, colour or quoting of names, and
// without system or user configuration; the caller's GIT_* variables
// (GIT_DIR, GIT_INDEX_FILE, …) are dropped so they cannot point elsewhere.
func (g *Git) run(ctx context.Context, dir, stdin string, read func(*bufio.Reader) error, args ...string) error {
	gitPath, err := exec.LookPath("git")
	if err != nil {
		return errors.New("reading authors from the history needs the git command, which is not on PATH")
	}
	full := append([]string{"--no-pager", "--literal-pathspecs", "-C", dir,
		"-c", "core.quotePath=false", "-c", "color.ui=false", "-c", "log.showSignature=false",
		"-c", "log.mailmap=true", "-c", "diff.renames=true"}, args...)
	cmd := exec.CommandContext(ctx, gitPath, full...)
	cmd.Env = gitEnv()
	cmd.Stdin = strings.NewReader(stdin)
	cmd.WaitDelay = 5 * time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &limitedWriter{w: &stderr, n: 4 << 10}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git %s: %w", args[0], err)
	}
	readErr := read(bufio.NewReaderSize(out, 64<<10))
	if readErr != nil {
		// Drain so git does not block on a full pipe, then report.
		io.Copy(io.Discard, out) //nolint:errcheck // the read error is the one to report
	}
	waitErr := cmd.Wait()
	if ctx.Err() != nil {
		return fmt.Errorf("git %s: %w", args[0], ctx.Err())
	}
	if waitErr != nil {
		msg := strings.TrimSpace(stderr.String())
		if lines := strings.Split(msg, "\n"); len(lines) > 3 {
			msg = strings.Join(lines[:3], "\n")
		}
		return &gitError{args: args, stderr: msg, err: waitErr}
	}
	return readErr
}

// gitEnv is the caller's environment without GIT_* variables, with system
// and user configuration switched off.
func gitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GIT_") || strings.HasPrefix(kv, "HOME=") || strings.HasPrefix(kv, "XDG_CONFIG_HOME=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull, // git ≥ 2.32
		"HOME="+os.DevNull, "XDG_CONFIG_HOME="+os.DevNull, // older git: no ~/.gitconfig to find
		"GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
}

// limitedWriter keeps the first n bytes and discards the rest.
type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.w.Write(p[:k]) //nolint:errcheck // a bytes.Buffer
		l.n -= k
	}
	return len(p), nil
}
