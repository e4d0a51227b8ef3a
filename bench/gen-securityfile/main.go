// Command gen-securityfile writes a security file N times the size of a
// real one, for benchmarks of `ward check`: every record is copied N times
// with its IDs and references suffixed, so the copy stays consistent.
//
//	go run ./bench/gen-securityfile -n 10 examples/infusion-pump /tmp/pump-10x
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/wardhq/ward/internal/scalefile"
	"github.com/wardhq/ward/securityfile"
)

func main() {
	n := flag.Int("n", 10, "how many copies of every record")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen-securityfile [-n N] SRC-DIR DST-DIR")
		os.Exit(2)
	}
	src, dst := flag.Arg(0), flag.Arg(1)
	sf, err := securityfile.Load(src, securityfile.Limits{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := scalefile.Write(dst, scalefile.Scale(sf, *n)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// SBOMs are referenced relative to the security file.
	if sb := filepath.Join(src, "sbom"); dirExists(sb) {
		if err := os.CopyFS(filepath.Join(dst, "sbom"), os.DirFS(sb)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func dirExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
