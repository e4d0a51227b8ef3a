package csaf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/csaf"
	"github.com/wardhq/ward/sbom"
	"github.com/wardhq/ward/securityfile"
)

// loadSource reads an example product the way `ward csaf` does.
func loadSource(t *testing.T, dir string) csaf.Source {
	t.Helper()
	sf, err := securityfile.Load(dir, securityfile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	src := csaf.Source{File: sf, SBOMs: map[string]*ward.SBOM{}}
	for _, ref := range sf.SBOMs {
		f, err := os.Open(filepath.Join(dir, ref.Path))
		if err != nil {
			t.Fatal(err)
		}
		s, err := sbom.Parse(ref.Path, f, sbom.Limits{})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		src.SBOMs[ref.Release] = s
	}
	return src
}

var examples = []string{"../examples/infusion-pump", "../examples/care-planner"}

// TestGeneratedDocumentsAreValid makes every advisory and VEX document of
// the example products and validates it; making it again gives the same
// bytes.
func TestGeneratedDocumentsAreValid(t *testing.T) {
	t.Parallel()
	for _, dir := range examples {
		src := loadSource(t, dir)
		opt := csaf.Options{Version: "test"}
		var docs []*csaf.Advisory
		for _, a := range src.File.Advisories {
			doc, err := csaf.SecurityAdvisory(src, a, opt)
			if err != nil {
				t.Fatalf("%s: advisory %s: %v", dir, a.ID, err)
			}
			docs = append(docs, doc)
		}
		for _, r := range src.File.Releases {
			doc, _, err := csaf.VEX(src, r.Version, opt)
			if err != nil {
				t.Fatalf("%s: VEX %s: %v", dir, r.Version, err)
			}
			docs = append(docs, doc)
		}
		if len(docs) < 3 {
			t.Fatalf("%s: %d documents, want advisories and VEX documents", dir, len(docs))
		}
		for _, d := range docs {
			problems, err := csaf.ValidateAdvisory(d)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Errorf("%s: %s", d.Document.Tracking.ID, p)
			}
		}
		// Determinism: the same input gives the same bytes.
		again, err := csaf.SecurityAdvisory(loadSource(t, dir), src.File.Advisories[0], opt)
		if err != nil {
			t.Fatal(err)
		}
		var a, b bytes.Buffer
		if err := csaf.Write(&a, docs[0]); err != nil {
			t.Fatal(err)
		}
		if err := csaf.Write(&b, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two runs gave different documents", dir)
		}
	}
}

// TestPumpStatuses checks what the pump's VEX documents state, release by
// release, against its security file.
func TestPumpStatuses(t *testing.T) {
	t.Parallel()
	src := loadSource(t, examples[0])
	status := func(version, vuln string) *csaf.ProductStatus {
		t.Helper()
		doc, _, err := csaf.VEX(src, version, csaf.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range doc.Vulnerabilities {
			if slices.ContainsFunc(v.IDs, func(id *csaf.VulnerabilityID) bool { return id.Text == vuln }) {
				return v.ProductStatus
			}
		}
		return nil
	}
	for _, tc := range []struct {
		release, vuln string
		want          csaf.ProductStatus
	}{
		{"2.3.0", "VUL-2026-001", csaf.ProductStatus{KnownAffected: []string{"infusion-pump@2.3.0", "infusion-pump@2.3.0/CMP-x-net@v0.5.0"}}},
		{"2.4.0", "VUL-2026-001", csaf.ProductStatus{Fixed: []string{"infusion-pump@2.4.0", "infusion-pump@2.4.0/CMP-x-net@v0.7.0"}}},
		{"2.4.0", "VUL-2026-002", csaf.ProductStatus{KnownNotAffected: []string{"infusion-pump@2.4.0", "infusion-pump@2.4.0/CMP-pyyaml@5.3.1"}}},
		{"2.4.0", "VUL-2026-003", csaf.ProductStatus{UnderInvestigation: []string{"infusion-pump@2.4.0", "infusion-pump@2.4.0/CMP-proto-parser@2.4.0", "infusion-pump@2.4.0/CMP-smallvec@1.6.0"}}},
	} {
		got := status(tc.release, tc.vuln)
		if got == nil {
			t.Errorf("%s in %s: not stated", tc.vuln, tc.release)
			continue
		}
		if !slices.Equal(got.KnownAffected, tc.want.KnownAffected) || !slices.Equal(got.Fixed, tc.want.Fixed) ||
			!slices.Equal(got.KnownNotAffected, tc.want.KnownNotAffected) || !slices.Equal(got.UnderInvestigation, tc.want.UnderInvestigation) {
			t.Errorf("%s in %s = %+v, want %+v", tc.vuln, tc.release, *got, tc.want)
		}
	}
	// VUL-2026-003 lists 2.4.0 only: 2.3.0's document leaves it out.
	if got := status("2.3.0", "VUL-2026-003"); got != nil {
		t.Errorf("VUL-2026-003 in 2.3.0 = %+v, want it left out", *got)
	}
}

// TestVEXJustification: a not_affected vulnerability carries its
// justification as a flag, and a release whose SBOM lacks the component
// is component_not_present.
func TestVEXJustification(t *testing.T) {
	t.Parallel()
	src := loadSource(t, examples[0])
	// Take pyyaml out of 2.4.0's SBOM.
	s := *src.SBOMs["2.4.0"]
	s.Components = slices.DeleteFunc(slices.Clone(s.Components), func(c *ward.Component) bool { return c.Name == "pyyaml" })
	src.SBOMs["2.4.0"] = &s
	for _, tc := range []struct{ release, label string }{
		{"2.3.0", "vulnerable_code_not_in_execute_path"},
		{"2.4.0", "component_not_present"},
	} {
		doc, _, err := csaf.VEX(src, tc.release, csaf.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var flags []string
		for _, v := range doc.Vulnerabilities {
			if v.CVE == "CVE-2020-14343" {
				for _, f := range v.Flags {
					flags = append(flags, f.Label)
				}
			}
		}
		if !slices.Equal(flags, []string{tc.label}) {
			t.Errorf("%s: flags %v, want [%s]", tc.release, flags, tc.label)
		}
		if problems, _ := csaf.ValidateAdvisory(doc); len(problems) > 0 {
			t.Errorf("%s: %v", tc.release, problems)
		}
	}
}

// TestGenerateRefusesMissingData: what CSAF needs and the security file
// lacks is named.
func TestGenerateRefusesMissingData(t *testing.T) {
	t.Parallel()
	src := loadSource(t, examples[0])
	sf := *src.File
	sf.Disclosure = nil
	_, err := csaf.SecurityAdvisory(csaf.Source{File: &sf}, src.File.Advisories[0], csaf.Options{})
	if ward.CodeOf(err) != ward.EInvalid {
		t.Errorf("no disclosure: err = %v, want EInvalid", err)
	}
	if _, _, err := csaf.VEX(src, "9.9.9", csaf.Options{}); ward.CodeOf(err) != ward.ENotFound {
		t.Errorf("unknown release: err = %v, want ENotFound", err)
	}
}

func TestFileName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"MIS-SA-2026-01":                  "mis-sa-2026-01.json",
		"Example Company - 2019-YH3234":   "example_company_-_2019-yh3234.json",
		"INFUSION-PUMP-VEX-2.4.0+build.1": "infusion-pump-vex-2_4_0+build_1.json",
		"rhsa-2019:1862":                  "rhsa-2019_1862.json",
	} {
		if got := csaf.FileName(in); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}
