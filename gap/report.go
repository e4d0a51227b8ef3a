package gap

import "github.com/wardhq/ward"

// Status is the verdict on a clause.
type Status string

const (
	Met           Status = "met"
	NotMet        Status = "not_met"
	NotApplicable Status = "not_applicable"
	Manual        Status = "manual" // a human must judge; the report says what to look at
)

// RuleStatus is the outcome of one rule.
type RuleStatus string

const (
	Pass       RuleStatus = "pass"
	Fail       RuleStatus = "fail"
	RuleManual RuleStatus = "manual"
	RuleNA     RuleStatus = "not_applicable"
)

// Report is the gap report of one product. Its JSON form is a contract
// that other tools read.
type Report struct {
	Standard       string         `json:"standard"`
	CatalogVersion string         `json:"catalog_version"`
	Product        string         `json:"product"`
	ProductName    string         `json:"product_name,omitempty"`
	Date           string         `json:"date"`  // the day the rules were evaluated for, YYYY-MM-DD
	Route          string         `json:"route"` // "clauses 4-9" or "annex F (transitional)"
	Clauses        []ClauseResult `json:"clauses"`
	Summary        Summary        `json:"summary"`
}

// Summary counts clauses per status.
type Summary struct {
	Met           int `json:"met"`
	NotMet        int `json:"not_met"`
	NotApplicable int `json:"not_applicable"`
	Manual        int `json:"manual"`
}

// ClauseResult is the verdict on one clause with its rules.
type ClauseResult struct {
	ID        string       `json:"id"`
	Title     string       `json:"title"`
	Status    Status       `json:"status"`
	Rationale string       `json:"rationale,omitempty"` // why not applicable
	Summary   string       `json:"summary,omitempty"`
	IEC62443  []string     `json:"iec62443_4_1,omitempty"`
	FDA       []string     `json:"fda,omitempty"`
	MDR       []string     `json:"mdr,omitempty"`
	CRA       []string     `json:"cra,omitempty"`
	Rules     []RuleResult `json:"rules"`
}

// RuleResult is the outcome of one rule: what it found and what is missing.
type RuleResult struct {
	ID        string     `json:"id"`
	Severity  Severity   `json:"severity"`
	Title     string     `json:"title"`
	Status    RuleStatus `json:"status"`
	Message   string     `json:"message"`
	Evidence  []string   `json:"evidence"` // IDs of the records that support the verdict
	Missing   []string   `json:"missing"`  // one line per gap, naming the record and what it lacks
	Locations []Location `json:"locations,omitempty"`
}

// Location places a gap in the security file, for SARIF and editors.
type Location struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
}

// Failed reports the highest severity among failed rules in clauses that are
// not met; "" when nothing failed.
func (r *Report) Failed() Severity {
	var worst Severity
	for _, c := range r.Clauses {
		for _, rr := range c.Rules {
			if rr.Status == Fail && rr.Severity.Rank() > worst.Rank() {
				worst = rr.Severity
			}
		}
	}
	return worst
}

// Gate reports whether a failed rule is at or above the threshold.
func (r *Report) Gate(threshold Severity) bool {
	return r.Failed().Rank() >= threshold.Rank() && r.Failed() != ""
}

func locationOf(p ward.Pos, msg string) Location {
	return Location{File: p.File, Line: p.Line, Col: p.Col, Message: msg}
}
