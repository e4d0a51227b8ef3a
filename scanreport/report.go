// Package scanreport writes the result of `ward scan` — which advisories
// affect which SBOM components, why, what VEX decided, and which components
// could not be checked — in the formats users read it in: a terminal table,
// a JSON contract, Markdown for pull-request comments, SARIF 2.1.0 for code
// scanning, and CycloneDX VEX and OpenVEX documents (written by package vex).
//
// One file per format; each is a function from a Report to an io.Writer.
// Output is deterministic: the same Report and Options give the same bytes.
// Nothing here reads the clock or the environment. It imports ward and vex
// only (besides the standard library); never cli, osv or match.
package scanreport

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/wardhq/ward"
)

// Report is what one scan decided. Components == Checked + len(NotMatchable)
// always holds: every component is either checked or listed with a reason.
type Report struct {
	// Snapshot names the advisory data the scan used, so that the same
	// scan can be re-run and give the same answer (audit evidence).
	Snapshot Snapshot
	SBOMs    []SBOM // the documents scanned, in the order given
	// Components is the number of components in all SBOMs; Checked how many
	// of them were compared with advisories of their ecosystem.
	Components, Checked int
	// NotMatchable lists the components that could not be checked, with
	// the reason, in SBOM then document order.
	NotMatchable []NotMatchable
	// Findings has one finding per (component, advisory), in SBOM order,
	// then document order, then advisory ID. Finding.VEX is the statement
	// that decides it, nil when none does.
	Findings []ward.Finding
	// Reopened lists the VEX decisions made for the previous release that
	// were not applied to this one because they need review (`ward scan
	// --previous`, see vex.CarryForward), in the order of the VEX files.
	// The findings they would have decided stay open. Empty without
	// --previous.
	Reopened []Reopened
}

// Reopened is a VEX decision of the previous release that needs review
// before it applies again.
type Reopened struct {
	Vulnerability string // as the statement names it: advisory ID or alias
	// Component is the component of the scanned release the decision was
	// about; nil when it names none of the scanned components.
	Component *ward.Component
	// Reason says what changed, e.g. "django@3.2.10 version changed from
	// 3.2.10 to 3.2.12" or "advisory … was modified on …, after this
	// decision of …".
	Reason string
	Source string // the statement, as file#path
}

// Snapshot identifies the advisory store snapshot a scan used.
type Snapshot struct {
	ID             string    // SHA-256 over the records (osv.SnapshotInfo.ID)
	NewestModified time.Time // latest `modified` of any advisory, UTC; the age of the data
}

// SBOM is one scanned document.
type SBOM struct {
	Source      string // file as the user named it
	Format      string // "CycloneDX" or "SPDX"
	SpecVersion string // e.g. "1.6", "2.3"
}

// NotMatchable is a component that could not be checked, and why.
type NotMatchable struct {
	Component *ward.Component
	Reason    string
}

// Options are what a format needs beyond the Report. The zero Options is
// valid for every format but OpenVEX, which requires Timestamp.
type Options struct {
	Color       bool   // table: ANSI colours (only when stdout is a terminal)
	ToolVersion string // SARIF tool.driver.version; "" leaves it out
	// FailOn is the gate threshold the caller applies ("low" … "critical"),
	// shown in the table and Markdown summaries; "" leaves the gate out.
	FailOn string
	// Product, Author and Timestamp are the VEX document facts (see
	// vex.Options).
	Product   string
	Author    string
	Timestamp time.Time
}

// Writer writes a Report in one format.
type Writer func(w io.Writer, r *Report, o Options) error

// Formats maps each format name `ward scan --format` accepts to its writer.
var Formats = map[string]Writer{
	"table":     WriteTable,
	"json":      WriteJSON,
	"markdown":  WriteMarkdown,
	"sarif":     WriteSARIF,
	"cyclonedx": WriteCycloneDX,
	"openvex":   WriteOpenVEX,
}

