package scanreport

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/sarif"
)

// WriteSARIF writes r as a SARIF 2.1.0 log for code-scanning views.
//
// The run's tool.driver "ward" has one rule per advisory (in order of first
// finding): its summary, aliases as tags, the highest severity among its
// findings as default level and as "security-severity" (the CVSS score
// GitHub ranks by). Each finding is one result at the SBOM file it came
// from (Component.Pos.File) and the component's line when the parser gave
// one; the message names the component and says why it matched. A finding
// decided not_affected or fixed by VEX carries an accepted external
// suppression with the justification, so it shows as dismissed, not as
// gone. partialFingerprints identify a result by advisory and component,
// so that alerts survive line moves. Levels: critical, high and unknown →
// error; medium → warning; low and none → note.
//
// Each VEX decision of the previous release re-opened for review
// (Report.Reopened) is one more result, level note, of the rule
// "ward/vex-reopened" (listed after the advisory rules, only when there is
// one), at the SBOM of its component.
func WriteSARIF(w io.Writer, r *Report, o Options) error {
	if r == nil {
		return errors.New("scan SARIF report: no report")
	}
	run := sarif.Run{
		Tool:    sarif.Tool{Driver: sarif.Driver{Name: "ward", InformationURI: "https://github.com/wardhq/ward", Version: o.ToolVersion, Rules: []sarif.Rule{}}},
		Results: make([]sarif.Result, 0, len(r.Findings)),
		Properties: sarifRunProperties{
			SnapshotID: r.Snapshot.ID, NewestModified: formatTime(r.Snapshot.NewestModified),
			Components: r.Components, Checked: r.Checked, NotMatchable: len(r.NotMatchable),
		},
	}
	index := map[string]int{}
	var worst []*ward.Finding // per rule, its most severe finding
	for i := range r.Findings {
		f := &r.Findings[i]
		ri, ok := index[f.Advisory]
		if !ok {
			ri = len(run.Tool.Driver.Rules)
			index[f.Advisory] = ri
			short := f.Summary
			if short == "" {
				short = f.Advisory
			}
			full := short
			if len(f.Aliases) > 0 {
				full += " (also " + strings.Join(f.Aliases, ", ") + ")"
			}
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarif.Rule{
				ID:               f.Advisory,
				Name:             "Vulnerability" + strings.NewReplacer("-", "", ".", "").Replace(f.Advisory),
				ShortDescription: sarif.Message{Text: short},
				FullDescription:  sarif.Message{Text: full},
				HelpURI:          "https://osv.dev/vulnerability/" + f.Advisory,
				Help:             &sarif.Message{Text: fmt.Sprintf("%s. Details: https://osv.dev/vulnerability/%s", full, f.Advisory)},
			})
			worst = append(worst, nil)
		}
		if w := worst[ri]; w == nil || Rank(levelOf(f)) > Rank(levelOf(w)) ||
			(Rank(levelOf(f)) == Rank(levelOf(w)) && f.Severity.Score > w.Severity.Score) {
			worst[ri] = f
		}
		run.Results = append(run.Results, sarifResultOf(f, ri, r))
	}
	for i := range run.Tool.Driver.Rules {
		rule, w := &run.Tool.Driver.Rules[i], worst[i]
		rule.DefaultConfiguration.Level = sarifLevel(levelOf(w))
		props := sarifRuleProperties{Tags: append([]string{"security", "vulnerability"}, w.Aliases...)}
		if s := w.Severity; s.Score > 0 {
			props.SecuritySeverity = fmt.Sprintf("%.1f", s.Score)
		} else if levelOf(w) == "unknown" {
			// GitHub ranks by this number; unknown is treated as high.
			props.SecuritySeverity = "7.0"
		}
		rule.Properties = props
	}
	// After the advisory rules' levels are set: this rule has no finding
	// to take a severity from.
	if len(r.Reopened) > 0 {
		ri := len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, reopenedRule)
		for i := range r.Reopened {
			run.Results = append(run.Results, sarifReopened(&r.Reopened[i], ri, r))
		}
	}
	return sarif.Write(w, run)
}

