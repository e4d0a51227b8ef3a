package threat

import (
	"testing"

	"github.com/wardhq/ward"
)

// healthRules are the health-specific rules; each must be registered and
// have at least one case in healthFires.
var healthRules = []string{
	"D-ALARM-LOSS", "D-PHI-STORE-NOBACKUP",
	"E-EOS-EXPOSED", "E-SAFETY-ELEMENT-EXPOSED",
	"I-BACKUP-PHI-CLEARTEXT", "I-INTERFACE-UNLABELED", "I-LOG-PERSONAL", "I-PHI-CLOUD-NOAUTH",
	"I-PHI-STORE-UNENCRYPTED", "I-REMOTE-SESSION-HIDDEN",
	"R-THERAPY-NO-AUDIT",
	"S-DEFAULT-CREDENTIALS", "S-DEVICE-IDENTITY", "S-REMOTE-SERVICE-WEAKAUTH", "S-SERVICE-PORT-NOAUTH",
	"S-SHARED-CREDENTIALS",
	"T-CONFIG-NOAUTH", "T-DIAGNOSIS-DATA", "T-THERAPY-REACHABLE", "T-UPDATE-UNSIGNED",
}

// healthFire and healthMiss are the shared rule cases of rules_test.go.
type (
	healthFire = fireCase
	healthMiss = missCase
)

