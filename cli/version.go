package cli

import "context"

// runVersion is `ward version compare`.
func runVersion(ctx context.Context, e *env, args []string) error {
	return usagef("version: not built yet")
}
