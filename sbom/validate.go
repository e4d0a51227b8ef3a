package sbom

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/package-url/packageurl-go"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/jsonpos"
)

// Severity tells whether a Problem makes a document invalid.
type Severity string

const (
	SeverityError   Severity = "error"   // the document breaks its schema or references
	SeverityWarning Severity = "warning" // the document is valid but misses something (NTIA)
)

// Rules of Validate, as reported in Problem.Rule.
const (
	RuleSyntax       = "syntax"        // not well-formed JSON, XML or tag-value
	RuleSchema       = "schema"        // breaks the official schema of its spec version
	RuleDuplicateRef = "duplicate-ref" // a bom-ref or SPDXID used twice
	RuleDanglingRef  = "dangling-ref"  // a dependency or relationship names an unknown ref
	RulePURL         = "purl"          // a package URL that does not parse
	RuleNTIA         = "ntia"          // an NTIA minimum element is missing
)

// Problem is one finding of Validate. Line and Col are 1-based, zero when
// unknown; Path is JSON-path-like ("components[3].purl"), also for XML,
// where it names the same place in the JSON model.
type Problem struct {
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Line     int      `json:"line,omitempty"`
	Col      int      `json:"col,omitempty"`
	Path     string   `json:"path,omitempty"`
	Msg      string   `json:"message"`
}

// Report is the verdict of Validate on one document.
type Report struct {
	File        string     `json:"file"`
	Format      string     `json:"format,omitempty"`      // "CycloneDX" or "SPDX"
	SpecVersion string     `json:"specVersion,omitempty"` // as declared, e.g. "1.5", "2.3"
	Encoding    string     `json:"encoding,omitempty"`    // "json", "xml" or "tag-value"
	Components  int        `json:"components"`            // components read (subject excluded)
	Errors      []Problem  `json:"errors"`                // any error makes the document invalid
	Warnings    []Problem  `json:"warnings"`              // NTIA minimum-element gaps
	SBOM        *ward.SBOM `json:"-"`                     // the parsed SBOM; nil when it could not be read
}

// Valid reports whether the document has no errors (warnings allowed).
func (r *Report) Valid() bool { return len(r.Errors) == 0 }

// maxSchemaProblems caps schema findings per document: a broken generator
// repeats one mistake per component, and the first ones tell the story.
const maxSchemaProblems = 50

// Validate judges one SBOM document held in data; name is used in the report.
//
// It validates against the official JSON schema of the declared spec
// version (CycloneDX 1.2–1.7, SPDX 2.2/2.3), then checks what schemas cannot:
// duplicate bom-refs or SPDXIDs, dependencies and relationships naming
// unknown refs, package URLs that do not parse (errors), and the NTIA
// minimum elements (warnings). XML and tag-value documents are read into the
// JSON model and validated against the same schema, plus XML-specific
// checks (see cyclonedx_xml_validate.go).
//
// The error is non-nil only when the document cannot be judged at all: its
// format is unknown, or its spec version is not supported (the message lists
// the supported ones). A document that is broken (even unreadable JSON) is a
// Report with errors.
func Validate(name string, data []byte) (Report, error) {
	r := Report{File: name, Errors: []Problem{}, Warnings: []Problem{}}
	k, err := detect(name, data)
	if err != nil {
		var pe *ward.PosError
		if errors.As(err, &pe) {
			r.addPos(RuleSyntax, pe)
			return r, nil
		}
		return r, err
	}
	switch k {
	case kindCycloneDXJSON:
		r.Format, r.Encoding = FormatCycloneDX, EncodingJSON
		err = validateCycloneDXJSON(&r, data)
	case kindCycloneDXXML:
		r.Format, r.Encoding = FormatCycloneDX, EncodingXML
		err = validateCycloneDXXML(&r, data)
	case kindSPDXJSON:
		r.Format, r.Encoding = FormatSPDX, EncodingJSON
		err = validateSPDXJSON(&r, data)
	default:
		r.Format, r.Encoding = FormatSPDX, EncodingTagValue
		err = validateSPDXTagValue(&r, data)
	}
	if err != nil {
		return r, err
	}
	if r.SBOM != nil {
		r.Components = len(r.SBOM.Components)
		checkPURLs(&r, r.SBOM)
		r.Warnings = append(r.Warnings, NTIA(r.SBOM)...)
	}
	sortProblems(r.Errors)
	return r, nil
}

func (r *Report) add(rule string, line, col int, path, msg string) {
	r.Errors = append(r.Errors, Problem{Severity: SeverityError, Rule: rule, Line: line, Col: col, Path: path, Msg: msg})
}

