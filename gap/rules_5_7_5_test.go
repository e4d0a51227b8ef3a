package gap

import (
	"strings"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/independence"
)

// TestIndependenceFromHistory: with the repository's history read, the
// 5.7.5 rules judge by package independence's result, not by the authors
// listed by hand.
func TestIndependenceFromHistory(t *testing.T) {
	t.Parallel()
	sf := valid57()
	run := func(rule string, res *independence.Result) RuleResult {
		in := NewInput(sf, checkDay, nil, "")
		in.Independence = res
		var c Check
		checks[rule](in, &c)
		return c.result(&RuleInfo{ID: rule})
	}
	author := &independence.Result{Tests: []independence.Assessment{
		{Test: "TST-1", Kind: ward.TestSecurityRequirement, Required: "person", Paths: []string{"fw/auth"}, Revision: "abc123",
			Executors: []string{"t.test"}, Authors: []independence.Author{{Name: "T", Email: "t@x", Person: "t.test"}},
			Verdict: independence.Violated, Reason: "executed by t.test, who committed to fw/auth"},
		{Test: "TST-2", Kind: ward.TestSecurityRequirement, Required: "person", Executors: []string{"p.peer"},
			Verdict: independence.NotAssessable, Reason: "no covered paths and no authors listed"},
		{Test: "TST-3", Kind: ward.TestSecurityRequirement, Required: "person", Executors: []string{"p.peer"},
			Authors: []independence.Author{{Name: "D", Person: "d.dev"}}, Verdict: independence.Independent},
	}}
	got := run("R575-1", author)
	if got.Status != Fail || len(got.Missing) != 1 || !strings.Contains(got.Missing[0], "TST-1") || !strings.Contains(got.Missing[0], "fw/auth up to abc123") {
		t.Errorf("R575-1 = %s %q, want TST-1 failing with the history it read", got.Status, got.Missing)
	}
	got = run("R575-2", author)
	if got.Status != Fail || len(got.Missing) != 2 || !strings.Contains(got.Missing[1], "TST-2") || !strings.Contains(got.Missing[1], "cannot be shown") {
		t.Errorf("R575-2 = %s %q, want TST-1 and TST-2", got.Status, got.Missing)
	}
	if got := run("R575-2", &independence.Result{Tests: author.Tests[2:]}); got.Status != Pass {
		t.Errorf("R575-2 with an independent test = %s %q", got.Status, got.Missing)
	}
}
