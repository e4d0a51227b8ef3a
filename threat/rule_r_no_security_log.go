package threat

import (
	"fmt"

	"github.com/wardhq/ward"
)

// noSecurityLog: a process accepts commands, configuration, updates,
// remote service or logins and records no security events, so misuse
// leaves no trace.
type noSecurityLog struct{}

func init() { register(noSecurityLog{}) }

// securityEventPurposes are the flow purposes whose receipt is a security
// event (ward.Element's security_logging: configuration changes,
// failures). Authentication is left out: its receivers are mostly identity
// providers and key stores, which log elsewhere or cannot.
var securityEventPurposes = []string{"command", "configuration", "remote_service", "update"}

func (noSecurityLog) Info() RuleInfo {
	return RuleInfo{
		ID:     "R-NO-SECURITY-LOG",
		Title:  "A process that accepts commands or configuration records no security events",
		STRIDE: "R",
		CWE:    []string{"CWE-778", "CWE-223"},
		Detection: "An element of kind process has security_logging false and receives at least one flow whose " +
			"purpose is command, configuration, update or remote_service. Processes that " +
			"R-THERAPY-NO-AUDIT already judges (therapy without logging) are left to it.",
		FalsePositives: "A process whose sender records every command it sends and the receiver's answer, where " +
			"nothing else can reach the receiver: record the decision as mitigated, naming the sender's log. Small " +
			"devices that forward their events to a logging element should show that flow and set security_logging.",
		Controls: []string{"Record security events (logins, commands, configuration changes, update results, failures) with time and origin",
			"Protect the log against alteration and forward it to the HDO SIEM"},
	}
}

func (noSecurityLog) Apply(m *Model) []Hit {
	judged := m.judgedBy("R-THERAPY-NO-AUDIT")
	into := m.flowsInto()
	var hits []Hit
	for _, e := range m.Elements {
		if e.Kind != "process" || e.Logging || judged[e.ID] {
			continue
		}
		var in []*ward.Flow
		for _, f := range into[e.ID] {
			if contains(securityEventPurposes, f.Purpose) {
				in = append(in, f)
			}
		}
		if len(in) == 0 {
			continue
		}
		hits = append(hits, Hit{
			Elements: []string{e.ID},
			Assets:   m.elementAssets(e.ID),
			Title:    fmt.Sprintf("No security event log: %s", e.Name),
			Description: fmt.Sprintf("%s acts on security-relevant input (flows %s) but has no security_logging: "+
				"who did what, and failed attempts, cannot be reconstructed after an incident.", e.Name, flowIDs(in)),
		})
	}
	return hits
}
