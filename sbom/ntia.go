package sbom

import (
	"fmt"

	"github.com/wardhq/ward"
)

// NTIA returns the gaps of s against the NTIA minimum elements of an SBOM
// (NTIA, "The Minimum Elements For a Software Bill of Materials", 2021), as
// warnings of rule RuleNTIA, in document order:
//
//   - per component (the subject included): supplier name, component name,
//     version, a unique identifier (purl, CPE or SWID tag ID), and a
//     dependency relationship (the component is in the dependency graph,
//     as dependant or dependency);
//   - per SBOM: the author of the SBOM data and the timestamp.
//
// An SBOM without a dependency graph at all gets one warning for it,
// not one per component.
func NTIA(s *ward.SBOM) []Problem {
	var out []Problem
	warn := func(path, msg string) {
		out = append(out, Problem{Severity: SeverityWarning, Rule: RuleNTIA, Path: path, Msg: msg})
	}
	if len(s.Authors) == 0 {
		warn(authorPath(s), "SBOM author is missing")
	}
	if s.Created.IsZero() {
		warn(timestampPath(s), "SBOM timestamp is missing")
	}
	inGraph := map[string]bool{}
	for ref, on := range s.Dependencies {
		inGraph[ref] = true
		for _, o := range on {
			inGraph[o] = true
		}
	}
	if len(s.Dependencies) == 0 && (s.Subject != nil || len(s.Components) > 0) {
		warn("", "no dependency relationships: the SBOM has no dependency graph")
	}
	check := func(c *ward.Component) {
		name := c.DisplayName()
		if name == "" {
			name = "(unnamed)"
		}
		if c.Supplier == "" {
			warn(c.Path, fmt.Sprintf("component %s: supplier name is missing", name))
		}
		if c.Name == "" {
			warn(c.Path, "component name is missing")
		}
		if c.Version == "" {
			warn(c.Path, fmt.Sprintf("component %s: version is missing", name))
		}
		if c.PURL == "" && c.CPE == "" && c.SWID == "" {
			warn(c.Path, fmt.Sprintf("component %s: no unique identifier (purl, CPE or SWID)", name))
		}
		if len(s.Dependencies) > 0 && (c.Ref == "" || !inGraph[c.Ref]) {
			warn(c.Path, fmt.Sprintf("component %s: no dependency relationship", name))
		}
	}
	if s.Subject != nil {
		check(s.Subject)
	}
	for _, c := range s.Components {
		check(c)
	}
	return out
}

func authorPath(s *ward.SBOM) string {
	if s.Format == FormatSPDX {
		return "creationInfo.creators"
	}
	return "metadata.authors"
}

func timestampPath(s *ward.SBOM) string {
	if s.Format == FormatSPDX {
		return "creationInfo.created"
	}
	return "metadata.timestamp"
}