var healthFires = []healthFire{
	{"signed by TLS only", "T-UPDATE-UNSIGNED", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-UPD", From: "P-GW", To: "P-PUMP", Protocol: "HTTPS", Authentication: "mTLS", Encryption: "TLS 1.3", Integrity: "tls", Purpose: "update"})
	}, []string{"F-UPD"}, true},
	{"no integrity into the gateway", "T-UPDATE-UNSIGNED", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-UPD", From: "EE-NURSE", To: "P-GW", Protocol: "USB stick", Purpose: "update"})
	}, []string{"F-UPD"}, false},

	{"password only", "S-REMOTE-SERVICE-WEAKAUTH", func(sf *ward.SecurityFile) {
		addRemoteService(sf, "Password")
	}, []string{"F-RS"}, false},
	{"service PIN", "S-REMOTE-SERVICE-WEAKAUTH", func(sf *ward.SecurityFile) {
		addRemoteService(sf, "service PIN (4 digits)")
		flowIn(sf, "F-RS").To = "P-PUMP"
	}, []string{"F-RS"}, true},
	{"none with explanation", "S-REMOTE-SERVICE-WEAKAUTH", func(sf *ward.SecurityFile) {
		addRemoteService(sf, "none (vendor VPN)")
	}, []string{"F-RS"}, false},

	{"no indication", "I-REMOTE-SESSION-HIDDEN", func(sf *ward.SecurityFile) {
		addRemoteService(sf, "SSH certificate + MFA")
	}, []string{"F-RS"}, false},

	{"default on therapy element", "S-DEFAULT-CREDENTIALS", func(sf *ward.SecurityFile) {
		elementIn(sf, "P-PUMP").Credentials = "default"
	}, []string{"P-PUMP"}, true},

	{"shared on gateway", "S-SHARED-CREDENTIALS", func(sf *ward.SecurityFile) {
		elementIn(sf, "P-GW").Credentials = "shared"
	}, []string{"P-GW"}, false},

	{"enabled, not labeled", "I-INTERFACE-UNLABELED", func(sf *ward.SecurityFile) {
		interfaceIn(sf, "IF-GW").InLabeling = false
	}, []string{"IF-GW"}, false},

	{"event log unencrypted", "I-PHI-STORE-UNENCRYPTED", func(sf *ward.SecurityFile) {
		elementIn(sf, "DS-LOG").EncryptedAtRest = false
	}, []string{"DS-LOG"}, false},

	{"event log without backup", "D-PHI-STORE-NOBACKUP", func(sf *ward.SecurityFile) {
		elementIn(sf, "DS-LOG").Backup = false
	}, []string{"DS-LOG"}, false},
	{"clinical data without backup, safety asset", "D-PHI-STORE-NOBACKUP", func(sf *ward.SecurityFile) {
		e := elementIn(sf, "DS-LOG")
		e.Backup, e.Stores = false, []string{"DAT-CMD"}
		sf.Architecture.Assets = append(sf.Architecture.Assets, &ward.Asset{ID: "AST-PROG", Name: "Programs", Data: "DAT-CMD",
			Confidentiality: "low", Integrity: "high", Availability: "high", SafetyRelevant: true})
	}, []string{"DS-LOG"}, true},

	{"personal data in logs", "I-LOG-PERSONAL", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-LOG", From: "P-PUMP", To: "DS-LOG", Protocol: "flash", Purpose: "logging", Data: []string{"DAT-PHI"}})
	}, []string{"F-LOG"}, false},
	{"personal data in telemetry", "I-LOG-PERSONAL", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-TEL", From: "P-PUMP", To: "P-GW", Protocol: "MQTT", Purpose: "telemetry", Data: []string{"DAT-CMD", "DAT-PHI"}})
	}, []string{"F-TEL"}, false},

	{"past end of support", "E-EOS-EXPOSED", func(sf *ward.SecurityFile) {
		addItem(sf, &ward.SoftwareItem{ID: "CMP-OLD", Name: "oldssl", Version: "1.0", SupportLevel: "active", EndOfSupport: "2026-01-31"})
		elementIn(sf, "P-GW").Components = []string{"CMP-OLD"}
	}, []string{"P-GW", "CMP-OLD"}, false},
	{"abandoned on therapy element with a LAN flow", "E-EOS-EXPOSED", func(sf *ward.SecurityFile) {
		addItem(sf, &ward.SoftwareItem{ID: "CMP-RTOS", Name: "rtos", Version: "2", SupportLevel: "abandoned", EndOfSupport: "unknown"})
		elementIn(sf, "P-PUMP").Components = []string{"CMP-RTOS"}
		flowIn(sf, "F-GW-PUMP").Interface = "IF-GW"
	}, []string{"P-PUMP", "CMP-RTOS"}, true},

	{"from the cloud", "T-THERAPY-REACHABLE", func(sf *ward.SecurityFile) {
		addCloud(sf)
		addFlowTo(sf, &ward.Flow{ID: "F-CLOUD-PUMP", From: "P-CLOUD", To: "P-PUMP", Protocol: "HTTPS", Authentication: "mTLS", Encryption: "TLS 1.3", Integrity: "signature", Purpose: "data"})
	}, []string{"F-CLOUD-PUMP", "P-PUMP"}, true},
	{"from a phone in the home", "T-THERAPY-REACHABLE", func(sf *ward.SecurityFile) {
		sf.Architecture.Boundaries = append(sf.Architecture.Boundaries,
			&ward.Boundary{ID: "TB-HOME", Name: "Patient home", Kind: "home"},
			&ward.Boundary{ID: "TB-PHONE", Name: "Phone", Parent: "TB-HOME", Kind: "device"})
		addElementTo(sf, &ward.Element{ID: "P-APP", Name: "Patient app", Kind: "process", Boundary: "TB-PHONE"})
		addFlowTo(sf, &ward.Flow{ID: "F-APP-PUMP", From: "P-APP", To: "P-PUMP", Protocol: "BLE", Purpose: "command"})
	}, []string{"F-APP-PUMP", "P-PUMP"}, true},
	{"from a phone to a home-use pump", "T-THERAPY-REACHABLE", func(sf *ward.SecurityFile) {
		sf.Architecture.Boundaries = append(sf.Architecture.Boundaries,
			&ward.Boundary{ID: "TB-HOME", Name: "Patient home", Kind: "home"},
			&ward.Boundary{ID: "TB-PHONE", Name: "Phone", Parent: "TB-HOME", Kind: "device"})
		boundaryIn(sf, "TB-DEV").Parent = "TB-HOME"
		addElementTo(sf, &ward.Element{ID: "P-APP", Name: "Patient app", Kind: "process", Boundary: "TB-PHONE"})
		addFlowTo(sf, &ward.Flow{ID: "F-APP-PUMP", From: "P-APP", To: "P-PUMP", Protocol: "BLE", Purpose: "command"})
	}, []string{"F-APP-PUMP", "P-PUMP"}, true},
	{"from an internet-exposed gateway", "T-THERAPY-REACHABLE", func(sf *ward.SecurityFile) {
		interfaceIn(sf, "IF-GW").Exposure = "internet"
	}, []string{"F-GW-PUMP", "P-PUMP"}, true},

	{"pump telemetry without controls", "D-ALARM-LOSS", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-TEL", From: "P-PUMP", To: "P-GW", Protocol: "MQTT", Authentication: "mTLS", Encryption: "TLS 1.3", Purpose: "telemetry"})
	}, []string{"F-TEL", "P-PUMP"}, true},

	{"measurements with a checksum", "T-DIAGNOSIS-DATA", func(sf *ward.SecurityFile) {
		addElementTo(sf, &ward.Element{ID: "P-DX", Name: "Diagnosis engine", Kind: "process", Boundary: "TB-HOSP", Function: "diagnosis"})
		addFlowTo(sf, &ward.Flow{ID: "F-DX", From: "P-GW", To: "P-DX", Protocol: "HL7", Integrity: "checksum", Purpose: "data", Data: []string{"DAT-CMD"}})
	}, []string{"F-DX", "P-DX"}, true},
	{"command with a checksum", "T-DIAGNOSIS-DATA", func(sf *ward.SecurityFile) {
		addElementTo(sf, &ward.Element{ID: "P-DX", Name: "Diagnosis engine", Kind: "process", Boundary: "TB-HOSP", Function: "diagnosis"})
		addFlowTo(sf, &ward.Flow{ID: "F-DX", From: "P-GW", To: "P-DX", Protocol: "HL7", Authentication: "mTLS", Integrity: "checksum", Purpose: "command", Data: []string{"DAT-PHI"}})
	}, []string{"F-DX", "P-DX"}, true},

	{"unauthenticated upload", "I-PHI-CLOUD-NOAUTH", func(sf *ward.SecurityFile) {
		addCloud(sf)
		addFlowTo(sf, &ward.Flow{ID: "F-GW-CLOUD", From: "P-GW", To: "P-CLOUD", Protocol: "HTTPS", Authentication: "none", Encryption: "TLS 1.3", Purpose: "data", Data: []string{"DAT-PHI"}})
	}, []string{"F-GW-CLOUD"}, false},

	{"unauthenticated telemetry", "S-DEVICE-IDENTITY", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-PUMP-GW", From: "P-PUMP", To: "P-GW", Protocol: "MQTT", Authentication: "none", Encryption: "TLS 1.3", Purpose: "telemetry"})
	}, []string{"F-PUMP-GW", "P-PUMP"}, true},
	{"shared credentials", "S-DEVICE-IDENTITY", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-PUMP-GW", From: "P-PUMP", To: "P-GW", Protocol: "MQTT", Authentication: "mTLS", Encryption: "TLS 1.3", Purpose: "telemetry"})
		elementIn(sf, "P-PUMP").Credentials = "shared"
	}, []string{"F-PUMP-GW", "P-PUMP"}, true},

	{"monitor configured without authentication", "T-CONFIG-NOAUTH", func(sf *ward.SecurityFile) {
		addMonitor(sf)
		addFlowTo(sf, &ward.Flow{ID: "F-CFG", From: "EE-NURSE", To: "P-MON", Protocol: "HTTP", Authentication: "none", Purpose: "configuration"})
	}, []string{"F-CFG", "P-MON"}, true},

	{"pump without security log", "R-THERAPY-NO-AUDIT", func(sf *ward.SecurityFile) {
		elementIn(sf, "P-PUMP").Logging = false
	}, []string{"P-PUMP"}, true},

	{"cleartext backup to a plain store", "I-BACKUP-PHI-CLEARTEXT", func(sf *ward.SecurityFile) {
		addBackup(sf, false)
	}, []string{"F-BAK"}, false},

	{"pump reachable from the internet", "E-SAFETY-ELEMENT-EXPOSED", func(sf *ward.SecurityFile) {
		addInterfaceTo(sf, &ward.Interface{ID: "IF-PUMP-WEB", Name: "Pump web UI", Kind: "http_api", Protocol: "HTTPS", Direction: "inbound",
			Authentication: "password", Encryption: "TLS 1.2", Exposure: "internet", Element: "P-PUMP"})
	}, []string{"P-PUMP"}, true},

	{"USB without authentication", "S-SERVICE-PORT-NOAUTH", func(sf *ward.SecurityFile) {
		addInterfaceTo(sf, &ward.Interface{ID: "IF-USB", Name: "Service USB", Kind: "usb", Protocol: "USB CDC", Direction: "bidirectional",
			Authentication: "none (service only)", Encryption: "none", Exposure: "physical", Element: "P-PUMP"})
	}, []string{"IF-USB", "P-PUMP"}, true},
	{"JTAG header", "S-SERVICE-PORT-NOAUTH", func(sf *ward.SecurityFile) {
		addInterfaceTo(sf, &ward.Interface{ID: "IF-JTAG", Name: "JTAG", Kind: "jtag", Protocol: "JTAG", Direction: "bidirectional",
			Encryption: "none", Exposure: "physical", Element: "P-PUMP"})
	}, []string{"IF-JTAG", "P-PUMP"}, true},
}

