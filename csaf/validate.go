package csaf

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/jsonpos"
	"unicode/utf8"
)

// DefaultMaxBytes is the largest document Read accepts when
// Limits.MaxBytes is zero. Real advisories stay far below (the largest
// Red Hat advisory of the shared test data is 1.6 MB); the limit bounds
// the memory a hostile file can take.
const DefaultMaxBytes = 32 << 20

// Limits bounds what Read accepts.
type Limits struct {
	MaxBytes int64 // 0 means DefaultMaxBytes
}

// Read reads a whole document from r. A document larger than the limit is
// a *ward.Error with code EInvalid that names the limit.
func Read(name string, r io.Reader, lim Limits) ([]byte, error) {
	max := lim.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(r, max+1)); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(buf.Len()) > max {
		return nil, ward.Errorf(ward.EInvalid, "%s: larger than the limit of %d MiB for a CSAF document", name, max>>20)
	}
	return buf.Bytes(), nil
}

// Problem is one reason a document is not a valid CSAF 2.0 document.
type Problem struct {
	// Test is the number of the failed mandatory test of section 6.1 of
	// the specification ("6.1.1" … "6.1.33", "6.1.27.1" … "6.1.27.11"),
	// "schema" for a violation of the JSON schema (6.1.8 when it is a
	// CVSS object that the FIRST schema rejects), or "json" for input
	// that is not JSON.
	Test string
	// Path is the JSONPath of the value at fault, e.g.
	// "$.vulnerabilities[0].product_status.fixed[2]"; "$" is the whole
	// document. A missing member is named by the path it should have.
	Path string
	Pos  ward.Pos // where the value (or its nearest existing parent) starts
	Msg  string
}

// String formats p as "file:line:col: test path: message".
func (p Problem) String() string {
	var b strings.Builder
	if s := p.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	b.WriteString(p.Test)
	if p.Path != "" {
		b.WriteString(" ")
		b.WriteString(p.Path)
	}
	b.WriteString(": ")
	b.WriteString(p.Msg)
	return b.String()
}

// Validate checks data, the content of the file name, as a CSAF 2.0
// document: against the official JSON schema (with the FIRST CVSS schemas
// it references) and with the mandatory tests of section 6.1 this package
// implements (see the package documentation). It returns every problem
// found, ordered by position in the file; none means the document is
// valid. The error is for a failure of the validator itself (an embedded
// schema that does not compile), never for a bad document.
//
// The mandatory tests run on every document that decodes into the model.
// A document whose values have the wrong JSON types is reported by the
// schema alone.
func Validate(name string, data []byte) ([]Problem, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		// JSON is UTF-8 (RFC 8259); a decoder would silently turn the bad
		// bytes into U+FFFD and validate another document.
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		p := []Problem{{Test: "json", Path: "$", Msg: fmt.Sprintf("not UTF-8: byte 0x%02x is no part of a UTF-8 character (CSAF documents are UTF-8 JSON)", data[off])}}
		p[0].Pos = jsonpos.New(name, data).PosAt(int64(off))
		return p, nil
	}
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		if err == nil {
			err = errors.New("invalid JSON")
		}
		return jsonProblems(jsonpos.DecodeError(name, data, err)), nil
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return []Problem{{Test: "json", Path: "$", Pos: ward.Pos{File: name}, Msg: "invalid JSON: " + err.Error()}}, nil
	}
	violations, err := validateSchema(csafSchema, inst)
	if err != nil {
		return nil, err
	}
	var problems []Problem
	seen := map[string]bool{}
	for _, v := range violations {
		p := Problem{Test: schemaTest(v.tokens), Path: jsonpos.PointerPath(v.tokens), Msg: v.msg}
		if key := p.Path + "\x00" + p.Msg; !otherCVSSVersion(inst, v) && !seen[key] {
			seen[key] = true
			problems = append(problems, p)
		}
	}
	var a Advisory
	if err := json.Unmarshal(data, &a); err == nil {
		problems = append(problems, mandatoryTests(&a)...)
	} else if len(problems) == 0 {
		// The schema accepted what the model cannot hold: report it
		// rather than pass the document untested.
		problems = append(problems, jsonProblems(jsonpos.DecodeError(name, data, err))...)
	}
	locate(name, data, problems)
	return problems, nil
}

// ValidateAdvisory validates a document built in memory, as Validate does
// once it is written.
func ValidateAdvisory(a *Advisory) ([]Problem, error) {
	var b bytes.Buffer
	if err := Write(&b, a); err != nil {
		return nil, err
	}
	return Validate(FileName(a.Document.Tracking.ID), b.Bytes())
}

