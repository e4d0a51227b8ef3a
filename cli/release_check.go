package cli

import (
	"context"
	"io"

	"github.com/wardhq/ward/gap"
	"github.com/wardhq/ward/gate"
)

var gateWriters = map[string]func(io.Writer, *gate.Result) error{
	"text": gate.WriteText,
	"json": gate.WriteJSON,
}

// runReleaseCheck is the release gate: it evaluates the release like
// `ward check` and blocks on every failed rule that gates a release, and
// on what only the gate checks.
func runReleaseCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "release check", "[dir]",
		"Decide whether a release may ship. It blocks when findings are open or undecided, a KEV-listed or critical vulnerability "+
			"affects the release, a security requirement or control lacks a passing test on the release build, a threat lacks a decision, "+
			"a third-party component lacks support data, testers are not independent enough, the advisory data used is too old, "+
			"accompanying documents were not reviewed, artifacts are not signed, the release checklist is incomplete, or an evidence "+
			"file no longer matches its hash. Exit 1 when blocked.")
	format := fs.String("format", "text", "output format: text or json")
	out := fs.String("o", "", "write the decision to this file instead of standard output")
	release := fs.String("release", "", "release to decide (default: the newest by date)")
	date := fs.String("date", "", "decide as of this day, YYYY-MM-DD (default: today, UTC)")
	repo := fs.String("repo", "", "git repository of the product's source: judge tester independence (5.7.5) from its history")
	dir, err := dirArg(fs, args)
	if err != nil {
		return err
	}
	write, ok := gateWriters[*format]
	if !ok {
		return usagef("unknown format %q (want text or json)", *format)
	}
	today, err := checkDate(e, *date)
	if err != nil {
		return err
	}
	rep, in, err := gapReport(ctx, dir, today, *release, *repo)
	if err != nil {
		return err
	}
	cat, err := gap.Load()
	if err != nil {
		return err
	}
	res := gate.Decide(cat, rep, in.ReleaseVersion())
	if err := writeTo(e, *out, func(w io.Writer) error { return write(w, res) }); err != nil {
		return err
	}
	if res.Blocked {
		return ErrGateFailed
	}
	return nil
}
