package evidence

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/jsonpos"
)

// Status is the outcome of one test case.
type Status string

const (
	StatusPass    Status = "pass"
	StatusFail    Status = "fail"    // an assertion failed (<failure>)
	StatusError   Status = "error"   // the test could not run to its end (<error>)
	StatusSkipped Status = "skipped" // <skipped>, including pytest's expected failures
)

// rank orders statuses by how bad they are: a case with both a <failure>
// and an <error> is an error.
func (s Status) rank() int {
	switch s {
	case StatusError:
		return 3
	case StatusFail:
		return 2
	case StatusSkipped:
		return 1
	}
	return 0
}

// JUnit dialects, as in JUnitReport.Dialect.
const (
	DialectGo       = "go"       // go-junit-report, gotestsum
	DialectPytest   = "pytest"   // pytest --junitxml
	DialectSurefire = "surefire" // Maven Surefire and Failsafe TEST-*.xml
	DialectJest     = "jest"     // jest-junit
	DialectJUnit    = "junit"    // any other writer of JUnit XML
)

// Case is one test case of a JUnit XML report.
type Case struct {
	Suite, Class, Name string // Suite: the enclosing <testsuite> name; Class: classname
	Status             Status
	// Message is the failure, error or skipped message: its first line
	// that is not blank or Go test framing ("=== RUN", "--- FAIL:"), at
	// most 200 characters. Where the message attribute is missing or only
	// "Failed" or "Skipped" (go-junit-report, gotestsum), the element's
	// text is used.
	Message    string
	Properties map[string]string // the case's <properties> merged over its suites' (inner over outer); nil when none; each case has its own map
	File       string            // file attribute of the case, else of its suite; "" when the dialect gives none
	Line       int               // line in the report where the <testcase> starts
}

// JUnitReport is a parsed JUnit XML file.
type JUnitReport struct {
	Dialect   string // DialectGo, DialectPytest, DialectSurefire, DialectJest or DialectJUnit
	Cases     []Case // in document order
	Timestamp string // first timestamp attribute of <testsuites> or a <testsuite>, as written; "" when none
	Hostname  string // first hostname attribute, likewise
}

// maxMessage is the length Case.Message is cut to.
const maxMessage = 200

// ParseJUnit reads one JUnit XML report: a <testsuites> root holding
// <testsuite> elements (which may nest), or a single <testsuite> root. name
// is the file name used in errors.
//
// A file that is not XML, or whose root is neither element, is a
// *ward.Error; malformed XML, a <testcase> without a name and exceeded
// limits are ward.PosErrors at name:line:col. Both are EInvalid.
func ParseJUnit(r io.Reader, name string, lim Limits) (*JUnitReport, error) {
	lim = lim.withDefaults()
	data, err := readAll(name, r, lim)
	if err != nil {
		return nil, err
	}
	switch c, _ := firstByte(data); {
	case c == 0:
		return nil, ward.Errorf(ward.EInvalid, "%s: empty file: not a JUnit XML report", name)
	case c == '{' || c == '[':
		return nil, ward.Errorf(ward.EInvalid, "%s: not a JUnit XML report: the file is JSON (want XML with a <testsuites> or <testsuite> root; SARIF and pentest JSON are imported as such)", name)
	case c != '<':
		return nil, ward.Errorf(ward.EInvalid, "%s: not a JUnit XML report: the file does not start with '<' (want XML with a <testsuites> or <testsuite> root)", name)
	}
	data, err = toUTF8(name, data)
	if err != nil {
		return nil, err
	}
	p := &junitParser{name: name, data: data, lim: lim, line: 1, rep: &JUnitReport{}}
	p.dec = xml.NewDecoder(bytes.NewReader(data))
	// toUTF8 has converted what the declaration names; the decoder must
	// not convert again.
	p.dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	if err := p.parse(); err != nil {
		return nil, err
	}
	if len(p.errs) > 0 {
		p.errs.Sort()
		return nil, p.errs
	}
	p.rep.Dialect = p.dialect()
	return p.rep, nil
}

