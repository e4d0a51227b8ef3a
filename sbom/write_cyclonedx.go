package sbom

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/wardhq/ward"
)

// cdxHashAlgs are the hash algorithms CycloneDX 1.6 accepts.
var cdxHashAlgs = []string{"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-384", "SHA3-512", "BLAKE2b-256", "BLAKE2b-384", "BLAKE2b-512", "BLAKE3"}

// cdxTypes are the component types of CycloneDX 1.6.
var cdxTypes = []string{"application", "framework", "library", "container", "platform", "operating-system", "device", "device-driver", "firmware", "file", "machine-learning-model", "data", "cryptographic-asset"}

// WriteCycloneDXJSON writes s as a CycloneDX 1.6 JSON document that
// validates against the 1.6 schema. The output is deterministic: components
// are flat (nesting is not kept) and sorted by ComponentKey and version,
// the serial number is derived from the content, and the timestamp is the
// input's (left out when the input has none). Hashes of algorithms
// CycloneDX does not define, or not in hex, are left out.
func WriteCycloneDXJSON(w io.Writer, s *ward.SBOM) error {
	bom := toCycloneDX(s)
	var buf bytes.Buffer
	enc := cdx.NewBOMEncoder(&buf, cdx.BOMFileFormatJSON).SetPretty(true).SetEscapeHTML(false)
	if err := enc.EncodeVersion(bom, cdx.SpecVersion1_6); err != nil {
		return errWrite("CycloneDX", err)
	}
	bom.SerialNumber = "urn:uuid:" + contentUUID(buf.Bytes())
	buf.Reset()
	if err := enc.EncodeVersion(bom, cdx.SpecVersion1_6); err != nil {
		return errWrite("CycloneDX", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return errWrite("CycloneDX", err)
	}
	return nil
}

func toCycloneDX(s *ward.SBOM) *cdx.BOM {
	bom := cdx.NewBOM()
	bom.Version = 1
	refs := newRefNamer(func(i int) string { return "component-" + strconv.Itoa(i) })
	md := &cdx.Metadata{}
	if !s.Created.IsZero() {
		md.Timestamp = s.Created.UTC().Format(time.RFC3339)
	}
	if len(s.Authors) > 0 {
		authors := make([]cdx.OrganizationalContact, len(s.Authors))
		for i, a := range s.Authors {
			authors[i] = cdx.OrganizationalContact{Name: a}
		}
		md.Authors = &authors
	}
	if len(s.Tools) > 0 {
		tools := make([]cdx.Component, len(s.Tools))
		for i, t := range s.Tools {
			tools[i] = cdx.Component{Type: cdx.ComponentTypeApplication, Name: t}
		}
		md.Tools = &cdx.ToolsChoice{Components: &tools}
	}
	if s.Subject != nil {
		c := cdxFromWard(s.Subject, refs)
		md.Component = &c
	}
	bom.Metadata = md
	cs := writeOrder(s)
	if len(cs) > 0 {
		comps := make([]cdx.Component, len(cs))
		for i, c := range cs {
			comps[i] = cdxFromWard(c, refs)
		}
		bom.Components = &comps
	}
	if len(s.Dependencies) > 0 {
		keys := make([]string, 0, len(s.Dependencies))
		for k := range s.Dependencies {
			if refs.known(k) {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		deps := make([]cdx.Dependency, 0, len(keys))
		for _, k := range keys {
			var on []string
			for _, o := range s.Dependencies[k] {
				if refs.known(o) {
					on = append(on, refs.name(o))
				}
			}
			d := cdx.Dependency{Ref: refs.name(k)}
			if len(on) > 0 {
				slices.Sort(on)
				d.Dependencies = &on
			}
			deps = append(deps, d)
		}
		bom.Dependencies = &deps
	}
	return bom
}

func cdxFromWard(c *ward.Component, refs *refNamer) cdx.Component {
	typ := c.Type
	if !slices.Contains(cdxTypes, typ) {
		typ = "library"
	}
	name := c.Name
	if name == "" {
		name = "unnamed"
	}
	out := cdx.Component{
		BOMRef:     refs.assign(c.Ref),
		Type:       cdx.ComponentType(typ),
		Group:      c.Group,
		Name:       name,
		Version:    c.Version,
		PackageURL: c.PURL,
		CPE:        c.CPE,
	}
	if c.Supplier != "" {
		out.Supplier = &cdx.OrganizationalEntity{Name: c.Supplier}
	}
	if c.SWID != "" {
		out.SWID = &cdx.SWID{TagID: c.SWID, Name: name, Version: c.Version}
	}
	var hashes []cdx.Hash
	for _, h := range c.Hashes {
		if slices.Contains(cdxHashAlgs, h.Alg) && hashPattern.MatchString(h.Value) {
			hashes = append(hashes, cdx.Hash{Algorithm: cdx.HashAlgorithm(h.Alg), Value: h.Value})
		}
	}
	if len(hashes) > 0 {
		out.Hashes = &hashes
	}
	if ls := cdxLicenses(c.Licenses); ls != nil {
		out.Licenses = &ls
	}
	return out
}

// cdxLicenses writes one expression alone (the schema allows no mix), else
// each licence as an SPDX ID when it is one and as a name otherwise.
func cdxLicenses(ls []string) cdx.Licenses {
	switch {
	case len(ls) == 0:
		return nil
	case len(ls) == 1 && isLicenseExpression(ls[0]):
		return cdx.Licenses{{Expression: ls[0]}}
	}
	out := make(cdx.Licenses, 0, len(ls))
	for _, l := range ls {
		if isSPDXLicenseID(l) {
			out = append(out, cdx.LicenseChoice{License: &cdx.License{ID: l}})
		} else {
			out = append(out, cdx.LicenseChoice{License: &cdx.License{Name: l}})
		}
	}
	return out
}

// refNamer keeps component refs, replacing empty or repeated ones with
// generated names so that every written ref is unique.
type refNamer struct {
	gen   func(int) string
	used  map[string]bool
	names map[string]string // input ref → written ref (first definition)
	n     int
	clean func(string) string
}

func newRefNamer(gen func(int) string) *refNamer {
	return &refNamer{gen: gen, used: map[string]bool{}, names: map[string]string{}, clean: func(s string) string { return s }}
}

// assign returns the ref to write for a component whose input ref is ref.
func (rn *refNamer) assign(ref string) string {
	out := rn.clean(ref)
	if ref == "" || out == "" || rn.used[out] {
		for {
			rn.n++
			out = rn.gen(rn.n)
			if !rn.used[out] {
				break
			}
		}
	}
	rn.used[out] = true
	if _, ok := rn.names[ref]; !ok && ref != "" {
		rn.names[ref] = out
	}
	return out
}

func (rn *refNamer) known(ref string) bool  { _, ok := rn.names[ref]; return ok }
func (rn *refNamer) name(ref string) string { return rn.names[ref] }
