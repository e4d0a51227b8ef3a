package ward

// MaintenancePlan is the software maintenance plan of 6.1.
type MaintenancePlan struct {
	At                 Pos             `yaml:"-"`
	UpdateTargets      []*UpdateTarget `yaml:"update_targets" ward:"required" doc:"target days to deliver a security update, per severity"`
	Justification      string          `yaml:"justification" ward:"required" doc:"why the targets are reasonable"`
	RegularCycle       string          `yaml:"regular_cycle" doc:"e.g. quarterly"`
	MonitoringSources  []string        `yaml:"monitoring_sources" doc:"e.g. osv, nvd, cisa_kev, vendor advisories"`
	MonitoringInterval int             `yaml:"monitoring_interval_days"`
	KEVHandling        string          `yaml:"kev_handling" doc:"how known-exploited vulnerabilities are handled"`
	Document           string          `yaml:"document" ward:"ref=document"`
	PlanElements       []string        `yaml:"plan_elements" doc:"FDA management-plan elements covered" enum:"personnel,monitoring_sources,kev_handling,periodic_testing,patch_timeline,update_process,patching_capability,cvd,customer_communication"`
}

// UpdateTarget is a delivery target for one severity.
type UpdateTarget struct {
	At         Pos    `yaml:"-"`
	Severity   string `yaml:"severity" ward:"required" enum:"critical,high,medium,low"`
	Days       int    `yaml:"days" ward:"required" doc:"days from identification to a security update available"`
	OutOfCycle bool   `yaml:"out_of_cycle" doc:"delivered outside the regular release cycle"`
}

// MonitoringRun is one reviewed run of vulnerability monitoring (6.2.1).
type MonitoringRun struct {
	At       Pos      `yaml:"-"`
	Date     Date     `yaml:"date" ward:"required"`
	Sources  []string `yaml:"sources" ward:"required"`
	Releases []string `yaml:"releases" ward:"ref=release"`
	Snapshot string   `yaml:"snapshot" doc:"advisory snapshot ID used"`
	Reviewer string   `yaml:"reviewer" ward:"required,ref=person"`
	Matches  []string `yaml:"matches" ward:"ref=vulnerability"`
}

// SecurityUpdate is a delivered security update (6.1.1, 6.2.2, 6.3).
type SecurityUpdate struct {
	At              Pos      `yaml:"-"`
	ID              string   `yaml:"id" ward:"required,id=update"`
	Release         string   `yaml:"release" ward:"required,ref=release"`
	Vulnerabilities []string `yaml:"vulnerabilities" ward:"ref=vulnerability"`
	Cadence         string   `yaml:"cadence" ward:"required" enum:"regular,out_of_cycle"`
	Verification    []string `yaml:"verification" ward:"ref=test" doc:"fix verification and regression tests"`
	AvailableAt     Date     `yaml:"available_at" ward:"required"`
	NotifiedAt      Date     `yaml:"notified_at"`
	Notice          string   `yaml:"notice" ward:"ref=document" doc:"customer-facing update notice"`
	Signed          bool     `yaml:"signed"`
	LateReason      string   `yaml:"late_reason" doc:"why the target time was missed"`
}
