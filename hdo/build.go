package hdo

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/gap"
	"github.com/wardhq/ward/paper"
	"github.com/wardhq/ward/techfile"
)

// Input is what the customer security documentation is made from.
type Input struct {
	File    *ward.SecurityFile // a security file without problems (cli's loadValidFile)
	Release string             // version of the release the document is for; required
	// Date is the document's date; zero means the release's date. Support
	// dates are judged as of it.
	Date   ward.Date
	SBOMs  []gap.LoadedSBOM // every SBOM the security file references, as read (cli's loadSBOMs)
	Source techfile.Source
}

// Build makes the customer security documentation of in.Release. It
// returns EInvalid when no release is named and ENotFound when the file
// has no such release.
func Build(in Input) (*paper.Document, error) {
	b, err := techfile.NewBasis(in.File, in.Release, in.Date, in.SBOMs)
	if err != nil {
		return nil, err
	}
	h := &builder{Basis: b}
	d := &paper.Document{
		Title:    "Security information for the operator",
		Subtitle: b.ProductName() + " " + b.Version(),
		Meta:     b.Meta(in.Source),
		Date:     b.Date.String(),
	}
	conformance := h.conformance()
	d.Sections = []*paper.Section{
		h.about(),
		conformance,
		h.environment(),
		h.secureOperation(),
		h.defenseInDepth(),
		h.hardening(),
		h.interfaces(),
		h.accounts(),
		h.logging(),
		h.backup(),
		h.updates(),
		h.residualRisks(),
		h.decommissioning(),
		h.sbom(),
	}
	// The coverage table points at sections by number, which only the
	// finished outline gives.
	conformance.Sections = append(conformance.Sections, annexE(d))
	d.Footer = b.ProductName() + " " + b.Version() + " · operator security information · " + b.Origin(in.Source)
	return d, nil
}

type builder struct {
	*techfile.Basis
}

func (h *builder) context() *ward.SecurityContext {
	if h.File.Context == nil {
		return &ward.SecurityContext{}
	}
	return h.File.Context
}

func (h *builder) architecture() *ward.Architecture {
	if h.File.Architecture == nil {
		return &ward.Architecture{}
	}
	return h.File.Architecture
}

// docs returns the release's accompanying documents of the given kinds.
func (h *builder) docs(kinds ...string) []*ward.Document {
	return techfile.ReleaseDocuments(h.File, h.Release, kinds...)
}