func (r *Report) addPos(rule string, pe *ward.PosError) {
	r.add(rule, pe.Line, pe.Col, pe.Path, pe.Msg)
}

// addParseError records why the document could not be reduced to a
// ward.SBOM, or returns err when it is not about the document's content.
func (r *Report) addParseError(err error) error {
	var pes ward.PosErrors
	var pe *ward.PosError
	switch {
	case errors.As(err, &pes):
		for _, p := range pes {
			r.addPos(RuleSyntax, p)
		}
		return nil
	case errors.As(err, &pe):
		r.addPos(RuleSyntax, pe)
		return nil
	}
	return err
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		// Problems without a line go last, in the order found.
		la, lb := a.Line, b.Line
		if la == 0 {
			la = 1 << 30
		}
		if lb == 0 {
			lb = 1 << 30
		}
		return cmp.Or(cmp.Compare(la, lb), cmp.Compare(a.Col, b.Col))
	})
}

// schemaProblems validates inst (a value from jsonschema.UnmarshalJSON)
// against the schema of key and returns one problem per failed leaf
// constraint, with its JSON path.
func schemaProblems(key string, inst any) ([]Problem, error) {
	sch, err := schemaFor(key)
	if err != nil {
		return nil, err
	}
	err = sch.Validate(inst)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	var out []Problem
	seen := map[string]bool{}
	collectLeaves(ve, func(e *jsonschema.ValidationError) {
		p := Problem{Severity: SeverityError, Rule: RuleSchema, Path: jsonpos.PointerPath(e.InstanceLocation), Msg: e.ErrorKind.LocalizedString(printer)}
		if k := p.Path + "\x00" + p.Msg; !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	})
	return out, nil
}

var printer = message.NewPrinter(language.English)

func collectLeaves(e *jsonschema.ValidationError, f func(*jsonschema.ValidationError)) {
	if len(e.Causes) == 0 {
		f(e)
		return
	}
	for _, c := range e.Causes {
		collectLeaves(c, f)
	}
}

// checkPURLs reports package URLs that packageurl-go cannot parse, naming
// the component.
func checkPURLs(r *Report, s *ward.SBOM) {
	check := func(c *ward.Component) {
		if c == nil || c.PURL == "" {
			return
		}
		if err := validPURL(c.PURL); err != nil {
			path := c.Path
			if r.Format == FormatCycloneDX {
				path += ".purl"
			}
			r.add(RulePURL, c.Pos.Line, c.Pos.Col, path, fmt.Sprintf("component %s: invalid package URL %q: %v", c.DisplayName(), c.PURL, err))
		}
	}
	check(s.Subject)
	for _, c := range s.Components {
		check(c)
	}
}

// validPURL parses a package URL; a type-specific rule broken (such as a
// missing namespace where the type requires one) is an error too.
func validPURL(s string) error {
	p, err := packageurl.FromString(s)
	if err != nil {
		return errors.New(strings.TrimPrefix(err.Error(), "purl: "))
	}
	if p.Name == "" {
		return errors.New("name is required")
	}
	return nil
}

// refChecker finds duplicate and dangling references in one document.
type refChecker struct {
	r       *Report
	defined map[string]string // ref → path of its definition
}

func newRefChecker(r *Report) *refChecker {
	return &refChecker{r: r, defined: map[string]string{}}
}

// define records ref defined at path (line, col if known).
func (rc *refChecker) define(ref, path string, line, col int) {
	if prev, ok := rc.defined[ref]; ok {
		rc.r.add(RuleDuplicateRef, line, col, path, fmt.Sprintf("ref %q is already defined at %s", ref, prev))
		return
	}
	rc.defined[ref] = path
}

// use checks that ref, used at path, is defined.
func (rc *refChecker) use(ref, path string, line, col int) {
	if _, ok := rc.defined[ref]; !ok {
		rc.r.add(RuleDanglingRef, line, col, path, fmt.Sprintf("ref %q is not defined in this document", ref))
	}
}

func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, utf8BOM) }

// String formats p as "line:col: path: message [rule]", leaving out what is
// unknown.
func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		b.WriteString(strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteString(":" + strconv.Itoa(p.Col))
		}
		b.WriteString(": ")
	}
	if p.Path != "" {
		b.WriteString(p.Path + ": ")
	}
	b.WriteString(p.Msg)
	b.WriteString(" [" + p.Rule + "]")
	return b.String()
}
