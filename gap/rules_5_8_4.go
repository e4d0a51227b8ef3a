package gap

import (
	"sort"
	"strings"

	"github.com/wardhq/ward"
)

// Clause 5.8.4 — controls for private keys.

func init() {
	register("R584-1", checkSigningKeyControls)
}

// checkSigningKeyControls: each signing key used by the artifacts of the
// release under evaluation is kept in an HSM or KMS (or has an approved
// exception), has at least two active custodians, expires after the release
// date, and has an access log and a compromise procedure.
func checkSigningKeyControls(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	used := map[string]bool{}
	for _, a := range r.Artifacts {
		if a.SigningKey != "" {
			used[a.SigningKey] = true
		}
	}
	if len(used) == 0 {
		c.Missing(r.At, "release %s: no artifact names a signing key", r.Version)
		return
	}
	ids := make([]string, 0, len(used))
	for id := range used {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		k := in.SigningKey(id)
		if k == nil {
			c.Missing(r.At, "release %s: signing key %s is not in signing_keys:", r.Version, id)
			continue
		}
		var miss []string
		if k.Storage != "hsm" && k.Storage != "kms" && strings.TrimSpace(k.Exception) == "" {
			miss = append(miss, "storage "+k.Storage+" is not hsm or kms and there is no approved exception")
		}
		active := 0
		for _, p := range k.Custodians {
			if in.PersonIsActive(p) {
				active++
			}
		}
		if active < 2 {
			miss = append(miss, itoa(active)+" active custodians (need 2)")
		}
		switch {
		case k.Expires.IsZero():
			miss = append(miss, "no expiry date")
		case !k.Expires.After(r.Date):
			miss = append(miss, "expires "+k.Expires.String()+", not after the release date "+r.Date.String())
		}
		if strings.TrimSpace(k.AccessLog) == "" {
			miss = append(miss, "no access_log")
		}
		if strings.TrimSpace(k.Compromise) == "" {
			miss = append(miss, "no compromise_procedure")
		}
		if len(miss) > 0 {
			c.Missing(k.At, "signing key %s: %s", k.ID, strings.Join(miss, "; "))
			continue
		}
		c.Cite(k.ID)
	}
	c.OK("all %d signing keys of release %s are guarded", len(ids), r.Version)
}
