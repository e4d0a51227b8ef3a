package techfile

import (
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/gap"
)

// ComponentRow is one component of the release's SBOM with the software
// item the security file keeps for it (4.1.5, 4.3).
type ComponentRow struct {
	SBOM      string // ID of the SBOM it was read from
	Component *ward.Component
	Item      *ward.SoftwareItem // nil when no item matches (by purl, else name)
	Category  string             // maintained, supported or required after the product's aliases; "" when unknown
}

// Components returns the components of the release's readable SBOMs in
// document order, each with its software item, and the software items
// that no SBOM component matches (operator-provided platforms, for
// example), by ID.
func (b *Basis) Components() (rows []ComponentRow, unlisted []*ward.SoftwareItem) {
	in := gap.NewInput(b.File, b.Date, b.SBOMs, b.Version())
	seen := map[*ward.SoftwareItem]bool{}
	for _, s := range b.SBOMs {
		if s.SBOM == nil {
			continue
		}
		for _, c := range s.SBOM.Components {
			r := ComponentRow{SBOM: s.Ref.ID, Component: c, Item: in.ItemFor(c)}
			if r.Item != nil {
				seen[r.Item] = true
				r.Category = in.Category(r.Item)
			}
			rows = append(rows, r)
		}
	}
	for _, it := range sortedBy(b.File.Components, func(i *ward.SoftwareItem) string { return i.ID }) {
		if !seen[it] {
			unlisted = append(unlisted, it)
		}
	}
	return rows, unlisted
}

// Category returns an item's risk-transfer category after the product's
// aliases: maintained, supported, required, or "" when unknown.
func (b *Basis) Category(it *ward.SoftwareItem) string {
	return gap.NewInput(b.File, b.Date, nil, b.Version()).Category(it)
}

// Identifier is the component's package URL, else CPE, else SWID tag.
func Identifier(c *ward.Component) string {
	switch {
	case c.PURL != "":
		return c.PURL
	case c.CPE != "":
		return c.CPE
	case c.SWID != "":
		return "swid:" + c.SWID
	}
	return ""
}

// Support describes an item's support by its supplier as of day: the
// support level and the end of support, e.g. "active, until 2032-04-30"
// or "no longer maintained, ended 2024-12-31".
func Support(it *ward.SoftwareItem, day ward.Date) string {
	if it == nil {
		return "no software item recorded"
	}
	if it.Origin == "in_house" && it.SupportLevel == "" && it.EndOfSupport == "" {
		return "in-house: supported with the product"
	}
	level := strings.ReplaceAll(it.SupportLevel, "_", " ")
	if level == "" {
		level = "support level not recorded"
	}
	return level + ", " + EndOfSupport(it, day)
}

// EndOfSupport describes an item's end of support as of day.
func EndOfSupport(it *ward.SoftwareItem, day ward.Date) string {
	switch eos := it.EndOfSupport; {
	case eos == "":
		return "end of support not recorded"
	case eos == "unknown":
		return "end of support unknown"
	default:
		d, err := ward.ParseDate(eos)
		if err != nil {
			return "end of support " + eos
		}
		if d.Before(day) {
			return "ended " + eos
		}
		return "until " + eos
	}
}

// SupportConcern reports whether an item's support needs a word in the
// documents as of day: not actively supported, end of support unknown or
// not recorded, or already past.
func SupportConcern(it *ward.SoftwareItem, day ward.Date) bool {
	if it == nil || (it.Origin == "in_house" && it.SupportLevel == "") {
		return false
	}
	if it.SupportLevel != "active" {
		return true
	}
	if it.EndOfSupport == "" || it.EndOfSupport == "unknown" {
		return false
	}
	d, err := ward.ParseDate(it.EndOfSupport)
	return err != nil || d.Before(day)
}

// CategoryMeaning says what a risk-transfer category means for the
// operator (ISH1 reading of 4.3).
func CategoryMeaning(category string) string {
	switch category {
	case "maintained":
		return "the manufacturer delivers its security updates"
	case "supported":
		return "the supplier updates it, the manufacturer qualifies the updates, the operator installs them"
	case "required":
		return "the operator provides and maintains it to the manufacturer's requirements"
	}
	return "category not recorded"
}
