package independence_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/independence"
)

// history is the repository TestCheck judges:
//
//	Gina   fw/legacy_login.c, fw/auth/token.c      (firmware team)
//	Carla  portal/app.js                           (portal team)
//	Anna   fw/auth/token.c                         (firmware team)
//	Frank  portal/api.js                           (a contractor no person matches)
//	Anna   fw/legacy_login.c → fw/auth/login.c     (rename)
//	       ── release 1.0 ──
//	Dana   fw/auth/token.c                         (V&V, after the release)
type history struct {
	repo           *repo
	release, short string // release 1.0's commit, and abbreviated
}

func newHistory(t *testing.T) history {
	r := newRepo(t)
	r.commit(gina, "login", map[string]string{"fw/legacy_login.c": lines("login", 20), "fw/auth/token.c": lines("token", 10)})
	r.commit(carla, "portal", map[string]string{"portal/app.js": lines("app", 10)})
	r.commit(anna, "token", map[string]string{"fw/auth/token.c": lines("token2", 10)})
	r.commit(frank, "api", map[string]string{"portal/api.js": lines("api", 10)})
	release := r.move(anna, "fw/legacy_login.c", "fw/auth/login.c")
	r.commit(dev{"Dana Okafor", "DANA.OKAFOR@meridian.example"}, "after the release", map[string]string{"fw/auth/token.c": lines("token3", 10)})
	return history{repo: r, release: release, short: release[:9]}
}

// securityFile is the security file of TestCheck: people, policy and the
// records tests reach their paths through; tests are added per case.
func securityFile(h history, tests ...*ward.Test) *ward.SecurityFile {
	person := func(id, name, email, org, dept, team string) *ward.Person {
		return &ward.Person{ID: id, Name: name, Email: email, Organisation: org, Department: dept, Team: team}
	}
	return &ward.SecurityFile{
		Product: &ward.Product{ID: "pump", Manufacturer: "Meridian Infusion Systems"},
		People: []*ward.Person{
			person("a.weber", "Anna Weber", "Anna.Weber@Meridian.example", "", "R&D", "firmware"), // organisation: the manufacturer
			person("b.stone", "Ben Stone", "ben.stone@meridian.example", "", "R&D", "firmware"),
			person("c.diaz", "Carla Diaz", "", "", "R&D", "portal"), // no email: matched by name
			person("d.okafor", "Dana Okafor", "dana.okafor@meridian.example", "", "V&V", "qa"),
			person("g.early", "Gina Early", "gina.early@meridian.example", "", "R&D", "firmware"),
			person("e.lab", "Erik Lund", "erik@penlab.example", "PenLab GmbH", "", ""),
			person("n.team", "Nora Free", "nora@meridian.example", "", "", ""), // no team, no department
		},
		Requirements: []*ward.Requirement{
			{ID: "REQ-AUTH", Paths: []string{"fw/auth/"}},
			{ID: "REQ-LOGIN", Paths: []string{"fw/auth/login.c"}},
			{ID: "REQ-PORTAL", Paths: []string{"portal/"}},
			{ID: "REQ-DOCS", Paths: []string{"docs/"}},
		},
		Controls:   []*ward.Control{{ID: "CTL-LOGIN", Requirements: []string{"REQ-LOGIN"}}},
		Components: []*ward.SoftwareItem{{ID: "CMP-fw", Paths: []string{"fw/"}}, {ID: "CMP-portal", Paths: []string{"portal"}}},
		Architecture: &ward.Architecture{Elements: []*ward.Element{
			{ID: "EL-portal", Components: []string{"CMP-portal"}},
		}},
		Releases: []*ward.ReleaseRecord{{Version: "1.0", Commit: h.release}, {Version: "2.0", Commit: "main"}},
		Policy: &ward.Policy{Independence: map[string]string{
			"security_requirement": "person", "fuzz": "person", "threat_mitigation": "team",
			"vulnerability_scan": "department", "penetration": "organisation", "dast": "none",
		}},
		Tests: tests,
	}
}

