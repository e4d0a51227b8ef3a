package csaf

// The CSAF 2.0 document model, written and read by this package. Field
// order follows the JSON schema (alphabetical), so written documents read
// like the official examples.
//
// Enumerated values (categories, labels, statuses) are plain strings here,
// not types that reject unknown values when decoded: the validator must
// read a document with a wrong category to report it, with its path, next
// to every other problem. The JSON schema is what rejects them.

// Advisory is one CSAF document: any profile (csaf_base,
// csaf_security_advisory, csaf_vex, …).
type Advisory struct {
	Document        Document         `json:"document"`
	ProductTree     *ProductTree     `json:"product_tree,omitempty"`
	Vulnerabilities []*Vulnerability `json:"vulnerabilities,omitempty"`
}

// Document is the document-level metadata (/document).
type Document struct {
	Acknowledgments   []*Acknowledgment  `json:"acknowledgments,omitempty"`
	AggregateSeverity *AggregateSeverity `json:"aggregate_severity,omitempty"`
	Category          string             `json:"category"`
	CSAFVersion       string             `json:"csaf_version"`
	Distribution      *Distribution      `json:"distribution,omitempty"`
	Lang              string             `json:"lang,omitempty"`
	Notes             []*Note            `json:"notes,omitempty"`
	Publisher         Publisher          `json:"publisher"`
	References        []*Reference       `json:"references,omitempty"`
	SourceLang        string             `json:"source_lang,omitempty"`
	Title             string             `json:"title"`
	Tracking          Tracking           `json:"tracking"`
}

// Acknowledgment credits those who contributed.
type Acknowledgment struct {
	Names        []string `json:"names,omitempty"`
	Organization string   `json:"organization,omitempty"`
	Summary      string   `json:"summary,omitempty"`
	URLs         []string `json:"urls,omitempty"`
}

// AggregateSeverity is the publisher's overall rating of the document.
type AggregateSeverity struct {
	Namespace string `json:"namespace,omitempty"`
	Text      string `json:"text"`
}

// Distribution says how the document may be shared.
type Distribution struct {
	Text string `json:"text,omitempty"`
	TLP  *TLP   `json:"tlp,omitempty"`
}

// TLP is a Traffic Light Protocol (version 1) label.
type TLP struct {
	Label string `json:"label"` // AMBER, GREEN, RED or WHITE
	URL   string `json:"url,omitempty"`
}

// Note is a piece of text about the document or a vulnerability.
type Note struct {
	Audience string `json:"audience,omitempty"`
	Category string `json:"category"` // description, details, faq, general, legal_disclaimer, other, summary
	Text     string `json:"text"`
	Title    string `json:"title,omitempty"`
}

// Publisher is who issues the document.
type Publisher struct {
	Category         string `json:"category"` // coordinator, discoverer, other, translator, user, vendor
	ContactDetails   string `json:"contact_details,omitempty"`
	IssuingAuthority string `json:"issuing_authority,omitempty"`
	Name             string `json:"name"`
	Namespace        string `json:"namespace"` // URL of the publisher
}

// Reference is a link to a resource about the document or a vulnerability.
type Reference struct {
	Category string `json:"category,omitempty"` // external (the default) or self
	Summary  string `json:"summary"`
	URL      string `json:"url"`
}

// Tracking is the document's identity and history.
type Tracking struct {
	Aliases            []string    `json:"aliases,omitempty"`
	CurrentReleaseDate string      `json:"current_release_date"`
	Generator          *Generator  `json:"generator,omitempty"`
	ID                 string      `json:"id"`
	InitialReleaseDate string      `json:"initial_release_date"`
	RevisionHistory    []*Revision `json:"revision_history"`
	Status             string      `json:"status"` // draft, final or interim
	Version            string      `json:"version"`
}

// Generator names the tool that made the document.
type Generator struct {
	Date   string `json:"date,omitempty"`
	Engine Engine `json:"engine"`
}

// Engine is the generating program.
type Engine struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// Revision is one entry of the revision history.
type Revision struct {
	Date          string `json:"date"`
	LegacyVersion string `json:"legacy_version,omitempty"`
	Number        string `json:"number"`
	Summary       string `json:"summary"`
}

// ProductTree defines the products the document speaks about.
type ProductTree struct {
	Branches         []*Branch          `json:"branches,omitempty"`
	FullProductNames []*FullProductName `json:"full_product_names,omitempty"`
	ProductGroups    []*ProductGroup    `json:"product_groups,omitempty"`
	Relationships    []*Relationship    `json:"relationships,omitempty"`
}

// Branch is one level of the product hierarchy: vendor, product name,
// product version, …; a leaf holds a product.
type Branch struct {
	Branches []*Branch        `json:"branches,omitempty"`
	Category string           `json:"category"`
	Name     string           `json:"name"`
	Product  *FullProductName `json:"product,omitempty"`
}

