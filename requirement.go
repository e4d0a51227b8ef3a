package ward

// Requirement is a security requirement of the product (5.2.1).
type Requirement struct {
	At         Pos      `yaml:"-"`
	ID         string   `yaml:"id" ward:"required,id=requirement" doc:"e.g. REQ-031"`
	Title      string   `yaml:"title" ward:"required"`
	Text       string   `yaml:"text" ward:"required"`
	Category   string   `yaml:"category" ward:"required" enum:"authentication,authorization,cryptography,integrity,confidentiality,logging,resilience,updatability" doc:"FDA security control category"`
	Sources    []string `yaml:"sources" doc:"where it comes from: threat, risk, interface IDs, regulations, stakeholders"`
	Interfaces []string `yaml:"interfaces" ward:"ref=interface" doc:"interfaces the requirement protects"`
	Components []string `yaml:"components" ward:"ref=component" doc:"software items that implement it"`
	Paths      []string `yaml:"paths" doc:"source paths that implement it (authors come from their git history)"`
	ReviewedIn string   `yaml:"reviewed_in" ward:"ref=review"`
}
