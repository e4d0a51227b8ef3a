package record

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/evidence"
	"github.com/wardhq/ward/portscan"
)

// Meta is what the report does not say and the importer does: where the
// results belong and who produced them.
type Meta struct {
	Kind         ward.TestKind // "" takes the kind from the report type
	Release      string        // release the build belongs to
	Build        string        // build or commit tested
	ExecutedBy   []string      // person IDs of who ran the tests
	Authors      []string      // person IDs of who wrote what the tests cover, when stated by hand
	Independence string        // independence the testers state: none, person, team, department, organisation
	Organisation string        // testers' organisation, for external tests
	Date         ward.Date     // zero: the report's own date, else Today
	Today        ward.Date
	Tool         *ward.Tool // nil: the tool the report names
	ToolConfig   string     // configuration the tool ran with (rules, flags), for reproduction
	Duration     string     // e.g. "3 person-days", for penetration tests and fuzzing
	Methods      []string   // e.g. PTES, OWASP WSTG
}

// Import is one evidence file turned into records.
type Import struct {
	Name     string // the file's base name as given
	Stored   string // path of the stored copy, relative to the security file folder (slash-separated)
	SHA256   string
	Format   string // junit, sarif, pentest
	Tests    []*ward.Test
	Findings []*ward.DevFinding
	// Cases counts what the report held; Unmapped names the test cases or
	// results that named no requirement, control, threat or interface.
	Cases    int
	Unmapped []string
}

// Digest is the lowercase hex SHA-256 of data.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// storedPath is where a report with this digest and name is kept.
func storedPath(digest, name string) string {
	return "evidence/" + digest[:12] + "-" + safeName(filepath.Base(name))
}

// safeName keeps letters, digits, '.', '-' and '_' of a file name.
func safeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 || strings.Trim(b.String(), ".") == "" {
		return "report"
	}
	return b.String()
}

// targets are the IDs a test may verify, by kind.
type targets struct {
	all   []string
	kinds map[string]string // ID → requirement, control, threat or interface
	match *evidence.IDMatcher
}

// find returns the targets the texts mention.
func (t targets) find(texts ...string) []string { return t.match.Find(texts...) }

func knownTargets(sf *ward.SecurityFile) targets {
	t := targets{kinds: map[string]string{}}
	add := func(kind, id string) {
		if id != "" && t.kinds[id] == "" {
			t.kinds[id] = kind
			t.all = append(t.all, id)
		}
	}
	for _, r := range sf.Requirements {
		add("requirement", r.ID)
	}
	for _, c := range sf.Controls {
		add("control", c.ID)
	}
	for _, th := range sf.Threats {
		add("threat", th.ID)
	}
	if sf.Context != nil {
		for _, i := range sf.Context.Interfaces {
			add("interface", i.ID)
		}
	}
	t.match = evidence.NewIDMatcher(t.all) // built once: a report has many cases
	return t
}

// kindFor is the test kind of results verifying id, unless meta sets one.
func (t targets) kindFor(meta Meta, id string) ward.TestKind {
	if meta.Kind != "" {
		return meta.Kind
	}
	switch t.kinds[id] {
	case "control", "threat":
		return ward.TestThreatMitigation
	}
	return ward.TestSecurityRequirement
}

func newImport(name string, data []byte, format string) *Import {
	d := Digest(data)
	return &Import{Name: filepath.Base(name), Stored: storedPath(d, name), SHA256: d, Format: format}
}

