package cvss_test

import (
	"strings"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/cvss"
)

func TestExploitabilityFromVector(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ vector, want string }{
		// v3 sub-scores: 3.9, 2.8, 2.8, 2.8, 2.5, 2.2, 1.6, 0.9, 0.9, 0.7, 0.5.
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "high"},
		{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "high"},
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "high"},
		{"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "high"},
		{"CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "medium"},
		{"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", "medium"},
		{"CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:L/I:N/A:N", "medium"},
		{"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "low"},
		{"CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:U/C:H/I:H/A:H", "low"},
		{"CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:L/I:N/A:N", "very_low"},
		{"CVSS:3.1/AV:P/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N", "very_low"},
		// The deployed device: the environment removes the network path.
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:P/MAC:H", "very_low"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:X", "high"},
		// v4.0 read as v3: AT:P counts as AC:H, UI:P and UI:A as UI:R.
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "high"},
		{"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "medium"},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "high"},
		{"CVSS:4.0/AV:P/AC:H/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "very_low"},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:L", "medium"},
		// Not mapped.
		{"AV:N/AC:L/Au:N/C:P/I:P/A:P", ""},
		{"CVSS:3.1/AV:Q", ""},
	} {
		if got := cvss.ExploitabilityFromVector(tc.vector); got != tc.want {
			t.Errorf("ExploitabilityFromVector(%s) = %q, want %q", tc.vector, got, tc.want)
		}
	}
}

func TestRiskLevel(t *testing.T) {
	t.Parallel()
	m := &ward.RiskMatrix{
		Exploitability: []string{"very_low", "low", "medium", "high"},
		Harm:           []string{"negligible", "minor", "serious", "critical", "catastrophic"},
		Levels: map[string][]string{
			"very_low": {"low", "low", "low", "low", "medium"},
			"low":      {"low", "low", "medium", "medium", "high"},
			"medium":   {"low", "medium", "medium", "high", "high"},
			"high":     {"medium", "medium", "high"}, // too short: a mistake in the policy
		},
		Acceptable: []string{"low", "medium"},
	}
	for _, tc := range []struct {
		matrix               *ward.RiskMatrix
		exploitability, harm string
		level                string
		acceptable           bool
		err                  string
	}{
		{m, "very_low", "catastrophic", "medium", true, ""},
		{m, "medium", "critical", "high", false, ""},
		{m, "high", "serious", "high", false, ""},
		{m, "certain", "serious", "", false, `risk matrix: unknown exploitability "certain" (want "very_low", "low", "medium" or "high")`},
		{m, "low", "fatal", "", false, `risk matrix: unknown harm "fatal" (want "negligible", "minor", "serious", "critical" or "catastrophic")`},
		{m, "high", "catastrophic", "", false, `risk matrix: levels.high has no level for harm "catastrophic"`},
		{nil, "high", "serious", "", false, "risk matrix: the policy has none"},
	} {
		level, ok, err := cvss.RiskLevel(tc.matrix, tc.exploitability, tc.harm)
		if tc.err != "" {
			if ward.CodeOf(err) != ward.EInvalid || !strings.HasPrefix(ward.MessageOf(err), tc.err) {
				t.Errorf("RiskLevel(%s, %s) err = %v, want %s", tc.exploitability, tc.harm, err, tc.err)
			}
			continue
		}
		if err != nil || level != tc.level || ok != tc.acceptable {
			t.Errorf("RiskLevel(%s, %s) = %q, %v, %v; want %q, %v", tc.exploitability, tc.harm, level, ok, err, tc.level, tc.acceptable)
		}
	}
}
