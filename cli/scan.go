package cli

import "context"

// runScan is `ward scan`.
func runScan(ctx context.Context, e *env, args []string) error {
	return usagef("scan: not built yet")
}
