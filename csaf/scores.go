package csaf

import (
	"fmt"
	"math"
	"strings"

	"github.com/wardhq/ward/cvss"
)

// scores runs the tests of CVSS objects: 6.1.7 (Multiple Scores with same
// Version per Product), 6.1.9 (Invalid CVSS computation) and 6.1.10
// (Inconsistent CVSS). 6.1.8 (Invalid CVSS) is the FIRST schemas' job.
func (c *checker) scores() {
	for i, v := range c.a.Vulnerabilities {
		if v == nil {
			continue
		}
		vp := idx("vulnerabilities", i)
		seen := map[string]string{} // version + product → path
		for j, s := range v.Scores {
			if s == nil {
				continue
			}
			sp := idx(vp+".scores", j)
			var versions []string
			if s.CVSSv2 != nil {
				versions = append(versions, "2.0")
				c.cvssObject(sp+".cvss_v2", s.CVSSv2, true)
			}
			if s.CVSSv3 != nil {
				versions = append(versions, s.CVSSv3.Version)
				c.cvssObject(sp+".cvss_v3", s.CVSSv3, false)
			}
			for k, id := range s.Products {
				p := idx(sp+".products", k)
				for _, ver := range versions {
					key := ver + "\x00" + id
					if prev, ok := seen[key]; ok {
						c.fail("6.1.7", p, "product ID %s already has a CVSS %s score at %s", id, ver, jsonPath(prev))
						continue
					}
					seen[key] = p
				}
			}
		}
	}
}

// cvssObject checks one cvss_v2 or cvss_v3 object against its vector.
func (c *checker) cvssObject(path string, o *CVSS, v2 bool) {
	metrics, ok := vectorMetrics(o.VectorString, v2)
	if !ok {
		return // the FIRST schema rejects the vector
	}
	// 6.1.10: every property given must say what the vector says.
	props := cvss3Properties
	if v2 {
		props = cvss2Properties
	}
	for _, p := range props {
		given := *p.field(o)
		if given == "" {
			continue
		}
		code, inVector := metrics[p.metric]
		want := "NOT_DEFINED"
		if inVector {
			want = p.values[code]
		} else if p.base {
			continue // a vector without a base metric is 6.1.9's to report
		}
		if given != want {
			c.fail("6.1.10", path+"."+p.name, "%s is %s but the vector says %s:%s (%s)", p.name, given, p.metric, orX(code, v2), want)
		}
	}

	// 6.1.9: the scores and severities are those the vector gives.
	res, err := cvss.Score(o.VectorString)
	if err != nil {
		c.fail("6.1.9", path+".vectorString", "the vector cannot be scored: %s", strings.TrimPrefix(err.Error(), "cvss: "))
		return
	}
	check := func(name string, given *float64, want float64) {
		if given != nil && math.Abs(*given-want) > 0.049 {
			c.fail("6.1.9", path+"."+name, "%s is %s but the vector computes to %.1f", name, formatScore(*given), want)
		}
	}
	checkSeverity := func(name, given string, score float64) {
		if want := severity(score); given != "" && given != want {
			c.fail("6.1.9", path+"."+name, "%s is %s but a score of %.1f is %s", name, given, score, want)
		}
	}
	// Without environmental metrics the specification's equations still
	// give 0.1 more or less than the temporal score for some vectors
	// (v3.1 with scope changed: 9.9 → 10.0; see package cvss), and
	// calculators differ on which they show: both are accepted.
	env := res.Environmental
	if o.EnvironmentalScore != nil && !definesEnvironmental(metrics, v2) && math.Abs(*o.EnvironmentalScore-env) < 0.11 {
		env = *o.EnvironmentalScore
	}
	check("baseScore", o.BaseScore, res.Base)
	check("temporalScore", o.TemporalScore, res.Temporal)
	check("environmentalScore", o.EnvironmentalScore, env)
	if !v2 {
		checkSeverity("baseSeverity", o.BaseSeverity, res.Base)
		checkSeverity("temporalSeverity", o.TemporalSeverity, res.Temporal)
		checkSeverity("environmentalSeverity", o.EnvironmentalSeverity, env)
	}
}

// definesEnvironmental reports whether the vector sets an environmental
// metric to a value other than "not defined".
func definesEnvironmental(metrics map[string]string, v2 bool) bool {
	names := []string{"CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"}
	if v2 {
		names = []string{"CDP", "TD", "CR", "IR", "AR"}
	}
	for _, n := range names {
		if v, ok := metrics[n]; ok && v != "X" && v != "ND" {
			return true
		}
	}
	return false
}

func orX(code string, v2 bool) string {
	switch {
	case code != "":
		return code
	case v2:
		return "ND"
	}
	return "X"
}

func formatScore(f float64) string { return fmt.Sprintf("%g", f) }

