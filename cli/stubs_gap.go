package cli

import "context"

func runInit(ctx context.Context, e *env, args []string) error { return usagef("init: not built yet") }
func runValidate(ctx context.Context, e *env, args []string) error {
	return usagef("validate: not built yet")
}
func runCheck(ctx context.Context, e *env, args []string) error {
	return usagef("check: not built yet")
}
func runCatalog(ctx context.Context, e *env, args []string) error {
	return usagef("catalog: not built yet")
}
func runSchema(ctx context.Context, e *env, args []string) error {
	return usagef("schema: not built yet")
}