// FullProductName defines one product ID.
type FullProductName struct {
	Name      string                       `json:"name"`
	ProductID string                       `json:"product_id"`
	Helper    *ProductIdentificationHelper `json:"product_identification_helper,omitempty"`
}

// ProductIdentificationHelper identifies a product to tools: purl, CPE,
// hashes, SBOM links, ….
type ProductIdentificationHelper struct {
	CPE           string        `json:"cpe,omitempty"`
	Hashes        []*Hashes     `json:"hashes,omitempty"`
	ModelNumbers  []string      `json:"model_numbers,omitempty"`
	PURL          string        `json:"purl,omitempty"`
	SBOMURLs      []string      `json:"sbom_urls,omitempty"`
	SerialNumbers []string      `json:"serial_numbers,omitempty"`
	SKUs          []string      `json:"skus,omitempty"`
	XGenericURIs  []*GenericURI `json:"x_generic_uris,omitempty"`
}

// Hashes are the digests of one file of a product.
type Hashes struct {
	FileHashes []*FileHash `json:"file_hashes"`
	Filename   string      `json:"filename"`
}

// FileHash is one digest.
type FileHash struct {
	Algorithm string `json:"algorithm"`
	Value     string `json:"value"`
}

// GenericURI is an identifier of a product in a namespace CSAF does not know.
type GenericURI struct {
	Namespace string `json:"namespace"`
	URI       string `json:"uri"`
}

// ProductGroup names a set of products.
type ProductGroup struct {
	GroupID    string   `json:"group_id"`
	ProductIDs []string `json:"product_ids"`
	Summary    string   `json:"summary,omitempty"`
}

// Relationship defines a product made of two others, e.g. a component
// (ProductReference) that is a default component of a product
// (RelatesToProductReference).
type Relationship struct {
	Category                  string          `json:"category"`
	FullProductName           FullProductName `json:"full_product_name"`
	ProductReference          string          `json:"product_reference"`
	RelatesToProductReference string          `json:"relates_to_product_reference"`
}

// Vulnerability is one vulnerability and what the document says about it.
type Vulnerability struct {
	Acknowledgments []*Acknowledgment  `json:"acknowledgments,omitempty"`
	CVE             string             `json:"cve,omitempty"`
	CWE             *CWE               `json:"cwe,omitempty"`
	DiscoveryDate   string             `json:"discovery_date,omitempty"`
	Flags           []*Flag            `json:"flags,omitempty"`
	IDs             []*VulnerabilityID `json:"ids,omitempty"`
	Involvements    []*Involvement     `json:"involvements,omitempty"`
	Notes           []*Note            `json:"notes,omitempty"`
	ProductStatus   *ProductStatus     `json:"product_status,omitempty"`
	References      []*Reference       `json:"references,omitempty"`
	ReleaseDate     string             `json:"release_date,omitempty"`
	Remediations    []*Remediation     `json:"remediations,omitempty"`
	Scores          []*Score           `json:"scores,omitempty"`
	Threats         []*Threat          `json:"threats,omitempty"`
	Title           string             `json:"title,omitempty"`
}

// CWE is a weakness from MITRE's list.
type CWE struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Flag states a machine-readable fact about products, such as a VEX
// justification.
type Flag struct {
	Date       string   `json:"date,omitempty"`
	GroupIDs   []string `json:"group_ids,omitempty"`
	Label      string   `json:"label"`
	ProductIDs []string `json:"product_ids,omitempty"`
}

// VulnerabilityID is an ID of the vulnerability in some tracking system.
type VulnerabilityID struct {
	SystemName string `json:"system_name"`
	Text       string `json:"text"`
}

// Involvement is a party's part in handling the vulnerability.
type Involvement struct {
	Date    string `json:"date,omitempty"`
	Party   string `json:"party"`
	Status  string `json:"status"`
	Summary string `json:"summary,omitempty"`
}

// ProductStatus lists product IDs by their status for the vulnerability.
type ProductStatus struct {
	FirstAffected      []string `json:"first_affected,omitempty"`
	FirstFixed         []string `json:"first_fixed,omitempty"`
	Fixed              []string `json:"fixed,omitempty"`
	KnownAffected      []string `json:"known_affected,omitempty"`
	KnownNotAffected   []string `json:"known_not_affected,omitempty"`
	LastAffected       []string `json:"last_affected,omitempty"`
	Recommended        []string `json:"recommended,omitempty"`
	UnderInvestigation []string `json:"under_investigation,omitempty"`
}

// lists returns the status lists with their JSON names, in schema order.
func (s *ProductStatus) lists() []statusList {
	return []statusList{
		{"first_affected", s.FirstAffected},
		{"first_fixed", s.FirstFixed},
		{"fixed", s.Fixed},
		{"known_affected", s.KnownAffected},
		{"known_not_affected", s.KnownNotAffected},
		{"last_affected", s.LastAffected},
		{"recommended", s.Recommended},
		{"under_investigation", s.UnderInvestigation},
	}
}

type statusList struct {
	name string
	ids  []string
}