// severity is the qualitative rating of a CVSS v3.x score, as the FIRST
// schema spells it.
func severity(score float64) string {
	switch {
	case score >= 9.0:
		return "CRITICAL"
	case score >= 7.0:
		return "HIGH"
	case score >= 4.0:
		return "MEDIUM"
	case score >= 0.1:
		return "LOW"
	}
	return "NONE"
}

// vectorMetrics splits a vector into metric → value. ok is false for a
// vector the FIRST schema would reject (a wrong prefix, a part without a
// colon).
func vectorMetrics(vector string, v2 bool) (map[string]string, bool) {
	s := vector
	if !v2 {
		if !strings.HasPrefix(s, "CVSS:3.0/") && !strings.HasPrefix(s, "CVSS:3.1/") {
			return nil, false
		}
		s = s[len("CVSS:3.x/"):]
	}
	out := map[string]string{}
	for _, part := range strings.Split(s, "/") {
		k, v, ok := strings.Cut(part, ":")
		if !ok {
			return nil, false
		}
		out[k] = v
	}
	return out, true
}

// cvssProperty ties a property of the FIRST JSON object to its metric in
// the vector and the spelling of each value.
type cvssProperty struct {
	name, metric string
	base         bool // a base metric: required in the vector
	values       map[string]string
	field        func(*CVSS) *string
}

var (
	v3AV  = map[string]string{"N": "NETWORK", "A": "ADJACENT_NETWORK", "L": "LOCAL", "P": "PHYSICAL"}
	v3MAV = map[string]string{"N": "NETWORK", "A": "ADJACENT_NETWORK", "L": "LOCAL", "P": "PHYSICAL", "X": "NOT_DEFINED"}
	v3LH  = map[string]string{"L": "LOW", "H": "HIGH"}
	v3MLH = map[string]string{"L": "LOW", "H": "HIGH", "X": "NOT_DEFINED"}
	v3NLH = map[string]string{"N": "NONE", "L": "LOW", "H": "HIGH"}
	v3MNL = map[string]string{"N": "NONE", "L": "LOW", "H": "HIGH", "X": "NOT_DEFINED"}
	v3UI  = map[string]string{"N": "NONE", "R": "REQUIRED"}
	v3MUI = map[string]string{"N": "NONE", "R": "REQUIRED", "X": "NOT_DEFINED"}
	v3S   = map[string]string{"U": "UNCHANGED", "C": "CHANGED"}
	v3MS  = map[string]string{"U": "UNCHANGED", "C": "CHANGED", "X": "NOT_DEFINED"}
	v3E   = map[string]string{"X": "NOT_DEFINED", "U": "UNPROVEN", "P": "PROOF_OF_CONCEPT", "F": "FUNCTIONAL", "H": "HIGH"}
	v3RL  = map[string]string{"X": "NOT_DEFINED", "O": "OFFICIAL_FIX", "T": "TEMPORARY_FIX", "W": "WORKAROUND", "U": "UNAVAILABLE"}
	v3RC  = map[string]string{"X": "NOT_DEFINED", "U": "UNKNOWN", "R": "REASONABLE", "C": "CONFIRMED"}
	v3Req = map[string]string{"X": "NOT_DEFINED", "L": "LOW", "M": "MEDIUM", "H": "HIGH"}

	v2AV  = map[string]string{"L": "LOCAL", "A": "ADJACENT_NETWORK", "N": "NETWORK"}
	v2AC  = map[string]string{"H": "HIGH", "M": "MEDIUM", "L": "LOW"}
	v2Au  = map[string]string{"M": "MULTIPLE", "S": "SINGLE", "N": "NONE"}
	v2CIA = map[string]string{"N": "NONE", "P": "PARTIAL", "C": "COMPLETE"}
	v2E   = map[string]string{"U": "UNPROVEN", "POC": "PROOF_OF_CONCEPT", "F": "FUNCTIONAL", "H": "HIGH", "ND": "NOT_DEFINED"}
	v2RL  = map[string]string{"OF": "OFFICIAL_FIX", "TF": "TEMPORARY_FIX", "W": "WORKAROUND", "U": "UNAVAILABLE", "ND": "NOT_DEFINED"}
	v2RC  = map[string]string{"UC": "UNCONFIRMED", "UR": "UNCORROBORATED", "C": "CONFIRMED", "ND": "NOT_DEFINED"}
	v2CDP = map[string]string{"N": "NONE", "L": "LOW", "LM": "LOW_MEDIUM", "MH": "MEDIUM_HIGH", "H": "HIGH", "ND": "NOT_DEFINED"}
	v2TD  = map[string]string{"N": "NONE", "L": "LOW", "M": "MEDIUM", "H": "HIGH", "ND": "NOT_DEFINED"}
	v2Req = map[string]string{"L": "LOW", "M": "MEDIUM", "H": "HIGH", "ND": "NOT_DEFINED"}
)

