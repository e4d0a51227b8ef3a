package cli

import "context"

// runRelease dispatches `ward release check|sign|verify`.
func runRelease(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "check":
			return runReleaseCheck(ctx, e, args[1:])
		case "sign":
			return runReleaseSign(ctx, e, args[1:])
		case "verify":
			return runReleaseVerify(ctx, e, args[1:])
		}
	}
	return usagef("release: want check, sign or verify (run 'ward release check -h')")
}
