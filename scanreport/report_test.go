package scanreport_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/scanreport"
	"github.com/wardhq/ward/vex"
)

var issued = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)

// sample is a report with one of each kind of row: a scored finding, an
// unscored one, one decided not_affected by VEX, one under investigation,
// an undecidable GIT-only one, and components that could not be checked.
func sample() *scanreport.Report {
	django := &ward.Component{Ref: "pkg:pypi/django@3.2.12", Name: "django", Version: "3.2.12", PURL: "pkg:pypi/django@3.2.12",
		Path: "components[3]", Pos: ward.Pos{File: "sbom/aurora-2.4.0.cdx.json", Line: 120, Col: 5}}
	urllib3 := &ward.Component{Ref: "urllib3", Name: "urllib3", Version: "1.26.4", PURL: "pkg:pypi/urllib3@1.26.4",
		Path: "components[4]", Pos: ward.Pos{File: "sbom/aurora-2.4.0.cdx.json"}}
	smallvec := &ward.Component{Ref: "smallvec", Name: "smallvec", Version: "1.6.0", PURL: "pkg:cargo/smallvec@1.6.0",
		Path: "components[5]", Pos: ward.Pos{File: "sbom/aurora-2.4.0.cdx.json"}}
	mbed := &ward.Component{Ref: "mbedTLS", Name: "mbedTLS", Version: "2.28.1", PURL: "pkg:github/mbed-tls/mbedtls@v2.28.1",
		Path: "components[7]", Pos: ward.Pos{File: "sbom/aurora-2.4.0.cdx.json"}}
	return &scanreport.Report{
		Snapshot:   scanreport.Snapshot{ID: "7c2e536c6f5fc6aec477f92ac8fea019826bec05e22babbe6f5d8de099058daf", NewestModified: time.Date(2026, 7, 17, 15, 52, 38, 0, time.UTC)},
		SBOMs:      []scanreport.SBOM{{Source: "sbom/aurora-2.4.0.cdx.json", Format: "CycloneDX", SpecVersion: "1.6"}},
		Components: 7, Checked: 4,
		NotMatchable: []scanreport.NotMatchable{
			{Component: &ward.Component{Ref: "FreeRTOS-Kernel", Name: "FreeRTOS-Kernel", Version: "10.4.6", Path: "components[6]", Pos: ward.Pos{File: "sbom/aurora-2.4.0.cdx.json"}},
				Reason: "no package identifier (purl or CPE)"},
			{Component: &ward.Component{Ref: "fw", Name: "aurora-pump-firmware", Version: "2.4.0", PURL: "pkg:generic/meridian/aurora-pump-firmware@2.4.0", Path: "components[0]"},
				Reason: `purl type "generic" is not covered by OSV advisories`},
			{Component: &ward.Component{Group: "acme", Name: "pipe|name", Path: "components[1]"}, Reason: "no version: neither the purl nor the component gives one"},
		},
		Findings: []ward.Finding{
			{Component: django, Advisory: "PYSEC-2022-190", Aliases: []string{"CVE-2022-28346", "GHSA-2gwj-7jmv-h26r"},
				Summary:  "SQL injection in QuerySet.annotate(), aggregate() and extra()",
				Severity: ward.FindingSeverity{Level: "critical", Score: 9.8, Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", Method: "CVSS_V3"},
				Match: ward.MatchReason{Ecosystem: "PyPI", Package: "django", Identifier: "purl:pkg:pypi/django@3.2.12",
					Range: "ECOSYSTEM introduced 3.2, fixed 3.2.13", Comparator: "PyPI (PEP 440)"},
				Fixed: []string{"2.2.28", "3.2.13", "4.0.4"}},
			{Component: django, Advisory: "PYSEC-2023-12", Aliases: []string{"CVE-2023-23969"},
				Severity: ward.FindingSeverity{Level: "unknown"},
				Match: ward.MatchReason{Ecosystem: "PyPI", Package: "django", Identifier: "purl:pkg:pypi/django@3.2.12",
					Range: "versions list", Comparator: "PyPI (PEP 440)"}},
			{Component: urllib3, Advisory: "PYSEC-2023-192", Aliases: []string{"CVE-2023-43804", "GHSA-v845-jxx5-vc9f"},
				Summary:  "Cookie header leaked on cross-origin redirect",
				Severity: ward.FindingSeverity{Level: "high", Score: 8.1, Vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", Method: "CVSS_V3"},
				Match: ward.MatchReason{Ecosystem: "PyPI", Package: "urllib3", Identifier: "purl:pkg:pypi/urllib3@1.26.4",
					Range: "ECOSYSTEM introduced 0, fixed 1.26.17", Comparator: "PyPI (PEP 440)"},
				Fixed: []string{"1.26.17", "2.0.6"},
				VEX: &ward.VEXStatement{Vulnerability: "CVE-2023-43804", Product: "pkg:pypi/urllib3", Status: ward.VEXNotAffected,
					Justification: ward.VEXVulnerableCodeNotInExecutePath, ImpactStatement: "The gateway never follows redirects.",
					Timestamp: issued, Source: "vex/aurora.openvex.json#statements[0]"}},
			{Component: smallvec, Advisory: "RUSTSEC-2021-0003", Aliases: []string{"CVE-2021-25900"},
				Summary:  "Buffer overflow in SmallVec::insert_many",
				Severity: ward.FindingSeverity{Level: "medium", Score: 5.5, Vector: "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", Method: "CVSS_V3"},
				Match: ward.MatchReason{Ecosystem: "crates.io", Package: "smallvec", Identifier: "purl:pkg:cargo/smallvec@1.6.0",
					Range: "SEMVER introduced 1.0.0, fixed 1.6.1", Comparator: "SemVer 2.0.0"},
				Fixed: []string{"1.6.1"},
				VEX: &ward.VEXStatement{Vulnerability: "RUSTSEC-2021-0003", Product: "pkg:cargo/smallvec@1.6.0", Status: ward.VEXUnderInvestigation,
					Timestamp: issued, Source: "sbom/aurora-2.4.0.cdx.json#vulnerabilities[0]"}},
			{Component: mbed, Advisory: "OSV-2022-1", Summary: "Heap overflow in ssl_tls.c",
				Severity: ward.FindingSeverity{Level: "low", Score: 3.1, Vector: "CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:N", Method: "CVSS_V3"},
				Match: ward.MatchReason{Ecosystem: "GIT", Package: "https://github.com/Mbed-TLS/mbedtls", Identifier: "purl:pkg:github/mbed-tls/mbedtls@v2.28.1 (alias rule mbedTLS)",
					Range: "GIT introduced 5f2fd4d, fixed 8a1c2e0", Undecidable: "GIT ranges cannot be decided offline"}},
		},
	}
}

// nothing is a scan in which no component could be checked.
func nothing() *scanreport.Report {
	return &scanreport.Report{
		Snapshot:   scanreport.Snapshot{ID: "ab12", NewestModified: time.Date(2026, 7, 17, 0, 0, 0, 0, time.UTC)},
		SBOMs:      []scanreport.SBOM{{Source: "fw.spdx.json", Format: "SPDX", SpecVersion: "2.3"}},
		Components: 2,
		NotMatchable: []scanreport.NotMatchable{
			{Component: &ward.Component{Name: "FreeRTOS-Kernel", Version: "10.4.6", Path: "packages[0]"}, Reason: "no package identifier (purl or CPE)"},
			{Component: &ward.Component{Name: "lwIP", Version: "2.1.3", CPE: "cpe:2.3:a:lwip_project:lwip:2.1.3:*:*:*:*:*:*:*", Path: "packages[1]"},
				Reason: "CPE only: the OSV advisory data is keyed by package; add an alias rule mapping it to a purl"},
		},
	}
}

// reopened is sample scanned with --previous: a decision re-opened because
// its component's version changed, one because its advisory changed, and
// one naming no component of the scan.
func reopened() *scanreport.Report {
	r := sample()
	django, smallvec := r.Findings[0].Component, r.Findings[3].Component
	r.Reopened = []scanreport.Reopened{
		{Vulnerability: "CVE-2022-28346", Component: django, Reason: "django@3.2.10 version changed from 3.2.10 to 3.2.12",
			Source: "vex/aurora-2.3.0.openvex.json#statements[1].products[0]"},
		{Vulnerability: "RUSTSEC-2021-0003", Component: smallvec,
			Reason: "advisory RUSTSEC-2021-0003 was modified on 2026-07-17T15:52:38Z, after this decision of 2026-05-04T08:00:00Z",
			Source: "vex/aurora-2.3.0.openvex.json#statements[2].products[0]"},
		{Vulnerability: "CVE-2099-0001", Reason: "advisory GHSA-xxxx-yyyy-zzzz (CVE-2099-0001) was modified on 2026-07-01T00:00:00Z; this decision has no timestamp, so it may predate that",
			Source: "vex/product.cdx.json#vulnerabilities[0]"},
	}
	return r
}

var exts = map[string]string{"table": ".txt", "json": ".json", "markdown": ".md", "sarif": ".sarif", "cyclonedx": ".cdx.json", "openvex": ".openvex.json"}

func TestFormats(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		report func() *scanreport.Report
		opts   scanreport.Options
	}{
		{"Sample", sample, scanreport.Options{FailOn: "high", ToolVersion: "0.1.0", Product: "pkg:generic/meridian/aurora-connect@2.4.0", Author: "Meridian PSIRT", Timestamp: issued}},
		{"SampleColor", sample, scanreport.Options{Color: true, FailOn: "critical"}},
		{"NothingChecked", nothing, scanreport.Options{FailOn: "high", Timestamp: issued}},
		{"Reopened", reopened, scanreport.Options{FailOn: "high", ToolVersion: "0.1.0", Product: "pkg:generic/meridian/aurora-connect@2.4.0", Author: "Meridian PSIRT", Timestamp: issued}},
	}
	for _, tc := range cases {
		for _, name := range scanreport.FormatNames {
			if tc.opts.Color && name != "table" {
				continue
			}
			if tc.name == "NothingChecked" && name == "openvex" {
				continue // TestOpenVEXNeedsAFinding
			}
			if tc.name == "Reopened" && (name == "cyclonedx" || name == "openvex") {
				continue // TestReopenedNotInVEX
			}
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				t.Parallel()
				var buf bytes.Buffer
				if err := scanreport.Formats[name](&buf, tc.report(), tc.opts); err != nil {
					t.Fatal(err)
				}
				if name != "table" && name != "markdown" && !json.Valid(buf.Bytes()) {
					t.Fatalf("%s output is not JSON:\n%s", name, buf.String())
				}
				testutil.Golden(t, exts[name], buf.Bytes())
				// Deterministic: a second run gives the same bytes.
				var again bytes.Buffer
				if err := scanreport.Formats[name](&again, tc.report(), tc.opts); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(buf.Bytes(), again.Bytes()) {
					t.Errorf("second run differs")
				}
			})
		}
	}
}