// junitParser reads a JUnit document token by token; the element functions
// recurse once per level, at most lim.MaxDepth deep.
type junitParser struct {
	name  string
	data  []byte
	lim   Limits
	dec   *xml.Decoder
	rep   *JUnitReport
	errs  ward.PosErrors // problems that do not stop the parse
	depth int            // open elements
	index *jsonpos.Index // places problems; built on the first one

	lineOff int64 // line is the line of data[lineOff]
	line    int

	// dialect clues
	rootName   string
	schema     string
	suiteNames map[string]bool
	propNames  map[string]bool
}

// suiteCtx is what a <testsuite> gives its cases.
type suiteCtx struct {
	name, file string
}

// fatal returns the problems found so far plus one at offset off that
// ends the parse.
func (p *junitParser) fatal(off int64, format string, args ...any) error {
	p.problem(off, format, args...)
	p.errs.Sort()
	return p.errs
}

// problem records a problem at offset off that does not stop the parse.
func (p *junitParser) problem(off int64, format string, args ...any) {
	if p.index == nil {
		p.index = jsonpos.New(p.name, p.data) // its PosAt works on any text
	}
	p.errs = append(p.errs, &ward.PosError{Pos: p.index.PosAt(off), Msg: fmt.Sprintf(format, args...)})
}

// next returns the next token and the offset of its first byte. Tokens
// between elements are separate, so the offset before reading one is where
// it starts. At the end of input it returns io.EOF.
func (p *junitParser) next() (xml.Token, int64, error) {
	off := p.dec.InputOffset()
	t, err := p.dec.Token()
	if err == io.EOF {
		return nil, off, io.EOF
	}
	if err != nil {
		line, col := p.dec.InputPos()
		msg := strings.TrimPrefix(err.Error(), "xml: ")
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			msg = "XML syntax error: " + se.Msg
		}
		p.errs = append(p.errs, &ward.PosError{Pos: ward.Pos{File: p.name, Line: line, Col: col}, Msg: msg})
		p.errs.Sort()
		return nil, off, p.errs
	}
	switch t := t.(type) {
	case xml.StartElement:
		p.depth++
		if p.depth > p.lim.MaxDepth {
			return nil, off, p.fatal(off, "<%s> is nested more than %d elements deep (raise Limits.MaxDepth if the file is genuine)", t.Name.Local, p.lim.MaxDepth)
		}
	case xml.EndElement:
		p.depth--
	}
	return t, off, nil
}

// lineAt returns the line of offset off; offsets must not decrease from
// one call to the next, which document order guarantees.
func (p *junitParser) lineAt(off int64) int {
	if off > p.lineOff {
		p.line += bytes.Count(p.data[p.lineOff:off], []byte{'\n'})
		p.lineOff = off
	}
	return p.line
}

func (p *junitParser) parse() error {
	root := false
	for {
		t, off, err := p.next()
		if err == io.EOF {
			if !root {
				return ward.Errorf(ward.EInvalid, "%s: no root element: not a JUnit XML report (want <testsuites> or <testsuite>)", p.name)
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if root {
				return p.fatal(off, "second root element <%s>: a JUnit report has one root (wrap several <testsuite> elements in one <testsuites>)", t.Name.Local)
			}
			root = true
			p.schema = attr(t, "noNamespaceSchemaLocation")
			switch t.Name.Local {
			case "testsuites":
				p.rootName = attr(t, "name")
				err = p.suites(t)
			case "testsuite":
				err = p.suite(t, off, nil)
			default:
				return ward.Errorf(ward.EInvalid, "%s:%s: root element <%s> is not JUnit XML (want <testsuites> or <testsuite>)", p.name, lineCol(posAt(p.name, p.data, off)), t.Name.Local)
			}
			if err != nil {
				return err
			}
		case xml.CharData:
			if len(bytes.TrimSpace(bytes.TrimPrefix(t, utf8BOM))) > 0 {
				return p.fatal(off, "text outside the root element: not a JUnit XML report")
			}
		}
	}
}

func lineCol(pos ward.Pos) string { return fmt.Sprintf("%d:%d", pos.Line, pos.Col) }

// suites reads a <testsuites> root.
func (p *junitParser) suites(start xml.StartElement) error {
	p.meta(start)
	first := len(p.rep.Cases)
	var props map[string]string
	for {
		t, off, err := p.next()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "testsuite":
				err = p.suite(t, off, nil)
			case "testcase": // some writers leave out the <testsuite>
				err = p.testcase(t, off, &suiteCtx{name: p.rootName})
			case "properties":
				props, err = p.properties(props)
			default:
				err = p.skip()
			}
			if err != nil {
				return err
			}
		case xml.EndElement:
			mergeProps(p.rep.Cases[first:], props)
			return nil
		}
	}
}

