package scanreport

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/wardhq/ward"
)

// WriteJSON writes r as the JSON contract of `ward scan --format json`:
//
//	{"snapshot": {"id", "newest_modified"},
//	 "components": n, "checked": n,
//	 "not_matchable": [{"component": {"name", "version", "purl", "bom_ref", "path"}, "reason"}],
//	 "findings": [{"component": {"purl", "bom_ref", "name", "version"},
//	               "advisory", "aliases": [], "summary",
//	               "severity": {"level", "score", "vector", "method"},
//	               "affected": {"ecosystem", "package", "identifier", "range", "comparator", "undecidable"},
//	               "fixed": [], "vex": {"status", "justification", "impact", "source"} | null}],
//	 "reopened": [{"vulnerability", "component": {"name", "version", "purl"}, "reason", "source"}]}
//
// One finding per (component, advisory). reopened lists the VEX decisions
// of the previous release that were not applied (see Report.Reopened); its
// component is all "" when the decision names no scanned component. Keys
// are only ever added, at the end: tools read the document by key and
// some by position. Arrays are never null; strings
// that are unknown are ""; newest_modified is RFC 3339 UTC, null for an
// empty store; vex is null when no statement decides the finding. Indented
// by two spaces, HTML characters not escaped, trailing newline. o is unused.
func WriteJSON(w io.Writer, r *Report, _ Options) error {
	if r == nil {
		return errors.New("scan JSON report: no report")
	}
	// A 100,000-component scan has some 200,000 findings (150 MiB of
	// JSON): write element by element instead of building the document,
	// so memory stays at one finding. The bytes are those json.Encoder
	// with SetIndent("", "  ") would write for the whole document.
	bw := bufio.NewWriterSize(w, 256<<10)
	var elem bytes.Buffer
	enc := json.NewEncoder(&elem)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	put := func(v any) error {
		elem.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		bw.Write(bytes.TrimSuffix(elem.Bytes(), []byte("\n")))
		return nil
	}
	var snap jsonSnapshot
	snap.ID = r.Snapshot.ID
	if !r.Snapshot.NewestModified.IsZero() {
		t := r.Snapshot.NewestModified.UTC().Format(time.RFC3339)
		snap.NewestModified = &t
	}
	enc.SetIndent("  ", "  ")
	bw.WriteString("{\n  \"snapshot\": ")
	if err := put(snap); err != nil {
		return err
	}
	fmt.Fprintf(bw, ",\n  \"components\": %d,\n  \"checked\": %d,\n  \"not_matchable\": ", r.Components, r.Checked)
	enc.SetIndent("    ", "  ")
	err := writeArray(bw, len(r.NotMatchable), func(i int) error {
		nm := r.NotMatchable[i]
		j := jsonNotMatchable{Reason: nm.Reason}
		if c := nm.Component; c != nil {
			j.Component = jsonNMComponent{Name: componentName(c), Version: c.Version, PURL: c.PURL, BOMRef: c.Ref, Path: c.Path}
		}
		return put(j)
	})
	if err != nil {
		return err
	}
	bw.WriteString(",\n  \"findings\": ")
	var b []byte
	err = writeArray(bw, len(r.Findings), func(i int) error {
		b = appendFinding(b[:0], &r.Findings[i])
		_, err := bw.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	bw.WriteString(",\n  \"reopened\": ")
	err = writeArray(bw, len(r.Reopened), func(i int) error {
		ro := r.Reopened[i]
		j := jsonReopened{Vulnerability: ro.Vulnerability, Reason: ro.Reason, Source: ro.Source}
		if c := ro.Component; c != nil {
			j.Component = jsonReopenedComponent{Name: componentName(c), Version: c.Version, PURL: c.PURL}
		}
		return put(j)
	})
	if err != nil {
		return err
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeArray writes n elements as an indented JSON array at depth 1, "[]"
// when empty.
func writeArray(bw *bufio.Writer, n int, elem func(i int) error) error {
	if n == 0 {
		bw.WriteString("[]")
		return nil
	}
	bw.WriteString("[\n")
	for i := range n {
		bw.WriteString("    ")
		if err := elem(i); err != nil {
			return err
		}
		if i < n-1 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("  ]")
	return nil
}

// appendFinding appends f as the element of the findings array would be
// written by encoding/json (indent "  ", prefix "    ", HTML unescaped):
// by hand, as reflection and re-indenting took 40% of a 100,000-component
// scan. TestFormats and TestJSONEncoding hold it to encoding/json's bytes.
func appendFinding(b []byte, f *ward.Finding) []byte {
	var c ward.Component
	if f.Component != nil {
		c = *f.Component
	}
	b = append(b, "{\n      \"component\": {\n"...)
	b = appendField(b, 8, "purl", c.PURL, true)
	b = appendField(b, 8, "bom_ref", c.Ref, true)
	b = appendField(b, 8, "name", componentName(f.Component), true)
	b = appendField(b, 8, "version", c.Version, false)
	b = append(b, "      },\n"...)
	b = appendField(b, 6, "advisory", f.Advisory, true)
	b = appendList(b, "aliases", f.Aliases)
	b = appendField(b, 6, "summary", f.Summary, true)
	b = append(b, "      \"severity\": {\n"...)
	b = appendField(b, 8, "level", levelOf(f), true)
	b = append(b, "        \"score\": "...)
	b = strconv.AppendFloat(b, f.Severity.Score, 'f', -1, 64)
	b = append(b, ",\n"...)
	b = appendField(b, 8, "vector", f.Severity.Vector, true)
	b = appendField(b, 8, "method", f.Severity.Method, false)
	b = append(b, "      },\n      \"affected\": {\n"...)
	m := &f.Match
	b = appendField(b, 8, "ecosystem", m.Ecosystem, true)
	b = appendField(b, 8, "package", m.Package, true)
	b = appendField(b, 8, "identifier", m.Identifier, true)
	b = appendField(b, 8, "range", m.Range, true)
	b = appendField(b, 8, "comparator", m.Comparator, true)
	b = appendField(b, 8, "undecidable", m.Undecidable, false)
	b = append(b, "      },\n"...)
	b = appendList(b, "fixed", f.Fixed)
	if v := f.VEX; v != nil {
		b = append(b, "      \"vex\": {\n"...)
		b = appendField(b, 8, "status", string(v.Status), true)
		b = appendField(b, 8, "justification", string(v.Justification), true)
		b = appendField(b, 8, "impact", v.ImpactStatement, true)
		b = appendField(b, 8, "source", v.Source, false)
		b = append(b, "      }\n    }"...)
	} else {
		b = append(b, "      \"vex\": null\n    }"...)
	}
	return b
}

const spaces = "          "

// appendField appends `"key": "value"` at indent, with a comma if more follow.
func appendField(b []byte, indent int, key, value string, more bool) []byte {
	b = append(b, spaces[:indent]...)
	b = appendString(b, key)
	b = append(b, ": "...)
	b = appendString(b, value)
	if more {
		b = append(b, ',')
	}
	return append(b, '\n')
}

// appendList appends a string array field at depth 6, always followed by
// another field.
func appendList(b []byte, key string, xs []string) []byte {
	b = append(b, spaces[:6]...)
	b = appendString(b, key)
	if len(xs) == 0 {
		return append(b, ": [],\n"...)
	}
	b = append(b, ": [\n"...)
	for i, x := range xs {
		b = append(b, spaces[:8]...)
		b = appendString(b, x)
		if i < len(xs)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	return append(b, "      ],\n"...)
}

// appendString appends s as a JSON string the way encoding/json does with
// HTML escaping off: quote, backslash and control characters escaped
// (\b \f \n \r \t by name), U+2028 and U+2029 escaped, invalid UTF-8 as
// U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func findingJSON(f *ward.Finding) jsonFinding {
	j := jsonFinding{
		Advisory: f.Advisory,
		Aliases:  nonNil(f.Aliases),
		Summary:  f.Summary,
		Severity: jsonSeverity{Level: levelOf(f), Score: f.Severity.Score, Vector: f.Severity.Vector, Method: f.Severity.Method},
		Affected: jsonAffected{
			Ecosystem:   f.Match.Ecosystem,
			Package:     f.Match.Package,
			Identifier:  f.Match.Identifier,
			Range:       f.Match.Range,
			Comparator:  f.Match.Comparator,
			Undecidable: f.Match.Undecidable,
		},
		Fixed: nonNil(f.Fixed),
	}
	if c := f.Component; c != nil {
		j.Component = jsonComponent{PURL: c.PURL, BOMRef: c.Ref, Name: componentName(c), Version: c.Version}
	}
	if v := f.VEX; v != nil {
		j.VEX = &jsonVEX{Status: string(v.Status), Justification: string(v.Justification), Impact: v.ImpactStatement, Source: v.Source}
	}
	return j
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

type jsonSnapshot struct {
	ID             string  `json:"id"`
	NewestModified *string `json:"newest_modified"`
}

type jsonNotMatchable struct {
	Component jsonNMComponent `json:"component"`
	Reason    string          `json:"reason"`
}

type jsonNMComponent struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	PURL    string `json:"purl"`
	BOMRef  string `json:"bom_ref"`
	Path    string `json:"path"`
}

type jsonFinding struct {
	Component jsonComponent `json:"component"`
	Advisory  string        `json:"advisory"`
	Aliases   []string      `json:"aliases"`
	Summary   string        `json:"summary"`
	Severity  jsonSeverity  `json:"severity"`
	Affected  jsonAffected  `json:"affected"`
	Fixed     []string      `json:"fixed"`
	VEX       *jsonVEX      `json:"vex"`
}

type jsonComponent struct {
	PURL    string `json:"purl"`
	BOMRef  string `json:"bom_ref"`
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonReopened struct {
	Vulnerability string                `json:"vulnerability"`
	Component     jsonReopenedComponent `json:"component"`
	Reason        string                `json:"reason"`
	Source        string                `json:"source"`
}

type jsonReopenedComponent struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	PURL    string `json:"purl"`
}

type jsonSeverity struct {
	Level  string  `json:"level"`
	Score  float64 `json:"score"`
	Vector string  `json:"vector"`
	Method string  `json:"method"`
}

type jsonAffected struct {
	Ecosystem   string `json:"ecosystem"`
	Package     string `json:"package"`
	Identifier  string `json:"identifier"`
	Range       string `json:"range"`
	Comparator  string `json:"comparator"`
	Undecidable string `json:"undecidable"`
}

type jsonVEX struct {
	Status        string `json:"status"`
	Justification string `json:"justification"`
	Impact        string `json:"impact"`
	Source        string `json:"source"`
}
