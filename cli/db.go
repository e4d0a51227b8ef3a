package cli

import "context"

// runDB is `ward db import|sync|status`.
func runDB(ctx context.Context, e *env, args []string) error {
	return usagef("db: not built yet")
}
