package threat

import "fmt"

// servicePortNoAuth: a USB, serial or JTAG port of a therapy element asks
// for no authentication.
type servicePortNoAuth struct{}

func init() { register(servicePortNoAuth{}) }

func (servicePortNoAuth) Info() RuleInfo {
	return RuleInfo{
		ID:     "S-SERVICE-PORT-NOAUTH",
		Title:  "A service or debug port of a therapy element is open to anyone with physical access",
		STRIDE: "S",
		CWE:    []string{"CWE-1191", "CWE-306"},
		Detection: "An interface of kind usb, serial or jtag belongs to an element (interface.element) whose function is " +
			"therapy, and its authentication is none (empty, none, or text starting with the word none).",
		FalsePositives: "The port is disabled or fused off in production units and exists only on development boards: " +
			"remove it from the production model or set enabled_by_default false and record how it is disabled. A USB " +
			"port used only for charging carries no data: model it as such or record not applicable.",
		Controls: []string{
			"Disable or lock debug ports (JTAG/SWD) in production",
			"Authenticate service tools with a per-technician credential before accepting commands",
			"Accept only signed files from removable media",
		},
		Health: true,
	}
}

func (servicePortNoAuth) Apply(m *Model) []Hit {
	var hits []Hit
	for _, i := range m.Interfaces {
		if i.Kind != "usb" && i.Kind != "serial" && i.Kind != "jtag" {
			continue
		}
		e := m.Element(i.Element)
		if e == nil || e.Function != "therapy" || !saysNone(i.Authentication) {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{i.ID, e.ID},
			Assets:   m.SafetyAssets(e.ID),
			Title:    fmt.Sprintf("Unauthenticated %s port %s on %s", i.Kind, i.Name, e.Name),
			Description: fmt.Sprintf("Interface %s (%s) of %s, which performs therapy, accepts connections without "+
				"authentication: anyone with brief physical access can read or change firmware, configuration or "+
				"therapy settings.", i.ID, i.Kind, e.Name),
			Safety: true,
		})
	}
	return hits
}
