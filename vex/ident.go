package vex

import (
	"net/url"
	"strings"
	"sync"

	"github.com/package-url/packageurl-go"

	"github.com/wardhq/ward"
)

// idKind is what kind of identifier a statement uses for a product or
// component.
type idKind int

const (
	idName    idKind = iota // a product name or a bare bom-ref
	idPURL                  // pkg:…
	idCPE                   // cpe:2.3:… or cpe:/…
	idBOMLink               // urn:cdx:serial/version#bom-ref
)

func kindOf(id string) idKind {
	switch {
	case strings.HasPrefix(id, "pkg:"):
		return idPURL
	case strings.HasPrefix(id, "cpe:"):
		return idCPE
	case strings.HasPrefix(id, "urn:cdx:"):
		return idBOMLink
	}
	return idName
}

// splitVers separates an identifier from the vers range that limits it
// (see the package comment).
func splitVers(id string) (base, vers string) {
	if i := strings.LastIndex(id, " vers:"); i >= 0 {
		return id[:i], id[i+1:]
	}
	return id, ""
}

// withVers attaches a vers range to an identifier.
func withVers(id, vers string) string {
	if vers == "" {
		return id
	}
	return id + " " + vers
}

// parseBOMLink splits urn:cdx:serial/version#ref; ok is false when the
// link has no fragment (it then names a whole BOM, not a component).
func parseBOMLink(s string) (serial, ref string, ok bool) {
	rest, _ := strings.CutPrefix(s, "urn:cdx:")
	head, frag, ok := strings.Cut(rest, "#")
	if !ok || frag == "" {
		return "", "", false
	}
	serial, _, _ = strings.Cut(head, "/")
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u
	}
	return strings.ToLower(serial), frag, true
}

// serialOf is the bare UUID of a CycloneDX serialNumber ("urn:uuid:…").
func serialOf(s string) string {
	return strings.ToLower(strings.TrimPrefix(s, "urn:uuid:"))
}

// purlMatch reports whether the statement's purl names the component's:
// same type, namespace, name and subpath; a statement without version names
// every version, one with a version only that version; qualifiers in the
// statement must all be present with the same value in the component's
// (their order never matters), so "?arch=x86_64" narrows but a statement
// without qualifiers names every build.
func purlMatch(stmt, comp string) bool {
	s, ok := parsePURL(stmt)
	if !ok {
		return false
	}
	c, ok := parsePURL(comp)
	if !ok {
		return false
	}
	if !strings.EqualFold(s.Type, c.Type) || s.Namespace != c.Namespace || s.Name != c.Name {
		return false
	}
	if s.Version != "" && s.Version != c.Version {
		return false
	}
	if s.Subpath != "" && strings.Trim(s.Subpath, "/") != strings.Trim(c.Subpath, "/") {
		return false
	}
	cq := c.Qualifiers.Map()
	for k, v := range s.Qualifiers.Map() {
		if cq[k] != v {
			return false
		}
	}
	return true
}

// purlCache holds parsed purls: Apply compares the same few identifiers
// many times, and parsing dominates. Bounded, since inputs are not.
var purlCache = struct {
	sync.Mutex
	m map[string]*packageurl.PackageURL // nil value: does not parse
}{m: map[string]*packageurl.PackageURL{}}

const purlCacheMax = 1 << 14

func parsePURL(s string) (packageurl.PackageURL, bool) {
	purlCache.Lock()
	p, hit := purlCache.m[s]
	purlCache.Unlock()
	if !hit {
		if u, err := packageurl.FromString(s); err == nil {
			p = &u
		}
		purlCache.Lock()
		if len(purlCache.m) >= purlCacheMax {
			clear(purlCache.m)
		}
		purlCache.m[s] = p
		purlCache.Unlock()
	}
	if p == nil {
		return packageurl.PackageURL{}, false
	}
	return *p, true
}

