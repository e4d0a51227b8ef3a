package threat

import "fmt"

// remoteSessionHidden: a remote service session is not shown on the device.
type remoteSessionHidden struct{}

func init() { register(remoteSessionHidden{}) }

func (remoteSessionHidden) Info() RuleInfo {
	return RuleInfo{
		ID:     "I-REMOTE-SESSION-HIDDEN",
		Title:  "Remote service sessions run unnoticed by clinical staff",
		STRIDE: "I",
		CWE:    []string{"CWE-356", "CWE-359"},
		Detection: "A flow has purpose remote_service, its session_indication is false, and it ends at a process or " +
			"data store of the product (not at an external entity, where the product cannot show anything).",
		FalsePositives: "The receiving element has no user interface (a headless server) and active sessions are shown " +
			"on the HDO's console or announced to the HDO by another means: record that as the control and the threat " +
			"as mitigated.",
		Controls: []string{
			"Show an active remote session on the device's display (banner or icon) for its whole duration",
			"Let local staff see who is connected and end the session",
			"Log session start and end with the technician's identity",
		},
		Health: true,
	}
}

func (remoteSessionHidden) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		to := m.Element(f.To)
		if f.Purpose != "remote_service" || f.SessionIndication || to == nil || to.Kind == "external_entity" {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   m.elementAssets(to.ID),
			Title:    fmt.Sprintf("Remote session not shown on %s: %s", to.Name, m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s opens remote service sessions on %s without session_indication: staff at the "+
				"device cannot see that someone is viewing patient data or changing settings remotely, nor stop it.", f.ID, to.Name),
		})
	}
	return hits
}
