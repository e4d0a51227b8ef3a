package threat

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/wardhq/ward"
)

// genericRules are the generic STRIDE rules; each must be registered and
// have at least one case in genericFires.
var genericRules = []string{
	"D-EXPOSED-NO-CONTROLS", "D-SINGLE-PATH", "D-STORE-NO-BACKUP",
	"E-CROSS-BOUNDARY-PRIVILEGE", "E-EXPOSED-NOT-HARDENED", "E-UNPLACED-ELEMENT",
	"I-DEBUG-INTERFACE", "I-FLOW-CLEARTEXT", "I-INTERFACE-CLEARTEXT", "I-STORE-SECRETS-UNENCRYPTED",
	"R-ADMIN-NO-AUDIT", "R-NO-SECURITY-LOG",
	"S-DATASTORE-DIRECT", "S-ENTITY-NOAUTH", "S-INTERFACE-NOAUTH", "S-SPOOFED-SERVER",
	"T-FLOW-NOINTEGRITY", "T-STORE-UNAUTH-WRITE", "T-TELEMETRY-TAMPER", "T-UNTRUSTED-INPUT",
}

// genericFire and genericMiss are the shared rule cases of rules_test.go.
type (
	genericFire = fireCase
	genericMiss = missCase
)

// Data items and elements the generic cases add to baseModel.

func addKey(sf *ward.SecurityFile) {
	addDataTo(sf, &ward.DataItem{ID: "DAT-KEY", Name: "Device key", Classification: "secret"})
}

func addSettings(sf *ward.SecurityFile) {
	addDataTo(sf, &ward.DataItem{ID: "DAT-CFG", Name: "Pump settings", Classification: "configuration"})
}

// addDisplay adds a display process P-DISP inside the pump (no clinical
// function), so commands into the pump's boundary can be tested apart
// from the therapy rules.
func addDisplay(sf *ward.SecurityFile) {
	addElementTo(sf, &ward.Element{ID: "P-DISP", Name: "Pump display", Kind: "process", Boundary: "TB-DEV", Function: "none",
		Credentials: "unique", Logging: true, Hardened: true, SecurityRelevant: true})
}

// addVendorCloud adds the vendor's cloud service EE-CLOUD outside every
// boundary and a telemetry flow F-GW-CLOUD from the gateway to it.
func addVendorCloud(sf *ward.SecurityFile, auth, enc string) {
	addElementTo(sf, &ward.Element{ID: "EE-CLOUD", Name: "Vendor cloud", Kind: "external_entity", System: "SYS-CLOUD"})
	addFlowTo(sf, &ward.Flow{ID: "F-GW-CLOUD", From: "P-GW", To: "EE-CLOUD", Protocol: "HTTP", Authentication: auth, Encryption: enc,
		Integrity: "none", Purpose: "telemetry", Data: []string{"DAT-CMD"}})
}

// addPumpTelemetry adds the monitor P-MON and a telemetry flow F-PUMP-MON
// from the pump to it, across the pump's boundary.
func addPumpTelemetry(sf *ward.SecurityFile, auth, enc, integrity string) {
	addMonitor(sf)
	addFlowTo(sf, &ward.Flow{ID: "F-PUMP-MON", From: "P-PUMP", To: "P-MON", Protocol: "UDP", Authentication: auth, Encryption: enc,
		Integrity: integrity, Purpose: "telemetry", Data: []string{"DAT-CMD"}})
}

