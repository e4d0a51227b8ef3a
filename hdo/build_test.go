package hdo_test

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/gap"
	"github.com/wardhq/ward/hdo"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/paper"
	"github.com/wardhq/ward/sbom"
	"github.com/wardhq/ward/techfile"
)

const (
	pumpDir    = "../examples/infusion-pump"
	plannerDir = "../examples/care-planner"
)

func pumpInput(t testing.TB) hdo.Input {
	t.Helper()
	sf, sboms := load(t, pumpDir)
	return hdo.Input{File: sf, Release: "2.4.0", SBOMs: sboms, Source: techfile.Source{Dir: "examples/infusion-pump", Files: len(sf.Files), Tool: "ward test"}}
}

func build(t testing.TB, in hdo.Input) *paper.Document {
	t.Helper()
	d, err := hdo.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestBuildGolden(t *testing.T) {
	t.Run("infusion-pump", func(t *testing.T) {
		d := build(t, pumpInput(t))
		if err := d.Validate(); err != nil {
			t.Error(err)
		}
		if d.Date != "2026-10-15" {
			t.Errorf("Date = %q, want the release date", d.Date)
		}
		testutil.Golden(t, ".txt", dump(d))
	})
	t.Run("care-planner", func(t *testing.T) {
		sf, sboms := load(t, plannerDir)
		d := build(t, hdo.Input{File: sf, Release: "1.4.1", SBOMs: sboms, Date: ward.MustDate("2026-11-26"),
			Source: techfile.Source{Dir: "examples/care-planner", Files: len(sf.Files), Tool: "ward test"}})
		if err := d.Validate(); err != nil {
			t.Error(err)
		}
		testutil.Golden(t, ".txt", dump(d))
	})
}

func TestBuildDeterministic(t *testing.T) {
	in := pumpInput(t)
	if !bytes.Equal(dump(build(t, in)), dump(build(t, in))) {
		t.Fatal("two builds of the same input differ")
	}
}

func TestPumpContent(t *testing.T) {
	d := build(t, pumpInput(t))

	t.Run("every interface with port and purpose", func(t *testing.T) {
		s := section(d, "interfaces")
		tb, r := row(t, s, "IF-GW-SSH: Gateway remote support shell")
		for col, want := range map[string]string{
			"Port":               "22/tcp",
			"Direction":          "inbound",
			"Enabled by default": "no",
			"Connects to":        "Manufacturer service engineer",
			"Purpose":            "Remote support sessions, opened by the HDO for at most 8 hours",
		} {
			if got := cell(t, tb, r, col); got != want {
				t.Errorf("IF-GW-SSH %s = %q, want %q", col, got, want)
			}
		}
		prot := tableWithCaption(t, s, "How each interface is protected")
		r = rowIn(t, prot, "IF-GW-SSH")
		if got := cell(t, prot, r, "Encryption"); got != "SSH (chacha20-poly1305, aes256-gcm)" {
			t.Errorf("IF-GW-SSH encryption = %q", got)
		}
		r = rowIn(t, prot, "IF-GW-NTP")
		if got := cell(t, prot, r, "Why a weaker setting is acceptable"); !strings.Contains(got, "RSK-009") {
			t.Errorf("IF-GW-NTP justification = %q, want RSK-009 named", got)
		}
		n := 0
		for _, tb := range tables(s) {
			if len(tb.Header) > 0 && tb.Header[0] == "Interface" && tb.Caption == "" {
				n = len(tb.Rows)
			}
		}
		if n != len(d2i(t)) {
			t.Errorf("interface table has %d rows, want every interface (%d)", n, len(d2i(t)))
		}
		gaps := strings.Join(notes(s, "gap"), "\n")
		for _, want := range []string{"IF-GW-LDAP", "IF-CLOUD-API", "IF-GW-METRICS"} {
			if !strings.Contains(gaps, want) {
				t.Errorf("interface gaps lack %s:\n%s", want, gaps)
			}
		}
	})

	t.Run("residual risks transferred to the HDO", func(t *testing.T) {
		s := section(d, "residual-risks")
		tb, r := row(t, s, "RSK-009")
		if got := cell(t, tb, r, "Managed by"); got != "the HDO" {
			t.Errorf("RSK-009 managed by %q, want the HDO", got)
		}
		if got := cell(t, tb, r, "Residual risk"); got != "low" {
			t.Errorf("RSK-009 residual = %q, want low", got)
		}
		for _, id := range []string{"RSK-005", "RSK-010", "THR-016"} {
			row(t, s, id)
		}
		for _, tb := range tables(s) {
			for _, r := range tb.Rows {
				if r[0] == "RSK-001" {
					t.Error("RSK-001 (kept by the manufacturer, not in the labeling) listed as the HDO's")
				}
			}
		}
		if g := notes(s, "gap"); len(g) != 1 || !strings.Contains(g[0], "THR-016") {
			t.Errorf("residual risks: gaps %q, want only the unrecorded recipient of THR-016", g)
		}
	})

	t.Run("logging and backup", func(t *testing.T) {
		s := section(d, "logging")
		tb, r := row(t, s, "Gateway service")
		if got := cell(t, tb, r, "Port"); got != "6514/tcp" {
			t.Errorf("log forwarding port = %q, want 6514/tcp", got)
		}
		if g := notes(s, "gap"); len(g) != 0 {
			t.Errorf("logging: unexpected gaps %q", g)
		}
		tb, r = row(t, section(d, "backup"), "Gateway database (PostgreSQL) (DS-GW-DB)")
		if got := cell(t, tb, r, "Backed up"); got != "yes" {
			t.Errorf("DS-GW-DB backed up = %q", got)
		}
	})

	t.Run("updates and operator items", func(t *testing.T) {
		tb, r := row(t, section(d, "operator-items"), "Ubuntu Server 22.04 LTS")
		if got := cell(t, tb, r, "What the operator does"); !strings.Contains(got, "within 30 days") {
			t.Errorf("Ubuntu operator tasks = %q", got)
		}
		row(t, section(d, "update-integrity"), "aurora-pump-fw-2.4.0.bin")
		row(t, section(d, "update-policy"), "MIS-SA-2026-01")
	})

	t.Run("no gap where the pump's data answers", func(t *testing.T) {
		for _, id := range []string{"secure-operation", "defense-in-depth", "hardening", "accounts", "decommissioning", "conformance"} {
			if g := notes(section(d, id), "gap"); len(g) != 0 {
				t.Errorf("%s: unexpected gaps %q", id, g)
			}
		}
	})

	t.Run("annex E points at sections", func(t *testing.T) {
		s := section(d, "annex-e")
		nums := techfile.Numbers(d)
		ref := regexp.MustCompile(`(\d+(?:\.\d+)*) (.+?) \(([a-z0-9-]+)\)(?:; |$)`)
		for _, tb := range tables(s) {
			for _, r := range tb.Rows {
				m := ref.FindAllStringSubmatch(r[1], -1)
				if len(m) == 0 {
					t.Errorf("%s: answered nowhere", r[0])
				}
				for _, x := range m {
					if sec := section(d, x[3]); sec == nil || nums[x[3]] != x[1] || sec.Title != x[2] {
						t.Errorf("%s points at %q", r[0], x[0])
					}
				}
			}
		}
	})

	t.Run("meta names release and data", func(t *testing.T) {
		var labels []string
		for _, f := range d.Meta {
			labels = append(labels, f.Label+": "+f.Value)
		}
		all := strings.Join(labels, "\n")
		for _, want := range []string{"Release: 2.4.0 of 2026-10-15", "SBOM SBOM-2.4.0: sbom/aurora-2.4.0.cdx.json", "Security file: examples/infusion-pump"} {
			if !strings.Contains(all, want) {
				t.Errorf("meta lacks %q:\n%s", want, all)
			}
		}
	})
}

// d2i returns the pump's interfaces.
func d2i(t *testing.T) []*ward.Interface {
	sf, _ := load(t, pumpDir)
	return sf.Context.Interfaces
}

// TestGapNotes drops records from a copy of the pump's security file and
// checks that the sections they fed say what is missing instead.
func TestGapNotes(t *testing.T) {
	for _, tc := range []struct {
		name, section, want string
		change              func(sf *ward.SecurityFile)
	}{
		{"decommissioning guide dropped", "decommissioning", "No decommissioning guide", func(sf *ward.SecurityFile) { dropDocument(sf, "DOC-DECOM-001") }},
		{"hardening guide dropped", "hardening", "No hardening guide", func(sf *ward.SecurityFile) { dropDocument(sf, "DOC-HARD-001") }},
		{"residual-risk document dropped", "residual-risks", "No residual-risk document", func(sf *ward.SecurityFile) { dropDocument(sf, "DOC-RESID-001") }},
		{"account guide dropped", "accounts", "no account management guide", func(sf *ward.SecurityFile) { dropDocument(sf, "DOC-ACCT-001") }},
		{"security guide dropped", "logging", "forensic_logs", func(sf *ward.SecurityFile) { dropDocument(sf, "DOC-SECOPS-001") }},
		{"no log forwarding", "logging", "no flow with purpose logging", func(sf *ward.SecurityFile) {
			a := *sf.Architecture
			a.Flows = slices.DeleteFunc(slices.Clone(a.Flows), func(f *ward.Flow) bool { return f.Purpose == "logging" })
			sf.Architecture = &a
		}},
		{"no HDO responsibilities", "defense-in-depth", "context.hdo_responsibilities", func(sf *ward.SecurityFile) {
			c := *sf.Context
			c.HDOResponsibilities = nil
			sf.Context = &c
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := pumpInput(t)
			sf := *in.File
			tc.change(&sf)
			in.File = &sf
			gaps := notes(section(build(t, in), tc.section), "gap")
			if !strings.Contains(strings.Join(gaps, "\n"), tc.want) {
				t.Errorf("%s gaps = %q, want one containing %q", tc.section, gaps, tc.want)
			}
		})
	}
}

// dropDocument removes a document from sf and from every release.
func dropDocument(sf *ward.SecurityFile, id string) {
	sf.Documents = slices.DeleteFunc(slices.Clone(sf.Documents), func(d *ward.Document) bool { return d.ID == id })
	rels := make([]*ward.ReleaseRecord, len(sf.Releases))
	for i, r := range sf.Releases {
		c := *r
		c.Documents = slices.DeleteFunc(slices.Clone(r.Documents), func(d string) bool { return d == id })
		rels[i] = &c
	}
	sf.Releases = rels
}

func TestCarePlannerGaps(t *testing.T) {
	sf, sboms := load(t, plannerDir)
	d := build(t, hdo.Input{File: sf, Release: "1.4.1", SBOMs: sboms})
	for id, want := range map[string]string{
		"hardening":        "No hardening guide",
		"defense-in-depth": "kind environment_measures",
		"backup":           "backup_restore",
	} {
		if g := strings.Join(notes(section(d, id), "gap"), "\n"); !strings.Contains(g, want) {
			t.Errorf("%s gaps = %q, want %q", id, g, want)
		}
	}
	// 1.4.0 has no SBOM: the document says so and no SBOM can be written.
	in := hdo.Input{File: sf, Release: "1.4.0", SBOMs: sboms}
	if g := strings.Join(notes(section(build(t, in), "sbom"), "gap"), "\n"); !strings.Contains(g, "No SBOM is recorded for release 1.4.0") {
		t.Errorf("sbom gaps of 1.4.0 = %q", g)
	}
	if err := hdo.WriteSBOMCycloneDX(&bytes.Buffer{}, in); ward.CodeOf(err) != ward.ENotFound {
		t.Errorf("SBOM of a release without one: %v, want ENotFound", err)
	}
}

func TestWriteSBOM(t *testing.T) {
	in := pumpInput(t)
	for _, tc := range []struct {
		name, format string
		write        func(*bytes.Buffer, hdo.Input) error
	}{
		{"cyclonedx", "CycloneDX", func(b *bytes.Buffer, in hdo.Input) error { return hdo.WriteSBOMCycloneDX(b, in) }},
		{"spdx", "SPDX", func(b *bytes.Buffer, in hdo.Input) error { return hdo.WriteSBOMSPDX(b, in) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := tc.write(&a, in); err != nil {
				t.Fatal(err)
			}
			if err := tc.write(&b, in); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two writes differ")
			}
			rep, err := sbom.Validate(tc.name, a.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Valid() || rep.Format != tc.format || rep.Components != 23 {
				t.Errorf("%s: valid %t, format %s, %d components (errors %v), want a valid %s SBOM of 23 components",
					tc.name, rep.Valid(), rep.Format, rep.Components, rep.Errors, tc.format)
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	in := pumpInput(t)
	in.Release = "9.9.9"
	if _, err := hdo.Build(in); ward.CodeOf(err) != ward.ENotFound {
		t.Errorf("unknown release: %v, want ENotFound", err)
	}
	in.Release = ""
	if _, err := hdo.Build(in); ward.CodeOf(err) != ward.EInvalid {
		t.Errorf("no release: %v, want EInvalid", err)
	}
}

// TestWriteSBOMMerged: a release with two SBOMs (firmware and cloud, say)
// is delivered as one SBOM holding both, references kept unique.
func TestWriteSBOMMerged(t *testing.T) {
	in := pumpInput(t)
	var mine []gap.LoadedSBOM
	for _, s := range in.SBOMs {
		if s.Ref.Release == "2.4.0" {
			mine = append(mine, s)
			extra := *s.Ref
			extra.ID = "SBOM-2.4.0-second"
			mine = append(mine, gap.LoadedSBOM{Ref: &extra, SBOM: s.SBOM})
		}
	}
	in.SBOMs = mine
	for name, write := range map[string]func(*bytes.Buffer, hdo.Input) error{
		"cyclonedx": func(b *bytes.Buffer, in hdo.Input) error { return hdo.WriteSBOMCycloneDX(b, in) },
		"spdx":      func(b *bytes.Buffer, in hdo.Input) error { return hdo.WriteSBOMSPDX(b, in) },
	} {
		var b bytes.Buffer
		if err := write(&b, in); err != nil {
			t.Fatal(err)
		}
		rep, err := sbom.Validate(name, b.Bytes())
		if err != nil || !rep.Valid() || rep.Components != 46 {
			t.Errorf("%s: err %v, valid %t, %d components (errors %v), want a valid SBOM of both (46 components)", name, err, rep.Valid(), rep.Components, rep.Errors)
		}
	}
}