var healthMisses = []healthMiss{
	{"signed update", "T-UPDATE-UNSIGNED", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-UPD", From: "P-GW", To: "P-PUMP", Protocol: "HTTPS", Integrity: "signature", Purpose: "update"})
	}},

	{"password and TOTP", "S-REMOTE-SERVICE-WEAKAUTH", func(sf *ward.SecurityFile) { addRemoteService(sf, "password + TOTP") }},
	{"client certificate", "S-REMOTE-SERVICE-WEAKAUTH", func(sf *ward.SecurityFile) { addRemoteService(sf, "client certificate") }},
	{"SSO is not judged", "S-REMOTE-SERVICE-WEAKAUTH", func(sf *ward.SecurityFile) { addRemoteService(sf, "HDO SSO") }},
	{"pinned certificate is no PIN", "S-REMOTE-SERVICE-WEAKAUTH", func(sf *ward.SecurityFile) {
		addRemoteService(sf, "pinned server certificate")
	}},
	{"password on a data flow", "S-REMOTE-SERVICE-WEAKAUTH", func(sf *ward.SecurityFile) {
		addRemoteService(sf, "password")
		flowIn(sf, "F-RS").Purpose = "data"
	}},

	{"session shown", "I-REMOTE-SESSION-HIDDEN", func(sf *ward.SecurityFile) {
		addRemoteService(sf, "SSH certificate")
		flowIn(sf, "F-RS").SessionIndication = true
	}},
	{"into an external entity", "I-REMOTE-SESSION-HIDDEN", func(sf *ward.SecurityFile) {
		addRemoteService(sf, "SSH certificate")
		f := flowIn(sf, "F-RS")
		f.From, f.To = "P-GW", "EE-VENDOR"
	}},

	{"unique credentials", "S-DEFAULT-CREDENTIALS", func(sf *ward.SecurityFile) { elementIn(sf, "P-PUMP").Credentials = "unique" }},
	{"default is not shared", "S-SHARED-CREDENTIALS", func(sf *ward.SecurityFile) { elementIn(sf, "P-GW").Credentials = "default" }},

	{"disabled and unlabeled", "I-INTERFACE-UNLABELED", func(sf *ward.SecurityFile) {
		i := interfaceIn(sf, "IF-GW")
		i.EnabledByDefault, i.InLabeling = false, false
	}},

	{"unencrypted store without personal data", "I-PHI-STORE-UNENCRYPTED", func(sf *ward.SecurityFile) {
		e := elementIn(sf, "DS-LOG")
		e.EncryptedAtRest, e.Stores = false, []string{"DAT-CMD"}
	}},
	{"a process is not a data store", "I-PHI-STORE-UNENCRYPTED", func(sf *ward.SecurityFile) {
		elementIn(sf, "P-GW").Stores = []string{"DAT-PHI"}
	}},

	{"no backup of configuration", "D-PHI-STORE-NOBACKUP", func(sf *ward.SecurityFile) {
		addDataTo(sf, &ward.DataItem{ID: "DAT-CFG", Name: "Settings", Classification: "configuration"})
		e := elementIn(sf, "DS-LOG")
		e.Backup, e.Stores = false, []string{"DAT-CFG"}
	}},

	{"logging without personal data", "I-LOG-PERSONAL", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-LOG", From: "P-PUMP", To: "DS-LOG", Protocol: "flash", Purpose: "logging", Data: []string{"DAT-CMD"}})
	}},
	{"personal data on a backup flow", "I-LOG-PERSONAL", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-BAK", From: "DS-LOG", To: "P-GW", Protocol: "SFTP", Purpose: "backup", Data: []string{"DAT-PHI"}})
	}},

	{"support ends after today", "E-EOS-EXPOSED", func(sf *ward.SecurityFile) {
		addItem(sf, &ward.SoftwareItem{ID: "CMP-OLD", Name: "oldssl", Version: "1.0", SupportLevel: "active", EndOfSupport: "2027-01-31"})
		elementIn(sf, "P-GW").Components = []string{"CMP-OLD"}
	}},
	{"end of support unknown", "E-EOS-EXPOSED", func(sf *ward.SecurityFile) {
		addItem(sf, &ward.SoftwareItem{ID: "CMP-OLD", Name: "oldssl", Version: "1.0", SupportLevel: "unknown", EndOfSupport: "unknown"})
		elementIn(sf, "P-GW").Components = []string{"CMP-OLD"}
	}},
	{"abandoned on an element without network exposure", "E-EOS-EXPOSED", func(sf *ward.SecurityFile) {
		addItem(sf, &ward.SoftwareItem{ID: "CMP-RTOS", Name: "rtos", Version: "2", SupportLevel: "abandoned"})
		elementIn(sf, "P-PUMP").Components = []string{"CMP-RTOS"}
	}},
	{"abandoned on a locally exposed element", "E-EOS-EXPOSED", func(sf *ward.SecurityFile) {
		addItem(sf, &ward.SoftwareItem{ID: "CMP-RTOS", Name: "rtos", Version: "2", SupportLevel: "abandoned"})
		elementIn(sf, "P-GW").Components = []string{"CMP-RTOS"}
		interfaceIn(sf, "IF-GW").Exposure = "local"
	}},

	{"cloud flow to the gateway", "T-THERAPY-REACHABLE", func(sf *ward.SecurityFile) {
		addCloud(sf)
		addFlowTo(sf, &ward.Flow{ID: "F-CLOUD-GW", From: "P-CLOUD", To: "P-GW", Protocol: "HTTPS", Purpose: "data"})
	}},
	{"parts of one home-use device", "T-THERAPY-REACHABLE", func(sf *ward.SecurityFile) {
		sf.Architecture.Boundaries = append(sf.Architecture.Boundaries, &ward.Boundary{ID: "TB-HOME", Name: "Patient home", Kind: "home"})
		boundaryIn(sf, "TB-DEV").Parent = "TB-HOME"
		sf.Architecture.Boundaries = append(sf.Architecture.Boundaries, &ward.Boundary{ID: "TB-RADIO", Name: "Radio module", Parent: "TB-DEV", Kind: "device"})
		addElementTo(sf, &ward.Element{ID: "P-RADIO", Name: "Radio firmware", Kind: "process", Boundary: "TB-RADIO"})
		addFlowTo(sf, &ward.Flow{ID: "F-RADIO-PUMP", From: "P-RADIO", To: "P-PUMP", Protocol: "SPI", Purpose: "command"})
	}},
	{"hospital boundary is neither cloud nor home", "T-THERAPY-REACHABLE", func(sf *ward.SecurityFile) {
		boundaryIn(sf, "TB-HOSP").Kind = "hospital"
	}},

	{"telemetry with controls", "D-ALARM-LOSS", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-TEL", From: "P-PUMP", To: "P-GW", Protocol: "MQTT", Purpose: "telemetry", Controls: []string{"CTL-HEARTBEAT"}})
	}},
	{"telemetry inside the device", "D-ALARM-LOSS", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-TEL", From: "P-PUMP", To: "DS-LOG", Protocol: "flash", Purpose: "telemetry"})
	}},
	{"telemetry from a non-clinical element", "D-ALARM-LOSS", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-TEL", From: "P-GW", To: "P-PUMP", Protocol: "MQTT", Purpose: "telemetry"})
	}},

	{"measurements with a MAC", "T-DIAGNOSIS-DATA", func(sf *ward.SecurityFile) {
		addElementTo(sf, &ward.Element{ID: "P-DX", Name: "Diagnosis engine", Kind: "process", Boundary: "TB-HOSP", Function: "diagnosis"})
		addFlowTo(sf, &ward.Flow{ID: "F-DX", From: "P-GW", To: "P-DX", Protocol: "HL7", Integrity: "mac", Purpose: "data", Data: []string{"DAT-CMD"}})
	}},
	{"command without integrity is T-CLINICAL-CMD's", "T-DIAGNOSIS-DATA", func(sf *ward.SecurityFile) {
		addElementTo(sf, &ward.Element{ID: "P-DX", Name: "Diagnosis engine", Kind: "process", Boundary: "TB-HOSP", Function: "diagnosis"})
		addFlowTo(sf, &ward.Flow{ID: "F-DX", From: "P-GW", To: "P-DX", Protocol: "HL7", Integrity: "none", Purpose: "command", Data: []string{"DAT-CMD"}})
	}},
	{"no clinical data", "T-DIAGNOSIS-DATA", func(sf *ward.SecurityFile) {
		addDataTo(sf, &ward.DataItem{ID: "DAT-CFG", Name: "Settings", Classification: "configuration"})
		addElementTo(sf, &ward.Element{ID: "P-DX", Name: "Diagnosis engine", Kind: "process", Boundary: "TB-HOSP", Function: "diagnosis"})
		addFlowTo(sf, &ward.Flow{ID: "F-DX", From: "P-GW", To: "P-DX", Protocol: "HL7", Purpose: "data", Data: []string{"DAT-CFG"}})
	}},

	{"authenticated upload", "I-PHI-CLOUD-NOAUTH", func(sf *ward.SecurityFile) {
		addCloud(sf)
		addFlowTo(sf, &ward.Flow{ID: "F-GW-CLOUD", From: "P-GW", To: "P-CLOUD", Protocol: "HTTPS", Authentication: "mutual TLS", Purpose: "data", Data: []string{"DAT-PHI"}})
	}},
	{"flow inside the cloud", "I-PHI-CLOUD-NOAUTH", func(sf *ward.SecurityFile) {
		addCloud(sf)
		addElementTo(sf, &ward.Element{ID: "P-CLOUD-WORKER", Name: "Worker", Kind: "process", Boundary: "TB-CLOUD"})
		addFlowTo(sf, &ward.Flow{ID: "F-IN-CLOUD", From: "P-CLOUD-WORKER", To: "P-CLOUD", Protocol: "gRPC", Authentication: "none", Data: []string{"DAT-PHI"}})
	}},

	{"authenticated with unique credentials", "S-DEVICE-IDENTITY", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-PUMP-GW", From: "P-PUMP", To: "P-GW", Protocol: "MQTT", Authentication: "mTLS", Purpose: "telemetry"})
	}},
	{"inside its own boundary", "S-DEVICE-IDENTITY", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-PUMP-LOG", From: "P-PUMP", To: "DS-LOG", Protocol: "flash", Authentication: "none", Purpose: "logging"})
	}},

	{"configuration with a PIN", "T-CONFIG-NOAUTH", func(sf *ward.SecurityFile) {
		addMonitor(sf)
		addFlowTo(sf, &ward.Flow{ID: "F-CFG", From: "EE-NURSE", To: "P-MON", Protocol: "HTTP", Authentication: "PIN", Purpose: "configuration"})
	}},
	{"gateway is not clinical", "T-CONFIG-NOAUTH", func(sf *ward.SecurityFile) {
		addFlowTo(sf, &ward.Flow{ID: "F-CFG", From: "EE-NURSE", To: "P-GW", Protocol: "HTTP", Authentication: "none", Purpose: "configuration"})
	}},

	{"gateway without log", "R-THERAPY-NO-AUDIT", func(sf *ward.SecurityFile) { elementIn(sf, "P-GW").Logging = false }},

	{"backup into an encrypted store", "I-BACKUP-PHI-CLEARTEXT", func(sf *ward.SecurityFile) { addBackup(sf, true) }},
	{"encrypted backup", "I-BACKUP-PHI-CLEARTEXT", func(sf *ward.SecurityFile) {
		addBackup(sf, false)
		flowIn(sf, "F-BAK").Encryption = "AES-256-GCM"
	}},

	{"gateway on the internet", "E-SAFETY-ELEMENT-EXPOSED", func(sf *ward.SecurityFile) { interfaceIn(sf, "IF-GW").Exposure = "internet" }},

	{"USB with smart card", "S-SERVICE-PORT-NOAUTH", func(sf *ward.SecurityFile) {
		addInterfaceTo(sf, &ward.Interface{ID: "IF-USB", Name: "Service USB", Kind: "usb", Protocol: "USB CDC", Direction: "bidirectional",
			Authentication: "challenge-response (smart card)", Encryption: "AES", Exposure: "physical", Element: "P-PUMP"})
	}},
	{"USB on the gateway", "S-SERVICE-PORT-NOAUTH", func(sf *ward.SecurityFile) {
		addInterfaceTo(sf, &ward.Interface{ID: "IF-USB", Name: "Service USB", Kind: "usb", Protocol: "USB CDC", Direction: "bidirectional",
			Authentication: "none", Encryption: "none", Exposure: "physical", Element: "P-GW"})
	}},
}

