package threat_test

import (
	"slices"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/securityfile"
	"github.com/wardhq/ward/threat"
)

// TestIDsSurviveUnrelatedEdits: edits of the model that have nothing to do
// with the existing threats rename none of them and change none of their
// elements, so the team's decisions stay attached.
func TestIDsSurviveUnrelatedEdits(t *testing.T) {
	t.Parallel()
	day := ward.MustDate("2026-11-26")
	for _, tc := range []struct {
		name string
		edit func(sf *ward.SecurityFile)
	}{
		{"element and flow in a new boundary", func(sf *ward.SecurityFile) {
			a := sf.Architecture
			a.Boundaries = append(a.Boundaries, &ward.Boundary{ID: "TB-LAB", Name: "Test lab", Kind: "network_zone"})
			a.Elements = append(a.Elements,
				&ward.Element{ID: "EE-AUDITOR", Name: "Auditor", Kind: "external_entity", Boundary: "TB-LAB"},
				&ward.Element{ID: "P-REPORTER", Name: "Report generator", Kind: "process", Boundary: "TB-LAB", Credentials: "unique", Logging: true, Hardened: true},
			)
			a.Flows = append(a.Flows, &ward.Flow{ID: "F-LAB", From: "EE-AUDITOR", To: "P-REPORTER", Protocol: "HTTPS",
				Authentication: "SSO", Encryption: "TLS 1.3", Integrity: "tls", Purpose: "data"})
		}},
		{"weak element and cleartext flow between new elements", func(sf *ward.SecurityFile) {
			// New threats on the new elements are expected; the old ones must not move.
			a := sf.Architecture
			a.Elements = append(a.Elements,
				&ward.Element{ID: "P-Z-KIOSK", Name: "Kiosk", Kind: "process", Credentials: "default"},
				&ward.Element{ID: "DS-Z-CACHE", Name: "Kiosk cache", Kind: "data_store"},
			)
			a.Flows = append(a.Flows, &ward.Flow{ID: "F-Z-KIOSK", From: "P-Z-KIOSK", To: "DS-Z-CACHE", Protocol: "TCP",
				Authentication: "none", Encryption: "none", Integrity: "none", Purpose: "configuration"})
		}},
		{"model lists in reverse order", func(sf *ward.SecurityFile) {
			a := sf.Architecture
			slices.Reverse(a.Elements)
			slices.Reverse(a.Flows)
			slices.Reverse(a.Boundaries)
			slices.Reverse(a.Assets)
			slices.Reverse(sf.Context.Interfaces)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sf, err := securityfile.Load("../examples/infusion-pump", securityfile.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			before := threat.Generate(threat.NewModel(sf, day))
			if len(before) == 0 {
				t.Fatal("the example model derives no threats")
			}
			tc.edit(sf)
			after := map[string][]string{}
			for _, g := range threat.Generate(threat.NewModel(sf, day)) {
				after[g.ID] = g.Elements
			}
			for _, g := range before {
				els, ok := after[g.ID]
				switch {
				case !ok:
					t.Errorf("threat %s (%s) disappeared", g.ID, g.Title)
				case !slices.Equal(els, g.Elements):
					t.Errorf("threat %s changed its elements: %v → %v", g.ID, g.Elements, els)
				}
			}
		})
	}
}

// TestGenerateIsDeterministic: two runs on one model give the same threats
// in the same order, with the same wording.
func TestGenerateIsDeterministic(t *testing.T) {
	t.Parallel()
	day := ward.MustDate("2026-11-26")
	sf, err := securityfile.Load("../examples/infusion-pump", securityfile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	first := threat.Generate(threat.NewModel(sf, day))
	for range 5 {
		again := threat.Generate(threat.NewModel(sf, day))
		if len(again) != len(first) {
			t.Fatalf("run gives %d threats, first run %d", len(again), len(first))
		}
		for i := range first {
			if first[i].ID != again[i].ID || first[i].Title != again[i].Title || first[i].Description != again[i].Description ||
				!slices.Equal(first[i].Assets, again[i].Assets) {
				t.Fatalf("generation differs between runs at %d: %+v vs %+v", i, first[i], again[i])
			}
		}
	}
}