var genericFires = []genericFire{
	{"nurse without login", "S-ENTITY-NOAUTH", func(sf *ward.SecurityFile) { flow(sf, "F-NURSE-GW").Authentication = "none" },
		[]string{"F-NURSE-GW"}, false},
	{"entity to pump monitor", "S-ENTITY-NOAUTH", func(sf *ward.SecurityFile) {
		addMonitor(sf)
		addFlowTo(sf, &ward.Flow{ID: "F-NURSE-MON", From: "EE-NURSE", To: "P-MON", Protocol: "touch", Authentication: "none (kiosk)", Purpose: "data"})
	}, []string{"F-NURSE-MON"}, true},

	{"gateway API without authentication", "S-INTERFACE-NOAUTH", func(sf *ward.SecurityFile) {
		interfaceIn(sf, "IF-GW").Authentication = "none (legacy clients)"
	}, []string{"IF-GW"}, false},
	{"BLE on the pump", "S-INTERFACE-NOAUTH", func(sf *ward.SecurityFile) {
		addInterfaceTo(sf, &ward.Interface{ID: "IF-BLE", Name: "Pump BLE", Kind: "ble", Protocol: "BLE GATT", Direction: "bidirectional",
			Authentication: "none", Encryption: "none", Exposure: "local", Element: "P-PUMP"})
	}, []string{"IF-BLE"}, true},

	{"nurse writes the log", "S-DATASTORE-DIRECT", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-NURSE-LOG", From: "EE-NURSE", To: "DS-LOG", Protocol: "SMB", Authentication: "SSO", Encryption: "SMB3",
			Integrity: "mac", Purpose: "data"})
	}, []string{"F-NURSE-LOG"}, false},
	{"nurse reads the log", "S-DATASTORE-DIRECT", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-LOG-NURSE", From: "DS-LOG", To: "EE-NURSE", Protocol: "SMB", Authentication: "SSO", Encryption: "SMB3",
			Integrity: "mac", Purpose: "data", Data: []string{"DAT-PHI"}})
	}, []string{"F-LOG-NURSE"}, false},

	{"data to the pump with a checksum only", "T-FLOW-NOINTEGRITY", func(sf *ward.SecurityFile) {
		f := flow(sf, "F-GW-PUMP")
		f.Purpose, f.Integrity, f.Encryption = "data", "checksum", "none"
	}, []string{"F-GW-PUMP"}, true},

	{"gateway writes the log without authentication", "T-STORE-UNAUTH-WRITE", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-GW-LOG", From: "P-GW", To: "DS-LOG", Protocol: "syslog/TLS", Authentication: "none", Encryption: "TLS 1.3",
			Integrity: "tls", Purpose: "logging"})
	}, []string{"F-GW-LOG"}, false},

	{"unauthenticated commands into the pump", "T-UNTRUSTED-INPUT", func(sf *ward.SecurityFile) {
		flow(sf, "F-GW-PUMP").Authentication = "none"
	}, []string{"P-PUMP"}, true},
	{"nurse outside every boundary", "T-UNTRUSTED-INPUT", func(sf *ward.SecurityFile) {
		elementIn(sf, "EE-NURSE").Boundary = ""
	}, []string{"P-GW"}, false},

	{"gateway without security log", "R-NO-SECURITY-LOG", func(sf *ward.SecurityFile) { elementIn(sf, "P-GW").Logging = false },
		[]string{"P-GW"}, false},

	{"configuration of an unlogged gateway", "R-ADMIN-NO-AUDIT", func(sf *ward.SecurityFile) {
		flow(sf, "F-NURSE-GW").Purpose = "configuration"
		elementIn(sf, "P-GW").Logging = false
	}, []string{"F-NURSE-GW"}, false},

	{"device key in cleartext", "I-FLOW-CLEARTEXT", func(sf *ward.SecurityFile) {
		addKey(sf)
		f := flow(sf, "F-GW-PUMP")
		f.Data, f.Encryption = []string{"DAT-KEY"}, "none"
	}, []string{"F-GW-PUMP"}, false},

	{"key store unencrypted", "I-STORE-SECRETS-UNENCRYPTED", func(sf *ward.SecurityFile) {
		addKey(sf)
		addElementTo(sf, &ward.Element{ID: "DS-KEYS", Name: "Key store", Kind: "data_store", Boundary: "TB-DEV", Stores: []string{"DAT-KEY"}, Backup: true})
	}, []string{"DS-KEYS"}, false},

	{"gateway API in cleartext", "I-INTERFACE-CLEARTEXT", func(sf *ward.SecurityFile) {
		i := interfaceIn(sf, "IF-GW")
		i.Encryption, i.Data = "none", []string{"DAT-CMD"}
	}, []string{"IF-GW"}, false},

	{"JTAG open", "I-DEBUG-INTERFACE", func(sf *ward.SecurityFile) {
		addInterfaceTo(sf, &ward.Interface{ID: "IF-JTAG", Name: "Pump JTAG", Kind: "jtag", Protocol: "JTAG", Direction: "bidirectional",
			Authentication: "debug certificate", Encryption: "none", Exposure: "physical", Element: "P-PUMP", EnabledByDefault: true})
	}, []string{"IF-JTAG"}, true},
	{"USB on the gateway", "I-DEBUG-INTERFACE", func(sf *ward.SecurityFile) {
		addInterfaceTo(sf, &ward.Interface{ID: "IF-USB", Name: "Gateway USB", Kind: "usb", Protocol: "USB", Direction: "bidirectional",
			Authentication: "none", Encryption: "none", Exposure: "physical", Element: "P-GW", EnabledByDefault: true})
	}, []string{"IF-USB"}, false},

	{"gateway API on the internet", "D-EXPOSED-NO-CONTROLS", func(sf *ward.SecurityFile) { interfaceIn(sf, "IF-GW").Exposure = "internet" },
		[]string{"F-NURSE-GW"}, false},

	{"settings without backup", "D-STORE-NO-BACKUP", func(sf *ward.SecurityFile) {
		addSettings(sf)
		addElementTo(sf, &ward.Element{ID: "DS-CFG", Name: "Settings store", Kind: "data_store", Boundary: "TB-DEV", Stores: []string{"DAT-CFG"},
			EncryptedAtRest: true})
		sf.Architecture.Assets = append(sf.Architecture.Assets, &ward.Asset{ID: "AST-CFG", Name: "Pump settings", Data: "DAT-CFG",
			Confidentiality: "low", Integrity: "high", Availability: "high", SafetyRelevant: true})
	}, []string{"DS-CFG"}, true},

	{"pump fed over one link", "D-SINGLE-PATH", func(sf *ward.SecurityFile) { flow(sf, "F-GW-PUMP").Purpose = "data" },
		[]string{"P-PUMP", "F-GW-PUMP"}, true},

	{"gateway not hardened", "E-EXPOSED-NOT-HARDENED", func(sf *ward.SecurityFile) { elementIn(sf, "P-GW").Hardened = false },
		[]string{"P-GW"}, false},

	{"event log unplaced", "E-UNPLACED-ELEMENT", func(sf *ward.SecurityFile) { elementIn(sf, "DS-LOG").Boundary = "" },
		[]string{"DS-LOG"}, false},

	{"unauthenticated commands into the pump display", "E-CROSS-BOUNDARY-PRIVILEGE", func(sf *ward.SecurityFile) {
		addDisplay(sf)
		addFlowTo(sf, &ward.Flow{ID: "F-GW-DISP", From: "P-GW", To: "P-DISP", Protocol: "MQTT", Authentication: "none", Encryption: "TLS 1.3",
			Integrity: "tls", Purpose: "command"})
	}, []string{"F-GW-DISP"}, false},

	{"cloud reached with a client password in cleartext", "S-SPOOFED-SERVER", func(sf *ward.SecurityFile) {
		addVendorCloud(sf, "client password", "none")
	}, []string{"F-GW-CLOUD"}, false},
	{"TLS without certificate validation", "S-SPOOFED-SERVER", func(sf *ward.SecurityFile) {
		addVendorCloud(sf, "API key", "TLS 1.2 without certificate validation")
	}, []string{"F-GW-CLOUD"}, false},

	{"telemetry in cleartext", "T-TELEMETRY-TAMPER", func(sf *ward.SecurityFile) { addPumpTelemetry(sf, "mTLS", "none", "none") },
		[]string{"F-PUMP-MON"}, true},
	{"telemetry anyone can send", "T-TELEMETRY-TAMPER", func(sf *ward.SecurityFile) { addPumpTelemetry(sf, "none", "DTLS 1.2", "") },
		[]string{"F-PUMP-MON"}, true},
}

