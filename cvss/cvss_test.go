package cvss_test

import (
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/cvss"
)

// TestScoreSpecificationExamples checks the worked examples of FIRST's
// specification documents.
func TestScoreSpecificationExamples(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, vector    string
		base, temp, env float64
		severity        string
	}{
		// A Complete Guide to the CVSS Version 2.0, section 3.3.1:
		// CVE-2002-0392 (Apache chunked-encoding memory corruption).
		{"v2/CVE-2002-0392/base", "AV:N/AC:L/Au:N/C:N/I:N/A:C", 7.8, 7.8, 7.8, "high"},
		{"v2/CVE-2002-0392/temporal", "AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C", 7.8, 6.4, 6.4, "medium"},
		{"v2/CVE-2002-0392/environmental", "AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H", 7.8, 6.4, 9.2, "high"},
		// Section 3.3.2: CVE-2003-0818 (Microsoft Windows ASN.1 library).
		{"v2/CVE-2003-0818", "AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:L", 10.0, 8.3, 9.0, "high"},
		// Section 3.3.3: CVE-2003-0062 (NOD32 antivirus buffer overflow).
		{"v2/CVE-2003-0062", "AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:M", 6.2, 4.9, 7.5, "high"},

		// Common Vulnerability Scoring System v3.0: Examples (the same
		// cases reappear in the v3.1 Examples document with these scores).
		{"v3.0/CVE-2013-1937 phpMyAdmin reflected XSS", "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, 6.1, 6.1, "medium"},
		{"v3.0/CVE-2013-0375 MySQL stored SQL injection", "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, 6.4, 6.4, "medium"},
		{"v3.0/CVE-2014-3566 SSLv3 POODLE", "CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, 3.1, 3.1, "low"},
		{"v3.0/CVE-2012-1516 VMware guest-to-host escape", "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, 9.9, 9.9, "critical"},
		{"v3.0/CVE-2012-0384 Cisco IOS command injection", "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, 8.8, 8.8, "high"},
		{"v3.0/CVE-2015-1098 Apple iWork denial of service", "CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8, 7.8, 7.8, "high"},

		// Common Vulnerability Scoring System v3.1: Examples.
		{"v3.1/CVE-2014-0160 OpenSSL Heartbleed", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, 7.5, 7.5, "high"},
		{"v3.1/CVE-2014-6271 GNU Bash Shellshock", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, 9.8, 9.8, "critical"},
		{"v3.1/CVE-2008-1447 DNS Kaminsky bug", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8, 6.8, 6.8, "medium"},
		{"v3.1/CVE-2014-2005 Sophos login screen bypass", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8, 6.8, 6.8, "medium"},
		{"v3.1/CVE-2010-0467 Joomla directory traversal", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8, 5.8, 5.8, "medium"},
		{"v3.1/CVE-2014-9253 DokuWiki reflected XSS", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4, 5.4, 5.4, "medium"},
		{"v3.1/CVE-2011-1265 Microsoft Windows Bluetooth RCE", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8, 8.8, 8.8, "high"},
		{"v3.1/CVE-2014-2019 Apple iOS security control bypass", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 4.6, 4.6, 4.6, "medium"},
		{"v3.1/CVE-2015-0970 SearchBlox CSRF", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8, 8.8, 8.8, "high"},
		{"v3.1/CVE-2014-0224 OpenSSL CCS injection", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4, 7.4, 7.4, "high"},
		{"v3.1/CVE-2012-5376 Chrome sandbox bypass", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6, 9.6, 9.6, "critical"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := cvss.Score(tc.vector)
			if err != nil {
				t.Fatal(err)
			}
			got := [3]float64{r.Base, r.Temporal, r.Environmental}
			if want := [3]float64{tc.base, tc.temp, tc.env}; got != want {
				t.Errorf("base, temporal, environmental = %v, want %v", got, want)
			}
			if r.Score != tc.env || r.Severity != tc.severity {
				t.Errorf("score %v %s, want %v %s", r.Score, r.Severity, tc.env, tc.severity)
			}
		})
	}
}

// TestScoreTemporalEnvironmental covers the scores beyond base, and what
// Result says when the vector sets no such metric.
func TestScoreTemporalEnvironmental(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, vector    string
		base, temp, env float64
		severity        string
	}{
		// 9.8 × E:P 0.94 × RL:O 0.95 × RC:C 1 = 8.75 → 8.8.
		{"v3.1 temporal", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", 9.8, 8.8, 8.8, "high"},
		// Not defined everywhere is no metric at all.
		{"v3.1 all X", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/CR:X/MAV:X", 9.8, 9.8, 9.8, "critical"},
		// The environment removes the network path (MAV:L) and needs high
		// integrity: 6.42 × (1 − 0.78 × 0.67) + 8.22 × 0.55 × 0.77 × 0.85² = 5.58 → 5.6.
		{"v3.1 environmental", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N/IR:H/MAV:L", 6.5, 6.5, 5.6, "medium"},
		// The equations give 10.0 with no environmental metric (the v3.1
		// scope-changed Modified Impact uses ×0.9731 and a 13th power);
		// "not defined" must not change the score, so Environmental is 9.9.
		{"v3.1 scope changed, none set", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, 9.9, 9.9, "critical"},
		// With an environmental metric set, the equations apply as FIRST's
		// calculator applies them.
		{"v3.1 scope changed, CR:M", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/CR:M", 9.9, 9.9, 10.0, "critical"},
		// v2.0 caps AdjustedImpact at 10: 7.1 from the equations.
		{"v2.0 complete impact, none set", "AV:L/AC:L/Au:N/C:C/I:C/A:C", 7.2, 7.2, 7.2, "high"},
		// A partial v2.0 group: the missing metrics are ND.
		{"v2.0 partial temporal group", "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:F", 7.5, 7.1, 7.1, "high"},
		{"v2.0 in another order", "Au:N/AV:N/AC:L/C:P/I:P/A:P", 7.5, 7.5, 7.5, "high"},
		{"v2.0 low", "AV:L/AC:H/Au:M/C:N/I:N/A:P", 0.8, 0.8, 0.8, "low"},
		{"v2.0 zero impact", "AV:N/AC:L/Au:N/C:N/I:N/A:N", 0, 0, 0, "low"},
		{"v3.1 zero impact", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0, 0, 0, "none"},
		{"v3.1 any order", "CVSS:3.1/S:U/AV:N/AC:L/PR:N/UI:N/C:H/I:N/A:N", 7.5, 7.5, 7.5, "high"},
		{"surrounding space", "  CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\t", 9.8, 9.8, 9.8, "critical"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := cvss.Score(tc.vector)
			if err != nil {
				t.Fatal(err)
			}
			got := [3]float64{r.Base, r.Temporal, r.Environmental}
			if want := [3]float64{tc.base, tc.temp, tc.env}; got != want {
				t.Errorf("base, temporal, environmental = %v, want %v", got, want)
			}
			if r.Severity != tc.severity || r.Vector != strings.TrimSpace(tc.vector) {
				t.Errorf("severity %q vector %q, want %q %q", r.Severity, r.Vector, tc.severity, strings.TrimSpace(tc.vector))
			}
		})
	}
}

func TestScoreV4(t *testing.T) {
	t.Parallel()
	const b = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
	for _, tc := range []struct {
		vector, nomenclature, severity string
		score                          float64
	}{
		{b, "CVSS-B", "critical", 9.3},
		{b + "/E:U", "CVSS-BT", "high", 8.1},
		{b + "/CR:L", "CVSS-BE", "critical", 9.3},
		{b + "/E:A/CR:L", "CVSS-BTE", "critical", 9.3},
		{b + "/E:X", "CVSS-B", "critical", 9.3},
		{b + "/S:P", "CVSS-B", "critical", 9.3}, // supplemental metrics do not score
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", "CVSS-B", "medium", 6.9},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", "CVSS-B", "none", 0},
	} {
		r, err := cvss.Score(tc.vector)
		if err != nil {
			t.Errorf("%s: %v", tc.vector, err)
			continue
		}
		want := cvss.Result{Vector: tc.vector, Version: "4.0", Score: tc.score, Nomenclature: tc.nomenclature, Severity: tc.severity}
		if diff := cmp.Diff(want, r); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.vector, diff)
		}
	}
}

// TestScoreV4MacroVectors scores, for every MacroVector of FIRST's lookup
// table, the vector at its highest-severity point: FIRST's calculator
// (cvss40.js) measures a vector's severity distance from the highest
// vectors of its MacroVector, in the order of max_composed, and takes the
// first it does not exceed. At the first one the distance is zero and the
// score is the table's value.
func TestScoreV4MacroVectors(t *testing.T) {
	t.Parallel()
	var lookup map[string]float64
	readJSON(t, "testdata/cvss-v4.0-macrovector-lookup.json", &lookup)
	var maxComposed struct {
		EQ1 map[string][]string            `json:"eq1"`
		EQ2 map[string][]string            `json:"eq2"`
		EQ3 map[string]map[string][]string `json:"eq3"` // EQ3 level, then EQ6 level
		EQ4 map[string][]string            `json:"eq4"`
		EQ5 map[string][]string            `json:"eq5"`
	}
	readJSON(t, "testdata/cvss-v4.0-max-composed.json", &maxComposed)
	if len(lookup) < 200 {
		t.Fatalf("lookup table has %d MacroVectors", len(lookup))
	}
	for mv, want := range lookup {
		eq := strings.Split(mv, "")
		parts := maxComposed.EQ1[eq[0]][0] + maxComposed.EQ2[eq[1]][0] + maxComposed.EQ3[eq[2]][eq[5]][0] +
			maxComposed.EQ4[eq[3]][0] + maxComposed.EQ5[eq[4]][0]
		m := make(map[string]string)
		for _, p := range strings.Split(strings.TrimSuffix(parts, "/"), "/") {
			k, v, _ := strings.Cut(p, ":")
			m[k] = v
		}
		// Safety (S) exists only as a modified subsequent-system impact.
		var modified string
		for _, k := range []string{"SI", "SA"} {
			if m[k] == "S" {
				m[k] = "H"
				modified += "/M" + k + ":S"
			}
		}
		vector := "CVSS:4.0"
		for _, k := range []string{"AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA", "E", "CR", "IR", "AR"} {
			vector += "/" + k + ":" + m[k]
		}
		vector += modified
		r, err := cvss.Score(vector)
		if err != nil {
			t.Errorf("MacroVector %s: %s: %v", mv, vector, err)
			continue
		}
		if r.Score != want {
			t.Errorf("MacroVector %s: %s scores %v, want %v", mv, vector, r.Score, want)
		}
	}
}

func TestScoreInvalid(t *testing.T) {
	t.Parallel()
	const v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
	const v40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
	for _, tc := range []struct{ vector, want string }{
		{"", `empty vector`},
		{"CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", `metric "AV": invalid value "Q" (want N, A, L or P)`},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", `metric "A": missing (mandatory in CVSS v3.1)`},
		{v31 + "/ZZ:Q", `metric "ZZ": unknown in CVSS v3.1`},
		{v31 + "/AV:N", `metric "AV": given twice`},
		{v31 + "/E", `metric "E": no value (want E:VALUE)`},
		{v31 + "/", `empty metric at position 9 (a doubled or trailing "/")`},
		{"CVSS:3.1/av:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", `metric "av": unknown in CVSS v3.1`},
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MSI:S", `metric "MSI": unknown in CVSS v3.0`},
		{"CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", `unknown CVSS version "CVSS:2.0" (want CVSS:3.0, CVSS:3.1, CVSS:4.0, or a v2.0 vector, which has no prefix)`},
		{"AV:N/AC:L/Au:N/C:P/I:P/A:X", `metric "A": invalid value "X" (want N, P or C)`},
		{"AV:N/AC:L/AU:N/C:P/I:P/A:P", `metric "AU": unknown in CVSS v2.0`},
		{"AV:N/AC:L/C:P/I:P/A:P", `metric "Au": missing (mandatory in CVSS v2.0)`},
		{"CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", `metric "AV": out of order`},
		{v40 + "/CR:H/E:A", `metric "E": out of order`},
		{v40 + "/U:red", `metric "U": invalid value "red" (want X, Clear, Green, Amber or Red)`},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", `metric "SI": invalid value "S" (want H, L or N)`},
	} {
		_, err := cvss.Score(tc.vector)
		if err == nil {
			t.Errorf("%q: no error, want %s", tc.vector, tc.want)
			continue
		}
		if !strings.HasPrefix(ward.MessageOf(err), tc.want) || ward.CodeOf(err) != ward.EInvalid {
			t.Errorf("%q:\n got %s %q\nwant invalid %q", tc.vector, ward.CodeOf(err), ward.MessageOf(err), tc.want)
		}
	}
}

func FuzzScore(f *testing.F) {
	for _, s := range []string{
		"AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H",
		"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
		"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/IR:H/AR:H/MAV:A/MAC:H/MPR:H/MUI:R/MS:U/MC:L/MI:L/MA:L",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:L/MSI:S/S:P/U:Red",
		"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:L",
		"", "/", "CVSS:", "CVSS:3.1/", "AV:N/AV:N",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := cvss.Score(s)
		if err != nil {
			if ward.CodeOf(err) != ward.EInvalid {
				t.Fatalf("%q: error without EInvalid: %v", s, err)
			}
			return
		}
		for _, x := range []float64{r.Base, r.Temporal, r.Environmental, r.Score} {
			if math.IsNaN(x) || x < 0 || x > 10 {
				t.Fatalf("%q: score out of [0, 10]: %+v", s, r)
			}
		}
		if r.Severity == "" {
			t.Fatalf("%q: no severity: %+v", s, r)
		}
		_ = cvss.ExploitabilityFromVector(s)
	})
}

func readJSON(t *testing.T, file string, v any) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}
