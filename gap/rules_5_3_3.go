package gap

import (
	"github.com/wardhq/ward"
)

// Clause 5.3.3 — SECURITY architectural design review.

func init() {
	register("R533-1", checkArchitectureReview)
}

// checkArchitectureReview: the release's architecture version (else the
// file's) has an architecture review of that version, dated no later than
// the release, whose findings are all closed or accepted.
func checkArchitectureReview(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	version := r.ArchitectureVersion
	if version == "" && in.File.Architecture != nil {
		version = in.File.Architecture.Version
	}
	if version == "" {
		c.Missing(r.At, "release %s: no architecture_version, and the file has no architecture version", r.Version)
		return
	}
	var rv *ward.Review
	for _, x := range in.File.Reviews {
		if x.Kind == ward.ReviewArchitecture && x.Version == version && !x.Date.After(r.Date) && (rv == nil || x.Date.After(rv.Date)) {
			rv = x
		}
	}
	if rv == nil {
		c.Missing(r.At, "release %s: no architecture review of version %s dated on or before %s", r.Version, version, r.Date)
		return
	}
	c.Cite(rv.ID)
	for _, id := range rv.Findings {
		if f := devFindingByID(in, id); f != nil && f.Status == "open" {
			c.Missing(f.At, "review %s: finding %s is still open", rv.ID, f.ID)
		}
	}
	if !rv.Closed && len(rv.Findings) == 0 {
		c.Missing(rv.At, "review %s: not closed (closed: true once every finding is closed or accepted)", rv.ID)
	}
	c.OK("architecture %s reviewed in %s (%s), all findings closed or accepted", version, rv.ID, rv.Date)
}
