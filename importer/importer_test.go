package importer_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/importer"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/securityfile"
)

// The examples are the tools' own published models; see testdata/ATTRIBUTION.md.
const (
	threagileExample = "testdata/threagile-example.yaml"
	dragonExample    = "testdata/threatdragon-v2-demo.json"
)

type counts struct{ elements, boundaries, flows, threats int }

func countsOf(sf *ward.SecurityFile) counts {
	return counts{len(sf.Architecture.Elements), len(sf.Architecture.Boundaries), len(sf.Architecture.Flows), len(sf.Threats)}
}

// threagileSourceCounts counts the source model independently of the importer.
func threagileSourceCounts(t *testing.T, data []byte) counts {
	var m struct {
		TechnicalAssets map[string]struct {
			Links map[string]any `yaml:"communication_links"`
		} `yaml:"technical_assets"`
		TrustBoundaries map[string]any `yaml:"trust_boundaries"`
		RiskTracking    map[string]any `yaml:"risk_tracking"`
		Individual      map[string]struct {
			Risks map[string]any `yaml:"risks_identified"`
		} `yaml:"individual_risk_categories"`
	}
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	c := counts{elements: len(m.TechnicalAssets), boundaries: len(m.TrustBoundaries), threats: len(m.RiskTracking)}
	for _, a := range m.TechnicalAssets {
		c.flows += len(a.Links)
	}
	for _, cat := range m.Individual {
		c.threats += len(cat.Risks)
	}
	return c
}

func TestThreagileExample(t *testing.T) {
	data := testutil.Read(t, threagileExample)
	sf, rep, err := importer.Threagile("threagile-example.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := countsOf(sf), threagileSourceCounts(t, data); got != want {
		t.Errorf("counts = %+v, want %+v (as in the source)", got, want)
	}
	if got := len(sf.Context.Data); got != 12 {
		t.Errorf("data items = %d, want the 12 data assets", got)
	}
	// Spot checks of the mapping.
	el := map[string]*ward.Element{}
	for _, e := range sf.Architecture.Elements {
		el[e.ID] = e
	}
	if e := el["sql-database"]; e == nil || e.Kind != "data_store" || !e.EncryptedAtRest || e.Boundary != "erp-dmz" || len(e.Stores) != 3 {
		t.Errorf("sql-database = %+v", e)
	}
	for _, b := range sf.Architecture.Boundaries {
		if b.ID == "web-dmz" && b.Parent != "application-network" {
			t.Errorf("web-dmz parent = %q, want application-network", b.Parent)
		}
	}
	for _, a := range sf.Architecture.Assets {
		if a.ID == "db-dumps" && (a.Confidentiality != "high" || a.Integrity != "high") {
			t.Errorf("db-dumps asset = %+v", a)
		}
		if a.ID == "erp-logs" && (a.Confidentiality != "medium" || a.Availability != "low") {
			t.Errorf("erp-logs asset = %+v", a)
		}
	}
	decisions := map[string]string{}
	for _, th := range sf.Threats {
		decisions[th.ID] = th.Decision
	}
	if decisions["untrusted-deserialization:erp-system"] != "accepted" || decisions["dos-risky-access-across-trust-boundary:any:any:any"] != "" {
		t.Errorf("decisions = %v", decisions)
	}
	testutil.Golden(t, ".report.txt", report(t, rep))
	checkFolder(t, sf, rep)
}

