package gap

import (
	"github.com/wardhq/ward"
)

// Clause 6.3.3 — maintained software security update integrity.

func init() {
	register("R633-1", checkUpdatePackagesSigned)
}

// checkUpdatePackagesSigned: every security update is signed, each
// artifact of its release has a signature and signing key, and a passing
// update_integrity test shows the product refuses unsigned or altered
// packages.
func checkUpdatePackagesSigned(in *Input, c *Check) {
	maintained := false
	for _, it := range in.File.Components {
		maintained = maintained || in.Category(it) == "maintained"
	}
	if len(in.File.Updates) == 0 && !maintained {
		c.NotApplicable("no maintained items and no security updates")
		return
	}
	for _, u := range in.File.Updates {
		ok := true
		if !u.Signed {
			c.Missing(u.At, "%s: update package is not signed (signed: true)", u.ID)
			ok = false
		}
		if r := in.ReleaseByVersion(u.Release); r != nil {
			for _, a := range r.Artifacts {
				if a.Signature == "" || a.SigningKey == "" {
					c.Missing(a.At, "%s: artifact %s of release %s has no signature or signing_key", u.ID, a.Name, r.Version)
					ok = false
				}
			}
		}
		if ok {
			c.Cite(u.ID)
		}
	}
	var proof []string
	for _, t := range in.File.Tests {
		if t.Kind == ward.TestUpdateIntegrity && testPassed(t) {
			proof = append(proof, t.ID)
		}
	}
	if len(proof) == 0 {
		c.Missing(ward.Pos{}, "no passing update_integrity test shows the product rejects unsigned or tampered update packages")
	}
	c.Cite(proof...)
	c.OK("update packages are signed and %s shows tampered packages are rejected", joinIDs(proof))
}
