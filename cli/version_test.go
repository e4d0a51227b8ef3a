package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward/cli"
	"github.com/wardhq/ward/internal/testutil"
)

// runWard runs the whole program in-process with stdin and returns its
// exit code, stdout and stderr.
func runWard(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestVersionCompare(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		exit  int
	}{
		{name: "older", args: []string{"--ecosystem", "PyPI", "3.2.12", "3.2.13"}, exit: cli.ExitOK},
		{name: "same", args: []string{"--ecosystem", "Go", "v1.2.3", "1.2.3"}, exit: cli.ExitOK},
		{name: "newer_flag_last", args: []string{"1:1.0", "2.0", "--ecosystem", "Debian:12"}, exit: cli.ExitOK},
		{name: "lowercase_ecosystem", args: []string{"--ecosystem", "pypi", "1.0.dev0", "1.0a1"}, exit: cli.ExitOK},
		{name: "invalid_version", args: []string{"--ecosystem", "CRAN", "1.0a", "1.0"}, exit: cli.ExitError},
		{name: "no_ecosystem", args: []string{"1.0", "2.0"}, exit: cli.ExitUsage},
		{name: "unsupported_ecosystem", args: []string{"--ecosystem", "GIT", "a", "b"}, exit: cli.ExitUsage},
		{name: "one_version", args: []string{"--ecosystem", "npm", "1.0.0"}, exit: cli.ExitUsage},
		{name: "no_subcommand", args: nil, exit: cli.ExitUsage},
		{name: "unknown_subcommand", args: nil, exit: cli.ExitUsage},
		{
			name:  "stdin",
			args:  []string{"--ecosystem", "crates.io"},
			stdin: "0.9.9 0.10.0\n\n1.0.0-alpha.1 1.0.0-alpha.1\n1.0.0 1.0.0-rc.1\n",
			exit:  cli.ExitOK,
		},
		{
			name:  "stdin_bad_lines_continue",
			args:  []string{"--ecosystem", "CRAN"},
			stdin: "1.0 1.1\n1.0a 1.0\nonly-one\n1.10-2 1.9\n",
			exit:  cli.ExitError,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"version", "compare"}, tc.args...)
			switch tc.name {
			case "no_subcommand":
				args = []string{"version"}
			case "unknown_subcommand":
				args = []string{"version", "sort", "1", "2"}
			}
			code, stdout, stderr := runWard(t, tc.stdin, args...)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d (stderr: %s)", code, tc.exit, stderr)
			}
			testutil.Golden(t, ".stdout", []byte(stdout))
			testutil.Golden(t, ".stderr", []byte(stderr))
		})
	}
}

func TestVersionEcosystems(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runWard(t, "", "version", "ecosystems")
	if code != cli.ExitOK {
		t.Fatalf("exit = %d, stderr: %s", code, stderr)
	}
	testutil.Golden(t, ".stdout", []byte(stdout))
}

// versionFixtureEcosystem maps a shared fixture file's name prefix to its
// OSV ecosystem; TestVersionFixtures fails on a file it cannot place.
var versionFixtureEcosystem = map[string]string{
	"alpine":   "Alpine",
	"cran":     "CRAN",
	"hackage":  "Hackage",
	"nuget":    "NuGet",
	"pypi":     "PyPI",
	"rubygems": "RubyGems",
}

// TestVersionFixtures runs every line of every shared version-order
// fixture through `ward version compare` reading stdin, and every 50th
// line through the two-argument form. Commented lines ("# ", "// ") are
// the fixtures' documented exceptions and are skipped.
func TestVersionFixtures(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(filepath.Join(testutil.SharedData(t, "versions"), "*.txt"))
	if len(files) == 0 {
		t.Fatal("no version fixtures in the shared data set")
	}
	var total, sampled int
	for _, file := range files {
		prefix, _, _ := strings.Cut(filepath.Base(file), "-")
		eco, ok := versionFixtureEcosystem[prefix]
		if !ok {
			t.Errorf("%s: no ecosystem known for prefix %q", file, prefix)
			continue
		}
		type pair struct {
			line     int
			a, op, b string
			wantOut  string
		}
		var pairs []pair
		var in, want bytes.Buffer
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			s := sc.Text()
			if s == "" || strings.HasPrefix(s, "# ") || strings.HasPrefix(s, "// ") {
				continue
			}
			p := strings.Split(s, " ")
			if len(p) != 3 {
				t.Fatalf("%s:%d: malformed fixture line %q", file, n, s)
			}
			r := map[string]int{"<": -1, "=": 0, ">": 1}[p[1]]
			pairs = append(pairs, pair{n, p[0], p[1], p[2], fmt.Sprint(r)})
			// Both orders: the second checks antisymmetry through the CLI.
			fmt.Fprintf(&in, "%s %s\n%s %s\n", p[0], p[2], p[2], p[0])
			fmt.Fprintf(&want, "%d\n%d\n", r, -r)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runWard(t, in.String(), "version", "compare", "--ecosystem", eco)
		if code != cli.ExitOK || stderr != "" {
			t.Errorf("%s: exit %d, stderr: %s", file, code, stderr)
		}
		got := strings.Split(stdout, "\n")
		exp := strings.Split(want.String(), "\n")
		if len(got) != len(exp) {
			t.Fatalf("%s: %d result lines, want %d", file, len(got), len(exp))
		}
		for i, p := range pairs {
			if got[2*i] != exp[2*i] || got[2*i+1] != exp[2*i+1] {
				t.Errorf("%s:%d: %s %s %s: got %s/%s, want %s/%s", file, p.line, p.a, p.op, p.b,
					got[2*i], got[2*i+1], exp[2*i], exp[2*i+1])
			}
		}
		total += len(pairs)
		for i := 0; i < len(pairs); i += 50 {
			p := pairs[i]
			sampled++
			code, stdout, stderr := runWard(t, "", "version", "compare", "--ecosystem", eco, "--", p.a, p.b)
			if code != cli.ExitOK || strings.TrimSpace(stdout) != p.wantOut {
				t.Errorf("%s:%d: ward version compare %s %s = %q exit %d (stderr %q), want %s",
					file, p.line, p.a, p.b, stdout, code, stderr, p.wantOut)
			}
		}
	}
	t.Logf("%d fixture lines agreed through stdin, %d through arguments, %d files", total, sampled, len(files))
}
