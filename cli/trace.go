package cli

import (
	"bytes"
	"context"
	"io"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/diagram"
	"github.com/wardhq/ward/threat"
	"github.com/wardhq/ward/trace"
)

// runTrace is `ward trace [dir]`: the traceability matrix from each
// interface and software item to its threats, risks, controls,
// requirements, tests and release, the same walked back, and every break
// in the chain.
func runTrace(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "trace", "[dir]",
		"Traceability: interface/component → threat → risk → control → requirement → test → release, walked both ways, "+
			"with every break in the chain (undecided threats, missing controls, requirements and passing tests).")
	format := fs.String("format", "text", "output format: text, csv, json or html")
	release := fs.String("release", "", "release whose tests count (default: the newest by date)")
	out := fs.String("o", "", "write the report to this file instead of standard output")
	date := fs.String("date", "", "derive threats with support dates as of this day, YYYY-MM-DD (default: today, UTC)")
	failOn := fs.String("fail-on", "none", "exit 1 when the chain has a break ('breaks'), or 'none' to only report")
	dir, err := dirArg(fs, args)
	if err != nil {
		return err
	}
	write, ok := traceWriters[*format]
	if !ok {
		return usagef("unknown format %q (want text, csv, json or html)", *format)
	}
	if *failOn != "none" && *failOn != "breaks" {
		return usagef("--fail-on: want breaks or none, got %q", *failOn)
	}
	today, err := checkDate(e, *date)
	if err != nil {
		return err
	}
	sf, err := loadValidFile(e, dir, nil)
	if err != nil {
		return err
	}
	if *release != "" && !hasRelease(sf, *release) {
		return usagef("--release %s: no such release in %s", *release, dir)
	}
	m := trace.Build(sf, threat.Generate(threat.NewModel(sf, today)), *release)
	if err := writeTo(e, *out, func(w io.Writer) error { return write(w, m, sf) }); err != nil {
		return err
	}
	if *failOn == "breaks" && len(m.Breaks) > 0 {
		return ErrGateFailed
	}
	return nil
}

func hasRelease(sf *ward.SecurityFile, version string) bool {
	for _, r := range sf.Releases {
		if r.Version == version {
			return true
		}
	}
	return false
}

var traceWriters = map[string]func(io.Writer, *trace.Matrix, *ward.SecurityFile) error{
	"text": func(w io.Writer, m *trace.Matrix, _ *ward.SecurityFile) error { return trace.WriteText(w, m) },
	"csv":  func(w io.Writer, m *trace.Matrix, _ *ward.SecurityFile) error { return trace.WriteCSV(w, m) },
	"json": func(w io.Writer, m *trace.Matrix, _ *ward.SecurityFile) error { return trace.WriteJSON(w, m) },
	"html": writeTraceHTML,
}

// writeTraceHTML embeds the data-flow diagram in the page.
func writeTraceHTML(w io.Writer, m *trace.Matrix, sf *ward.SecurityFile) error {
	svg, note := drawDFD(sf)
	return trace.WriteHTML(w, m, trace.HTMLOptions{Diagram: svg, DiagramNote: note})
}

// drawDFD draws the data-flow diagram for the HTML outputs. A model the
// diagram cannot draw (no architecture, broken references) still gets its
// page: the note says why, in the diagram's place.
func drawDFD(sf *ward.SecurityFile) (svg []byte, note string) {
	var b bytes.Buffer
	if err := diagram.DFD(&b, sf.Architecture, diagram.Options{MaxWidth: 1200}); err != nil {
		return nil, ward.MessageOf(err)
	}
	return b.Bytes(), ""
}