// TestHealthRulesFire: each rule fires on its unsafe model, once, on the
// expected elements and with the expected Safety, and not on baseModel().
func TestHealthRulesFire(t *testing.T) { runFires(t, healthFires) }

// TestHealthRulesNearMisses: each rule stays silent on models that differ
// from a firing one in the one respect its detection depends on.
func TestHealthRulesNearMisses(t *testing.T) { runMisses(t, healthMisses) }

// TestHealthRulesInfo: every health rule is registered, tested, and
// describes itself fully.
func TestHealthRulesInfo(t *testing.T) { checkRuleInfos(t, healthRules, healthFires, true) }

// TestWeakRemoteAuth pins the reading of free-text authentication.
func TestWeakRemoteAuth(t *testing.T) {
	for _, tc := range []struct {
		auth string
		weak bool
	}{
		{"", true},
		{"none", true},
		{"None (vendor VPN)", true},
		{"password", true},
		{"Service password, rotated yearly", true},
		{"local PIN", true},
		{"HTTP Basic", true},
		{"password + TOTP", false},
		{"password and MFA", false},
		{"passphrase with YubiKey", false},
		{"two-factor (password, SMS code)", false},
		{"Windows logon + smart card PIN", false},
		{"SSH certificate issued per session", false},
		{"mutual TLS", false},
		{"client certificate", false},
		{"pinned server certificate", false},
		{"SSO", false},
		{"API key", false},
		{"nonce-based challenge", false},
	} {
		if got := weakRemoteAuth(tc.auth); got != tc.weak {
			t.Errorf("weakRemoteAuth(%q) = %v, want %v", tc.auth, got, tc.weak)
		}
	}
}

