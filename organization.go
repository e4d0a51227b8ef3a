package ward

// Person is someone with a role in the security activities.
type Person struct {
	At           Pos           `yaml:"-"`
	ID           string        `yaml:"id" ward:"required,id=person" doc:"short handle, e.g. a.weber"`
	Name         string        `yaml:"name" ward:"required"`
	Email        string        `yaml:"email"`
	Organisation string        `yaml:"organisation" doc:"company; people of another organisation are external testers"`
	Department   string        `yaml:"department"`
	Team         string        `yaml:"team"`
	Active       *bool         `yaml:"active" doc:"false once the person left or changed role; default true"`
	Roles        []string      `yaml:"roles" ward:"ref=role"`
	Competencies []*Competency `yaml:"competencies" doc:"competencies with the evidence that shows them (4.1.4)"`
	Trainings    []*Training   `yaml:"trainings" doc:"security trainings attended"`
}

// IsActive reports whether p is active (the default).
func (p *Person) IsActive() bool { return p.Active == nil || *p.Active }

// Competency is a competency a person holds, with its evidence.
type Competency struct {
	At         Pos    `yaml:"-"`
	Name       string `yaml:"name" ward:"required" doc:"e.g. security-testing, threat-modeling, secure-code-review"`
	Evidence   string `yaml:"evidence" ward:"required" doc:"certificate, training record or assessment that shows it"`
	ValidUntil Date   `yaml:"valid_until"`
}

// Training is one security training a person attended.
type Training struct {
	At       Pos    `yaml:"-"`
	Topic    string `yaml:"topic" ward:"required"`
	Date     Date   `yaml:"date" ward:"required"`
	Evidence string `yaml:"evidence"`
}

// Role is a security role and the competencies it requires.
type Role struct {
	At               Pos      `yaml:"-"`
	ID               string   `yaml:"id" ward:"required,id=role" doc:"e.g. security-officer"`
	Name             string   `yaml:"name" ward:"required"`
	Responsibilities []string `yaml:"responsibilities" doc:"what the role is accountable for"`
	Competencies     []string `yaml:"competencies" doc:"competency names a holder must have"`
	RiskAcceptance   bool     `yaml:"risk_acceptance" doc:"the role may accept residual security risks"`
	ReleaseAuthority bool     `yaml:"release_authority" doc:"the role may approve releases"`
}

// Applicability records, per clause, whether it applies, who owns it and
// any tailoring (4.1.2, 4.1.3).
type Applicability struct {
	At         Pos          `yaml:"-"`
	Clause     string       `yaml:"clause" ward:"required" doc:"clause number, e.g. 5.7.4"`
	Applies    AppliesValue `yaml:"applies" ward:"required" doc:"yes, no or partial"`
	Owner      string       `yaml:"owner" ward:"ref=role" doc:"role accountable for the activity"`
	Rationale  string       `yaml:"rationale" doc:"why it does not or only partly apply"`
	ApprovedBy string       `yaml:"approved_by" ward:"ref=person"`
	ApprovedAt Date         `yaml:"approved_at"`
}

// AppliesValue says whether a clause applies.
type AppliesValue string

const (
	AppliesYes     AppliesValue = "yes"
	AppliesNo      AppliesValue = "no"
	AppliesPartial AppliesValue = "partial"
)

func (AppliesValue) Values() []string { return []string{"yes", "no", "partial"} }

// ProcessDoc is a QMS procedure implementing security activities (4.1.1).
type ProcessDoc struct {
	At         Pos      `yaml:"-"`
	ID         string   `yaml:"id" ward:"required,id=process_doc" doc:"document number, e.g. SOP-012"`
	Title      string   `yaml:"title" ward:"required"`
	Clauses    []string `yaml:"clauses" ward:"required" doc:"clauses of IEC 81001-5-1 the procedure implements"`
	Version    string   `yaml:"version" ward:"required"`
	Author     string   `yaml:"author" ward:"required,ref=person"`
	Approver   string   `yaml:"approver" ward:"required,ref=person"`
	ApprovedAt Date     `yaml:"approved_at" ward:"required"`
	NextReview Date     `yaml:"next_review"`
}

