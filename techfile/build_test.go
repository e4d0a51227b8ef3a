package techfile_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/paper"
	"github.com/wardhq/ward/techfile"
)

const (
	pumpDir    = "../examples/infusion-pump"
	plannerDir = "../examples/care-planner"
)

// pump builds the technical file of the pump's 2.4.0 as of the day of the
// gap analysis its README describes.
func pump(t testing.TB) *paper.Document {
	t.Helper()
	sf, sboms := load(t, pumpDir)
	d, err := techfile.Build(techfile.Input{File: sf, Release: "2.4.0", Date: ward.MustDate("2026-11-26"), SBOMs: sboms,
		Source: techfile.Source{Dir: "examples/infusion-pump", Files: len(sf.Files), Tool: "ward test"}})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestBuildGolden(t *testing.T) {
	t.Run("infusion-pump", func(t *testing.T) {
		d := pump(t)
		if err := d.Validate(); err != nil {
			t.Error(err)
		}
		testutil.Golden(t, ".txt", dump(d))
	})
	t.Run("care-planner", func(t *testing.T) {
		sf, sboms := load(t, plannerDir)
		// No date: the release's own date.
		d, err := techfile.Build(techfile.Input{File: sf, Release: "1.4.1", SBOMs: sboms,
			Source: techfile.Source{Dir: "examples/care-planner", Files: len(sf.Files), Commit: "0123456789abcdef0123456789abcdef01234567", CommitDate: "2026-11-25", Tool: "ward test"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Validate(); err != nil {
			t.Error(err)
		}
		if d.Date != "2026-11-04" {
			t.Errorf("Date = %q, want the release date 2026-11-04", d.Date)
		}
		testutil.Golden(t, ".txt", dump(d))
	})
}

func TestBuildDeterministic(t *testing.T) {
	a, b := dump(pump(t)), dump(pump(t))
	if !bytes.Equal(a, b) {
		t.Fatal("two builds of the same input differ")
	}
}

func TestPumpContent(t *testing.T) {
	d := pump(t)

	t.Run("meta names release and data", func(t *testing.T) {
		meta := map[string]string{}
		for _, f := range d.Meta {
			meta[f.Label] = f.Value
		}
		for label, want := range map[string]string{
			"Release":                "2.4.0 of 2026-10-15, built from commit fc96bde663ecf76217b2fe81c1500323de30d1bb",
			"SBOM SBOM-2.4.0":        "sbom/aurora-2.4.0.cdx.json",
			"Advisory data":          "snapshot osv-2026-11-23T05:00Z",
			"Security file":          "examples/infusion-pump",
			"Date":                   "2026-11-26",
			"Manufacturer":           "Meridian Infusion Systems GmbH",
			"Security file revision": "no git commit known",
		} {
			if !strings.Contains(meta[label], want) {
				t.Errorf("meta %q = %q, want it to contain %q", label, meta[label], want)
			}
		}
		if d.Date != "2026-11-26" || !strings.Contains(d.Subtitle, "2.4.0") || !strings.Contains(d.Footer, "2.4.0") {
			t.Errorf("date %q, subtitle %q, footer %q: want the release and the date", d.Date, d.Subtitle, d.Footer)
		}
	})

	t.Run("interface table", func(t *testing.T) {
		tb, r := row(t, section(d, "interfaces"), "IF-GW-SSH")
		if got := cell(t, tb, r, "Port"); got != "22/tcp" {
			t.Errorf("IF-GW-SSH port = %q, want 22/tcp", got)
		}
		if got := cell(t, tb, r, "Enabled by default"); got != "no" {
			t.Errorf("IF-GW-SSH enabled by default = %q, want no", got)
		}
		prot := tableWithCaption(t, section(d, "interfaces"), "How each interface is protected")
		if got := cell(t, prot, rowIn(t, prot, "IF-GW-SSH"), "Authentication"); !strings.Contains(got, "SSH certificate") {
			t.Errorf("IF-GW-SSH authentication = %q", got)
		}
		tb, r = row(t, section(d, "interfaces"), "IF-GW-NTP")
		if got := cell(t, tb, r, "Port"); got != "123/udp" {
			t.Errorf("IF-GW-NTP port = %q, want 123/udp", got)
		}
		if w := notes(section(d, "interfaces"), "warning"); len(w) != 1 || !strings.Contains(w[0], "IF-GW-METRICS") {
			t.Errorf("warnings = %q, want the unlabeled metrics endpoint", w)
		}
	})

	t.Run("undecided derived threat", func(t *testing.T) {
		s := section(d, "threats-derived")
		tb, r := row(t, s, "I-INTERFACE-UNLABELED-a58a7f25")
		if got := cell(t, tb, r, "Decision"); got != "undecided" {
			t.Errorf("decision = %q, want undecided", got)
		}
		tb, r = row(t, s, "D-PHI-STORE-NOBACKUP-180c1617")
		if got := cell(t, tb, r, "Decision"); got != "not applicable (2026-11-20)" {
			t.Errorf("decided threat: decision = %q, want not applicable", got)
		}
		if w := notes(section(d, "threat-model"), "warning"); len(w) == 0 || !strings.Contains(w[0], "I-INTERFACE-UNLABELED-a58a7f25") {
			t.Errorf("threat model warnings = %q, want the undecided threat named", w)
		}
		if _, r := row(t, section(d, "threats-manual"), "THR-001"); r == nil {
			t.Error("hand-written THR-001 missing")
		}
	})

	t.Run("risks", func(t *testing.T) {
		tb, r := row(t, section(d, "risk-register"), "RSK-009")
		if got := cell(t, tb, r, "Acceptance"); got != "acceptable (CRIT-TRANSFER); transferred to hdo; in the labeling; approved by d.schmidt" {
			t.Errorf("RSK-009 acceptance = %q", got)
		}
		if got := cell(t, tb, r, "Before controls"); got != "5.4 medium; high × minor = medium" {
			t.Errorf("RSK-009 before = %q", got)
		}
	})

	t.Run("vulnerabilities", func(t *testing.T) {
		s := section(d, "vulnerabilities")
		for id, want := range map[string]string{
			"VUL-2026-001": "fixed",
			"VUL-2026-002": "not affected",
			"VUL-2026-003": "under investigation",
		} {
			var got string
			for _, tb := range tables(s) {
				for _, r := range tb.Rows {
					if strings.HasPrefix(r[0], id+":") {
						got = cell(t, tb, r, "Status for 2.4.0")
					}
				}
			}
			if got != want {
				t.Errorf("%s status for 2.4.0 = %q, want %q", id, got, want)
			}
		}
	})

	t.Run("support status", func(t *testing.T) {
		tb, r := row(t, section(d, "sbom-support"), "CMP-mbedtls")
		if got := cell(t, tb, r, "Support"); got != "no longer maintained, ended 2024-12-31" {
			t.Errorf("mbedTLS support = %q", got)
		}
		if gaps := notes(section(d, "sbom-support"), "gap"); len(gaps) != 1 || !strings.Contains(gaps[0], "CMP-jinja2") {
			t.Errorf("support gaps = %q, want CMP-jinja2 without plan or rationale", gaps)
		}
	})

	t.Run("testing and independence", func(t *testing.T) {
		tb, r := row(t, section(d, "testing"), "penetration")
		if got := cell(t, tb, r, "Independence required"); got != "organisation" {
			t.Errorf("penetration independence required = %q, want organisation", got)
		}
		if got := cell(t, tb, r, "Independence stated"); got != "organisation" {
			t.Errorf("penetration independence stated = %q, want organisation", got)
		}
		tb, r = row(t, section(d, "tests"), "TST-108")
		if got := cell(t, tb, r, "Ran on"); got != "2.3.0, 2026-03-30" {
			t.Errorf("TST-108 ran on %q, want 2.3.0", got)
		}
	})

	t.Run("unresolved findings", func(t *testing.T) {
		s := section(d, "findings")
		tb, r := row(t, s, "FND-2026-014")
		if got := cell(t, tb, r, "Status"); got != "deferred to 2.5.0" {
			t.Errorf("FND-2026-014 status = %q", got)
		}
		for _, tb := range tables(s) {
			for _, r := range tb.Rows {
				if r[0] == "FND-2026-009" {
					t.Error("fixed finding FND-2026-009 listed as unresolved")
				}
			}
		}
	})

	t.Run("traceability breaks and gap report", func(t *testing.T) {
		s := section(d, "trace-breaks")
		found := false
		for _, tb := range tables(s) {
			for _, r := range tb.Rows {
				found = found || r[1] == "I-INTERFACE-UNLABELED-a58a7f25"
			}
		}
		if !found {
			t.Error("trace breaks do not list the undecided threat")
		}
		for _, rule := range []string{"R571-1", "R415-1", "R72-6", "R543-3"} {
			if _, r := row(t, section(d, "gap-failed"), rule); r == nil {
				t.Errorf("failed rules lack %s", rule)
			}
		}
	})

	t.Run("figure", func(t *testing.T) {
		var fig *paper.Figure
		for _, b := range section(d, "architecture").Blocks {
			if f, ok := b.(paper.Figure); ok {
				fig = &f
			}
		}
		if fig == nil || !bytes.HasPrefix(fig.SVG, []byte("<svg")) || fig.Draw == nil || fig.Width <= 0 || fig.Height <= 0 {
			t.Fatalf("architecture has no drawn data-flow figure: %+v", fig)
		}
	})
}

// TestFDAMap checks that every section the FDA map points at exists, with
// the number and title the map gives it.
func TestFDAMap(t *testing.T) {
	d := pump(t)
	s := section(d, "fda-map")
	if s == nil {
		t.Fatal("no FDA map")
	}
	nums := techfile.Numbers(d)
	ref := regexp.MustCompile(`(\d+(?:\.\d+)*) (.+?) \(([a-z0-9-]+)\)(?:; |$)`)
	items := 0
	for _, tb := range tables(s) {
		for _, r := range tb.Rows {
			items++
			where := cell(t, tb, r, "Answered in")
			refs := ref.FindAllStringSubmatch(where, -1)
			if len(refs) == 0 {
				t.Errorf("%s: answered nowhere (%q)", r[0], where)
			}
			for _, m := range refs {
				sec := section(d, m[3])
				switch {
				case sec == nil:
					t.Errorf("%s points at missing section %q", r[0], m[3])
				case nums[m[3]] != m[1] || sec.Title != m[2]:
					t.Errorf("%s: %q, want %s %s", r[0], m[0], nums[m[3]], sec.Title)
				}
			}
		}
	}
	if items < 12 {
		t.Errorf("FDA map has %d items, want the premarket documentation items", items)
	}
	for _, want := range []string{"Threat model", "Software bill of materials", "Labeling", "Cybersecurity management plan", "Security architecture views", "Traceability"} {
		if !strings.Contains(string(dump(&paper.Document{Sections: []*paper.Section{s}})), want) {
			t.Errorf("FDA map lacks %q", want)
		}
	}
}

func TestCarePlannerCRA(t *testing.T) {
	sf, sboms := load(t, plannerDir)
	d, err := techfile.Build(techfile.Input{File: sf, Release: "1.4.1", SBOMs: sboms})
	if err != nil {
		t.Fatal(err)
	}
	s := section(d, "cra-map")
	if s == nil {
		t.Fatal("no CRA section for a product under the CRA")
	}
	tb, r := row(t, s, "VUL-2026-01")
	if got := cell(t, tb, r, "Early warning (24 h)"); got != "2026-11-04 / 2026-11-03" {
		t.Errorf("early warning = %q", got)
	}
	if n := notes(section(d, "fda-map"), "info"); len(n) != 1 {
		t.Errorf("FDA map of a product outside 524B: notes %q, want one saying so", n)
	}
	if section(pump(t), "cra-map") != nil {
		t.Error("the pump (MDR, FDA) got a CRA section")
	}
}

func TestBuildErrors(t *testing.T) {
	sf, sboms := load(t, plannerDir)
	for _, tc := range []struct {
		release string
		code    ward.Code
	}{
		{"", ward.EInvalid},
		{"9.9.9", ward.ENotFound},
	} {
		_, err := techfile.Build(techfile.Input{File: sf, Release: tc.release, SBOMs: sboms})
		if got := ward.CodeOf(err); got != tc.code {
			t.Errorf("release %q: code %q (%v), want %q", tc.release, got, err, tc.code)
		}
	}
}

// TestSourceMeta checks what the document says it was made from when the
// caller knows the git commit and the digest.
func TestSourceMeta(t *testing.T) {
	sf, sboms := load(t, plannerDir)
	b, err := techfile.NewBasis(sf, "1.4.1", ward.Date{}, sboms)
	if err != nil {
		t.Fatal(err)
	}
	src := techfile.Source{Dir: "sec", Files: 7, Digest: "ab12" + strings.Repeat("0", 60), Commit: "c0ffee1234567890", CommitDate: "2026-11-25", Modified: true, Tool: "ward 0.1.0"}
	meta := map[string]string{}
	for _, f := range b.Meta(src) {
		meta[f.Label] = f.Value
	}
	if got, want := meta["Security file"], "sec, 7 YAML files, SHA-256 ab12"; !strings.HasPrefix(got, want) {
		t.Errorf("Security file = %q, want prefix %q", got, want)
	}
	if got, want := meta["Security file revision"], "git commit c0ffee1234567890 of 2026-11-25, with changes not yet committed"; got != want {
		t.Errorf("revision = %q, want %q", got, want)
	}
	if got, want := b.Origin(src), "ward 0.1.0 · rev c0ffee123456 (modified)"; got != want {
		t.Errorf("Origin = %q, want %q", got, want)
	}
	if got := meta["Advisory data"]; got != "no monitoring run covers release 1.4.1 on or before 2026-11-04" {
		t.Errorf("Advisory data = %q", got)
	}
}
