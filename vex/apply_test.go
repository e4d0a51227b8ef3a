package vex_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/sbom"
	"github.com/wardhq/ward/vex"
)

func readSBOM(t *testing.T, file string) *ward.SBOM {
	t.Helper()
	s, err := sbom.Parse(file, bytes.NewReader(testutil.Read(t, file)), sbom.Limits{})
	if err != nil {
		t.Fatalf("sbom.Parse(%s): %v", file, err)
	}
	return s
}

// statuses maps each finding's component display name to the status that
// decides it ("-" for none).
func statuses(fs []ward.Finding) map[string]string {
	out := map[string]string{}
	for _, f := range fs {
		s := "-"
		if f.VEX != nil {
			s = string(f.VEX.Status)
		}
		out[f.Component.DisplayName()+" "+f.Advisory] = s
	}
	return out
}

func finding(c *ward.Component, id string, aliases ...string) ward.Finding {
	return ward.Finding{Component: c, Advisory: id, Aliases: aliases}
}

// bom-examples VEX/bom.json + VEX/vex.json: the VEX says jackson-databind
// (named by a BOM-Link whose bom-ref is a purl) is not affected by
// CVE-2020-25649; the other Jackson components are not named.
func TestApplyCycloneDXPair(t *testing.T) {
	t.Parallel()
	bom := readSBOM(t, "testdata/cyclonedx/bom.json")
	stmts := parseFile(t, "testdata/cyclonedx/vex.json")
	var fs []ward.Finding
	for _, c := range bom.Components {
		fs = append(fs, finding(c, "GHSA-288c-cq4h-88gq", "CVE-2020-25649"))
	}
	got := statuses(vex.ApplyScope(fs, stmts, vex.Scope{SBOM: bom}))
	want := map[string]string{
		"com.fasterxml.jackson.core/jackson-databind@2.10.0 GHSA-288c-cq4h-88gq":    "not_affected",
		"com.fasterxml.jackson.core/jackson-annotations@2.10.0 GHSA-288c-cq4h-88gq": "-",
		"com.fasterxml.jackson.core/jackson-core@2.10.0 GHSA-288c-cq4h-88gq":        "-",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// Use case 13: not exploitable in all versions of Acme Product 1 and 2,
// exploitable in Product 3 — each product's SBOM linked by serial number.
// Use cases 6 and 9: one statement for three products.
func TestApplyCycloneDXBOMLinks(t *testing.T) {
	t.Parallel()
	lib := &ward.Component{Name: "jackson-databind", Version: "2.10.0", PURL: "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0"}
	tests := []struct {
		dir, vuln string
		want      [3]string // status for bom-1, bom-2, bom-3
	}{
		{"Use-Cases/Case-13", "CVE-2020-25649", [3]string{"not_affected", "not_affected", "affected"}},
		{"Use-Cases/Case-6", "CVE-2020-25649", [3]string{"not_affected", "not_affected", "not_affected"}},
		{"Use-Cases/Case-9", "CVE-2020-11901", [3]string{"not_affected", "not_affected", "not_affected"}},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			t.Parallel()
			stmts := parseFile(t, "testdata/cyclonedx/"+tc.dir+"/vex.json")
			for i, b := range []string{"bom-1.json", "bom-2.json", "bom-3.json"} {
				bom := readSBOM(t, "testdata/cyclonedx/"+tc.dir+"/"+b)
				fs := []ward.Finding{finding(lib, tc.vuln), finding(bom.Subject, tc.vuln)}
				for _, f := range vex.ApplyScope(fs, stmts, vex.Scope{SBOM: bom}) {
					if f.VEX == nil || string(f.VEX.Status) != tc.want[i] {
						t.Errorf("%s %s: VEX = %+v, want %s", b, f.Component.Name, f.VEX, tc.want[i])
					}
				}
				// Without the SBOM, a bom-ref is ambiguous: nothing applies.
				for _, f := range vex.Apply(fs, stmts, "") {
					if f.VEX != nil {
						t.Errorf("%s without SBOM: applied %+v", b, f.VEX)
					}
				}
			}
		})
	}
}

