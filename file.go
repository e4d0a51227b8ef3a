package ward

// SecurityFile is a product's security file: the YAML documents of one
// folder, merged. Any YAML document may hold any of these top-level keys;
// lists from several documents are concatenated, single sections (product,
// context, architecture, maintenance, disclosure, policy) may appear once.
//
// Struct tags drive loading, validation and the JSON Schema:
//
//	yaml:"name"            the key in YAML
//	ward:"required"        the key must be present and non-empty
//	ward:"id=kind"         the record's stable ID; unique within kind
//	ward:"ref=kind|kind"   a reference to the ID of a record of that kind
//	doc:"…"                one line of help, shown in the schema and by `ward init`
type SecurityFile struct {
	Product       *Product            `yaml:"product" doc:"the product: identity, kind, markets and regulations in scope"`
	People        []*Person           `yaml:"people" doc:"everyone with a role in the security activities"`
	Roles         []*Role             `yaml:"roles" doc:"security roles and the competencies they require (4.1.2, 4.1.4)"`
	Applicability []*Applicability    `yaml:"applicability" doc:"per clause: does it apply, who owns it, tailoring rationale and approval (4.1.2, 4.1.3)"`
	ProcessDocs   []*ProcessDoc       `yaml:"process_docs" doc:"QMS procedures that implement the security activities (4.1.1)"`
	Suppliers     []*Supplier         `yaml:"suppliers" doc:"suppliers of third-party software items and their evaluations (4.1.5)"`
	Disclosure    *Disclosure         `yaml:"disclosure" doc:"coordinated disclosure policy and security contact (4.1.7)"`
	MDS2          []*MDS2Answer       `yaml:"mds2" doc:"answers to MDS2 questions the records cannot decide, with who states them"`
	Reviews       []*Review           `yaml:"reviews" doc:"review records: requirements, architecture, design, code, documents, defect management, process"`
	Improvements  []*Improvement      `yaml:"improvements" doc:"corrective and improvement actions, each tied to a root cause in the process (4.1.6)"`
	DevEnv        []*DevEnvAsset      `yaml:"development_environment" doc:"repositories, CI, build hosts, artifact stores and signing systems with their controls (5.1.2)"`
	CodingRules   []*CodingStandard   `yaml:"coding_standards" doc:"secure coding standard per language and the tool that enforces it (5.1.3, 5.5.1)"`
	SigningKeys   []*SigningKey       `yaml:"signing_keys" doc:"keys that sign releases and updates, and how they are protected (5.8.4)"`
	Context       *SecurityContext    `yaml:"context" doc:"product security context: environment, neighbouring systems, roles, interfaces, data (7.1.2)"`
	Architecture  *Architecture       `yaml:"architecture" doc:"data-flow model, trust boundaries and assets: the basis of the threat model (5.3, 7.2)"`
	Threats       []*Threat           `yaml:"threats" doc:"threats to the product and the decision on each (7.2)"`
	Risks         []*Risk             `yaml:"risks" doc:"security risks: estimated, evaluated, linked to safety hazards (7.3)"`
	Controls      []*Control          `yaml:"controls" doc:"risk controls and the requirements that implement them (7.4)"`
	Requirements  []*Requirement      `yaml:"requirements" doc:"security requirements (5.2.1)"`
	Tests         []*Test             `yaml:"tests" doc:"verification: tests with authors, executors and results (5.5–5.7)"`
	SBOMs         []*SBOMRef          `yaml:"sboms" doc:"SBOM files of the product, per release (clause 8)"`
	Components    []*SoftwareItem     `yaml:"components" doc:"software items with their risk-transfer category, supplier and support data (4.1.5, 4.3)"`
	Maintenance   *MaintenancePlan    `yaml:"maintenance" doc:"maintenance plan: security update targets by severity, monitoring (6.1.1, 6.2.1)"`
	Monitoring    []*MonitoringRun    `yaml:"monitoring" doc:"log of reviewed vulnerability-monitoring runs (6.2.1)"`
	Findings      []*DevFinding       `yaml:"findings" doc:"security findings from tests and reviews during development (5.8.1, 5.8.5)"`
	Vulns         []*Vulnerability    `yaml:"vulnerabilities" doc:"problem reports: vulnerabilities received, triaged, analysed and addressed (clause 9)"`
	Advisories    []*CustomerAdvisory `yaml:"advisories" doc:"security advisories published to customers (4.1.7)"`
	Updates       []*SecurityUpdate   `yaml:"security_updates" doc:"security updates delivered (6.1.1, 6.2.2, 6.3)"`
	Releases      []*ReleaseRecord    `yaml:"releases" doc:"releases with commit, artifacts and digests, SBOM, checklist and approvals (5.8)"`
	Documents     []*Document         `yaml:"documents" doc:"accompanying and process documents with author, reviewer and the releases they apply to"`
	Policy        *Policy             `yaml:"policy" doc:"the manufacturer's policy parameters: intervals, SLAs, independence table, risk criteria"`
	Aliases       []*ComponentAlias   `yaml:"component_aliases" doc:"rules that give purl-less components (C/C++, RTOS) a purl or CPE for matching"`
	Files         []string            `yaml:"-"` // the YAML files read, sorted; set by the loader
}
