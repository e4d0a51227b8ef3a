package gap

import (
	"github.com/wardhq/ward"
)

// Clause 5.8.7 — SECURE decommissioning guidelines for HEALTH SOFTWARE.

func init() {
	register("R587-1", checkDecommissioningGuide)
}

// decommissioningTopics are the covers topics of a complete decommissioning
// guide, each with the spellings accepted.
var decommissioningTopics = [][]string{
	{"data_locations"},
	{"sanitisation", "sanitization"},
	{"credential_revocation"},
	{"deregistration"},
	{"verification"},
}

// checkDecommissioningGuide: a decommissioning document is linked to the
// release under evaluation and covers where data is stored, how to erase
// it, how to revoke credentials, certificates and keys, how to deregister
// from networks and cloud services, and how to confirm it was all done.
func checkDecommissioningGuide(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	docs := linkedDocumentsOfKind(in, r, "decommissioning")
	if len(docs) == 0 {
		c.Missing(r.At, "release %s: no decommissioning document linked", r.Version)
		return
	}
	// Several guides may share the topics between them.
	for _, t := range decommissioningTopics {
		found := false
		for _, d := range docs {
			found = found || docCovers(d, t...)
		}
		if !found {
			c.Missing(docs[0].At, "decommissioning document %s: does not cover %s (add it to covers:)", docs[0].ID, t[0])
		}
	}
	for _, d := range docs {
		c.Cite(d.ID)
	}
	c.OK("decommissioning guide %s covers data, sanitisation, revocation, deregistration and verification", docs[0].ID)
}
