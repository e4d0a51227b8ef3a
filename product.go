package ward

// Product is the health software the security file describes.
type Product struct {
	At              Pos               `yaml:"-"`
	ID              string            `yaml:"id" ward:"required,id=product" doc:"short stable identifier, e.g. infusion-pump"`
	Name            string            `yaml:"name" ward:"required" doc:"name as on the label"`
	Manufacturer    string            `yaml:"manufacturer" ward:"required" doc:"legal manufacturer"`
	Description     string            `yaml:"description" doc:"what the product is, in two or three sentences"`
	IntendedUse     string            `yaml:"intended_use" ward:"required" doc:"intended use / intended purpose as in the labeling"`
	Kind            ProductKind       `yaml:"kind" ward:"required" doc:"medical_device, ivd, or non_device health software"`
	DeviceClass     string            `yaml:"device_class" doc:"regulatory class where the product is a device, e.g. IIb (EU), II (US)"`
	Markets         []string          `yaml:"markets" ward:"required" doc:"markets where the product is placed, e.g. EU, US, UK"`
	Regulations     []Regulation      `yaml:"regulations" ward:"required" doc:"regulations in scope: mdr, ivdr, fda_524b, cra"`
	Transitional    bool              `yaml:"transitional" doc:"legacy software developed before IEC 81001-5-1: the Annex F route applies"`
	PlacedOnMarket  Date              `yaml:"placed_on_market" doc:"date the product was first placed on the market"`
	SupportEnd      Date              `yaml:"support_end" doc:"end of the security support period announced to users"`
	ShorterUse      string            `yaml:"shorter_support_rationale" doc:"why a support period shorter than 5 years fits the expected use (CRA)"`
	HasUserAccounts bool              `yaml:"has_user_accounts" doc:"the product manages user accounts (account management guidance is then required)"`
	CategoryAliases map[string]string `yaml:"category_aliases" doc:"your names for the risk-transfer categories, mapped to maintained, supported or required (4.3)"`
	Repository      string            `yaml:"repository" doc:"where the source is kept; git is the configuration management of clause 8"`
	SourceEscrow    string            `yaml:"source_escrow" doc:"how release sources are backed up or escrowed (8)"`
	ISAO            string            `yaml:"isao" doc:"information sharing and analysis organisation the manufacturer takes part in, if any"`
}

// ProductKind says which regulatory route the product follows.
type ProductKind string

const (
	ProductMedicalDevice ProductKind = "medical_device"
	ProductIVD           ProductKind = "ivd"
	ProductNonDevice     ProductKind = "non_device"
)

func (ProductKind) Values() []string { return []string{"medical_device", "ivd", "non_device"} }

// Regulation is a regulation the product falls under.
type Regulation string

const (
	RegMDR     Regulation = "mdr"
	RegIVDR    Regulation = "ivdr"
	RegFDA524B Regulation = "fda_524b"
	RegCRA     Regulation = "cra"
)

func (Regulation) Values() []string { return []string{"mdr", "ivdr", "fda_524b", "cra"} }

// InScope reports whether regulation r applies to the product.
func (p *Product) InScope(r Regulation) bool {
	if p == nil {
		return false
	}
	for _, x := range p.Regulations {
		if x == r {
			return true
		}
	}
	return false
}
