package trace_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/trace"
)

func at(line int) ward.Pos { return ward.Pos{File: "security.yaml", Line: line, Col: 5} }

// valid returns a security file whose chain is complete, changed by each
// mutate, and the threats the rules derived for it: interface IF-1 on
// element P-1, which runs CMP-1; flow F-1 over IF-1 handled by CMP-1;
// THR-1 (recorded) and G-1 (derived, decided) → RSK-1 → CTL-1 → REQ-1 →
// TST-1, passed on release 1.0.
func valid(mutate ...func(*ward.SecurityFile, *[]ward.GeneratedThreat)) (*ward.SecurityFile, []ward.GeneratedThreat) {
	yes := true
	sf := &ward.SecurityFile{
		Product: &ward.Product{ID: "pump", Name: "Pump"},
		Context: &ward.SecurityContext{Interfaces: []*ward.Interface{
			{At: at(1), ID: "IF-1", Name: "MQTT", Element: "P-1"},
		}},
		Architecture: &ward.Architecture{
			Elements: []*ward.Element{{At: at(2), ID: "P-1", Name: "Firmware", Kind: "process", Components: []string{"CMP-1"}}},
			Flows:    []*ward.Flow{{At: at(3), ID: "F-1", From: "P-1", To: "P-1", Protocol: "MQTT", Interface: "IF-1", Components: []string{"CMP-1"}}},
		},
		Components: []*ward.SoftwareItem{{At: at(4), ID: "CMP-1", Name: "mbedtls", Version: "3.6.0"}},
		Threats: []*ward.Threat{
			{At: at(5), ID: "THR-1", Title: "Spoofed broker", Elements: []string{"IF-1"}, Components: []string{"CMP-1"}, Decision: "mitigated", Controls: []string{"CTL-1"}},
			{At: at(6), ID: "G-1", Title: "Cleartext flow", Decision: "mitigated", Controls: []string{"CTL-1"}, Source: "rule:G"},
		},
		Risks:        []*ward.Risk{{At: at(7), ID: "RSK-1", Title: "Altered order", Threats: []string{"THR-1", "G-1"}, Controls: []string{"CTL-1"}, Acceptable: &yes}},
		Controls:     []*ward.Control{{At: at(8), ID: "CTL-1", Title: "Mutual TLS", Requirements: []string{"REQ-1"}}},
		Requirements: []*ward.Requirement{{At: at(9), ID: "REQ-1", Title: "Authenticate the broker"}},
		Tests:        []*ward.Test{{At: at(10), ID: "TST-1", Title: "TLS test", Verifies: []string{"REQ-1"}, Release: "1.0", Result: "pass"}},
		Releases:     []*ward.ReleaseRecord{{At: at(11), Version: "1.0", Commit: "abc123", Date: day("2026-01-02")}},
	}
	gen := []ward.GeneratedThreat{{ID: "G-1", Rule: "G", Title: "Cleartext flow", Elements: []string{"F-1"}}}
	for _, m := range mutate {
		m(sf, &gen)
	}
	return sf, gen
}

func TestCompleteChainHasNoBreak(t *testing.T) {
	t.Parallel()
	sf, gen := valid()
	m := trace.Build(sf, gen, "")
	if len(m.Breaks) != 0 {
		t.Fatalf("breaks = %+v, want none", m.Breaks)
	}
	if m.Release != "1.0" {
		t.Errorf("Release = %q, want the newest, 1.0", m.Release)
	}
	if got := trace.Breaks(sf, gen, "1.0"); len(got) != 0 {
		t.Errorf("Breaks = %+v, want none", got)
	}
}