// FormatNames lists the format names in the order help text shows them.
var FormatNames = []string{"table", "json", "markdown", "sarif", "cyclonedx", "openvex"}

// Thresholds are the --fail-on values, from the lowest.
var Thresholds = []string{"low", "medium", "high", "critical"}

// Rank orders severity levels for the gate: none 0, low 1, medium 2,
// high 3, critical 4. A finding of unknown severity (no CVSS vector ward
// can score) ranks as high: for a medical device, an unscored
// vulnerability is treated as serious until someone scores it.
func Rank(level string) int {
	switch level {
	case "none":
		return 0
	case "low":
		return 1
	case "medium":
		return 2
	case "critical":
		return 4
	}
	return 3 // high, unknown, and anything unexpected
}

// ParseThreshold checks a --fail-on value.
func ParseThreshold(s string) (string, error) {
	if slices.Contains(Thresholds, s) {
		return s, nil
	}
	return "", fmt.Errorf("unknown severity %q (want %s)", s, strings.Join(Thresholds, ", "))
}

// Open reports whether f is still to be acted on: no VEX statement decides
// it, or the statement says affected or under_investigation.
func Open(f *ward.Finding) bool {
	return f.VEX == nil || (f.VEX.Status != ward.VEXNotAffected && f.VEX.Status != ward.VEXFixed)
}

// Blocks reports whether f fails the gate at threshold: it is open (see
// Open) and its severity ranks at or above threshold. Undecidable findings
// (e.g. GIT-only ranges) count like the others: what cannot be ruled out
// is not ruled out.
func Blocks(f *ward.Finding, threshold string) bool {
	return Open(f) && Rank(f.Severity.Level) >= Rank(threshold)
}

// Blocking is the number of findings that fail the gate at threshold.
func (r *Report) Blocking(threshold string) int {
	n := 0
	for i := range r.Findings {
		if Blocks(&r.Findings[i], threshold) {
			n++
		}
	}
	return n
}

// NothingChecked reports whether the scan checked no component at all: a
// result that must never read as "no vulnerabilities".
func (r *Report) NothingChecked() bool { return r.Checked == 0 }

// severityOrder lists the levels from the most severe, for summaries.
var severityOrder = []string{"critical", "high", "medium", "low", "none", "unknown"}

// counts summarises a report's findings.
type counts struct {
	bySeverity map[string]int // open findings by level
	byStatus   map[ward.VEXStatus]int
	components int // components with at least one finding
	open       int
}

func (r *Report) counts() counts {
	c := counts{bySeverity: map[string]int{}, byStatus: map[ward.VEXStatus]int{}}
	seen := map[*ward.Component]bool{}
	for i := range r.Findings {
		f := &r.Findings[i]
		if !seen[f.Component] {
			seen[f.Component] = true
			c.components++
		}
		if f.VEX != nil {
			c.byStatus[f.VEX.Status]++
		}
		if Open(f) {
			c.open++
			c.bySeverity[levelOf(f)]++
		}
	}
	return c
}

func levelOf(f *ward.Finding) string {
	if f.Severity.Level == "" {
		return "unknown"
	}
	return f.Severity.Level
}

// severityText is "critical 9.8", or the level alone when unscored.
func severityText(s ward.FindingSeverity) string {
	level := s.Level
	if level == "" {
		level = "unknown"
	}
	if s.Score == 0 && (level == "unknown" || s.Vector == "") {
		return level
	}
	return fmt.Sprintf("%s %.1f", level, s.Score)
}

// vexText is the status of f's decision, "-" when none.
func vexText(f *ward.Finding) string {
	if f.VEX == nil {
		return "-"
	}
	s := string(f.VEX.Status)
	if f.VEX.Justification != "" {
		s += " (" + string(f.VEX.Justification) + ")"
	}
	return s
}

