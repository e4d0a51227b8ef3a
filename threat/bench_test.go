package threat_test

import (
	"fmt"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/threat"
)

// BenchmarkGenerate derives every threat from a model of 1,000 elements and
// 5,000 flows, the size of a large hospital system's model.
//
//	go test ./threat -run '^$' -bench Generate -benchmem
func BenchmarkGenerate(b *testing.B) {
	sf := bigModel(1000, 5000)
	day := ward.MustDate("2026-11-26")
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(threat.Generate(threat.NewModel(sf, day)))
	}
	b.ReportMetric(float64(n), "threats")
}

// BenchmarkRules times each rule alone on the benchmark model, then on
// four times the flows, then on four times the elements (interfaces and
// assets grow with them). A rule linear in the model takes about four
// times as long on a larger one; one quadratic over flows about sixteen
// times as long on the second.
//
//	go test ./threat -run '^$' -bench Rules -benchtime 10x
func BenchmarkRules(b *testing.B) {
	day := ward.MustDate("2026-11-26")
	for _, size := range []struct{ elements, flows int }{{1000, 5000}, {1000, 20000}, {4000, 5000}} {
		m := threat.NewModel(bigModel(size.elements, size.flows), day)
		for _, r := range threat.Rules() {
			b.Run(fmt.Sprintf("%dx%d/%s", size.elements, size.flows, r.Info().ID), func(b *testing.B) {
				for b.Loop() {
					r.Apply(m)
				}
			})
		}
	}
}

// TestBigModelDerivesThreats keeps the benchmark honest: the generated model
// makes most rules fire, so they do their real work, and generation on it
// is deterministic.
func TestBigModelDerivesThreats(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("large model")
	}
	sf := bigModel(1000, 5000)
	m := threat.NewModel(sf, ward.MustDate("2026-11-26"))
	first := threat.Generate(m)
	fired := map[string]bool{}
	for _, g := range first {
		fired[g.Rule] = true
	}
	var silent []string
	for _, r := range threat.Rules() {
		if !fired[r.Info().ID] {
			silent = append(silent, r.Info().ID)
		}
	}
	if len(silent)*2 > len(threat.Rules()) {
		t.Errorf("only %d of %d rules fire on the benchmark model; silent: %v", len(fired), len(threat.Rules()), silent)
	}
	second := threat.Generate(threat.NewModel(sf, ward.MustDate("2026-11-26")))
	if len(first) != len(second) {
		t.Fatalf("generation differs between runs: %d vs %d threats", len(first), len(second))
	}
	for i := range first {
		if first[i].ID != second[i].ID || first[i].Description != second[i].Description {
			t.Fatalf("generation differs between runs at %d: %s vs %s", i, first[i].ID, second[i].ID)
		}
	}
}

