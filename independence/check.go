// Package independence judges tester independence (IEC 81001-5-1 5.7.5)
// from the real history of the source: for every test of a kind the
// policy's independence table names, it asks git who wrote the code the
// test covers, up to the commit that was tested, and compares those people
// with the ones who executed the test at the level the policy requires.
//
// It imports only ward and the standard library; history comes through
// the History interface, whose implementation Git runs the git command.
package independence

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/wardhq/ward"
)

// Levels of independence, weakest first, as in policy.independence.
const (
	LevelPerson       = "person"       // no executor wrote the code
	LevelTeam         = "team"         // no executor shares a team with an author
	LevelDepartment   = "department"   // no executor shares a department with an author
	LevelOrganisation = "organisation" // the executors work for another organisation than every author
)

// Verdict is the outcome of one test's assessment.
type Verdict string

const (
	Independent   Verdict = "independent"    // the executors reach the required level
	Violated      Verdict = "violation"      // they do not, or it cannot be shown for a known author
	NotAssessable Verdict = "not_assessable" // nothing to compare: no covered paths and no listed authors
)

// Violation is one test whose executors are not independent enough of the
// authors of what it covers.
type Violation struct {
	Test      string        `json:"test"`
	Kind      ward.TestKind `json:"kind"`
	Required  string        `json:"required"`  // person, team, department, organisation
	Executors []string      `json:"executors"` // person IDs of the executors involved, sorted
	Authors   []string      `json:"authors"`   // person IDs, or "name <email>" for identities no person matches, sorted
	Message   string        `json:"message"`   // plain text naming the people involved and what to do
	At        ward.Pos      `json:"-"`         // the test record's position
}

// Assessment is the account of one test, for reports: what was read and
// what was concluded.
type Assessment struct {
	Test         string        `json:"test"`
	Kind         ward.TestKind `json:"kind"`
	Required     string        `json:"required"`
	Revision     string        `json:"revision"`      // revision whose history was read
	RevisionFrom string        `json:"revision_from"` // "release V" (its commit), "build" (the test's build) or "HEAD"
	Paths        []string      `json:"paths"`         // source paths the test covers, sorted, as written
	Executors    []string      `json:"executors"`     // person IDs, as on the test
	Authors      []Author      `json:"authors"`       // git identities of Paths up to Revision, Person set when matched
	Listed       []string      `json:"listed_authors"`
	Verdict      Verdict       `json:"verdict"`
	Reason       string        `json:"reason"` // why: the violation's message, what was shown, or why nothing could be
	At           ward.Pos      `json:"-"`
}

// Result is the judgement of a security file's tests.
type Result struct {
	Release    string       `json:"release,omitempty"` // the release judged; "" for every test
	Tests      []Assessment `json:"tests"`             // every test of a kind with a required level, by ID
	Violations []Violation  `json:"violations"`        // by test ID
	Skipped    []string     `json:"skipped"`           // tests of kinds the policy requires no independence for, by ID
}

// Count returns how many tests got verdict v.
func (r *Result) Count(v Verdict) int {
	n := 0
	for _, a := range r.Tests {
		if a.Verdict == v {
			n++
		}
	}
	return n
}