func TestForward(t *testing.T) {
	t.Parallel()
	sf, gen := valid()
	m := trace.Build(sf, gen, "1.0")
	type threat struct {
		ID  string
		Via []string
	}
	got := map[string][]threat{}
	var order []string
	for _, r := range m.Forward {
		key := string(r.Kind) + " " + r.ID
		order = append(order, key)
		for _, th := range r.Threats {
			got[key] = append(got[key], threat{th.ID, th.Via})
		}
	}
	if diff := cmp.Diff([]string{"interface IF-1", "component CMP-1"}, order); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	want := map[string][]threat{
		"interface IF-1":  {{"G-1", []string{"flow F-1"}}, {"THR-1", []string{"named"}}},
		"component CMP-1": {{"G-1", []string{"flow F-1"}}, {"THR-1", []string{"named"}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("threats per subject (-want +got):\n%s", diff)
	}
	th := m.Forward[0].Threats[1]
	if !(th.Decision == "mitigated" && len(th.Controls) == 1 && len(th.Risks) == 1 && th.Risks[0].ID == "RSK-1") {
		t.Fatalf("THR-1 = %+v", th)
	}
	req := th.Controls[0].Requirements[0]
	if !req.Verified || req.ID != "REQ-1" || len(req.Tests) != 1 || req.Tests[0].Release != "1.0" || !req.Tests[0].Passed() {
		t.Errorf("REQ-1 = %+v, want verified by TST-1 on 1.0", req)
	}
	// IF-1: G-1 through its decision (1 path) and RSK-1 (1 path); THR-1 the same.
	var paths []string
	for _, p := range m.Paths() {
		if p.Subject == "IF-1" {
			paths = append(paths, strings.Join([]string{p.Threat, p.Risk, p.Control, p.Requirement, p.Test}, ">"))
		}
	}
	wantPaths := []string{"G-1>>CTL-1>REQ-1>TST-1", "G-1>RSK-1>CTL-1>REQ-1>TST-1", "THR-1>>CTL-1>REQ-1>TST-1", "THR-1>RSK-1>CTL-1>REQ-1>TST-1"}
	if diff := cmp.Diff(wantPaths, paths); diff != "" {
		t.Errorf("paths of IF-1 (-want +got):\n%s", diff)
	}
}

func TestForwardKeepsThreatsOnOtherElements(t *testing.T) {
	t.Parallel()
	sf, gen := valid(func(sf *ward.SecurityFile, gen *[]ward.GeneratedThreat) {
		*gen = append(*gen, ward.GeneratedThreat{ID: "D-1", Rule: "D", Title: "No backup", Elements: []string{"P-1"}})
		sf.Threats = append(sf.Threats, &ward.Threat{At: at(20), ID: "D-1", Decision: "not_applicable", Source: "rule:D"},
			&ward.Threat{At: at(21), ID: "THR-9", Title: "Nowhere", Decision: "accepted"})
	})
	m := trace.Build(sf, gen, "")
	var rows []string
	for _, r := range m.Forward[2:] {
		rows = append(rows, string(r.Kind)+" "+r.ID+" "+r.Threats[0].ID)
	}
	if diff := cmp.Diff([]string{"element P-1 D-1", "none  THR-9"}, rows); diff != "" {
		t.Errorf("rows beyond interfaces and items (-want +got):\n%s", diff)
	}
}

func TestReverse(t *testing.T) {
	t.Parallel()
	sf, gen := valid(func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) {
		// A penetration test verifying the interface directly, and what it tested.
		sf.Tests = append(sf.Tests, &ward.Test{At: at(12), ID: "TST-2", Title: "Pen test", Verifies: []string{"IF-1", "THR-1"},
			Components: []string{"P-1"}, Build: "abc123", Result: "fail"})
	})
	m := trace.Build(sf, gen, "1.0")
	type row struct {
		Kind, ID, Status                                                   string
		Tests, Reqs, Controls, Risks, Threats, Interfaces, Items, Elements []string
	}
	ids := func(ls []trace.Link) []string {
		var out []string
		for _, l := range ls {
			out = append(out, l.ID)
		}
		return out
	}
	var got []row
	for _, r := range m.Reverse {
		x := row{Kind: r.Kind, ID: r.ID, Reqs: ids(r.Requirements), Controls: ids(r.Controls), Risks: ids(r.Risks), Threats: ids(r.Threats),
			Interfaces: ids(r.Interfaces), Items: ids(r.Components), Elements: ids(r.Elements)}
		if r.Kind == "requirement" {
			x.Status = map[bool]string{true: "verified", false: "unverified"}[r.Verified]
			for _, t := range r.Tests {
				x.Tests = append(x.Tests, t.ID)
			}
		} else {
			x.Status = r.Result + "@" + r.Release + map[bool]string{true: "", false: " other"}[r.OnRelease]
		}
		got = append(got, x)
	}
	want := []row{
		{Kind: "requirement", ID: "REQ-1", Status: "verified", Tests: []string{"TST-1"}, Controls: []string{"CTL-1"}, Risks: []string{"RSK-1"},
			Threats: []string{"G-1", "THR-1"}, Interfaces: []string{"IF-1"}, Items: []string{"CMP-1"}},
		{Kind: "test", ID: "TST-1", Status: "pass@1.0", Reqs: []string{"REQ-1"}, Controls: []string{"CTL-1"}, Risks: []string{"RSK-1"},
			Threats: []string{"G-1", "THR-1"}, Interfaces: []string{"IF-1"}, Items: []string{"CMP-1"}},
		{Kind: "test", ID: "TST-2", Status: "fail@abc123", Threats: []string{"THR-1"}, Interfaces: []string{"IF-1"}, Items: []string{"CMP-1"},
			Elements: []string{"P-1"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reverse (-want +got):\n%s", diff)
	}
}

// TestBreaks breaks one link of the complete chain per case and expects
// exactly one break, naming the record and its position.
func TestBreaks(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		mutate  func(*ward.SecurityFile, *[]ward.GeneratedThreat)
		release string
		kind    trace.Kind
		id      string
		at      ward.Pos
		msg     string
	}{
		{"interface on no element", func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) { sf.Context.Interfaces[0].Element = "" },
			"", trace.InterfaceUnplaced, "IF-1", at(1), "no architecture element exposes it"},
		{"interface on an unknown element", func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) { sf.Context.Interfaces[0].Element = "P-9" },
			"", trace.InterfaceUnplaced, "IF-1", at(1), "element P-9 is not in the architecture"},
		{"software item on no element", func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) { sf.Architecture.Elements[0].Components = nil },
			"", trace.ComponentUnplaced, "CMP-1", at(4), "runs in no architecture element"},
		{"recorded threat without decision", func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) { sf.Threats[0].Decision = "" },
			"", trace.ThreatUndecided, "THR-1", at(5), "THR-1 (Spoofed broker): no decision"},
		{"derived threat without record", func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) { sf.Threats = sf.Threats[:1] },
			"", trace.ThreatUndecided, "G-1", ward.Pos{}, "derived threat G-1 (Cleartext flow): no decision (add a threats: record with id G-1, source rule:G"},
		{"derived threat with an empty decision", func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) { sf.Threats[1].Decision = "" },
			"", trace.ThreatUndecided, "G-1", at(6), "G-1 (Cleartext flow): no decision"},
		{"stale decision", func(sf *ward.SecurityFile, gen *[]ward.GeneratedThreat) { *gen = (*gen)[:0] },
			"", trace.ThreatStale, "G-1", at(6), "no longer produces"},
		{"mitigated threat without control", func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) {
			sf.Threats[0].Controls = nil
			sf.Risks[0].Threats = []string{"G-1"}
		}, "", trace.ThreatWithoutControl, "THR-1", at(5), "mitigated, but neither its decision nor a risk on it names a control"},
		{"risk without control, acceptance unstated", func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) {
			sf.Risks[0].Controls, sf.Risks[0].Acceptable = nil, nil
		}, "", trace.RiskWithoutControl, "RSK-1", at(7), "not accepted"},
		{"risk without control, not acceptable", func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) {
			no := false
			sf.Risks[0].Controls, sf.Risks[0].Acceptable = nil, &no
		}, "", trace.RiskWithoutControl, "RSK-1", at(7), "not acceptable"},
		{"control without requirement", func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) {
			sf.Controls = append(sf.Controls, &ward.Control{At: at(13), ID: "CTL-2", Title: "Manual"})
		}, "", trace.ControlWithoutRequirement, "CTL-2", at(13), "no requirement implements it"},
		{"requirement with a failing test", func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) { sf.Tests[0].Result = "fail" },
			"", trace.RequirementUnverified, "REQ-1", at(9), "no passing test on release 1.0 (TST-1 (fail) did not pass)"},
		{"requirement tested on another release", func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) {
			sf.Releases = append(sf.Releases, &ward.ReleaseRecord{Version: "1.1", Commit: "def456", Date: day("2026-03-01")})
		}, "", trace.RequirementUnverified, "REQ-1", at(9), "no test ran on release 1.1 (TST-1 ran on other releases)"},
		{"requirement without test", func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) { sf.Tests = nil },
			"1.0", trace.RequirementUnverified, "REQ-1", at(9), "no test verifies it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sf, gen := valid(tc.mutate)
			got := trace.Build(sf, gen, tc.release).Breaks
			if len(got) != 1 {
				t.Fatalf("breaks = %+v, want one %s", got, tc.kind)
			}
			b := got[0]
			if b.Kind != tc.kind || b.ID != tc.id || b.At != tc.at || !strings.Contains(b.Message, tc.msg) {
				t.Errorf("break = %+v, want %s on %s at %v with %q", b, tc.kind, tc.id, tc.at, tc.msg)
			}
			if diff := cmp.Diff(got, trace.Breaks(sf, gen, tc.release)); diff != "" {
				t.Errorf("Breaks differs from Build().Breaks (-build +breaks):\n%s", diff)
			}
		})
	}
}

