package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 4.1.3 — identification of applicability.

func init() {
	register("R413-1", checkApplicabilityMatrix)
	register("R413-2", checkConformanceCitesMatrix)
}

// checkApplicabilityMatrix: the applicability matrix has a row for every
// assessed clause of 4–9 (and of Annex F for transitional software), each
// saying yes, no or partial; every no or partial row has a rationale and an
// approver.
func checkApplicabilityMatrix(in *Input, c *Check) {
	cat, err := Load()
	if err != nil {
		c.Manual("the clause catalog could not be read (%v): compare applicability[] with clauses 4–9 by hand", err)
		return
	}
	transitional := in.File.Product != nil && in.File.Product.Transitional
	n := 0
	for _, cl := range cat.Clauses {
		if !cl.Assessed() || (cl.AnnexF && !transitional) {
			continue
		}
		n++
		a := in.Applicability(cl.ID)
		if a == nil {
			c.Missing(ward.Pos{}, "clause %s (%s): no row in the applicability matrix (applicability:)", cl.ID, cl.Title)
			continue
		}
		switch a.Applies {
		case ward.AppliesYes:
		case ward.AppliesNo, ward.AppliesPartial:
			if strings.TrimSpace(a.Rationale) == "" {
				c.Missing(a.At, "applicability %s: applies %s without a rationale", a.Clause, a.Applies)
			}
			if a.ApprovedBy == "" {
				c.Missing(a.At, "applicability %s: applies %s without approved_by", a.Clause, a.Applies)
			}
		default:
			c.Missing(a.At, "applicability %s: applies is %q (want yes, no or partial)", a.Clause, a.Applies)
			continue
		}
	}
	c.OK("the applicability matrix covers all %d clauses with justified tailoring", n)
}

// checkConformanceCitesMatrix: the release's conformance statement was
// reviewed no earlier than the last approval of the applicability matrix
// before the release, so it cannot describe a superseded matrix. Which
// matrix version the statement cites is not recorded, so a passing check
// still asks a human to confirm the citation.
func checkConformanceCitesMatrix(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:, so no conformance statement can be checked")
		return
	}
	docs := linkedDocumentsOfKind(in, r, "conformance")
	if len(docs) == 0 {
		c.Missing(r.At, "release %s: no conformance document linked (kind conformance, in release.documents or document.releases)", r.Version)
		return
	}
	var last *ward.Applicability
	for _, a := range in.File.Applicability {
		if !a.ApprovedAt.IsZero() && !a.ApprovedAt.After(r.Date) && (last == nil || a.ApprovedAt.After(last.ApprovedAt)) {
			last = a
		}
	}
	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		ids = append(ids, d.ID)
		switch {
		case d.ReviewedAt.IsZero():
			c.Missing(d.At, "conformance document %s: no reviewed_at, so it cannot be tied to the applicability matrix in force on %s", d.ID, r.Date)
		case last != nil && d.ReviewedAt.Before(last.ApprovedAt):
			c.Missing(d.At, "conformance document %s: reviewed %s, before applicability row %s was re-approved on %s; it may cite a superseded matrix", d.ID, d.ReviewedAt, last.Clause, last.ApprovedAt)
		default:
			c.Cite(d.ID)
		}
	}
	c.Manual("confirm that conformance document %s cites the applicability matrix version in force on %s (the security file does not record which version a document cites)", strings.Join(ids, ", "), r.Date)
}
