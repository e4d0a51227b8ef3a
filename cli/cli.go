// Package cli is ward's command line: Run is the whole program, one file per
// subcommand. It is the only package (with cmd/ward) that sees every
// capability package; it reads the environment and the clock and passes
// them down.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wardhq/ward"
)

// Exit codes are interface: CI pipelines branch on them. They stay clear of
// the shell's 126, 127 and 128+n.
const (
	ExitOK       = 0
	ExitFindings = 1 // a gate failed: check, validate, scan, sbom validate, release check
	ExitUsage    = 2
	ExitError    = 3
)

// ErrGateFailed is returned by a command whose gate failed after it printed
// its report; Run maps it to ExitFindings without printing more.
var ErrGateFailed = errors.New("gate failed")

// errUsage marks a usage mistake (bad flag, missing argument).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// env is what a command may touch of the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	now            func() time.Time
	getenv         func(string) string
	isTerminal     bool // stdout is a terminal: colour allowed
}

type command struct {
	name, args, summary string
	run                 func(ctx context.Context, env *env, args []string) error
}

// commands is every subcommand, in the order `ward help` lists them.
var commands = []command{
	{"init", "[dir]", "create a commented security file skeleton in dir (default: security)", runInit},
	{"validate", "[dir]", "check the security file: syntax, fields, IDs, references", runValidate},
	{"check", "[dir]", "gap analysis against IEC 81001-5-1 clauses 4–9 and Annex F", runCheck},
	{"catalog", "", "list the clause catalog and its rules", runCatalog},
	{"schema", "", "print the JSON Schema of the security file", runSchema},
	{"sbom", "validate|diff|convert …", "check, compare and convert CycloneDX and SPDX SBOMs", runSBOM},
	{"db", "import|sync|status …", "manage the offline advisory store (OSV data)", runDB},
	{"threats", "[dir] | rules | diff A B", "threats derived from the data-flow model, their decisions, rules and changes", runThreats},
	{"scan", "SBOM…", "match SBOM components against the advisory store, apply VEX", runScan},
	{"version", "compare …", "compare versions with an ecosystem's rules", runVersion},
	{"import", "threagile|threatdragon FILE --out DIR", "import a Threagile or OWASP Threat Dragon model into a security file", runImport},
	{"trace", "[dir]", "traceability: interface/component → threat → risk → control → requirement → test → release", runTrace},
	{"cvss", "VECTOR…|rubric", "score CVSS v2.0–v4.0 vectors; walk the MITRE medical-device rubric", runCVSS},
	{"risks", "[dir]", "security risks before and after controls on the policy's risk matrix; --safety for the ISO 14971 file", runRisks},
	{"evidence", "import FILE… | independence", "import test, SARIF, pentest and port-scan results as hash-protected evidence; tester independence from git", runEvidence},
	{"verify", "ports [dir] --host H", "scan the running product for open ports the security file does not declare", runVerify},
	{"release", "check|sign|verify …", "release gate; sign release artifacts and verify them", runRelease},
	{"doc", "technical-file|hdo|security-txt …", "documents for auditors and hospitals: technical file, HDO security guide, security.txt", runDoc},
	{"mds2", "[dir] | diff A B", "the MDS2 form (HN 1-2019) answered from the security file, per release, and its changes", runMDS2},
	{"csaf", "advisory|vex|validate|provider …", "CSAF 2.0 security advisories and VEX documents, validation, provider folder", runCSAF},
}

// Run is the whole program: main is os.Exit(cli.Run(ctx, os.Args[1:], …)).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now, getenv: os.Getenv}
	if f, ok := stdout.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			e.isTerminal = true
		}
	}
	return run(ctx, e, args)
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stdout)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return exitCode(c.run(ctx, e, args[1:]), e.stderr)
		}
	}
	fmt.Fprintf(e.stderr, "ward: unknown command %q (run 'ward help' for the list)\n", args[0])
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "ward runs the security activities of the health-software life cycle (IEC 81001-5-1).")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: ward <command> [flags] [args]")
	fmt.Fprintln(w)
	for _, c := range commands {
		if utf8.RuneCountInString(c.args) > 24 { // a long argument list gets a line of its own
			fmt.Fprintf(w, "  %-9s %s\n  %-9s %-24s %s\n", c.name, c.args, "", "", c.summary)
			continue
		}
		fmt.Fprintf(w, "  %-9s %-24s %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Exit codes: 0 ok, 1 gate failed (findings), 2 usage error, 3 other error.")
	fmt.Fprintln(w, "Run 'ward <command> -h' for a command's flags.")
}

// exitCode prints err for the operator and maps it to an exit status.
func exitCode(err error, stderr io.Writer) int {
	var ue *usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, ErrGateFailed):
		return ExitFindings
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "ward: %s\n", ue.msg)
		return ExitUsage
	}
	var pes ward.PosErrors
	if errors.As(err, &pes) {
		fmt.Fprintln(stderr, pes.Error())
		return ExitError
	}
	// The operator runs the CLI, so the cause is printed too.
	msg := err.Error()
	if !strings.HasPrefix(msg, "ward") {
		msg = "ward: " + msg
	}
	fmt.Fprintln(stderr, msg)
	return ExitError
}

// newFlags returns a flag set for one subcommand that writes to stderr and
// returns errors instead of exiting.
func newFlags(e *env, name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: ward %s [flags] %s\n\n%s\n\nFlags:\n", name, args, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args with fs, allowing flags after positional
// arguments (as users type them: `ward check examples/pump --format json`).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// Version is ward's version, shown in generated documents and SARIF.
const Version = "0.1.0"
