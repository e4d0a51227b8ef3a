package vex_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/sbom"
	"github.com/wardhq/ward/vex"
)

var writeOpts = vex.Options{
	Product:   "infusion-pump",
	Author:    "Acme Medical PSIRT <psirt@acme.example>",
	Timestamp: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC),
}

// sampleFindings covers every status, an undecided finding, a CPE-only
// component, a component with neither purl nor CPE, and a duplicate.
func sampleFindings() []ward.Finding {
	decided := time.Date(2024, 5, 20, 9, 30, 0, 0, time.UTC)
	django := &ward.Component{Ref: "c1", Type: "library", Name: "django", Version: "3.2.0", PURL: "pkg:pypi/django@3.2.0"}
	busybox := &ward.Component{Ref: "c2", Type: "firmware", Name: "busybox", Version: "1.36.1", CPE: "cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*"}
	boot := &ward.Component{Ref: "c3", Type: "firmware", Name: "bootloader", Version: "3.1"}
	sev := ward.FindingSeverity{Level: "high", Score: 7.5, Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", Method: "CVSS_V3"}
	f := []ward.Finding{
		{Component: django, Advisory: "PYSEC-2021-98", Aliases: []string{"CVE-2021-33203", "GHSA-68w8-qjq3-2gfm"}, Summary: "Directory traversal in admindocs", Severity: sev, Fixed: []string{"3.2.4"},
			VEX: &ward.VEXStatement{Vulnerability: "CVE-2021-33203", Product: "pkg:pypi/django", Status: ward.VEXNotAffected, Justification: ward.VEXVulnerableCodeNotInExecutePath,
				ImpactStatement: "django.contrib.admindocs is not installed.", Timestamp: decided, Source: "security/vex.json#statements[0]"}},
		{Component: django, Advisory: "PYSEC-2021-99", Aliases: []string{"CVE-2021-33571"}, Summary: "IPv4 validation", Severity: sev, Fixed: []string{"3.2.2", "3.1.12"},
			VEX: &ward.VEXStatement{Vulnerability: "CVE-2021-33571", Product: "pkg:pypi/django@3.2.0", Status: ward.VEXAffected, Timestamp: decided}},
		{Component: busybox, Advisory: "CVE-2022-48174", Summary: "Stack overflow in ash", Severity: ward.FindingSeverity{Level: "critical", Score: 9.8, Method: "CVSS_V3", Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}},
		{Component: boot, Advisory: "CVE-2024-0001", Summary: "Bootloader signature bypass",
			VEX: &ward.VEXStatement{Vulnerability: "CVE-2024-0001", Product: "c3", Status: ward.VEXFixed, ActionStatement: "Shipped with patch BL-17.", Timestamp: decided}},
		{Component: boot, Advisory: "CVE-2024-0002", Summary: "Bootloader rollback",
			VEX: &ward.VEXStatement{Vulnerability: "CVE-2024-0002", Product: "c3", Status: ward.VEXNotAffected, Timestamp: decided, Source: "vex.cdx.json#vulnerabilities[1]"}},
	}
	return append(f, f[2]) // the same finding twice: written once
}

func TestWriteOpenVEX(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := vex.WriteOpenVEX(&buf, sampleFindings(), writeOpts); err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, ".openvex.json", buf.Bytes())
	validateOpenVEX(t, buf.Bytes())

	// Deterministic: same input, same bytes, whatever the finding order.
	rev := sampleFindings()
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	var again bytes.Buffer
	if err := vex.WriteOpenVEX(&again, rev, writeOpts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("output depends on finding order")
	}

	// It reads back: same statuses for the same components.
	stmts, err := vex.Parse("out.openvex.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	applied := vex.Apply(stripVEX(sampleFindings()), stmts, "")
	for i, f := range sampleFindings() {
		if f.Component.PURL == "" && f.Component.CPE == "" {
			continue // named by a pkg:generic purl the SBOM does not have
		}
		want := ward.VEXUnderInvestigation
		if f.VEX != nil {
			want = f.VEX.Status
		}
		if applied[i].VEX == nil || applied[i].VEX.Status != want {
			t.Errorf("round trip %s %s: %+v, want %s", f.Component.Name, f.Advisory, applied[i].VEX, want)
		}
	}

	// Without product: components are the products.
	buf.Reset()
	opts := writeOpts
	opts.Product = ""
	if err := vex.WriteOpenVEX(&buf, sampleFindings()[:1], opts); err != nil {
		t.Fatal(err)
	}
	validateOpenVEX(t, buf.Bytes())

	for name, tc := range map[string]struct {
		fs   []ward.Finding
		opts vex.Options
	}{
		"no timestamp": {sampleFindings(), vex.Options{}},
		"no findings":  {nil, writeOpts},
	} {
		if err := vex.WriteOpenVEX(&bytes.Buffer{}, tc.fs, tc.opts); ward.CodeOf(err) != ward.EInvalid {
			t.Errorf("%s: error %v, want EInvalid", name, err)
		}
	}
}

func TestWriteCycloneDXVEX(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := vex.WriteCycloneDXVEX(&buf, sampleFindings(), writeOpts); err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, ".cdx.json", buf.Bytes())

	report, err := sbom.Validate("out.cdx.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range report.Errors {
		t.Errorf("CycloneDX 1.6 schema: %s %s: %s", p.Rule, p.Path, p.Msg)
	}

	// It reads back, as a standalone VEX: components by purl or CPE, and by
	// bom-ref when the SBOM is that very file.
	stmts, err := vex.Parse("out.cdx.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	bom := &ward.SBOM{Source: "out.cdx.json"}
	applied := vex.ApplyScope(stripVEX(sampleFindings()), stmts, vex.Scope{SBOM: bom})
	for i, f := range sampleFindings() {
		want := ward.VEXUnderInvestigation
		if f.VEX != nil {
			want = f.VEX.Status
		}
		if applied[i].VEX == nil || applied[i].VEX.Status != want {
			t.Errorf("round trip %s %s: %+v, want %s", f.Component.Name, f.Advisory, applied[i].VEX, want)
		}
	}
}

func stripVEX(fs []ward.Finding) []ward.Finding {
	for i := range fs {
		fs[i].VEX = nil
	}
	return fs
}

func validateOpenVEX(t *testing.T, doc []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(testutil.Read(t, "testdata/schemas/openvex_json_schema.json")))
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://github.com/openvex/spec/openvex_json_schema_0.2.0.json"
	if err := c.AddResource(url, schemaDoc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		var ve *jsonschema.ValidationError
		errors.As(err, &ve)
		t.Errorf("OpenVEX schema: %v", err)
	}
}
