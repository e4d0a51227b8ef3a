package threat

import "fmt"

// exposedNoControls: a flow arrives at a process through an
// internet-exposed interface and no control protects it (no rate limit,
// filter or gateway), so the process can be flooded.
type exposedNoControls struct{}

func init() { register(exposedNoControls{}) }

func (exposedNoControls) Info() RuleInfo {
	return RuleInfo{
		ID:     "D-EXPOSED-NO-CONTROLS",
		Title:  "An internet-exposed process has no control against flooding",
		STRIDE: "D",
		CWE:    []string{"CWE-400", "CWE-770"},
		Detection: "A flow names an interface whose exposure is internet, ends at an element of kind process, is " +
			"inbound on that interface (the interface's element is the flow's receiver, or it names no element and " +
			"its direction is not outbound), and lists no controls. Flows D-ALARM-LOSS already judges are left to it.",
		FalsePositives: "Protection that sits in front of the process but is not modelled as a control on the flow " +
			"(a cloud provider's DDoS protection, an API gateway): add it to the flow's controls.",
		Controls: []string{"Rate-limit and size-limit requests per client", "Put a DDoS-protected front end or API gateway before the process",
			"Keep the clinical function independent of the internet-facing service"},
	}
}

func (exposedNoControls) Apply(m *Model) []Hit {
	judged := m.judgedBy("D-ALARM-LOSS")
	var hits []Hit
	for _, f := range m.Flows {
		_, to, ok := m.endsOf(f)
		i := m.Interface(f.Interface)
		if !ok || i == nil || i.Exposure != "internet" || to.Kind != "process" || len(f.Controls) > 0 || judged[f.ID] {
			continue
		}
		if !(i.Element == to.ID || i.Element == "" && i.Direction != "outbound") {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   m.elementAssets(to.ID),
			Title:    fmt.Sprintf("Internet-exposed flow without controls: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s reaches %s from the internet through %s with no controls listed: a flood "+
				"of requests can exhaust it and stop the service it gives.", f.ID, to.Name, i.Name),
			Safety: m.harmsPatient(to.ID),
		})
	}
	return hits
}