// CISA use cases 7 and 8: statuses per product version range, with BOMs
// for ABC and JKL. The BOMs give no version; the test sets one.
func TestApplyCycloneDXVersionRanges(t *testing.T) {
	t.Parallel()
	stmts := parseFile(t, "testdata/cyclonedx/CISA-Use-Cases/Case-8/vex.json")
	log4j := &ward.Component{Name: "log4j-core", Version: "2.14.1", PURL: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}
	tests := []struct {
		bom, version, vuln, want string
	}{
		{"bom-1.json", "2.4", "CVE-2021-44228", "affected"},
		{"bom-1.json", "2.5", "CVE-2021-44228", "not_affected"},
		{"bom-1.json", "2.6", "CVE-2021-44228", "affected"},
		{"bom-1.json", "2.7.5", "CVE-2021-44228", "not_affected"},
		{"bom-1.json", "3.0", "CVE-2021-44228", "affected"},
		{"bom-1.json", "4.1", "CVE-2021-44228", "affected"},
		{"bom-1.json", "4.2", "CVE-2021-44228", "not_affected"},
		{"bom-1.json", "4.3", "CVE-2021-44228", "-"},
		{"bom-1.json", "1.0", "CVE-2021-45105", "not_affected"},
		{"bom-2.json", "4.4", "CVE-2021-44228", "not_affected"},
		{"bom-2.json", "4.7", "CVE-2021-44228", "affected"},
		{"bom-2.json", "5.1", "CVE-2021-44228", "fixed"},
		{"bom-2.json", "5.1", "CVE-2021-45105", "affected"},
		{"bom-2.json", "5.2", "CVE-2021-45105", "fixed"},
		{"bom-2.json", "5.3", "CVE-2021-45105", "-"},
	}
	for _, tc := range tests {
		bom := readSBOM(t, "testdata/cyclonedx/CISA-Use-Cases/Case-8/"+tc.bom)
		subject := *bom.Subject
		subject.Version = tc.version
		bom.Subject = &subject
		got := statuses(vex.ApplyScope([]ward.Finding{finding(log4j, tc.vuln)}, stmts, vex.Scope{SBOM: bom}))
		if s := got[log4j.DisplayName()+" "+tc.vuln]; s != tc.want {
			t.Errorf("%s %s %s: %s, want %s", subject.Name, tc.version, tc.vuln, s, tc.want)
		}
	}
}

// A VEX embedded in an SBOM names its components by bom-ref: those match
// only the SBOM read from the same file.
func TestApplyEmbeddedBOMRef(t *testing.T) {
	t.Parallel()
	const doc = `{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
  "metadata": {"component": {"type": "application", "name": "pump", "bom-ref": "pump"}},
  "components": [{"type": "firmware", "bom-ref": "fw-1", "name": "bootloader", "version": "3.1"}],
  "vulnerabilities": [{"id": "CVE-2024-0001", "analysis": {"state": "not_affected", "justification": "code_not_present"}, "affects": [{"ref": "fw-1"}]}]}`
	stmts, err := vex.FromCycloneDXBOM("pump.cdx.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	bom, err := sbom.Parse("pump.cdx.json", bytes.NewReader([]byte(doc)), sbom.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	fs := []ward.Finding{finding(bom.Components[0], "CVE-2024-0001")}
	if got := vex.ApplyScope(fs, stmts, vex.Scope{SBOM: bom}); got[0].VEX == nil || got[0].VEX.Status != ward.VEXNotAffected {
		t.Errorf("same SBOM: %+v", got[0].VEX)
	}
	other := *bom
	other.Source = "other.cdx.json"
	if got := vex.ApplyScope(fs, stmts, vex.Scope{SBOM: &other}); got[0].VEX != nil {
		t.Errorf("other SBOM with the same bom-ref: applied %+v", got[0].VEX)
	}
}

// The rule ward exists for (Dependency-Track #3554): a statement applies to
// a vulnerability *and* a component, never by vulnerability alone.
func TestApplyNeverByCVEAlone(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	stmt := func(vuln, product string, comps ...string) ward.VEXStatement {
		return ward.VEXStatement{Vulnerability: vuln, Product: product, Components: comps, Status: ward.VEXNotAffected,
			Justification: ward.VEXVulnerableCodeNotPresent, Timestamp: t0, Source: "v.json#statements[0]"}
	}
	a10 := &ward.Component{Name: "a", Version: "1.0", PURL: "pkg:npm/a@1.0"}
	a11 := &ward.Component{Name: "a", Version: "1.1", PURL: "pkg:npm/a@1.1"}
	b10 := &ward.Component{Name: "b", Version: "1.0", PURL: "pkg:npm/b@1.0"}
	deb := &ward.Component{Name: "openssl", Version: "3.0.11-1", PURL: "pkg:deb/debian/openssl@3.0.11-1?distro=bookworm&arch=amd64"}
	cpe := &ward.Component{Name: "busybox", Version: "1.36.1", CPE: "cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*"}
	tests := []struct {
		name    string
		stmt    ward.VEXStatement
		f       ward.Finding
		product string
		applies bool
	}{
		{"same CVE other component", stmt("CVE-1", "pkg:npm/a@1.0"), finding(b10, "CVE-1"), "", false},
		{"same component other CVE", stmt("CVE-1", "pkg:npm/a@1.0"), finding(a10, "CVE-2"), "", false},
		{"advisory ID", stmt("GHSA-x", "pkg:npm/a@1.0"), finding(a10, "GHSA-x"), "", true},
		{"alias, any case", stmt("cve-1", "pkg:npm/a@1.0"), finding(a10, "GHSA-x", "CVE-1"), "", true},
		{"versioned purl, other version", stmt("CVE-1", "pkg:npm/a@1.0"), finding(a11, "CVE-1"), "", false},
		{"versionless purl, every version", stmt("CVE-1", "pkg:npm/a"), finding(a11, "CVE-1"), "", true},
		{"qualifiers in any order", stmt("CVE-1", "pkg:deb/debian/openssl@3.0.11-1?arch=amd64&distro=bookworm"), finding(deb, "CVE-1"), "", true},
		{"qualifier narrows", stmt("CVE-1", "pkg:deb/debian/openssl@3.0.11-1?arch=arm64"), finding(deb, "CVE-1"), "", false},
		{"subcomponent names it", stmt("CVE-1", "pkg:oci/pump@sha256%3Aabc", "pkg:npm/a@1.0"), finding(a10, "CVE-1"), "", true},
		{"subcomponent names another", stmt("CVE-1", "pkg:oci/pump@sha256%3Aabc", "pkg:npm/b@1.0"), finding(a10, "CVE-1"), "", false},
		{"CPE with ANY", stmt("CVE-1", "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*"), finding(cpe, "CVE-1"), "", true},
		{"CPE other product", stmt("CVE-1", "cpe:2.3:a:busybox:ash:*:*:*:*:*:*:*:*"), finding(cpe, "CVE-1"), "", false},
		{"product-wide, scanned product", stmt("CVE-1", "Acme Pump 4.2"), finding(b10, "CVE-1"), "acme pump 4.2", true},
		{"product-wide, other product", stmt("CVE-1", "Acme Monitor 1.0"), finding(b10, "CVE-1"), "Acme Pump 4.2", false},
		{"product-wide, no product given", stmt("CVE-1", "Acme Pump 4.2"), finding(b10, "CVE-1"), "", false},
		{"product purl in vers range", stmt("CVE-1", "pkg:generic/acme/pump vers:generic/>=4.0|<5"), finding(b10, "CVE-1"), "pkg:generic/acme/pump@4.2", true},
		{"product purl outside vers range", stmt("CVE-1", "pkg:generic/acme/pump vers:generic/>=4.0|<5"), finding(b10, "CVE-1"), "pkg:generic/acme/pump@5.1", false},
		{"no product at all", stmt("CVE-1", ""), finding(a10, "CVE-1"), "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := vex.Apply([]ward.Finding{tc.f}, []ward.VEXStatement{tc.stmt}, tc.product)
			if applied := got[0].VEX != nil; applied != tc.applies {
				t.Errorf("applied = %v, want %v", applied, tc.applies)
			}
		})
	}
}

