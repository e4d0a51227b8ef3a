package ward

// SoftwareItem is a software item of the product as the manufacturer
// manages it: its risk-transfer category (4.3), supplier and support data
// (4.1.5). Components in the SBOMs are matched to items by purl, else by name.
type SoftwareItem struct {
	At              Pos             `yaml:"-"`
	ID              string          `yaml:"id" ward:"required,id=component" doc:"stable ID, e.g. CMP-openssl"`
	Name            string          `yaml:"name" ward:"required"`
	Version         string          `yaml:"version" ward:"required"`
	PURL            string          `yaml:"purl" doc:"package URL; matched to SBOM components"`
	CPE             string          `yaml:"cpe" doc:"CPE 2.3 name"`
	Origin          string          `yaml:"origin" ward:"required" enum:"in_house,open_source,commercial,operating_system"`
	Supplier        string          `yaml:"supplier" ward:"ref=supplier" doc:"supplier; for open source, the project"`
	Category        string          `yaml:"category" ward:"required" doc:"maintained, supported or required (or your alias from product.category_aliases)"`
	SupportLevel    string          `yaml:"support_level" enum:"active,no_longer_maintained,abandoned,unknown" doc:"support by its supplier"`
	EndOfSupport    string          `yaml:"end_of_support" doc:"YYYY-MM-DD, or unknown with eos_rationale"`
	EOSRationale    string          `yaml:"eos_rationale" doc:"why the end of support is unknown, and how that is managed"`
	Monitoring      []string        `yaml:"monitoring" doc:"vulnerability sources watched for it, e.g. osv, nvd, vendor"`
	Risks           []string        `yaml:"risks" ward:"ref=threat|risk" doc:"threats or risks that consider the item (5.2.3)"`
	NoExposure      string          `yaml:"no_exposure_rationale" doc:"why the item has no security-relevant exposure"`
	OperatorTasks   []string        `yaml:"operator_tasks" doc:"for required items: what the operator must do"`
	ReplacementPlan string          `yaml:"replacement_plan" doc:"for items near or past end of support"`
	Languages       []string        `yaml:"languages" doc:"languages of in-house code, for the coding standard check"`
	Paths           []string        `yaml:"paths" doc:"source paths of in-house items"`
	Downgrade       *CategoryChange `yaml:"category_change" doc:"record of a category downgrade (4.3)"`
}

// CategoryChange records a downgrade of an item's category and the
// re-evaluation it triggered.
type CategoryChange struct {
	At           Pos    `yaml:"-"`
	From         string `yaml:"from" ward:"required" enum:"maintained,supported,required"`
	Date         Date   `yaml:"date" ward:"required"`
	Reevaluation string `yaml:"reevaluation" ward:"required" doc:"where clauses 5.2.3 and 6.3 were re-evaluated and documents updated"`
}

// SBOMRef points at an SBOM file of the product.
type SBOMRef struct {
	At      Pos    `yaml:"-"`
	ID      string `yaml:"id" ward:"required,id=sbom"`
	Path    string `yaml:"path" ward:"required" doc:"path relative to the security file folder"`
	Release string `yaml:"release" ward:"ref=release"`
	Tool    string `yaml:"generated_by" doc:"tool that generated it"`
}

// ComponentAlias gives a component without package identifier a purl or
// CPE, so that it can be matched against advisories. It applies to every
// product whose SBOM has a component with that name.
type ComponentAlias struct {
	At     Pos    `yaml:"-"`
	Name   string `yaml:"name" ward:"required" doc:"component name as in the SBOM"`
	PURL   string `yaml:"purl" doc:"package URL to use, without version"`
	CPE    string `yaml:"cpe" doc:"CPE 2.3 name to use"`
	Reason string `yaml:"reason"`
}
