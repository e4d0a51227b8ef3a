package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/gitrev"
	"github.com/wardhq/ward/threat"
)

// runThreats is `ward threats [dir]`, `ward threats rules` and `ward threats
// diff A B`: the threats the rules derive from the data-flow model, with the
// team's decisions; the rules themselves; and what a model change does to
// the threats.
func runThreats(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return runThreatRules(e, args[1:])
		case "diff":
			return runThreatDiff(ctx, e, args[1:])
		}
	}
	fs := newFlags(e, "threats", "[dir] | rules | diff A B",
		"List the threats derived from the data-flow model by rules, with stable IDs and the decisions recorded in the security file, "+
			"then stale decisions and threats written by hand. 'ward threats rules' lists the rules; 'ward threats diff A B' compares two "+
			"versions of the model (for a folder named rules or diff, write ./rules).")
	format := fs.String("format", "text", "output format: text or json")
	date := fs.String("date", "", "evaluate support dates as of this day, YYYY-MM-DD (default: today, UTC)")
	verbose := fs.Bool("v", false, "text: also show each rule's detection logic, CWE and suggested controls")
	failOn := fs.String("fail-on", "none", "exit 1 when a derived threat is 'undecided' or a decision is stale, or 'none' to only report")
	dir, err := dirArg(fs, args)
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
	sf, err := loadValidFile(e, dir, nil)
	if err != nil {
		return err
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

// loadValidFile loads the security file in dir. A file with problems is
// not judged: the problems go to stderr as `ward validate` prints them,
// with rename applied to their file names (for folders materialized from
// git), and the error says what to do.
func loadValidFile(e *env, dir string, rename func(string) string) (*ward.SecurityFile, error) {
	sf, problems, err := loadSecurityFile(dir)
	if err != nil {
		return nil, err
	}
	if len(problems) == 0 {
		return sf, nil
	}
	name := dir
	if rename != nil {
		name = rename(dir)
		for _, p := range problems {
			p.File = rename(p.File)
		}
	}
	fmt.Fprintln(e.stderr, problems.Error())
	if name != dir { // a git revision: validate its checkout
		return nil, fmt.Errorf("%s: the security file has %d problem(s)", name, len(problems))
	}
	return nil, fmt.Errorf("%s: the security file has %d problem(s): fix them first ('ward validate %s')", name, len(problems), name)
}

func undecided(d threat.Decisions) int {
	n := 0
	for _, t := range d.Threats {
		if !isDecided(t.Decision) {
			n++
		}
	}
	return n
}

func isDecided(t *ward.Threat) bool { return t != nil && t.Decision != "" }

// threatJSON is one threat of the JSON contract of `ward threats` (and of
// the new and gone threats of `ward threats diff`).
type threatJSON struct {
	ID          string        `json:"id"`
	Rule        string        `json:"rule"`
	STRIDE      string        `json:"stride"`
	Elements    []string      `json:"elements"`
	Title       string        `json:"title"`
	Description string        `json:"description"`
	CWE         []string      `json:"cwe"`
	Safety      bool          `json:"safety"`
	Decision    *decisionJSON `json:"decision"` // null when undecided
}

// decisionJSON is the team's decision; every key is always present.
type decisionJSON struct {
	Decision      string   `json:"decision"`
	Controls      []string `json:"controls"`
	TransferredTo string   `json:"transferred_to"`
	Rationale     string   `json:"rationale"`
	ApprovedBy    string   `json:"approved_by"`
}

type staleJSON struct {
	ID     string `json:"id"`
	Source string `json:"source"`
}

func toThreatJSON(g ward.GeneratedThreat, dec *ward.Threat) threatJSON {
	tj := threatJSON{ID: g.ID, Rule: g.Rule, STRIDE: g.STRIDE, Elements: nonNil(g.Elements), Title: g.Title,
		Description: g.Description, CWE: nonNil(g.CWE), Safety: g.Safety}
	if isDecided(dec) {
		tj.Decision = &decisionJSON{Decision: dec.Decision, Controls: nonNil(dec.Controls), TransferredTo: dec.TransferredTo,
			Rationale: dec.Rationale, ApprovedBy: dec.ApprovedBy}
	}
	return tj
}

func toStaleJSON(list []*ward.Threat) []staleJSON {
	out := []staleJSON{}
	for _, s := range list {
		out = append(out, staleJSON{ID: s.ID, Source: s.Source})
	}
	return out
}

func writeThreatsJSON(w io.Writer, d threat.Decisions) error {
	out := struct {
		Threats []threatJSON `json:"threats"`
		Stale   []staleJSON  `json:"stale"`
		Manual  []string     `json:"manual"`
	}{Threats: []threatJSON{}, Stale: toStaleJSON(d.Stale), Manual: []string{}}
	for _, t := range d.Threats {
		out.Threats = append(out.Threats, toThreatJSON(t.GeneratedThreat, t.Decision))
	}
	for _, m := range d.Manual {
		out.Manual = append(out.Manual, m.ID)
	}
	return writeJSON(w, out)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeThreatsText(w io.Writer, d threat.Decisions, verbose bool) error {
	rules := ruleInfos()
	safety := 0
	for _, t := range d.Threats {
		if t.Safety {
			safety++
		}
		writeThreatText(w, "", t.GeneratedThreat, t.Decision, rules, verbose)
		fmt.Fprintln(w)
	}
	if len(d.Stale) > 0 {
		fmt.Fprintf(w, "Stale decisions (%d): no rule derives these threats any more\n", len(d.Stale))
		for _, s := range d.Stale {
			writeStaleText(w, s, nil)
		}
		fmt.Fprintln(w)
	}
	if len(d.Manual) > 0 {
		fmt.Fprintf(w, "Threats written by hand (%d)\n", len(d.Manual))
		for _, m := range d.Manual {
			dec := "undecided"
			if isDecided(m) {
				dec = describeDecision(m)
			}
			fmt.Fprintf(w, "  %s  %s: %s\n", m.ID, m.Title, dec)
		}
		fmt.Fprintln(w)
	}
	n := len(d.Threats)
	fmt.Fprintf(w, "%d threats derived from the model: %d decided, %d undecided, %d safety-relevant; %d stale decisions; %d threats written by hand\n",
		n, n-undecided(d), undecided(d), safety, len(d.Stale), len(d.Manual))
	return nil
}

func ruleInfos() map[string]threat.RuleInfo {
	rules := map[string]threat.RuleInfo{}
	for _, r := range threat.Rules() {
		rules[r.Info().ID] = r.Info()
	}
	return rules
}

// writeThreatText prints one threat as a block: ID, STRIDE and title, then
// indented details; tag ("NEW", "GONE") prefixes the first line.
func writeThreatText(w io.Writer, tag string, t ward.GeneratedThreat, dec *ward.Threat, rules map[string]threat.RuleInfo, verbose bool) {
	if tag != "" {
		tag += " "
	}
	safety := ""
	if t.Safety {
		safety = "  (safety-relevant)"
	}
	fmt.Fprintf(w, "%s%s  [%s]  %s%s\n", tag, t.ID, t.STRIDE, t.Title, safety)
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
	fmt.Fprintf(w, "    decision: %s\n", describeDecision(dec))
}

// writeStaleText explains one stale decision; rename maps a materialized
// folder's file names back to what the user typed.
func writeStaleText(w io.Writer, s *ward.Threat, rename func(string) string) {
	at := s.At
	if rename != nil && at.File != "" {
		at.File = rename(at.File)
	}
	where := ""
	if p := at.String(); p != "" {
		where = ", " + p
	}
	els := ""
	if len(s.Elements) > 0 {
		els = " (" + strings.Join(s.Elements, ", ") + ")"
	}
	fmt.Fprintf(w, "  STALE %s (%s%s): rule %s no longer fires on these elements%s — review or remove the record\n",
		s.ID, s.Source, where, strings.TrimPrefix(s.Source, "rule:"), els)
}

func describeDecision(t *ward.Threat) string {
	if !isDecided(t) {
		return "undecided (add a threats: record with this id, source rule:<rule> and a decision)"
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
	fs := newFlags(e, "threats rules", "", "List every threat-model rule with its ID, STRIDE category, CWE, detection logic, known false positives, suggested controls and whether it is health-specific.")
	format := fs.String("format", "text", "output format: text or json")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("threats rules takes no arguments")
	}
	if *format != "text" && *format != "json" {
		return usagef("unknown format %q (want text or json)", *format)
	}
	infos := []threat.RuleInfo{}
	for _, r := range threat.Rules() {
		info := r.Info()
		info.CWE, info.Controls = nonNil(info.CWE), nonNil(info.Controls)
		infos = append(infos, info)
	}
	if *format == "json" {
		return writeJSON(e.stdout, struct {
			Rules []threat.RuleInfo `json:"rules"`
		}{infos})
	}
	health := 0
	for _, r := range infos {
		kind := "generic"
		if r.Health {
			kind = "health"
			health++
		}
		fmt.Fprintf(e.stdout, "%s  [%s]  %s  (%s)\n", r.ID, r.STRIDE, r.Title, kind)
		fmt.Fprintf(e.stdout, "    cwe:             %s\n", strings.Join(r.CWE, ", "))
		fmt.Fprintf(e.stdout, "    detection:       %s\n", r.Detection)
		fmt.Fprintf(e.stdout, "    false positives: %s\n", r.FalsePositives)
		fmt.Fprintf(e.stdout, "    controls:        %s\n\n", strings.Join(r.Controls, "; "))
	}
	fmt.Fprintf(e.stdout, "%d rules (%d health-specific)\n", len(infos), health)
	return nil
}

// runThreatDiff is `ward threats diff A B`: the threats new in B, gone
// from A, and changed between them, and the decisions B orphans. A and B
// are folders or git revisions of a folder, REV:PATH.
func runThreatDiff(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "threats diff", "A B",
		"Compare the threats derived from two versions of the data-flow model: new, gone and changed threats, and decisions that become stale. "+
			"A and B are folders or git revisions of a folder written REV:PATH (e.g. HEAD~1:examples/infusion-pump), "+
			"PATH relative to the repository's top folder as in 'git show REV:PATH'.")
	format := fs.String("format", "text", "output format: text or json")
	date := fs.String("date", "", "evaluate support dates as of this day, YYYY-MM-DD (default: today, UTC)")
	repo := fs.String("repo", ".", "git repository (or a folder inside it) that REV:PATH arguments refer to")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("threats diff wants two arguments, A and B (folders or REV:PATH), got %d", len(pos))
	}
	if *format != "text" && *format != "json" {
		return usagef("unknown format %q (want text or json)", *format)
	}
	today, err := checkDate(e, *date)
	if err != nil {
		return err
	}
	var sides [2]*diffSide
	for i, arg := range pos {
		s, err := openDiffSide(ctx, e, arg, *repo)
		if s != nil {
			defer s.close()
		}
		if err != nil {
			return err
		}
		s.decisions = threat.Decide(threat.Generate(threat.NewModel(s.sf, today)), s.sf.Threats)
		sides[i] = s
	}
	a, b := sides[0], sides[1]
	rep := threatDiff{from: a, to: b, diff: threat.Diff(generated(a.decisions), generated(b.decisions)),
		stale: threat.NewlyStale(a.decisions, b.decisions)}
	if *format == "json" {
		return rep.writeJSON(e.stdout)
	}
	return rep.writeText(e.stdout)
}

