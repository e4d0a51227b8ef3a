package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/threat"
)

// runThreats is `ward threats [dir]` and `ward threats rules`: the threats
// the rules derive from the data-flow model, with the team's decisions.
func runThreats(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "rules" {
		return runThreatRules(e, args[1:])
	}
	fs := newFlags(e, "threats", "[dir] | rules", "List the threats derived from the data-flow model by rules, with stable IDs and the decisions recorded in the security file; 'ward threats rules' lists the rules.")
	format := fs.String("format", "text", "output format: text or json")
	date := fs.String("date", "", "evaluate support dates as of this day, YYYY-MM-DD (default: today, UTC)")
	verbose := fs.Bool("v", false, "text: also show each rule's detection logic, CWE and suggested controls")
	failOn := fs.String("fail-on", "none", "exit 1 on 'undecided' threats or stale decisions, or 'none'")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	dir, err := oneDir(pos)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("unknown format %q (want text or json)", *format)
	}
	if *failOn != "none" && *failOn != "undecided" {
		return usagef("--fail-on: want undecided or none, got %q", *failOn)
	}
	today, err := checkDate(e, *date)
	if err != nil {
		return err
	}
	sf, problems, err := loadSecurityFile(dir)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w\nthe security file has %d problem(s): fix them first ('ward validate %s')", problems, len(problems), dir)
	}
	d := threat.Decide(threat.Generate(threat.NewModel(sf, today)), sf.Threats)
	if *format == "json" {
		err = writeThreatsJSON(e.stdout, d)
	} else {
		err = writeThreatsText(e.stdout, d, *verbose)
	}
	if err != nil {
		return err
	}
	if *failOn == "undecided" && (undecided(d) > 0 || len(d.Stale) > 0) {
		return ErrGateFailed
	}
	return nil
}

func undecided(d threat.Decisions) int {
	n := 0
	for _, t := range d.Threats {
		if t.Decision == nil || t.Decision.Decision == "" {
			n++
		}
	}
	return n
}

// threatJSON is one threat of the JSON contract.
type threatJSON struct {
	ID          string        `json:"id"`
	Rule        string        `json:"rule"`
	STRIDE      string        `json:"stride"`
	Elements    []string      `json:"elements"`
	Title       string        `json:"title"`
	Description string        `json:"description"`
	CWE         []string      `json:"cwe"`
	Safety      bool          `json:"safety"`
	Decision    *decisionJSON `json:"decision"`
}

type decisionJSON struct {
	Decision      string   `json:"decision"`
	Controls      []string `json:"controls"`
	TransferredTo string   `json:"transferred_to,omitempty"`
	Rationale     string   `json:"rationale,omitempty"`
	ApprovedBy    string   `json:"approved_by,omitempty"`
}

type staleJSON struct {
	ID     string `json:"id"`
	Source string `json:"source"`
}

