package scanreport

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes r as GitHub-flavoured Markdown for a pull-request
// comment: a heading with the outcome, the snapshot and counts, a findings
// table with the reason for each match, the VEX decisions of the previous
// release re-opened for review, and the components that could not be
// checked (in a collapsed section unless nothing was checked).
func WriteMarkdown(w io.Writer, r *Report, o Options) error {
	if r == nil {
		return errors.New("scan Markdown report: no report")
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	c := r.counts()
	switch {
	case r.NothingChecked():
		bw.WriteString("## ward scan: nothing could be checked\n\n")
		fmt.Fprintf(bw, "> [!CAUTION]\n> %s\n\n", mdEscape(r.nothingCheckedText()))
	case c.open == 0:
		fmt.Fprintf(bw, "## ward scan: no open findings\n\n")
	default:
		fmt.Fprintf(bw, "## ward scan: %s\n\n", plural(c.open, "open finding", "open findings"))
	}
	fmt.Fprintf(bw, "%s\n\n", mdEscape(r.summaryLine()))
	if g := r.gateLine(o.FailOn); g != "" {
		fmt.Fprintf(bw, "**%s**\n\n", mdEscape(g))
	}
	var sboms []string
	for _, s := range r.SBOMs {
		sboms = append(sboms, fmt.Sprintf("`%s` (%s %s)", mdCode(s.Source), s.Format, s.SpecVersion))
	}
	fmt.Fprintf(bw, "SBOMs: %s. Advisory snapshot `%s`, newest advisory modified %s.\n\n",
		listOr(sboms, "none"), mdCode(r.Snapshot.ID), formatTime(r.Snapshot.NewestModified))

	if len(r.Findings) > 0 {
		bw.WriteString("| Severity | Component | Advisory | Aliases | Fixed | VEX | Why |\n")
		bw.WriteString("| --- | --- | --- | --- | --- | --- | --- |\n")
		for i := range r.Findings {
			f := &r.Findings[i]
			comp := componentName(f.Component)
			if f.Component != nil && f.Component.Version != "" {
				comp += " " + f.Component.Version
			}
			adv := fmt.Sprintf("[%s](https://osv.dev/vulnerability/%s)", mdEscape(f.Advisory), f.Advisory)
			if f.Summary != "" {
				adv += "<br>" + mdEscape(f.Summary)
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s |\n",
				mdEscape(severityText(f.Severity)), mdEscape(comp), adv, mdEscape(listOr(f.Aliases, "–")),
				mdEscape(listOr(f.Fixed, "no fix")), mdEscape(vexText(f)), mdEscape(why(f)))
		}
		bw.WriteString("\n")
	}

	if len(r.Reopened) > 0 {
		fmt.Fprintf(bw, "### Re-opened for review\n\n%s\n\n", mdEscape(reopenedText(len(r.Reopened))))
		bw.WriteString("| Vulnerability | Component | Reason | Source |\n| --- | --- | --- | --- |\n")
		for _, ro := range r.Reopened {
			comp := "–"
			if c := ro.Component; c != nil {
				comp = componentName(c)
				if c.Version != "" {
					comp += " " + c.Version
				}
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", mdEscape(ro.Vulnerability), mdEscape(comp), mdEscape(ro.Reason), mdEscape(ro.Source))
		}
		bw.WriteString("\n")
	}

	if len(r.NotMatchable) > 0 {
		open := ""
		if r.NothingChecked() {
			open = " open"
		}
		fmt.Fprintf(bw, "<details%s><summary>Not matchable: %d of %d components could not be checked</summary>\n\n", open, len(r.NotMatchable), r.Components)
		bw.WriteString("| Component | Version | Where | Reason |\n| --- | --- | --- | --- |\n")
		for _, nm := range r.NotMatchable {
			if nm.Component == nil {
				fmt.Fprintf(bw, "| | | | %s |\n", mdEscape(nm.Reason))
				continue
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", mdEscape(componentName(nm.Component)),
				mdEscape(componentVersion(nm.Component)), mdEscape(at(nm.Component)), mdEscape(nm.Reason))
		}
		bw.WriteString("\n</details>\n")
	}
	return bw.Flush()
}

// mdEscape makes s safe inside a Markdown table cell: pipes, HTML and
// line breaks would end the cell or the table.
var mdReplacer = strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;", "\r\n", " ", "\n", " ", "*", `\*`, "_", `\_`, "`", "'", "[", `\[`, "]", `\]`)

func mdEscape(s string) string { return mdReplacer.Replace(s) }

// mdCode makes s safe inside a code span.
func mdCode(s string) string { return strings.ReplaceAll(s, "`", "'") }
