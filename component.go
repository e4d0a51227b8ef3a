package ward

import "time"

// SBOM is one software bill of materials as read from a CycloneDX or SPDX
// document, reduced to what ward reasons about. Parsers in package sbom
// produce it; nothing in it is specific to one format.
type SBOM struct {
	Source      string     // file the SBOM was read from, as given by the user
	Format      string     // "CycloneDX" or "SPDX"
	SpecVersion string     // e.g. "1.6", "2.3"
	Encoding    string     // "json", "xml" or "tag-value"
	ID          string     // CycloneDX serialNumber or SPDX documentNamespace; may be empty
	Name        string     // SPDX document name or the subject's name
	Created     time.Time  // metadata timestamp / creationInfo.created; zero when absent
	Authors     []string   // people or organisations that made the SBOM
	Tools       []string   // "name version" of the tools that made it
	Subject     *Component // metadata.component / the described SPDX package; may be nil
	// Components is every component, nested ones included, in document order.
	Components []*Component
	// Dependencies maps a component Ref to the Refs it depends on, sorted.
	Dependencies map[string][]string
}

// Component is one entry of an SBOM.
type Component struct {
	Ref      string   // bom-ref or SPDXID; unique within its SBOM when set
	Type     string   // e.g. "library", "application", "firmware", "operating-system"
	Group    string   // CycloneDX group (Maven groupId, npm scope); may be empty
	Name     string   // required by both formats
	Version  string   // may be empty: such a component cannot be matched
	Supplier string   // organisation or person; may be empty (an NTIA gap)
	PURL     string   // package URL as written; may be empty
	CPE      string   // CPE 2.3 formatted string as written; may be empty
	SWID     string   // SWID tagId (CycloneDX swid.tagId); may be empty
	Hashes   []Hash   // sorted by algorithm
	Licenses []string // SPDX IDs or expressions, or license names
	Parent   string   // Ref of the enclosing component for nested CycloneDX components
	Path     string   // JSON-path-like location in the document, e.g. "components[3].components[0]"
	Pos      Pos      // line (and column) where the format reports one
}

// Hash is one digest of a component's artifact.
type Hash struct {
	Alg   string // as in CycloneDX, e.g. "SHA-256"
	Value string // lower-case hex
}

// DisplayName is "group/name@version" with empty parts left out: how a
// component is named in reports.
func (c *Component) DisplayName() string {
	s := c.Name
	if c.Group != "" {
		s = c.Group + "/" + s
	}
	if c.Version != "" {
		s += "@" + c.Version
	}
	return s
}
