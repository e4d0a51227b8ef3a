package gap

import (
	"github.com/wardhq/ward"
)

// Clause 4.1.1 — quality management system.

func init() {
	register("R411-1", checkProcessDocsCoverClauses)
	register("R411-2", checkProcessDocsReviewed)
}

// checkProcessDocsCoverClauses: every clause the product must address (4–9,
// or Annex F for transitional software, less clauses tailored out) is
// implemented by at least one process document approved by someone other
// than its author, on or before today. A document listing "5" or "5.7"
// covers the clauses under it.
func checkProcessDocsCoverClauses(in *Input, c *Check) {
	clauses, err := clausesToAddress(in)
	if err != nil {
		c.Manual("the clause catalog could not be read (%v): compare process_docs[].clauses with clauses 4–9 by hand", err)
		return
	}
	var approved []*ward.ProcessDoc
	for _, d := range in.File.ProcessDocs {
		switch {
		case d.Approver == "":
			c.Missing(d.At, "process document %s: no approver", d.ID)
		case d.Approver == d.Author:
			c.Missing(d.At, "process document %s: approved by its own author %s (approval needs a second person)", d.ID, d.Author)
		case d.ApprovedAt.IsZero():
			c.Missing(d.At, "process document %s: no approved_at date", d.ID)
		case d.ApprovedAt.After(in.Today):
			c.Missing(d.At, "process document %s: approved_at %s is in the future", d.ID, d.ApprovedAt)
		default:
			approved = append(approved, d)
		}
	}
	for _, cl := range clauses {
		var by []string
		for _, d := range approved {
			for _, ref := range d.Clauses {
				if clauseCovers(ref, cl.ID) {
					by = append(by, d.ID)
					break
				}
			}
		}
		if len(by) == 0 {
			c.Missing(ward.Pos{}, "clause %s (%s): no approved process document implements it (list it under process_docs[].clauses)", cl.ID, cl.Title)
			continue
		}
		c.Cite(by...)
	}
	c.OK("all %d clauses are implemented by approved process documents", len(clauses))
}

// checkProcessDocsReviewed: no process document is past its next review;
// without a next_review date the policy interval runs from the approval.
func checkProcessDocsReviewed(in *Input, c *Check) {
	if len(in.File.ProcessDocs) == 0 {
		c.Missing(ward.Pos{}, "no process documents recorded under process_docs:")
		return
	}
	for _, d := range in.File.ProcessDocs {
		due := d.NextReview
		if due.IsZero() && !d.ApprovedAt.IsZero() {
			due = d.ApprovedAt.AddMonths(in.Policy.DocReviewMonths)
		}
		switch {
		case due.IsZero():
			c.Missing(d.At, "process document %s: neither next_review nor approved_at, so its review cannot be scheduled", d.ID)
		case due.Before(in.Today):
			c.Missing(d.At, "process document %s: review was due %s", d.ID, due)
		default:
			c.Cite(d.ID)
		}
	}
	c.OK("all %d process documents are within their review period", len(in.File.ProcessDocs))
}
