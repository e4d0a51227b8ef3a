// Package version orders package versions the way OSV does: by each
// ecosystem's own rules (PEP 440 for PyPI, dpkg for Debian, rpmvercmp for
// Red Hat, …). The comparators are those of the maintained OSV package
// github.com/google/osv-scalibr/semantic, not written here, so that ward
// decides "affected" exactly as osv.dev and OSV-Scanner do.
//
// It imports only ward and semantic: it knows nothing of SBOMs, purls or
// advisories.
package version

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/google/osv-scalibr/semantic"
	"github.com/wardhq/ward"
)

// SemVer is the pseudo-ecosystem of OSV's SEMVER range type: SemVer 2.0.0
// precedence, a leading "v" ignored (Go records need that).
const SemVer = "SemVer"

// scheme is one ecosystem's comparator.
type scheme struct {
	name       string // OSV ecosystem name, e.g. "PyPI"
	comparator string // human label used in findings, e.g. "PyPI (PEP 440)"
	parse      func(string) (semantic.Version, error)
}

// byOSV parses with semantic's own dispatch for the named ecosystem.
func byOSV(name string) func(string) (semantic.Version, error) {
	return func(s string) (semantic.Version, error) { return semantic.Parse(s, name) }
}

func semverParse(s string) (semantic.Version, error) { return semantic.ParseSemverVersion(s), nil }

// schemes is every ecosystem semantic supports (osv-scalibr v0.5.3,
// semantic/parse.go), plus SemVer, sorted by name.
var schemes = func() []*scheme {
	const (
		semverLike = " (SemVer 2.0.0)"
		apk        = " (apk-tools)"
		rpm        = " (RPM rpmvercmp)"
		dpkg       = " (dpkg, Debian Policy 5.6.12)"
	)
	s := []*scheme{
		{"AlmaLinux", "AlmaLinux" + rpm, nil},
		{"Alpaquita", "Alpaquita" + apk, nil},
		{"Alpine", "Alpine" + apk, nil},
		{"BellSoft Hardened Containers", "BellSoft Hardened Containers" + apk, nil},
		{"Bioconductor", "Bioconductor" + semverLike, nil},
		{"Bitnami", "Bitnami" + semverLike, nil},
		{"CRAN", "CRAN (R package_version)", nil},
		{"Chainguard", "Chainguard" + apk, nil},
		{"ConanCenter", "ConanCenter" + semverLike, nil},
		{"Debian", "Debian" + dpkg, nil},
		{"Docker Hardened Images", "Docker Hardened Images" + semverLike, nil},
		{"GHC", "GHC" + semverLike, nil},
		{"Go", "Go (SemVer 2.0.0, leading v ignored)", nil},
		{"Hackage", "Hackage (Haskell PVP)", nil},
		{"Hex", "Hex" + semverLike, nil},
		{"Julia", "Julia" + semverLike, nil},
		{"Mageia", "Mageia" + rpm, nil},
		{"Maven", "Maven (ComparableVersion)", nil},
		{"MinimOS", "MinimOS" + apk, nil},
		{"NuGet", "NuGet (NuGet.Versioning)", nil},
		{"Packagist", "Packagist (Composer version_compare)", nil},
		{"Pub", "Pub (pub_semver)", nil},
		{"PyPI", "PyPI (PEP 440)", nil},
		{"Red Hat", "Red Hat" + rpm, nil},
		{"Rocky Linux", "Rocky Linux" + rpm, nil},
		{"RubyGems", "RubyGems (Gem::Version)", nil},
		{"SUSE", "SUSE" + rpm, nil},
		{SemVer, "SemVer 2.0.0", semverParse},
		{"SwiftURL", "SwiftURL" + semverLike, nil},
		{"Ubuntu", "Ubuntu" + dpkg, nil},
		{"Wolfi", "Wolfi" + apk, nil},
		{"crates.io", "crates.io" + semverLike, nil},
		{"npm", "npm" + semverLike, nil},
		{"openEuler", "openEuler" + rpm, nil},
		{"openSUSE", "openSUSE" + rpm, nil},
	}
	for _, sc := range s {
		if sc.parse == nil {
			sc.parse = byOSV(sc.name)
		}
	}
	slices.SortFunc(s, func(a, b *scheme) int { return strings.Compare(a.name, b.name) })
	return s
}()

// lookup finds the scheme of an OSV ecosystem name, with or without a
// ":suffix" ("Debian:12", "Alpine:v3.18"). OSV names are case-sensitive, but
// a user typing "pypi" means PyPI, and no two OSV names differ only in case.
func lookup(ecosystem string) *scheme {
	base := Base(ecosystem)
	if i, ok := slices.BinarySearchFunc(schemes, base, func(s *scheme, n string) int {
		return strings.Compare(s.name, n)
	}); ok {
		return schemes[i]
	}
	for _, s := range schemes {
		if strings.EqualFold(s.name, base) {
			return s
		}
	}
	return nil
}