// TestCheck judges tests against the real history above, one case per
// way a test can pass, fail or not be assessable.
func TestCheck(t *testing.T) {
	t.Parallel()
	h := newHistory(t)
	git := &independence.Git{Dir: h.repo.dir}
	test := func(id string, kind ward.TestKind, f func(*ward.Test)) *ward.Test {
		tt := &ward.Test{ID: id, Kind: kind, Release: "1.0", At: ward.Pos{File: "verification.yaml", Line: 1}}
		f(tt)
		return tt
	}
	type want struct {
		verdict   independence.Verdict
		executors []string // of the violation
		authors   []string // of the violation
		message   []string // substrings of the violation's message, or of the reason
	}
	for _, tc := range []struct {
		name string
		test *ward.Test
		want want
	}{
		{"person/author_executes_own_code", test("TST-01", ward.TestSecurityRequirement, func(t *ward.Test) {
			t.Verifies, t.ExecutedBy = []string{"REQ-AUTH"}, []string{"a.weber"}
		}), want{independence.Violated, []string{"a.weber"}, []string{"a.weber"}, []string{
			"TST-01 (security_requirement) requires person independence: Anna Weber (a.weber) executed the test and committed to the covered paths (2 commits).",
			"Have the test executed by someone who did not write the code it covers."}}},

		{"person/team_colleague_passes", test("TST-02", ward.TestSecurityRequirement, func(t *ward.Test) {
			t.Verifies, t.ExecutedBy = []string{"REQ-AUTH"}, []string{"b.stone"}
		}), want{independence.Independent, nil, nil, []string{"no executor is among the authors of the covered code (2 authors)"}}},

		{"team/team_colleague_violates", test("TST-03", ward.TestThreatMitigation, func(t *ward.Test) {
			t.Verifies, t.ExecutedBy = []string{"REQ-AUTH"}, []string{"b.stone"}
		}), want{independence.Violated, []string{"b.stone"}, []string{"a.weber", "g.early"}, []string{
			"executor Ben Stone (b.stone) is in team firmware, as are the authors Anna Weber (a.weber, 2 commits) and Gina Early (g.early, 1 commit).",
			"Have the test executed by someone outside the authors' teams"}}},

		{"team/other_team_passes", test("TST-04", ward.TestThreatMitigation, func(t *ward.Test) {
			t.Verifies, t.ExecutedBy = []string{"REQ-AUTH"}, []string{"c.diaz"}
		}), want{independence.Independent, nil, nil, []string{"executors in team portal; authors in team firmware (2 authors)"}}},

		{"organisation/external_tester_passes", test("TST-05", ward.TestPenetration, func(t *ward.Test) {
			t.Components, t.ExecutedBy = []string{"CMP-fw"}, []string{"e.lab"}
		}), want{independence.Independent, nil, nil, []string{"executors in organisation PenLab GmbH; authors in organisation Meridian Infusion Systems (2 authors)"}}},

		{"organisation/test_organisation_names_external_testers", test("TST-06", ward.TestPenetration, func(t *ward.Test) {
			t.Components, t.ExecutedBy, t.Organisation = []string{"CMP-fw"}, []string{"n.team"}, "Other Lab AG"
		}), want{independence.Independent, nil, nil, []string{"executors in organisation Other Lab AG"}}},

		{"organisation/in_house_tester_violates", test("TST-07", ward.TestPenetration, func(t *ward.Test) {
			t.Components, t.ExecutedBy = []string{"CMP-fw"}, []string{"d.okafor"}
		}), want{independence.Violated, []string{"d.okafor"}, []string{"a.weber", "g.early"}, []string{
			"executor Dana Okafor (d.okafor) is in organisation Meridian Infusion Systems, as are the authors Anna Weber (a.weber, 2 commits) and Gina Early (g.early, 1 commit).",
			"Have the test executed by another organisation than the authors'"}}},

		{"release/commits_after_the_release_are_not_counted", test("TST-08", ward.TestFuzz, func(t *ward.Test) {
			t.Verifies, t.ExecutedBy = []string{"REQ-AUTH"}, []string{"d.okafor"}
		}), want{independence.Independent, nil, nil, nil}},

		{"release/head_counts_them", test("TST-09", ward.TestFuzz, func(t *ward.Test) {
			t.Verifies, t.ExecutedBy, t.Release = []string{"REQ-AUTH"}, []string{"d.okafor"}, ""
		}), want{independence.Violated, []string{"d.okafor"}, []string{"d.okafor"}, []string{
			"Dana Okafor (d.okafor) executed the test and committed to the covered paths (1 commit)"}}},

		{"release/build_commit_is_the_revision", test("TST-10", ward.TestFuzz, func(t *ward.Test) {
			t.Verifies, t.ExecutedBy, t.Release, t.Build = []string{"REQ-AUTH"}, []string{"d.okafor"}, "", h.short
		}), want{independence.Independent, nil, nil, nil}},

		{"unknown/identity_is_another_person_at_person_level", test("TST-11", ward.TestSecurityRequirement, func(t *ward.Test) {
			t.Verifies, t.ExecutedBy = []string{"REQ-PORTAL"}, []string{"d.okafor"}
		}), want{independence.Independent, nil, nil, []string{"no executor is among the authors of the covered code (2 authors)"}}},

		{"unknown/identity_is_named_above_person_level", test("TST-12", ward.TestVulnScan, func(t *ward.Test) {
			t.Components, t.ExecutedBy = []string{"EL-portal"}, []string{"d.okafor"} // an element: its components' paths
		}), want{independence.Violated, []string{"d.okafor"}, []string{"Frank Contract <frank@contractor.example>"}, []string{
			"git identity Frank Contract <frank@contractor.example>, which committed to the covered paths (1 commit), matches no person, so its department is unknown: add it to people: with its email and department"}}},

		{"rename/file_followed_through_a_control", test("TST-13", ward.TestSecurityRequirement, func(t *ward.Test) {
			t.Verifies, t.ExecutedBy = []string{"CTL-LOGIN"}, []string{"g.early"}
		}), want{independence.Violated, []string{"g.early"}, []string{"g.early"}, []string{
			"Gina Early (g.early) executed the test and committed to the covered paths (1 commit)"}}},

		{"listed/hand_listed_author_executes", test("TST-14", ward.TestSecurityRequirement, func(t *ward.Test) {
			t.Verifies, t.Authors, t.ExecutedBy = []string{"THR-1"}, []string{"e.lab"}, []string{"e.lab"}
		}), want{independence.Violated, []string{"e.lab"}, []string{"e.lab"}, []string{"Erik Lund (e.lab) executed the test and is listed among its authors"}}},

		{"missing/executor_without_department", test("TST-15", ward.TestVulnScan, func(t *ward.Test) {
			t.Verifies, t.ExecutedBy = []string{"REQ-AUTH"}, []string{"n.team"}
		}), want{independence.Violated, []string{"n.team"}, nil, []string{
			"executor Nora Free (n.team) has no department in people:, so department independence cannot be shown (add department:)"}}},

		{"not_assessable/no_paths_no_authors", test("TST-16", ward.TestSecurityRequirement, func(t *ward.Test) {
			t.Verifies, t.ExecutedBy = []string{"THR-1"}, []string{"a.weber"}
		}), want{independence.NotAssessable, nil, nil, []string{"covers no source paths and lists no authors"}}},

		{"not_assessable/paths_without_commits", test("TST-17", ward.TestSecurityRequirement, func(t *ward.Test) {
			t.Verifies, t.ExecutedBy = []string{"REQ-DOCS"}, []string{"a.weber"}
		}), want{independence.NotAssessable, nil, nil, []string{"no commit up to " + h.release[:12] + " (release 1.0) touches docs/"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, err := independence.Check(context.Background(), securityFile(h, tc.test), git, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Tests) != 1 {
				t.Fatalf("assessed %d tests, want 1: %+v", len(res.Tests), res)
			}
			a := res.Tests[0]
			if a.Verdict != tc.want.verdict {
				t.Fatalf("verdict = %s, want %s (%s)", a.Verdict, tc.want.verdict, a.Reason)
			}
			for _, s := range tc.want.message {
				if !strings.Contains(a.Reason, s) {
					t.Errorf("reason lacks %q:\n%s", s, a.Reason)
				}
			}
			if tc.want.verdict != independence.Violated {
				if len(res.Violations) != 0 {
					t.Errorf("violations = %+v, want none", res.Violations)
				}
				return
			}
			if len(res.Violations) != 1 {
				t.Fatalf("violations = %+v, want 1", res.Violations)
			}
			v := res.Violations[0]
			if v.Message != a.Reason || v.Test != tc.test.ID || v.Kind != tc.test.Kind || v.Required != a.Required || v.At != tc.test.At {
				t.Errorf("violation %+v does not match its assessment %+v", v, a)
			}
			if diff := cmp.Diff(tc.want.executors, v.Executors); diff != "" {
				t.Errorf("executors (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.want.authors, v.Authors, cmp.Comparer(func(a, b []string) bool {
				return len(a) == 0 && len(b) == 0 || cmp.Equal(a, b)
			})); diff != "" {
				t.Errorf("authors (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheckAccount checks the whole result of several tests: sorting,
// the release filter, skipped kinds, the account of authors and where the
// revision came from.
func TestCheckAccount(t *testing.T) {
	t.Parallel()
	h := newHistory(t)
	git := &independence.Git{Dir: h.repo.dir}
	sf := securityFile(h,
		&ward.Test{ID: "TST-3", Kind: ward.TestSecurityRequirement, Verifies: []string{"REQ-PORTAL"}, ExecutedBy: []string{"c.diaz"}, Build: "nightly-42"},
		&ward.Test{ID: "TST-1", Kind: ward.TestSecurityRequirement, Verifies: []string{"REQ-AUTH"}, ExecutedBy: []string{"a.weber"}, Release: "1.0"},
		&ward.Test{ID: "TST-2", Kind: ward.TestDAST, Verifies: []string{"REQ-AUTH"}, ExecutedBy: []string{"a.weber"}, Release: "1.0"},
		&ward.Test{ID: "TST-4", Kind: ward.TestSCA, ExecutedBy: []string{"a.weber"}, Release: "1.0"},
	)
	res, err := independence.Check(context.Background(), sf, git, "")
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Test, Revision, From string
		Verdict              independence.Verdict
		Authors              []independence.Author
	}
	var got []row
	for _, a := range res.Tests {
		got = append(got, row{a.Test, a.Revision, a.RevisionFrom, a.Verdict, a.Authors})
	}
	want := []row{
		{"TST-1", h.release, "release 1.0", independence.Violated, []independence.Author{
			{Name: "Anna Weber", Email: "anna.weber@meridian.example", Commits: 2, Person: "a.weber"},
			{Name: "Gina Early", Email: "gina.early@meridian.example", Commits: 1, Person: "g.early"},
		}},
		{"TST-3", "HEAD", "HEAD", independence.Violated, []independence.Author{
			{Name: "Carla Diaz", Email: "carla.diaz@meridian.example", Commits: 1, Person: "c.diaz"},
			{Name: "Frank Contract", Email: "frank@contractor.example", Commits: 1},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("account (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"TST-2", "TST-4"}, res.Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	var ids []string
	for _, v := range res.Violations {
		ids = append(ids, v.Test)
	}
	if diff := cmp.Diff([]string{"TST-1", "TST-3"}, ids); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}

	// One release: only its tests.
	res, err = independence.Check(context.Background(), sf, git, "1.0")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tests) != 1 || res.Tests[0].Test != "TST-1" || res.Release != "1.0" {
		t.Errorf("release 1.0: tests %+v, want TST-1 alone", res.Tests)
	}
}

// TestCheckDefaultPolicy: without policy: the defaults of ward.DefaultPolicy
// apply (security requirements need person independence).
func TestCheckDefaultPolicy(t *testing.T) {
	t.Parallel()
	h := newHistory(t)
	sf := securityFile(h, &ward.Test{ID: "TST-1", Kind: ward.TestSecurityRequirement, Verifies: []string{"REQ-AUTH"}, ExecutedBy: []string{"a.weber"}, Release: "1.0"},
		&ward.Test{ID: "TST-2", Kind: ward.TestThreatMitigation, Verifies: []string{"REQ-AUTH"}, ExecutedBy: []string{"b.stone"}, Release: "1.0"})
	sf.Policy = nil
	res, err := independence.Check(context.Background(), sf, &independence.Git{Dir: h.repo.dir}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tests) != 2 || res.Tests[0].Required != "person" || res.Tests[0].Verdict != independence.Violated ||
		res.Tests[1].Required != "person" || res.Tests[1].Verdict != independence.Independent {
		t.Errorf("tests = %+v, want TST-1 violating and TST-2 independent at person level", res.Tests)
	}
}

// TestCheckErrors: what stops the judgement is an error with a code.
func TestCheckErrors(t *testing.T) {
	t.Parallel()
	h := newHistory(t)
	git := &independence.Git{Dir: h.repo.dir}
	ctx := context.Background()
	tst := func(f func(*ward.Test)) *ward.Test {
		tt := &ward.Test{ID: "TST-1", Kind: ward.TestSecurityRequirement, Verifies: []string{"REQ-AUTH"}, ExecutedBy: []string{"b.stone"}}
		f(tt)
		return tt
	}
	for _, tc := range []struct {
		name    string
		sf      *ward.SecurityFile
		release string
		h       independence.History
		code    ward.Code
		message string
	}{
		{"unknown_release", securityFile(h, tst(func(*ward.Test) {})), "9.9", git, ward.ENotFound, `no release "9.9"`},
		{"unknown_level", func() *ward.SecurityFile {
			sf := securityFile(h, tst(func(*ward.Test) {}))
			sf.Policy.Independence["security_requirement"] = "group"
			return sf
		}(), "", git, ward.EInvalid, `policy.independence.security_requirement: unknown level "group"`},
		{"not_a_repository", securityFile(h, tst(func(t *ward.Test) { t.Release = "2.0" })), "", &independence.Git{Dir: t.TempDir()}, ward.EInvalid, "TST-1: authors of fw/auth/ up to main (release 2.0)"},
		{"build_commit_unknown", securityFile(h, tst(func(t *ward.Test) { t.Build = "deadbeefdeadbeef" })), "", git, ward.ENotFound, `unknown revision "deadbeefdeadbeef"`},
		{"history_fails", securityFile(h, tst(func(*ward.Test) {})), "", failing{}, ward.EInternal, "TST-1: authors of fw/auth/ up to HEAD (HEAD): disk on fire"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := independence.Check(ctx, tc.sf, tc.h, tc.release)
			if err == nil {
				t.Fatal("no error")
			}
			if c := ward.CodeOf(err); c != tc.code {
				t.Errorf("code = %s, want %s (%v)", c, tc.code, err)
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %q lacks %q", err, tc.message)
			}
		})
	}
}

// failing is a History that cannot read, to force the failure path.
type failing struct{}

func (failing) Authors(context.Context, []string, string) ([]independence.Author, error) {
	return nil, errors.New("disk on fire")
}
