package mds2

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wardhq/ward"
)

// Value is an answer of the form. It is stored and exported as text.
type Value string

const (
	Yes     Value = "yes"
	No      Value = "no"
	NA      Value = "n/a"
	Unknown Value = "unknown" // the security file does not decide it; the note says what is missing
)

// UnmarshalText accepts only the four answers.
func (v *Value) UnmarshalText(b []byte) error {
	switch x := Value(b); x {
	case Yes, No, NA, Unknown:
		*v = x
		return nil
	}
	return fmt.Errorf("unknown MDS2 answer %q (want yes, no, n/a or unknown)", b)
}

// SBOM is one SBOM of the security file as the caller read it: Ref is the
// sboms[] record, SBOM the parsed document (nil when it could not be read,
// then Err says why).
type SBOM struct {
	Ref  *ward.SBOMRef
	SBOM *ward.SBOM
	Err  error
}

// Form is the MDS2 form of one release, answered from the security file.
// Every exported format is made from it; it holds no time but Date.
type Form struct {
	Form           string // "ANSI/NEMA HN 1-2019"
	CatalogVersion string // questions.yaml version
	Product        Product
	Release        string // version the form describes; "" when the security file has no release
	ReleaseDate    string // YYYY-MM-DD from releases[].date; "" when unknown
	// Date is the form's date, YYYY-MM-DD: the release date unless the
	// caller sets another with SetDate. Never the clock.
	Date     string
	MadeFrom MadeFrom
	// Warnings are contradictions between records that concern the whole
	// form, e.g. a release that shipped another architecture version than
	// the one the security file holds.
	Warnings []string
	Header   []*Field
	Sections []*Section
	Counts   Counts
}

// Product identifies the product the form is about.
type Product struct {
	ID, Name, Manufacturer string
}

// MadeFrom is the data the form was answered from.
type MadeFrom struct {
	// Files are the YAML files of the security file, relative to its folder.
	Files               []string
	SBOMs               []SBOMSource // the release's SBOM(s)
	ArchitectureVersion string       // architecture.version
	ContextReviewedFor  string       // context.reviewed_for
}

// SBOMSource is an SBOM the form's SBOM answers were taken from.
type SBOMSource struct {
	ID, Path   string
	Format     string // "CycloneDX 1.6"; "" when it could not be read
	Components int
	Error      string // why it could not be read
}

// Field is a header field (DOC-1 to DOC-7). Value is "" when the security
// file does not hold it; Note then says which record is missing.
type Field struct {
	ID, Label, Rule string
	Value           string
	Note            string
	Sources         []string
}

// Section is one section of the form with its answered questions.
type Section struct {
	Code, Title string
	Rows        []*Row
}

// Row is one question with its answer: the note explains the answer and
// Sources are the IDs (or paths, for single sections such as
// product.isao) of the records that decided it, sorted.
type Row struct {
	ID, Section, Question, Rule string
	Parent                      string
	Value                       Value
	Note                        string
	Sources                     []string
}

// Counts counts the answers of a form.
type Counts struct {
	Questions, Yes, No, NA, Unknown int
}

// Answer answers every question of the catalog for release (the newest
// release by date when empty) from the security file sf and the SBOMs the
// caller read. It never fails: what the data does not decide is Unknown,
// and a release that is not in the file gives a form whose release-bound
// answers say so. Use ForRelease to refuse an unknown release.
func Answer(sf *ward.SecurityFile, sboms []SBOM, release string) *Form {
	cat, err := LoadCatalog()
	if err != nil {
		panic(err) // the embedded catalog is checked by TestCatalog
	}
	f := newFacts(sf, sboms, release)
	form := &Form{
		Form:           cat.Form,
		CatalogVersion: cat.Version,
		Product:        Product{},
		Release:        f.version,
		MadeFrom:       f.madeFrom(),
		Warnings:       f.warnings,
	}
	if p := sf.Product; p != nil {
		form.Product = Product{ID: p.ID, Name: p.Name, Manufacturer: p.Manufacturer}
	}
	if f.rel != nil && !f.rel.Date.IsZero() {
		form.ReleaseDate = f.rel.Date.String()
	}
	form.Date = form.ReleaseDate
	for _, fd := range cat.Header {
		v, r := fieldRules[fd.Rule](f)
		form.Header = append(form.Header, &Field{ID: fd.ID, Label: fd.Label, Rule: fd.Rule, Value: v,
			Note: r.note, Sources: sortedSources(r.src)})
	}
	for _, sd := range cat.Sections {
		s := &Section{Code: sd.Code, Title: sd.Title}
		for _, q := range sd.Questions {
			row := f.answer(q)
			s.Rows = append(s.Rows, row)
			form.Counts.add(row.Value)
		}
		form.Sections = append(form.Sections, s)
	}
	form.setDateField()
	form.Warnings = f.warnings
	return form
}

// ForRelease is Answer for callers that must not describe a release the
// security file does not have (the HDO documentation): it returns a
// ward.ENotFound error for such a release, and for an empty release when
// the file has no release at all.
func ForRelease(sf *ward.SecurityFile, sboms []SBOM, release string) (*Form, error) {
	if release == "" && len(sf.Releases) == 0 {
		return nil, ward.Errorf(ward.ENotFound, "mds2: the security file has no release (add one under releases)")
	}
	if release != "" && !slices.ContainsFunc(sf.Releases, func(r *ward.ReleaseRecord) bool { return r.Version == release }) {
		return nil, ward.Errorf(ward.ENotFound, "mds2: no release %s in the security file", release)
	}
	return Answer(sf, sboms, release), nil
}

// SetDate sets the form's date (YYYY-MM-DD), shown as DOC-7.
func (f *Form) SetDate(date string) {
	f.Date = date
	f.setDateField()
}

func (f *Form) setDateField() {
	for _, h := range f.Header {
		if h.Rule != "field_date" {
			continue
		}
		h.Value, h.Sources = f.Date, nil
		switch {
		case f.Date == "":
			h.Note = "no date: releases[].date of the release is not set and no date was given"
		case f.Date == f.ReleaseDate:
			h.Note = "the date of release " + f.Release
			h.Sources = []string{"releases[" + f.Release + "]"}
		default:
			h.Note = "date given for the form"
		}
	}
}

// Row returns the row of question id, or nil.
func (f *Form) Row(id string) *Row {
	for _, s := range f.Sections {
		for _, r := range s.Rows {
			if r.ID == id {
				return r
			}
		}
	}
	return nil
}

// Rows returns every row in form order.
func (f *Form) Rows() []*Row {
	var out []*Row
	for _, s := range f.Sections {
		out = append(out, s.Rows...)
	}
	return out
}

func (c *Counts) add(v Value) {
	c.Questions++
	switch v {
	case Yes:
		c.Yes++
	case No:
		c.No++
	case NA:
		c.NA++
	default:
		c.Unknown++
	}
}

// answer runs q's rule, then applies what the catalog says about accounts
// and parents.
func (f *facts) answer(q *Question) *Row {
	row := &Row{ID: q.ID, Section: q.Section, Question: q.Text, Rule: q.Rule, Parent: q.Parent}
	var r result
	switch {
	case q.Accounts && !f.hasAccounts():
		r = na("product.has_user_accounts is false: the product has no user accounts", "product")
	default:
		r = rules[q.Rule].fn(f, q)
	}
	// The form asks a question's details only when the question is yes.
	p := f.answers[q.Parent]
	switch {
	case p != nil && (p.Value == No || p.Value == NA):
		r = na(fmt.Sprintf("%s is %s", p.ID, p.Value))
	case p != nil && p.Value == Unknown && r.v == Unknown && r.note == p.Note:
		r = unknown(fmt.Sprintf("%s is unknown, for the same reason", p.ID))
	}
	r = f.stated(q, r)
	row.Value, row.Note, row.Sources = r.v, r.note, sortedSources(r.src)
	f.answers[q.ID] = row
	return row
}

// stated applies a person's answer from the security file's mds2: section
// where the records leave the question unknown. Where the records decide,
// their answer stands; a statement that says otherwise is a warning.
func (f *facts) stated(q *Question, r result) result {
	var a *ward.MDS2Answer
	for _, x := range f.sf.MDS2 {
		if x.ID == q.ID {
			a = x
			break
		}
	}
	if a == nil {
		return r
	}
	src := "mds2[" + a.ID + "]"
	switch {
	case r.v == Unknown:
		who := a.StatedBy
		for _, p := range f.sf.People {
			if p.ID == a.StatedBy && p.Name != "" {
				who = p.Name + " (" + p.ID + ")"
			}
		}
		return result{Value(a.Answer), fmt.Sprintf("stated by %s on %s: %s", who, a.Date, a.Note), append([]string{src}, r.src...)}
	case string(r.v) != a.Answer:
		f.warn(fmt.Sprintf("%s: stated %s, but the records decide %s (%s); the records' answer stands — correct the records or the statement", src, a.Answer, r.v, r.note))
	}
	return r
}

func sortedSources(src []string) []string {
	out := []string{}
	for _, s := range src {
		if s != "" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// relFiles returns files relative to their common folder, sorted.
func relFiles(files []string) []string {
	if len(files) == 0 {
		return []string{}
	}
	dirs := make([]string, len(files))
	for i, p := range files {
		dirs[i] = filepath.ToSlash(filepath.Dir(p))
	}
	common := dirs[0]
	for _, d := range dirs[1:] {
		for common != "." && common != "/" && d != common && !strings.HasPrefix(d, common+"/") {
			common = filepath.ToSlash(filepath.Dir(common))
		}
	}
	out := make([]string, len(files))
	for i, p := range files {
		p = filepath.ToSlash(p)
		if common != "." {
			p = strings.TrimPrefix(strings.TrimPrefix(p, common), "/")
		}
		out[i] = p
	}
	slices.Sort(out)
	return out
}
