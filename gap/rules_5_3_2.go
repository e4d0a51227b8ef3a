package gap

import (
	"github.com/wardhq/ward"
)

// Clause 5.3.2 — secure design best practices.

func init() {
	register("R532-1", checkDesignPrinciplesChecklist)
}

// designPrinciples are the covers topics a design checklist must show,
// each with the spellings accepted.
var designPrinciples = [][]string{
	{"least_privilege"},
	{"attack_surface", "minimised_attack_surface", "minimized_attack_surface"},
	{"secure_defaults"},
	{"fail_secure", "fail_safe"},
	{"input_validation"},
	{"no_custom_crypto", "no_homegrown_crypto"},
}

// checkDesignPrinciplesChecklist: a reviewed design-principles checklist
// (document of kind design_checklist) covers least privilege, a minimised
// attack surface, secure defaults, failing secure, input validation at trust
// boundaries and no home-grown cryptography.
func checkDesignPrinciplesChecklist(in *Input, c *Check) {
	docs := documentsOfKind(in, "design_checklist")
	if len(docs) == 0 {
		c.Missing(ward.Pos{}, "no design-principles checklist (document of kind design_checklist)")
		return
	}
	var best *ward.Document
	for _, d := range docs {
		if best == nil || d.ReviewedAt.After(best.ReviewedAt) {
			best = d
		}
	}
	if best.ReviewedAt.IsZero() {
		c.Missing(best.At, "design checklist %s: not completed (no reviewed_at)", best.ID)
	}
	for _, p := range designPrinciples {
		if !docCovers(best, p...) {
			c.Missing(best.At, "design checklist %s: does not cover %s (add it to covers:)", best.ID, p[0])
		}
	}
	c.Cite(best.ID)
	version := ""
	if in.File.Architecture != nil {
		version = in.File.Architecture.Version
	}
	c.OK("design checklist %s covers all %d principles for architecture %s", best.ID, len(designPrinciples), version)
}
