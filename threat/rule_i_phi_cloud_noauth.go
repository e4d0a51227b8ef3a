package threat

import "fmt"

// phiCloudNoAuth: personal data enters a cloud boundary on an
// unauthenticated flow.
type phiCloudNoAuth struct{}

func init() { register(phiCloudNoAuth{}) }

func (phiCloudNoAuth) Info() RuleInfo {
	return RuleInfo{
		ID:     "I-PHI-CLOUD-NOAUTH",
		Title:  "Personal health data enters a cloud service without authentication",
		STRIDE: "I",
		CWE:    []string{"CWE-306", "CWE-359"},
		Detection: "A flow carries a data item classified phi or pii (or marked personal_health_data), ends at an " +
			"element inside a boundary of kind cloud, starts outside that boundary, and its authentication is none " +
			"(empty, none, or text starting with the word none).",
		FalsePositives: "Both ends are authenticated on a layer the flow's text does not name (TLS with a pinned server " +
			"certificate plus signed payloads): name it in the flow's authentication. Data the patient deliberately " +
			"sends to a public service is not the manufacturer's flow and belongs outside the model.",
		Controls: []string{
			"Authenticate every sender (device certificate, OAuth client credentials) before accepting data",
			"Authorise each request to the patient records it may touch",
		},
		Health: true,
	}
}

func (phiCloudNoAuth) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		if !saysNone(f.Authentication) {
			continue
		}
		cloud := m.boundaryOfKind(f.To, "cloud")
		if cloud == nil || contains(m.BoundaryPath(f.From), cloud.ID) {
			continue
		}
		data := m.personalData(f)
		if len(data) == 0 {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   assetUnion(m.flowAssets(f), m.elementAssets(f.To)),
			Title:    fmt.Sprintf("Personal data sent to the cloud without authentication: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s carries %s into %s (%s) with no authentication: the sender cannot tell the "+
				"real service from an impostor it is redirected to, and the service cannot tell whose data it receives.",
				f.ID, dataNames(data), cloud.Name, m.name(f.To)),
		})
	}
	return hits
}
