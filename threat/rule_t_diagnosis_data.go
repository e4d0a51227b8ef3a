package threat

import (
	"fmt"

	"github.com/wardhq/ward"
)

// diagnosisData: clinical data reaches a diagnosis element without
// integrity protection.
type diagnosisData struct{}

func init() { register(diagnosisData{}) }

func (diagnosisData) Info() RuleInfo {
	return RuleInfo{
		ID:     "T-DIAGNOSIS-DATA",
		Title:  "Clinical data feeding a diagnosis can be altered in transit",
		STRIDE: "T",
		CWE:    []string{"CWE-345", "CWE-924"},
		Detection: "A flow carries a data item classified clinical or phi (or marked personal_health_data) to an element " +
			"whose function is diagnosis, and its integrity is none, empty or checksum (a checksum detects accidents, " +
			"not tampering). Command and configuration flows with no integrity at all are left to T-CLINICAL-CMD.",
		FalsePositives: "The data is signed at its source and the diagnosis element verifies the signature, though the " +
			"flow does not say so: set integrity signature. Both ends run in one process or on one board the model " +
			"shows as separate elements: record not applicable.",
		Controls: []string{
			"Protect the data with a MAC or signature from its source, or at least authenticated TLS",
			"Check plausibility of measurements before they enter a diagnosis",
		},
		Health: true,
	}
}

func (diagnosisData) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		to := m.Element(f.To)
		if to == nil || to.Function != "diagnosis" {
			continue
		}
		if !IsNone(f.Integrity) && f.Integrity != "checksum" {
			continue
		}
		if (f.Purpose == "command" || f.Purpose == "configuration") && IsNone(f.Integrity) {
			continue // T-CLINICAL-CMD reports it
		}
		var data []*ward.DataItem
		for _, d := range m.FlowData(f) {
			if isHealthData(d) {
				data = append(data, d)
			}
		}
		if len(data) == 0 {
			continue
		}
		integrity := f.Integrity
		if IsNone(integrity) {
			integrity = "none"
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID, to.ID},
			Assets:   assetUnion(m.SafetyAssets(to.ID), m.flowAssets(f)),
			Title:    fmt.Sprintf("Diagnosis input can be altered: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s carries %s to %s, which performs diagnosis, with integrity %s: altered "+
				"values lead to a wrong diagnosis and treatment.", f.ID, dataNames(data), to.Name, integrity),
			Safety: true,
		})
	}
	return hits
}