var cvss3Properties = []cvssProperty{
	{"attackVector", "AV", true, v3AV, func(o *CVSS) *string { return &o.AttackVector }},
	{"attackComplexity", "AC", true, v3LH, func(o *CVSS) *string { return &o.AttackComplexity }},
	{"privilegesRequired", "PR", true, v3NLH, func(o *CVSS) *string { return &o.PrivilegesRequired }},
	{"userInteraction", "UI", true, v3UI, func(o *CVSS) *string { return &o.UserInteraction }},
	{"scope", "S", true, v3S, func(o *CVSS) *string { return &o.Scope }},
	{"confidentialityImpact", "C", true, v3NLH, func(o *CVSS) *string { return &o.ConfidentialityImpact }},
	{"integrityImpact", "I", true, v3NLH, func(o *CVSS) *string { return &o.IntegrityImpact }},
	{"availabilityImpact", "A", true, v3NLH, func(o *CVSS) *string { return &o.AvailabilityImpact }},
	{"exploitCodeMaturity", "E", false, v3E, func(o *CVSS) *string { return &o.ExploitCodeMaturity }},
	{"remediationLevel", "RL", false, v3RL, func(o *CVSS) *string { return &o.RemediationLevel }},
	{"reportConfidence", "RC", false, v3RC, func(o *CVSS) *string { return &o.ReportConfidence }},
	{"confidentialityRequirement", "CR", false, v3Req, func(o *CVSS) *string { return &o.ConfidentialityRequirement }},
	{"integrityRequirement", "IR", false, v3Req, func(o *CVSS) *string { return &o.IntegrityRequirement }},
	{"availabilityRequirement", "AR", false, v3Req, func(o *CVSS) *string { return &o.AvailabilityRequirement }},
	{"modifiedAttackVector", "MAV", false, v3MAV, func(o *CVSS) *string { return &o.ModifiedAttackVector }},
	{"modifiedAttackComplexity", "MAC", false, v3MLH, func(o *CVSS) *string { return &o.ModifiedAttackComplexity }},
	{"modifiedPrivilegesRequired", "MPR", false, v3MNL, func(o *CVSS) *string { return &o.ModifiedPrivilegesRequired }},
	{"modifiedUserInteraction", "MUI", false, v3MUI, func(o *CVSS) *string { return &o.ModifiedUserInteraction }},
	{"modifiedScope", "MS", false, v3MS, func(o *CVSS) *string { return &o.ModifiedScope }},
	{"modifiedConfidentialityImpact", "MC", false, v3MNL, func(o *CVSS) *string { return &o.ModifiedConfidentialityImpact }},
	{"modifiedIntegrityImpact", "MI", false, v3MNL, func(o *CVSS) *string { return &o.ModifiedIntegrityImpact }},
	{"modifiedAvailabilityImpact", "MA", false, v3MNL, func(o *CVSS) *string { return &o.ModifiedAvailabilityImpact }},
}

var cvss2Properties = []cvssProperty{
	{"accessVector", "AV", true, v2AV, func(o *CVSS) *string { return &o.AccessVector }},
	{"accessComplexity", "AC", true, v2AC, func(o *CVSS) *string { return &o.AccessComplexity }},
	{"authentication", "Au", true, v2Au, func(o *CVSS) *string { return &o.Authentication }},
	{"confidentialityImpact", "C", true, v2CIA, func(o *CVSS) *string { return &o.ConfidentialityImpact }},
	{"integrityImpact", "I", true, v2CIA, func(o *CVSS) *string { return &o.IntegrityImpact }},
	{"availabilityImpact", "A", true, v2CIA, func(o *CVSS) *string { return &o.AvailabilityImpact }},
	{"exploitability", "E", false, v2E, func(o *CVSS) *string { return &o.Exploitability }},
	{"remediationLevel", "RL", false, v2RL, func(o *CVSS) *string { return &o.RemediationLevel }},
	{"reportConfidence", "RC", false, v2RC, func(o *CVSS) *string { return &o.ReportConfidence }},
	{"collateralDamagePotential", "CDP", false, v2CDP, func(o *CVSS) *string { return &o.CollateralDamagePotential }},
	{"targetDistribution", "TD", false, v2TD, func(o *CVSS) *string { return &o.TargetDistribution }},
	{"confidentialityRequirement", "CR", false, v2Req, func(o *CVSS) *string { return &o.ConfidentialityRequirement }},
	{"integrityRequirement", "IR", false, v2Req, func(o *CVSS) *string { return &o.IntegrityRequirement }},
	{"availabilityRequirement", "AR", false, v2Req, func(o *CVSS) *string { return &o.AvailabilityRequirement }},
}