// TestJSONContract checks the contract's shape: keys, arrays never null,
// vex null when undecided.
func TestJSONContract(t *testing.T) {
	t.Parallel()
	for _, r := range []*scanreport.Report{sample(), nothing(), reopened(), {}} {
		var buf bytes.Buffer
		if err := scanreport.WriteJSON(&buf, r, scanreport.Options{}); err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		keys := []string{"snapshot", "components", "checked", "not_matchable", "findings", "reopened"}
		for _, k := range keys {
			if _, ok := got[k]; !ok {
				t.Errorf("key %q missing", k)
			}
		}
		if len(got) != len(keys) {
			t.Errorf("top-level keys = %d, want %d", len(got), len(keys))
		}
		// Keys are only added at the end: tools read them in this order.
		var order []string
		dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
		dec.Token() // {
		for dec.More() {
			k, _ := dec.Token()
			order = append(order, k.(string))
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				t.Fatal(err)
			}
		}
		if !equal(order, keys) {
			t.Errorf("top-level keys in order %v, want %v", order, keys)
		}
		ros, ok := got["reopened"].([]any)
		if !ok || len(ros) != len(r.Reopened) {
			t.Errorf("reopened = %v, want an array of %d", got["reopened"], len(r.Reopened))
		}
		for i, ro := range ros {
			m := ro.(map[string]any)
			c, ok := m["component"].(map[string]any)
			if !ok || len(m) != 4 || len(c) != 3 || c["name"] == nil || c["version"] == nil || c["purl"] == nil {
				t.Errorf("reopened[%d] = %v, want vulnerability, component {name, version, purl}, reason, source", i, m)
			}
		}
		if _, ok := got["not_matchable"].([]any); !ok {
			t.Errorf("not_matchable = %v, want an array", got["not_matchable"])
		}
		fs, ok := got["findings"].([]any)
		if !ok {
			t.Fatalf("findings = %v, want an array", got["findings"])
		}
		for i, f := range fs {
			m := f.(map[string]any)
			for _, k := range []string{"aliases", "fixed"} {
				if _, ok := m[k].([]any); !ok {
					t.Errorf("findings[%d].%s = %v, want an array", i, k, m[k])
				}
			}
			if v, ok := m["vex"]; !ok || (v != nil && r.Findings[i].VEX == nil) {
				t.Errorf("findings[%d].vex = %v, want null when undecided", i, v)
			}
		}
	}
}

