package cli

import "context"

// runCSAF: `ward csaf …` (being built).
func runCSAF(ctx context.Context, e *env, args []string) error {
	return usagef("csaf: not built yet")
}
