package threat

import "fmt"

// therapyNoAudit: a therapy element keeps no security log.
type therapyNoAudit struct{}

func init() { register(therapyNoAudit{}) }

func (therapyNoAudit) Info() RuleInfo {
	return RuleInfo{
		ID:        "R-THERAPY-NO-AUDIT",
		Title:     "Changes to therapy cannot be attributed: no security log",
		STRIDE:    "R",
		CWE:       []string{"CWE-778", "CWE-223"},
		Detection: "An element whose function is therapy has security_logging false.",
		FalsePositives: "Another element records every change to the therapy with the user's identity (a gateway or " +
			"server through which all programming passes, with no local path around it): record that element's log " +
			"as the control and the threat as mitigated.",
		Controls: []string{
			"Log every change to therapy parameters, configuration and software with time, source and user",
			"Protect the log against alteration and forward it to the HDO's SIEM",
			"Describe the log's location, format and retention in the labeling",
		},
		Health: true,
	}
}

func (therapyNoAudit) Apply(m *Model) []Hit {
	var hits []Hit
	for _, e := range m.Elements {
		if e.Function != "therapy" || e.Logging {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{e.ID},
			Assets:   m.SafetyAssets(e.ID),
			Title:    fmt.Sprintf("Changes to %s are not logged", e.Name),
			Description: fmt.Sprintf("%s (%s) performs therapy without security logging: a changed dose or program cannot "+
				"be attributed to a user, told apart from a device fault, or investigated after an incident.", e.Name, e.ID),
			Safety: true,
		})
	}
	return hits
}
