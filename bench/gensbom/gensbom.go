// Package gensbom generates large CycloneDX 1.6 JSON SBOMs for ward's scan
// benchmarks from real advisory data: the packages and versions named in OSV
// JSON Lines files (one record per line, as in ../shared/data/osv). About
// half the components take a version an advisory names as affected (from a
// versions list or an introduced / last_affected event), the others a
// version an advisory names as fixed or a version no advisory mentions, and
// a few have no purl at all (as C libraries in firmware SBOMs do), so that a
// scan exercises findings, clean components and the not-matchable list.
//
// Output is deterministic for the same inputs, N and seed. It is a tool for
// benchmarks and tests, not part of ward.
package gensbom

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
)

// Package is one OSV package with the versions its advisories name.
type Package struct {
	Ecosystem, Name string
	Affected        []string // named as affected (versions lists, introduced, last_affected), sorted, no "0"
	Fixed           []string // named as fixed, sorted
}

// Options tune Write.
type Options struct {
	N        int     // components
	Seed     uint64  // PRNG seed
	Affected float64 // share of components at an affected version; 0 means 0.5
	NoPURL   float64 // share of components without a purl; 0 means 0.02
}

// Packages reads OSV JSON Lines files and returns the packages of the
// ecosystems ward can name by purl here (PyPI, Go, crates.io, npm, Maven,
// RubyGems, NuGet, Packagist), sorted by ecosystem and name.
func Packages(paths []string) ([]Package, error) {
	type rec struct {
		Affected []struct {
			Package  struct{ Ecosystem, Name string }
			Versions []string
			Ranges   []struct {
				Type   string
				Events []map[string]string
			}
		}
	}
	byKey := map[[2]string]*Package{}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var r rec
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				f.Close()
				return nil, fmt.Errorf("%s: %w", p, err)
			}
			for _, a := range r.Affected {
				if purlType(a.Package.Ecosystem) == "" || a.Package.Name == "" {
					continue
				}
				k := [2]string{a.Package.Ecosystem, a.Package.Name}
				pkg := byKey[k]
				if pkg == nil {
					pkg = &Package{Ecosystem: k[0], Name: k[1]}
					byKey[k] = pkg
				}
				pkg.Affected = append(pkg.Affected, a.Versions...)
				for _, rg := range a.Ranges {
					if rg.Type == "GIT" {
						continue
					}
					for _, ev := range rg.Events {
						for kind, v := range ev {
							switch {
							case v == "0" || v == "":
							case kind == "introduced" || kind == "last_affected":
								pkg.Affected = append(pkg.Affected, v)
							case kind == "fixed":
								pkg.Fixed = append(pkg.Fixed, v)
							}
						}
					}
				}
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	out := make([]Package, 0, len(byKey))
	for _, p := range byKey {
		slices.Sort(p.Affected)
		p.Affected = slices.Compact(p.Affected)
		slices.Sort(p.Fixed)
		p.Fixed = slices.Compact(p.Fixed)
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Package) int {
		return cmp.Or(cmp.Compare(a.Ecosystem, b.Ecosystem), cmp.Compare(a.Name, b.Name))
	})
	return out, nil
}

func purlType(ecosystem string) string {
	switch ecosystem {
	case "PyPI":
		return "pypi"
	case "Go":
		return "golang"
	case "crates.io":
		return "cargo"
	case "npm":
		return "npm"
	case "RubyGems":
		return "gem"
	case "NuGet":
		return "nuget"
	}
	return ""
}

// PURL is the package URL of pkg at version v.
func PURL(pkg Package, v string) string {
	t := purlType(pkg.Ecosystem)
	name := pkg.Name
	if t == "golang" {
		if !strings.HasPrefix(v, "v") {
			v = "v" + v
		}
	} else if t == "pypi" {
		name = strings.ToLower(name)
	}
	return "pkg:" + t + "/" + name + "@" + v
}

type component struct {
	BOMRef  string `json:"bom-ref"`
	Type    string `json:"type"`
	Name    string `json:"name"`
	Version string `json:"version"`
	PURL    string `json:"purl,omitempty"`
}

// Write writes a CycloneDX 1.6 JSON SBOM of o.N components drawn from pkgs.
func Write(w io.Writer, pkgs []Package, o Options) error {
	if len(pkgs) == 0 {
		return fmt.Errorf("gensbom: no packages")
	}
	if o.Affected == 0 {
		o.Affected = 0.5
	}
	if o.NoPURL == 0 {
		o.NoPURL = 0.02
	}
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 1<<20)
	fmt.Fprintf(bw, `{
  "bomFormat": "CycloneDX",
  "specVersion": "1.6",
  "serialNumber": "urn:uuid:00000000-0000-4000-8000-%012d",
  "version": 1,
  "metadata": {
    "timestamp": "2026-01-01T00:00:00Z",
    "component": {"bom-ref": "product", "type": "application", "name": "bench-product", "version": "1.0.0"}
  },
  "components": [
`, o.N)
	for i := range o.N {
		pkg := pkgs[r.IntN(len(pkgs))]
		var v string
		switch x := r.Float64(); {
		case x < o.Affected && len(pkg.Affected) > 0:
			v = pkg.Affected[r.IntN(len(pkg.Affected))]
		case len(pkg.Fixed) > 0 && r.IntN(2) == 0:
			v = pkg.Fixed[r.IntN(len(pkg.Fixed))]
		default:
			v = fmt.Sprintf("%d.%d.%d", 900+r.IntN(100), r.IntN(10), r.IntN(10)) // newer than any advisory names
		}
		c := component{BOMRef: fmt.Sprintf("c%d", i), Type: "library", Name: pkg.Name, Version: v, PURL: PURL(pkg, v)}
		if r.Float64() < o.NoPURL {
			c.PURL = "" // a purl-less component: must land in not_matchable
		}
		b, err := json.Marshal(c)
		if err != nil {
			return err
		}
		bw.WriteString("    ")
		bw.Write(b)
		if i < o.N-1 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("  ]\n}\n")
	return bw.Flush()
}
