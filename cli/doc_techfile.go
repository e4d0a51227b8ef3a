package cli

import "context"

// runDocTechnicalFile: `ward doc technical-file …` (being built).
func runDocTechnicalFile(ctx context.Context, e *env, args []string) error {
	return usagef("doc technical-file: not built yet")
}
