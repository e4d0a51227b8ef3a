package cvss

import (
	"fmt"
	"strings"

	gocvss31 "github.com/pandatix/go-cvss/31"

	"github.com/wardhq/ward"
)

// The exploitability rows ExploitabilityFromVector returns, least to most
// exploitable: the rows of the risk matrix ward init writes.
const (
	ExploitabilityVeryLow = "very_low"
	ExploitabilityLow     = "low"
	ExploitabilityMedium  = "medium"
	ExploitabilityHigh    = "high"
)

// ExploitabilityFromVector maps a vector to a row of the risk matrix. FDA
// asks for the exploitability of a vulnerability, not the probability of
// its exploitation (premarket guidance V.A.2); CVSS's exploitability
// metrics describe exactly that. Modified metrics (MAV, MAC, …) replace
// the base ones where set: they describe the device as deployed.
//
// The row comes from the CVSS v3 exploitability sub-score,
// 8.22 × AV × AC × PR × UI (0.1 to 3.9), with the thresholds the example
// security files document:
//
//	high      ≥ 2.8  e.g. AV:N/AC:L/PR:N/UI:N (3.9); AV:N/AC:L/PR:L/UI:N,
//	                 AV:N/AC:L/PR:N/UI:R and AV:A/AC:L/PR:N/UI:N (2.8)
//	medium    ≥ 1.5  e.g. AV:L/AC:L/PR:N/UI:N (2.5), AV:N/AC:H/PR:N/UI:N (2.2),
//	                 AV:N/AC:H/PR:L/UI:N (1.6)
//	low       ≥ 0.8  e.g. AV:P/AC:L/PR:N/UI:N (0.9), AV:N/AC:L/PR:H/UI:R (0.9)
//	very_low  < 0.8  e.g. AV:N/AC:H/PR:H/UI:N (0.7), AV:P/AC:H/PR:N/UI:N (0.5)
//
// CVSS v4.0 has no exploitability sub-score. Its vector is read as the v3
// one it refines: AV and PR as they are (PR with v3's scope-unchanged
// weights: v4.0 has no scope); AC as High when AC:H or AT:P, because v4.0
// moved the attack prerequisites v3 rated in AC into AT; UI as Required
// when UI:P or UI:A, the two kinds v4.0 split v3's Required into.
//
// It returns "" for a v2.0 vector (rescore it in v3.1 or v4.0) and for an
// invalid one.
func ExploitabilityFromVector(vector string) string {
	v, err := parse(vector)
	if err != nil {
		return ""
	}
	av, ac, pr, ui := v.effective("AV"), v.effective("AC"), v.effective("PR"), v.effective("UI")
	scope := "U"
	switch v.spec {
	case v30, v31:
		scope = v.effective("S")
	case v40:
		if v.effective("AT") == "P" {
			ac = "H"
		}
		if ui != "N" {
			ui = "R"
		}
	default:
		return ""
	}
	// The library computes the sub-score of a v3.1 base vector (v3.0's
	// weights are the same); C:H keeps it valid and does not enter the
	// sub-score.
	c, err := gocvss31.ParseVector(fmt.Sprintf("CVSS:3.1/AV:%s/AC:%s/PR:%s/UI:%s/S:%s/C:H/I:N/A:N", av, ac, pr, ui, scope))
	if err != nil {
		return ""
	}
	return exploitabilityRow(c.Exploitability())
}

// exploitabilityRow applies the thresholds of ExploitabilityFromVector.
func exploitabilityRow(sub float64) string {
	switch {
	case sub >= 2.8:
		return ExploitabilityHigh
	case sub >= 1.5:
		return ExploitabilityMedium
	case sub >= 0.8:
		return ExploitabilityLow
	}
	return ExploitabilityVeryLow
}

// RiskLevel looks up the risk level for an exploitability row and a harm
// column of the manufacturer's matrix, and whether the policy accepts that
// level. It returns EInvalid for a nil matrix, a row or column the matrix
// does not have (naming those it has), or a row with no level for the
// column.
func RiskLevel(m *ward.RiskMatrix, exploitability, harm string) (level string, acceptable bool, err error) {
	if m == nil {
		return "", false, ward.Errorf(ward.EInvalid, "risk matrix: the policy has none (set policy risk_matrix)")
	}
	if !contains(m.Exploitability, exploitability) {
		return "", false, ward.Errorf(ward.EInvalid, "risk matrix: unknown exploitability %q (want %s)", exploitability, quotedList(m.Exploitability))
	}
	if !contains(m.Harm, harm) {
		return "", false, ward.Errorf(ward.EInvalid, "risk matrix: unknown harm %q (want %s)", harm, quotedList(m.Harm))
	}
	level = m.Level(exploitability, harm)
	if level == "" {
		return "", false, ward.Errorf(ward.EInvalid, "risk matrix: levels.%s has no level for harm %q (give one per harm column: %s)",
			exploitability, harm, strings.Join(m.Harm, ", "))
	}
	return level, m.IsAcceptable(level), nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quotedList(list []string) string {
	if len(list) == 0 {
		return "none defined"
	}
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return orList(q)
}
