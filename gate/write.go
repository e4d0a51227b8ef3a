package gate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/wardhq/ward/gap"
)

// WriteText writes the decision for a person: the verdict, then every
// blocker with its gaps and their places in the security file, then what
// to confirm, then the gate rules that passed.
func WriteText(w io.Writer, r *Result) error {
	bw := bufio.NewWriter(w)
	rel := r.Release
	if rel == "" {
		rel = "(no release recorded)"
	}
	fmt.Fprintf(bw, "Release gate: %s %s (evaluated for %s)\n", r.Product, rel, r.Date)
	if r.Blocked {
		fmt.Fprintf(bw, "BLOCKED: %d %s\n", len(r.Blockers), plural(len(r.Blockers), "reason", "reasons"))
	} else {
		fmt.Fprintln(bw, "PASS: no gate rule fails")
	}
	for _, b := range r.Blockers {
		fmt.Fprintf(bw, "\n  ✘ %s  %s  %s  %s\n", b.Rule, b.Severity, orDash(b.Clause), b.Title)
		writeGaps(bw, b)
	}
	if len(r.ToConfirm) > 0 {
		fmt.Fprintf(bw, "\nTo confirm before shipping (need a person's judgement; they do not block):\n")
		for _, b := range r.ToConfirm {
			fmt.Fprintf(bw, "\n  ? %s  %s  %s\n", b.Rule, orDash(b.Clause), b.Title)
			writeGaps(bw, b)
		}
	}
	fmt.Fprintf(bw, "\nPassed: %d gate %s", len(r.Passed), plural(len(r.Passed), "rule", "rules"))
	if len(r.Passed) > 0 {
		fmt.Fprintf(bw, " (%s)", strings.Join(r.Passed, ", "))
	}
	fmt.Fprintln(bw)
	if len(r.NotApplicable) > 0 {
		fmt.Fprintf(bw, "Not applicable: %s\n", strings.Join(r.NotApplicable, ", "))
	}
	return bw.Flush()
}

func writeGaps(w io.Writer, b Reason) {
	at := map[string][]string{}
	for _, l := range b.Locations {
		at[l.Message] = append(at[l.Message], place(l))
	}
	for _, m := range b.Messages {
		fmt.Fprintf(w, "      - %s\n", m)
		if places := at[m]; len(places) > 0 {
			fmt.Fprintf(w, "        at %s\n", places[0])
			at[m] = places[1:]
		}
	}
}

func place(l gap.Location) string {
	switch {
	case l.Line > 0 && l.Col > 0:
		return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Col)
	case l.Line > 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	}
	return l.File
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// The JSON form is a contract: fields are added, never renamed.
type jsonResult struct {
	Product       string       `json:"product"`
	Release       string       `json:"release"`
	Date          string       `json:"date"`
	Blocked       bool         `json:"blocked"`
	Blockers      []jsonReason `json:"blockers"`
	ToConfirm     []jsonReason `json:"to_confirm"`
	Passed        []string     `json:"passed"`
	NotApplicable []string     `json:"not_applicable"`
}

type jsonReason struct {
	Rule      string         `json:"rule"`
	Clause    string         `json:"clause"`
	Title     string         `json:"title"`
	Severity  gap.Severity   `json:"severity"`
	Messages  []string       `json:"messages"`
	Locations []gap.Location `json:"locations"`
}

// WriteJSON writes the decision as one JSON object.
func WriteJSON(w io.Writer, r *Result) error {
	out := jsonResult{Product: r.Product, Release: r.Release, Date: r.Date, Blocked: r.Blocked,
		Blockers: jsonReasons(r.Blockers), ToConfirm: jsonReasons(r.ToConfirm),
		Passed: nonNil(r.Passed), NotApplicable: nonNil(r.NotApplicable)}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func jsonReasons(rs []Reason) []jsonReason {
	out := []jsonReason{}
	for _, r := range rs {
		locs := r.Locations
		if locs == nil {
			locs = []gap.Location{}
		}
		out = append(out, jsonReason{r.Rule, r.Clause, r.Title, r.Severity, nonNil(r.Messages), locs})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
