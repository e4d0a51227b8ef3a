package ward

// Policy holds the manufacturer's parameters that the rules apply. Every
// field has a default (see DefaultPolicy) so a security file may omit it.
type Policy struct {
	At                   Pos                 `yaml:"-"`
	DocReviewMonths      int                 `yaml:"doc_review_months" doc:"process documents are reviewed at least this often (default 24)"`
	TrainingMonths       int                 `yaml:"training_months" doc:"security training interval (default 12)"`
	SupplierReevalMonths int                 `yaml:"supplier_reevaluation_months" doc:"supplier re-evaluation interval (default 24)"`
	ImprovementMonths    int                 `yaml:"improvement_review_months" doc:"process improvement review interval (default 12)"`
	DefectReviewMonths   int                 `yaml:"defect_management_review_months" doc:"review of defect management (default 12)"`
	AccessReviewDays     int                 `yaml:"access_review_days" doc:"access review of the development environment (default 90)"`
	MonitoringDays       int                 `yaml:"monitoring_days" doc:"maximum days between monitoring runs (default 7)"`
	VulnDBMaxAgeDays     int                 `yaml:"vulndb_max_age_days" doc:"maximum age of vulnerability data used at release (default 7)"`
	PentestMaxAgeMonths  int                 `yaml:"pentest_max_age_months" doc:"maximum age of the penetration test (default 12)"`
	MinRemainingSupport  int                 `yaml:"min_remaining_support_months" doc:"components must be supported this long after release (default 12)"`
	ControlReviewMonths  int                 `yaml:"control_review_months" doc:"post-market review of control effectiveness (default 12)"`
	RetestMonths         int                 `yaml:"retest_months" doc:"post-release security re-testing interval (default 12)"`
	AckDays              int                 `yaml:"ack_days" doc:"acknowledge external reports within (default 5)"`
	TriageDays           map[string]int      `yaml:"triage_days" doc:"triage within, per severity"`
	FixDays              map[string]int      `yaml:"fix_days" doc:"fix or mitigate within, per severity"`
	DisclosureDays       int                 `yaml:"disclosure_days" doc:"publish an advisory within this many days of the fix (default 30)"`
	SASTBlockLevel       string              `yaml:"sast_block_level" enum:"critical,high,medium,low" doc:"static-analysis findings at or above block a release (default high)"`
	HighSeverity         float64             `yaml:"high_score" doc:"pre-control score from which a bypass test is required (default 7.0)"`
	Independence         map[string]string   `yaml:"independence" doc:"required tester independence per test kind: person, team, department or organisation (Table A.1)"`
	Criteria             []*Criterion        `yaml:"acceptance_criteria" doc:"risk acceptance criteria"`
	Competencies         map[string][]string `yaml:"competency_matrix" doc:"competencies required per activity (clause number → competencies)"`
	ScanTargets          []string            `yaml:"scan_targets" doc:"hosts or IP addresses besides loopback that ward verify ports may scan (test benches the manufacturer owns)"`
	RiskMatrix           *RiskMatrix         `yaml:"risk_matrix" doc:"security risk matrix: exploitability × severity of harm → risk level, and which levels are acceptable"`
}

// RiskMatrix maps exploitability and severity of harm to a risk level. It
// is the manufacturer's policy: ward only applies it.
type RiskMatrix struct {
	At             Pos                 `yaml:"-"`
	Exploitability []string            `yaml:"exploitability" ward:"required" doc:"rows, least to most exploitable, e.g. [very_low, low, medium, high]"`
	Harm           []string            `yaml:"harm" ward:"required" doc:"columns, least to most severe, e.g. [negligible, minor, serious, critical, catastrophic]"`
	Levels         map[string][]string `yaml:"levels" ward:"required" doc:"per exploitability row, the risk level in each harm column"`
	Acceptable     []string            `yaml:"acceptable" ward:"required" doc:"risk levels that are acceptable without further control"`
}