// purlVersion returns the version of a purl, or "".
func purlVersion(p string) string {
	u, err := packageurl.FromString(p)
	if err != nil {
		return ""
	}
	return u.Version
}

// purlWithVersion returns p with its version set to v.
func purlWithVersion(p, v string) string {
	u, err := packageurl.FromString(p)
	if err != nil {
		return p
	}
	u.Version = v
	return u.ToString()
}

// purlKey is the purl without version: what stays the same when a
// component is upgraded. Qualifiers are kept, sorted (packageurl-go sorts
// them when it writes a purl).
func purlKey(p string) string {
	u, err := packageurl.FromString(p)
	if err != nil {
		return p
	}
	u.Version = ""
	return strings.ToLower(u.Type) + ":" + u.ToString()
}

// cpeMatch compares CPE 2.3 formatted strings attribute by attribute,
// case-insensitively; "*" (ANY) in the statement matches every value.
// CPE 2.2 URIs are compared as whole strings.
func cpeMatch(stmt, comp string) bool {
	if strings.EqualFold(stmt, comp) {
		return true
	}
	s, c := splitCPE(stmt), splitCPE(comp)
	if len(s) != 13 || len(c) != 13 {
		return false
	}
	for i := range s {
		if s[i] != "*" && !strings.EqualFold(s[i], c[i]) {
			return false
		}
	}
	return true
}

// splitCPE splits a CPE 2.3 formatted string on unescaped colons.
func splitCPE(s string) []string {
	if !strings.HasPrefix(s, "cpe:2.3:") {
		return nil
	}
	var out []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			b.WriteByte(s[i])
			b.WriteByte(s[i+1])
			i++
		case s[i] == ':':
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(s[i])
		}
	}
	return append(out, b.String())
}

// target is one component a statement may name, with what is known of the
// SBOM it came from.
type target struct {
	c      *ward.Component
	serial string // bare UUID of the SBOM's serialNumber; "" when unknown
	file   string // the SBOM's Source; "" when unknown
}

// identifies reports whether the identifier id (from a statement read from
// stmtSource) names t's component.
//
//   - purl: purlMatch against the component's purl.
//   - CPE: cpeMatch against the component's CPE.
//   - BOM-Link: the bom-ref must equal the component's Ref and the serial
//     the SBOM's serialNumber — a bom-ref is only unique within its BOM. A
//     bom-ref that is itself a purl (a common generator habit) is also
//     compared as a purl, since a purl means the same in every BOM.
//   - bare bom-ref: equal to the component's Ref, and only when the
//     statement was read from the SBOM itself (embedded VEX).
//
// A vers range after the identifier limits it to the component versions in
// that range.
func identifies(id string, t target, stmtSource string) bool {
	if t.c == nil || id == "" {
		return false
	}
	base, vers := splitVers(id)
	ok := false
	switch kindOf(base) {
	case idPURL:
		ok = t.c.PURL != "" && purlMatch(base, t.c.PURL)
	case idCPE:
		ok = t.c.CPE != "" && cpeMatch(base, t.c.CPE)
	case idBOMLink:
		serial, ref, isRef := parseBOMLink(base)
		switch {
		case !isRef:
		case kindOf(ref) == idPURL && t.c.PURL != "" && purlMatch(ref, t.c.PURL):
			ok = true
		default:
			ok = t.serial != "" && serial == t.serial && t.c.Ref == ref
		}
	default:
		file, _, _ := strings.Cut(stmtSource, "#")
		ok = t.file != "" && file == t.file && t.c.Ref != "" && t.c.Ref == base
	}
	if ok && vers != "" {
		ok = inVers(vers, t.c.Version)
	}
	return ok
}

// bestID is how a statement written or carried by ward names a component:
// its purl, else its CPE, else its bom-ref, else "name@version".
func bestID(c *ward.Component) string {
	switch {
	case c.PURL != "":
		return c.PURL
	case c.CPE != "":
		return c.CPE
	case c.Ref != "":
		return c.Ref
	}
	return c.DisplayName()
}
