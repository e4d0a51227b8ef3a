package cli

import "context"

// runDocSecurityTxt: `ward doc security-txt …` (being built).
func runDocSecurityTxt(ctx context.Context, e *env, args []string) error {
	return usagef("doc security-txt: not built yet")
}