// Check judges every test of sf (only those whose release is release,
// when release is not "") and returns violations sorted by test ID, plus a
// per-test account.
//
// The paths a test covers are the paths of the requirements it verifies,
// of the requirements implemented by the controls it verifies, and of the
// software items it lists in components (for an element, the items that run
// in it). Their authors are read from h up to the release's commit, else
// the test's build when it is a commit name, else HEAD, and matched to
// people by email (case-insensitive), else by exact name. Authors listed
// by hand on the test are added.
//
// Errors: a release not in releases: is ENotFound; a level in
// policy.independence that is not a level is EInvalid; errors of h are
// returned with the test they were for.
func Check(ctx context.Context, sf *ward.SecurityFile, h History, release string) (Result, error) {
	res := Result{Release: release, Tests: []Assessment{}, Violations: []Violation{}, Skipped: []string{}}
	x := newIndex(sf)
	if release != "" && x.releases[release] == nil {
		return res, ward.Errorf(ward.ENotFound, "no release %q in releases:", release)
	}
	pol := sf.Policy.Effective()
	type query struct{ until, paths string }
	memo := map[query][]Author{}

	tests := slices.Clone(sf.Tests)
	slices.SortStableFunc(tests, func(a, b *ward.Test) int { return cmp.Compare(a.ID, b.ID) })
	for _, t := range tests {
		if release != "" && t.Release != release {
			continue
		}
		level := strings.ToLower(strings.TrimSpace(pol.Independence[string(t.Kind)]))
		switch level {
		case "", "none":
			res.Skipped = append(res.Skipped, t.ID)
			continue
		case LevelPerson, LevelTeam, LevelDepartment, LevelOrganisation:
		default:
			at := ""
			if sf.Policy != nil {
				at = sf.Policy.At.String() + ": "
			}
			return res, ward.Errorf(ward.EInvalid, "%spolicy.independence.%s: unknown level %q (want none, person, team, department or organisation)",
				at, t.Kind, pol.Independence[string(t.Kind)])
		}
		a := Assessment{Test: t.ID, Kind: t.Kind, Required: level, Paths: x.paths(t),
			Executors: nonNil(t.ExecutedBy), Listed: nonNil(t.Authors), Authors: []Author{}, At: t.At}
		a.Revision, a.RevisionFrom = x.revision(t)
		if len(a.Paths) > 0 {
			q := query{a.Revision, strings.Join(a.Paths, "\x00")}
			authors, ok := memo[q]
			if !ok {
				var err error
				if authors, err = h.Authors(ctx, a.Paths, a.Revision); err != nil {
					return res, fmt.Errorf("%s: authors of %s up to %s (%s): %w", t.ID, strings.Join(a.Paths, ", "), a.Revision, a.RevisionFrom, err)
				}
				memo[q] = authors
			}
			for _, au := range authors {
				au.Person = x.match(au)
				a.Authors = append(a.Authors, au)
			}
		}
		switch {
		case len(t.ExecutedBy) == 0:
			a.Verdict, a.Reason = NotAssessable, "no executed_by: record who ran the test"
		case len(a.Paths) == 0 && len(t.Authors) == 0:
			a.Verdict, a.Reason = NotAssessable, "covers no source paths and lists no authors: add paths: to the requirements it verifies or to the components it lists, or authors: to the test"
		case len(a.Authors) == 0 && len(t.Authors) == 0:
			a.Verdict = NotAssessable
			a.Reason = fmt.Sprintf("no commit up to %s (%s) touches %s: check the paths (relative to the repository's top folder) and the revision",
				short(a.Revision), a.RevisionFrom, strings.Join(a.Paths, ", "))
		default:
			v := x.judge(t, level, a.Authors)
			if v == nil {
				a.Verdict, a.Reason = Independent, x.shown(t, level, a.Authors)
				break
			}
			a.Verdict, a.Reason = Violated, v.Message
			res.Violations = append(res.Violations, *v)
		}
		res.Tests = append(res.Tests, a)
	}
	return res, nil
}

// index holds the records Check looks up.
type index struct {
	sf           *ward.SecurityFile
	people       map[string]*ward.Person
	byEmail      map[string]*ward.Person // lower-case email
	byName       map[string]*ward.Person // exact name
	requirements map[string]*ward.Requirement
	controls     map[string]*ward.Control
	items        map[string]*ward.SoftwareItem
	elements     map[string]*ward.Element
	releases     map[string]*ward.ReleaseRecord
}

