package evidence_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardhq/ward/evidence"
)

func TestMentionedIDs(t *testing.T) {
	t.Parallel()
	known := []string{"REQ-012", "REQ-01", "REQ-1", "REQ-1a", "REQ-1.2", "THR-004", "SEC-AUTH", "CTL.7", "SR-2-1", "", "bad id"}
	tests := []struct {
		name  string
		texts []string
		want  []string
	}{
		{"as written, in prose", []string{"REQ-012 rejects a bolus above the limit"}, []string{"REQ-012"}},
		{"case-insensitive", []string{"verifies req-012 and Thr-004"}, []string{"REQ-012", "THR-004"}},
		{"Go test name with '_'", []string{"TestREQ_012"}, []string{"REQ-012"}},
		{"Go subtest", []string{"TestDose/REQ-012_rejects_bad_dose", "TestDose/REQ_012_limit"}, []string{"REQ-012"}},
		{"pytest name without separator", []string{"test_req012_rejects"}, []string{"REQ-012"}},
		{"camel case without separator", []string{"TestReq012Rejects", "TestSecAuthRejectsReplay"}, []string{"REQ-012", "SEC-AUTH"}},
		{"a digit never ends an ID", []string{"REQ-0123", "test_req0123", "TestREQ_0123"}, nil},
		{"REQ-01 is not REQ-012", []string{"REQ-012"}, []string{"REQ-012"}},
		{"no match inside a word", []string{"prereq012", "XREQ-012", "sec-authority"}, nil},
		{"sentence end and brackets", []string{"see REQ-012.", "(THR-004)", "[REQ-01]"}, []string{"REQ-01", "REQ-012", "THR-004"}},
		{"a dot or dash then a digit continues the ID", []string{"REQ-1.2", "REQ-01-2"}, []string{"REQ-1.2"}},
		{"the longer of two IDs at one place", []string{"REQ-1a"}, []string{"REQ-1a"}},
		{"letter after the last digit", []string{"REQ-1b", "REQ012a"}, []string{"REQ-012", "REQ-1"}},
		{"dots kept", []string{"CTL.7 is met", "ctl7"}, []string{"CTL.7"}},
		{"several dashes", []string{"SR_2_1", "sr21", "SR-2-1"}, []string{"SR-2-1"}},
		{"JUnit class and file paths", []string{"tests.test_req_012.TestLimits", "internal/thr004_test.go"}, []string{"REQ-012", "THR-004"}},
		{"several texts, sorted and unique", []string{"THR-004", "REQ-012", "req_012"}, []string{"REQ-012", "THR-004"}},
		{"nothing", []string{"", "no ids here"}, nil},
	}
	m := evidence.NewIDMatcher(known)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := evidence.MentionedIDs(known, tc.texts...)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("MentionedIDs(%q) (-want +got):\n%s", tc.texts, diff)
			}
			if diff := cmp.Diff(got, m.Find(tc.texts...)); diff != "" {
				t.Errorf("IDMatcher.Find differs from MentionedIDs (-MentionedIDs +Find):\n%s", diff)
			}
		})
	}
}

// TestMentionedIDsEvidence finds the IDs the sample evidence names.
func TestMentionedIDsEvidence(t *testing.T) {
	t.Parallel()
	known := []string{"REQ-012", "REQ-031", "THR-004", "THR-011"}
	runs, err := evidence.ParseSARIF(open(t, "semgrep.sarif"), "semgrep.sarif", evidence.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, r := range runs[0].Results {
		got = append(got, evidence.MentionedIDs(known, r.Texts...))
	}
	if diff := cmp.Diff([][]string{nil, nil, {"REQ-012", "THR-004"}}, got); diff != "" {
		t.Errorf("IDs per Semgrep result (-want +got):\n%s", diff)
	}
}
