package threat

import "fmt"

// exposedNotHardened: a process reachable from the hospital LAN or the
// internet is not hardened, so its unneeded services, ports and accounts
// are open to whoever reaches it.
type exposedNotHardened struct{}

func init() { register(exposedNotHardened{}) }

func (exposedNotHardened) Info() RuleInfo {
	return RuleInfo{
		ID:     "E-EXPOSED-NOT-HARDENED",
		Title:  "A network-exposed process is not hardened",
		STRIDE: "E",
		CWE:    []string{"CWE-1188", "CWE-250"},
		Detection: "An element of kind process has hardened false, and others can reach it from the internet or the " +
			"hospital_lan: an interface it exposes (interface.element), or an interface without an element that a flow " +
			"into it uses, has that exposure. Interfaces of servers it only connects to do not count.",
		FalsePositives: "A process that runs on a platform hardened by someone else (a managed cloud service, an " +
			"appliance OS whose baseline the HDO owns): set hardened if a documented baseline applies, or record the " +
			"decision as transferred to the owner of the platform.",
		Controls: []string{"Harden per a documented baseline (CIS benchmark, vendor guide): remove unneeded services, ports and accounts",
			"Run the process with least privilege", "Verify the baseline in release testing"},
	}
}

func (exposedNotHardened) Apply(m *Model) []Hit {
	reach := m.reachableExposures()
	var hits []Hit
	for _, e := range m.Elements {
		if e.Kind != "process" || e.Hardened {
			continue
		}
		exp := reach[e.ID]
		if exp != "internet" && exp != "hospital_lan" {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{e.ID},
			Assets:   m.elementAssets(e.ID),
			Title:    fmt.Sprintf("Exposed process not hardened: %s", e.Name),
			Description: fmt.Sprintf("%s is reachable from the %s and not hardened: default services, ports and "+
				"accounts give an attacker more ways in and more privilege once inside.", e.Name,
				exposurePlace(exp)),
			Safety: m.harmsPatient(e.ID),
		})
	}
	return hits
}