func TestThreatDragonExample(t *testing.T) {
	data := testutil.Read(t, dragonExample)
	sf, rep, err := importer.ThreatDragon("threatdragon-v2-demo.json", data)
	if err != nil {
		t.Fatal(err)
	}
	// Counted from the source: 7 elements, 3 boundary lines, 10 flows of
	// which one ("Web Request") starts at a loose point and is reported,
	// 14 threats.
	var m struct {
		Detail struct {
			Diagrams []struct {
				Cells []struct {
					Data struct {
						Type    string `json:"type"`
						Threats []any  `json:"threats"`
					} `json:"data"`
				} `json:"cells"`
			} `json:"diagrams"`
		} `json:"detail"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	var src counts
	for _, c := range m.Detail.Diagrams[0].Cells {
		switch c.Data.Type {
		case "tm.Actor", "tm.Process", "tm.Store":
			src.elements++
		case "tm.Boundary", "tm.BoundaryBox":
			src.boundaries++
		case "tm.Flow":
			src.flows++
		}
		src.threats += len(c.Data.Threats)
	}
	src.flows-- // the unattached flow, reported
	if got := countsOf(sf); got != src || got != (counts{7, 3, 9, 14}) {
		t.Errorf("counts = %+v, want %+v", got, src)
	}
	if !strings.Contains(string(report(t, rep)), "cells[19].source: flow \"Web Request\" is not attached") {
		t.Errorf("report does not name the unattached flow")
	}
	testutil.Golden(t, ".report.txt", report(t, rep))
	checkFolder(t, sf, rep)
}

// A version 1 model (Threat Dragon 1.x) as in the project's own examples.
const dragonV1 = `{"summary":{"title":"v1"},"detail":{"diagrams":[{"title":"d","diagramJson":{"cells":[
{"type":"tm.Process","size":{"width":100,"height":100},"position":{"x":356,"y":228},"id":"p1","attrs":{"text":{"text":"Web server"}},
 "threats":[{"title":"DoS","type":"Denial of service","status":"Not Applicable","mitigation":"network protects","threatId":"t1"}]},
{"type":"tm.Actor","size":{"width":160,"height":80},"position":{"x":50,"y":50},"id":"a1","attrs":{"text":{"text":"Client"}}},
{"type":"tm.Boundary","source":{"x":300,"y":0},"target":{"x":300,"y":400},"id":"b1"},
{"type":"tm.Flow","source":{"id":"a1"},"target":{"id":"p1"},"id":"f1","protocol":"HTTP","labels":[{"attrs":{"text":{"text":"Request"}}}]}
]}}]}}`

func TestThreatDragonV1(t *testing.T) {
	sf, rep, err := importer.ThreatDragon("v1.json", []byte(dragonV1))
	if err != nil {
		t.Fatal(err)
	}
	if got := countsOf(sf); got != (counts{2, 1, 1, 1}) {
		t.Errorf("counts = %+v", got)
	}
	if th := sf.Threats[0]; th.Decision != "not_applicable" || th.Rationale != "network protects" || th.Elements[0] != "p1" {
		t.Errorf("threat = %+v", th)
	}
	if sf.Architecture.Elements[0].Name != "Web server" {
		t.Errorf("name = %q", sf.Architecture.Elements[0].Name)
	}
	if !strings.Contains(string(report(t, rep)), "crosses trust boundary line b1") {
		t.Errorf("crossing not reported:\n%s", report(t, rep))
	}
	checkFolder(t, sf, rep)
}

func report(t *testing.T, r importer.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := r.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkFolder writes the files and loads them as a security file: the
// import must validate with zero problems.
func checkFolder(t *testing.T, sf *ward.SecurityFile, r importer.Report) {
	t.Helper()
	files, err := importer.Files(sf, r)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := securityfile.Load(dir, securityfile.Limits{}); err != nil {
		t.Errorf("imported folder does not load cleanly:\n%v", err)
	}
	again, err := importer.Files(sf, r)
	if err != nil || !equalFiles(files, again) {
		t.Errorf("rendering is not deterministic")
	}
}

func equalFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

func TestHostileInput(t *testing.T) {
	huge := bytes.Repeat([]byte(" "), importer.MaxBytes+1)
	cases := []struct {
		name, conv string
		in         []byte
		want       string // in the error text
		line       int    // expected line, 0 = any
	}{
		{"yaml syntax", "threagile", []byte("technical_assets:\n  a: [1, 2\n  b: c\n"), "YAML", 0},
		{"yaml not a mapping", "threagile", []byte("- a\n- b\n"), "not a list", 1},
		{"yaml empty", "threagile", []byte(""), "YAML mapping", 1},
		{"yaml huge", "threagile", huge, "16 MiB", 0},
		{"json syntax", "threatdragon", []byte("{\n  \"detail\": {\n    \"diagrams\": [,]\n  }\n}"), "JSON syntax", 3},
		{"json wrong type", "threatdragon", []byte("{\"detail\": {\"diagrams\": [{\"cells\": [{\"id\": 7}]}]}}"), "Threat Dragon writes string", 1},
		{"json truncated", "threatdragon", []byte("{\"detail\": {"), "JSON", 1},
		{"json not a model", "threatdragon", []byte("{\"title\": \"x\"}"), "not an OWASP Threat Dragon model", 1},
		{"json trailing data", "threatdragon", []byte("{\"detail\": {\"diagrams\": []}, \"summary\": {}} {}"), "after the end", 1},
		{"json huge", "threatdragon", huge, "16 MiB", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			conv := importer.Threagile
			if tc.conv == "threatdragon" {
				conv = importer.ThreatDragon
			}
			_, _, err := conv("in", tc.in)
			var pes ward.PosErrors
			if !errors.As(err, &pes) || len(pes) == 0 {
				t.Fatalf("err = %v, want ward.PosErrors", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to mention %q", err, tc.want)
			}
			if tc.line != 0 && pes[0].Line != tc.line {
				t.Errorf("line = %d, want %d (%v)", pes[0].Line, tc.line, err)
			}
		})
	}
}

func fuzzCheck(t *testing.T, conv func(string, []byte) (*ward.SecurityFile, importer.Report, error), b []byte) {
	sf, rep, err := conv("fuzz", b)
	if err != nil {
		var pes ward.PosErrors
		var we *ward.Error
		if !errors.As(err, &pes) && !errors.As(err, &we) {
			t.Fatalf("rejection that is neither ward.PosErrors nor *ward.Error: %v", err)
		}
		return
	}
	if _, err := importer.Files(sf, rep); err != nil {
		t.Fatalf("accepted input cannot be rendered: %v", err)
	}
}

func FuzzThreagile(f *testing.F) {
	f.Add(testutil.Read(f, threagileExample))
	f.Add([]byte("technical_assets:\n  A:\n    id: a b\n    type: process\n    communication_links:\n      L:\n        target: a b\ntrust_boundaries:\n  T:\n    id: t\n    trust_boundaries_nested: [t]\n"))
	f.Add([]byte("data_assets:\n  X: &x\n    id: x\n  Y:\n    <<: *x\n    id: y\n"))
	f.Fuzz(func(t *testing.T, b []byte) { fuzzCheck(t, importer.Threagile, b) })
}

func FuzzThreatDragon(f *testing.F) {
	f.Add(testutil.Read(f, dragonExample))
	f.Add([]byte(dragonV1))
	f.Add([]byte(`{"detail":{"diagrams":[{"cells":[{"shape":"trust-boundary-box","id":"b","position":{"x":0,"y":0},"size":{"width":10,"height":10}},{"shape":"actor","id":"a","position":{"x":1,"y":1},"size":{"width":1,"height":1}}]}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) { fuzzCheck(t, importer.ThreatDragon, b) })
}
