package sbom

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/jsonpos"
)

// cdxNamespaces maps the XML namespace of each CycloneDX version to the
// version. 1.0 and 1.1 exist only in XML; Parse reads them (real SBOMs still
// use 1.1) but Validate does not judge them (see validate.go).
var cdxNamespaces = map[string]string{
	"http://cyclonedx.org/schema/bom/1.0": "1.0",
	"http://cyclonedx.org/schema/bom/1.1": "1.1",
	"http://cyclonedx.org/schema/bom/1.2": "1.2",
	"http://cyclonedx.org/schema/bom/1.3": "1.3",
	"http://cyclonedx.org/schema/bom/1.4": "1.4",
	"http://cyclonedx.org/schema/bom/1.5": "1.5",
	"http://cyclonedx.org/schema/bom/1.6": "1.6",
	"http://cyclonedx.org/schema/bom/1.7": "1.7",
}

func unsupportedCycloneDX(name, version string) error {
	return ward.Errorf(ward.EInvalid, "%s: CycloneDX spec version %q is not supported (supported: %s)", name, version, strings.Join(supportedCycloneDX, ", "))
}

// cdxHead is the part of a CycloneDX JSON document read before the rest, to
// reject an unsupported version with a message that lists the supported ones.
type cdxHead struct {
	BOMFormat   string `json:"bomFormat"`
	SpecVersion string `json:"specVersion"`
}

// parseCycloneDXLibJSON reads CycloneDX JSON with cyclonedx-go. The fast
// path in cyclonedx_json.go is what Parse uses; this one is kept for the
// benchmark comparison and as the reference the fast path is tested against.
func parseCycloneDXLibJSON(name string, data []byte) (*ward.SBOM, error) {
	var bom cdx.BOM
	if err := json.Unmarshal(data, &bom); err != nil {
		if errors.Is(err, cdx.ErrInvalidSpecVersion) {
			var h cdxHead
			_ = json.Unmarshal(data, &h)
			return nil, unsupportedCycloneDX(name, h.SpecVersion)
		}
		return nil, jsonpos.DecodeError(name, data, err)
	}
	if bom.BOMFormat != "CycloneDX" {
		return nil, ward.PosErrors{{Pos: ward.Pos{File: name}, Path: "bomFormat", Msg: fmt.Sprintf("bomFormat is %q, want \"CycloneDX\"", bom.BOMFormat)}}
	}
	v := bom.SpecVersion.String()
	if !slices.Contains(supportedCycloneDX, v) {
		return nil, unsupportedCycloneDX(name, v)
	}
	return fromCycloneDX(name, &bom, v, EncodingJSON)
}

// isCycloneDXXML reports whether the root element of an XML document is
// <bom>, whatever its namespace (checked later, with a clearer message).
func isCycloneDXXML(data []byte) bool {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		t, err := dec.RawToken()
		if err != nil {
			return false
		}
		if se, ok := t.(xml.StartElement); ok {
			return se.Name.Local == "bom"
		}
	}
}

// parseCycloneDXXML reads CycloneDX XML 1.0–1.7 with cyclonedx-go; the
// version comes from the namespace of the root element.
func parseCycloneDXXML(name string, data []byte) (*ward.SBOM, error) {
	ns, err := xmlRootNamespace(data)
	if err != nil {
		return nil, xmlError(name, err)
	}
	v, ok := cdxNamespaces[ns]
	if !ok {
		return nil, ward.Errorf(ward.EInvalid, "%s: <bom> namespace %q is not a CycloneDX namespace (supported: http://cyclonedx.org/schema/bom/1.0 … 1.7)", name, ns)
	}
	var bom cdx.BOM
	if err := xml.Unmarshal(data, &bom); err != nil {
		return nil, xmlError(name, err)
	}
	return fromCycloneDX(name, &bom, v, EncodingXML)
}

// xmlRootNamespace returns the namespace of the root element.
func xmlRootNamespace(data []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		t, err := dec.Token()
		if err != nil {
			return "", err
		}
		if se, ok := t.(xml.StartElement); ok {
			return se.Name.Space, nil
		}
	}
}

// xmlError turns an encoding/xml error into a PosError with its line.
func xmlError(name string, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return ward.PosErrors{{Pos: ward.Pos{File: name, Line: se.Line}, Msg: "XML syntax error: " + se.Msg}}
	}
	return ward.PosErrors{{Pos: ward.Pos{File: name}, Msg: "invalid XML: " + strings.TrimPrefix(err.Error(), "xml: ")}}
}