func newIndex(sf *ward.SecurityFile) *index {
	x := &index{sf: sf, people: map[string]*ward.Person{}, byEmail: map[string]*ward.Person{}, byName: map[string]*ward.Person{},
		requirements: map[string]*ward.Requirement{}, controls: map[string]*ward.Control{}, items: map[string]*ward.SoftwareItem{},
		elements: map[string]*ward.Element{}, releases: map[string]*ward.ReleaseRecord{}}
	// The first record wins a duplicate key, as people: reads top down.
	for _, p := range sf.People {
		if _, ok := x.people[p.ID]; !ok {
			x.people[p.ID] = p
		}
		if e := strings.ToLower(strings.TrimSpace(p.Email)); e != "" {
			if _, ok := x.byEmail[e]; !ok {
				x.byEmail[e] = p
			}
		}
		if _, ok := x.byName[p.Name]; !ok && p.Name != "" {
			x.byName[p.Name] = p
		}
	}
	for _, r := range sf.Requirements {
		x.requirements[r.ID] = r
	}
	for _, c := range sf.Controls {
		x.controls[c.ID] = c
	}
	for _, it := range sf.Components {
		x.items[it.ID] = it
	}
	if sf.Architecture != nil {
		for _, e := range sf.Architecture.Elements {
			x.elements[e.ID] = e
		}
	}
	for _, r := range sf.Releases {
		x.releases[r.Version] = r
	}
	return x
}

// paths returns the source paths test t covers, sorted, each once.
func (x *index) paths(t *ward.Test) []string {
	var out []string
	for _, id := range t.Verifies {
		if r := x.requirements[id]; r != nil {
			out = append(out, r.Paths...)
		}
		if c := x.controls[id]; c != nil {
			for _, rid := range c.Requirements {
				if r := x.requirements[rid]; r != nil {
					out = append(out, r.Paths...)
				}
			}
		}
	}
	for _, id := range t.Components {
		if it := x.items[id]; it != nil {
			out = append(out, it.Paths...)
		}
		if e := x.elements[id]; e != nil {
			for _, cid := range e.Components {
				if it := x.items[cid]; it != nil {
					out = append(out, it.Paths...)
				}
			}
		}
	}
	out = slices.DeleteFunc(out, func(p string) bool { return strings.TrimSpace(p) == "" })
	slices.Sort(out)
	return nonNil(slices.Compact(out))
}

// commitName is what a build must look like to be read as a revision: an
// abbreviated or full SHA-1 or SHA-256 object name. A build number or a
// version label is not one (a release gives its commit instead).
var commitName = regexp.MustCompile(`^[0-9a-fA-F]{7,64}$`)

// revision returns the revision whose history test t is judged on, and
// where it came from.
func (x *index) revision(t *ward.Test) (rev, from string) {
	if r := x.releases[t.Release]; r != nil && strings.TrimSpace(r.Commit) != "" {
		return strings.TrimSpace(r.Commit), "release " + t.Release
	}
	if b := strings.TrimSpace(t.Build); commitName.MatchString(b) {
		return b, "build"
	}
	return "HEAD", "HEAD"
}

// match returns the ID of the person an identity belongs to: by email,
// case-insensitive, else by exact name; "" when nobody matches.
func (x *index) match(a Author) string {
	if p := x.byEmail[strings.ToLower(strings.TrimSpace(a.Email))]; p != nil && a.Email != "" {
		return p.ID
	}
	if p := x.byName[a.Name]; p != nil {
		return p.ID
	}
	return ""
}

// party is one author of what a test covers: a person, or a git identity
// no person matches.
type party struct {
	id      string       // person ID; "" for an unknown identity
	p       *ward.Person // nil when unknown, or when the ID is not in people:
	ident   string       // for unknown identities: "name <email>"
	name    string
	email   string
	commits int  // commits to the covered paths
	listed  bool // listed by hand in the test's authors:
}

// label names a party in messages and in Violation.Authors.
func (p *party) label() string {
	if p.id == "" {
		return p.ident
	}
	return p.id
}