// TestReopenedNotInVEX checks that the VEX documents ignore re-opened
// decisions: their findings are undecided there already (in_triage,
// under_investigation).
func TestReopenedNotInVEX(t *testing.T) {
	t.Parallel()
	opts := scanreport.Options{Product: "pkg:generic/meridian/aurora-connect@2.4.0", Timestamp: issued}
	for _, name := range []string{"cyclonedx", "openvex"} {
		var with, without bytes.Buffer
		if err := scanreport.Formats[name](&with, reopened(), opts); err != nil {
			t.Fatal(err)
		}
		if err := scanreport.Formats[name](&without, sample(), opts); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(with.Bytes(), without.Bytes()) {
			t.Errorf("%s: re-opened decisions change the document", name)
		}
	}
}

// TestReopenedStaysOpen checks that a finding whose decision was re-opened
// counts for the gate: scan does not apply the decision, and the report
// changes nothing about the findings.
func TestReopenedStaysOpen(t *testing.T) {
	t.Parallel()
	if got, want := reopened().Blocking("high"), sample().Blocking("high"); got != want {
		t.Errorf("Blocking(high) = %d with re-opened decisions, want %d", got, want)
	}
}

func TestOpenVEXNeedsAFinding(t *testing.T) {
	t.Parallel()
	err := scanreport.WriteOpenVEX(&bytes.Buffer{}, nothing(), scanreport.Options{Timestamp: issued})
	if ward.CodeOf(err) != ward.EInvalid {
		t.Errorf("err = %v, want EInvalid", err)
	}
}