// fromCycloneDX reduces a decoded CycloneDX BOM to a ward.SBOM.
func fromCycloneDX(name string, bom *cdx.BOM, version, encoding string) (*ward.SBOM, error) {
	s := &ward.SBOM{
		Source:      name,
		Format:      FormatCycloneDX,
		SpecVersion: version,
		Encoding:    encoding,
		ID:          bom.SerialNumber,
	}
	if md := bom.Metadata; md != nil {
		if md.Timestamp != "" {
			t, err := time.Parse(time.RFC3339, md.Timestamp)
			if err != nil {
				return nil, ward.PosErrors{{Pos: ward.Pos{File: name}, Path: "metadata.timestamp", Msg: fmt.Sprintf("timestamp %q is not an RFC 3339 date-time", md.Timestamp)}}
			}
			s.Created = t.UTC()
		}
		if md.Authors != nil {
			for _, a := range *md.Authors {
				if n := contactName(a); n != "" {
					s.Authors = append(s.Authors, n)
				}
			}
		}
		s.Tools = cdxTools(md.Tools)
		if md.Component != nil {
			s.Subject = cdxComponent(md.Component, "metadata.component", "")
			s.Name = md.Component.Name
			if md.Component.Components != nil {
				s.Components = cdxComponents(s.Components, *md.Component.Components, "metadata.component.components", s.Subject.Ref)
			}
		}
	}
	if bom.Components != nil {
		s.Components = cdxComponents(s.Components, *bom.Components, "components", "")
	}
	if bom.Dependencies != nil {
		s.Dependencies = make(map[string][]string, len(*bom.Dependencies))
		for _, d := range *bom.Dependencies {
			var on []string
			if d.Dependencies != nil {
				on = append(on, *d.Dependencies...)
			}
			addDeps(s.Dependencies, d.Ref, on)
		}
		sortDeps(s.Dependencies)
	}
	return s, nil
}

// addDeps records that ref depends on refs; a ref listed with no refs is
// kept, with an empty list, because "has no dependencies" is a statement.
func addDeps(m map[string][]string, ref string, refs []string) {
	cur, ok := m[ref]
	if !ok {
		cur = []string{}
	}
	m[ref] = append(cur, refs...)
}

func sortDeps(m map[string][]string) {
	for k, v := range m {
		slices.Sort(v)
		m[k] = slices.Compact(v)
	}
}

func contactName(a cdx.OrganizationalContact) string {
	switch {
	case a.Name != "":
		return a.Name
	case a.Email != "":
		return a.Email
	}
	return ""
}

func cdxTools(tc *cdx.ToolsChoice) []string {
	if tc == nil {
		return nil
	}
	var out []string
	add := func(vendor, name, version string) {
		s := strings.TrimSpace(strings.Join([]string{vendor, name, version}, " "))
		if s != "" {
			out = append(out, strings.Join(strings.Fields(s), " "))
		}
	}
	if tc.Tools != nil {
		for _, t := range *tc.Tools {
			add(t.Vendor, t.Name, t.Version)
		}
	}
	if tc.Components != nil {
		for _, c := range *tc.Components {
			add(c.Group, c.Name, c.Version)
		}
	}
	if tc.Services != nil {
		for _, sv := range *tc.Services {
			add(sv.Group, sv.Name, sv.Version)
		}
	}
	return out
}

// cdxComponents appends cs and their nested components, depth first in
// document order, to out.
func cdxComponents(out []*ward.Component, cs []cdx.Component, path, parent string) []*ward.Component {
	for i := range cs {
		c := &cs[i]
		p := path + "[" + strconv.Itoa(i) + "]"
		wc := cdxComponent(c, p, parent)
		out = append(out, wc)
		if c.Components != nil {
			out = cdxComponents(out, *c.Components, p+".components", c.BOMRef)
		}
	}
	return out
}

func cdxComponent(c *cdx.Component, path, parent string) *ward.Component {
	wc := &ward.Component{
		Ref:     c.BOMRef,
		Type:    string(c.Type),
		Group:   c.Group,
		Name:    c.Name,
		Version: c.Version,
		PURL:    c.PackageURL,
		CPE:     c.CPE,
		Parent:  parent,
		Path:    path,
	}
	wc.Supplier = supplierOf(orgName(c.Supplier), orgName(c.Manufacturer), c.Publisher)
	if c.SWID != nil {
		wc.SWID = c.SWID.TagID
	}
	if c.Hashes != nil {
		for _, h := range *c.Hashes {
			wc.Hashes = append(wc.Hashes, ward.Hash{Alg: string(h.Algorithm), Value: strings.ToLower(h.Value)})
		}
		sortHashes(wc.Hashes)
	}
	if c.Licenses != nil {
		for _, l := range *c.Licenses {
			if s := licenseChoice(l.License, l.Expression); s != "" {
				wc.Licenses = append(wc.Licenses, s)
			}
		}
	}
	return wc
}

// supplierOf picks the NTIA "supplier name": the declared supplier, else the
// manufacturer (CycloneDX 1.6+), else the publisher, which older SBOMs use
// for the same purpose.
func supplierOf(supplier, manufacturer, publisher string) string {
	for _, s := range []string{supplier, manufacturer, publisher} {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func orgName(o *cdx.OrganizationalEntity) string {
	if o == nil {
		return ""
	}
	return o.Name
}

func licenseChoice(l *cdx.License, expression string) string {
	switch {
	case expression != "":
		return expression
	case l == nil:
		return ""
	case l.ID != "":
		return l.ID
	}
	return l.Name
}

func sortHashes(hs []ward.Hash) {
	slices.SortFunc(hs, func(a, b ward.Hash) int {
		if c := strings.Compare(a.Alg, b.Alg); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
}