// TestHealthRulesSilentOnBaseModel: the safe baseModel trips no health rule.
func TestHealthRulesSilentOnBaseModel(t *testing.T) {
	m := NewModel(baseModel(), ward.MustDate("2026-11-26"))
	for _, id := range healthRules {
		if r, ok := registry[id]; ok {
			if hits := r.Apply(m); len(hits) != 0 {
				t.Errorf("%s fires on baseModel: %+v", id, hits)
			}
		}
	}
}

// The helpers below mutate baseModel for the health rule tests.

func elementIn(sf *ward.SecurityFile, id string) *ward.Element {
	for _, e := range sf.Architecture.Elements {
		if e.ID == id {
			return e
		}
	}
	panic("no element " + id)
}

func interfaceIn(sf *ward.SecurityFile, id string) *ward.Interface {
	for _, i := range sf.Context.Interfaces {
		if i.ID == id {
			return i
		}
	}
	panic("no interface " + id)
}

func boundaryIn(sf *ward.SecurityFile, id string) *ward.Boundary {
	for _, b := range sf.Architecture.Boundaries {
		if b.ID == id {
			return b
		}
	}
	panic("no boundary " + id)
}

func flowIn(sf *ward.SecurityFile, id string) *ward.Flow { return flow(sf, id) }