// covering returns the release's documents whose covers name any of topics.
func (h *builder) covering(topics ...string) []*ward.Document {
	var out []*ward.Document
	for _, d := range h.docs() {
		for _, t := range topics {
			if contains(d.Covers, t) {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// docPara points at the documents that hold the detailed instructions.
func docPara(what string, docs []*ward.Document) paper.Para {
	refs := make([]string, len(docs))
	for i, d := range docs {
		refs[i] = techfile.DocRef(d)
		if d.Path != "" {
			refs[i] += " (" + d.Path + ")"
		}
	}
	return paper.Para{Text: what + ": " + strings.Join(refs, "; ") + "."}
}

func (h *builder) about() *paper.Section {
	s := &paper.Section{ID: "about", Title: "About this document"}
	s.Blocks = append(s.Blocks, paper.Para{Text: "This document gives the healthcare delivery organisation (HDO) operating " + h.ProductName() + " release " + h.Version() +
		" the security information it needs to install, operate, maintain and decommission the product securely (IEC 81001-5-1 5.8.2, 5.8.7 and Annex E). " +
		"It was generated from the manufacturer's security file; where that file does not give the information, a note marked as a gap says what is missing."})
	if p := h.File.Product; p != nil {
		s.Blocks = append(s.Blocks, paper.Fields{Items: []paper.Field{
			{Label: "Product", Value: p.Name},
			{Label: "Manufacturer", Value: p.Manufacturer},
			{Label: "Release", Value: h.Version() + " of " + h.Release.Date.String()},
			{Label: "Intended use", Value: orDash(p.IntendedUse)},
			{Label: "Description", Value: orDash(p.Description)},
			{Label: "End of security support", Value: dateOr(p.SupportEnd, "not recorded")},
		}})
	}
	var files []string
	if _, err := ReleaseSBOM(h.Basis); err == nil {
		cdx, spdx := SBOMFileNames(h.Version())
		files = append(files, cdx+": the software bill of materials as CycloneDX 1.6", spdx+": the same as SPDX 2.3")
	}
	xlsx, csv, json := MDS2FileNames(h.Version())
	files = append(files, xlsx+", "+csv+", "+json+": the MDS2 form (ANSI/NEMA HN 1-2019) of release "+h.Version())
	s.Blocks = append(s.Blocks, paper.Para{Text: "Delivered with this document:"}, paper.List{Items: files})
	c := &paper.Section{ID: "contact", Title: "Reporting a vulnerability or incident"}
	if d := h.File.Disclosure; d == nil {
		c.Blocks = append(c.Blocks, gapNote("No security contact or disclosure policy is recorded (disclosure)."))
	} else {
		items := []paper.Field{{Label: "Security contact", Value: d.Contact}, {Label: "Disclosure policy", Value: d.PolicyURL}}
		if d.Encryption != "" {
			items = append(items, paper.Field{Label: "Encrypted reports", Value: d.Encryption})
		}
		if d.AckDays > 0 {
			items = append(items, paper.Field{Label: "Acknowledgement within", Value: fmt.Sprintf("%d days", d.AckDays)})
		}
		if len(d.Languages) > 0 {
			items = append(items, paper.Field{Label: "Languages", Value: join(d.Languages)})
		}
		c.Blocks = append(c.Blocks, paper.Para{Text: "Report suspected vulnerabilities and security incidents to the manufacturer's security team:"}, paper.Fields{Items: items})
	}
	s.Sections = []*paper.Section{c}
	return s
}

// conformance is the statement of 5.8.2 b: scope and tailoring; the
// Annex E coverage is added when the outline is complete.
func (h *builder) conformance() *paper.Section {
	s := &paper.Section{ID: "conformance", Title: "Conformance to IEC 81001-5-1"}
	p := h.File.Product
	route := "clauses 4 to 9"
	if p != nil && p.Transitional {
		route = "Annex F (transitional health software)"
	}
	s.Blocks = append(s.Blocks, paper.Para{Text: "The product was developed and is maintained under the security activities of IEC 81001-5-1, " + route + "."})
	var tailored []string
	for _, a := range h.File.Applicability {
		if a.Applies != ward.AppliesYes {
			v := a.Clause + " (" + string(a.Applies) + ")"
			if a.Rationale != "" {
				v += ": " + a.Rationale
			}
			tailored = append(tailored, v)
		}
	}
	switch {
	case len(h.File.Applicability) == 0:
		s.Blocks = append(s.Blocks, gapNote("Which clauses apply and how they are tailored is not recorded (applicability)."))
	case len(tailored) == 0:
		s.Blocks = append(s.Blocks, paper.Para{Text: "Every clause applies in full; nothing is tailored."})
	default:
		s.Blocks = append(s.Blocks, paper.Para{Text: "Tailoring:"}, paper.List{Items: tailored})
	}
	if docs := h.docs("conformance"); len(docs) > 0 {
		s.Blocks = append(s.Blocks, docPara("Conformance statement", docs))
	} else {
		s.Blocks = append(s.Blocks, gapNote("No conformance statement (document of kind conformance) is recorded for release %s.", h.Version()))
	}
	return s
}

// annexE maps the documents of IEC 81001-5-1 5.8.2, 5.8.7 and Annex E to
// the sections of d that give them.
func annexE(d *paper.Document) *paper.Section {
	nums := techfile.Numbers(d)
	titles := map[string]string{}
	var walk func([]*paper.Section)
	walk = func(list []*paper.Section) {
		for _, s := range list {
			titles[s.ID] = s.Title
			walk(s.Sections)
		}
	}
	walk(d.Sections)
	ref := func(ids ...string) string {
		var out []string
		for _, id := range ids {
			if t, ok := titles[id]; ok {
				out = append(out, nums[id]+" "+t+" ("+id+")")
			}
		}
		return strings.Join(out, "; ")
	}
	return &paper.Section{ID: "annex-e", Title: "Where this document gives the release documentation", Blocks: []paper.Block{
		paper.Table{Header: []string{"Release documentation", "Where"}, Widths: []float64{3, 5}, Rows: [][]string{
			{"5.8.2 a) Secure operation guidelines", ref("secure-operation", "interfaces")},
			{"5.8.2 b) Conformance: scope, tailoring, Annex E coverage", ref("conformance")},
			{"5.8.2 c) Account management guidelines", ref("accounts")},
			{"5.8.2 d) Relevant residual security risks", ref("residual-risks")},
			{"E.2.1 Product documentation", ref("about", "environment", "sbom")},
			{"E.2.2 Defence-in-depth documentation of the product", ref("secure-operation")},
			{"E.2.3 Defence-in-depth measures expected in the environment", ref("defense-in-depth")},
			{"E.2.4 Security hardening guidelines", ref("hardening")},
			{"E.2.5 Security update information", ref("updates")},
			{"E.3 and 5.8.7 Secure decommissioning", ref("decommissioning")},
			{"Logging, backup and restore (FDA labeling VI.A)", ref("logging", "backup")},
		}},
	}}
}

// Small helpers.

const dash = "—"

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return dash
	}
	return s
}

func join(list []string) string {
	if len(list) == 0 {
		return dash
	}
	return strings.Join(list, ", ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func dateOr(d ward.Date, none string) string {
	if d.IsZero() {
		return none
	}
	return d.String()
}

func kindName(k string) string { return strings.ReplaceAll(k, "_", " ") }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func gapNote(format string, args ...any) paper.Note {
	return paper.Note{Kind: "gap", Text: fmt.Sprintf(format, args...)}
}

func warnNote(format string, args ...any) paper.Note {
	return paper.Note{Kind: "warning", Text: fmt.Sprintf(format, args...)}
}
