package cli

import "context"

// runDoc dispatches `ward doc technical-file|hdo|security-txt`.
func runDoc(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "technical-file":
			return runDocTechnicalFile(ctx, e, args[1:])
		case "hdo":
			return runDocHDO(ctx, e, args[1:])
		case "security-txt":
			return runDocSecurityTxt(ctx, e, args[1:])
		}
	}
	return usagef("doc: want technical-file, hdo or security-txt (run 'ward doc technical-file -h')")
}
