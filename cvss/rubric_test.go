package cvss_test

import (
	"strings"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/cvss"
)

// pumpAnswers is the worked scenario: an infusion pump accepts an
// unauthenticated network command that changes the infusion rate or stops
// the infusion. It runs as one component, and reveals the programmed
// therapy and the patient's identifier in its replies.
func pumpAnswers() map[string]string {
	a := map[string]string{
		"AV-1": "yes", "AC-1": "no", "PR-1": "no", "UI-1": "no", "S-1": "no",
		"CIA-THERAPY-C": "low", "CIA-THERAPY-I": "high", "CIA-THERAPY-A": "high",
		"CIA-PHI-C": "low", "CIA-PHI-I": "none", "CIA-PHI-A": "none",
	}
	for _, q := range cvss.RubricQuestions() {
		if _, ok := a[q.ID]; !ok && strings.HasPrefix(q.ID, "CIA-") {
			a[q.ID] = "na"
		}
	}
	return a
}

func TestFromRubricInfusionPump(t *testing.T) {
	t.Parallel()
	v, err := cvss.FromRubric(pumpAnswers())
	if err != nil {
		t.Fatal(err)
	}
	const want = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:H"
	if v != want {
		t.Fatalf("vector = %s, want %s", v, want)
	}
	r, err := cvss.Score(v)
	if err != nil {
		t.Fatal(err)
	}
	if r.Base != 9.4 || r.Severity != "critical" {
		t.Errorf("score %v %s, want 9.4 critical", r.Base, r.Severity)
	}
}

func TestFromRubricPaths(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		change map[string]string // on pumpAnswers; "" deletes
		want   string
	}{
		{"adjacent BLE", map[string]string{"AV-1": "no", "AV-2": "yes"}, "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:H"},
		{"local", map[string]string{"AV-1": "no", "AV-2": "no", "AV-3": "no"}, "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:H"},
		{"service port", map[string]string{"AV-1": "No", "AV-2": " NO ", "AV-3": "yes"}, "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:H"},
		{"default password", map[string]string{"PR-1": "yes", "PR-2": "yes"}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:H"},
		{"clinician login", map[string]string{"PR-1": "yes", "PR-2": "no", "PR-3": "no"}, "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:H"},
		{"service login, race, user, scope", map[string]string{"PR-1": "yes", "PR-2": "no", "PR-3": "yes", "AC-1": "yes", "UI-1": "yes", "S-1": "yes"},
			"CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:C/C:L/I:H/A:H"},
		{"worst category wins", map[string]string{"CIA-SECRETS-C": "high", "CIA-WORKFLOW-I": "low", "CIA-THERAPY-I": "none"},
			"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:H"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := pumpAnswers()
			for k, v := range tc.change {
				a[k] = v
			}
			got, err := cvss.FromRubric(a)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("vector = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestFromRubricErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		change map[string]string
		want   []string
	}{
		{"unanswered", map[string]string{"AC-1": ""}, []string{"question AC-1: no answer (want yes or no)"}},
		{"invalid", map[string]string{"CIA-THERAPY-I": "severe"}, []string{`question CIA-THERAPY-I: invalid answer "severe" (want high, low, none or na)`}},
		{"off the path", map[string]string{"AV-2": "no", "AV-3": "yes"}, []string{
			`question AV-2: answered, but not asked because AV-1 is not "no" (remove it)`,
			`question AV-3: answered, but not asked because AV-2 is not "no" (remove it)`}},
		{"unknown", map[string]string{"AV-9": "yes"}, []string{`question "AV-9": unknown`}},
		{"path opened, not answered", map[string]string{"PR-1": "yes"}, []string{"question PR-2: no answer (want yes or no)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := pumpAnswers()
			for k, v := range tc.change {
				if v == "" {
					delete(a, k)
				} else {
					a[k] = v
				}
			}
			_, err := cvss.FromRubric(a)
			if ward.CodeOf(err) != ward.EInvalid {
				t.Fatalf("err = %v, want EInvalid", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(ward.MessageOf(err), w) {
					t.Errorf("message %q lacks %q", ward.MessageOf(err), w)
				}
			}
		})
	}
}

// TestRubricQuestions guards the IDs security files store answers under.
func TestRubricQuestions(t *testing.T) {
	t.Parallel()
	qs := cvss.RubricQuestions()
	var ids []string
	seen := map[string]bool{}
	for _, q := range qs {
		if seen[q.ID] {
			t.Errorf("question %s twice", q.ID)
		}
		seen[q.ID] = true
		ids = append(ids, q.ID)
		if q.Text == "" || q.Help == "" || len(q.Answers) < 2 || q.Metric == "" {
			t.Errorf("question %s is incomplete: %+v", q.ID, q)
		}
		if q.When != nil && !seen[q.When.Question] {
			t.Errorf("question %s depends on %s, which is not asked before it", q.ID, q.When.Question)
		}
	}
	const want = "AV-1 AV-2 AV-3 AC-1 PR-1 PR-2 PR-3 UI-1 S-1 " +
		"CIA-PHI-C CIA-PHI-I CIA-PHI-A CIA-DIAGNOSIS-C CIA-DIAGNOSIS-I CIA-DIAGNOSIS-A " +
		"CIA-THERAPY-C CIA-THERAPY-I CIA-THERAPY-A CIA-WORKFLOW-C CIA-WORKFLOW-I CIA-WORKFLOW-A " +
		"CIA-SECRETS-C CIA-SECRETS-I CIA-SECRETS-A CIA-OTHER-C CIA-OTHER-I CIA-OTHER-A"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("question IDs changed (stored answers would no longer apply):\n got %s\nwant %s", got, want)
	}
	qs[0].ID = "changed"
	if cvss.RubricQuestions()[0].ID != "AV-1" {
		t.Error("RubricQuestions returns the package's slice, not a copy")
	}
}