// bigModel builds a deterministic model of the given size: boundaries
// nested three to a parent and of every kind, elements of every kind,
// clinical function and credential setting, product interfaces of every
// exposure, software items in and out of support, safety-relevant assets,
// and flows of every purpose with mixed encryption, authentication,
// integrity and data.
func bigModel(elements, flows int) *ward.SecurityFile {
	pick := func(list []string, i int) string { return list[i%len(list)] }
	sf := &ward.SecurityFile{Architecture: &ward.Architecture{Version: "1", Methodology: "STRIDE"}, Context: &ward.SecurityContext{}}
	a, c := sf.Architecture, sf.Context
	c.Data = []*ward.DataItem{
		{ID: "D-PHI", Name: "Patient record", Classification: "phi", PersonalHealthData: true},
		{ID: "D-PII", Name: "Staff directory", Classification: "pii"},
		{ID: "D-CLIN", Name: "Infusion orders", Classification: "clinical"},
		{ID: "D-CFG", Name: "Configuration", Classification: "configuration"},
		{ID: "D-KEY", Name: "Device keys", Classification: "secret"},
		{ID: "D-LOG", Name: "Audit log", Classification: "log"},
		{ID: "D-PUB", Name: "Drug names", Classification: "public"},
	}
	dataIDs := make([]string, len(c.Data))
	for i, d := range c.Data {
		dataIDs[i] = d.ID
	}

	boundaries := max(elements/25, 4)
	kinds := []string{"hospital", "network_zone", "device", "cloud", "manufacturer", "home", "physical"}
	for i := range boundaries {
		b := &ward.Boundary{ID: fmt.Sprintf("TB-%d", i), Name: fmt.Sprintf("Zone %d", i), Kind: pick(kinds, i)}
		if i > 0 {
			b.Parent = fmt.Sprintf("TB-%d", (i-1)/3)
		}
		a.Boundaries = append(a.Boundaries, b)
	}

	for i := range elements / 20 {
		it := &ward.SoftwareItem{ID: fmt.Sprintf("CMP-%d", i), Name: fmt.Sprintf("lib%d", i), Version: "1.0." + fmt.Sprint(i),
			Origin: pick([]string{"open_source", "commercial", "in_house", "operating_system"}, i), Category: "maintained",
			SupportLevel: pick([]string{"active", "active", "no_longer_maintained", "abandoned", "unknown"}, i)}
		if i%4 == 1 {
			it.EndOfSupport = "2025-01-31"
		}
		sf.Components = append(sf.Components, it)
	}

	elementKinds := []string{"process", "process", "data_store", "external_entity", "process"}
	functions := []string{"therapy", "monitoring", "none", "diagnosis", "clinical_workflow", "none"}
	for i := range elements {
		e := &ward.Element{ID: fmt.Sprintf("E-%d", i), Name: fmt.Sprintf("Element %d", i), Kind: pick(elementKinds, i),
			Function: pick(functions, i), Credentials: pick([]string{"unique", "shared", "default", "none", ""}, i),
			Logging: i%2 == 0, Hardened: i%3 == 0, SecurityRelevant: i%4 == 0}
		if i%31 != 7 { // a few elements sit outside every boundary
			e.Boundary = fmt.Sprintf("TB-%d", (i*7)%boundaries)
		}
		if len(sf.Components) > 0 && e.Kind == "process" {
			e.Components = []string{sf.Components[i%len(sf.Components)].ID}
		}
		if e.Kind == "data_store" {
			e.Stores = []string{pick(dataIDs, i), pick(dataIDs, i/5+1)}
			e.EncryptedAtRest, e.Backup = i%3 == 0, i%4 == 0
		}
		a.Elements = append(a.Elements, e)
	}

	exposures := []string{"internet", "hospital_lan", "local", "physical"}
	ifaceKinds := []string{"tcp", "http_api", "ui", "ble", "usb", "jtag", "serial", "wifi"}
	for i := range elements / 5 {
		in := &ward.Interface{ID: fmt.Sprintf("IF-%d", i), Name: fmt.Sprintf("Interface %d", i), Kind: pick(ifaceKinds, i),
			Protocol: pick([]string{"HTTPS", "MQTT", "HL7 MLLP", "BLE GATT", "SSH"}, i), Direction: "inbound",
			Authentication: pick([]string{"mTLS", "none", "password"}, i), Encryption: pick([]string{"TLS 1.3", "none"}, i),
			Exposure: pick(exposures, i), EnabledByDefault: i%2 == 1, InLabeling: i%3 != 2,
			Data: []string{pick(dataIDs, i)}, Port: 1000 + i}
		if i%6 != 5 { // some interfaces belong to no element
			in.Element = fmt.Sprintf("E-%d", (i*5)%elements)
		}
		c.Interfaces = append(c.Interfaces, in)
	}

	for i := range elements / 10 {
		x := &ward.Asset{ID: fmt.Sprintf("AST-%d", i), Name: fmt.Sprintf("Asset %d", i),
			Confidentiality: "high", Integrity: "high", Availability: "medium", SafetyRelevant: i%3 == 0}
		if i%2 == 0 {
			x.Element = fmt.Sprintf("E-%d", (i*11)%elements)
		} else {
			x.Data = pick(dataIDs, i)
		}
		a.Assets = append(a.Assets, x)
	}

	purposes := []string{"data", "command", "update", "remote_service", "logging", "telemetry", "authentication", "backup", "configuration"}
	integrity := []string{"none", "checksum", "mac", "signature", "tls", ""}
	for i := range flows {
		f := &ward.Flow{ID: fmt.Sprintf("F-%d", i), From: fmt.Sprintf("E-%d", (i*7)%elements), To: fmt.Sprintf("E-%d", (i*13+1)%elements),
			Protocol: pick([]string{"TCP", "HTTPS", "MQTT", "HL7"}, i), Purpose: pick(purposes, i), Integrity: pick(integrity, i/2),
			Data: []string{pick(dataIDs, i), pick(dataIDs, i/3)}, SessionIndication: i%2 == 0}
		if i%3 != 0 {
			f.Encryption, f.Authentication = "TLS 1.3", "mTLS"
		} else {
			f.Encryption, f.Authentication = "none", pick([]string{"none", "password"}, i)
		}
		if i%4 == 0 && len(c.Interfaces) > 0 {
			f.Interface = c.Interfaces[i%len(c.Interfaces)].ID
		}
		a.Flows = append(a.Flows, f)
	}
	return sf
}
