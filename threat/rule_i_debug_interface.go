package threat

import "fmt"

// debugInterface: a debug or service interface is enabled by default.
type debugInterface struct{}

func init() { register(debugInterface{}) }

func (debugInterface) Info() RuleInfo {
	return RuleInfo{
		ID:     "I-DEBUG-INTERFACE",
		Title:  "A debug or service interface is enabled by default",
		STRIDE: "I",
		CWE:    []string{"CWE-1191", "CWE-1244"},
		Detection: "An interface has enabled_by_default true and its kind is jtag or serial (on any element), or " +
			"usb on an element of kind process. Its authentication is not considered: debug access usually bypasses " +
			"the application's controls, and a shipped-enabled port is the finding.",
		FalsePositives: "A USB port whose only function is charging or a removable-media import that the model " +
			"judges elsewhere, or a serial console that needs the enclosure opened and is authenticated by a " +
			"per-device credential: record the decision with the physical protection and the authentication.",
		Controls: []string{"Disable or fuse debug ports in production", "Require authenticated debug (per-device debug certificates)",
			"Enable service interfaces only in a service mode entered locally"},
	}
}

func (debugInterface) Apply(m *Model) []Hit {
	var hits []Hit
	for _, i := range m.Interfaces {
		if !i.EnabledByDefault {
			continue
		}
		switch i.Kind {
		case "jtag", "serial":
		case "usb":
			if e := m.Element(i.Element); e == nil || e.Kind != "process" {
				continue
			}
		default:
			continue
		}
		on := ""
		if i.Element != "" {
			on = " on " + m.name(i.Element)
		}
		hits = append(hits, Hit{
			Elements: []string{i.ID},
			Assets:   assetUnion(m.elementAssets(i.Element), m.assetsOfData(i.Data)),
			Title:    fmt.Sprintf("Debug or service interface enabled by default: %s", i.Name),
			Description: fmt.Sprintf("Interface %s (%s)%s is enabled as shipped: with physical access, it can expose "+
				"firmware, keys and memory, and often gives control beyond the application's own checks.", i.ID, i.Kind, on),
			Safety: i.Element != "" && m.harmsPatient(i.Element),
		})
	}
	return hits
}