// Base returns the OSV base ecosystem of a possibly suffixed name:
// "Debian:12" → "Debian", "Alpine:v3.18" → "Alpine", "PyPI" → "PyPI".
func Base(ecosystem string) string {
	if i := strings.IndexByte(ecosystem, ':'); i >= 0 {
		return ecosystem[:i]
	}
	return ecosystem
}

// Ecosystems returns the OSV name of every supported ecosystem, SemVer
// included, sorted.
func Ecosystems() []string {
	names := make([]string, len(schemes))
	for i, s := range schemes {
		names[i] = s.name
	}
	return names
}

// Supported reports whether ecosystem (suffix allowed) has a comparator.
func Supported(ecosystem string) bool { return lookup(ecosystem) != nil }

// Canonical returns the OSV spelling of ecosystem's base ("pypi" → "PyPI"),
// or "" when it is not supported.
func Canonical(ecosystem string) string {
	if s := lookup(ecosystem); s != nil {
		return s.name
	}
	return ""
}

// Comparator returns the human label of ecosystem's ordering, e.g.
// "PyPI (PEP 440)", as findings cite it; "" when it is not supported.
func Comparator(ecosystem string) string {
	if s := lookup(ecosystem); s != nil {
		return s.comparator
	}
	return ""
}

func unsupported(ecosystem string) error {
	return ward.Errorf(ward.EInvalid, "unsupported ecosystem %q (supported: %s)",
		ecosystem, strings.Join(Ecosystems(), ", "))
}

// Version is one parsed version of one ecosystem. The zero Version is not
// valid; it sorts before every other.
type Version struct {
	v      semantic.Version
	scheme *scheme
	raw    string
}

// Parse parses v by ecosystem's rules (a ":suffix" is ignored). It returns an
// EInvalid error naming the supported ecosystems when there is no
// comparator for ecosystem, and an EInvalid error when v is empty or not a
// version of that ecosystem. Several ecosystems (SemVer-like, Maven, NuGet,
// RubyGems, Packagist, Pub, RPM) accept any string, as OSV does.
func Parse(ecosystem, v string) (Version, error) {
	s := lookup(ecosystem)
	if s == nil {
		return Version{}, unsupported(ecosystem)
	}
	if v == "" {
		return Version{}, ward.Errorf(ward.EInvalid, "empty %s version", s.name)
	}
	sv, err := s.parse(v)
	if err != nil {
		return Version{}, &ward.Error{
			Code:    ward.EInvalid,
			Message: fmt.Sprintf("invalid %s version %q (want a version as %s orders them)", s.name, v, s.comparator),
			Err:     err,
		}
	}
	return Version{v: sv, scheme: s, raw: v}, nil
}

// String returns the version as given to Parse.
func (v Version) String() string { return v.raw }

// Ecosystem returns the OSV base ecosystem v was parsed for; "" for the
// zero Version.
func (v Version) Ecosystem() string {
	if v.scheme == nil {
		return ""
	}
	return v.scheme.name
}

// IsZero reports whether v is the zero Version.
func (v Version) IsZero() bool { return v.v == nil }

// Compare returns -1, 0 or +1 as v is older than, the same as or newer than
// w by their ecosystem's rules. Versions of ecosystems whose orderings
// differ are not comparable; Compare then orders them by ecosystem name
// and text, so that sorting stays total. Ecosystems that share an ordering
// (Go, npm and SemVer; Debian and Ubuntu; …) compare by it.
func (v Version) Compare(w Version) int {
	switch {
	case v.v == nil || w.v == nil:
		return cmp.Compare(boolInt(v.v != nil), boolInt(w.v != nil))
	}
	c, err := v.v.Compare(w.v)
	if err != nil {
		return cmp.Or(strings.Compare(v.scheme.name, w.scheme.name), strings.Compare(v.raw, w.raw))
	}
	return sign(c)
}

// Compare parses a and b by ecosystem's rules and compares them; errors
// are those of Parse.
func Compare(ecosystem, a, b string) (int, error) {
	va, err := Parse(ecosystem, a)
	if err != nil {
		return 0, err
	}
	vb, err := Parse(ecosystem, b)
	if err != nil {
		return 0, err
	}
	return va.Compare(vb), nil
}

// Sort sorts vs by ecosystem's order, leaving unparseable ones at the end
// in text order. It returns vs.
func Sort(ecosystem string, vs []string) []string {
	parsed := make([]Version, len(vs))
	for i, s := range vs {
		parsed[i], _ = Parse(ecosystem, s)
	}
	idx := make([]int, len(vs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		a, b := parsed[i], parsed[j]
		switch {
		case a.IsZero() && b.IsZero():
			return strings.Compare(vs[i], vs[j])
		case a.IsZero():
			return 1
		case b.IsZero():
			return -1
		}
		return a.Compare(b)
	})
	out := make([]string, len(vs))
	for k, i := range idx {
		out[k] = vs[i]
	}
	copy(vs, out)
	return vs
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sign(c int) int {
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}
