package document_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/wardhq/ward/document"
	"github.com/wardhq/ward/gap"
	"github.com/wardhq/ward/internal/browser"
	"github.com/wardhq/ward/internal/testutil"
)

// sampleReport is a hand-built gap report with every clause status, rules
// with evidence, missing items (more than the text report shows) and
// locations, and text that must be escaped: |, *, <script>, unicode.
func sampleReport() *gap.Report {
	var missing []string
	var locs []gap.Location
	for i := 1; i <= 12; i++ {
		m := fmt.Sprintf("CMP-%03d: no end_of_support (a date, or unknown with eos_rationale)", i)
		missing = append(missing, m)
		if i != 12 { // the last one has no place in the file
			locs = append(locs, gap.Location{File: "/repo/security/components.yaml", Line: 10 * i, Col: 5, Message: m})
		}
	}
	script := `CMP-013 "<script>alert('x')</script>": supplier | vendor *unknown* — Ärztekammer µC`
	return &gap.Report{
		Standard:       "IEC 81001-5-1:2021",
		CatalogVersion: "test-1",
		Product:        "infusion-pump",
		ProductName:    "Infusion pump <X> | Ω-Line",
		Date:           "2026-11-02",
		Route:          "clauses 4-9",
		Summary:        gap.Summary{Met: 3, NotMet: 2, NotApplicable: 2, Manual: 2},
		Clauses: []gap.ClauseResult{
			{
				ID: "4.1.1", Title: "Quality management system", Status: gap.Met,
				Summary:  "Carry out the security activities under a documented quality system.",
				IEC62443: []string{"SM-1"}, FDA: []string{"Cybersecurity management plan (VI.B)"}, MDR: []string{"Annex I 17.2"},
				Rules: []gap.RuleResult{
					{ID: "R411-1", Severity: gap.Major, Title: "Approved process documents cover every clause", Status: gap.Pass,
						Message: "23 clauses covered by 4 approved documents", Evidence: []string{"DOC-QMS-01", "DOC-SEC-02"}, Missing: []string{}},
					{ID: "R411-2", Severity: gap.Minor, Title: "Process documents are within their review period", Status: gap.Pass,
						Message: "no gap found", Evidence: []string{"DOC-QMS-01"}, Missing: []string{}},
				},
			},
			{
				ID: "4.1.2", Title: "Identification of responsibilities", Status: gap.Manual,
				Rules: []gap.RuleResult{
					{ID: "R412-1", Severity: gap.Major, Title: "Every applicable activity has an owner role that someone holds", Status: gap.Pass,
						Message: "all 31 activities have an owner", Evidence: []string{"ROLE-PSO", "ROLE-DEV"}, Missing: []string{}},
					{ID: "R412-2", Severity: gap.Major, Title: "Role holders have the authority and time", Status: gap.RuleManual,
						Message:  "needs human judgement: Whether role holders have the authority and time for the work, and whether one person holds roles that should be separated.",
						Evidence: []string{}, Missing: []string{}},
				},
			},
			{
				ID: "4.1.5", Title: "SOFTWARE ITEMS from third-party suppliers", Status: gap.NotMet,
				Summary: "Manage the security risk of software obtained from others.",
				CRA:     []string{"Art. 13 (due diligence for third-party components)"},
				Rules: []gap.RuleResult{
					{ID: "R415-1", Severity: gap.Blocker, Title: "Third-party components are fully described", Status: gap.Fail,
						Message:  missing[0] + " (and 11 more)",
						Evidence: []string{"CMP-001", "CMP-002", "CMP-003"}, Missing: missing, Locations: locs},
					{ID: "R415-2", Severity: gap.Major, Title: "Suppliers of custom-built items are bound and evaluated", Status: gap.RuleNA,
						Message: "no commercial or custom-development suppliers", Evidence: []string{}, Missing: []string{}},
					{ID: "R415-3", Severity: gap.Major, Title: "Each third-party component has a vulnerability information source", Status: gap.Fail,
						Message:  script,
						Evidence: []string{"CMP-013"}, Missing: []string{script},
						Locations: []gap.Location{{File: "/repo/security/sub dir/components.yaml", Line: 7, Message: script}}},
				},
			},
			{
				ID: "5.7.5", Title: "Managing conflicts of interest between testers and developers of the same software items in the product", Status: gap.NotMet,
				Rules: []gap.RuleResult{
					{ID: "R575-1", Severity: gap.Minor, Title: "Testers did not author what they test", Status: gap.Fail,
						Message:  "no tests of the kinds that need independence (security_requirement, threat_mitigation, fuzz, vulnerability_scan, penetration)",
						Evidence: []string{}, Missing: []string{}},
				},
			},
			{
				ID: "6.1.1", Title: "Timely delivery of SECURITY updates", Status: gap.Met,
				Rules: []gap.RuleResult{
					{ID: "R611-1", Severity: gap.Blocker, Title: "Updates shipped within the policy deadlines", Status: gap.Pass,
						Message: "3 updates within deadline", Evidence: []string{"REL-4.2.0", "REL-4.2.1", "VULN-0007"}, Missing: []string{}},
				},
			},
			{
				ID: "7.2", Title: "Identification of VULNERABILITIES, THREATS and associated adverse impacts", Status: gap.Manual,
				Rules: []gap.RuleResult{
					{ID: "R72-1", Severity: gap.Major, Title: "Threat model method is justified", Status: gap.RuleManual,
						Message: "needs human judgement: Whether the chosen method (STRIDE, attack trees) suits the product.", Evidence: []string{}, Missing: []string{}},
					{ID: "R72-2", Severity: gap.Minor, Title: "Threats cover every element", Status: gap.RuleManual,
						Message: "needs human judgement: Whether every data flow crossing a trust boundary has threats.", Evidence: []string{}, Missing: []string{}},
				},
			},
			{
				ID: "8", Title: "Software CONFIGURATION MANAGEMENT PROCESS", Status: gap.Met,
				Rules: []gap.RuleResult{
					{ID: "R8-1", Severity: gap.Major, Title: "Each release has an SBOM and a baseline", Status: gap.Pass,
						Message: "no gap found", Evidence: []string{"SBOM-4.2.1"}, Missing: []string{}},
				},
			},
			{
				ID: "9.2", Title: "Receiving notifications about VULNERABILITIES", Status: gap.NotApplicable,
				Rationale: "tailored out: reports are received by the parent company's PSIRT | see PSIRT-SLA (approved by Dr. Ö. Şahin)",
				Rules:     []gap.RuleResult{},
			},
			{
				ID: "F.2", Title: "Activities for TRANSITIONAL HEALTH SOFTWARE", Status: gap.NotApplicable,
				Rationale: "Annex F applies only to transitional health software; the product is not marked transitional",
				Rules:     []gap.RuleResult{},
			},
		},
	}
}