func addFlowTo(sf *ward.SecurityFile, f *ward.Flow) {
	sf.Architecture.Flows = append(sf.Architecture.Flows, f)
}

func addElementTo(sf *ward.SecurityFile, e *ward.Element) {
	sf.Architecture.Elements = append(sf.Architecture.Elements, e)
}

func addInterfaceTo(sf *ward.SecurityFile, i *ward.Interface) {
	sf.Context.Interfaces = append(sf.Context.Interfaces, i)
}

func addDataTo(sf *ward.SecurityFile, d *ward.DataItem) {
	sf.Context.Data = append(sf.Context.Data, d)
}

func addItem(sf *ward.SecurityFile, it *ward.SoftwareItem) {
	sf.Components = append(sf.Components, it)
}

// addRemoteService adds the manufacturer's service desk (EE-VENDOR) and a
// remote service flow F-RS from it to the gateway with the given
// authentication and no session indication.
func addRemoteService(sf *ward.SecurityFile, auth string) {
	sf.Architecture.Boundaries = append(sf.Architecture.Boundaries, &ward.Boundary{ID: "TB-MFR", Name: "Manufacturer", Kind: "manufacturer"})
	addElementTo(sf, &ward.Element{ID: "EE-VENDOR", Name: "Service desk", Kind: "external_entity", Boundary: "TB-MFR"})
	addFlowTo(sf, &ward.Flow{ID: "F-RS", From: "EE-VENDOR", To: "P-GW", Protocol: "SSH", Authentication: auth, Encryption: "SSH",
		Integrity: "mac", Purpose: "remote_service"})
}