// why explains a match in one line: identifier, entry, range, comparator.
func why(f *ward.Finding) string {
	m := f.Match
	s := fmt.Sprintf("%s in %s %q: %s", m.Identifier, m.Ecosystem, m.Package, m.Range)
	if m.Comparator != "" {
		s += " (" + m.Comparator + ")"
	}
	if m.Undecidable != "" {
		s += "; undecidable offline: " + m.Undecidable
	}
	return s
}

// componentName is how a report names a component: group/name.
func componentName(c *ward.Component) string {
	if c == nil {
		return ""
	}
	if c.Group != "" {
		return c.Group + "/" + c.Name
	}
	return c.Name
}

func componentVersion(c *ward.Component) string {
	if c == nil || c.Version == "" {
		return "-"
	}
	return c.Version
}

// reopenedText introduces the re-opened decisions in Markdown.
func reopenedText(n int) string {
	were := "were"
	if n == 1 {
		were = "was"
	}
	return fmt.Sprintf("%s made for the previous release %s not applied: a component version changed, or the advisory was modified after the decision. "+
		"The findings they decided stay open until someone decides them again.", plural(n, "VEX decision", "VEX decisions"), were)
}

func listOr(xs []string, none string) string {
	if len(xs) == 0 {
		return none
	}
	return strings.Join(xs, ", ")
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format(time.RFC3339)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// summaryLine is the one-sentence result shared by table and Markdown.
func (r *Report) summaryLine() string {
	c := r.counts()
	var b strings.Builder
	fmt.Fprintf(&b, "%s in %s: %d checked, %d not matchable; ",
		plural(r.Components, "component", "components"), plural(len(r.SBOMs), "SBOM", "SBOMs"),
		r.Checked, len(r.NotMatchable))
	fmt.Fprintf(&b, "%s on %s",
		plural(len(r.Findings), "finding", "findings"), plural(c.components, "component", "components"))
	if decided := len(r.Findings) - c.open; decided > 0 || len(c.byStatus) > 0 {
		var parts []string
		for _, s := range []ward.VEXStatus{ward.VEXNotAffected, ward.VEXFixed, ward.VEXAffected, ward.VEXUnderInvestigation} {
			if n := c.byStatus[s]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, s))
			}
		}
		fmt.Fprintf(&b, " (VEX: %s)", strings.Join(parts, ", "))
	}
	b.WriteString("; open: ")
	if c.open == 0 {
		b.WriteString("none")
	} else {
		var parts []string
		for _, l := range severityOrder {
			if n := c.bySeverity[l]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, l))
			}
		}
		b.WriteString(strings.Join(parts, ", "))
	}
	b.WriteString(".")
	return b.String()
}

// nothingCheckedText says loudly why a scan without checked components is
// not a clean result.
func (r *Report) nothingCheckedText() string {
	if r.Components == 0 {
		return "NOTHING CHECKED: the SBOMs list no components. This is not a clean result."
	}
	return fmt.Sprintf("NOTHING CHECKED: none of the %d components could be compared with advisories (reasons above). "+
		"This is not a clean result: give the components purls, or map them with component_aliases in the security file (--security).",
		r.Components)
}

// gateLine describes the gate outcome, or "" when the caller applies none.
func (r *Report) gateLine(failOn string) string {
	if failOn == "" {
		return ""
	}
	if r.NothingChecked() {
		return fmt.Sprintf("Gate (--fail-on %s): FAILED, nothing could be checked.", failOn)
	}
	n := r.Blocking(failOn)
	if n == 0 {
		return fmt.Sprintf("Gate (--fail-on %s): passed, no open finding at or above %s (unknown severity counts as high).", failOn, failOn)
	}
	return fmt.Sprintf("Gate (--fail-on %s): FAILED, %s at or above %s without a not_affected or fixed VEX decision (unknown severity counts as high).",
		failOn, plural(n, "open finding", "open findings"), failOn)
}
