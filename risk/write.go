package risk

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Options select what the writers show.
type Options struct {
	// SafetyOnly keeps the risks for the ISO 14971 safety risk file.
	SafetyOnly bool
}

func (r *Register) entries(o Options) []*Entry {
	if o.SafetyOnly {
		return r.Safety
	}
	return r.Entries
}

// WriteText writes the register as plain text, one block per risk.
func WriteText(w io.Writer, r *Register, o Options) error {
	bw := bufio.NewWriter(w)
	title := "Security risk register"
	if o.SafetyOnly {
		title = "Security risks for the ISO 14971 safety risk file"
	}
	if r.Product != "" {
		title += ": " + r.Product
	}
	fmt.Fprintln(bw, title)
	c := r.Counts
	fmt.Fprintf(bw, "%d risks: %d acceptable, %d not acceptable, %d undecided; %d for the safety risk file, %d of them incomplete\n",
		c.Risks, c.Acceptable, c.Unacceptable, c.Undecided, c.Safety, c.Incomplete)
	if m := r.policy.RiskMatrix; m != nil {
		fmt.Fprintf(bw, "risk matrix: exploitability (%s) × harm (%s); acceptable levels: %s\n",
			strings.Join(m.Exploitability, ", "), strings.Join(m.Harm, ", "), strings.Join(m.Acceptable, ", "))
	} else {
		fmt.Fprintln(bw, "risk matrix: none in the policy (set policy.risk_matrix to place estimates on it)")
	}
	list := r.entries(o)
	if len(list) == 0 {
		fmt.Fprintln(bw, "\n(no risks)")
	}
	for _, e := range list {
		fmt.Fprintf(bw, "\n%s  %s\n", e.ID, orDash(e.Title))
		field(bw, "threats", strings.Join(e.Threats, ", "))
		field(bw, "method", e.Method)
		field(bw, "pre", estimateText(e.Pre))
		field(bw, "post", estimateText(e.Post))
		field(bw, "controls", strings.Join(e.Controls, ", "))
		field(bw, "decision", decisionText(e))
		if e.Safety != "" {
			field(bw, "safety", e.Safety)
			field(bw, "hazards", strings.Join(e.Hazards, ", "))
			field(bw, "harm", e.HarmSeverity)
			if len(e.Missing) > 0 {
				field(bw, "MISSING", strings.Join(e.Missing, "; "))
			}
		}
		if e.TransferredTo != "" && e.TransferredTo != "none" {
			lab := "not in the labeling"
			if e.InLabeling {
				lab = "in the labeling"
			}
			field(bw, "transferred", e.TransferredTo+", "+lab)
		}
	}
	return bw.Flush()
}