func TestBuildMatchesTestByBuild(t *testing.T) {
	t.Parallel()
	sf, gen := valid(func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) {
		sf.Tests[0].Release, sf.Tests[0].Build = "", "abc123" // the release's commit
	})
	if b := trace.Build(sf, gen, "1.0").Breaks; len(b) != 0 {
		t.Errorf("breaks = %+v, want none: the test's build is the release's commit", b)
	}
}

func TestNoGeneratedMeansNoStale(t *testing.T) {
	t.Parallel()
	sf, _ := valid()
	if b := trace.Build(sf, nil, "").Breaks; len(b) != 0 {
		t.Errorf("breaks = %+v, want none: without derived threats no decision is stale", b)
	}
}

func TestBreaksInChainOrder(t *testing.T) {
	t.Parallel()
	sf, gen := valid(func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) {
		sf.Tests = nil
		sf.Controls[0].Requirements = nil
		sf.Threats[0].Decision = ""
		sf.Context.Interfaces[0].Element = ""
	})
	var got []string
	for _, b := range trace.Build(sf, gen, "").Breaks {
		got = append(got, string(b.Kind)+" "+b.ID)
	}
	want := []string{"interface_unplaced IF-1", "threat_undecided THR-1", "control_without_requirement CTL-1", "requirement_unverified REQ-1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("breaks (-want +got):\n%s", diff)
	}
}

