package threat

import "fmt"

// logPersonal: logs or telemetry carry personal data.
type logPersonal struct{}

func init() { register(logPersonal{}) }

func (logPersonal) Info() RuleInfo {
	return RuleInfo{
		ID:     "I-LOG-PERSONAL",
		Title:  "Logs or telemetry carry personal health data",
		STRIDE: "I",
		CWE:    []string{"CWE-532", "CWE-359"},
		Detection: "A flow has purpose logging or telemetry and carries a data item classified phi or pii (or marked " +
			"personal_health_data).",
		FalsePositives: "The data is pseudonymised or aggregated before it leaves the sender: model the data item sent " +
			"with its real classification. Telemetry that is itself the clinical data (remote patient monitoring) is " +
			"intended: record the threat as not applicable and protect the flow as a clinical data flow.",
		Controls: []string{
			"Keep personal data out of logs and telemetry, or pseudonymise it at the source",
			"Restrict and time-limit access to log stores; set retention",
		},
		Health: true,
	}
}

func (logPersonal) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		if f.Purpose != "logging" && f.Purpose != "telemetry" {
			continue
		}
		data := m.personalData(f)
		if len(data) == 0 {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   m.flowAssets(f),
			Title:    fmt.Sprintf("Personal data in %s: %s", f.Purpose, m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s (%s) carries %s to %s: logs and telemetry are read, kept and shared more "+
				"widely than clinical records, and seldom with the same protection.", f.ID, f.Purpose, dataNames(data), m.name(f.To)),
		})
	}
	return hits
}
