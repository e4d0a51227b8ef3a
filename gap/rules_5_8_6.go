package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 5.8.6 — ACTIVITY completion.

func init() {
	register("R586-1", checkReleaseChecklist)
}

// checkReleaseChecklist: the release under evaluation has a checklist whose
// every item is done with an evidence link or carries a deviation, and an
// approval, dated no later than the release, by a person holding a role
// with release_authority.
func checkReleaseChecklist(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	if len(r.Checklist) == 0 {
		c.Missing(r.At, "release %s: no release checklist", r.Version)
	}
	for _, it := range r.Checklist {
		switch {
		case it.Done && strings.TrimSpace(it.Evidence) == "":
			c.Missing(it.At, "release %s checklist %q: done without an evidence link", r.Version, it.Activity)
		case !it.Done && strings.TrimSpace(it.Deviation) == "":
			c.Missing(it.At, "release %s checklist %q: not done and no approved deviation", r.Version, it.Activity)
		}
	}
	var signed *ward.Approval
	for _, a := range r.Approvals {
		authority := func(ro *ward.Role) bool { return ro.ReleaseAuthority && (a.Role == "" || ro.ID == a.Role) }
		if a.Date.IsZero() || a.Date.After(r.Date) || !personHasRoleWhere(in, a.By, authority) {
			continue
		}
		signed = a
		break
	}
	if signed == nil {
		c.Missing(r.At, "release %s: not signed off on or before %s by a person holding a role with release_authority", r.Version, r.Date)
	} else {
		c.Cite(signed.By)
	}
	c.Cite(r.Version)
	c.OK("release %s checklist complete (%d items) and signed off", r.Version, len(r.Checklist))
}
