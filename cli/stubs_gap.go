package cli

import "context"

func runInit(ctx context.Context, e *env, args []string) error { return usagef("init: not built yet") }