// Level returns the risk level for an exploitability row and a harm
// column, or "" when either is not in the matrix.
func (m *RiskMatrix) Level(exploitability, harm string) string {
	if m == nil {
		return ""
	}
	row := m.Levels[exploitability]
	for i, h := range m.Harm {
		if h == harm && i < len(row) {
			return row[i]
		}
	}
	return ""
}

// IsAcceptable reports whether a risk level is acceptable under the matrix.
func (m *RiskMatrix) IsAcceptable(level string) bool {
	if m == nil {
		return false
	}
	for _, a := range m.Acceptable {
		if a == level {
			return true
		}
	}
	return false
}

// Criterion is a risk acceptance criterion.
type Criterion struct {
	At          Pos    `yaml:"-"`
	ID          string `yaml:"id" ward:"required,id=criterion"`
	Description string `yaml:"description" ward:"required"`
	MaxResidual string `yaml:"max_residual" ward:"required" enum:"critical,high,medium,low,none" doc:"highest residual severity the criterion accepts"`
}

// DefaultPolicy is the policy where the security file sets nothing; the
// numbers are common practice, which the standard leaves to the manufacturer.
func DefaultPolicy() Policy {
	return Policy{
		DocReviewMonths: 24, TrainingMonths: 12, SupplierReevalMonths: 24, ImprovementMonths: 12,
		DefectReviewMonths: 12, AccessReviewDays: 90, MonitoringDays: 7, VulnDBMaxAgeDays: 7,
		PentestMaxAgeMonths: 12, MinRemainingSupport: 12, ControlReviewMonths: 12, RetestMonths: 12,
		AckDays: 5, DisclosureDays: 30, SASTBlockLevel: "high", HighSeverity: 7.0,
		TriageDays: map[string]int{"critical": 2, "high": 5, "medium": 10, "low": 30},
		FixDays:    map[string]int{"critical": 30, "high": 60, "medium": 90, "low": 180},
		Independence: map[string]string{
			"security_requirement": "person", "threat_mitigation": "person", "fuzz": "person",
			"vulnerability_scan": "person", "penetration": "department",
		},
	}
}

// Effective returns p with every unset field taken from DefaultPolicy.
func (p *Policy) Effective() Policy {
	d := DefaultPolicy()
	if p == nil {
		return d
	}
	e := *p
	setInt := func(v *int, def int) {
		if *v == 0 {
			*v = def
		}
	}
	setInt(&e.DocReviewMonths, d.DocReviewMonths)
	setInt(&e.TrainingMonths, d.TrainingMonths)
	setInt(&e.SupplierReevalMonths, d.SupplierReevalMonths)
	setInt(&e.ImprovementMonths, d.ImprovementMonths)
	setInt(&e.DefectReviewMonths, d.DefectReviewMonths)
	setInt(&e.AccessReviewDays, d.AccessReviewDays)
	setInt(&e.MonitoringDays, d.MonitoringDays)
	setInt(&e.VulnDBMaxAgeDays, d.VulnDBMaxAgeDays)
	setInt(&e.PentestMaxAgeMonths, d.PentestMaxAgeMonths)
	setInt(&e.MinRemainingSupport, d.MinRemainingSupport)
	setInt(&e.ControlReviewMonths, d.ControlReviewMonths)
	setInt(&e.RetestMonths, d.RetestMonths)
	setInt(&e.AckDays, d.AckDays)
	setInt(&e.DisclosureDays, d.DisclosureDays)
	if e.SASTBlockLevel == "" {
		e.SASTBlockLevel = d.SASTBlockLevel
	}
	if e.HighSeverity == 0 {
		e.HighSeverity = d.HighSeverity
	}
	if e.TriageDays == nil {
		e.TriageDays = d.TriageDays
	}
	if e.FixDays == nil {
		e.FixDays = d.FixDays
	}
	if e.Independence == nil {
		e.Independence = d.Independence
	}
	return e
}