var genericMisses = []genericMiss{
	{"unauthenticated command to the pump is T-CLINICAL-CMD's", "S-ENTITY-NOAUTH", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-NURSE-PUMP", From: "EE-NURSE", To: "P-PUMP", Protocol: "touch", Authentication: "none", Purpose: "command"})
	}},
	{"process to process", "S-ENTITY-NOAUTH", func(sf *ward.SecurityFile) {
		addDisplay(sf)
		addFlowTo(sf, &ward.Flow{ID: "F-GW-DISP", From: "P-GW", To: "P-DISP", Protocol: "MQTT", Authentication: "none", Purpose: "data"})
	}},

	{"physical interface", "S-INTERFACE-NOAUTH", func(sf *ward.SecurityFile) {
		i := interfaceIn(sf, "IF-GW")
		i.Authentication, i.Exposure = "none", "physical"
	}},
	{"outbound interface", "S-INTERFACE-NOAUTH", func(sf *ward.SecurityFile) {
		i := interfaceIn(sf, "IF-GW")
		i.Authentication, i.Direction = "none", "outbound"
	}},
	{"service port is S-SERVICE-PORT-NOAUTH's", "S-INTERFACE-NOAUTH", func(sf *ward.SecurityFile) {
		addInterfaceTo(sf, &ward.Interface{ID: "IF-SER", Name: "Pump serial", Kind: "serial", Protocol: "UART", Direction: "bidirectional",
			Authentication: "none", Encryption: "none", Exposure: "local", Element: "P-PUMP"})
	}},

	{"process writes its own store", "S-DATASTORE-DIRECT", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-PUMP-LOG", From: "P-PUMP", To: "DS-LOG", Protocol: "flash", Authentication: "none", Purpose: "logging"})
	}},

	{"encrypted channel", "T-FLOW-NOINTEGRITY", func(sf *ward.SecurityFile) {
		f := flow(sf, "F-GW-PUMP")
		f.Purpose, f.Integrity = "data", "none"
	}},
	{"same boundary", "T-FLOW-NOINTEGRITY", func(sf *ward.SecurityFile) {
		f := flow(sf, "F-NURSE-GW")
		f.Integrity, f.Encryption = "none", "none"
	}},
	{"command to the pump is T-CLINICAL-CMD's", "T-FLOW-NOINTEGRITY", func(sf *ward.SecurityFile) {
		f := flow(sf, "F-GW-PUMP")
		f.Integrity, f.Encryption = "none", "none"
	}},
	{"telemetry into a monitor is T-TELEMETRY-TAMPER's", "T-FLOW-NOINTEGRITY", func(sf *ward.SecurityFile) {
		addPumpTelemetry(sf, "mTLS", "none", "none")
	}},
	{"local touchscreen", "T-FLOW-NOINTEGRITY", func(sf *ward.SecurityFile) {
		addInterfaceTo(sf, &ward.Interface{ID: "IF-UI", Name: "Pump screen", Kind: "ui", Protocol: "touch", Direction: "bidirectional",
			Authentication: "PIN", Encryption: "none", Exposure: "physical", Element: "P-DISP"})
		addDisplay(sf)
		addFlowTo(sf, &ward.Flow{ID: "F-NURSE-DISP", From: "EE-NURSE", To: "P-DISP", Protocol: "touch", Interface: "IF-UI",
			Authentication: "PIN", Encryption: "none", Integrity: "none", Purpose: "data"})
	}},

	{"writes by an entity are S-DATASTORE-DIRECT's", "T-STORE-UNAUTH-WRITE", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-NURSE-LOG", From: "EE-NURSE", To: "DS-LOG", Protocol: "SMB", Authentication: "none", Purpose: "data"})
	}},
	{"write inside one boundary", "T-STORE-UNAUTH-WRITE", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-PUMP-LOG", From: "P-PUMP", To: "DS-LOG", Protocol: "flash", Authentication: "none", Purpose: "logging"})
	}},

	{"marked security relevant", "T-UNTRUSTED-INPUT", func(sf *ward.SecurityFile) {
		flow(sf, "F-GW-PUMP").Authentication = "none"
		elementIn(sf, "P-PUMP").SecurityRelevant = true
	}},

	{"therapy without log is R-THERAPY-NO-AUDIT's", "R-NO-SECURITY-LOG", func(sf *ward.SecurityFile) { elementIn(sf, "P-PUMP").Logging = false }},
	{"only data flows in", "R-NO-SECURITY-LOG", func(sf *ward.SecurityFile) {
		flow(sf, "F-NURSE-GW").Purpose = "data"
		elementIn(sf, "P-GW").Logging = false
	}},

	{"receiver logs", "R-ADMIN-NO-AUDIT", func(sf *ward.SecurityFile) { flow(sf, "F-NURSE-GW").Purpose = "configuration" }},

	{"personal data is I-PHI-CLEARTEXT's", "I-FLOW-CLEARTEXT", func(sf *ward.SecurityFile) {
		addKey(sf)
		f := flow(sf, "F-GW-PUMP")
		f.Data, f.Encryption = []string{"DAT-KEY", "DAT-PHI"}, "none"
	}},
	{"no secrets", "I-FLOW-CLEARTEXT", func(sf *ward.SecurityFile) {
		f := flow(sf, "F-GW-PUMP")
		f.Data, f.Encryption = []string{"DAT-CMD"}, "none"
	}},

	{"store with personal data is I-PHI-STORE-UNENCRYPTED's", "I-STORE-SECRETS-UNENCRYPTED", func(sf *ward.SecurityFile) {
		addKey(sf)
		e := elementIn(sf, "DS-LOG")
		e.Stores, e.EncryptedAtRest = []string{"DAT-KEY", "DAT-PHI"}, false
	}},

	{"public data only", "I-INTERFACE-CLEARTEXT", func(sf *ward.SecurityFile) {
		addDataTo(sf, &ward.DataItem{ID: "DAT-TIME", Name: "Time", Classification: "public"})
		i := interfaceIn(sf, "IF-GW")
		i.Encryption, i.Data = "none", []string{"DAT-TIME"}
	}},
	{"local interface", "I-INTERFACE-CLEARTEXT", func(sf *ward.SecurityFile) {
		i := interfaceIn(sf, "IF-GW")
		i.Encryption, i.Exposure = "none", "local"
	}},

	{"JTAG fused off", "I-DEBUG-INTERFACE", func(sf *ward.SecurityFile) {
		addInterfaceTo(sf, &ward.Interface{ID: "IF-JTAG", Name: "Pump JTAG", Kind: "jtag", Protocol: "JTAG", Direction: "bidirectional",
			Authentication: "none", Encryption: "none", Exposure: "physical", Element: "P-PUMP"})
	}},
	{"USB on a data store", "I-DEBUG-INTERFACE", func(sf *ward.SecurityFile) {
		addInterfaceTo(sf, &ward.Interface{ID: "IF-USB", Name: "Log export", Kind: "usb", Protocol: "USB mass storage", Direction: "outbound",
			Authentication: "none", Encryption: "none", Exposure: "physical", Element: "DS-LOG", EnabledByDefault: true})
	}},

	{"flow with controls", "D-EXPOSED-NO-CONTROLS", func(sf *ward.SecurityFile) {
		interfaceIn(sf, "IF-GW").Exposure = "internet"
		flow(sf, "F-NURSE-GW").Controls = []string{"CTL-RATE"}
	}},
	{"outbound on the interface", "D-EXPOSED-NO-CONTROLS", func(sf *ward.SecurityFile) {
		interfaceIn(sf, "IF-GW").Exposure = "internet"
		addFlowTo(sf, &ward.Flow{ID: "F-GW-NURSE", From: "P-GW", To: "EE-NURSE", Protocol: "HTTPS", Interface: "IF-GW", Purpose: "data"})
		flow(sf, "F-NURSE-GW").Controls = []string{"CTL-RATE"}
	}},

	{"health data store is D-PHI-STORE-NOBACKUP's", "D-STORE-NO-BACKUP", func(sf *ward.SecurityFile) {
		elementIn(sf, "DS-LOG").Backup = false
		sf.Architecture.Assets = append(sf.Architecture.Assets, &ward.Asset{ID: "AST-LOG", Name: "Event log", Element: "DS-LOG",
			Confidentiality: "high", Integrity: "high", Availability: "high"})
	}},
	{"availability not high", "D-STORE-NO-BACKUP", func(sf *ward.SecurityFile) {
		addSettings(sf)
		addElementTo(sf, &ward.Element{ID: "DS-CFG", Name: "Settings store", Kind: "data_store", Boundary: "TB-DEV", Stores: []string{"DAT-CFG"}})
		sf.Architecture.Assets = append(sf.Architecture.Assets, &ward.Asset{ID: "AST-CFG", Name: "Pump settings", Data: "DAT-CFG",
			Confidentiality: "low", Integrity: "high", Availability: "medium"})
	}},

	{"second feed inside the pump", "D-SINGLE-PATH", func(sf *ward.SecurityFile) {
		flow(sf, "F-GW-PUMP").Purpose = "data"
		addFlowTo(sf, &ward.Flow{ID: "F-LOG-PUMP", From: "DS-LOG", To: "P-PUMP", Protocol: "flash", Purpose: "data"})
	}},
	{"single feed inside the boundary", "D-SINGLE-PATH", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-LOG-PUMP", From: "DS-LOG", To: "P-PUMP", Protocol: "flash", Purpose: "data"})
	}},

	{"client of an exposed server", "E-EXPOSED-NOT-HARDENED", func(sf *ward.SecurityFile) {
		addElementTo(sf, &ward.Element{ID: "P-APP", Name: "Ward app", Kind: "process", Boundary: "TB-HOSP"})
		addFlowTo(sf, &ward.Flow{ID: "F-APP-GW", From: "P-APP", To: "P-GW", Protocol: "HTTPS", Interface: "IF-GW", Authentication: "mTLS",
			Encryption: "TLS 1.3", Purpose: "data"})
	}},

	{"external entity outside", "E-UNPLACED-ELEMENT", func(sf *ward.SecurityFile) { elementIn(sf, "EE-NURSE").Boundary = "" }},
	{"no boundaries at all", "E-UNPLACED-ELEMENT", func(sf *ward.SecurityFile) {
		for _, e := range sf.Architecture.Elements {
			e.Boundary = ""
		}
	}},

	{"outwards", "E-CROSS-BOUNDARY-PRIVILEGE", func(sf *ward.SecurityFile) {
		addDisplay(sf)
		addFlowTo(sf, &ward.Flow{ID: "F-DISP-GW", From: "P-DISP", To: "P-GW", Protocol: "MQTT", Authentication: "none", Purpose: "command"})
	}},
	{"command to the pump is T-CLINICAL-CMD's", "E-CROSS-BOUNDARY-PRIVILEGE", func(sf *ward.SecurityFile) {
		flow(sf, "F-GW-PUMP").Authentication = "none"
	}},
	{"from an external entity", "E-CROSS-BOUNDARY-PRIVILEGE", func(sf *ward.SecurityFile) {
		addDisplay(sf)
		addFlowTo(sf, &ward.Flow{ID: "F-NURSE-DISP", From: "EE-NURSE", To: "P-DISP", Protocol: "touch", Authentication: "none", Purpose: "command"})
	}},

	{"TLS authenticates the server", "S-SPOOFED-SERVER", func(sf *ward.SecurityFile) { addVendorCloud(sf, "client password", "TLS 1.3") }},
	{"pinned certificate", "S-SPOOFED-SERVER", func(sf *ward.SecurityFile) { addVendorCloud(sf, "pinned server certificate", "AES-GCM") }},
	{"display to a person", "S-SPOOFED-SERVER", func(sf *ward.SecurityFile) {
		sf.Context.Actors = append(sf.Context.Actors, &ward.Actor{ID: "ACT-NURSE", Name: "Nurse", Kind: "person"})
		elementIn(sf, "EE-NURSE").Actor, elementIn(sf, "EE-NURSE").Boundary = "ACT-NURSE", ""
		addFlowTo(sf, &ward.Flow{ID: "F-GW-NURSE", From: "P-GW", To: "EE-NURSE", Protocol: "HTTPS", Purpose: "data"})
	}},

	{"authenticated and encrypted", "T-TELEMETRY-TAMPER", func(sf *ward.SecurityFile) { addPumpTelemetry(sf, "mTLS", "DTLS 1.2", "") }},
	{"signed readings", "T-TELEMETRY-TAMPER", func(sf *ward.SecurityFile) { addPumpTelemetry(sf, "none", "none", "signature") }},
}