// schemaTest names the test a schema violation fails: inside a CVSS object
// it is 6.1.8 (Invalid CVSS), which asks exactly for that validation.
func schemaTest(tokens []string) string {
	if len(tokens) >= 5 && tokens[0] == "vulnerabilities" && tokens[2] == "scores" &&
		(tokens[4] == "cvss_v2" || tokens[4] == "cvss_v3") {
		return "6.1.8"
	}
	return "schema"
}

// otherCVSSVersion reports a violation of the CVSS v3.0 schema by a v3.1
// object, or the reverse: cvss_v3 is one of the two, and the object's
// version says which one its errors are about.
func otherCVSSVersion(inst any, v schemaViolation) bool {
	if schemaTest(v.tokens) != "6.1.8" || v.tokens[4] != "cvss_v3" {
		return false
	}
	obj := inst
	for _, t := range v.tokens[:5] {
		switch o := obj.(type) {
		case map[string]any:
			obj = o[t]
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(o) {
				return false
			}
			obj = o[i]
		default:
			return false
		}
	}
	m, _ := obj.(map[string]any)
	switch m["version"] {
	case "3.0":
		return strings.Contains(v.schemaURL, "cvss-v3.1.json")
	case "3.1":
		return strings.Contains(v.schemaURL, "cvss-v3.0.json")
	}
	return false
}

func jsonProblems(err error) []Problem {
	var pes ward.PosErrors
	if !errors.As(err, &pes) {
		return []Problem{{Test: "json", Path: "$", Msg: err.Error()}}
	}
	out := make([]Problem, 0, len(pes))
	for _, pe := range pes {
		path := "$"
		if pe.Path != "" {
			path = "$." + pe.Path
		}
		out = append(out, Problem{Test: "json", Path: path, Pos: pe.Pos, Msg: pe.Msg})
	}
	return out
}

// locate turns the problems' internal paths ("a.b[2]") into JSONPaths
// ("$.a.b[2]"), fills in their positions in one pass over data, and sorts
// them by position.
func locate(name string, data []byte, problems []Problem) {
	index := jsonpos.New(name, data)
	var paths []string
	for _, p := range problems {
		if p.Pos.IsZero() {
			paths = append(paths, p.Path)
		}
	}
	at := index.Positions(paths)
	for i := range problems {
		p := &problems[i]
		if p.Pos.IsZero() {
			pos, ok := at[p.Path]
			if !ok {
				pos = index.Pos(p.Path) // a missing member: its nearest parent
			}
			p.Pos = pos
		}
		if p.Test != "json" {
			p.Path = jsonPath(p.Path)
		}
	}
	slices.SortStableFunc(problems, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			compareTests(a.Test, b.Test),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

func jsonPath(p string) string {
	if p == "" {
		return "$"
	}
	return "$." + p
}

// compareTests orders test numbers numerically: 6.1.2 before 6.1.10.
func compareTests(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		if c := compareNumeric(as[i], bs[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(as), len(bs))
}

// compareNumeric compares decimal numbers of any length without leading
// zeros; anything else compares as text after every number.
func compareNumeric(a, b string) int {
	an, bn := isDigits(a), isDigits(b)
	switch {
	case an && bn:
		return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b))
	case an:
		return -1
	case bn:
		return 1
	}
	return cmp.Compare(a, b)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Valid reports whether problems hold none.
func Valid(problems []Problem) bool { return len(problems) == 0 }

// Tests lists the mandatory tests Validate runs, in order: every test of
// section 6.1 of CSAF 2.0. 6.1.11 (CWE) checks names against an excerpt of
// the CWE list (see cwe.go); other IDs pass unjudged.
var Tests = []string{
	"6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.1.5", "6.1.6", "6.1.7", "6.1.8", "6.1.9", "6.1.10",
	"6.1.11", "6.1.12", "6.1.13", "6.1.14", "6.1.15", "6.1.16", "6.1.17", "6.1.18", "6.1.19", "6.1.20",
	"6.1.21", "6.1.22", "6.1.23", "6.1.24", "6.1.25", "6.1.26",
	"6.1.27.1", "6.1.27.2", "6.1.27.3", "6.1.27.4", "6.1.27.5", "6.1.27.6", "6.1.27.7", "6.1.27.8",
	"6.1.27.9", "6.1.27.10", "6.1.27.11",
	"6.1.28", "6.1.29", "6.1.30", "6.1.31", "6.1.32", "6.1.33",
}