// Remediation says what to do about the vulnerability.
type Remediation struct {
	Category        string           `json:"category"` // mitigation, no_fix_planned, none_available, vendor_fix, workaround
	Date            string           `json:"date,omitempty"`
	Details         string           `json:"details"`
	Entitlements    []string         `json:"entitlements,omitempty"`
	GroupIDs        []string         `json:"group_ids,omitempty"`
	ProductIDs      []string         `json:"product_ids,omitempty"`
	RestartRequired *RestartRequired `json:"restart_required,omitempty"`
	URL             string           `json:"url,omitempty"`
}

// RestartRequired says what must be restarted for a remediation to work.
type RestartRequired struct {
	Category string `json:"category"`
	Details  string `json:"details,omitempty"`
}

// Score is a CVSS rating of the vulnerability for some products.
type Score struct {
	CVSSv2   *CVSS    `json:"cvss_v2,omitempty"`
	CVSSv3   *CVSS    `json:"cvss_v3,omitempty"`
	Products []string `json:"products"`
}

// CVSS is a FIRST CVSS v2.0 or v3.x JSON object. The v2.0 and v3.x
// properties share one type: each version's schema rejects the other's.
type CVSS struct {
	Version      string `json:"version"`
	VectorString string `json:"vectorString"`

	// v3.x base metrics
	AttackVector          string `json:"attackVector,omitempty"`
	AttackComplexity      string `json:"attackComplexity,omitempty"`
	PrivilegesRequired    string `json:"privilegesRequired,omitempty"`
	UserInteraction       string `json:"userInteraction,omitempty"`
	Scope                 string `json:"scope,omitempty"`
	ConfidentialityImpact string `json:"confidentialityImpact,omitempty"` // v2.0 and v3.x
	IntegrityImpact       string `json:"integrityImpact,omitempty"`       // v2.0 and v3.x
	AvailabilityImpact    string `json:"availabilityImpact,omitempty"`    // v2.0 and v3.x

	// v2.0 base metrics
	AccessVector     string `json:"accessVector,omitempty"`
	AccessComplexity string `json:"accessComplexity,omitempty"`
	Authentication   string `json:"authentication,omitempty"`

	BaseScore    *float64 `json:"baseScore,omitempty"`    // required by both schemas
	BaseSeverity string   `json:"baseSeverity,omitempty"` // v3.x, required there

	// temporal metrics
	ExploitCodeMaturity string   `json:"exploitCodeMaturity,omitempty"` // v3.x
	Exploitability      string   `json:"exploitability,omitempty"`      // v2.0
	RemediationLevel    string   `json:"remediationLevel,omitempty"`
	ReportConfidence    string   `json:"reportConfidence,omitempty"`
	TemporalScore       *float64 `json:"temporalScore,omitempty"`
	TemporalSeverity    string   `json:"temporalSeverity,omitempty"`

	// environmental metrics
	CollateralDamagePotential     string   `json:"collateralDamagePotential,omitempty"` // v2.0
	TargetDistribution            string   `json:"targetDistribution,omitempty"`        // v2.0
	ConfidentialityRequirement    string   `json:"confidentialityRequirement,omitempty"`
	IntegrityRequirement          string   `json:"integrityRequirement,omitempty"`
	AvailabilityRequirement       string   `json:"availabilityRequirement,omitempty"`
	ModifiedAttackVector          string   `json:"modifiedAttackVector,omitempty"`
	ModifiedAttackComplexity      string   `json:"modifiedAttackComplexity,omitempty"`
	ModifiedPrivilegesRequired    string   `json:"modifiedPrivilegesRequired,omitempty"`
	ModifiedUserInteraction       string   `json:"modifiedUserInteraction,omitempty"`
	ModifiedScope                 string   `json:"modifiedScope,omitempty"`
	ModifiedConfidentialityImpact string   `json:"modifiedConfidentialityImpact,omitempty"`
	ModifiedIntegrityImpact       string   `json:"modifiedIntegrityImpact,omitempty"`
	ModifiedAvailabilityImpact    string   `json:"modifiedAvailabilityImpact,omitempty"`
	EnvironmentalScore            *float64 `json:"environmentalScore,omitempty"`
	EnvironmentalSeverity         string   `json:"environmentalSeverity,omitempty"`
}

// Threat is information about the vulnerability that may change with time:
// exploit status, impact, target set.
type Threat struct {
	Category   string   `json:"category"` // exploit_status, impact, target_set
	Date       string   `json:"date,omitempty"`
	Details    string   `json:"details"`
	GroupIDs   []string `json:"group_ids,omitempty"`
	ProductIDs []string `json:"product_ids,omitempty"`
}

// Profile categories of CSAF 2.0 (section 4).
const (
	CategoryBase                     = "csaf_base"
	CategorySecurityIncidentResponse = "csaf_security_incident_response"
	CategoryInformationalAdvisory    = "csaf_informational_advisory"
	CategorySecurityAdvisory         = "csaf_security_advisory"
	CategoryVEX                      = "csaf_vex"
)
