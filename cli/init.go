package cli

import (
	"context"
	"fmt"

	"github.com/wardhq/ward/securityfile"
)

// runInit is `ward init [dir]`: a complete, commented skeleton to fill in.
func runInit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "init", "[dir]", "Create a commented security-file skeleton in dir (default: security). Existing files are never overwritten.")
	dir, err := dirArg(fs, args)
	if err != nil {
		return err
	}
	if err := securityfile.WriteSkeleton(dir); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created a security file skeleton in %s\nnext: edit the YAML files, then run 'ward validate %s' and 'ward check %s'\n", dir, dir, dir)
	return nil
}
