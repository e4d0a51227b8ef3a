package vex

import (
	"net/url"
	"slices"
	"strings"

	"github.com/wardhq/ward/version"
)

// versEcosystems maps a vers scheme (purl-spec VERSION-RANGE-SPEC) to the
// OSV ecosystem whose ordering it uses. "generic" has no ordering of its
// own; dotted numbers with optional suffixes are what it is used for, and
// the lenient SemVer ordering sorts those as people read them.
var versEcosystems = map[string]string{
	"alpine":   "Alpine",
	"apk":      "Alpine",
	"cargo":    "crates.io",
	"composer": "Packagist",
	"deb":      "Debian",
	"gem":      "RubyGems",
	"generic":  "SemVer",
	"golang":   "Go",
	"hex":      "Hex",
	"maven":    "Maven",
	"npm":      "npm",
	"nuget":    "NuGet",
	"pub":      "Pub",
	"pypi":     "PyPI",
	"rpm":      "Red Hat",
	"semver":   "SemVer",
}

type versConstraint struct {
	op, v string
}

// inVers reports whether v lies in the vers range r ("vers:semver/>=1.0|<2").
// An unknown scheme, a malformed range or a version the scheme cannot order
// is "not in range": a statement limited to versions nobody can check
// must not settle a finding.
func inVers(r, v string) bool {
	if v == "" {
		return false
	}
	rest, ok := strings.CutPrefix(r, "vers:")
	if !ok {
		return false
	}
	scheme, list, ok := strings.Cut(rest, "/")
	if !ok {
		return false
	}
	eco, ok := versEcosystems[strings.ToLower(scheme)]
	if !ok {
		return false
	}
	list = strings.TrimSpace(list)
	if list == "*" {
		return true
	}
	compare := func(a, b string) (int, bool) {
		c, err := version.Compare(eco, a, b)
		return c, err == nil
	}
	var cs []versConstraint
	for _, part := range strings.Split(list, "|") {
		part = strings.TrimSpace(part)
		c := versConstraint{op: "="}
		for _, op := range []string{">=", "<=", "!=", "<", ">", "="} {
			if s, ok := strings.CutPrefix(part, op); ok {
				c.op, part = op, s
				break
			}
		}
		if u, err := url.PathUnescape(part); err == nil {
			part = u
		}
		if part == "" {
			return false
		}
		c.v = part
		cs = append(cs, c)
	}
	// Equality and exclusion first, as the vers algorithm says.
	var ranges []versConstraint
	for _, c := range cs {
		switch c.op {
		case "=":
			if n, ok := compare(v, c.v); ok && n == 0 {
				return true
			}
		case "!=":
			if n, ok := compare(v, c.v); !ok || n == 0 {
				return false
			}
		default:
			ranges = append(ranges, c)
		}
	}
	var bad bool
	slices.SortStableFunc(ranges, func(a, b versConstraint) int {
		n, ok := compare(a.v, b.v)
		if !ok {
			bad = true
		}
		return n
	})
	if bad {
		return false
	}
	test := func(c versConstraint) bool {
		n, ok := compare(v, c.v)
		if !ok {
			return false
		}
		switch c.op {
		case "<":
			return n < 0
		case "<=":
			return n <= 0
		case ">":
			return n > 0
		case ">=":
			return n >= 0
		}
		return false
	}
	lower := func(op string) bool { return op == ">" || op == ">=" }
	for i, c := range ranges {
		if i == 0 && !lower(c.op) && test(c) {
			return true
		}
		if i == len(ranges)-1 && lower(c.op) && test(c) {
			return true
		}
		if i > 0 {
			p := ranges[i-1]
			if lower(p.op) && !lower(c.op) && test(p) && test(c) {
				return true
			}
		}
	}
	return false
}
