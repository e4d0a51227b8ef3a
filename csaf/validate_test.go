package csaf_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wardhq/ward/csaf"
	"github.com/wardhq/ward/internal/testutil"
)

// TestOfficialExamples validates every CSAF document among the official
// examples (advisories and the VEX use cases): all must pass.
func TestOfficialExamples(t *testing.T) {
	t.Parallel()
	dir := testutil.SharedData(t, "csaf/examples/csaf")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	vex, err := filepath.Glob(filepath.Join(dir, "csaf_vex", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, vex...)
	if len(files) < 19 {
		t.Fatalf("found %d examples, want the 19 of the shared data", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			problems, err := csaf.Validate(f, testutil.Read(t, f))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Errorf("%s", p)
			}
		})
	}
}

// specCase matches the names of the specification's test documents:
// …-2021-6-1-<test>[-<subtest>]-<case>.json. Cases 01–09 fail the test,
// 11–19 pass it.
var specCase = regexp.MustCompile(`(?i)csaf_2_0-2021-6-1-(\d\d)(?:-(\d\d))?-(\d\d)\.json$`)

// preFinalCategories are the profile values of the drafts before CSAF 2.0
// prefixed them with csaf_. Some test documents of the specification's
// repository still use them; the test reads them with the final value.
var preFinalCategories = []string{"security_incident_response", "informational_advisory", "security_advisory", "vex"}

// TestSpecificationExamples runs the mandatory test documents of the CSAF
// 2.0 repository (testdata/mandatory, see its ATTRIBUTION.md): each
// failing example must fail with its test number, each valid one pass.
func TestSpecificationExamples(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/mandatory/*.json")
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, f := range files {
		m := specCase.FindStringSubmatch(filepath.Base(f))
		if m == nil {
			t.Errorf("%s: name does not follow the test document scheme", f)
			continue
		}
		test := "6.1." + strings.TrimLeft(m[1], "0")
		if m[2] != "" {
			n, _ := strconv.Atoi(m[2])
			test += "." + strconv.Itoa(n)
		}
		n, _ := strconv.Atoi(m[3])
		failing := n < 10
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			data := testutil.Read(t, f)
			data = finalCategory(t, data)
			problems, err := csaf.Validate(f, data)
			if err != nil {
				t.Fatal(err)
			}
			if !failing {
				for _, p := range problems {
					t.Errorf("valid example: %s", p)
				}
				return
			}
			if !slices.ContainsFunc(problems, func(p csaf.Problem) bool { return p.Test == test }) {
				t.Errorf("failing example of %s passed it; problems: %v", test, problems)
			}
			for _, p := range problems {
				if p.Test == "schema" || p.Test == "json" {
					t.Errorf("failing example of %s is rejected by the schema: %s", test, p)
				}
				t.Logf("%s", p)
			}
		})
		if failing {
			covered[test] = true
		}
	}
	for _, test := range csaf.Tests {
		if !covered[test] {
			t.Logf("no failing example of %s in testdata/mandatory", test)
		}
	}
}

func finalCategory(t *testing.T, data []byte) []byte {
	t.Helper()
	var d struct {
		Document struct {
			Category string `json:"category"`
		} `json:"document"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(preFinalCategories, d.Document.Category) {
		return data
	}
	old := []byte(`"category": "` + d.Document.Category + `"`)
	return bytes.Replace(data, old, []byte(`"category": "csaf_`+d.Document.Category+`"`), 1)
}

func TestMandatoryTestsListed(t *testing.T) {
	t.Parallel()
	if got := len(csaf.Tests); got != 43 {
		t.Errorf("len(Tests) = %d, want 43 (6.1.1–6.1.33, with 6.1.27.1–6.1.27.11 for 6.1.27)", got)
	}
	_ = os.Stdout
}