// suite reads a <testsuite> and, recursively, the suites nested in it.
func (p *junitParser) suite(start xml.StartElement, off int64, parent *suiteCtx) error {
	p.meta(start)
	s := &suiteCtx{name: attr(start, "name"), file: attr(start, "file")}
	if s.file == "" && parent != nil {
		s.file = parent.file
	}
	if s.name != "" {
		if p.suiteNames == nil {
			p.suiteNames = map[string]bool{}
		}
		p.suiteNames[s.name] = true
	}
	first := len(p.rep.Cases)
	var props map[string]string
	for {
		t, off, err := p.next()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "testcase":
				err = p.testcase(t, off, s)
			case "testsuite":
				err = p.suite(t, off, s)
			case "properties":
				props, err = p.properties(props)
			default: // system-out, system-err
				err = p.skip()
			}
			if err != nil {
				return err
			}
		case xml.EndElement:
			// Properties may follow the cases, so they are merged at the
			// end; an inner suite has merged its own already, so the outer
			// one only fills what is left.
			mergeProps(p.rep.Cases[first:], props)
			return nil
		}
	}
}

// meta keeps the first timestamp and hostname of the report.
func (p *junitParser) meta(start xml.StartElement) {
	if p.rep.Timestamp == "" {
		p.rep.Timestamp = attr(start, "timestamp")
	}
	if p.rep.Hostname == "" {
		p.rep.Hostname = attr(start, "hostname")
	}
}

func mergeProps(cases []Case, props map[string]string) {
	if len(props) == 0 {
		return
	}
	for i := range cases {
		c := &cases[i]
		if c.Properties == nil {
			c.Properties = make(map[string]string, len(props))
		}
		for k, v := range props {
			if _, ok := c.Properties[k]; !ok {
				c.Properties[k] = v
			}
		}
	}
}

func (p *junitParser) testcase(start xml.StartElement, off int64, s *suiteCtx) error {
	if len(p.rep.Cases) >= p.lim.MaxCases {
		return p.fatal(off, "more than %d test cases (raise Limits.MaxCases if the file is genuine)", p.lim.MaxCases)
	}
	c := Case{
		Suite:  s.name,
		Class:  attr(start, "classname"),
		Name:   attr(start, "name"),
		File:   attr(start, "file"),
		Status: StatusPass,
		Line:   p.lineAt(off),
	}
	if c.File == "" {
		c.File = s.file
	}
	if c.Name == "" {
		p.problem(off, "<testcase> has no name attribute (every test case needs a name to be traced)")
	}
	for {
		t, _, err := p.next()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			var st Status
			switch t.Name.Local {
			case "failure":
				st = StatusFail
			case "error":
				st = StatusError
			case "skipped":
				st = StatusSkipped
			case "properties":
				if c.Properties, err = p.properties(c.Properties); err != nil {
					return err
				}
				continue
			default:
				// system-out, system-err; Surefire's flakyFailure and
				// flakyError (a rerun passed) and rerunFailure and
				// rerunError (it failed again, next to a <failure>).
				if err := p.skip(); err != nil {
					return err
				}
				continue
			}
			msg := attr(t, "message")
			if m := strings.TrimSpace(msg); m == "" || m == "Failed" || m == "Skipped" {
				// go-junit-report and gotestsum write "Failed" and
				// "Skipped" as the message and what the test logged as
				// the text: the first line logged says more.
				var text string
				if text, err = p.text(); err != nil {
					return err
				}
				if line := testLogLine(text); line != "" || msg == "" {
					msg = line
				}
			} else if err := p.skip(); err != nil {
				return err
			}
			if st.rank() > c.Status.rank() {
				c.Status, c.Message = st, testLogLine(msg)
			}
		case xml.EndElement:
			p.rep.Cases = append(p.rep.Cases, c)
			return nil
		}
	}
}