// Supplier provides third-party software items (4.1.5).
type Supplier struct {
	At          Pos           `yaml:"-"`
	ID          string        `yaml:"id" ward:"required,id=supplier"`
	Name        string        `yaml:"name" ward:"required"`
	Kind        SupplierKind  `yaml:"kind" ward:"required" doc:"open_source, commercial or custom_development"`
	Contact     string        `yaml:"security_contact" doc:"where the supplier receives and announces vulnerabilities"`
	Agreement   string        `yaml:"security_agreement" doc:"contract or agreement with security duties (notification, SDL)"`
	Evaluations []*Evaluation `yaml:"evaluations" doc:"supplier evaluations, newest last"`
}

// SupplierKind classifies a supplier.
type SupplierKind string

const (
	SupplierOpenSource SupplierKind = "open_source"
	SupplierCommercial SupplierKind = "commercial"
	SupplierCustom     SupplierKind = "custom_development"
)

func (SupplierKind) Values() []string {
	return []string{"open_source", "commercial", "custom_development"}
}

// Evaluation is one supplier evaluation.
type Evaluation struct {
	At        Pos              `yaml:"-"`
	Date      Date             `yaml:"date" ward:"required"`
	Result    EvaluationResult `yaml:"result" ward:"required" doc:"approved, conditional or rejected"`
	Evaluator string           `yaml:"evaluator" ward:"ref=person"`
	Evidence  string           `yaml:"evidence"`
}

// EvaluationResult is the outcome of a supplier evaluation.
type EvaluationResult string

func (EvaluationResult) Values() []string { return []string{"approved", "conditional", "rejected"} }

// Disclosure is the coordinated vulnerability disclosure policy (4.1.7).
type Disclosure struct {
	At         Pos      `yaml:"-"`
	Contact    string   `yaml:"contact" ward:"required" doc:"security contact, e.g. mailto:psirt@example.com"`
	PolicyURL  string   `yaml:"policy_url" ward:"required" doc:"where the published policy lives"`
	Encryption string   `yaml:"encryption" doc:"OpenPGP key URL for encrypted reports"`
	AckDays    int      `yaml:"acknowledge_within_days" doc:"promised time to acknowledge a report"`
	Languages  []string `yaml:"languages"`
	Document   string   `yaml:"document" ward:"ref=document" doc:"the policy document record"`
	ReviewedAt Date     `yaml:"reviewed_at"`
	ReviewedBy string   `yaml:"reviewed_by" ward:"ref=person"`
}

// MDS2Answer is a person's answer to an MDS2 question that the records
// cannot decide (certifications, whether TLS is configurable, …). ward uses
// it only where its rules would answer unknown; where the records decide,
// theirs stands and the form warns about a statement that contradicts them.
type MDS2Answer struct {
	At       Pos    `yaml:"-"`
	ID       string `yaml:"id" ward:"required,id=mds2_answer" doc:"MDS2 question ID, e.g. SAHD-2"`
	Answer   string `yaml:"answer" ward:"required" enum:"yes,no,n/a" doc:"the answer as the form shows it"`
	Note     string `yaml:"note" ward:"required" doc:"why: the form's note for the question"`
	StatedBy string `yaml:"stated_by" ward:"required,ref=person" doc:"who states it"`
	Date     Date   `yaml:"date" ward:"required" doc:"when it was stated"`
}

// Review is a review record.
type Review struct {
	At        Pos        `yaml:"-"`
	ID        string     `yaml:"id" ward:"required,id=review"`
	Kind      ReviewKind `yaml:"kind" ward:"required"`
	Subject   string     `yaml:"subject" doc:"what was reviewed, e.g. architecture v3 or a record ID"`
	Version   string     `yaml:"version" doc:"version of the subject reviewed"`
	Date      Date       `yaml:"date" ward:"required"`
	Reviewers []string   `yaml:"reviewers" ward:"required,ref=person"`
	Inputs    []string   `yaml:"inputs" doc:"what the review looked at: audits, metrics, escaped vulnerabilities"`
	Findings  []string   `yaml:"findings" ward:"ref=finding"`
	Closed    bool       `yaml:"closed" doc:"every finding of the review is closed or accepted"`
	Notes     string     `yaml:"notes"`
}