func render(t *testing.T, write func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := write(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Fatal("two renderings of the same report differ")
	}
	return b.Bytes()
}

func TestGapText(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    document.TextOptions
	}{
		{"plain", document.TextOptions{}},
		{"verbose", document.TextOptions{Verbose: true}},
		{"color", document.TextOptions{Color: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, func(b *bytes.Buffer) error { return document.WriteGapText(b, sampleReport(), tc.o) })
			testutil.Golden(t, ".txt", got)
			for i, l := range strings.Split(string(got), "\n") {
				if strings.HasSuffix(l, " ") {
					t.Errorf("line %d has trailing spaces: %q", i+1, l)
				}
				if !tc.o.Color {
					if strings.Contains(l, "\x1b") {
						t.Errorf("line %d has an escape sequence without Color: %q", i+1, l)
					}
					if n := utf8.RuneCountInString(l); n > 100 {
						t.Errorf("line %d is %d columns wide: %q", i+1, n, l)
					}
				}
			}
			if !strings.Contains(string(got), "… and 2 more") {
				t.Error("missing items beyond 10 are not summarised")
			}
		})
	}
}

func TestGapTextNoControlCharacters(t *testing.T) {
	r := sampleReport()
	r.Clauses[2].Rules[2].Missing[0] = "evil\x1b[2J\x07 name\nsecond line"
	var b bytes.Buffer
	if err := document.WriteGapText(&b, r, document.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if s := b.String(); strings.ContainsAny(s, "\x1b\x07") || !strings.Contains(s, "evil\uFFFD[2J\uFFFD name second line") {
		t.Errorf("control characters reach the terminal:\n%s", s)
	}
}

func TestGapJSON(t *testing.T) {
	got := render(t, func(b *bytes.Buffer) error { return document.WriteGapJSON(b, sampleReport()) })
	testutil.Golden(t, ".json", got)

	var back gap.Report
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sampleReport(), &back); diff != "" {
		t.Errorf("JSON does not round-trip (-in +out):\n%s", diff)
	}
}