// parties merges git identities (several may be one person) and the
// authors listed on t, in order: people by ID, then unknown identities.
func (x *index) parties(t *ward.Test, authors []Author) []*party {
	byID := map[string]*party{}
	var out []*party
	for _, a := range authors {
		if a.Person == "" {
			out = append(out, &party{ident: a.String(), name: a.Name, email: a.Email, commits: a.Commits})
			continue
		}
		if p := byID[a.Person]; p != nil {
			p.commits += a.Commits
			continue
		}
		p := &party{id: a.Person, p: x.people[a.Person], commits: a.Commits}
		byID[a.Person] = p
		out = append(out, p)
	}
	for _, id := range t.Authors {
		if p := byID[id]; p != nil {
			p.listed = true
			continue
		}
		p := &party{id: id, p: x.people[id], listed: true}
		byID[id] = p
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b *party) int {
		unknown := func(p *party) int {
			if p.id == "" {
				return 1
			}
			return 0
		}
		return cmp.Or(cmp.Compare(unknown(a), unknown(b)), cmp.Compare(a.label(), b.label()))
	})
	return out
}

// who names a person for messages: "Name (id)", or the ID alone.
func (x *index) who(id string) string {
	if p := x.people[id]; p != nil && p.Name != "" {
		return p.Name + " (" + id + ")"
	}
	return id
}

// wrote says how a party is an author.
func wrote(a *party) string {
	switch {
	case a.commits > 0 && a.listed:
		return fmt.Sprintf("committed to the covered paths (%s) and is listed among its authors", plural(a.commits, "commit"))
	case a.commits > 0:
		return fmt.Sprintf("committed to the covered paths (%s)", plural(a.commits, "commit"))
	}
	return "is listed among its authors"
}

// credit names an author with what makes them one: "Anna Weber
// (a.weber, 2 commits)", "(a.weber, listed on the test)".
func (x *index) credit(a *party) string {
	var how []string
	if a.commits > 0 {
		how = append(how, plural(a.commits, "commit"))
	}
	if a.listed {
		how = append(how, "listed on the test")
	}
	name := a.id
	if a.p != nil && a.p.Name != "" {
		name = a.p.Name + " (" + a.id + ", "
	} else {
		name += " ("
	}
	return name + strings.Join(how, ", ") + ")"
}

