package techfile

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/gap"
	"github.com/wardhq/ward/paper"
	"github.com/wardhq/ward/risk"
	"github.com/wardhq/ward/threat"
	"github.com/wardhq/ward/trace"
)

// Input is what the technical file is made from.
type Input struct {
	File    *ward.SecurityFile // a security file without problems (cli's loadValidFile)
	Release string             // version of the release the document is for; required
	// Date is the document's date; zero means the release's date. The
	// threat rules, the gap rules and support dates are evaluated for it.
	Date  ward.Date
	SBOMs []gap.LoadedSBOM // every SBOM the security file references, as read (cli's loadSBOMs)
	// ReportProblems are the local test reports that are missing or no
	// longer match their digest (record.VerifyReports); ReportsChecked says
	// the caller checked them. Both go to the gap rules.
	ReportProblems ward.PosErrors
	ReportsChecked bool
	Source         Source
}

// Build makes the security technical documentation of in.Release. It
// returns EInvalid when no release is named and ENotFound when the file
// has no such release; the same Input always gives the same Document.
func Build(in Input) (*paper.Document, error) {
	b, err := NewBasis(in.File, in.Release, in.Date, in.SBOMs)
	if err != nil {
		return nil, err
	}
	cat, err := gap.Load()
	if err != nil {
		return nil, fmt.Errorf("technical file: %w", err)
	}
	t := &builder{Basis: b, in: in}
	t.gen = threat.Generate(threat.NewModel(b.File, b.Date))
	t.decided = threat.Decide(t.gen, b.File.Threats)
	t.reg = risk.Build(b.File)
	t.matrix = trace.Build(b.File, t.gen, b.Version())
	t.gapIn = gap.NewInput(b.File, b.Date, in.SBOMs, b.Version())
	t.gapIn.Generated = t.gen
	t.gapIn.ReportProblems, t.gapIn.ReportsChecked = in.ReportProblems, in.ReportsChecked
	t.gap = gap.Evaluate(cat, t.gapIn)
	t.catalog = cat

	d := &paper.Document{
		Title:    "Cybersecurity technical documentation",
		Subtitle: b.ProductName() + " " + b.Version(),
		Meta:     b.Meta(in.Source),
		Date:     b.Date.String(),
	}
	about := t.about()
	d.Sections = []*paper.Section{
		about,
		t.plan(),
		t.applicability(),
		t.context(),
		t.architecture(),
		t.threatModel(),
		t.riskAssessment(),
		t.requirements(),
		t.traceability(),
		t.sbom(),
		t.testing(),
		t.findings(),
		t.release(),
		t.management(),
		t.gapReport(),
	}
	// The maps point at sections by number, which only the finished
	// outline gives.
	about.Sections = append(about.Sections, t.fdaMap(d))
	if b.File.Product.InScope(ward.RegCRA) {
		about.Sections = append(about.Sections, t.craMap(d))
	}
	d.Footer = b.ProductName() + " " + b.Version() + " · technical documentation · " + b.Origin(in.Source)
	return d, nil
}

// builder holds what the engines derived, computed once per document.
type builder struct {
	*Basis
	in      Input
	gen     []ward.GeneratedThreat
	decided threat.Decisions
	reg     *risk.Register
	matrix  *trace.Matrix
	catalog *gap.Catalog
	gapIn   *gap.Input
	gap     *gap.Report
}

func (t *builder) about() *paper.Section {
	s := &paper.Section{ID: "about", Title: "About this document"}
	s.Blocks = append(s.Blocks, paper.Para{Text: "This document is the security part of the technical documentation of " +
		t.ProductName() + " release " + t.Version() + ", " + audience(t.File.Product) + ". ward generated it from the " +
		"product's security file: every statement is a record of that file, named by its ID, or derived from the records by ward's " +
		"threat rules, risk register, traceability matrix and IEC 81001-5-1 gap rules. Where the data does not give an answer, " +
		"a note marked as a gap names what is missing."})
	if p := t.File.Product; p != nil {
		route := "IEC 81001-5-1 clauses 4 to 9"
		if p.Transitional {
			route = "IEC 81001-5-1 Annex F (transitional health software)"
		}
		var regs []string
		for _, r := range p.Regulations {
			regs = append(regs, regulationName(r))
		}
		s.Blocks = append(s.Blocks, paper.Fields{Items: []paper.Field{
			{Label: "Description", Value: orDash(p.Description)},
			{Label: "Intended use", Value: orDash(p.IntendedUse)},
			{Label: "Kind", Value: strings.ReplaceAll(string(p.Kind), "_", " ")},
			{Label: "Device class", Value: orDash(p.DeviceClass)},
			{Label: "Markets", Value: join(p.Markets)},
			{Label: "Regulations", Value: join(regs)},
			{Label: "Conformance route", Value: route},
			{Label: "Placed on the market", Value: dateOr(p.PlacedOnMarket, "not recorded")},
			{Label: "End of security support", Value: dateOr(p.SupportEnd, "not recorded")},
		}})
	}
	s.Sections = append(s.Sections, &paper.Section{ID: "about-method", Title: "How this document was made", Blocks: []paper.Block{
		paper.List{Items: []string{
			fmt.Sprintf("Threats: %d derived on %s by ward's %d threat-model rules from the data-flow model, joined with the decisions recorded in the security file, plus %d threats written by hand.",
				len(t.gen), t.Date, len(threat.Rules()), len(t.decided.Manual)),
			fmt.Sprintf("Risks: the security risk register of %d risks placed on the policy's risk matrix, with the hand-off to the ISO 14971 safety risk file.", t.reg.Counts.Risks),
			fmt.Sprintf("Traceability: interface and software item → threat → risk → control → requirement → test on release %s, with %s in the chain.",
				t.Version(), plural(len(t.matrix.Breaks), "break", "breaks")),
			fmt.Sprintf("Gap report: %d rules of the clause catalog %s (%s), evaluated for %s.", t.ruleCount(), t.catalog.Version, t.catalog.Standard, t.Date),
			"Tester independence: as the test records state it (executors, authors, organisation); not re-derived from the repository history.",
		}},
	}})
	return s
}