// TestGenericRulesFire: each rule fires on its unsafe model, once, on the
// expected elements and with the expected Safety, and not on baseModel().
func TestGenericRulesFire(t *testing.T) { runFires(t, genericFires) }

// TestGenericRulesNearMisses: each rule stays silent on models that differ
// from a firing one in the one respect its detection depends on, and
// where another rule judges the record.
func TestGenericRulesNearMisses(t *testing.T) { runMisses(t, genericMisses) }

// TestGenericRulesInfo: every generic rule is registered, tested, and
// describes itself fully.
func TestGenericRulesInfo(t *testing.T) { checkRuleInfos(t, genericRules, genericFires, false) }

// TestGenericDeferralsExist: every rule a generic rule defers to
// (judgedBy) is registered, so a renamed rule cannot silently bring back
// double threats.
func TestGenericDeferralsExist(t *testing.T) {
	files, err := filepath.Glob("rule_*.go")
	if err != nil {
		t.Fatal(err)
	}
	call := regexp.MustCompile(`judgedBy\(([^)]*)\)`)
	quoted := regexp.MustCompile(`"([^"]+)"`)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range call.FindAllStringSubmatch(string(b), -1) {
			for _, q := range quoted.FindAllStringSubmatch(c[1], -1) {
				n++
				if _, ok := registry[q[1]]; !ok {
					t.Errorf("%s defers to %s, which is not registered", f, q[1])
				}
			}
		}
	}
	if n == 0 {
		t.Error("found no judgedBy calls: the test no longer reads the rules")
	}
}

