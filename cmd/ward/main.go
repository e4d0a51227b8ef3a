// Command ward runs the security activities of the health-software life
// cycle (IEC 81001-5-1). All behaviour lives in package cli.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/wardhq/ward/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
