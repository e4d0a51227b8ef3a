package cli

import (
	"context"
	"io"

	"github.com/wardhq/ward/risk"
)

var riskWriters = map[string]func(io.Writer, *risk.Register, risk.Options) error{
	"text": risk.WriteText,
	"json": risk.WriteJSON,
	"csv":  risk.WriteCSV,
}

// runRisks prints the security risk register: every risk before and after
// controls on the policy's risk matrix, or with --safety the risks to hand
// to the ISO 14971 safety risk file.
func runRisks(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "risks", "[dir]",
		"The security risk register: each risk's estimate before and after controls with its CVSS vector, its cell of the policy's "+
			"risk matrix (exploitability × harm) and whether the policy accepts it, its controls and decision. --safety lists the risks "+
			"whose worst outcome is patient harm, for the ISO 14971 safety risk file, with their hazards and harm severity.")
	format := fs.String("format", "text", "output format: text, json or csv")
	out := fs.String("o", "", "write to this file instead of standard output")
	safety := fs.Bool("safety", false, "only the risks for the ISO 14971 safety risk file")
	failOn := fs.String("fail-on", "none", "exit 1 when a safety risk is 'incomplete' (no hazards or harm severity), or 'none'")
	dir, err := dirArg(fs, args)
	if err != nil {
		return err
	}
	write, ok := riskWriters[*format]
	if !ok {
		return usagef("unknown format %q (want text, json or csv)", *format)
	}
	if *failOn != "none" && *failOn != "incomplete" {
		return usagef("--fail-on: want incomplete or none, got %q", *failOn)
	}
	sf, err := loadValidFile(e, dir, nil)
	if err != nil {
		return err
	}
	reg := risk.Build(sf)
	if err := writeTo(e, *out, func(w io.Writer) error { return write(w, reg, risk.Options{SafetyOnly: *safety}) }); err != nil {
		return err
	}
	if *failOn == "incomplete" && reg.Counts.Incomplete > 0 {
		return ErrGateFailed
	}
	return nil
}
