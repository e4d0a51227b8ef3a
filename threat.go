package ward

// Threat is something that can go wrong, and the team's decision on it.
type Threat struct {
	At            Pos      `yaml:"-"`
	ID            string   `yaml:"id" ward:"required,id=threat" doc:"stable ID, e.g. THR-012"`
	Title         string   `yaml:"title" ward:"required"`
	Description   string   `yaml:"description"`
	STRIDE        []string `yaml:"stride" ward:"required" enum:"spoofing,tampering,repudiation,information_disclosure,denial_of_service,elevation_of_privilege"`
	Elements      []string `yaml:"elements" ward:"ref=element|flow|interface|component|data" doc:"model elements, flows, interfaces, software items or data concerned (as a generated threat names them)"`
	Assets        []string `yaml:"assets" ward:"ref=asset"`
	Components    []string `yaml:"components" ward:"ref=component" doc:"software items concerned"`
	AttackVector  string   `yaml:"attack_vector" doc:"how an attacker gets there"`
	Decision      string   `yaml:"decision" enum:"mitigated,accepted,not_applicable,transferred" doc:"what was decided"`
	Controls      []string `yaml:"controls" ward:"ref=control" doc:"for mitigated: the controls that mitigate it"`
	TransferredTo string   `yaml:"transferred_to" enum:"hdo,patient,supplier" doc:"for transferred: who manages it"`
	Rationale     string   `yaml:"rationale" doc:"for accepted, not_applicable or transferred"`
	ApprovedBy    string   `yaml:"approved_by" ward:"ref=person"`
	DecidedAt     Date     `yaml:"decided_at"`
	Source        string   `yaml:"source" doc:"manual, or the rule that generated the threat (rule:RULE-ID); a generated threat's record holds the team's decision on it"`
}

// GeneratedThreat is a threat that a threat-model rule derived from the
// data-flow model. Its ID is derived from the rule and the elements it
// concerns, so unrelated edits of the model never rename it, and the
// team's decision (a Threat record with the same ID) survives regeneration.
type GeneratedThreat struct {
	ID          string   // e.g. "T-CMD-NOINTEGRITY-3f9a2c1b"
	Rule        string   // ID of the rule that fired
	STRIDE      string   // one letter: S, T, R, I, D or E
	Title       string   // plain text naming the elements
	Description string   // why the rule fired here, in the model's terms
	Elements    []string // IDs of the elements, flows, interfaces or data it concerns, sorted
	Assets      []string // asset IDs at stake, sorted
	CWE         []string // e.g. "CWE-319"
	Controls    []string // suggested controls, plain text
	Safety      bool     // the worst outcome involves patient harm (therapy, diagnosis, safety-relevant asset)
}
