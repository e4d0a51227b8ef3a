package ward

import (
	"fmt"
	"time"
)

// VEXStatus is stored as text: adding a status never renumbers stored rows.
type VEXStatus string

const (
	VEXNotAffected        VEXStatus = "not_affected"
	VEXAffected           VEXStatus = "affected"
	VEXFixed              VEXStatus = "fixed"
	VEXUnderInvestigation VEXStatus = "under_investigation"
)

// Values lists the allowed statuses, for schemas and messages.
func (VEXStatus) Values() []string {
	return []string{"not_affected", "affected", "fixed", "under_investigation"}
}

func (s *VEXStatus) UnmarshalText(b []byte) error {
	switch v := VEXStatus(b); v {
	case VEXNotAffected, VEXAffected, VEXFixed, VEXUnderInvestigation:
		*s = v
		return nil
	}
	return fmt.Errorf("unknown VEX status %q (want not_affected, affected, fixed or under_investigation)", b)
}

// VEXJustification is why a product is not affected (the CISA / OpenVEX set).
type VEXJustification string

const (
	VEXComponentNotPresent            VEXJustification = "component_not_present"
	VEXVulnerableCodeNotPresent       VEXJustification = "vulnerable_code_not_present"
	VEXVulnerableCodeNotInExecutePath VEXJustification = "vulnerable_code_not_in_execute_path"
	VEXCodeCannotBeControlled         VEXJustification = "vulnerable_code_cannot_be_controlled_by_adversary"
	VEXInlineMitigationsExist         VEXJustification = "inline_mitigations_already_exist"
)

// Values lists the allowed justifications, for schemas and messages.
func (VEXJustification) Values() []string {
	return []string{"component_not_present", "vulnerable_code_not_present", "vulnerable_code_not_in_execute_path",
		"vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist"}
}

func (j *VEXJustification) UnmarshalText(b []byte) error {
	for _, v := range j.Values() {
		if string(b) == v {
			*j = VEXJustification(v)
			return nil
		}
	}
	return fmt.Errorf("unknown VEX justification %q (want one of component_not_present, vulnerable_code_not_present, vulnerable_code_not_in_execute_path, vulnerable_code_cannot_be_controlled_by_adversary, inline_mitigations_already_exist)", b)
}

// VEXStatement is one decision about one vulnerability in one product or
// component. It applies to the vulnerability *and* the component it names,
// never by vulnerability ID alone.
type VEXStatement struct {
	Vulnerability   string   // advisory ID or alias, e.g. "CVE-2021-3177"
	Product         string   // purl, CPE or bom-ref of the product the statement is about
	Components      []string // purls / refs of the affected subcomponents; empty = the product itself
	Status          VEXStatus
	Justification   VEXJustification // required for not_affected unless ImpactStatement is set
	ImpactStatement string
	ActionStatement string // what to do, for affected
	Timestamp       time.Time
	Author          string
	Source          string // file (and place) the statement was read from
}
