package cli

import "context"

// runReleaseCheck: `ward release check …` (being built).
func runReleaseCheck(ctx context.Context, e *env, args []string) error {
	return usagef("release check: not built yet")
}
