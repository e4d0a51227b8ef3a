package sbom

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Validating CycloneDX XML without an XSD validator (Go has no pure-Go one).
//
// The approach, judged against the conformance suite in
// cyclonedx_conformance_test.go:
//
//  1. The document must be well-formed XML whose root is <bom> in a
//     CycloneDX namespace; the namespace gives the version.
//  2. cyclonedx-go decodes it into the JSON model, which is validated
//     against the official JSON schema of the same version. The XSD and JSON
//     schemas of a version express the same constraints (enumerations, hash
//     and serial-number patterns, SPDX license IDs, date-times, …), so this
//     covers what decoding keeps.
//  3. What decoding loses is checked on the XML tree itself: required
//     attributes and elements (an absent <name> decodes as ""), the license
//     choice (exactly one <id> or <name>; <license>s or one <expression>),
//     and bom-ref identity (non-empty, unique, dependencies point to one):
//     the XSD's xs:unique and keyref constraints.
//
// CycloneDX 1.0 and 1.1 exist only as XML and have no JSON schema. They are
// judged against the 1.2 JSON schema — 1.2 only added optional elements
// and component types — plus the 1.0/1.1 component-type enumeration.

// xmlNode is one element of a document, with where it starts.
type xmlNode struct {
	name      xml.Name
	attrs     []xml.Attr
	children  []*xmlNode
	text      string
	line, col int
}

func (n *xmlNode) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

