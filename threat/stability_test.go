package threat_test

import (
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/securityfile"
	"github.com/wardhq/ward/threat"
)

// TestIDsSurviveUnrelatedEdits: adding elements and flows that have nothing
// to do with the existing threats renames none of them, so the team's
// decisions stay attached.
func TestIDsSurviveUnrelatedEdits(t *testing.T) {
	t.Parallel()
	day := ward.MustDate("2026-11-26")
	sf, err := securityfile.Load("../examples/infusion-pump", securityfile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	before := threat.Generate(threat.NewModel(sf, day))
	if len(before) == 0 {
		t.Fatal("the example model derives no threats")
	}
	a := sf.Architecture
	a.Boundaries = append(a.Boundaries, &ward.Boundary{ID: "TB-LAB", Name: "Test lab", Kind: "network_zone"})
	a.Elements = append(a.Elements,
		&ward.Element{ID: "EE-AUDITOR", Name: "Auditor", Kind: "external_entity", Boundary: "TB-LAB"},
		&ward.Element{ID: "P-REPORTER", Name: "Report generator", Kind: "process", Boundary: "TB-LAB", Credentials: "unique", Logging: true, Hardened: true},
	)
	a.Flows = append(a.Flows, &ward.Flow{ID: "F-LAB", From: "EE-AUDITOR", To: "P-REPORTER", Protocol: "HTTPS",
		Authentication: "SSO", Encryption: "TLS 1.3", Integrity: "tls", Purpose: "data"})
	after := threat.Generate(threat.NewModel(sf, day))
	ids := map[string][]string{}
	for _, g := range after {
		ids[g.ID] = g.Elements
	}
	for _, g := range before {
		els, ok := ids[g.ID]
		if !ok {
			t.Errorf("threat %s disappeared after an unrelated edit", g.ID)
			continue
		}
		if len(els) != len(g.Elements) {
			t.Errorf("threat %s changed its elements: %v → %v", g.ID, g.Elements, els)
		}
	}
	// And generation is deterministic.
	again := threat.Generate(threat.NewModel(sf, day))
	for i := range after {
		if after[i].ID != again[i].ID || after[i].Title != again[i].Title {
			t.Fatalf("generation differs between runs at %d: %s vs %s", i, after[i].ID, again[i].ID)
		}
	}
}

// BenchmarkGenerate1000 derives threats from a model of 1,000 elements and
// 5,000 flows.
func BenchmarkGenerate1000(b *testing.B) {
	sf := bigModel(1000, 5000)
	day := ward.MustDate("2026-11-26")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		threat.Generate(threat.NewModel(sf, day))
	}
}

// bigModel builds a deterministic model: nested boundaries, mixed element
// kinds and functions, flows with mixed purposes and protections.
func bigModel(elements, flows int) *ward.SecurityFile {
	sf := &ward.SecurityFile{Architecture: &ward.Architecture{}, Context: &ward.SecurityContext{
		Data: []*ward.DataItem{{ID: "D-PHI", Name: "PHI", Classification: "phi", PersonalHealthData: true}, {ID: "D-CFG", Name: "Config", Classification: "configuration"}},
	}}
	a := sf.Architecture
	for i := 0; i < 20; i++ {
		parent := ""
		if i > 0 {
			parent = id("TB", (i-1)/3)
		}
		a.Boundaries = append(a.Boundaries, &ward.Boundary{ID: id("TB", i), Name: id("Boundary", i), Parent: parent})
	}
	kinds := []string{"process", "process", "data_store", "external_entity"}
	funcs := []string{"therapy", "monitoring", "none", "diagnosis", "clinical_workflow"}
	for i := 0; i < elements; i++ {
		e := &ward.Element{ID: id("E", i), Name: id("Element", i), Kind: kinds[i%4], Boundary: id("TB", i%20), Function: funcs[i%5],
			Credentials: []string{"unique", "shared", "default"}[i%3], Logging: i%2 == 0, Hardened: i%3 == 0}
		if e.Kind == "data_store" {
			e.Stores = []string{"D-PHI"}
		}
		a.Elements = append(a.Elements, e)
	}
	purposes := []string{"data", "command", "update", "remote_service", "logging", "telemetry", "configuration", "backup"}
	for i := 0; i < flows; i++ {
		f := &ward.Flow{ID: id("F", i), From: id("E", (i*7)%elements), To: id("E", (i*13+1)%elements), Protocol: "TCP",
			Purpose: purposes[i%len(purposes)], Data: []string{"D-PHI", "D-CFG"}[i%2 : i%2+1]}
		if i%3 != 0 {
			f.Encryption, f.Authentication, f.Integrity = "TLS", "mTLS", "tls"
		}
		a.Flows = append(a.Flows, f)
	}
	return sf
}

func id(prefix string, n int) string {
	const digits = "0123456789"
	s := ""
	for {
		s = string(digits[n%10]) + s
		n /= 10
		if n == 0 {
			break
		}
	}
	return prefix + "-" + s
}
