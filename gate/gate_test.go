package gate_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/wardhq/ward/gap"
	"github.com/wardhq/ward/gate"
)

func report() *gap.Report {
	return &gap.Report{ProductName: "Pump", Date: "2026-11-26", Clauses: []gap.ClauseResult{
		{ID: "4.1.1", Status: gap.NotMet, Rules: []gap.RuleResult{
			{ID: "R411-1", Severity: gap.Major, Status: gap.Fail, Missing: []string{"no process document"}},
		}},
		{ID: "5.7.1", Status: gap.NotMet, Rules: []gap.RuleResult{
			{ID: "R571-1", Severity: gap.Blocker, Title: "Every security requirement is verified on the release build", Status: gap.Fail,
				Missing:   []string{"requirement REQ-012: no test ran on release 2.4.0"},
				Locations: []gap.Location{{File: "req.yaml", Line: 101, Col: 5, Message: "requirement REQ-012: no test ran on release 2.4.0"}}},
			{ID: "R571-2", Severity: gap.Minor, Status: gap.Fail, Missing: []string{"happy path only"}},
		}},
		{ID: "5.7.5", Status: gap.Manual, Rules: []gap.RuleResult{
			{ID: "R575-1", Severity: gap.Blocker, Status: gap.RuleManual, Message: "confirm TST-9"},
			{ID: "R575-2", Severity: gap.Blocker, Status: gap.Pass},
		}},
		{ID: "5.7.4", Status: gap.NotApplicable, Rationale: "tailored"},
	}}
}

func TestDecide(t *testing.T) {
	cat, err := gap.Load()
	if err != nil {
		t.Fatal(err)
	}
	res := gate.Decide(cat, report(), "2.4.0")
	if !res.Blocked || len(res.Blockers) != 1 || res.Blockers[0].Rule != "R571-1" || res.Blockers[0].Clause != "5.7.1" {
		t.Fatalf("blockers = %+v, want only the failed gate rule R571-1 (R411-1 and R571-2 do not gate)", res.Blockers)
	}
	if len(res.ToConfirm) != 1 || res.ToConfirm[0].Rule != "R575-1" || res.ToConfirm[0].Messages[0] != "confirm TST-9" {
		t.Errorf("to confirm = %+v, want R575-1 with its message", res.ToConfirm)
	}
	if !slices.Equal(res.Passed, []string{"R575-2"}) {
		t.Errorf("passed = %v", res.Passed)
	}
	if !slices.Contains(res.NotApplicable, "R574-1") {
		t.Errorf("not applicable = %v, want the gate rule of the tailored clause 5.7.4", res.NotApplicable)
	}

	var text bytes.Buffer
	if err := gate.WriteText(&text, res); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"BLOCKED: 1 reason", "✘ R571-1  blocker  5.7.1", "requirement REQ-012: no test ran on release 2.4.0\n        at req.yaml:101:5", "? R575-1"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}

	var js bytes.Buffer
	if err := gate.WriteJSON(&js, gate.Decide(cat, &gap.Report{Date: "2026-11-26"}, "1.0")); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got["blocked"] != false || got["release"] != "1.0" {
		t.Errorf("json = %s", js.String())
	}
}
