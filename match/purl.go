package match

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	packageurl "github.com/package-url/packageurl-go"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/version"
)

// Package is a component named the way OSV advisories name packages.
type Package struct {
	// Ecosystem is the OSV base ecosystem, without ":suffix", e.g. "PyPI",
	// "Debian", "Red Hat".
	Ecosystem string
	// Release is the distribution release that an advisory's ecosystem
	// suffix must name, e.g. "12" (Debian:12), "22.04" (Ubuntu:22.04:LTS),
	// "3.18" (Alpine:v3.18); "" outside distributions.
	Release string
	// Name is the package name as OSV spells it: "namespace/name" for Go,
	// "group:artifact" for Maven, "@scope/name" for npm; before Normalize.
	Name    string
	Version string // from the purl; may be empty
}

// distroEcosystems are the OSV ecosystems whose advisories are scoped to a
// release by an ecosystem suffix. A component of one of them must say its
// release: matching Debian 11 advisories against a Debian 12 package is
// the false positive users of other scanners complain about.
var distroEcosystems = map[string]bool{
	"Debian": true, "Ubuntu": true, "Alpine": true, "Alpaquita": true,
	"Red Hat": true, "Rocky Linux": true, "AlmaLinux": true, "openSUSE": true,
	"SUSE": true, "openEuler": true, "Mageia": true,
}

// simpleTypes maps purl types whose OSV name is the purl name (with the
// namespace joined by joiner when there is one) to their OSV ecosystem.
var simpleTypes = map[string]struct{ ecosystem, joiner string }{
	packageurl.TypePyPi:            {"PyPI", ""},
	packageurl.TypeGolang:          {"Go", "/"},
	packageurl.TypeCargo:           {"crates.io", ""},
	packageurl.TypeNPM:             {"npm", "/"},
	packageurl.TypeMaven:           {"Maven", ":"},
	packageurl.TypeNuget:           {"NuGet", ""},
	packageurl.TypeGem:             {"RubyGems", ""},
	packageurl.TypeComposer:        {"Packagist", "/"},
	packageurl.TypePub:             {"Pub", ""},
	packageurl.TypeHex:             {"Hex", ""}, // the namespace is a Hex organisation, not part of the name
	packageurl.TypeCran:            {"CRAN", ""},
	packageurl.TypeHackage:         {"Hackage", ""},
	packageurl.TypeSwift:           {"SwiftURL", "/"},
	packageurl.TypeBitnami:         {"Bitnami", ""},
	packageurl.TypeConan:           {"ConanCenter", ""},
	packageurl.TypeJulia:           {"Julia", ""},
	"bioconductor":                 {"Bioconductor", ""},
	packageurl.TypeOpam:            {"opam", ""},
	packageurl.TypeOTP:             {"Hex", ""},
	"githubactions":                {"GitHub Actions", "/"},
	packageurl.TypeVSCodeExtension: {"VSCode", "."},
}

// namespaceTypes maps, for distribution purl types, the purl namespace to
// the OSV ecosystem.
var namespaceTypes = map[string]map[string]string{
	packageurl.TypeDebian: {"debian": "Debian", "ubuntu": "Ubuntu", "echo": "Echo"},
	packageurl.TypeApk: {"alpine": "Alpine", "wolfi": "Wolfi", "chainguard": "Chainguard",
		"alpaquita": "Alpaquita", "minimos": "MinimOS", "bellsoft": "BellSoft Hardened Containers"},
	packageurl.TypeRPM: {"redhat": "Red Hat", "rhel": "Red Hat", "rocky": "Rocky Linux", "rocky-linux": "Rocky Linux",
		"almalinux": "AlmaLinux", "opensuse": "openSUSE", "suse": "SUSE", "sles": "SUSE",
		"openeuler": "openEuler", "mageia": "Mageia"},
}

// FromPURL maps a package URL to the OSV package it names. It returns an
// EInvalid error whose message is the reason the purl cannot be matched:
// it does not parse, OSV has no ecosystem for its type or namespace, or a
// distribution package does not say its release.
func FromPURL(purl string) (Package, error) {
	p, err := packageurl.FromString(purl)
	if err != nil {
		return Package{}, ward.Errorf(ward.EInvalid, "invalid purl %q: %v", purl, err)
	}
	if p.Name == "" {
		return Package{}, ward.Errorf(ward.EInvalid, "invalid purl %q: no name", purl)
	}
	pkg := Package{Version: p.Version}
	if t, ok := simpleTypes[p.Type]; ok {
		pkg.Ecosystem, pkg.Name = t.ecosystem, p.Name
		if p.Type == packageurl.TypeGolang {
			// packageurl-go lower-cases Go paths; module paths are
			// case-sensitive and OSV keeps their case.
			pkg.Name = rawPath(purl, p)
		} else if p.Namespace != "" && t.joiner != "" {
			pkg.Name = p.Namespace + t.joiner + p.Name
		}
		return pkg, nil
	}
	byNS, ok := namespaceTypes[p.Type]
	if !ok {
		return Package{}, ward.Errorf(ward.EInvalid, "purl type %q is not covered by OSV advisories", p.Type)
	}
	eco, ok := byNS[p.Namespace]
	if !ok {
		return Package{}, ward.Errorf(ward.EInvalid, "%s purl namespace %q has no OSV ecosystem (known: %s)",
			p.Type, p.Namespace, strings.Join(sortedKeys(byNS), ", "))
	}
	pkg.Ecosystem, pkg.Name = eco, p.Name
	q := p.Qualifiers.Map()
	if p.Type == packageurl.TypeDebian {
		// OSV keys Debian and Ubuntu advisories by source package; syft and
		// others record it as upstream=src or upstream=src@version.
		if up := q["upstream"]; up != "" {
			src, _, _ := strings.Cut(up, "@")
			src, _, _ = strings.Cut(src, " ")
			pkg.Name = src
		}
	}
	pkg.Release = release(eco, q["distro"])
	if distroEcosystems[eco] && pkg.Release == "" {
		return pkg, ward.Errorf(ward.EInvalid,
			"%s purl has no usable distro qualifier (e.g. %s): OSV %s advisories are per release",
			p.Type, distroExample[eco], eco)
	}
	return pkg, nil
}

