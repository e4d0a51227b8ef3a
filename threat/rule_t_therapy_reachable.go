package threat

import "fmt"

// therapyReachable: a therapy element takes flows directly from the cloud,
// a home network or an internet-exposed element.
type therapyReachable struct{}

func init() { register(therapyReachable{}) }

func (therapyReachable) Info() RuleInfo {
	return RuleInfo{
		ID:     "T-THERAPY-REACHABLE",
		Title:  "A therapy element is directly reachable from the cloud, a home network or the internet",
		STRIDE: "T",
		CWE:    []string{"CWE-923", "CWE-668"},
		Detection: "A flow ends at an element whose function is therapy and starts at an element that sits in a " +
			"boundary of kind cloud or home (at any level of its boundary path; not when both ends share a boundary " +
			"nested inside that one, such as two parts of one home-use device) or whose exposure is internet; " +
			"no element of the product mediates in between.",
		FalsePositives: "The sender is a dedicated controller paired with the therapy device (a home-use pump's own " +
			"handset) and every command is confirmed on the device; or the flow carries only data the device validates " +
			"against hard limits: record the pairing, confirmation or limits as controls and the threat as mitigated.",
		Controls: []string{
			"Put a hardened gateway between the therapy element and untrusted networks, and accept only its messages",
			"Authenticate and authorise every message at the therapy element itself",
			"Enforce safety limits on the device, independent of the sender",
		},
		Health: true,
	}
}

func (therapyReachable) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		to := m.Element(f.To)
		if to == nil || to.Function != "therapy" || f.From == f.To {
			continue
		}
		var where string
		if b := m.boundaryOfKind(f.From, "cloud", "home"); b != nil && !m.sameZoneWithin(f.From, f.To, b.ID) {
			where = fmt.Sprintf("sits in %s (%s)", b.Name, b.Kind)
		} else if m.Exposure(f.From) == "internet" {
			where = "is exposed to the internet"
		} else {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID, to.ID},
			Assets:   m.SafetyAssets(to.ID),
			Title:    fmt.Sprintf("Therapy element %s reachable from %s: %s", to.Name, m.name(f.From), m.flowTitle(f)),
			Description: fmt.Sprintf("%s, which performs therapy, receives flow %s directly from %s, which %s: a "+
				"compromise there reaches therapy delivery with no product element in between.", to.Name, f.ID, m.name(f.From), where),
			Safety: true,
		})
	}
	return hits
}

// sameZoneWithin reports whether two elements share a boundary that lies
// strictly inside boundary outer on from's path: they are parts of one
// device or zone within the cloud or home, not separate systems there.
func (m *Model) sameZoneWithin(from, to, outer string) bool {
	toPath := m.BoundaryPath(to)
	for _, b := range m.BoundaryPath(from) {
		if b == outer {
			return false
		}
		if contains(toPath, b) {
			return true
		}
	}
	return false
}
