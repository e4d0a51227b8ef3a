package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/document"
	"github.com/wardhq/ward/evidence/record"
	"github.com/wardhq/ward/gap"
	"github.com/wardhq/ward/independence"
	"github.com/wardhq/ward/sbom"
	"github.com/wardhq/ward/threat"
)

// runCheck is `ward check [dir]`: the gap analysis against every clause.
func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "check", "[dir]", "Gap analysis of the security file against IEC 81001-5-1 clauses 4–9 and Annex F.")
	format := fs.String("format", "text", "output format: text, json, markdown, sarif or html")
	out := fs.String("o", "", "write the report to this file instead of standard output")
	failOn := fs.String("fail-on", "none", "exit 1 when a rule of this severity or worse fails: blocker, major, minor, or none to only report")
	release := fs.String("release", "", "release to evaluate (default: the newest by date)")
	date := fs.String("date", "", "evaluate as of this day, YYYY-MM-DD (default: today, UTC)")
	verbose := fs.Bool("v", false, "text format: also list passing rules and their evidence")
	repo := fs.String("repo", "", "git repository of the product's source: judge tester independence (5.7.5) from its history")
	dir, err := dirArg(fs, args)
	if err != nil {
		return err
	}
	var threshold gap.Severity
	if *failOn != "none" {
		if threshold, err = gap.ParseSeverity(*failOn); err != nil {
			return usagef("--fail-on: %v", err)
		}
	}
	write, ok := reportWriters[*format]
	if !ok {
		return usagef("unknown format %q (want text, json, markdown, sarif or html)", *format)
	}
	today, err := checkDate(e, *date)
	if err != nil {
		return err
	}
	rep, in, err := gapReport(ctx, dir, today, *release, *repo)
	if err != nil {
		return err
	}
	opts := writeOptions{color: e.isTerminal && *out == "" && e.getenv("NO_COLOR") == "", verbose: *verbose, sf: in.File}
	if err := writeTo(e, *out, func(w io.Writer) error { return write(w, rep, opts) }); err != nil {
		return err
	}
	if threshold != "" && rep.Gate(threshold) {
		return ErrGateFailed
	}
	return nil
}

type writeOptions struct {
	color, verbose bool
	sf             *ward.SecurityFile // the file judged, for the diagram
}

var reportWriters = map[string]func(io.Writer, *gap.Report, writeOptions) error{
	"text": func(w io.Writer, r *gap.Report, o writeOptions) error {
		return document.WriteGapText(w, r, document.TextOptions{Color: o.color, Verbose: o.verbose})
	},
	"json":     func(w io.Writer, r *gap.Report, _ writeOptions) error { return document.WriteGapJSON(w, r) },
	"markdown": func(w io.Writer, r *gap.Report, _ writeOptions) error { return document.WriteGapMarkdown(w, r) },
	"sarif": func(w io.Writer, r *gap.Report, o writeOptions) error {
		return document.WriteGapSARIF(w, r, document.SARIFOptions{ToolVersion: Version, BaseDir: "."})
	},
	"html": func(w io.Writer, r *gap.Report, o writeOptions) error {
		svg, note := drawDFD(o.sf)
		return document.WriteGapHTML(w, r, document.HTMLOptions{Diagram: svg, DiagramNote: note})
	},
}

// checkDate is the day rules are evaluated for: --date, else today in UTC.
func checkDate(e *env, flagValue string) (ward.Date, error) {
	if flagValue == "" {
		return ward.DateOf(e.now()), nil
	}
	d, err := ward.ParseDate(flagValue)
	if err != nil {
		return ward.Date{}, usagef("--date: %v", err)
	}
	return d, nil
}

// gapReport loads the security file in dir with its SBOMs and evaluates
// every rule. A security file with problems is not judged: its problems
// come back as the error, as `ward validate` prints them.
//
// repo, when given, is the git repository of the product's source: the
// testers' independence is then judged from its history (5.7.5).
func gapReport(ctx context.Context, dir string, today ward.Date, release, repo string) (*gap.Report, *gap.Input, error) {
	sf, problems, err := loadSecurityFile(dir)
	if err != nil {
		return nil, nil, err
	}
	if len(problems) > 0 {
		return nil, nil, fmt.Errorf("%w\nthe security file has %d problem(s): fix them first ('ward validate %s')", problems, len(problems), dir)
	}
	if release != "" {
		found := false
		for _, r := range sf.Releases {
			found = found || r.Version == release
		}
		if !found {
			return nil, nil, usagef("--release %s: no such release in %s", release, dir)
		}
	}
	cat, err := gap.Load()
	if err != nil {
		return nil, nil, err
	}
	in := gap.NewInput(sf, today, loadSBOMs(dir, sf), release)
	in.Generated = threat.Generate(threat.NewModel(sf, today))
	in.ReportProblems, in.ReportsChecked = record.VerifyReports(dir, sf), true
	if repo != "" {
		res, err := independence.Check(ctx, sf, &independence.Git{Dir: repo}, in.ReleaseVersion())
		if err != nil {
			return nil, nil, fmt.Errorf("--repo %s: %w", repo, err)
		}
		in.Independence = &res
	}
	return gap.Evaluate(cat, in), in, nil
}

// loadSBOMs reads the SBOM files the security file references, relative to
// its folder. An unreadable SBOM is kept with its error: rules report it.
func loadSBOMs(dir string, sf *ward.SecurityFile) []gap.LoadedSBOM {
	var out []gap.LoadedSBOM
	for _, ref := range sf.SBOMs {
		l := gap.LoadedSBOM{Ref: ref}
		p := ref.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		f, err := os.Open(p)
		if err == nil {
			l.SBOM, err = sbom.Parse(p, f, sbom.Limits{})
			f.Close()
		}
		l.Err = err
		out = append(out, l)
	}
	return out
}
