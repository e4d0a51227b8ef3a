package gap

import (
	"sort"
	"strings"

	"github.com/wardhq/ward"
)

// Clause 5.1.3 — secure coding standards.

func init() {
	register("R513-1", checkCodingStandardPerLanguage)
}

// checkCodingStandardPerLanguage: each language of the in-house items has a
// secure coding standard with its version and the tool configuration that
// enforces it.
func checkCodingStandardPerLanguage(in *Input, c *Check) {
	langs := map[string]*ward.SoftwareItem{} // language → first item using it
	inHouse := 0
	for _, it := range in.File.Components {
		if it.Origin != "in_house" {
			continue
		}
		inHouse++
		if len(it.Languages) == 0 {
			c.Missing(it.At, "component %s: in-house item lists no languages", it.ID)
		}
		for _, l := range it.Languages {
			k := strings.ToLower(strings.TrimSpace(l))
			if _, seen := langs[k]; !seen {
				langs[k] = it
			}
		}
	}
	if inHouse == 0 {
		c.NotApplicable("no in-house software items recorded")
		return
	}
	names := make([]string, 0, len(langs))
	for l := range langs {
		names = append(names, l)
	}
	sort.Strings(names)
	for _, l := range names {
		var std *ward.CodingStandard
		for _, s := range in.File.CodingRules {
			if strings.EqualFold(strings.TrimSpace(s.Language), l) {
				std = s
				break
			}
		}
		switch {
		case std == nil:
			c.Missing(langs[l].At, "language %s (used by %s): no secure coding standard under coding_standards:", l, langs[l].ID)
		case std.Version == "":
			c.Missing(std.At, "coding standard %s for %s: no version", std.Standard, l)
		case std.Tool == "":
			c.Missing(std.At, "coding standard %s for %s: no enforcing tool configuration", std.Standard, l)
		}
	}
	c.OK("all %d languages of in-house items have a versioned secure coding standard and an enforcing tool (%s)", len(names), strings.Join(names, ", "))
}