func writeThreatsJSON(w io.Writer, d threat.Decisions) error {
	out := struct {
		Threats []threatJSON `json:"threats"`
		Stale   []staleJSON  `json:"stale"`
		Manual  []string     `json:"manual"`
	}{Threats: []threatJSON{}, Stale: []staleJSON{}, Manual: []string{}}
	for _, t := range d.Threats {
		tj := threatJSON{ID: t.ID, Rule: t.Rule, STRIDE: t.STRIDE, Elements: nonNil(t.Elements), Title: t.Title,
			Description: t.Description, CWE: nonNil(t.CWE), Safety: t.Safety}
		if dec := t.Decision; dec != nil && dec.Decision != "" {
			tj.Decision = &decisionJSON{Decision: dec.Decision, Controls: nonNil(dec.Controls), TransferredTo: dec.TransferredTo,
				Rationale: dec.Rationale, ApprovedBy: dec.ApprovedBy}
		}
		out.Threats = append(out.Threats, tj)
	}
	for _, s := range d.Stale {
		out.Stale = append(out.Stale, staleJSON{ID: s.ID, Source: s.Source})
	}
	for _, m := range d.Manual {
		out.Manual = append(out.Manual, m.ID)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeThreatsText(w io.Writer, d threat.Decisions, verbose bool) error {
	rules := map[string]threat.RuleInfo{}
	for _, r := range threat.Rules() {
		rules[r.Info().ID] = r.Info()
	}
	safety := 0
	for _, t := range d.Threats {
		if t.Safety {
			safety++
		}
		fmt.Fprintf(w, "%s  [%s]  %s\n", t.ID, t.STRIDE, t.Title)
		fmt.Fprintf(w, "    elements: %s\n", strings.Join(t.Elements, ", "))
		fmt.Fprintf(w, "    why:      %s\n", t.Description)
		if info, ok := rules[t.Rule]; ok && verbose {
			fmt.Fprintf(w, "    rule:     %s — %s\n", info.ID, info.Title)
			fmt.Fprintf(w, "    detects:  %s\n", info.Detection)
			if len(info.CWE) > 0 {
				fmt.Fprintf(w, "    cwe:      %s\n", strings.Join(info.CWE, ", "))
			}
			if len(info.Controls) > 0 {
				fmt.Fprintf(w, "    controls: %s\n", strings.Join(info.Controls, "; "))
			}
		}
		fmt.Fprintf(w, "    decision: %s\n\n", describeDecision(t.Decision))
	}
	for _, s := range d.Stale {
		fmt.Fprintf(w, "STALE %s (%s at %s): %s no longer fires on these elements — review the decision and remove the record\n",
			s.ID, s.Source, s.At, strings.TrimPrefix(s.Source, "rule:"))
	}
	fmt.Fprintf(w, "%d threats derived from the model (%d safety-relevant): %d decided, %d undecided; %d stale decisions; %d threats written by hand\n",
		len(d.Threats), safety, len(d.Threats)-undecided(d), undecided(d), len(d.Stale), len(d.Manual))
	return nil
}

func describeDecision(t *ward.Threat) string {
	if t == nil || t.Decision == "" {
		return "UNDECIDED (add a threats: record with this id, source rule:<rule> and a decision)"
	}
	s := t.Decision
	switch {
	case len(t.Controls) > 0:
		s += " by " + strings.Join(t.Controls, ", ")
	case t.TransferredTo != "":
		s += " to " + t.TransferredTo
	}
	if t.Rationale != "" {
		s += ": " + t.Rationale
	}
	if t.ApprovedBy != "" {
		s += " (approved by " + t.ApprovedBy + ")"
	}
	return s
}

// runThreatRules is `ward threats rules`: every rule with its metadata.
func runThreatRules(e *env, args []string) error {
	fs := newFlags(e, "threats rules", "", "List every threat-model rule with its ID, STRIDE category, CWE, detection logic, known false positives and suggested controls.")
	format := fs.String("format", "text", "output format: text or json")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("threats rules takes no arguments")
	}
	var infos []threat.RuleInfo
	for _, r := range threat.Rules() {
		infos = append(infos, r.Info())
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(struct {
			Rules []threat.RuleInfo `json:"rules"`
		}{infos})
	case "text":
	default:
		return usagef("unknown format %q (want text or json)", *format)
	}
	for _, r := range infos {
		fmt.Fprintf(e.stdout, "%s  [%s]  %s\n", r.ID, r.STRIDE, r.Title)
		fmt.Fprintf(e.stdout, "    cwe:             %s\n", strings.Join(r.CWE, ", "))
		fmt.Fprintf(e.stdout, "    detection:       %s\n", r.Detection)
		fmt.Fprintf(e.stdout, "    false positives: %s\n", r.FalsePositives)
		fmt.Fprintf(e.stdout, "    controls:        %s\n\n", strings.Join(r.Controls, "; "))
	}
	fmt.Fprintf(e.stdout, "%d rules\n", len(infos))
	return nil
}
