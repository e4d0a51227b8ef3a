package ward

// Threat is something that can go wrong, and the team's decision on it.
type Threat struct {
	At           Pos      `yaml:"-"`
	ID           string   `yaml:"id" ward:"required,id=threat" doc:"stable ID, e.g. THR-012"`
	Title        string   `yaml:"title" ward:"required"`
	Description  string   `yaml:"description"`
	STRIDE       []string `yaml:"stride" ward:"required" enum:"spoofing,tampering,repudiation,information_disclosure,denial_of_service,elevation_of_privilege"`
	Elements     []string `yaml:"elements" ward:"ref=element|flow|interface" doc:"model elements, flows or interfaces concerned"`
	Assets       []string `yaml:"assets" ward:"ref=asset"`
	Components   []string `yaml:"components" ward:"ref=component" doc:"software items concerned"`
	AttackVector string   `yaml:"attack_vector" doc:"how an attacker gets there"`
	Decision     string   `yaml:"decision" enum:"mitigated,accepted,not_applicable,transferred" doc:"what was decided"`
	Rationale    string   `yaml:"rationale" doc:"for accepted, not_applicable or transferred"`
	ApprovedBy   string   `yaml:"approved_by" ward:"ref=person"`
	Source       string   `yaml:"source" doc:"manual, or the rule that generated the threat"`
}
