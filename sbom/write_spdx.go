package sbom

import (
	"bytes"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdx/v2/common"
	"github.com/spdx/tools-golang/spdx/v2/v2_3"

	"github.com/wardhq/ward"
)

// spdxPurposes are the primary package purposes of SPDX 2.3.
var spdxPurposes = []string{"APPLICATION", "FRAMEWORK", "LIBRARY", "CONTAINER", "OPERATING_SYSTEM", "DEVICE", "FIRMWARE", "SOURCE", "ARCHIVE", "FILE", "INSTALL", "OTHER"}

// unknownCreated stands for the creation time of an SBOM that has none:
// SPDX requires one, and the writer never reads the clock.
var unknownCreated = time.Unix(0, 0).UTC()

var notIDChar = regexp.MustCompile(`[^A-Za-z0-9.\-]+`)

// WriteSPDXJSON writes s as an SPDX 2.3 JSON document that validates
// against the 2.3 schema. The output is deterministic: packages are sorted
// as in WriteCycloneDXJSON, the namespace is a urn:uuid derived from the
// content, and the creation time is the input's; when the input has none,
// 1970-01-01T00:00:00Z is written and a creator comment says it is
// unknown. Licences that are not SPDX IDs or expressions are written as
// NOASSERTION (SPDX would need LicenseRef- definitions for them).
func WriteSPDXJSON(w io.Writer, s *ward.SBOM) error {
	doc := toSPDX(s)
	var buf bytes.Buffer
	if err := spdxjson.Write(doc, &buf, spdxjson.Indent("  "), spdxjson.EscapeHTML(false)); err != nil {
		return errWrite("SPDX", err)
	}
	doc.DocumentNamespace = "urn:uuid:" + contentUUID(buf.Bytes())
	buf.Reset()
	if err := spdxjson.Write(doc, &buf, spdxjson.Indent("  "), spdxjson.EscapeHTML(false)); err != nil {
		return errWrite("SPDX", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return errWrite("SPDX", err)
	}
	return nil
}

func toSPDX(s *ward.SBOM) *v2_3.Document {
	name := s.Name
	if name == "" && s.Subject != nil {
		name = s.Subject.DisplayName()
	}
	if name == "" {
		name = "sbom"
	}
	doc := &v2_3.Document{
		SPDXVersion:       v2_3.Version,
		DataLicense:       v2_3.DataLicense,
		SPDXIdentifier:    "DOCUMENT",
		DocumentName:      name,
		DocumentNamespace: "urn:uuid:00000000-0000-0000-0000-000000000000",
		CreationInfo:      &v2_3.CreationInfo{},
	}
	ci := doc.CreationInfo
	created := s.Created
	if created.IsZero() {
		created = unknownCreated
		ci.CreatorComment = "The source SBOM has no timestamp: the creation time is unknown."
	}
	ci.Created = created.UTC().Format("2006-01-02T15:04:05Z")
	// SPDX has no creator without a name: an empty one (from a CycloneDX
	// author without a name) is left out.
	for _, a := range s.Authors {
		if strings.TrimSpace(a) != "" {
			ci.Creators = append(ci.Creators, common.Creator{CreatorType: "Person", Creator: a})
		}
	}
	for _, t := range s.Tools {
		if strings.TrimSpace(t) != "" {
			ci.Creators = append(ci.Creators, common.Creator{CreatorType: "Tool", Creator: t})
		}
	}
	if len(ci.Creators) == 0 {
		ci.Creators = []common.Creator{{CreatorType: "Tool", Creator: "ward"}}
	}

	ids := newRefNamer(func(i int) string { return "Package-" + strconv.Itoa(i) })
	ids.clean = func(ref string) string {
		id := strings.TrimPrefix(ref, spdxRefPrefix)
		return strings.Trim(notIDChar.ReplaceAllString(id, "-"), "-")
	}
	if s.Subject != nil {
		p := spdxFromWard(s.Subject, ids)
		doc.Packages = append(doc.Packages, p)
		doc.Relationships = append(doc.Relationships, spdxRel("DOCUMENT", string(p.PackageSPDXIdentifier), "DESCRIBES"))
	}
	for _, c := range writeOrder(s) {
		p := spdxFromWard(c, ids)
		doc.Packages = append(doc.Packages, p)
		if s.Subject == nil && c.Parent == "" {
			doc.Relationships = append(doc.Relationships, spdxRel("DOCUMENT", string(p.PackageSPDXIdentifier), "DESCRIBES"))
		}
	}
	keys := make([]string, 0, len(s.Dependencies))
	for k := range s.Dependencies {
		if ids.known(k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		var on []string
		for _, o := range s.Dependencies[k] {
			if ids.known(o) {
				on = append(on, ids.name(o))
			}
		}
		slices.Sort(on)
		if len(on) == 0 {
			// "Depends on nothing" is a statement SPDX can make.
			r := spdxRel(ids.name(k), "", "DEPENDS_ON")
			r.RefB = common.DocElementID{SpecialID: "NONE"}
			doc.Relationships = append(doc.Relationships, r)
		}
		for _, o := range on {
			doc.Relationships = append(doc.Relationships, spdxRel(ids.name(k), o, "DEPENDS_ON"))
		}
	}
	return doc
}

func spdxRel(a, b, typ string) *v2_3.Relationship {
	return &v2_3.Relationship{
		RefA:         common.DocElementID{ElementRefID: common.ElementID(a)},
		RefB:         common.DocElementID{ElementRefID: common.ElementID(b)},
		Relationship: typ,
	}
}

func spdxFromWard(c *ward.Component, ids *refNamer) *v2_3.Package {
	name := c.Name
	if c.Group != "" {
		name = c.Group + "/" + name
	}
	if name == "" {
		name = "unnamed"
	}
	p := &v2_3.Package{
		PackageName:               name,
		PackageSPDXIdentifier:     common.ElementID(ids.assign(c.Ref)),
		PackageVersion:            c.Version,
		PackageDownloadLocation:   "NOASSERTION",
		FilesAnalyzed:             false,
		IsFilesAnalyzedTagPresent: true,
		PackageLicenseConcluded:   "NOASSERTION",
		PackageLicenseDeclared:    spdxLicense(c.Licenses),
		PackageCopyrightText:      "NOASSERTION",
	}
	if purpose := strings.ReplaceAll(strings.ToUpper(c.Type), "-", "_"); slices.Contains(spdxPurposes, purpose) {
		p.PrimaryPackagePurpose = purpose
	}
	if c.Supplier != "" {
		p.PackageSupplier = &common.Supplier{SupplierType: "Organization", Supplier: c.Supplier}
	}
	algs := map[string]common.ChecksumAlgorithm{}
	for k, v := range spdxHashAlgs {
		algs[v] = k
	}
	for _, h := range c.Hashes {
		if a, ok := algs[h.Alg]; ok {
			p.PackageChecksums = append(p.PackageChecksums, common.Checksum{Algorithm: a, Value: h.Value})
		}
	}
	if c.PURL != "" {
		p.PackageExternalReferences = append(p.PackageExternalReferences, &v2_3.PackageExternalReference{Category: "PACKAGE-MANAGER", RefType: "purl", Locator: c.PURL})
	}
	if c.CPE != "" {
		typ := "cpe23Type"
		if strings.HasPrefix(c.CPE, "cpe:/") {
			typ = "cpe22Type"
		}
		p.PackageExternalReferences = append(p.PackageExternalReferences, &v2_3.PackageExternalReference{Category: "SECURITY", RefType: typ, Locator: c.CPE})
	}
	if c.SWID != "" {
		p.PackageExternalReferences = append(p.PackageExternalReferences, &v2_3.PackageExternalReference{Category: "SECURITY", RefType: "swid", Locator: c.SWID})
	}
	return p
}

// spdxLicense joins SPDX IDs and expressions with AND; anything else makes
// the declared licence NOASSERTION.
func spdxLicense(ls []string) string {
	if len(ls) == 0 {
		return "NOASSERTION"
	}
	parts := make([]string, 0, len(ls))
	for _, l := range ls {
		switch {
		case isSPDXLicenseID(l) || strings.HasPrefix(l, "LicenseRef-"):
			parts = append(parts, l)
		case isLicenseExpression(l):
			parts = append(parts, "("+l+")")
		default:
			return "NOASSERTION"
		}
	}
	if len(parts) == 1 {
		return strings.TrimSuffix(strings.TrimPrefix(parts[0], "("), ")")
	}
	return strings.Join(parts, " AND ")
}
