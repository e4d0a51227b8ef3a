package cli

import "context"

// runReleaseSign: `ward release sign …` (being built).
func runReleaseSign(ctx context.Context, e *env, args []string) error {
	return usagef("release sign: not built yet")
}

// runReleaseVerify: `ward release verify …` (being built).
func runReleaseVerify(ctx context.Context, e *env, args []string) error {
	return usagef("release verify: not built yet")
}