// TestDeterministic renders every format twice, and once more from a
// security file whose lists are in reverse order: the bytes must not change.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	render := func(sf *ward.SecurityFile, gen []ward.GeneratedThreat) string {
		m := trace.Build(sf, gen, "")
		var b bytes.Buffer
		for _, w := range []func() error{
			func() error { return trace.WriteText(&b, m) },
			func() error { return trace.WriteCSV(&b, m) },
			func() error { return trace.WriteJSON(&b, m) },
			func() error { return trace.WriteHTML(&b, m, trace.HTMLOptions{}) },
		} {
			if err := w(); err != nil {
				t.Fatal(err)
			}
		}
		return b.String()
	}
	more := func(sf *ward.SecurityFile, gen *[]ward.GeneratedThreat) {
		sf.Threats = append(sf.Threats, &ward.Threat{At: at(30), ID: "THR-2", Title: "Replay", Elements: []string{"IF-1", "F-1"}, Decision: "mitigated", Controls: []string{"CTL-1"}})
		sf.Tests = append(sf.Tests, &ward.Test{At: at(31), ID: "TST-0", Title: "Old", Verifies: []string{"REQ-1"}, Release: "0.9", Result: "pass"})
	}
	sf, gen := valid(more)
	first := render(sf, gen)
	if second := render(sf, gen); first != second {
		t.Error("two renderings differ")
	}
	sf, gen = valid(more, func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) {
		slices.Reverse(sf.Threats)
		slices.Reverse(sf.Tests)
	})
	if diff := cmp.Diff(first, render(sf, gen)); diff != "" {
		t.Errorf("input order changes the output (-first +reversed):\n%s", diff)
	}
}

func TestHTMLEscapesUserText(t *testing.T) {
	t.Parallel()
	sf, gen := valid(func(sf *ward.SecurityFile, _ *[]ward.GeneratedThreat) {
		sf.Threats[0].Title = `<script>alert("x")</script>`
		sf.Requirements[0].Title = `R&D "quoted" <b>`
		sf.Product.Name = `<img src=x onerror=alert(1)>`
	})
	var b bytes.Buffer
	err := trace.WriteHTML(&b, trace.Build(sf, gen, ""), trace.HTMLOptions{Diagram: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><g id="P-1"></g></svg>`)})
	if err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, bad := range []string{"<script>", "<img src=x", `"quoted" <b>`} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains unescaped %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt;", `<svg xmlns="http://www.w3.org/2000/svg"><g id="P-1"></g></svg>`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestHTMLWithoutDiagramSaysWhy(t *testing.T) {
	t.Parallel()
	sf, gen := valid()
	var b bytes.Buffer
	if err := trace.WriteHTML(&b, trace.Build(sf, gen, ""), trace.HTMLOptions{DiagramNote: "diagram: no architecture to draw"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "No diagram: diagram: no architecture to draw.") {
		t.Error("page does not say why the diagram is missing")
	}
}

func day(s string) ward.Date {
	d, err := ward.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
