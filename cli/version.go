package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/wardhq/ward/version"
)

// runVersion is `ward version compare|ecosystems`.
func runVersion(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usagef("version: missing subcommand (want compare or ecosystems)")
	}
	switch args[0] {
	case "compare":
		return runVersionCompare(ctx, e, args[1:])
	case "ecosystems":
		return runVersionEcosystems(e, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(e.stderr, "Usage: ward version compare --ecosystem E [A B]")
		fmt.Fprintln(e.stderr, "       ward version ecosystems")
		return flag.ErrHelp
	}
	return usagef("version: unknown subcommand %q (want compare or ecosystems)", args[0])
}

const versionCompareSummary = `Compare two versions by the rules of an OSV ecosystem and print -1, 0 or 1
(A older than, the same as, or newer than B). With no versions given, read
"A B" pairs from stdin, one per line, and print one result per line; blank
lines are skipped, and a line that fails prints its error on stderr as
stdin:LINE and nothing on stdout. Exit 3 if any line failed.`

// runVersionCompare is `ward version compare --ecosystem E [A B]`.
func runVersionCompare(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "version compare", "--ecosystem E [A B]", versionCompareSummary)
	ecosystem := fs.String("ecosystem", "", "OSV ecosystem whose ordering applies, e.g. PyPI, Go, crates.io, Debian:12 (list: ward version ecosystems)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	switch {
	case *ecosystem == "":
		return usagef("version compare: --ecosystem is required (list: ward version ecosystems)")
	case !version.Supported(*ecosystem):
		return usagef("version compare: unsupported ecosystem %q (supported: %s)",
			*ecosystem, strings.Join(version.Ecosystems(), ", "))
	case len(pos) == 0:
		return compareLines(ctx, e, *ecosystem)
	case len(pos) != 2:
		return usagef("version compare: want two versions A B, or none to read pairs from stdin (got %d)", len(pos))
	}
	c, err := version.Compare(*ecosystem, pos[0], pos[1])
	if err != nil {
		return fmt.Errorf("version compare: %w", err)
	}
	fmt.Fprintln(e.stdout, c)
	return nil
}

// compareLines compares the "A B" pair on each line of stdin. A failing
// line is reported and skipped, so one bad pair in a long list does not
// hide the results of the rest.
func compareLines(ctx context.Context, e *env, ecosystem string) error {
	out := bufio.NewWriter(e.stdout)
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var lines, failed int
	for n := 1; sc.Scan(); n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		lines++
		if len(f) != 2 {
			failed++
			fmt.Fprintf(e.stderr, "ward: stdin:%d: want two versions \"A B\", got %d words\n", n, len(f))
			continue
		}
		c, err := version.Compare(ecosystem, f[0], f[1])
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "ward: stdin:%d: %v\n", n, err)
			continue
		}
		fmt.Fprintln(out, c)
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("version compare: read stdin: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("version compare: %d of %d lines failed", failed, lines)
	}
	return nil
}

// runVersionEcosystems is `ward version ecosystems`: every ecosystem with
// its comparator, as findings cite it.
func runVersionEcosystems(e *env, args []string) error {
	fs := newFlags(e, "version ecosystems", "", "List the OSV ecosystems ward can order versions for, with the rules each uses.")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("version ecosystems: takes no arguments")
	}
	return writeEcosystems(e.stdout)
}

func writeEcosystems(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, name := range version.Ecosystems() {
		fmt.Fprintf(bw, "%-30s %s\n", name, version.Comparator(name))
	}
	return bw.Flush()
}
