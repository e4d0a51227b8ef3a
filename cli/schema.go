package cli

import (
	"context"
	"fmt"

	"github.com/wardhq/ward/securityfile"
)

// runSchema is `ward schema`: the JSON Schema of the security file, for
// editors (e.g. the YAML language server's `# yaml-language-server: $schema=`).
func runSchema(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "schema", "", "Print the JSON Schema of a security-file YAML document.")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("schema takes no arguments")
	}
	b, err := securityfile.Schema()
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n", b)
	return err
}