// ReviewKind is what a review is about.
type ReviewKind string

const (
	ReviewRequirements     ReviewKind = "requirements"
	ReviewArchitecture     ReviewKind = "architecture"
	ReviewDesign           ReviewKind = "design"
	ReviewCode             ReviewKind = "code"
	ReviewDocuments        ReviewKind = "documents"
	ReviewDefectManagement ReviewKind = "defect_management"
	ReviewProcess          ReviewKind = "process_improvement"
	ReviewThreatModel      ReviewKind = "threat_model"
	ReviewRiskManagement   ReviewKind = "risk_management"
	ReviewControls         ReviewKind = "control_effectiveness"
)

func (ReviewKind) Values() []string {
	return []string{"requirements", "architecture", "design", "code", "documents", "defect_management",
		"process_improvement", "threat_model", "risk_management", "control_effectiveness"}
}

// Improvement is a corrective or improvement action of the process (4.1.6).
type Improvement struct {
	At        Pos         `yaml:"-"`
	ID        string      `yaml:"id" ward:"required,id=improvement"`
	Title     string      `yaml:"title" ward:"required"`
	Trigger   string      `yaml:"trigger" doc:"what raised it: a review, audit, vulnerability or finding ID"`
	RootCause *RootCause  `yaml:"root_cause" doc:"the cause in the process that the action removes"`
	Owner     string      `yaml:"owner" ward:"ref=person"`
	Due       Date        `yaml:"due"`
	Status    ActionState `yaml:"status" ward:"required" doc:"open or done"`
	ClosedAt  Date        `yaml:"closed_at"`
}

// RootCause names where in the process a problem originated.
type RootCause struct {
	At          Pos    `yaml:"-"`
	Clause      string `yaml:"clause" ward:"required" doc:"clause of the process where the cause lies, e.g. 5.7.3"`
	Description string `yaml:"description" ward:"required"`
}

// ActionState is the state of an action.
type ActionState string

func (ActionState) Values() []string { return []string{"open", "done"} }

// DevEnvAsset is part of the development environment (5.1.2).
type DevEnvAsset struct {
	At               Pos      `yaml:"-"`
	ID               string   `yaml:"id" ward:"required,id=dev_env"`
	Name             string   `yaml:"name" ward:"required"`
	Kind             string   `yaml:"kind" ward:"required" enum:"repository,ci,build_host,artifact_store,signing,issue_tracker"`
	Controls         []string `yaml:"controls" doc:"protections in place, e.g. branch protection, SSO, audit log"`
	MFA              bool     `yaml:"mfa" doc:"human access requires multi-factor authentication"`
	LastAccessReview Date     `yaml:"last_access_review"`
}

// CodingStandard is the secure coding standard for one language (5.1.3).
type CodingStandard struct {
	At       Pos    `yaml:"-"`
	Language string `yaml:"language" ward:"required"`
	Standard string `yaml:"standard" ward:"required" doc:"e.g. SEI CERT C, MISRA C:2012, OWASP ASVS"`
	Version  string `yaml:"version"`
	Tool     string `yaml:"tool" doc:"tool and configuration that enforce it, e.g. gosec with .golangci.yaml"`
}

// SigningKey signs releases or updates (5.8.4).
type SigningKey struct {
	At         Pos      `yaml:"-"`
	ID         string   `yaml:"id" ward:"required,id=signing_key"`
	Purpose    string   `yaml:"purpose" ward:"required"`
	Storage    string   `yaml:"storage" ward:"required" enum:"hsm,kms,token,file"`
	Custodians []string `yaml:"custodians" ward:"ref=person"`
	Created    Date     `yaml:"created"`
	Expires    Date     `yaml:"expires"`
	AccessLog  string   `yaml:"access_log" doc:"where access to the key is logged"`
	Compromise string   `yaml:"compromise_procedure" doc:"procedure to follow if the key leaks"`
	Exception  string   `yaml:"exception" doc:"approved exception when storage is not an HSM or KMS"`
	PublicKey  string   `yaml:"public_key" doc:"public key in OpenSSH authorized_keys form (ssh-ed25519 AAAA…), to verify release signatures"`
}
