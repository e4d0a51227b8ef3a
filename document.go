package ward

// Document is an accompanying or process document under document control.
type Document struct {
	At         Pos      `yaml:"-"`
	ID         string   `yaml:"id" ward:"required,id=document" doc:"document number, e.g. DOC-210"`
	Kind       string   `yaml:"kind" ward:"required" enum:"secure_operation,account_management,residual_risk,conformance,hardening,environment_measures,update_information,decommissioning,ifu_security,cvd_policy,security_plan,risk_management_plan,risk_management_report,development_plan,maintenance_plan,management_plan,mds2,sbom_export,port_list,applicability_matrix,design_checklist,architecture_views,other"`
	Title      string   `yaml:"title" ward:"required"`
	Version    string   `yaml:"version" ward:"required"`
	Author     string   `yaml:"author" ward:"required,ref=person"`
	ReviewedBy string   `yaml:"reviewed_by" ward:"ref=person"`
	ReviewedAt Date     `yaml:"reviewed_at"`
	Releases   []string `yaml:"releases" ward:"ref=release" doc:"releases the document applies to"`
	Path       string   `yaml:"path" doc:"file or URL"`
	Covers     []string `yaml:"covers" doc:"topics the document covers, checked by the rules that need them"`
}