// readXMLTree reads a whole document; a syntax error carries its line.
func readXMLTree(data []byte) (*xmlNode, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var root *xmlNode
	var stack []*xmlNode
	var text strings.Builder
	for {
		line, col := dec.InputPos()
		t, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			n := &xmlNode{name: t.Name, attrs: t.Attr, line: line, col: col}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
			text.Reset()
		case xml.EndElement:
			n := stack[len(stack)-1]
			if len(n.children) == 0 {
				n.text = strings.TrimSpace(text.String())
			}
			stack = stack[:len(stack)-1]
			text.Reset()
		case xml.CharData:
			text.Write(t)
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

const cdxDependencyGraphNS = "http://cyclonedx.org/schema/ext/dependency-graph/1.0"

// dataFlows is the data flow direction enumeration of every version.
var dataFlows = []string{"inbound", "outbound", "bi-directional", "unknown"}

// legacyComponentTypes is the component type enumeration of 1.0 and 1.1.
var legacyComponentTypes = []string{"application", "framework", "library", "operating-system", "device", "file"}

func validateCycloneDXXML(r *Report, data []byte) error {
	root, err := readXMLTree(data)
	if err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			r.add(RuleSyntax, se.Line, 0, "", "XML syntax error: "+se.Msg)
		} else {
			r.add(RuleSyntax, 0, 0, "", "invalid XML: "+strings.TrimPrefix(err.Error(), "xml: "))
		}
		return nil
	}
	v, ok := cdxNamespaces[root.name.Space]
	if !ok {
		r.add(RuleSchema, root.line, root.col, "", fmt.Sprintf("<bom> namespace %q is not a CycloneDX namespace (want http://cyclonedx.org/schema/bom/%s)", root.name.Space, strings.Join(supportedCycloneDX, " … ")))
		return nil
	}
	r.SpecVersion = v
	legacy := v == "1.0" || v == "1.1"
	schemaVersion := v
	if legacy {
		schemaVersion = "1.2"
	}

	var bom cdx.BOM
	if err := xml.Unmarshal(data, &bom); err != nil {
		r.add(RuleSchema, 0, 0, "", "cannot read as CycloneDX: "+strings.TrimPrefix(err.Error(), "xml: "))
		return nil
	}
	if _, ok := root.attr("version"); !ok {
		bom.Version = 1 // the XSD default
	}
	bom.BOMFormat = "CycloneDX"
	if err := bom.SpecVersion.UnmarshalJSON([]byte(strconv.Quote(schemaVersion))); err != nil {
		return err
	}
	if v < "1.6" {
		identityAsObject(bom.Components)
	}
	if legacy {
		// Dependencies came with 1.2; a legacy document declares them
		// through the dependency-graph extension, checked on the tree.
		bom.Dependencies = nil
	}
	b, err := json.Marshal(&bom)
	if err != nil {
		r.add(RuleSchema, 0, 0, "", "cannot convert to the JSON model: "+err.Error())
		return nil
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	inst = replaceXMLWhitespace(inst)
	ps, err := schemaProblems("CycloneDX "+schemaVersion, inst)
	if err != nil {
		return err
	}
	for i := range ps {
		if n := xmlNodeAt(root, ps[i].Path); n != nil {
			ps[i].Line, ps[i].Col = n.line, n.col
		}
	}
	r.Errors = append(r.Errors, ps...)
	checkXMLTree(r, root, legacy)
	capSchemaProblems(r)

	s, err := fromCycloneDX(r.File, &bom, v, EncodingXML)
	if err != nil {
		if len(r.Errors) > 0 {
			return nil
		}
		return r.addParseError(err)
	}
	r.SBOM = s
	return nil
}

// checkXMLTree checks what the JSON model cannot carry (see the top of the
// file).
func checkXMLTree(r *Report, root *xmlNode, legacy bool) {
	rc := newRefChecker(r)
	type use struct {
		ref, path string
		n         *xmlNode
	}
	var uses []use
	isCDX := func(n *xmlNode) bool { _, ok := cdxNamespaces[n.name.Space]; return ok }
	var walk func(n *xmlNode, path string)
	walk = func(n *xmlNode, path string) {
		fail := func(format string, args ...any) {
			r.add(RuleSchema, n.line, n.col, path, fmt.Sprintf(format, args...))
		}
		local := n.name.Local
		if isCDX(n) {
			if ref, ok := n.attr("bom-ref"); ok {
				if ref == "" {
					fail("<%s> has an empty bom-ref", local)
				} else {
					rc.define(ref, path, n.line, n.col)
				}
			}
			switch local {
			case "component":
				typ, ok := n.attr("type")
				if !ok {
					fail("<component> has no type attribute")
				} else if legacy && !slices.Contains(legacyComponentTypes, typ) {
					fail("component type %q is not one of %s", typ, strings.Join(legacyComponentTypes, ", "))
				}
				if countChildren(n, "name") != 1 {
					fail("<component> must have exactly one <name>")
				}
			case "license":
				if countChildren(n, "id")+countChildren(n, "name") != 1 {
					fail("<license> must have exactly one <id> or <name>")
				}
			case "licenses":
				expr := countChildren(n, "expression") + countChildren(n, "expression-detailed")
				if expr > 1 || (expr == 1 && len(n.children) != 1) {
					fail("<licenses> holds either <license> elements or one <expression>, not both")
				}
			case "swid":
				for _, a := range []string{"tagId", "name"} {
					if _, ok := n.attr(a); !ok {
						fail("<swid> has no %s attribute", a)
					}
				}
			case "hash":
				if _, ok := n.attr("alg"); !ok {
					fail("<hash> has no alg attribute")
				}
			case "classification":
				// Service data flows of 1.2–1.4, which cyclonedx-go reads
				// only in the 1.5 shape (<dataflow>).
				if flow, ok := n.attr("flow"); ok && !slices.Contains(dataFlows, flow) {
					fail("data flow %q is not one of %s", flow, strings.Join(dataFlows, ", "))
				}
			}
		}
		// Only the BOM's dependency graph (and the 1.1 dependency-graph
		// extension) refers to bom-refs; formulation reuses <dependency>
		// for task and workspace topologies with refs of their own.
		inGraph := strings.HasPrefix(path, "dependencies[") || n.name.Space == cdxDependencyGraphNS
		if local == "dependency" && inGraph && (isCDX(n) || n.name.Space == cdxDependencyGraphNS) {
			ref, ok := n.attr("ref")
			switch {
			case !ok:
				fail("<dependency> has no ref attribute")
			case ref == "":
				fail("<dependency> has an empty ref")
			default:
				uses = append(uses, use{ref, path, n})
			}
		}
		counts := map[string]int{}
		for _, c := range n.children {
			i := counts[c.name.Local]
			counts[c.name.Local]++
			walk(c, joinPath(path, c.name.Local)+"["+strconv.Itoa(i)+"]")
		}
	}
	walk(root, "")
	for _, u := range uses {
		if !strings.HasPrefix(u.ref, "urn:cdx:") {
			rc.use(u.ref, u.path, u.n.line, u.n.col)
		}
	}
}

func countChildren(n *xmlNode, local string) int {
	c := 0
	for _, ch := range n.children {
		if ch.name.Local == local {
			c++
		}
	}
	return c
}

// xmlNodeAt finds the element a JSON-model path most likely came from:
// "components[2].hashes[0].content" → the third <component> in
// <components>, its first <hash>. It returns the deepest element found.
func xmlNodeAt(root *xmlNode, path string) *xmlNode {
	n := root
	for _, seg := range strings.Split(path, ".") {
		if seg == "" {
			continue
		}
		key, idx := seg, -1
		if i := strings.IndexByte(seg, '['); i >= 0 {
			key = seg[:i]
			idx, _ = strconv.Atoi(strings.Trim(seg[i:], "[]"))
		}
		next := firstChild(n, key)
		if next == nil {
			return n // an attribute or text of n, or lost in conversion
		}
		n = next
		if idx >= 0 {
			if idx >= len(n.children) {
				return n
			}
			n = n.children[idx]
		}
	}
	return n
}

func firstChild(n *xmlNode, local string) *xmlNode {
	for _, c := range n.children {
		if c.name.Local == local {
			return c
		}
	}
	return nil
}

// identityAsObject gives component evidence identities the shape of 1.5,
// a single object: cyclonedx-go reads XML identities into the array of 1.6+.
func identityAsObject(cs *[]cdx.Component) {
	if cs == nil {
		return
	}
	for i := range *cs {
		c := &(*cs)[i]
		if e := c.Evidence; e != nil && e.Identity != nil && e.Identity.Identities != nil && len(*e.Identity.Identities) == 1 {
			id := (*e.Identity.Identities)[0]
			e.Identity.Identity, e.Identity.Identities = &id, nil
		}
		identityAsObject(c.Components)
	}
}

// replaceXMLWhitespace replaces tabs and line breaks in every string with
// spaces: most CycloneDX XML strings are xs:normalizedString, whose
// whiteSpace facet does exactly that before validation, while the JSON
// schema's patterns (such as "^(.*)$") see the raw value.
func replaceXMLWhitespace(v any) any {
	switch v := v.(type) {
	case string:
		return strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, v)
	case map[string]any:
		for k, e := range v {
			v[k] = replaceXMLWhitespace(e)
		}
	case []any:
		for i, e := range v {
			v[i] = replaceXMLWhitespace(e)
		}
	}
	return v
}
