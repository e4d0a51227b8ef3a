package gap

import (
	"github.com/wardhq/ward"
)

// Clause 5.8.2 — release documentation.

func init() {
	register("R582-1", checkReleaseDocuments)
	register("R582-2", checkResidualRisksDisclosed)
}

// checkReleaseDocuments: the release under evaluation links a secure
// operation guide, a residual-risk document and a conformance statement,
// plus an account management guide when the product has user accounts.
func checkReleaseDocuments(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	kinds := []string{"secure_operation", "residual_risk", "conformance"}
	if p := in.File.Product; p != nil && p.HasUserAccounts {
		kinds = append(kinds, "account_management")
	}
	for _, k := range kinds {
		docs := linkedDocumentsOfKind(in, r, k)
		if len(docs) == 0 {
			c.Missing(r.At, "release %s: no %s document linked (release.documents or document.releases)", r.Version, k)
			continue
		}
		c.Cite(docs[0].ID)
	}
	c.OK("release %s links all %d required security documents", r.Version, len(kinds))
}

// checkResidualRisksDisclosed: every accepted or transferred residual risk
// is disclosed to users — marked in_labeling, or listed (by ID, in covers)
// in a residual-risk document of the release under evaluation.
func checkResidualRisksDisclosed(in *Input, c *Check) {
	var docs []*ward.Document
	if in.Release != nil {
		docs = linkedDocumentsOfKind(in, in.Release, "residual_risk")
	} else {
		docs = documentsOfKind(in, "residual_risk")
	}
	n := 0
	for _, r := range in.File.Risks {
		accepted := r.Acceptable != nil && *r.Acceptable
		transferred := r.TransferredTo == "hdo" || r.TransferredTo == "patient"
		if !accepted && !transferred {
			continue
		}
		n++
		if r.InLabeling {
			c.Cite(r.ID)
			continue
		}
		var doc *ward.Document
		for _, d := range docs {
			if docCovers(d, r.ID) {
				doc = d
				break
			}
		}
		if doc == nil {
			c.Missing(r.At, "risk %s: accepted or transferred residual risk not in the residual-risk document (in_labeling, or its ID in the document's covers)", r.ID)
			continue
		}
		c.Cite(r.ID, doc.ID)
	}
	if n == 0 {
		c.NotApplicable("no residual risk is accepted or transferred")
	}
	c.OK("all %d accepted or transferred residual risks are disclosed to users", n)
}
