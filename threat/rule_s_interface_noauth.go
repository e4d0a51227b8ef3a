package threat

import "fmt"

// interfaceNoAuth: a product interface reachable other than physically
// accepts peers without authentication.
type interfaceNoAuth struct{}

func init() { register(interfaceNoAuth{}) }

func (interfaceNoAuth) Info() RuleInfo {
	return RuleInfo{
		ID:     "S-INTERFACE-NOAUTH",
		Title:  "An interface reachable over a network accepts unauthenticated peers",
		STRIDE: "S",
		CWE:    []string{"CWE-306"},
		Detection: "An interface's exposure is not physical (internet, hospital_lan, local, or unset), its direction " +
			"is inbound, bidirectional or unset (peers connect to the product), and its authentication says none (empty, " +
			"none, or text starting with the word none). Outbound-only interfaces are left to S-SPOOFED-SERVER, which " +
			"judges their flows; service ports S-SERVICE-PORT-NOAUTH judges are left to it.",
		FalsePositives: "Interfaces that serve only public data (a discovery beacon, a time service) or whose " +
			"protocol has no authentication and whose justification says why that is acceptable: record the decision " +
			"as accepted, citing the justification and the isolation the HDO provides.",
		Controls: []string{"Authenticate every peer (mutual TLS, per-device credentials, user login)",
			"Disable the interface by default where it is not needed",
			"Restrict peers by network segmentation documented for the HDO"},
	}
}

func (interfaceNoAuth) Apply(m *Model) []Hit {
	judged := m.judgedBy("S-SERVICE-PORT-NOAUTH")
	var hits []Hit
	for _, i := range m.Interfaces {
		if i.Exposure == "physical" || i.Direction == "outbound" || !saysNone(i.Authentication) || judged[i.ID] {
			continue
		}
		exposure := i.Exposure
		if exposure == "" {
			exposure = "unknown"
		}
		hits = append(hits, Hit{
			Elements: []string{i.ID},
			Assets:   assetUnion(m.elementAssets(i.Element), m.assetsOfData(i.Data)),
			Title:    fmt.Sprintf("Unauthenticated interface: %s", i.Name),
			Description: fmt.Sprintf("Interface %s (%s, exposure %s) accepts peers without authentication: anyone who "+
				"can reach it can pose as a legitimate peer of %s.", i.ID, i.Protocol, exposure, m.name(i.Element)),
			Safety: i.Element != "" && m.harmsPatient(i.Element),
		})
	}
	return hits
}
