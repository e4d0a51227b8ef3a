package scanreport

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/wardhq/ward"
)

// SARIF 2.1.0 identifiers.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
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
	run := sarifRun{
		Tool:    sarifTool{Driver: sarifDriver{Name: "ward", InformationURI: "https://github.com/wardhq/ward", Version: o.ToolVersion, Rules: []sarifRule{}}},
		Results: make([]sarifResult, 0, len(r.Findings)),
		Properties: sarifRunProperties{
			SnapshotID: r.Snapshot.ID, NewestModified: formatTime(r.Snapshot.NewestModified),
			Components: r.Components, Checked: r.Checked, NotMatchable: len(r.NotMatchable),
		},
	}
	index := map[string]int{}
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
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
				ID:               f.Advisory,
				Name:             "Vulnerability" + strings.NewReplacer("-", "", ".", "").Replace(f.Advisory),
				ShortDescription: sarifMessage{Text: short},
				FullDescription:  sarifMessage{Text: full},
				HelpURI:          "https://osv.dev/vulnerability/" + f.Advisory,
				Help:             sarifMessage{Text: fmt.Sprintf("%s. Details: https://osv.dev/vulnerability/%s", full, f.Advisory)},
				Properties:       sarifRuleProperties{Tags: append([]string{"security", "vulnerability"}, f.Aliases...)},
			})
		}
		rule := &run.Tool.Driver.Rules[ri]
		if rule.severity == nil || Rank(levelOf(f)) > Rank(levelOf(rule.severity)) ||
			(Rank(levelOf(f)) == Rank(levelOf(rule.severity)) && f.Severity.Score > rule.severity.Severity.Score) {
			rule.severity = f
		}
		run.Results = append(run.Results, sarifResultOf(f, ri, r))
	}
	for i := range run.Tool.Driver.Rules {
		rule := &run.Tool.Driver.Rules[i]
		rule.DefaultConfiguration.Level = sarifLevel(levelOf(rule.severity))
		if s := rule.severity.Severity; s.Score > 0 {
			rule.Properties.SecuritySeverity = fmt.Sprintf("%.1f", s.Score)
		} else if levelOf(rule.severity) == "unknown" {
			// GitHub ranks by this number; unknown is treated as high.
			rule.Properties.SecuritySeverity = "7.0"
		}
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
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}); err != nil {
		return err
	}
	return bw.Flush()
}

func sarifResultOf(f *ward.Finding, ruleIndex int, r *Report) sarifResult {
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
	res := sarifResult{
		RuleID:    f.Advisory,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(levelOf(f)),
		Message:   sarifMessage{Text: msg},
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
		res.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: just}}
	}
	return res
}

// sarifLocations places a result at the SBOM file c came from, at its
// line when the parser gave one, else at the only SBOM scanned; nil when
// neither is known.
func sarifLocations(c *ward.Component, r *Report) []sarifLocation {
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
	loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: artifactURI(file)}}}
	if c != nil && c.Pos.Line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: c.Pos.Line, StartColumn: c.Pos.Col}
	}
	if c != nil && c.Path != "" {
		loc.LogicalLocations = []sarifLogicalLocation{{FullyQualifiedName: c.Path, Kind: "module"}}
	}
	return []sarifLocation{loc}
}

// reopenedRule is the rule of the results for re-opened VEX decisions.
var reopenedRule = sarifRule{
	ID:               "ward/vex-reopened",
	Name:             "VEXDecisionReopened",
	ShortDescription: sarifMessage{Text: "VEX decision re-opened for review"},
	FullDescription: sarifMessage{Text: "A VEX decision made for the previous release was not applied to this one: " +
		"the component's version changed, or the advisory was modified after the decision."},
	HelpURI: "https://github.com/wardhq/ward",
	Help: sarifMessage{Text: "Review the decision for this release and state it again in the VEX file; " +
		"until then the findings it decided stay open and count for the gate."},
	DefaultConfiguration: sarifConfiguration{Level: "note"},
	Properties:           sarifRuleProperties{Tags: []string{"security", "vex"}},
}

// sarifReopened is the note-level result for one re-opened decision, at
// the SBOM its component came from (else the only SBOM scanned).
func sarifReopened(ro *Reopened, ruleIndex int, r *Report) sarifResult {
	c := ro.Component
	on := "no component of this scan"
	id := ""
	if c != nil {
		on = c.DisplayName()
		id = cmp.Or(c.PURL, c.Ref, c.DisplayName())
	}
	h := sha256.Sum256([]byte("reopened\x00" + ro.Vulnerability + "\x00" + id + "\x00" + ro.Source))
	res := sarifResult{
		RuleID:    reopenedRule.ID,
		RuleIndex: ruleIndex,
		Level:     "note",
		Message: sarifMessage{Text: fmt.Sprintf("The VEX decision on %s for %s (%s) is re-opened for review and was not applied: %s.",
			ro.Vulnerability, on, ro.Source, ro.Reason)},
		PartialFingerprints: map[string]string{"wardReopened/v1": hex.EncodeToString(h[:16])},
	}
	res.Locations = sarifLocations(c, r)
	return res
}

// artifactURI is a relative file as a relative URI reference, an absolute
// one as a file:// URI.
func artifactURI(file string) string {
	if filepath.IsAbs(file) {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()
	}
	return (&url.URL{Path: filepath.ToSlash(file)}).String()
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

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool          `json:"tool"`
	Results    []sarifResult      `json:"results"`
	Properties sarifRunProperties `json:"properties"`
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

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifMessage        `json:"shortDescription"`
	FullDescription      sarifMessage        `json:"fullDescription"`
	HelpURI              string              `json:"helpUri"`
	Help                 sarifMessage        `json:"help"`
	DefaultConfiguration sarifConfiguration  `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`

	severity *ward.Finding // the most severe finding of the rule
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	SecuritySeverity string   `json:"security-severity,omitempty"`
	Tags             []string `json:"tags"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

type sarifLogicalLocation struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}
