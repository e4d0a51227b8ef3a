package document

import (
	"errors"
	"io"
	"strings"
	"unicode"

	"github.com/wardhq/ward/gap"
	"github.com/wardhq/ward/internal/sarif"
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
	run := sarif.Run{
		Tool: sarif.Tool{Driver: sarif.Driver{Name: "ward", Version: o.ToolVersion, Rules: []sarif.Rule{}}},
		Properties: sarifRunProperties{Standard: r.Standard, CatalogVersion: r.CatalogVersion,
			Product: r.Product, Date: r.Date, Route: r.Route},
		Results: []sarif.Result{},
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
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarif.Rule{
				ID:                   rr.ID,
				Name:                 pascalName(rr.Title, rr.ID),
				ShortDescription:     sarif.Message{Text: rr.Title},
				FullDescription:      sarif.Message{Text: full},
				DefaultConfiguration: sarif.Configuration{Level: sarifLevel(rr.Severity)},
				Properties:           sarifRuleProperties{Clause: c.ID, Severity: string(rr.Severity)},
			})
		}
	}
	for _, c := range r.Clauses {
		for _, rr := range c.Rules {
			if rr.Status != gap.Fail {
				continue
			}
			result := func(msg string, locs []sarif.Location) sarif.Result {
				if msg == "" {
					msg = rr.Message
				}
				if msg == "" {
					msg = rr.Title
				}
				return sarif.Result{RuleID: rr.ID, RuleIndex: index[rr.ID], Level: sarifLevel(rr.Severity),
					Message: sarif.Message{Text: msg}, Locations: locs}
			}
			// Missing items that a Location already places are not repeated
			// without one; count them off by text.
			located := map[string]int{}
			for _, l := range rr.Locations {
				run.Results = append(run.Results, result(l.Message, []sarif.Location{sarif.At(l.File, o.BaseDir, l.Line, l.Col)}))
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
	return sarif.Write(w, run)
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

type sarifRuleProperties struct {
	Clause   string `json:"clause"`
	Severity string `json:"severity"`
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
