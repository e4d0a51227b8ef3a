package scanreport

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/wardhq/ward"
)

// ANSI escapes; used only with Options.Color.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiDim    = "\x1b[2m"
)

// WriteTable writes r for a terminal: one row per finding (component,
// version, advisory, aliases, severity and score, fixed versions, VEX
// status) with an indented line saying why it matched, then the VEX
// decisions of the previous release re-opened for review (with --previous),
// then the components that could not be checked with their reasons, then
// the advisory snapshot and a summary. A scan that checked nothing ends with a loud NOTHING
// CHECKED line instead of an empty table. o.Color adds ANSI colours.
func WriteTable(w io.Writer, r *Report, o Options) error {
	if r == nil {
		return errors.New("scan table: no report")
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	paint := func(code, s string) string {
		if !o.Color || code == "" {
			return s
		}
		return code + s + ansiReset
	}

	if len(r.Findings) > 0 {
		header := []string{"COMPONENT", "VERSION", "ADVISORY", "ALIASES", "SEVERITY", "FIXED", "VEX"}
		rows := make([][]string, len(r.Findings))
		for i := range r.Findings {
			f := &r.Findings[i]
			rows[i] = []string{componentName(f.Component), componentVersion(f.Component), f.Advisory,
				listOr(f.Aliases, "-"), severityText(f.Severity), listOr(f.Fixed, "no fix"), vexText(f)}
		}
		widths := make([]int, len(header))
		for _, row := range append([][]string{header}, rows...) {
			for c, cell := range row {
				widths[c] = max(widths[c], utf8.RuneCountInString(cell))
			}
		}
		writeRow(bw, header, widths, func(int, string) string { return ansiBold }, paint)
		for i, row := range rows {
			f := &r.Findings[i]
			writeRow(bw, row, widths, func(c int, _ string) string {
				switch c {
				case 4:
					return severityColor(levelOf(f))
				case 6:
					if f.VEX != nil && !Open(f) {
						return ansiGreen
					}
				}
				return ""
			}, paint)
			fmt.Fprintf(bw, "  %s\n", paint(ansiDim, "why: "+why(f)))
		}
		bw.WriteString("\n")
	} else if r.Checked > 0 {
		fmt.Fprintf(bw, "No advisory affects the %s checked.\n\n", plural(r.Checked, "component", "components"))
	}

	if len(r.Reopened) > 0 {
		fmt.Fprintf(bw, "%s (%s of the previous release not applied; their findings stay open):\n",
			paint(ansiBold, "Re-opened for review"), plural(len(r.Reopened), "VEX decision", "VEX decisions"))
		for _, ro := range r.Reopened {
			fmt.Fprintf(bw, "  %s on %s: %s (%s)\n", ro.Vulnerability, reopenedName(ro.Component), ro.Reason, ro.Source)
		}
		bw.WriteString("\n")
	}

	if len(r.NotMatchable) > 0 {
		fmt.Fprintf(bw, "%s (%d of %d components could not be checked):\n", paint(ansiBold, "Not matchable"), len(r.NotMatchable), r.Components)
		for _, nm := range r.NotMatchable {
			fmt.Fprintf(bw, "  %s: %s\n", notMatchableName(nm.Component), nm.Reason)
		}
		bw.WriteString("\n")
	}

	fmt.Fprintf(bw, "Advisories: snapshot %s, newest advisory modified %s.\n", r.Snapshot.ID, formatTime(r.Snapshot.NewestModified))
	fmt.Fprintln(bw, r.summaryLine())
	if r.NothingChecked() {
		fmt.Fprintln(bw, paint(ansiBold+ansiRed, r.nothingCheckedText()))
	}
	if g := r.gateLine(o.FailOn); g != "" {
		code := ansiGreen
		if strings.Contains(g, "FAILED") {
			code = ansiBold + ansiRed
		}
		fmt.Fprintln(bw, paint(code, g))
	}
	return bw.Flush()
}

// writeRow pads each cell to its column width (the last is not padded),
// colouring cells after padding so that escapes do not skew alignment.
func writeRow(w *bufio.Writer, row []string, widths []int, color func(col int, cell string) string, paint func(code, s string) string) {
	for c, cell := range row {
		if c > 0 {
			w.WriteString("  ")
		}
		pad := ""
		if c < len(row)-1 {
			pad = strings.Repeat(" ", widths[c]-utf8.RuneCountInString(cell))
		}
		w.WriteString(paint(color(c, cell), cell))
		w.WriteString(pad)
	}
	w.WriteString("\n")
}

func severityColor(level string) string {
	switch level {
	case "critical":
		return ansiBold + ansiRed
	case "high", "unknown":
		return ansiRed
	case "medium":
		return ansiYellow
	case "low":
		return ansiCyan
	}
	return ""
}

// notMatchableName is "name version (bom-ref …, path …)" with the parts
// the component has.
func notMatchableName(c *ward.Component) string {
	if c == nil {
		return "(no component)"
	}
	s := componentName(c)
	if c.Version != "" {
		s += " " + c.Version
	}
	var where []string
	if c.PURL != "" {
		where = append(where, c.PURL)
	}
	if c.Path != "" {
		where = append(where, at(c))
	}
	if len(where) > 0 {
		s += " [" + strings.Join(where, ", ") + "]"
	}
	return s
}

// reopenedName names the component of a re-opened decision like
// notMatchableName does.
func reopenedName(c *ward.Component) string {
	if c == nil {
		return "(no component of this scan)"
	}
	return notMatchableName(c)
}

// at is where a component sits: file#path, or the path alone.
func at(c *ward.Component) string {
	if c.Pos.File != "" {
		s := c.Pos.File
		if c.Pos.Line > 0 {
			s = c.Pos.String()
		}
		return s + "#" + c.Path
	}
	return c.Path
}