// diffSide is one version of the model being compared.
type diffSide struct {
	label     string // as the user wrote it: a folder or REV:PATH
	dir       string // the folder loaded; a temporary one for REV:PATH
	temp      bool   // dir was materialized from git and is removed by close
	sf        *ward.SecurityFile
	decisions threat.Decisions
}

func (s *diffSide) close() {
	if s.temp {
		os.RemoveAll(s.dir)
	}
}

// rename maps a file under a materialized folder to REV:PATH/file, so
// messages name what the user typed, not a temporary folder.
func (s *diffSide) rename(file string) string {
	if !s.temp {
		return file
	}
	rel, err := filepath.Rel(s.dir, file)
	if err != nil || strings.HasPrefix(rel, "..") {
		return file
	}
	if rel == "." {
		return s.label
	}
	return strings.TrimSuffix(s.label, "/") + "/" + filepath.ToSlash(rel)
}

// openDiffSide loads a folder, or a REV:PATH materialized from git into a
// temporary folder. A returned side must be closed even with an error.
func openDiffSide(ctx context.Context, e *env, arg, repo string) (*diffSide, error) {
	s := &diffSide{label: arg, dir: arg}
	if fi, err := os.Stat(arg); err != nil || !fi.IsDir() {
		rev, p, ok := strings.Cut(arg, ":")
		switch {
		case err == nil:
			return nil, fmt.Errorf("%s is a file; want a folder or a git revision REV:PATH", arg)
		case !ok || rev == "":
			return nil, fmt.Errorf("%s: no such folder; for a git revision write REV:PATH, e.g. HEAD~1:examples/infusion-pump", arg)
		}
		dir, err := gitrev.Checkout(ctx, repo, rev, p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		s.dir, s.temp = dir, true
	}
	sf, err := loadValidFile(e, s.dir, s.rename)
	if err != nil {
		if s.temp {
			// The cause may name the temporary folder; say what was asked for.
			err = errors.New(strings.ReplaceAll(err.Error(), s.dir, arg))
		}
		return s, err
	}
	s.sf = sf
	return s, nil
}

func generated(d threat.Decisions) []ward.GeneratedThreat {
	out := make([]ward.GeneratedThreat, len(d.Threats))
	for i, t := range d.Threats {
		out[i] = t.GeneratedThreat
	}
	return out
}

// threatDiff is the report of `ward threats diff`.
type threatDiff struct {
	from, to *diffSide
	diff     threat.DiffResult
	stale    []*ward.Threat // decisions stale in to but not in from
}

// decision returns a side's decision on a threat, or nil.
func (s *diffSide) decision(id string) *ward.Threat {
	for _, t := range s.sf.Threats {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// changeJSON is a threat generated from both versions whose wording or
// stakes differ.
type changeJSON struct {
	ID       string         `json:"id"`
	Rule     string         `json:"rule"`
	STRIDE   string         `json:"stride"`
	Elements []string       `json:"elements"`
	Fields   []string       `json:"fields"` // title, description, assets, safety
	Before   changeSideJSON `json:"before"`
	After    changeSideJSON `json:"after"`
}

type changeSideJSON struct {
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Assets      []string `json:"assets"`
	Safety      bool     `json:"safety"`
}

func toChangeSide(g ward.GeneratedThreat) changeSideJSON {
	return changeSideJSON{Title: g.Title, Description: g.Description, Assets: nonNil(g.Assets), Safety: g.Safety}
}

func (r threatDiff) writeJSON(w io.Writer) error {
	out := struct {
		From    string       `json:"from"`
		To      string       `json:"to"`
		New     []threatJSON `json:"new"`     // with B's decision, if one was recorded ahead
		Gone    []threatJSON `json:"gone"`    // with A's decision
		Changed []changeJSON `json:"changed"` // with nothing of the decision: it is the same record
		Stale   []staleJSON  `json:"stale"`   // decisions that become stale in B
	}{From: r.from.label, To: r.to.label, New: []threatJSON{}, Gone: []threatJSON{}, Changed: []changeJSON{}, Stale: toStaleJSON(r.stale)}
	for _, g := range r.diff.New {
		out.New = append(out.New, toThreatJSON(g, r.to.decision(g.ID)))
	}
	for _, g := range r.diff.Gone {
		out.Gone = append(out.Gone, toThreatJSON(g, r.from.decision(g.ID)))
	}
	for _, c := range r.diff.Changed {
		out.Changed = append(out.Changed, changeJSON{ID: c.New.ID, Rule: c.New.Rule, STRIDE: c.New.STRIDE, Elements: nonNil(c.New.Elements),
			Fields: nonNil(c.Fields), Before: toChangeSide(c.Old), After: toChangeSide(c.New)})
	}
	return writeJSON(w, out)
}

func (r threatDiff) writeText(w io.Writer) error {
	d := r.diff
	fmt.Fprintf(w, "Threats from %s to %s: %d new, %d gone, %d changed; %d decisions become stale\n",
		r.from.label, r.to.label, len(d.New), len(d.Gone), len(d.Changed), len(r.stale))
	rules := ruleInfos()
	for _, g := range d.New {
		fmt.Fprintln(w)
		writeThreatText(w, "NEW", g, r.to.decision(g.ID), rules, false)
	}
	for _, g := range d.Gone {
		fmt.Fprintln(w)
		writeThreatText(w, "GONE", g, r.from.decision(g.ID), rules, false)
	}
	for _, c := range d.Changed {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "CHANGED %s  [%s]  %s\n", c.New.ID, c.New.STRIDE, c.New.Title)
		fmt.Fprintf(w, "    elements: %s\n", strings.Join(c.New.Elements, ", "))
		for _, f := range c.Fields {
			switch f {
			case "title":
				fmt.Fprintf(w, "    title:    %s\n           → %s\n", c.Old.Title, c.New.Title)
			case "description":
				fmt.Fprintf(w, "    why:      %s\n           → %s\n", c.Old.Description, c.New.Description)
			case "assets":
				fmt.Fprintf(w, "    assets:   %s → %s\n", listOrNone(c.Old.Assets), listOrNone(c.New.Assets))
			case "safety":
				fmt.Fprintf(w, "    safety:   %t → %t\n", c.Old.Safety, c.New.Safety)
			}
		}
		fmt.Fprintf(w, "    decision: %s\n", describeDecision(r.to.decision(c.New.ID)))
	}
	if len(r.stale) > 0 {
		fmt.Fprintf(w, "\nDecisions that become stale in %s (%d)\n", r.to.label, len(r.stale))
		for _, s := range r.stale {
			writeStaleText(w, s, r.to.rename)
		}
	}
	return nil
}

func listOrNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}
