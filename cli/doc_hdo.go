package cli

import "context"

// runDocHDO: `ward doc hdo …` (being built).
func runDocHDO(ctx context.Context, e *env, args []string) error {
	return usagef("doc hdo: not built yet")
}