// TestVEXRoundTrip re-reads the VEX documents written from a report: the
// decisions made come back for the same vulnerability and component.
func TestVEXRoundTrip(t *testing.T) {
	t.Parallel()
	r := sample()
	for _, name := range []string{"cyclonedx", "openvex"} {
		var buf bytes.Buffer
		if err := scanreport.Formats[name](&buf, r, scanreport.Options{Timestamp: issued}); err != nil {
			t.Fatal(err)
		}
		stmts, err := vex.Parse(name+".json", buf.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		undecided := make([]ward.Finding, len(r.Findings))
		for i, f := range r.Findings {
			f.VEX = nil
			undecided[i] = f
		}
		for i, f := range vex.Apply(undecided, stmts, "") {
			if f.VEX == nil {
				t.Errorf("%s: finding %d (%s) has no statement after the round trip", name, i, f.Advisory)
				continue
			}
			if want := r.Findings[i].VEX; want != nil && f.VEX.Status != want.Status {
				t.Errorf("%s: finding %d (%s) status = %s, want %s", name, i, f.Advisory, f.VEX.Status, want.Status)
			}
		}
	}
}

func TestGate(t *testing.T) {
	t.Parallel()
	r := sample()
	cases := []struct {
		threshold string
		want      []string
	}{
		// urllib3 (high) is not_affected by VEX; unknown counts as high;
		// under_investigation stays open.
		{"critical", []string{"PYSEC-2022-190"}},
		{"high", []string{"PYSEC-2022-190", "PYSEC-2023-12"}},
		{"medium", []string{"PYSEC-2022-190", "PYSEC-2023-12", "RUSTSEC-2021-0003"}},
		{"low", []string{"PYSEC-2022-190", "PYSEC-2023-12", "RUSTSEC-2021-0003", "OSV-2022-1"}},
	}
	for _, tc := range cases {
		var got []string
		for i := range r.Findings {
			if scanreport.Blocks(&r.Findings[i], tc.threshold) {
				got = append(got, r.Findings[i].Advisory)
			}
		}
		if n := r.Blocking(tc.threshold); n != len(tc.want) {
			t.Errorf("Blocking(%s) = %d, want %d", tc.threshold, n, len(tc.want))
		}
		if !equal(got, tc.want) {
			t.Errorf("Blocks(…, %s) holds for %v, want %v", tc.threshold, got, tc.want)
		}
	}
	if _, err := scanreport.ParseThreshold("none"); err == nil {
		t.Errorf("ParseThreshold(none) accepted")
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