// baseTest is a test record carrying the import's provenance.
func (imp *Import) baseTest(id, title string, kind ward.TestKind, meta Meta, date ward.Date, tool *ward.Tool) *ward.Test {
	if meta.Tool != nil {
		tool = meta.Tool
	}
	if meta.ToolConfig != "" && tool != nil {
		t := *tool
		t.Config = meta.ToolConfig
		tool = &t
	}
	if !meta.Date.IsZero() {
		date = meta.Date
	}
	if date.IsZero() {
		date = meta.Today
	}
	return &ward.Test{ID: id, Title: title, Kind: kind, ExecutedBy: slices.Clone(meta.ExecutedBy), Organisation: meta.Organisation,
		Authors: slices.Clone(meta.Authors), Independence: meta.Independence, Duration: meta.Duration, Methods: slices.Clone(meta.Methods),
		Date: date, Build: meta.Build, Release: meta.Release, Tool: tool, Report: imp.Stored, SHA256: imp.SHA256}
}

// testID is the ID of the test an import records for target (or for the
// whole report when target is ""): stable for the same report content.
func (imp *Import) testID(target string) string {
	id := "EV-" + imp.SHA256[:8]
	if target != "" {
		id += "-" + target
	}
	return id
}

// FromJUnit records one test per requirement, control, threat or
// interface the cases name: it passes when every case naming the target
// passed, fails when one failed or erred, and is not_run when all were
// skipped.
func FromJUnit(name string, data []byte, rep *evidence.JUnitReport, sf *ward.SecurityFile, meta Meta) *Import {
	imp := newImport(name, data, "junit")
	imp.Cases = len(rep.Cases)
	t := knownTargets(sf)
	byTarget := map[string][]evidence.Case{}
	for _, c := range rep.Cases {
		texts := []string{c.Suite, c.Class, c.Name}
		for k, v := range c.Properties {
			texts = append(texts, k, v)
		}
		ids := t.find(texts...)
		if len(ids) == 0 {
			imp.Unmapped = append(imp.Unmapped, caseName(c))
			continue
		}
		for _, id := range ids {
			byTarget[id] = append(byTarget[id], c)
		}
	}
	tool := &ward.Tool{Name: dialectTool(rep.Dialect), Version: toolVersion(rep)}
	date := reportDate(rep.Timestamp)
	for _, id := range sortedKeys(byTarget) {
		cases := byTarget[id]
		var failed []string
		skipped := 0
		for _, c := range cases {
			switch c.Status {
			case evidence.StatusFail, evidence.StatusError:
				failed = append(failed, caseName(c))
			case evidence.StatusSkipped:
				skipped++
			}
		}
		result := "pass"
		switch {
		case len(failed) > 0:
			result = "fail"
		case skipped == len(cases):
			result = "not_run"
		}
		title := fmt.Sprintf("%d %s of %s for %s", len(cases), plural(len(cases), "test case", "test cases"), imp.Name, id)
		if len(failed) > 0 {
			title += fmt.Sprintf(" (failed: %s)", strings.Join(firstN(failed, 3), ", "))
		}
		test := imp.baseTest(imp.testID(id), title, t.kindFor(meta, id), meta, date, tool)
		test.Verifies = []string{id}
		test.Result = result
		imp.Tests = append(imp.Tests, test)
	}
	return imp
}

