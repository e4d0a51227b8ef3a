package cli

import "context"

// runMDS2: `ward mds2 …` (being built).
func runMDS2(ctx context.Context, e *env, args []string) error {
	return usagef("mds2: not built yet")
}
