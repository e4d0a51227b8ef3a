package cli

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/wardhq/ward/scanner"
	"github.com/wardhq/ward/scanreport"
)

const scanSummary = `Match the components of SBOMs (CycloneDX, SPDX) against the offline advisory store
and apply VEX decisions. For every component the report says which advisories affect
it and why (affected entry, range, version comparator, identifier), which findings a
VEX statement already decides (a statement applies to the vulnerability AND the
component or product it names, never by CVE alone), and which components could not be
checked and why. It always states components total / checked / not matchable, and the
advisory snapshot ID and date, so a later re-run with that snapshot gives the same answer.

VEX is read from --vex files (CycloneDX VEX, OpenVEX, CSAF VEX) and from vulnerabilities
embedded in CycloneDX JSON SBOMs. Component aliases from the security file (--security)
give purl-less components (RTOS, C libraries) a purl to match with.

--previous SBOM names the release the --vex decisions were made for. A decision then
carries forward to the scanned release while its component's version is unchanged; it is
re-opened for review, NOT applied, when the version changed or the advisory was modified
after the decision (its timestamp). Re-opened decisions are listed in the report, and the
findings they decided stay open and count for --fail-on.

Exit status: 0 no open finding at or above --fail-on; 1 an open finding (no VEX
not_affected/fixed decision) at or above --fail-on, or NOTHING could be checked (a scan
that checked no component is not a clean result); 2 usage error; 3 other error (store
missing, unreadable SBOM or VEX).
Severity: CVSS v4.0, else v3.1/v3.0, else v2 of the advisory. A finding whose severity is
unknown (no CVSS vector) counts as HIGH for --fail-on: on a medical device an unscored
vulnerability is serious until someone scores it. Findings that cannot be decided offline
(GIT-only ranges) are reported and gate like the others.`

// runScan is `ward scan [flags] SBOM…`.
func runScan(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "scan", "SBOM…", scanSummary)
	db := dbFlag(fs)
	var vexFiles stringList
	fs.Var(&vexFiles, "vex", "VEX `file` to apply (CycloneDX VEX, OpenVEX or CSAF); repeatable")
	previous := fs.String("previous", "", "`SBOM` of the release the --vex decisions were made for: they carry forward while a component's version is unchanged and are re-opened for review otherwise")
	security := fs.String("security", "", "security file `folder` whose component_aliases map purl-less components to purls")
	product := fs.String("product", "", "`purl` (or CPE or name) of the scanned product: VEX statements about it apply to all its findings (default: each SBOM's subject)")
	author := fs.String("author", "", "author of the cyclonedx/openvex document, e.g. \"Acme PSIRT <psirt@acme.example>\"")
	format := fs.String("format", "table", "output format: "+strings.Join(scanreport.FormatNames, ", "))
	failOn := fs.String("fail-on", "high", "exit 1 when an open finding has this severity or worse: low, medium, high or critical (unknown severity counts as high)")
	out := fs.String("o", "", "write the report to this `file` instead of standard output")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("scan: name at least one SBOM file (CycloneDX or SPDX)")
	}
	write, ok := scanreport.Formats[*format]
	if !ok {
		return usagef("scan: unknown format %q (want %s)", *format, strings.Join(scanreport.FormatNames, ", "))
	}
	threshold, err := scanreport.ParseThreshold(*failOn)
	if err != nil {
		return usagef("scan: --fail-on: %v", err)
	}
	if *previous != "" && len(vexFiles) == 0 {
		return usagef("scan: --previous needs the decisions to carry forward: give them with --vex")
	}

	in := scanner.Input{Paths: paths, VEXFiles: vexFiles, Previous: *previous, Security: *security, Product: *product}
	store, err := openStore(e, *db)
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	defer store.Close()
	rep, sc, err := scanner.Run(ctx, store, in)
	if err != nil {
		return err
	}
	for _, n := range sc.Notes {
		fmt.Fprintf(e.stderr, "ward: scan: note: %s\n", n)
	}

	opts := scanreport.Options{
		Color:       e.isTerminal && *out == "" && e.getenv("NO_COLOR") == "",
		ToolVersion: Version,
		FailOn:      threshold,
		Product:     cmp.Or(*product, sc.Product),
		Author:      *author,
		Timestamp:   e.now().UTC().Truncate(time.Second),
	}
	if err := writeTo(e, *out, func(w io.Writer) error { return write(w, rep, opts) }); err != nil {
		return fmt.Errorf("scan: %w", err)
	}

	if rep.NothingChecked() {
		fmt.Fprintf(e.stderr, "ward: scan: nothing could be checked: %d of %d components are not matchable (see the report); this is not a clean result\n",
			len(rep.NotMatchable), rep.Components)
		return ErrGateFailed
	}
	if n := rep.Blocking(threshold); n > 0 {
		fmt.Fprintf(e.stderr, "ward: scan: %d open finding(s) at or above %s (no not_affected or fixed VEX decision; unknown severity counts as high)\n", n, threshold)
		return ErrGateFailed
	}
	return nil
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }
