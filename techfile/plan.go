package techfile

import (
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/paper"
)

// planKinds are the document kinds that make up the security plan.
var planKinds = []string{"security_plan", "development_plan", "risk_management_plan", "maintenance_plan", "management_plan", "applicability_matrix", "cvd_policy"}

// plan is the security plan and responsibilities (4.1.1, 4.1.2, 4.1.4, 5.1.1).
func (t *builder) plan() *paper.Section {
	s := &paper.Section{ID: "security-plan", Title: "Security plan and responsibilities"}
	s.Blocks = append(s.Blocks, paper.Para{Text: "The security activities of IEC 81001-5-1 are carried out under the quality management system by the roles and people below (4.1.1, 4.1.2), " +
		"with the competencies and trainings recorded for them (4.1.4), following the plans and procedures listed."})
	docs := t.docsFor(planKinds...)
	if len(docs) == 0 {
		s.Blocks = append(s.Blocks, gapNote("The security file records no plan document (documents of kind security_plan, development_plan, risk_management_plan, maintenance_plan or management_plan)."))
	} else {
		tb := paper.Table{Caption: "Plans", Header: []string{"Document", "Kind", "Title", "Version", "Author", "Reviewed"}}
		for _, d := range docs {
			tb.Rows = append(tb.Rows, []string{d.ID, kindName(d.Kind), d.Title, orDash(d.Version), t.person(d.Author), reviewed(d.ReviewedBy, d.ReviewedAt)})
		}
		s.Blocks = append(s.Blocks, tb)
	}

	roles := &paper.Section{ID: "roles", Title: "Roles"}
	if len(t.File.Roles) == 0 {
		roles.Blocks = append(roles.Blocks, gapNote("The security file defines no security roles (roles)."))
	} else {
		tb := paper.Table{Header: []string{"Role", "Responsibilities", "Competencies required", "Authority", "Held by"}, Widths: []float64{2, 3.4, 1.6, 1.2, 1.8}}
		for _, r := range sortedBy(t.File.Roles, func(r *ward.Role) string { return r.ID }) {
			var holders []string
			for _, p := range t.File.People {
				if p.IsActive() && contains(p.Roles, r.ID) {
					holders = append(holders, p.Name)
				}
			}
			var authority []string
			if r.RiskAcceptance {
				authority = append(authority, "accepts residual risks")
			}
			if r.ReleaseAuthority {
				authority = append(authority, "approves releases")
			}
			tb.Rows = append(tb.Rows, []string{r.ID + ": " + r.Name, strings.Join(r.Responsibilities, "; "), join(r.Competencies), join(authority), joinOr(holders, "nobody active")})
		}
		roles.Blocks = append(roles.Blocks, tb)
	}

	people := &paper.Section{ID: "people", Title: "People, competencies and training"}
	if len(t.File.People) == 0 {
		people.Blocks = append(people.Blocks, gapNote("The security file names no people (people)."))
	} else {
		tb := paper.Table{Header: []string{"Person", "Organisation", "Roles", "Competencies (valid until)", "Last security training", "Active"}, Widths: []float64{1.4, 1.6, 1.4, 2.6, 1.8, 0.6}}
		for _, p := range sortedBy(t.File.People, func(p *ward.Person) string { return p.ID }) {
			var comps []string
			for _, c := range p.Competencies {
				v := c.Name
				if !c.ValidUntil.IsZero() {
					v += " (" + c.ValidUntil.String() + ")"
				}
				comps = append(comps, v)
			}
			last := dash
			var newest *ward.Training
			for _, tr := range p.Trainings {
				if newest == nil || tr.Date.After(newest.Date) {
					newest = tr
				}
			}
			if newest != nil {
				last = newest.Date.String() + ": " + newest.Topic
			}
			tb.Rows = append(tb.Rows, []string{p.Name + " (" + p.ID + ")", orgOf(p), join(p.Roles), join(comps), last, yesNo(p.IsActive())})
		}
		people.Blocks = append(people.Blocks, tb)
	}

	procs := &paper.Section{ID: "process-docs", Title: "Procedures of the quality management system"}
	if len(t.File.ProcessDocs) == 0 {
		procs.Blocks = append(procs.Blocks, gapNote("The security file lists no QMS procedures (process_docs) that implement the security activities (4.1.1)."))
	} else {
		tb := paper.Table{Header: []string{"Procedure", "Title", "Clauses", "Author", "Approved", "Next review"}, Widths: []float64{1.3, 2.2, 2.6, 1.3, 1.6, 1}}
		for _, d := range sortedBy(t.File.ProcessDocs, func(d *ward.ProcessDoc) string { return d.ID }) {
			tb.Rows = append(tb.Rows, []string{d.ID + " v" + d.Version, d.Title, join(d.Clauses), t.person(d.Author),
				t.person(d.Approver) + " on " + dateOr(d.ApprovedAt, "?"), dateOr(d.NextReview, dash)})
		}
		procs.Blocks = append(procs.Blocks, tb)
	}
	s.Sections = []*paper.Section{roles, people, procs}
	return s
}

func orgOf(p *ward.Person) string {
	var parts []string
	for _, v := range []string{p.Organisation, p.Department, p.Team} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	return joinOr(parts, dash)
}

func reviewed(by string, at ward.Date) string {
	switch {
	case by == "" && at.IsZero():
		return "not reviewed"
	case at.IsZero():
		return by
	case by == "":
		return at.String()
	}
	return by + " on " + at.String()
}

func kindName(k string) string { return strings.ReplaceAll(k, "_", " ") }

// applicability is the applicability and tailoring of the standard (4.1.3).
func (t *builder) applicability() *paper.Section {
	s := &paper.Section{ID: "applicability", Title: "Applicability and tailoring"}
	s.Blocks = append(s.Blocks, paper.Para{Text: "Which activities of IEC 81001-5-1 apply to the product, who owns each, and the rationale and approval of every tailoring (4.1.2, 4.1.3; the conformance statement of 5.8.2 b rests on it)."})
	if len(t.File.Applicability) == 0 {
		s.Blocks = append(s.Blocks, gapNote("The security file has no applicability records: which clauses apply, their owners and any tailoring are not recorded (applicability)."))
		return s
	}
	var tailored []string
	tb := paper.Table{Header: []string{"Clause", "Title", "Applies", "Owner", "Rationale", "Approved"}, Widths: []float64{0.7, 2.4, 0.7, 1.3, 3, 1.5}}
	for _, a := range sortedBy(t.File.Applicability, func(a *ward.Applicability) string { return clauseKey(a.Clause) }) {
		title := dash
		if c := t.catalog.Clause(a.Clause); c != nil {
			title = c.Title
		}
		approved := dash
		if a.ApprovedBy != "" || !a.ApprovedAt.IsZero() {
			approved = reviewed(t.person(a.ApprovedBy), a.ApprovedAt)
		}
		tb.Rows = append(tb.Rows, []string{a.Clause, title, string(a.Applies), orDash(a.Owner), orDash(a.Rationale), approved})
		if a.Applies != ward.AppliesYes {
			tailored = append(tailored, a.Clause+" ("+string(a.Applies)+")")
		}
	}
	if len(tailored) == 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "Every clause recorded applies in full; nothing is tailored."})
	} else {
		s.Blocks = append(s.Blocks, paper.Para{Text: "Tailored: " + strings.Join(tailored, ", ") + "."})
	}
	s.Blocks = append(s.Blocks, tb)
	return s
}

// clauseKey sorts clause numbers numerically: "5.10" after "5.9".
func clauseKey(c string) string {
	var b strings.Builder
	for _, part := range strings.Split(c, ".") {
		for len(part) < 4 {
			part = "0" + part
		}
		b.WriteString(part)
		b.WriteByte('.')
	}
	return b.String()
}
