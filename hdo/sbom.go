package hdo

import (
	"io"
	"slices"
	"strings"
	"time"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/paper"
	"github.com/wardhq/ward/sbom"
	"github.com/wardhq/ward/techfile"
)

// SBOMFileNames are the names the SBOM of a release is delivered under,
// beside the document: CycloneDX JSON and SPDX JSON.
func SBOMFileNames(version string) (cyclonedx, spdx string) {
	return "sbom-" + version + ".cdx.json", "sbom-" + version + ".spdx.json"
}

// MDS2FileNames are the names the MDS2 form of a release (package mds2)
// is delivered under, beside the document: XLSX, CSV and JSON.
func MDS2FileNames(version string) (xlsx, csv, json string) {
	base := "mds2-" + version
	return base + ".xlsx", base + ".csv", base + ".json"
}

// sbom is the SBOM summary: the release's SBOM files, its components with
// their risk-transfer category and support, and the vulnerability status
// of the release.
func (h *builder) sbom() *paper.Section {
	s := &paper.Section{ID: "sbom", Title: "Software bill of materials"}
	s.Blocks = append(s.Blocks, techfile.SBOMFilesBlocks(h.Basis)...)
	if _, err := ReleaseSBOM(h.Basis); err == nil {
		cdx, spdx := SBOMFileNames(h.Version())
		s.Blocks = append(s.Blocks, paper.Para{Text: "The machine-readable SBOM of release " + h.Version() + " accompanies this document as " + cdx + " (CycloneDX 1.6) and " + spdx + " (SPDX 2.3)."})
	}
	rows, unlisted := h.Components()
	if len(rows) > 0 {
		s.Blocks = append(s.Blocks, techfile.ComponentTable(rows, h.Date))
	}
	if len(unlisted) > 0 {
		var items []string
		for _, it := range unlisted {
			items = append(items, it.Name+" "+it.Version+" ("+orDash(h.Category(it))+")")
		}
		s.Blocks = append(s.Blocks, paper.Para{Text: "Software the product relies on that its SBOM does not list: " + strings.Join(items, ", ") + "."})
	}
	vul := &paper.Section{ID: "sbom-vulnerabilities", Title: "Known vulnerabilities"}
	if len(h.File.Vulns) == 0 {
		vul.Blocks = append(vul.Blocks, paper.Para{Text: "No vulnerability is recorded for the product."})
	} else {
		vul.Blocks = append(vul.Blocks, paper.Para{Text: "Every vulnerability the manufacturer has assessed for the product, with its status for release " + h.Version() + " (VEX)."},
			techfile.VulnerabilityTable(h.File.Vulns, h.Version()))
	}
	s.Sections = []*paper.Section{vul}
	return s
}

// ReleaseSBOM returns the SBOM of the release: its only readable SBOM, or
// its readable SBOMs merged into one (references prefixed with the SBOM's
// ID so that they stay unique). It returns ENotFound when the release has
// no SBOM and EInvalid when one cannot be read.
func ReleaseSBOM(b *techfile.Basis) (*ward.SBOM, error) {
	if len(b.SBOMs) == 0 {
		return nil, ward.Errorf(ward.ENotFound, "release %s has no SBOM in the security file", b.Version())
	}
	var list []*ward.SBOM
	var ids []string
	for _, s := range b.SBOMs {
		if s.SBOM == nil {
			msg := "unreadable"
			if s.Err != nil {
				msg = ward.MessageOf(s.Err)
			}
			return nil, ward.Errorf(ward.EInvalid, "SBOM %s (%s) of release %s: %s", s.Ref.ID, s.Ref.Path, b.Version(), msg)
		}
		list = append(list, s.SBOM)
		ids = append(ids, s.Ref.ID)
	}
	if len(list) == 1 {
		return list[0], nil
	}
	return merge(b, list, ids), nil
}

func merge(b *techfile.Basis, list []*ward.SBOM, ids []string) *ward.SBOM {
	out := &ward.SBOM{Name: b.ProductName() + " " + b.Version(), Dependencies: map[string][]string{}}
	var created time.Time
	for i, s := range list {
		prefix := ids[i] + "/"
		ref := func(r string) string {
			if r == "" {
				return ""
			}
			return prefix + r
		}
		if s.Created.After(created) {
			created = s.Created
		}
		if out.Subject == nil && s.Subject != nil {
			sub := *s.Subject
			sub.Ref = ref(sub.Ref)
			out.Subject = &sub
		}
		out.Authors = append(out.Authors, s.Authors...)
		out.Tools = append(out.Tools, s.Tools...)
		for _, c := range s.Components {
			cc := *c
			cc.Ref, cc.Parent = ref(c.Ref), ref(c.Parent)
			out.Components = append(out.Components, &cc)
		}
		for k, deps := range s.Dependencies {
			for _, d := range deps {
				out.Dependencies[ref(k)] = append(out.Dependencies[ref(k)], ref(d))
			}
		}
	}
	out.Created = created
	slices.Sort(out.Authors)
	out.Authors = slices.Compact(out.Authors)
	slices.Sort(out.Tools)
	out.Tools = slices.Compact(out.Tools)
	for k := range out.Dependencies {
		slices.Sort(out.Dependencies[k])
	}
	return out
}

// WriteSBOMCycloneDX writes the release's SBOM as CycloneDX 1.6 JSON.
func WriteSBOMCycloneDX(w io.Writer, in Input) error {
	return writeSBOM(w, in, sbom.WriteCycloneDXJSON)
}

// WriteSBOMSPDX writes the release's SBOM as SPDX 2.3 JSON.
func WriteSBOMSPDX(w io.Writer, in Input) error {
	return writeSBOM(w, in, sbom.WriteSPDXJSON)
}

func writeSBOM(w io.Writer, in Input, write func(io.Writer, *ward.SBOM) error) error {
	b, err := techfile.NewBasis(in.File, in.Release, in.Date, in.SBOMs)
	if err != nil {
		return err
	}
	s, err := ReleaseSBOM(b)
	if err != nil {
		return err
	}
	return write(w, s)
}
