package cli

import "context"

// runSBOM is `ward sbom validate|diff|convert`.
func runSBOM(ctx context.Context, e *env, args []string) error {
	return usagef("sbom: not built yet")
}