var distroExample = map[string]string{
	"Debian": "distro=debian-12", "Ubuntu": "distro=ubuntu-22.04", "Alpine": "distro=alpine-3.18.4",
	"Alpaquita": "distro=alpaquita-23", "Red Hat": "distro=rhel-9.2", "Rocky Linux": "distro=rocky-9.3",
	"AlmaLinux": "distro=almalinux-9.3", "openSUSE": "distro=opensuse-leap-15.5", "SUSE": "distro=sles-15.5",
	"openEuler": "distro=openeuler-22.03-LTS-SP1", "Mageia": "distro=mageia-9",
}

// codenames maps Debian and Ubuntu release code names to the numbers OSV
// ecosystem suffixes use.
var codenames = map[string]string{
	"wheezy": "7", "jessie": "8", "stretch": "9", "buster": "10", "bullseye": "11",
	"bookworm": "12", "trixie": "13", "forky": "14", "sid": "sid",
	"trusty": "14.04", "xenial": "16.04", "bionic": "18.04", "focal": "20.04", "jammy": "22.04",
	"kinetic": "22.10", "lunar": "23.04", "mantic": "23.10", "noble": "24.04", "oracular": "24.10",
	"plucky": "25.04", "questing": "25.10",
}

// release extracts from a purl distro qualifier the release OSV suffixes
// name: "debian-12.4" and "bookworm" → "12", "ubuntu-22.04" and "jammy" →
// "22.04", "alpine-3.18.4" → "3.18", "rhel-9.2" and "el9" → "9.2" and "9".
func release(eco, distro string) string {
	d := strings.ToLower(strings.TrimSpace(distro))
	if d == "" {
		return ""
	}
	if n, ok := codenames[d]; ok {
		return n
	}
	// Drop a distribution-name prefix: everything up to the first digit,
	// with its separator ("debian-", "opensuse-leap-", "el").
	i := strings.IndexAny(d, "0123456789")
	if i < 0 {
		return ""
	}
	r := d[i:]
	switch eco {
	case "Debian":
		r, _, _ = strings.Cut(r, ".")
	case "Alpine":
		r = majorMinor(r)
	}
	return r
}

func majorMinor(r string) string {
	parts := strings.SplitN(r, ".", 3)
	if len(parts) >= 2 {
		return parts[0] + "." + parts[1]
	}
	return r
}

// releaseMatches reports whether an advisory ecosystem suffix ("12",
// "v3.18", "Pro:22.04:LTS", "enterprise_linux:9::appstream", "Linux
// Enterprise Server 15 SP5") scopes it to release rel. A suffix names a
// release when one of its ":"- or space-separated tokens is rel, rel's
// major.minor, "v" + major.minor (Alpine) or rel's major version (Red Hat
// streams, SUSE service packs).
func releaseMatches(suffix, rel string) bool {
	mm := majorMinor(rel)
	major, _, _ := strings.Cut(rel, ".")
	for _, tok := range strings.FieldsFunc(suffix, func(r rune) bool { return r == ':' || r == ' ' }) {
		if strings.EqualFold(tok, rel) || tok == mm || tok == "v"+mm || tok == major {
			return true
		}
	}
	return false
}

// rawPath returns namespace/name of a golang purl with its case as written.
func rawPath(purl string, p packageurl.PackageURL) string {
	s := purl[len("pkg:"):]
	s = strings.TrimLeft(s, "/")
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	_, s, _ = strings.Cut(s, "/") // the type
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[:i]
	}
	s = strings.Trim(s, "/")
	if dec, err := url.PathUnescape(s); err == nil && strings.EqualFold(dec, joinNS(p.Namespace, p.Name)) {
		return dec
	}
	return joinNS(p.Namespace, p.Name)
}

func joinNS(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + "/" + name
}

// withVersion returns purl with its version set to v, for identifiers.
func withVersion(purl, v string) string {
	p, err := packageurl.FromString(purl)
	if err != nil || p.Version == v {
		return purl
	}
	p.Version = v
	return p.ToString()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// notComparable reports why pkg's ecosystem cannot be ordered, or "".
func notComparable(pkg Package) string {
	if version.Supported(pkg.Ecosystem) {
		return ""
	}
	return fmt.Sprintf("OSV ecosystem %s has no version comparator (supported: %s)",
		pkg.Ecosystem, strings.Join(version.Ecosystems(), ", "))
}
