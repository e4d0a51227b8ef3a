package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/independence"
)

// runIndependence is `ward evidence independence [dir] [--repo DIR]
// [--release V] [--format text|json]`: a read-only report of tester
// independence (5.7.5) judged from the git history of the code each test
// covers. It exits 1 when a test's executors are not independent enough.
func runIndependence(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "evidence independence", "[dir]",
		"Tester independence (IEC 81001-5-1 5.7.5) from the git history: for every test of a kind the policy's independence "+
			"table names, the authors of the paths it covers (its requirements', controls' and components' paths) up to the "+
			"tested commit, matched to people: by email or name, against who executed it. Exits 1 when a test violates its level.")
	repo := fs.String("repo", "", "git repository of the source (default: the repository around dir)")
	release := fs.String("release", "", "only the tests of this release")
	format := fs.String("format", "text", "output format: text or json")
	dir, err := dirArg(fs, args)
	if err != nil {
		return err
	}
	write, ok := independenceWriters[*format]
	if !ok {
		return usagef("unknown format %q (want text or json)", *format)
	}
	sf, problems, err := loadSecurityFile(dir)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w\nthe security file has %d problem(s): fix them first ('ward validate %s')", problems, len(problems), dir)
	}
	if *release != "" && !releaseRecorded(sf, *release) {
		return usagef("--release %s: no such release in %s", *release, dir)
	}
	g := &independence.Git{Dir: *repo}
	if *repo == "" {
		g.Dir = dir
	}
	top, err := g.TopLevel(ctx)
	if err != nil {
		if *repo == "" {
			return fmt.Errorf("%w; pass --repo with the repository of the source", err)
		}
		return err
	}
	res, err := independence.Check(ctx, sf, g, *release)
	if err != nil {
		return err
	}
	if err := write(e.stdout, top, &res); err != nil {
		return err
	}
	if len(res.Violations) > 0 {
		return ErrGateFailed
	}
	return nil
}

// releaseRecorded reports whether releases: has version.
func releaseRecorded(sf *ward.SecurityFile, version string) bool {
	for _, r := range sf.Releases {
		if r.Version == version {
			return true
		}
	}
	return false
}

var independenceWriters = map[string]func(w io.Writer, repo string, r *independence.Result) error{
	"text": writeIndependenceText,
	"json": writeIndependenceJSON,
}

// writeIndependenceText lists each assessed test: required level,
// revision, paths, executors, authors and verdict, then a summary.
func writeIndependenceText(w io.Writer, repo string, r *independence.Result) error {
	var b strings.Builder
	b.WriteString("Tester independence (IEC 81001-5-1 5.7.5)\n")
	fmt.Fprintf(&b, "repository: %s\n", repo)
	if r.Release != "" {
		fmt.Fprintf(&b, "release:    %s\n", r.Release)
	}
	for _, a := range r.Tests {
		fmt.Fprintf(&b, "\n%s  %s  requires %s independence: %s\n", a.Test, a.Kind, a.Required, independenceVerdicts[a.Verdict])
		if s := a.At.String(); s != "" {
			fmt.Fprintf(&b, "  record:    %s\n", s)
		}
		if a.RevisionFrom == a.Revision {
			fmt.Fprintf(&b, "  revision:  %s\n", a.Revision)
		} else {
			fmt.Fprintf(&b, "  revision:  %s (%s)\n", abbrevRevision(a.Revision), a.RevisionFrom)
		}
		fmt.Fprintf(&b, "  paths:     %s\n", noneIfEmpty(strings.Join(a.Paths, ", ")))
		fmt.Fprintf(&b, "  executors: %s\n", noneIfEmpty(strings.Join(a.Executors, ", ")))
		fmt.Fprintf(&b, "  authors:   %s\n", noneIfEmpty(independenceAuthors(a)))
		fmt.Fprintf(&b, "  %-10s %s\n", independenceReasons[a.Verdict]+":", a.Reason)
	}
	fmt.Fprintf(&b, "\n%d test(s) assessed: %d independent, %d violation(s), %d not assessable",
		len(r.Tests), r.Count(independence.Independent), r.Count(independence.Violated), r.Count(independence.NotAssessable))
	if len(r.Skipped) > 0 {
		fmt.Fprintf(&b, "; not required by the policy for their kind: %s", strings.Join(r.Skipped, ", "))
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

var independenceVerdicts = map[independence.Verdict]string{
	independence.Independent:   "independent",
	independence.Violated:      "VIOLATION",
	independence.NotAssessable: "not assessable",
}

var independenceReasons = map[independence.Verdict]string{
	independence.Independent:   "shown",
	independence.Violated:      "problem",
	independence.NotAssessable: "why",
}

// independenceAuthors is the authors of a test for the text report: people with
// their commits, identities no person matches, and those listed by hand.
func independenceAuthors(a independence.Assessment) string {
	var out []string
	listed := map[string]bool{}
	for _, id := range a.Listed {
		listed[id] = true
	}
	for _, au := range a.Authors {
		commits := fmt.Sprintf("%d commit", au.Commits)
		if au.Commits != 1 {
			commits += "s"
		}
		switch {
		case au.Person == "":
			out = append(out, fmt.Sprintf("%s (%s, no person in people:)", au, commits))
		case listed[au.Person]:
			out = append(out, fmt.Sprintf("%s (%s, listed)", au.Person, commits))
			delete(listed, au.Person)
		default:
			out = append(out, fmt.Sprintf("%s (%s)", au.Person, commits))
		}
	}
	for _, id := range a.Listed {
		if listed[id] {
			out = append(out, id+" (listed)")
			delete(listed, id)
		}
	}
	return strings.Join(out, ", ")
}

func noneIfEmpty(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// abbrevRevision abbreviates a full commit name to 12 characters.
func abbrevRevision(rev string) string {
	if len(rev) >= 40 && strings.Trim(rev, "0123456789abcdef") == "" {
		return rev[:12]
	}
	return rev
}

// writeIndependenceJSON writes the result with each record's position.
func writeIndependenceJSON(w io.Writer, repo string, r *independence.Result) error {
	type test struct {
		independence.Assessment
		At string `json:"at,omitempty"`
	}
	type violation struct {
		independence.Violation
		At string `json:"at,omitempty"`
	}
	out := struct {
		Repository string      `json:"repository"`
		Release    string      `json:"release,omitempty"`
		Counts     any         `json:"counts"`
		Tests      []test      `json:"tests"`
		Violations []violation `json:"violations"`
		Skipped    []string    `json:"skipped"`
	}{
		Repository: repo, Release: r.Release, Skipped: r.Skipped,
		Counts: map[independence.Verdict]int{
			independence.Independent:   r.Count(independence.Independent),
			independence.Violated:      r.Count(independence.Violated),
			independence.NotAssessable: r.Count(independence.NotAssessable),
		},
		Tests: []test{}, Violations: []violation{},
	}
	for _, a := range r.Tests {
		out.Tests = append(out.Tests, test{a, a.At.String()})
	}
	for _, v := range r.Violations {
		out.Violations = append(out.Violations, violation{v, v.At.String()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // "Name <email>" stays readable
	return enc.Encode(out)
}