// TestAuthenticatesServer pins the reading of free-text authentication and
// encryption for S-SPOOFED-SERVER.
func TestAuthenticatesServer(t *testing.T) {
	for _, tc := range []struct {
		auth, enc string
		want      bool
	}{
		{"", "", false},
		{"none", "none", false},
		{"client password", "none", false},
		{"API key", "AES-256", false},
		{"bearer token", "", false},
		{"client password", "TLS 1.3", true},
		{"", "HTTPS", true},
		{"mutual TLS", "", true},
		{"mTLS", "", true},
		{"pinned server CA", "", true},
		{"server certificate", "none", true},
		{"X.509 device certificate", "", true},
		{"SSH host key", "", true},
		{"Kerberos", "", true},
		{"API key", "TLS 1.2 without certificate validation", false},
		{"API key", "TLS, certificate pinning disabled", false},
		{"", "TLS (insecure skip verify)", false},
		{"", "TLS with no verification", false},
	} {
		if got := authenticatesServer(tc.auth, tc.enc); got != tc.want {
			t.Errorf("authenticatesServer(%q, %q) = %v, want %v", tc.auth, tc.enc, got, tc.want)
		}
	}
}

// TestGenericRulesSilentOnBaseModel: the safe baseModel trips no generic
// rule.
func TestGenericRulesSilentOnBaseModel(t *testing.T) {
	m := NewModel(baseModel(), ward.MustDate("2026-11-26"))
	for _, id := range genericRules {
		if r, ok := registry[id]; ok {
			if hits := r.Apply(m); len(hits) != 0 {
				t.Errorf("%s fires on baseModel: %+v", id, hits)
			}
		}
	}
}
