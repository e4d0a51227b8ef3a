package gap

import (
	"github.com/wardhq/ward"
)

// Clause 4.1.9 — ACCOMPANYING DOCUMENTATION review.

func init() {
	register("R419-1", checkAccompanyingDocsReviewed)
	register("R419-2", checkAccompanyingDocsNameRelease)
}

// accompanyingDocs returns the accompanying security documents linked to
// the release, reporting a gap when there is no release or none is linked.
func accompanyingDocs(in *Input, c *Check) []*ward.Document {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:, so its accompanying documents cannot be checked")
		return nil
	}
	var out []*ward.Document
	for _, d := range linkedDocuments(in, r) {
		if accompanyingKinds[d.Kind] {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		c.Missing(r.At, "release %s: no accompanying security document linked (secure_operation, residual_risk, conformance, …)", r.Version)
	}
	return out
}

// checkAccompanyingDocsReviewed: every accompanying security document
// linked to the release was reviewed by someone other than its author, no
// later than the release date.
func checkAccompanyingDocsReviewed(in *Input, c *Check) {
	docs := accompanyingDocs(in, c)
	for _, d := range docs {
		switch {
		case d.ReviewedBy == "":
			c.Missing(d.At, "document %s (%s): not reviewed (reviewed_by)", d.ID, d.Kind)
		case d.ReviewedBy == d.Author:
			c.Missing(d.At, "document %s (%s): reviewed by its own author %s", d.ID, d.Kind, d.Author)
		case d.ReviewedAt.IsZero():
			c.Missing(d.At, "document %s (%s): no reviewed_at date", d.ID, d.Kind)
		case d.ReviewedAt.After(in.Release.Date):
			c.Missing(d.At, "document %s (%s): reviewed %s, after release %s of %s", d.ID, d.Kind, d.ReviewedAt, in.Release.Version, in.Release.Date)
		default:
			c.Cite(d.ID)
		}
	}
	c.OK("all %d accompanying documents were reviewed by a second person before the release", len(docs))
}

// checkAccompanyingDocsNameRelease: every accompanying security document
// linked to the release lists the release among its releases.
func checkAccompanyingDocsNameRelease(in *Input, c *Check) {
	docs := accompanyingDocs(in, c)
	for _, d := range docs {
		if !contains(d.Releases, in.Release.Version) {
			c.Missing(d.At, "document %s (%s): shipped with release %s but does not list it under releases", d.ID, d.Kind, in.Release.Version)
			continue
		}
		c.Cite(d.ID)
	}
	c.OK("all %d accompanying documents name release %s", len(docs), versionOf(in.Release))
}
