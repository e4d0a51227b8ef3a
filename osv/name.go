package osv

import "strings"

// BaseEcosystem returns the OSV ecosystem without its suffix: "Debian" for
// "Debian:12", "Ubuntu" for "Ubuntu:Pro:18.04:LTS", "PyPI" for "PyPI".
func BaseEcosystem(ecosystem string) string {
	if i := strings.IndexByte(ecosystem, ':'); i >= 0 {
		return ecosystem[:i]
	}
	return ecosystem
}

// NormalizeName returns the form of a package name under which two
// spellings of the same package compare equal in ecosystem (with or
// without suffix):
//
//   - PyPI: PEP 503, lower case with each run of "-", "_" and "." as "-"
//     ("Django_Rest.Framework" → "django-rest-framework").
//   - crates.io: lower case with "_" as "-" (crates.io refuses a crate
//     whose name differs from an existing one only so).
//   - npm, NuGet, Packagist, GitHub Actions, Pub, Hex: lower case (the
//     registries compare case-insensitively or allow lower case only).
//   - Go, Maven, RubyGems, Hackage, CRAN, Debian, Alpine and every other
//     ecosystem: unchanged, as they are case-sensitive.
//
// Leading and trailing white space is removed in every ecosystem.
func NormalizeName(ecosystem, name string) string {
	name = strings.TrimSpace(name)
	switch BaseEcosystem(ecosystem) {
	case "PyPI":
		return normalizePyPI(name)
	case "crates.io":
		return strings.ReplaceAll(strings.ToLower(name), "_", "-")
	case "npm", "NuGet", "Packagist", "GitHub Actions", "Pub", "Hex":
		return strings.ToLower(name)
	}
	return name
}

// normalizePyPI implements PEP 503 without allocating for names that are
// already normal, which most are.
func normalizePyPI(name string) string {
	normal := true
	for i := 0; i < len(name) && normal; i++ {
		c := name[i]
		switch {
		case 'A' <= c && c <= 'Z', c == '_', c == '.':
			normal = false
		case c == '-' && i > 0 && name[i-1] == '-':
			normal = false
		}
	}
	if normal {
		return name
	}
	var b strings.Builder
	b.Grow(len(name))
	sep := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' || c == '_' || c == '.' {
			sep = true
			continue
		}
		if sep {
			b.WriteByte('-')
			sep = false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	if sep {
		b.WriteByte('-')
	}
	return b.String()
}