// testLogLine returns the first line of a failure's text that is not Go
// test framing ("=== RUN   TestX", "--- FAIL: TestX (0.00s)"), cut to
// maxMessage characters.
func testLogLine(text string) string {
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		switch {
		case line == "",
			strings.HasPrefix(line, "=== RUN"), strings.HasPrefix(line, "=== PAUSE"),
			strings.HasPrefix(line, "=== CONT"), strings.HasPrefix(line, "=== NAME"),
			strings.HasPrefix(line, "--- FAIL:"), strings.HasPrefix(line, "--- SKIP:"),
			strings.HasPrefix(line, "--- PASS:"):
			continue
		}
		return truncate(line, maxMessage)
	}
	return ""
}

// properties reads <property name="…" value="…"/> elements (the value may
// also be the element's text) into props, allocating it if needed.
func (p *junitParser) properties(props map[string]string) (map[string]string, error) {
	for {
		t, _, err := p.next()
		if err != nil {
			return props, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if t.Name.Local != "property" {
				if err := p.skip(); err != nil {
					return props, err
				}
				continue
			}
			name := attr(t, "name")
			value, ok := attrOK(t, "value")
			if ok {
				err = p.skip()
			} else {
				value, err = p.text()
				value = strings.TrimSpace(value)
			}
			if err != nil {
				return props, err
			}
			if name == "" {
				continue // nothing to key it by
			}
			if props == nil {
				props = map[string]string{}
			}
			props[name] = value
			if p.propNames == nil {
				p.propNames = map[string]bool{}
			}
			p.propNames[name] = true
		case xml.EndElement:
			return props, nil
		}
	}
}

// maxText bounds the text kept of one element: only its first line is
// used, and stack traces can be long.
const maxText = 8 << 10

// text returns the character data of the element just opened, nested
// elements' included, up to maxText bytes, and consumes its end.
func (p *junitParser) text() (string, error) {
	var b strings.Builder
	depth := 1
	for depth > 0 {
		t, _, err := p.next()
		if err != nil {
			return "", err
		}
		switch t := t.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if n := maxText - b.Len(); n > 0 {
				b.Write(t[:min(n, len(t))])
			}
		}
	}
	return b.String(), nil
}

// skip consumes the element just opened, checking depth on the way.
func (p *junitParser) skip() error {
	depth := 1
	for depth > 0 {
		t, _, err := p.next()
		if err != nil {
			return err
		}
		switch t.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// dialect tells the writer of the report from what writers put in it.
func (p *junitParser) dialect() string {
	switch {
	case p.propNames["go.version"]:
		return DialectGo
	case p.suiteNames["pytest"] || strings.HasPrefix(p.rootName, "pytest"):
		return DialectPytest
	case strings.Contains(p.schema, "surefire") || p.propNames["surefire.version"] || p.propNames["java.version"] || p.propNames["java.vm.version"]:
		return DialectSurefire
	case strings.Contains(strings.ToLower(p.rootName), "jest"):
		return DialectJest
	}
	return DialectJUnit
}

func attr(e xml.StartElement, local string) string {
	v, _ := attrOK(e, local)
	return v
}

func attrOK(e xml.StartElement, local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}
