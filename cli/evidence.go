package cli

import "context"

// runEvidence: `ward evidence import …` (being built).
func runEvidence(ctx context.Context, e *env, args []string) error {
	return usagef("evidence: not built yet")
}