// addCloud adds a cloud boundary TB-CLOUD with a process P-CLOUD in it.
func addCloud(sf *ward.SecurityFile) {
	sf.Architecture.Boundaries = append(sf.Architecture.Boundaries, &ward.Boundary{ID: "TB-CLOUD", Name: "Vendor cloud", Kind: "cloud"})
	addElementTo(sf, &ward.Element{ID: "P-CLOUD", Name: "Cloud service", Kind: "process", Boundary: "TB-CLOUD", Credentials: "unique", Logging: true})
}

// addMonitor adds a patient monitor P-MON in the hospital network.
func addMonitor(sf *ward.SecurityFile) {
	addElementTo(sf, &ward.Element{ID: "P-MON", Name: "Patient monitor", Kind: "process", Boundary: "TB-HOSP", Function: "monitoring",
		Credentials: "unique", Logging: true})
}

// addBackup adds a backup server store DS-BAK and an unencrypted backup
// flow F-BAK of patient data from the event log to it.
func addBackup(sf *ward.SecurityFile, encryptedAtRest bool) {
	addElementTo(sf, &ward.Element{ID: "DS-BAK", Name: "Backup server", Kind: "data_store", Boundary: "TB-DEV",
		Stores: []string{"DAT-PHI"}, EncryptedAtRest: encryptedAtRest, Backup: true})
	addFlowTo(sf, &ward.Flow{ID: "F-BAK", From: "DS-LOG", To: "DS-BAK", Protocol: "rsync", Encryption: "none", Purpose: "backup", Data: []string{"DAT-PHI"}})
}
