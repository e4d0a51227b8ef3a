// Command gen-sbom writes a CycloneDX 1.6 JSON SBOM of N components drawn
// from the packages and versions of OSV JSON Lines files, for benchmarks:
//
//	go run ./bench/gen-sbom -n 100000 -seed 1 -o /tmp/100k.cdx.json ../shared/data/osv/*.jsonl
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/wardhq/ward/bench/gensbom"
)

func main() {
	n := flag.Int("n", 1000, "number of components")
	seed := flag.Uint64("seed", 1, "PRNG seed (same seed, same SBOM)")
	out := flag.String("o", "", "output file (default: standard output)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: gen-sbom [-n N] [-seed S] [-o FILE] OSV.jsonl…")
		os.Exit(2)
	}
	if err := run(*n, *seed, *out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "gen-sbom:", err)
		os.Exit(1)
	}
}

func run(n int, seed uint64, out string, inputs []string) error {
	pkgs, err := gensbom.Packages(inputs)
	if err != nil {
		return err
	}
	var w io.Writer = os.Stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if err := gensbom.Write(w, pkgs, gensbom.Options{N: n, Seed: seed}); err != nil {
		return err
	}
	if f, ok := w.(*os.File); ok && f != os.Stdout {
		return f.Close()
	}
	return nil
}
