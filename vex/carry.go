package vex

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wardhq/ward"
)

// Reopened is a decision that did not carry forward and needs review.
type Reopened struct {
	Statement ward.VEXStatement // the previous decision, unchanged
	Component *ward.Component   // the component in the new release it was about; nil for product-wide ones
	Reason    string            // why it needs review, for the triage queue and the audit trail
}

// CarryForward moves VEX decisions of the previous release of a product to
// the next one, so that triage is done once per component version rather
// than once per release (Dependency-Track #176, #2183), and re-opens those
// the change may have invalidated.
//
// For each previous statement, the components of the previous release it
// names (by Components, or by Product when it has none; see ApplyScope) are
// paired with the components of the current release by package identity:
// the purl without version, else the CPE vendor and product, else group and
// name. Then:
//
//   - same version in the current release: the decision carries forward.
//     Its component identifiers are rewritten to the current component's
//     purl (else CPE, else bom-ref), since bom-refs differ between SBOMs;
//     Timestamp, Author and Source stay those of the original decision.
//   - a different version (and not the old one as well): re-opened, reason
//     "version changed from A to B".
//   - the component is gone: the decision is dropped, neither carried nor
//     re-opened — there is nothing left to decide.
//   - a statement naming none of the previous components (a product-wide
//     statement, or one about a component not in the SBOM) carries forward
//     unchanged: its identifiers alone decide where it applies.
//
// When snapshotChanged (the advisory data differs from the snapshot the
// decision was made against) and advisoryModified reports a modification of
// the statement's vulnerability after the statement's Timestamp, the
// statement is re-opened instead of carried, reason "advisory … modified
// …". advisoryModified may be nil (no advisory is then known to have
// changed); it returns the zero time for unknown IDs.
//
// A statement naming several components is split: the part whose
// components are unchanged carries, each changed component is re-opened.
// Results are in the order of prev, then of currComponents.
func CarryForward(prev []ward.VEXStatement, prevComponents, currComponents []*ward.Component, snapshotChanged bool, advisoryModified func(id string) time.Time) (carried []ward.VEXStatement, reopened []Reopened) {
	byKey := map[string][]*ward.Component{}
	for _, c := range currComponents {
		if c != nil {
			k := packageKey(c)
			byKey[k] = append(byKey[k], c)
		}
	}
	for _, s := range prev {
		if snapshotChanged && advisoryModified != nil {
			if m := advisoryModified(s.Vulnerability); !m.IsZero() && m.After(s.Timestamp) {
				reopened = append(reopened, Reopened{
					Statement: s,
					Reason: fmt.Sprintf("advisory %s was modified on %s, after this decision of %s",
						s.Vulnerability, m.UTC().Format(time.RFC3339), s.Timestamp.UTC().Format(time.RFC3339)),
				})
				continue
			}
		}
		ids := s.Components
		if len(ids) == 0 {
			ids = []string{s.Product}
		}
		var keep []string
		named := false
		for _, id := range ids {
			var olds []*ward.Component
			for _, c := range prevComponents {
				if c != nil && identifies(id, target{c: c, file: fileOf(s.Source)}, s.Source) {
					olds = append(olds, c)
				}
			}
			if len(olds) == 0 {
				keep = append(keep, id)
				continue
			}
			named = true
			for _, old := range olds {
				currs := byKey[packageKey(old)]
				if len(currs) == 0 {
					continue // removed: nothing left to decide
				}
				if i := slices.IndexFunc(currs, func(c *ward.Component) bool { return c.Version == old.Version }); i >= 0 {
					keep = append(keep, carriedID(id, currs[i]))
					continue
				}
				for _, c := range currs {
					reopened = append(reopened, Reopened{
						Statement: s,
						Component: c,
						Reason:    fmt.Sprintf("%s version changed from %s to %s", old.DisplayName(), orNone(old.Version), orNone(c.Version)),
					})
				}
			}
		}
		if len(keep) == 0 {
			continue
		}
		c := s
		keep = slices.Compact(keep)
		if len(s.Components) == 0 {
			if named && len(keep) > 0 {
				c.Product = keep[0]
			}
		} else {
			c.Components = keep
		}
		carried = append(carried, c)
	}
	return carried, reopened
}

// carriedID is how a carried statement names the current component: the
// old identifier when it is a purl or CPE (it names the same package in
// any SBOM), else the current component's best identifier.
func carriedID(id string, c *ward.Component) string {
	base, _ := splitVers(id)
	switch kindOf(base) {
	case idPURL, idCPE:
		return id
	}
	return bestID(c)
}

// packageKey identifies a package across releases: what stays when its
// version changes.
func packageKey(c *ward.Component) string {
	switch {
	case c.PURL != "":
		return "purl:" + purlKey(c.PURL)
	case c.CPE != "":
		if f := splitCPE(c.CPE); len(f) == 13 {
			return "cpe:" + strings.ToLower(f[3]+":"+f[4])
		}
		return "cpe:" + strings.ToLower(c.CPE)
	}
	return "name:" + strings.ToLower(c.Group+"/"+c.Name)
}

func fileOf(src string) string {
	f, _, _ := strings.Cut(src, "#")
	return f
}

func orNone(v string) string {
	if v == "" {
		return "(none)"
	}
	return v
}
