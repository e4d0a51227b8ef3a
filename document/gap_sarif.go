package document

import (
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/wardhq/ward/gap"
)

// SARIFOptions tune the SARIF gap report.
type SARIFOptions struct {
	// ToolVersion is ward's version, written as tool.driver.version; "" leaves it out.
	ToolVersion string
	// BaseDir is the folder artifact URIs are relative to, usually the
	// repository root the CI scans. It and the report's Location.File values
	// must both be absolute or both relative to the same folder. A file
	// outside BaseDir, or any file when BaseDir is "", is written as given:
	// a relative URI, or a file:// URI when absolute.
	BaseDir string
}

// SARIF 2.1.0 identifiers.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
)

// WriteGapSARIF writes r as a SARIF 2.1.0 log, so that code-scanning views
// in CI show each gap at the file and line of the record concerned.
//
// The log has one run whose tool.driver "ward" lists every rule of the
// report (first occurrence of each ID, in report order) with its severity
// as the default level: blocker → error, major → warning, minor → note.
// Each failed rule gives one result per Location (message = the location's
// message, artifact URI relative to o.BaseDir, 1-based line and column when
// known), plus one result without a location for each missing item that has
// no Location; a failed rule with neither gets one result carrying its
// message. Rules that passed, need judgement or do not apply give no result.
//
// fullDescription is the rule's explanation from the embedded clause
// catalog when the report was made with that catalog version, else its title.
func WriteGapSARIF(w io.Writer, r *gap.Report, o SARIFOptions) error {
	if r == nil {
		return errors.New("gap SARIF report: no report")
	}
	explain := catalogExplanations(r.CatalogVersion)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: "ward", Version: o.ToolVersion, Rules: []sarifRule{}}},
		Properties: sarifRunProperties{Standard: r.Standard, CatalogVersion: r.CatalogVersion,
			Product: r.Product, Date: r.Date, Route: r.Route},
		Results: []sarifResult{},
	}
	index := map[string]int{}
	for _, c := range r.Clauses {
		for _, rr := range c.Rules {
			if _, ok := index[rr.ID]; ok {
				continue
			}
			index[rr.ID] = len(run.Tool.Driver.Rules)
			full := explain[rr.ID]
			if full == "" {
				full = rr.Title
			}
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
				ID:                   rr.ID,
				Name:                 pascalName(rr.Title, rr.ID),
				ShortDescription:     sarifMessage{Text: rr.Title},
				FullDescription:      sarifMessage{Text: full},
				DefaultConfiguration: sarifConfiguration{Level: sarifLevel(rr.Severity)},
				Properties:           sarifRuleProperties{Clause: c.ID, Severity: string(rr.Severity)},
			})
		}
	}
	for _, c := range r.Clauses {
		for _, rr := range c.Rules {
			if rr.Status != gap.Fail {
				continue
			}
			result := func(msg string, locs []sarifLocation) sarifResult {
				if msg == "" {
					msg = rr.Message
				}
				if msg == "" {
					msg = rr.Title
				}
				return sarifResult{RuleID: rr.ID, RuleIndex: index[rr.ID], Level: sarifLevel(rr.Severity),
					Message: sarifMessage{Text: msg}, Locations: locs}
			}
			// Missing items that a Location already places are not repeated
			// without one; count them off by text.
			located := map[string]int{}
			for _, l := range rr.Locations {
				run.Results = append(run.Results, result(l.Message, []sarifLocation{sarifLocationOf(l, o.BaseDir)}))
				located[l.Message]++
			}
			unlocated := 0
			for _, m := range rr.Missing {
				if located[m] > 0 {
					located[m]--
					continue
				}
				run.Results = append(run.Results, result(m, nil))
				unlocated++
			}
			if len(rr.Locations) == 0 && unlocated == 0 {
				run.Results = append(run.Results, result(rr.Message, nil))
			}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
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

// sarifRunProperties says what the run assessed, for whoever reads the log
// without the report.
type sarifRunProperties struct {
	Standard       string `json:"standard"`
	CatalogVersion string `json:"catalogVersion"`
	Product        string `json:"product"`
	Date           string `json:"date"`
	Route          string `json:"route"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name    string      `json:"name"`
	Version string      `json:"version,omitempty"`
	Rules   []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifMessage        `json:"shortDescription"`
	FullDescription      sarifMessage        `json:"fullDescription"`
	DefaultConfiguration sarifConfiguration  `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	Clause   string `json:"clause"`
	Severity string `json:"severity"`
}

// sarifMessage is SARIF's message and multiformatMessageString: plain text here.
type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
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

func sarifLocationOf(l gap.Location, base string) sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{
		ArtifactLocation: sarifArtifactLocation{URI: artifactURI(l.File, base)}}}
	if l.Line > 0 { // SARIF lines and columns are 1-based; 0 means unknown here
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: l.Line, StartColumn: max(l.Col, 0)}
	}
	return loc
}

// artifactURI turns a file path into a URI reference: relative to base with
// forward slashes when the file lies under base, else as given.
func artifactURI(file, base string) string {
	p := file
	if base != "" {
		if rel, err := filepath.Rel(base, file); err == nil && rel != ".." &&
			!strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			p = rel
		}
	}
	p = filepath.ToSlash(p)
	if filepath.IsAbs(p) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive path: file:///C:/…
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	// url.URL escapes spaces and the like, and guards a first segment
	// holding a colon from reading as a scheme.
	return (&url.URL{Path: p}).String()
}

func sarifLevel(s gap.Severity) string {
	switch s {
	case gap.Blocker:
		return "error"
	case gap.Major:
		return "warning"
	case gap.Minor:
		return "note"
	}
	return "warning" // SARIF's own default level
}

// pascalName makes SARIF's rule name (a readable identifier) from the
// rule's title: "Suppliers of custom-built items are bound" →
// "SuppliersOfCustomBuiltItemsAreBound". It falls back to the rule ID.
func pascalName(title, id string) string {
	var b strings.Builder
	upper := true
	for _, r := range title {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
		}
		upper = false
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return id
	}
	return b.String()
}

// catalogExplanations maps rule IDs to their explanations in the embedded
// clause catalog, or returns nil when that catalog is not the version the
// report was made with (or cannot be read): then the titles must do.
func catalogExplanations(version string) map[string]string {
	cat, err := gap.Load()
	if err != nil || cat == nil || version == "" || cat.Version != version {
		return nil
	}
	m := map[string]string{}
	for _, c := range cat.Clauses {
		for _, ri := range c.Rules {
			m[ri.ID] = ri.Explanation
		}
	}
	return m
}
