package cli

import "context"

// runRisks: `ward risks …` (being built).
func runRisks(ctx context.Context, e *env, args []string) error {
	return usagef("risks: not built yet")
}
