package vex

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/wardhq/ward"
)

// MaxSize is the largest document Parse reads: 64 MiB, well above the
// largest real CSAF advisory (a few MiB) and small enough to decode in memory.
const MaxSize = 64 << 20

// Format names a VEX document format, as Detect reports it.
type Format string

const (
	FormatCycloneDX Format = "CycloneDX VEX"
	FormatOpenVEX   Format = "OpenVEX"
	FormatCSAF      Format = "CSAF VEX"
)

// Parse reads one VEX document and returns its statements in document
// order. The format is detected from the content (Detect); name is used in
// positions and as VEXStatement.Source ("name#path").
//
// Bad input is a ward.PosErrors: every problem found, each with
// file:line:col and JSON path. Parse never panics.
func Parse(name string, data []byte) ([]ward.VEXStatement, error) {
	f, err := Detect(name, data)
	if err != nil {
		return nil, err
	}
	switch f {
	case FormatCycloneDX:
		return parseCycloneDX(newDoc(name, data))
	case FormatOpenVEX:
		return parseOpenVEX(newDoc(name, data))
	default:
		return parseCSAF(newDoc(name, data))
	}
}

// Detect tells the format of a VEX document from its top-level keys:
// "bomFormat" (CycloneDX), "@context" with an openvex.dev URL (OpenVEX) or
// "document" with "csaf_version" (CSAF). Errors are ward.PosErrors.
func Detect(name string, data []byte) (Format, error) {
	if len(data) > MaxSize {
		return "", ward.PosErrors{{Pos: ward.Pos{File: name}, Msg: fmt.Sprintf("document is %d bytes, more than the limit of %d", len(data), MaxSize), Hint: "split it into several VEX documents"}}
	}
	d := newDoc(name, data)
	var top map[string]json.RawMessage
	if err := decodeJSON(d, &top); err != nil {
		return "", err
	}
	if top == nil {
		return "", ward.PosErrors{{Pos: d.pos(""), Msg: "expected a JSON object"}}
	}
	if _, ok := top["bomFormat"]; ok {
		return FormatCycloneDX, nil
	}
	if ctx, ok := top["@context"]; ok {
		var s string
		if json.Unmarshal(ctx, &s) == nil && strings.Contains(s, "openvex") {
			return FormatOpenVEX, nil
		}
		d.errorf("@context", "OpenVEX documents use https://openvex.dev/ns/v0.2.0", "unknown @context %s", bytes.TrimSpace(ctx))
		return "", d.err()
	}
	if raw, ok := top["document"]; ok {
		var doc struct {
			CSAFVersion string `json:"csaf_version"`
		}
		if json.Unmarshal(raw, &doc) == nil && doc.CSAFVersion != "" {
			return FormatCSAF, nil
		}
	}
	d.errorf("", "expected CycloneDX (bomFormat), OpenVEX (@context) or CSAF (document.csaf_version)", "unknown VEX format")
	return "", d.err()
}

// source is VEXStatement.Source: the file and the JSON path of the statement.
func source(d *doc, path string) string { return d.name + "#" + path }

// idx formats a path element.
func idx(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }
