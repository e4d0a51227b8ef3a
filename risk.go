package ward

// Risk is a security risk: a threat's exploitability and impact, evaluated
// against the manufacturer's criteria before and after controls (7.3).
type Risk struct {
	At            Pos        `yaml:"-"`
	ID            string     `yaml:"id" ward:"required,id=risk" doc:"e.g. RSK-004"`
	Title         string     `yaml:"title"`
	Threats       []string   `yaml:"threats" ward:"required,ref=threat"`
	Method        string     `yaml:"method" ward:"required" doc:"scoring method, e.g. CVSS 3.1 with the MITRE medical-device rubric"`
	Pre           *RiskScore `yaml:"pre" ward:"required" doc:"risk before controls"`
	Post          *RiskScore `yaml:"post" doc:"residual risk after controls"`
	Controls      []string   `yaml:"controls" ward:"ref=control"`
	Acceptable    *bool      `yaml:"acceptable" doc:"residual risk is acceptable under the criterion"`
	Criterion     string     `yaml:"criterion" ward:"ref=criterion" doc:"acceptance criterion from the policy"`
	ApprovedBy    string     `yaml:"approved_by" ward:"ref=person"`
	SafetyImpact  bool       `yaml:"safety_impact" doc:"can affect patient safety or essential performance"`
	Hazards       []string   `yaml:"hazards" doc:"hazard IDs in the ISO 14971 risk file"`
	HarmSeverity  string     `yaml:"harm_severity" enum:"negligible,minor,serious,critical,catastrophic" doc:"severity of the worst patient harm, for the safety risk file"`
	TransferredTo string     `yaml:"transferred_to" enum:"hdo,patient,none" doc:"who must manage the residual risk"`
	InLabeling    bool       `yaml:"in_labeling" doc:"the residual risk is disclosed in the accompanying documents"`
	Rationale     string     `yaml:"rationale"`
}

// RiskScore is one estimate of a risk.
type RiskScore struct {
	At             Pos               `yaml:"-"`
	CVSS           string            `yaml:"cvss" doc:"CVSS vector, e.g. CVSS:3.1/AV:A/AC:L/…"`
	Score          float64           `yaml:"score" doc:"numeric score"`
	Severity       string            `yaml:"severity" ward:"required" enum:"critical,high,medium,low,none"`
	Exploitability string            `yaml:"exploitability" doc:"row of the policy's risk matrix, e.g. high"`
	Harm           string            `yaml:"harm" doc:"column of the policy's risk matrix: severity of harm, e.g. serious"`
	Rubric         map[string]string `yaml:"rubric" doc:"answers to the MITRE medical-device rubric questions the vector was derived from"`
}

// Control is a risk control (7.4).
type Control struct {
	At               Pos      `yaml:"-"`
	ID               string   `yaml:"id" ward:"required,id=control" doc:"e.g. CTL-007"`
	Title            string   `yaml:"title" ward:"required"`
	Kind             string   `yaml:"kind" ward:"required" enum:"design,protective,information" doc:"inherent design, protective measure, or information for safety"`
	Requirements     []string `yaml:"requirements" ward:"ref=requirement"`
	Implementation   []string `yaml:"implementation" doc:"where it is implemented: paths, modules, documents"`
	NewRisksAssessed bool     `yaml:"new_risks_assessed" doc:"checked that the control introduces no new risk"`
	Justification    string   `yaml:"justification" doc:"for information-only controls: why design measures were not feasible"`
	LastReview       string   `yaml:"last_review" ward:"ref=review" doc:"post-market review of its effectiveness (7.5)"`
}