// FromSARIF records one test per run (kind sast unless meta says
// otherwise) verifying whatever its results name, and a finding for every
// unsuppressed result at or above the policy's block level; the test
// fails when there is such a result.
func FromSARIF(name string, data []byte, runs []evidence.SARIFRun, sf *ward.SecurityFile, meta Meta) *Import {
	imp := newImport(name, data, "sarif")
	t := knownTargets(sf)
	block := sf.Policy.Effective().SASTBlockLevel
	kind := meta.Kind
	if kind == "" {
		kind = ward.TestSAST
	}
	for i, run := range runs {
		imp.Cases += len(run.Results)
		id := imp.testID("")
		if len(runs) > 1 {
			id = fmt.Sprintf("%s-%d", id, i+1)
		}
		var verifies []string
		var blocking, below int
		for _, r := range run.Results {
			ids := t.find(r.Texts...)
			verifies = append(verifies, ids...)
			if r.Suppressed {
				continue
			}
			if ward.SeverityRank(r.Severity) < ward.SeverityRank(block) {
				below++
				continue
			}
			blocking++
			imp.Findings = append(imp.Findings, &ward.DevFinding{
				ID:       "FND-" + Digest([]byte(strings.Join([]string{imp.SHA256, run.ToolName, r.RuleID, r.File, fmt.Sprint(r.Line), r.Message}, "\x00")))[:10],
				Title:    sarifTitle(run.ToolName, r),
				Source:   id,
				Severity: r.Severity,
				CWE:      cwes(r.Tags),
				Status:   "open",
				Release:  meta.Release,
			})
		}
		tool := &ward.Tool{Name: orUnknown(run.ToolName), Version: orUnknown(run.ToolVersion)}
		title := fmt.Sprintf("%s static analysis (%s): %d %s at or above %s, %d below",
			tool.Name, imp.Name, blocking, plural(blocking, "result", "results"), block, below)
		test := imp.baseTest(id, title, kind, meta, ward.Date{}, tool)
		slices.Sort(verifies)
		test.Verifies = slices.Compact(verifies)
		test.Result = "pass"
		if blocking > 0 {
			test.Result = "fail"
		}
		for _, f := range imp.Findings {
			if f.Source == id {
				test.Findings = append(test.Findings, f.ID)
			}
		}
		imp.Tests = append(imp.Tests, test)
	}
	return imp
}

// FromPentest records the penetration test (kind penetration unless meta
// says otherwise) verifying what its findings name, and each finding with
// its status; the test fails while a finding is open.
func FromPentest(name string, data []byte, rep *evidence.PentestReport, sf *ward.SecurityFile, meta Meta) *Import {
	imp := newImport(name, data, "pentest")
	imp.Cases = len(rep.Findings)
	t := knownTargets(sf)
	kind := meta.Kind
	if kind == "" {
		kind = ward.TestPenetration
	}
	id := imp.testID("")
	var verifies, scope []string
	open := 0
	for _, f := range rep.Findings {
		ids := t.find(append(slices.Clone(f.Refs), f.Title)...)
		verifies = append(verifies, ids...)
		if f.Interface != "" && t.kinds[f.Interface] == "interface" {
			scope = append(scope, f.Interface)
		}
		if f.Status == "open" {
			open++
		}
		fid := "PT-" + imp.SHA256[:8] + "-" + safeName(f.ID)
		imp.Findings = append(imp.Findings, &ward.DevFinding{ID: fid, Title: f.Title, Source: id, Severity: f.Severity,
			CVSS: f.CVSS, CWE: f.CWE, Status: f.Status, Release: meta.Release})
	}
	tool := &ward.Tool{Name: orUnknown(rep.Tool), Version: orUnknown(rep.ToolVersion)}
	org := meta.Organisation
	if org == "" {
		org = rep.Organisation
	}
	meta.Organisation = org
	title := fmt.Sprintf("Penetration test by %s (%s): %d %s, %d open", orUnknown(rep.Tester), imp.Name, len(rep.Findings), plural(len(rep.Findings), "finding", "findings"), open)
	test := imp.baseTest(id, title, kind, meta, reportDate(rep.Date), tool)
	slices.Sort(verifies)
	test.Verifies = slices.Compact(verifies)
	slices.Sort(scope)
	test.Scope = slices.Compact(scope)
	test.Result = "pass"
	if open > 0 {
		test.Result = "fail"
	}
	for _, f := range imp.Findings {
		test.Findings = append(test.Findings, f.ID)
	}
	imp.Tests = append(imp.Tests, test)
	return imp
}

func caseName(c evidence.Case) string {
	if c.Class != "" && !strings.Contains(c.Name, c.Class) {
		return c.Class + "." + c.Name
	}
	return c.Name
}