func field(w io.Writer, name, value string) {
	if value == "" {
		value = "-"
	}
	fmt.Fprintf(w, "  %-12s %s\n", name+":", value)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func estimateText(e *Estimate) string {
	if e == nil {
		return ""
	}
	var parts []string
	if e.Severity != "" {
		s := e.Severity
		if e.Score > 0 || e.CVSS != "" {
			s += " " + strconv.FormatFloat(e.Score, 'f', 1, 64)
		}
		parts = append(parts, s)
	}
	if e.CVSS != "" {
		parts = append(parts, "("+e.CVSS+")")
	}
	switch {
	case e.Level != "":
		verdict := "not acceptable"
		if e.LevelAcceptable {
			verdict = "acceptable"
		}
		parts = append(parts, fmt.Sprintf("%s × %s → %s (%s)", e.Exploitability, e.Harm, e.Level, verdict))
	case e.LevelNote != "":
		parts = append(parts, "["+e.LevelNote+"]")
	}
	return strings.Join(parts, "  ")
}

func decisionText(e *Entry) string {
	var s string
	switch {
	case e.Acceptable == nil:
		s = "undecided (acceptable: not set)"
	case *e.Acceptable:
		s = "acceptable"
	default:
		s = "not acceptable"
	}
	if e.Criterion != "" {
		s += " under " + e.Criterion
	}
	if e.ApprovedBy != "" {
		s += ", approved by " + e.ApprovedBy
	}
	return s
}

// The JSON form is a contract: fields are added, never renamed.
type jsonRegister struct {
	Product string      `json:"product"`
	Safety  bool        `json:"safety_only"`
	Counts  jsonCounts  `json:"counts"`
	Risks   []jsonEntry `json:"risks"`
}

type jsonCounts struct {
	Risks        int `json:"risks"`
	Acceptable   int `json:"acceptable"`
	Unacceptable int `json:"unacceptable"`
	Undecided    int `json:"undecided"`
	Safety       int `json:"safety"`
	Incomplete   int `json:"safety_incomplete"`
}

type jsonEntry struct {
	ID            string        `json:"id"`
	Title         string        `json:"title"`
	Threats       []string      `json:"threats"`
	Method        string        `json:"method"`
	Pre           *jsonEstimate `json:"pre"`
	Post          *jsonEstimate `json:"post"`
	Controls      []string      `json:"controls"`
	Acceptable    *bool         `json:"acceptable"`
	Criterion     string        `json:"criterion"`
	ApprovedBy    string        `json:"approved_by"`
	TransferredTo string        `json:"transferred_to"`
	InLabeling    bool          `json:"in_labeling"`
	Safety        string        `json:"safety"`
	Hazards       []string      `json:"hazards"`
	HarmSeverity  string        `json:"harm_severity"`
	Missing       []string      `json:"missing"`
}

type jsonEstimate struct {
	CVSS            string  `json:"cvss"`
	Score           float64 `json:"score"`
	Severity        string  `json:"severity"`
	Exploitability  string  `json:"exploitability"`
	Harm            string  `json:"harm"`
	Level           string  `json:"level"`
	LevelAcceptable bool    `json:"level_acceptable"`
	LevelNote       string  `json:"level_note,omitempty"`
}

// WriteJSON writes the register as one JSON object.
func WriteJSON(w io.Writer, r *Register, o Options) error {
	c := r.Counts
	out := jsonRegister{Product: r.Product, Safety: o.SafetyOnly, Risks: []jsonEntry{},
		Counts: jsonCounts{c.Risks, c.Acceptable, c.Unacceptable, c.Undecided, c.Safety, c.Incomplete}}
	for _, e := range r.entries(o) {
		out.Risks = append(out.Risks, jsonEntry{ID: e.ID, Title: e.Title, Threats: nonNil(e.Threats), Method: e.Method,
			Pre: jsonEst(e.Pre), Post: jsonEst(e.Post), Controls: nonNil(e.Controls), Acceptable: e.Acceptable,
			Criterion: e.Criterion, ApprovedBy: e.ApprovedBy, TransferredTo: e.TransferredTo, InLabeling: e.InLabeling,
			Safety: e.Safety, Hazards: nonNil(e.Hazards), HarmSeverity: e.HarmSeverity, Missing: nonNil(e.Missing)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func jsonEst(e *Estimate) *jsonEstimate {
	if e == nil {
		return nil
	}
	return &jsonEstimate{e.CVSS, e.Score, e.Severity, e.Exploitability, e.Harm, e.Level, e.LevelAcceptable, e.LevelNote}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// CSVHeader is the header row of WriteCSV, part of its contract.
var CSVHeader = []string{"risk", "title", "threats", "pre_severity", "pre_score", "pre_exploitability", "pre_harm", "pre_level",
	"post_severity", "post_score", "post_exploitability", "post_harm", "post_level", "controls", "acceptable", "criterion",
	"safety", "hazards", "harm_severity", "missing"}

// WriteCSV writes one row per risk; lists are joined with "; ".
func WriteCSV(w io.Writer, r *Register, o Options) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	est := func(e *Estimate) []string {
		if e == nil {
			return []string{"", "", "", "", ""}
		}
		score := ""
		if e.Score > 0 || e.CVSS != "" {
			score = strconv.FormatFloat(e.Score, 'f', 1, 64)
		}
		return []string{e.Severity, score, e.Exploitability, e.Harm, e.Level}
	}
	for _, e := range r.entries(o) {
		acc := ""
		if e.Acceptable != nil {
			acc = strconv.FormatBool(*e.Acceptable)
		}
		row := []string{e.ID, e.Title, strings.Join(e.Threats, "; ")}
		row = append(row, est(e.Pre)...)
		row = append(row, est(e.Post)...)
		row = append(row, strings.Join(e.Controls, "; "), acc, e.Criterion, e.Safety, strings.Join(e.Hazards, "; "),
			e.HarmSeverity, strings.Join(e.Missing, "; "))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
