package gap

import (
	"regexp"
	"strings"

	"github.com/wardhq/ward"
)

// Clause 5.8.3 — file INTEGRITY.

func init() {
	register("R583-1", checkArtifactIntegrity)
}

// sha256Hex matches a hex SHA-256 digest.
var sha256Hex = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)

// integrityTopic is the covers topic of the document telling users how to
// verify digests and signatures.
const integrityTopic = "integrity_verification"

// checkArtifactIntegrity: every artifact of the release under evaluation
// has a SHA-256 digest (64 hex digits), a signature, and a signing key from
// the signing_keys registry; a document linked to the release covers how to
// verify them.
func checkArtifactIntegrity(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	if len(r.Artifacts) == 0 {
		c.Missing(r.At, "release %s: no artifacts recorded", r.Version)
	}
	for _, a := range r.Artifacts {
		ok := true
		if !sha256Hex.MatchString(strings.TrimSpace(a.SHA256)) {
			c.Missing(a.At, "release %s artifact %s: sha256 %q is not a 64-digit hex SHA-256", r.Version, a.Name, a.SHA256)
			ok = false
		}
		if strings.TrimSpace(a.Signature) == "" {
			c.Missing(a.At, "release %s artifact %s: not signed (signature)", r.Version, a.Name)
			ok = false
		}
		switch {
		case a.SigningKey == "":
			c.Missing(a.At, "release %s artifact %s: no signing_key to verify the signature against", r.Version, a.Name)
			ok = false
		case in.SigningKey(a.SigningKey) == nil:
			c.Missing(a.At, "release %s artifact %s: signing key %s is not in signing_keys:", r.Version, a.Name, a.SigningKey)
			ok = false
		}
		if ok {
			c.Cite(a.SigningKey)
		}
	}
	var guide *ward.Document
	for _, d := range linkedDocuments(in, r) {
		if docCovers(d, integrityTopic) {
			guide = d
			break
		}
	}
	if guide == nil {
		c.Missing(r.At, "release %s: no linked document covers %s (add it to covers: of the document that tells users how to check digests and signatures)", r.Version, integrityTopic)
	} else {
		c.Cite(guide.ID)
	}
	c.OK("all %d artifacts of release %s are hashed and signed with registered keys", len(r.Artifacts), r.Version)
}
