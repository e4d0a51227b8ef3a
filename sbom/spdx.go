package sbom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdx"
	"github.com/spdx/tools-golang/spdx/v2/common"
	"github.com/spdx/tools-golang/tagvalue"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/jsonpos"
)

func unsupportedSPDX(name, version string) error {
	return ward.Errorf(ward.EInvalid, "%s: SPDX version %q is not supported (supported: %s)", name, version, strings.Join(supportedSPDX, ", "))
}

// parseSPDXJSON reads an SPDX 2.2 or 2.3 JSON document with tools-golang,
// which converts 2.2 to the 2.3 model; the declared version is kept.
func parseSPDXJSON(name string, data []byte) (*ward.SBOM, error) {
	var head struct {
		SPDXVersion string `json:"spdxVersion"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, jsonpos.DecodeError(name, data, err)
	}
	if !slices.Contains(supportedSPDX, head.SPDXVersion) {
		return nil, unsupportedSPDX(name, head.SPDXVersion)
	}
	doc, err := spdxjson.Read(bytes.NewReader(data))
	if err != nil {
		return nil, ward.PosErrors{{Pos: ward.Pos{File: name}, Msg: "invalid SPDX JSON: " + err.Error()}}
	}
	return fromSPDX(name, doc, head.SPDXVersion, EncodingJSON)
}

// parseSPDXTagValue reads an SPDX 2.2 or 2.3 tag-value document.
func parseSPDXTagValue(name string, data []byte) (*ward.SBOM, error) {
	version := ""
	for line := range bytes.Lines(data) {
		if v, ok := bytes.CutPrefix(bytes.TrimSpace(line), []byte("SPDXVersion:")); ok {
			version = string(bytes.TrimSpace(v))
			break
		}
	}
	if !slices.Contains(supportedSPDX, version) {
		return nil, unsupportedSPDX(name, version)
	}
	doc, err := tagvalue.Read(bytes.NewReader(withoutSnippets(data)))
	if err != nil {
		return nil, tagValueError(name, data, err)
	}
	return fromSPDX(name, doc, version, EncodingTagValue)
}

// tagValueError locates a tools-golang tag-value error: its messages quote
// the offending line or value but carry no line number, so the first line
// containing the quoted text is taken.
func tagValueError(name string, data []byte, err error) error {
	msg := err.Error()
	pos := ward.Pos{File: name}
	if i := strings.IndexByte(msg, '\''); i >= 0 {
		if j := strings.IndexByte(msg[i+1:], '\''); j > 0 {
			if off := bytes.Index(data, []byte(msg[i+1:i+1+j])); off >= 0 {
				pos = jsonpos.New(name, data).PosAt(int64(off))
			}
		}
	}
	return ward.PosErrors{{Pos: pos, Msg: "invalid SPDX tag-value: " + msg}}
}

const spdxRefPrefix = "SPDXRef-"

// spdxHashAlgs maps SPDX checksum algorithms to CycloneDX names, the
// spelling ward.Hash uses.
var spdxHashAlgs = map[common.ChecksumAlgorithm]string{
	common.MD5: "MD5", common.SHA1: "SHA-1", common.SHA256: "SHA-256",
	common.SHA384: "SHA-384", common.SHA512: "SHA-512",
	common.SHA3_256: "SHA3-256", common.SHA3_384: "SHA3-384", common.SHA3_512: "SHA3-512",
	common.BLAKE2b_256: "BLAKE2b-256", common.BLAKE2b_384: "BLAKE2b-384",
	common.BLAKE2b_512: "BLAKE2b-512", common.BLAKE3: "BLAKE3",
}

// spdxDependencyKinds are the relationship types that make a dependency
// edge; reversed ones name the dependant on the right-hand side.
var spdxDependencyKinds = map[string]bool{ // type → reversed
	"DEPENDS_ON": false, "CONTAINS": false, "STATIC_LINK": false, "DYNAMIC_LINK": false,
	"HAS_PREREQUISITE": false,
	"DEPENDENCY_OF":    true, "CONTAINED_BY": true, "DEV_DEPENDENCY_OF": true,
	"BUILD_DEPENDENCY_OF": true, "RUNTIME_DEPENDENCY_OF": true, "OPTIONAL_DEPENDENCY_OF": true,
	"PROVIDED_DEPENDENCY_OF": true, "TEST_DEPENDENCY_OF": true, "PREREQUISITE_FOR": true,
}

// fromSPDX reduces an SPDX document to a ward.SBOM. Packages become
// components (files and snippets do not: ward matches packages); the one
// package the document DESCRIBES becomes the Subject.
func fromSPDX(name string, doc *spdx.Document, version, encoding string) (*ward.SBOM, error) {
	s := &ward.SBOM{
		Source:      name,
		Format:      FormatSPDX,
		SpecVersion: strings.TrimPrefix(version, "SPDX-"),
		Encoding:    encoding,
		ID:          doc.DocumentNamespace,
		Name:        doc.DocumentName,
	}
	if ci := doc.CreationInfo; ci != nil {
		if ci.Created != "" {
			t, err := time.Parse(time.RFC3339, ci.Created)
			if err != nil {
				return nil, ward.PosErrors{{Pos: ward.Pos{File: name}, Path: "creationInfo.created", Msg: fmt.Sprintf("created %q is not a date-time like 2024-01-31T12:00:00Z", ci.Created)}}
			}
			s.Created = t.UTC()
		}
		for _, c := range ci.Creators {
			if strings.TrimSpace(c.Creator) == "" {
				continue // "Creator: Person:" names nobody
			}
			switch c.CreatorType {
			case "Tool":
				s.Tools = append(s.Tools, c.Creator)
			default:
				s.Authors = append(s.Authors, c.Creator)
			}
		}
	}
	docRef := spdxRefPrefix + "DOCUMENT"
	if doc.SPDXIdentifier != "" {
		docRef = spdxRefPrefix + string(doc.SPDXIdentifier)
	}
	byRef := make(map[string]*ward.Component, len(doc.Packages))
	comps := make([]*ward.Component, 0, len(doc.Packages))
	for i, p := range doc.Packages {
		if p == nil {
			continue
		}
		c := spdxPackage(p, fmt.Sprintf("packages[%d]", i))
		comps = append(comps, c)
		if c.Ref != "" {
			byRef[c.Ref] = c
		}
	}
	var described []string
	for _, r := range doc.Relationships {
		if r == nil {
			continue
		}
		a, b := spdxElement(r.RefA), spdxElement(r.RefB)
		typ := strings.ToUpper(strings.TrimSpace(r.Relationship))
		switch {
		case typ == "DESCRIBES" && a == docRef:
			described = append(described, b)
			continue
		case typ == "DESCRIBED_BY" && b == docRef:
			described = append(described, a)
			continue
		}
		reversed, ok := spdxDependencyKinds[typ]
		if !ok {
			continue
		}
		if reversed {
			a, b = b, a
		}
		if !reversed && b == "NONE" && byRef[a] != nil {
			// "Depends on nothing": a statement, kept as an empty list.
			if s.Dependencies == nil {
				s.Dependencies = map[string][]string{}
			}
			addDeps(s.Dependencies, a, nil)
			continue
		}
		if byRef[a] == nil || byRef[b] == nil {
			continue // a file, another document or NOASSERTION: not a package edge
		}
		if s.Dependencies == nil {
			s.Dependencies = map[string][]string{}
		}
		addDeps(s.Dependencies, a, []string{b})
	}
	sortDeps(s.Dependencies)
	slices.Sort(described)
	described = slices.Compact(described)
	if len(described) == 1 && byRef[described[0]] != nil {
		s.Subject = byRef[described[0]]
		comps = slices.DeleteFunc(comps, func(c *ward.Component) bool { return c == s.Subject })
	}
	s.Components = comps
	return s, nil
}

func spdxElement(id common.DocElementID) string {
	switch {
	case id.SpecialID != "":
		return id.SpecialID
	case id.DocumentRefID != "":
		return "DocumentRef-" + string(id.DocumentRefID) + ":" + spdxRefPrefix + string(id.ElementRefID)
	}
	return spdxRefPrefix + string(id.ElementRefID)
}

func spdxPackage(p *spdx.Package, path string) *ward.Component {
	c := &ward.Component{
		Name:    p.PackageName,
		Version: p.PackageVersion,
		Type:    strings.ReplaceAll(strings.ToLower(p.PrimaryPackagePurpose), "_", "-"),
		Path:    path,
	}
	if p.PackageSPDXIdentifier != "" {
		c.Ref = spdxRefPrefix + string(p.PackageSPDXIdentifier)
	}
	var sup, orig string
	if p.PackageSupplier != nil && p.PackageSupplier.Supplier != "NOASSERTION" {
		sup = p.PackageSupplier.Supplier
	}
	if p.PackageOriginator != nil && p.PackageOriginator.Originator != "NOASSERTION" {
		orig = p.PackageOriginator.Originator
	}
	c.Supplier = supplierOf(sup, orig, "")
	var cpe22 string
	for _, r := range p.PackageExternalReferences {
		if r == nil {
			continue
		}
		switch r.RefType {
		case "purl":
			if c.PURL == "" {
				c.PURL = r.Locator
			}
		case "cpe23Type":
			if c.CPE == "" {
				c.CPE = r.Locator
			}
		case "cpe22Type":
			if cpe22 == "" {
				cpe22 = r.Locator
			}
		case "swid":
			if c.SWID == "" {
				c.SWID = r.Locator
			}
		}
	}
	if c.CPE == "" {
		c.CPE = cpe22
	}
	for _, h := range p.PackageChecksums {
		alg, ok := spdxHashAlgs[h.Algorithm]
		if !ok {
			alg = string(h.Algorithm)
		}
		c.Hashes = append(c.Hashes, ward.Hash{Alg: alg, Value: strings.ToLower(h.Value)})
	}
	sortHashes(c.Hashes)
	for _, l := range []string{p.PackageLicenseConcluded, p.PackageLicenseDeclared} {
		if l = strings.TrimSpace(l); l != "" && l != "NOASSERTION" && l != "NONE" {
			c.Licenses = append(c.Licenses, l)
			break
		}
	}
	return c
}

// withoutSnippets removes the snippet tags (Snippet*, LicenseInfoInSnippet)
// and their multi-line <text> values from a tag-value document. ward does
// not use snippets, and tools-golang cannot read a snippet that follows a
// package section, as the SPDX specification's own examples have it.
// Line count is kept (removed lines become empty) so positions stay right.
func withoutSnippets(data []byte) []byte {
	if !bytes.Contains(data, []byte("Snippet")) {
		return data
	}
	out := make([]byte, 0, len(data))
	inText, drop := false, false
	for line := range bytes.Lines(data) {
		if !inText {
			t := bytes.TrimSpace(line)
			drop = bytes.HasPrefix(t, []byte("Snippet")) || bytes.HasPrefix(t, []byte("LicenseInfoInSnippet:"))
			inText = bytes.Contains(line, []byte("<text>")) && !bytes.Contains(line, []byte("</text>"))
		} else if bytes.Contains(line, []byte("</text>")) {
			inText = false
		}
		if drop {
			out = append(out, '\n')
			continue
		}
		out = append(out, line...)
	}
	return out
}