// toolVersion reads the version a report states: Go's go.version
// property (the toolchain that ran the tests); "unknown" otherwise.
func toolVersion(rep *evidence.JUnitReport) string {
	for _, c := range rep.Cases {
		if v, _, _ := strings.Cut(c.Properties["go.version"], " "); v != "" {
			return v
		}
	}
	return "unknown"
}

func dialectTool(d string) string {
	switch d {
	case "go":
		return "go test"
	case "pytest":
		return "pytest"
	case "surefire":
		return "maven-surefire"
	case "jest":
		return "jest"
	}
	return "junit"
}

// reportDate reads the day of a report timestamp (RFC 3339 or a bare
// date); zero when there is none.
func reportDate(ts string) ward.Date {
	if len(ts) < 10 {
		return ward.Date{}
	}
	d, err := ward.ParseDate(ts[:10])
	if err != nil {
		return ward.Date{}
	}
	return d
}

func sarifTitle(tool string, r evidence.SARIFResult) string {
	where := r.File
	if r.Line > 0 {
		where = fmt.Sprintf("%s:%d", r.File, r.Line)
	}
	msg := r.Message
	if len(msg) > 120 {
		msg = msg[:117] + "..."
	}
	return strings.TrimSpace(fmt.Sprintf("%s %s at %s: %s", orUnknown(tool), r.RuleID, orUnknown(where), msg))
}

// cwes reads CWE IDs from tags such as "CWE-79" or "external/cwe/cwe-079".
func cwes(tags []string) []string {
	var out []string
	for _, tag := range tags {
		t := strings.ToLower(tag)
		i := strings.LastIndex(t, "cwe-")
		if i < 0 {
			continue
		}
		n := strings.TrimLeft(t[i+4:], "0")
		end := 0
		for end < len(n) && n[end] >= '0' && n[end] <= '9' {
			end++
		}
		if end > 0 {
			out = append(out, "CWE-"+n[:end])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func firstN(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(slices.Clone(s[:n]), fmt.Sprintf("%d more", len(s)-n))
}

func sortedKeys[T any](m map[string]T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp.Compare[string])
	return keys
}

// FromPortScan records a port scan of `ward verify ports` as an
// attack-surface test (5.7.3, 5.4.3) verifying the declared interfaces it
// found open; it fails while an undeclared port is open.
func FromPortScan(name string, data []byte, rep *portscan.Report, sf *ward.SecurityFile, meta Meta) *Import {
	imp := newImport(name, data, "ports")
	imp.Cases = len(rep.Ports)
	kind := meta.Kind
	if kind == "" {
		kind = ward.TestAttackSurface
	}
	t := knownTargets(sf)
	var verifies, undeclared []string
	for _, p := range rep.Ports {
		switch p.Verdict {
		case portscan.VerdictOK:
			for _, id := range strings.Split(p.Interface, ",") {
				if id = strings.TrimSpace(id); t.kinds[id] == "interface" {
					verifies = append(verifies, id)
				}
			}
		case portscan.VerdictUndeclared:
			undeclared = append(undeclared, fmt.Sprintf("%s/%d", p.Proto, p.Port))
		}
	}
	title := fmt.Sprintf("Port scan of %s (%s): %d open %s undeclared, %d declared %s closed",
		rep.Host, imp.Name, rep.Undeclared, plural(rep.Undeclared, "port", "ports"), rep.DeclaredClosed, plural(rep.DeclaredClosed, "port", "ports"))
	if len(undeclared) > 0 {
		title += " (undeclared: " + strings.Join(firstN(undeclared, 5), ", ") + ")"
	}
	test := imp.baseTest(imp.testID(""), title, kind, meta, rep.Date, &ward.Tool{Name: "ward verify ports", Version: "unknown"})
	slices.Sort(verifies)
	test.Verifies = slices.Compact(verifies)
	test.Scope = test.Verifies
	test.Result = "pass"
	if rep.Failed() {
		test.Result = "fail"
	}
	imp.Tests = append(imp.Tests, test)
	return imp
}