func (t *builder) ruleCount() int {
	n := 0
	for _, c := range t.gap.Clauses {
		n += len(c.Rules)
	}
	return n
}

// audience names who the technical documentation is for, from the
// regulations in scope.
func audience(p *ward.Product) string {
	var who []string
	if p.InScope(ward.RegMDR) || p.InScope(ward.RegIVDR) {
		who = append(who, "a notified body")
	}
	if p.InScope(ward.RegFDA524B) {
		who = append(who, "an FDA premarket submission")
	}
	if p.InScope(ward.RegCRA) {
		who = append(who, "a conformity assessment under the Cyber Resilience Act (technical documentation of Annex VII)")
	}
	switch len(who) {
	case 0:
		return "for the manufacturer's auditors"
	case 1:
		return "for " + who[0]
	}
	return "for " + strings.Join(who[:len(who)-1], ", ") + " or " + who[len(who)-1]
}

func regulationName(r ward.Regulation) string {
	switch r {
	case ward.RegMDR:
		return "EU MDR 2017/745"
	case ward.RegIVDR:
		return "EU IVDR 2017/746"
	case ward.RegFDA524B:
		return "FD&C Act section 524B (cyber device)"
	case ward.RegCRA:
		return "EU Cyber Resilience Act 2024/2847"
	}
	return string(r)
}

// person names a person by name and ID, or the ID when unknown.
func (t *builder) person(id string) string {
	for _, p := range t.File.People {
		if p.ID == id {
			return p.Name + " (" + id + ")"
		}
	}
	return id
}

func (t *builder) people(ids []string) string {
	var out []string
	for _, id := range ids {
		out = append(out, t.person(id))
	}
	return join(out)
}

// releaseDocs returns the documents of the given kinds that apply to the
// release (listed by it, or listing it), by ID.
func (t *builder) releaseDocs(kinds ...string) []*ward.Document {
	return ReleaseDocuments(t.File, t.Release, kinds...)
}

// ReleaseDocuments returns the documents of the given kinds (all kinds
// when none is given) that the release lists or that list the release,
// sorted by ID.
func ReleaseDocuments(sf *ward.SecurityFile, r *ward.ReleaseRecord, kinds ...string) []*ward.Document {
	var out []*ward.Document
	for _, d := range sortedBy(sf.Documents, func(d *ward.Document) string { return d.ID }) {
		if len(kinds) > 0 && !contains(kinds, d.Kind) {
			continue
		}
		if contains(r.Documents, d.ID) || contains(d.Releases, r.Version) {
			out = append(out, d)
		}
	}
	return out
}

// docsFor returns the documents of the given kinds that apply to the
// release: those that name it, or name no release at all.
func (t *builder) docsFor(kinds ...string) []*ward.Document {
	var out []*ward.Document
	for _, d := range Documents(t.File, kinds...) {
		if len(d.Releases) == 0 || contains(d.Releases, t.Version()) || contains(t.Release.Documents, d.ID) {
			out = append(out, d)
		}
	}
	return out
}

// Documents returns the documents of the given kinds whatever their
// releases (plans and procedures apply to every release), sorted by ID.
func Documents(sf *ward.SecurityFile, kinds ...string) []*ward.Document {
	var out []*ward.Document
	for _, d := range sortedBy(sf.Documents, func(d *ward.Document) string { return d.ID }) {
		if contains(kinds, d.Kind) {
			out = append(out, d)
		}
	}
	return out
}

// DocRef names a document: "DOC-ENV-001 v2.4 “Security measures …”".
func DocRef(d *ward.Document) string {
	s := d.ID
	if d.Version != "" {
		s += " v" + d.Version
	}
	return s + " “" + d.Title + "”"
}

func docRefs(docs []*ward.Document) string {
	var out []string
	for _, d := range docs {
		out = append(out, DocRef(d))
	}
	return join(out)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
