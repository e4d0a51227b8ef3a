package cli

import "context"

// runVerify: `ward verify ports …` (being built).
func runVerify(ctx context.Context, e *env, args []string) error {
	return usagef("verify: not built yet")
}