// and joins names as prose: "a", "a and b", "a, b and c".
func and(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// attr returns the unit of p that a level compares: team, department or
// organisation. For organisation, an executor's own organisation comes
// first, then the test's organisation (external testers), then the
// product's manufacturer (in-house staff need not repeat it).
func (x *index) attr(level string, p *ward.Person, t *ward.Test) string {
	var v string
	switch level {
	case LevelTeam:
		v = p.Team
	case LevelDepartment:
		v = p.Department
	case LevelOrganisation:
		v = p.Organisation
		if v == "" && t != nil {
			v = t.Organisation
		}
		if v == "" && x.sf.Product != nil {
			v = x.sf.Product.Manufacturer
		}
	}
	return strings.TrimSpace(v)
}

// advice says what to do about a violation of level.
var advice = map[string]string{
	LevelPerson:       "Have the test executed by someone who did not write the code it covers.",
	LevelTeam:         "Have the test executed by someone outside the authors' teams, or complete people: where a team is missing.",
	LevelDepartment:   "Have the test executed by someone outside the authors' departments, or complete people: where a department is missing.",
	LevelOrganisation: "Have the test executed by another organisation than the authors', or complete people: where an organisation is missing.",
}

// judge compares the executors of t with its authors at level and returns
// the violation, or nil when the level is reached.
func (x *index) judge(t *ward.Test, level string, authors []Author) *Violation {
	var problems []string
	seen := map[string]bool{}
	problem := func(format string, args ...any) {
		if s := fmt.Sprintf(format, args...); !seen[s] {
			seen[s] = true
			problems = append(problems, s)
		}
	}
	badExec, badAuth := map[string]bool{}, map[string]bool{}
	executors := slices.Compact(slices.Sorted(slices.Values(t.ExecutedBy)))
	parties := x.parties(t, authors)

	// Every level includes the first: nobody tests their own code.
	for _, a := range parties {
		if a.id != "" && slices.Contains(executors, a.id) {
			problem("%s executed the test and %s", x.who(a.id), wrote(a))
			badExec[a.id], badAuth[a.id] = true, true
		}
	}

	if level == LevelPerson {
		// An identity no person matches is someone else, unless it
		// carries an executor's email or name.
		for _, a := range parties {
			if a.id != "" {
				continue
			}
			for _, e := range executors {
				p := x.people[e]
				if p == nil {
					continue
				}
				if (a.email != "" && strings.EqualFold(a.email, strings.TrimSpace(p.Email))) || strings.EqualFold(a.name, p.Name) {
					problem("git identity %s, which committed to the covered paths (%s), has the name or email of executor %s",
						a.ident, plural(a.commits, "commit"), x.who(e))
					badExec[e], badAuth[a.ident] = true, true
				}
			}
		}
	} else {
		units := map[string]string{}  // executor ID → unit
		same := map[string][]*party{} // executor ID → authors in the same unit
		for _, e := range executors {
			p := x.people[e]
			if p == nil {
				problem("executor %s is not in people:, so its %s is unknown", e, level)
				badExec[e] = true
				continue
			}
			u := x.attr(level, p, t)
			if u == "" {
				problem("executor %s has no %s in people:, so %s independence cannot be shown (add %s:)", x.who(e), level, level, level)
				badExec[e] = true
				continue
			}
			units[e] = u
		}
		for _, a := range parties {
			switch {
			case a.id == "":
				problem("git identity %s, which committed to the covered paths (%s), matches no person, so its %s is unknown: add it to people: with its email and %s",
					a.ident, plural(a.commits, "commit"), level, level)
				badAuth[a.ident] = true
				for _, e := range executors {
					badExec[e] = true
				}
				continue
			case slices.Contains(executors, a.id):
				continue // reported above
			case a.p == nil:
				problem("author %s is not in people:, so its %s is unknown", a.id, level)
				badAuth[a.id] = true
				continue
			}
			u := x.attr(level, a.p, nil)
			if u == "" {
				problem("author %s, who %s, has no %s in people:, so %s independence cannot be shown (add %s:)", x.who(a.id), wrote(a), level, level, level)
				badAuth[a.id] = true
				continue
			}
			for _, e := range executors {
				if eu, ok := units[e]; ok && strings.EqualFold(eu, u) {
					same[e] = append(same[e], a)
				}
			}
		}
		for _, e := range executors {
			if len(same[e]) == 0 {
				continue
			}
			var names []string
			for _, a := range same[e] {
				names = append(names, x.credit(a))
				badAuth[a.id] = true
			}
			badExec[e] = true
			problem("executor %s is in %s %s, as are the authors %s", x.who(e), level, units[e], and(names))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return &Violation{
		Test: t.ID, Kind: t.Kind, Required: level,
		Executors: slices.Sorted(maps.Keys(badExec)),
		Authors:   slices.Sorted(maps.Keys(badAuth)),
		Message:   fmt.Sprintf("%s (%s) requires %s independence: %s. %s", t.ID, t.Kind, level, strings.Join(problems, "; "), advice[level]),
		At:        t.At,
	}
}

// shown says, for a test that reached its level, what shows it.
func (x *index) shown(t *ward.Test, level string, authors []Author) string {
	parties := x.parties(t, authors)
	if level == LevelPerson {
		return fmt.Sprintf("no executor is among the authors of the covered code (%s)", plural(len(parties), "author"))
	}
	var eu, au []string
	for _, e := range t.ExecutedBy {
		if p := x.people[e]; p != nil {
			eu = append(eu, x.attr(level, p, t))
		}
	}
	for _, a := range parties {
		if a.p != nil {
			au = append(au, x.attr(level, a.p, nil))
		}
	}
	return fmt.Sprintf("executors in %s %s; authors in %s %s (%s)", level, list(eu), level, list(au), plural(len(parties), "author"))
}

func list(s []string) string {
	slices.Sort(s)
	return strings.Join(slices.Compact(s), ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// short abbreviates a full commit name for messages.
func short(rev string) string {
	if len(rev) >= 40 && commitName.MatchString(rev) {
		return rev[:12]
	}
	return rev
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}