func sarifResultOf(f *ward.Finding, ruleIndex int, r *Report) sarif.Result {
	c := f.Component
	name := "component"
	if c != nil {
		name = c.DisplayName()
	}
	msg := fmt.Sprintf("%s is affected by %s", name, f.Advisory)
	if len(f.Aliases) > 0 {
		msg += " (" + strings.Join(f.Aliases, ", ") + ")"
	}
	if f.Summary != "" {
		msg += ": " + f.Summary
	}
	msg += fmt.Sprintf(". Severity %s. Matched %s. Fixed in: %s.", severityText(f.Severity), why(f), listOr(f.Fixed, "no fixed version known"))
	if f.VEX != nil {
		msg += " VEX: " + vexText(f) + " (" + f.VEX.Source + ")."
	}
	res := sarif.Result{
		RuleID:    f.Advisory,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(levelOf(f)),
		Message:   sarif.Message{Text: msg},
		PartialFingerprints: map[string]string{
			"wardFinding/v1": fingerprint(f),
		},
	}
	res.Locations = sarifLocations(c, r)
	if f.VEX != nil && !Open(f) {
		just := string(f.VEX.Status)
		if f.VEX.Justification != "" {
			just += ": " + string(f.VEX.Justification)
		}
		if f.VEX.ImpactStatement != "" {
			just += ": " + f.VEX.ImpactStatement
		}
		res.Suppressions = []sarif.Suppression{{Kind: "external", Status: "accepted", Justification: just}}
	}
	return res
}

// sarifLocations places a result at the SBOM file c came from, at its
// line when the parser gave one, else at the only SBOM scanned; nil when
// neither is known.
func sarifLocations(c *ward.Component, r *Report) []sarif.Location {
	file := ""
	if c != nil {
		file = c.Pos.File
	}
	if file == "" && len(r.SBOMs) == 1 {
		file = r.SBOMs[0].Source
	}
	if file == "" {
		return nil
	}
	line, col := 0, 0
	if c != nil {
		line, col = c.Pos.Line, c.Pos.Col
	}
	loc := sarif.At(file, "", line, col)
	if c != nil && c.Path != "" {
		loc.LogicalLocations = []sarif.LogicalLocation{{FullyQualifiedName: c.Path, Kind: "module"}}
	}
	return []sarif.Location{loc}
}

// reopenedRule is the rule of the results for re-opened VEX decisions.
var reopenedRule = sarif.Rule{
	ID:               "ward/vex-reopened",
	Name:             "VEXDecisionReopened",
	ShortDescription: sarif.Message{Text: "VEX decision re-opened for review"},
	FullDescription: sarif.Message{Text: "A VEX decision made for the previous release was not applied to this one: " +
		"the component's version changed, or the advisory was modified after the decision."},
	HelpURI: "https://github.com/wardhq/ward",
	Help: &sarif.Message{Text: "Review the decision for this release and state it again in the VEX file; " +
		"until then the findings it decided stay open and count for the gate."},
	DefaultConfiguration: sarif.Configuration{Level: "note"},
	Properties:           sarifRuleProperties{Tags: []string{"security", "vex"}},
}

// sarifReopened is the note-level result for one re-opened decision, at
// the SBOM its component came from (else the only SBOM scanned).
func sarifReopened(ro *Reopened, ruleIndex int, r *Report) sarif.Result {
	c := ro.Component
	on := "no component of this scan"
	id := ""
	if c != nil {
		on = c.DisplayName()
		id = cmp.Or(c.PURL, c.Ref, c.DisplayName())
	}
	h := sha256.Sum256([]byte("reopened\x00" + ro.Vulnerability + "\x00" + id + "\x00" + ro.Source))
	res := sarif.Result{
		RuleID:    reopenedRule.ID,
		RuleIndex: ruleIndex,
		Level:     "note",
		Message: sarif.Message{Text: fmt.Sprintf("The VEX decision on %s for %s (%s) is re-opened for review and was not applied: %s.",
			ro.Vulnerability, on, ro.Source, ro.Reason)},
		PartialFingerprints: map[string]string{"wardReopened/v1": hex.EncodeToString(h[:16])},
	}
	res.Locations = sarifLocations(c, r)
	return res
}

// fingerprint identifies a finding across runs: advisory and component
// identity (purl, else bom-ref, else name and version), not its line.
func fingerprint(f *ward.Finding) string {
	id := ""
	if c := f.Component; c != nil {
		id = c.PURL
		if id == "" {
			id = c.Ref
		}
		if id == "" {
			id = c.DisplayName()
		}
	}
	h := sha256.Sum256([]byte(f.Advisory + "\x00" + id))
	return hex.EncodeToString(h[:16])
}

func sarifLevel(level string) string {
	switch Rank(level) {
	case 3, 4:
		return "error"
	case 2:
		return "warning"
	}
	return "note"
}

// sarifRunProperties record the advisory snapshot and the counts, so that
// the log alone says what was and was not checked.
type sarifRunProperties struct {
	SnapshotID     string `json:"advisorySnapshot"`
	NewestModified string `json:"advisoryNewestModified"`
	Components     int    `json:"components"`
	Checked        int    `json:"checked"`
	NotMatchable   int    `json:"notMatchable"`
}

type sarifRuleProperties struct {
	SecuritySeverity string   `json:"security-severity,omitempty"`
	Tags             []string `json:"tags"`
}