func TestGapJSONListsAreNeverNull(t *testing.T) {
	r := sampleReport()
	r.Clauses[0].Rules[0].Evidence = nil
	r.Clauses[0].Rules[0].Missing = nil
	r.Clauses[7].Rules = nil
	var b bytes.Buffer
	if err := document.WriteGapJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte("null")) {
		t.Errorf("JSON holds null:\n%s", b.String())
	}
	if r.Clauses[0].Rules[0].Evidence != nil || r.Clauses[7].Rules != nil {
		t.Error("WriteGapJSON changed its input")
	}
	var empty bytes.Buffer
	if err := document.WriteGapJSON(&empty, &gap.Report{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(empty.String(), `"clauses": []`) {
		t.Errorf("empty report: clauses not []:\n%s", empty.String())
	}
}

func TestGapMarkdown(t *testing.T) {
	got := render(t, func(b *bytes.Buffer) error { return document.WriteGapMarkdown(b, sampleReport()) })
	testutil.Golden(t, ".md", got)
	s := string(got)
	for _, bad := range []string{"<script>", "<X>", " | Ω", "*unknown*"} {
		if strings.Contains(s, bad) {
			t.Errorf("unescaped %q in Markdown", bad)
		}
	}
	// Every table row keeps its column count: an escaped | is not a cell
	// border. The summary table has 2 columns, the clause table 4.
	want := 2
	for i, l := range strings.Split(s, "\n") {
		if l == "## Clauses" {
			want = 4
		}
		if !strings.HasPrefix(l, "| ") {
			continue
		}
		if cells := strings.Count(strings.ReplaceAll(l, `\|`, ""), "|") - 1; cells != want {
			t.Errorf("line %d has %d cells, want %d: %s", i+1, cells, want, l)
		}
	}
}

func TestGapSARIF(t *testing.T) {
	o := document.SARIFOptions{ToolVersion: "0.4.0", BaseDir: "/repo"}
	got := render(t, func(b *bytes.Buffer) error { return document.WriteGapSARIF(b, sampleReport(), o) })
	testutil.Golden(t, ".sarif.json", got)
	checkSARIF(t, got)

	var log sarifLog
	if err := json.Unmarshal(got, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if n, want := len(run.Tool.Driver.Rules), 12; n != want {
		t.Errorf("%d rules, want every rule of the report (%d)", n, want)
	}
	// R415-1: 11 located gaps + 1 without a place; R415-3: 1; R575-1: none, so its message.
	if n, want := len(run.Results), 14; n != want {
		t.Errorf("%d results, want %d", n, want)
	}
	first := run.Results[0]
	if uri := first.Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "security/components.yaml" {
		t.Errorf("uri = %q, want security/components.yaml", uri)
	}
	if first.Level != "error" || first.Locations[0].PhysicalLocation.Region.StartLine != 10 {
		t.Errorf("first result = %+v, want level error at line 10", first)
	}
}

func TestGapSARIFDescribesRulesFromCatalog(t *testing.T) {
	cat, err := gap.Load()
	if err != nil {
		t.Skipf("clause catalog does not load: %v", err)
	}
	var info *gap.RuleInfo
	var clause string
	for _, c := range cat.Clauses {
		if len(c.Rules) > 0 {
			info, clause = c.Rules[0], c.ID
			break
		}
	}
	if info == nil {
		t.Skip("catalog has no rules")
	}
	r := &gap.Report{Standard: cat.Standard, CatalogVersion: cat.Version, Product: "p", Date: "2026-01-01",
		Clauses: []gap.ClauseResult{{ID: clause, Title: "t", Status: gap.Met, Rules: []gap.RuleResult{
			{ID: info.ID, Severity: info.Severity, Title: info.Title, Status: gap.Pass, Evidence: []string{}, Missing: []string{}}}}},
		Summary: gap.Summary{Met: 1}}
	var b bytes.Buffer
	if err := document.WriteGapSARIF(&b, r, document.SARIFOptions{}); err != nil {
		t.Fatal(err)
	}
	checkSARIF(t, b.Bytes())
	var log sarifLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if got := log.Runs[0].Tool.Driver.Rules[0].FullDescription.Text; got != info.Explanation {
		t.Errorf("fullDescription = %q, want the catalog's explanation %q", got, info.Explanation)
	}
	if n := len(log.Runs[0].Results); n != 0 {
		t.Errorf("%d results for a passing rule, want 0", n)
	}
}

func TestGapHTML(t *testing.T) {
	got := render(t, func(b *bytes.Buffer) error {
		return document.WriteGapHTML(b, sampleReport(), document.HTMLOptions{})
	})
	testutil.Golden(t, ".html", got)
	s := string(got)
	if strings.Contains(s, "<script") {
		t.Error("<script> from the report reaches the page unescaped")
	}
	if !strings.Contains(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") {
		t.Error("<script> from the report is not shown escaped")
	}
	for _, external := range []string{"<link", "src=", "http://", "https://", "@import"} {
		if strings.Contains(s, external) {
			t.Errorf("page refers to an external asset: %q", external)
		}
	}
	if !strings.Contains(s, "@media print") || !strings.Contains(s, `<details id="clause-4.1.5" class="s-not_met" open>`) {
		t.Error("page lacks print styles or an open section for a clause that is not met")
	}
	if browser.Blank(browser.Screenshot(t, got)) {
		t.Error("the page renders blank in Chromium")
	}
}

func TestGapHTMLTitle(t *testing.T) {
	var b bytes.Buffer
	if err := document.WriteGapHTML(&b, sampleReport(), document.HTMLOptions{Title: "Release 4.2 <gap>"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "<title>Release 4.2 &lt;gap&gt;</title>") {
		t.Error("custom title not used or not escaped")
	}
}

func TestGapHTMLDiagram(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>Pump &amp; gateway</title></svg>`
	var b bytes.Buffer
	if err := document.WriteGapHTML(&b, sampleReport(), document.HTMLOptions{Diagram: []byte(svg)}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<figure class="dfd">`+"\n"+svg) {
		t.Error("the diagram is not embedded as SVG")
	}
	b.Reset()
	if err := document.WriteGapHTML(&b, sampleReport(), document.HTMLOptions{DiagramNote: "the model has no <elements>"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "No data-flow diagram: the model has no &lt;elements&gt;.") {
		t.Error("without a diagram the page does not say why, escaped")
	}
}

func TestGapNilReport(t *testing.T) {
	var b bytes.Buffer
	for name, err := range map[string]error{
		"text":     document.WriteGapText(&b, nil, document.TextOptions{}),
		"json":     document.WriteGapJSON(&b, nil),
		"markdown": document.WriteGapMarkdown(&b, nil),
		"sarif":    document.WriteGapSARIF(&b, nil, document.SARIFOptions{}),
		"html":     document.WriteGapHTML(&b, nil, document.HTMLOptions{}),
	} {
		if err == nil {
			t.Errorf("%s: nil report accepted", name)
		}
	}
}
