package sbom

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/readlimit"
)

// Format names as they appear in ward.SBOM.Format.
const (
	FormatCycloneDX = "CycloneDX"
	FormatSPDX      = "SPDX"
)

// Encoding names as they appear in ward.SBOM.Encoding.
const (
	EncodingJSON     = "json"
	EncodingXML      = "xml"
	EncodingTagValue = "tag-value"
)

// DefaultMaxBytes is the input size limit when Limits.MaxBytes is zero.
const DefaultMaxBytes = 256 << 20

// Limits bounds what a parser accepts, so that a hostile or broken file
// cannot exhaust memory.
type Limits struct {
	MaxBytes int64 // largest accepted input in bytes; 0 means DefaultMaxBytes
}

func (l Limits) maxBytes() int64 {
	if l.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return l.MaxBytes
}

// supportedCycloneDX and supportedSPDX are the spec versions Parse and
// Validate accept, in the order error messages list them.
var (
	supportedCycloneDX = []string{"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"}
	supportedSPDX      = []string{"SPDX-2.2", "SPDX-2.3"}
)

// Parse reads one SBOM document from r, detecting the format (CycloneDX or
// SPDX) and the encoding (JSON, XML or tag-value) from its content. name is
// the file name used in error positions and kept in SBOM.Source.
//
// A document that cannot be read is reported as ward.PosErrors (position and
// path where known: JSON syntax errors carry file:line:col); a document
// larger than lim.MaxBytes, of an unknown format or of an unsupported spec
// version is a *ward.Error with code EInvalid whose message lists what is
// supported. Parse never panics on bad input.
func Parse(name string, r io.Reader, lim Limits) (*ward.SBOM, error) {
	data, err := readLimited(name, r, lim)
	if err != nil {
		return nil, err
	}
	return parseBytes(name, data)
}

func parseBytes(name string, data []byte) (*ward.SBOM, error) {
	k, err := detect(name, data)
	if err != nil {
		return nil, err
	}
	switch k {
	case kindCycloneDXJSON:
		return parseCycloneDXJSON(name, data)
	case kindCycloneDXXML:
		return parseCycloneDXXML(name, data)
	case kindSPDXJSON:
		return parseSPDXJSON(name, data)
	default:
		return parseSPDXTagValue(name, data)
	}
}

// readLimited reads all of r, failing with a clear message when r holds more
// than the limit: the whole document is needed in memory anyway (schema
// validation and positions), so the limit is the memory bound.
func readLimited(name string, r io.Reader, lim Limits) ([]byte, error) {
	return readlimit.All(name, r, lim.maxBytes())
}

type kind int

const (
	kindCycloneDXJSON kind = iota + 1
	kindCycloneDXXML
	kindSPDXJSON
	kindSPDXTagValue
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// detect tells the format and encoding from the first bytes of data: a JSON
// object is CycloneDX when it has "bomFormat" and SPDX when it has
// "spdxVersion"; XML is CycloneDX when its root is <bom>; text starting with
// an SPDX tag is tag-value.
func detect(name string, data []byte) (kind, error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return 0, &ward.PosError{Pos: ward.Pos{File: name}, Msg: "empty file: not an SBOM"}
	case trimmed[0] == '{':
		key := sniffJSONKeys(trimmed)
		switch key {
		case "bomFormat":
			return kindCycloneDXJSON, nil
		case "spdxVersion":
			return kindSPDXJSON, nil
		}
		if key == "" && !json.Valid(trimmed) {
			// A broken JSON document: let the CycloneDX reader report the
			// syntax error with its position.
			return kindCycloneDXJSON, nil
		}
		if bytes.Contains(trimmed, []byte(`"@context"`)) && bytes.Contains(trimmed, []byte("spdx.org/rdf/3")) {
			return 0, ward.Errorf(ward.EInvalid, "%s: SPDX 3 (JSON-LD) is not supported (supported: CycloneDX %s; %s)", name, strings.Join(supportedCycloneDX, ", "), strings.Join(supportedSPDX, ", "))
		}
		return 0, ward.Errorf(ward.EInvalid, "%s: JSON document is neither CycloneDX (no \"bomFormat\") nor SPDX (no \"spdxVersion\")", name)
	case trimmed[0] == '<':
		if isCycloneDXXML(trimmed) {
			return kindCycloneDXXML, nil
		}
		return 0, ward.Errorf(ward.EInvalid, "%s: XML document is not CycloneDX (root element is not <bom>; SPDX RDF/XML is not supported)", name)
	case bytes.HasPrefix(trimmed, []byte("SPDXVersion:")) || looksLikeTagValue(trimmed):
		return kindSPDXTagValue, nil
	}
	return 0, ward.Errorf(ward.EInvalid, "%s: not a CycloneDX (JSON, XML) or SPDX (JSON, tag-value) document", name)
}

// looksLikeTagValue accepts tag-value files that start with comments or
// another tag before SPDXVersion.
func looksLikeTagValue(b []byte) bool {
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		line = bytes.TrimSpace(line)
		switch {
		case len(line) == 0 || line[0] == '#':
			continue
		case bytes.HasPrefix(line, []byte("SPDXVersion:")):
			return true
		}
		if i := bytes.IndexByte(line, ':'); i <= 0 || bytes.ContainsAny(line[:i], " \t{<\"") {
			return false
		}
	}
	return false
}

// sniffJSONKeys returns "bomFormat" or "spdxVersion" when the top-level
// object has that key, else "". It stops at the first of them, which both
// formats put near the top, and skips values without copying them.
func sniffJSONKeys(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return ""
		}
		if k, _ := t.(string); k == "bomFormat" || k == "spdxVersion" {
			return k
		}
		if skipValue(dec) != nil {
			return ""
		}
	}
	return ""
}

// skipValue consumes one JSON value from dec token by token.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}