func TestApplyPrecedence(t *testing.T) {
	t.Parallel()
	a := &ward.Component{Name: "a", Version: "1.0", PURL: "pkg:npm/a@1.0"}
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	st := func(status ward.VEXStatus, when time.Time, product, src string) ward.VEXStatement {
		return ward.VEXStatement{Vulnerability: "CVE-1", Product: product, Status: status, ImpactStatement: "x", Timestamp: when, Source: src}
	}
	tests := []struct {
		name     string
		existing *ward.VEXStatement
		stmts    []ward.VEXStatement
		want     string // Source of the winner
	}{
		{"latest wins", nil, []ward.VEXStatement{st(ward.VEXAffected, day(1), "pkg:npm/a", "a"), st(ward.VEXNotAffected, day(2), "pkg:npm/a", "b")}, "b"},
		{"tie: component over product", nil, []ward.VEXStatement{st(ward.VEXAffected, day(1), "Pump", "a"), st(ward.VEXNotAffected, day(1), "pkg:npm/a", "b")}, "b"},
		{"tie: cautious status", nil, []ward.VEXStatement{st(ward.VEXNotAffected, day(1), "pkg:npm/a", "a"), st(ward.VEXAffected, day(1), "pkg:npm/a", "b")}, "b"},
		{"tie: smaller source", nil, []ward.VEXStatement{st(ward.VEXFixed, day(1), "pkg:npm/a", "b"), st(ward.VEXFixed, day(1), "pkg:npm/a", "a")}, "a"},
		{"newer existing decision stays", ptr(st(ward.VEXAffected, day(5), "pkg:npm/a", "file")), []ward.VEXStatement{st(ward.VEXNotAffected, day(2), "pkg:npm/a", "b")}, "file"},
		{"older existing decision replaced", ptr(st(ward.VEXAffected, day(1), "pkg:npm/a", "file")), []ward.VEXStatement{st(ward.VEXNotAffected, day(2), "pkg:npm/a", "b")}, "b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := finding(a, "CVE-1")
			f.VEX = tc.existing
			got := vex.Apply([]ward.Finding{f}, tc.stmts, "Pump")
			if got[0].VEX == nil || got[0].VEX.Source != tc.want {
				t.Errorf("winner = %+v, want source %q", got[0].VEX, tc.want)
			}
			// Order of the statements never matters.
			rev := append([]ward.VEXStatement(nil), tc.stmts...)
			for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
				rev[i], rev[j] = rev[j], rev[i]
			}
			if got2 := vex.Apply([]ward.Finding{f}, rev, "Pump"); got2[0].VEX.Source != got[0].VEX.Source {
				t.Errorf("reversed order chose %q", got2[0].VEX.Source)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
