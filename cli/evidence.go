package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/evidence"
	"github.com/wardhq/ward/evidence/record"
	"github.com/wardhq/ward/internal/readlimit"
	"github.com/wardhq/ward/portscan"
)

// runEvidence dispatches `ward evidence import|independence`.
func runEvidence(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "import":
			return runEvidenceImport(ctx, e, args[1:])
		case "independence":
			return runIndependence(ctx, e, args[1:])
		}
	}
	return usagef("evidence: want import or independence (run 'ward evidence import -h')")
}

// maxEvidence bounds an evidence file ward reads.
const maxEvidence = 64 << 20

func runEvidenceImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "evidence import", "FILE…",
		"Import verification evidence into the security file: JUnit XML (Go, pytest, Maven Surefire, Jest and other dialects), "+
			"SARIF 2.1.0 (gosec, Semgrep, CodeQL, …), penetration-test findings in ward's CSV or JSON form (docs/pentest-findings.md) "+
			"and port scans written by 'ward verify ports --format json'. "+
			"Results are tied to the requirement, control, threat and interface IDs their names, properties or tags mention; each file is "+
			"copied under DIR/evidence/ with its SHA-256 and its records are appended to DIR/evidence.yaml. Importing the same file again "+
			"changes nothing.")
	dir := fs.String("dir", defaultDir, "security file folder to record the evidence in")
	release := fs.String("release", "", "release the tested build belongs to")
	build := fs.String("build", "", "build or commit that was tested")
	executors := fs.String("executor", "", "person IDs of who ran the tests, comma-separated (for a pentest, default: its tester when in people:)")
	authors := fs.String("authors", "", "person IDs of who wrote what the tests cover, comma-separated (or judge it from git: 'ward release check --repo')")
	indep := fs.String("independence", "", "independence the testers state: none, person, team, department or organisation")
	org := fs.String("organisation", "", "organisation of the testers, for external tests (default: the pentest report's)")
	kind := fs.String("kind", "", "test kind to record (default: security_requirement or threat_mitigation for JUnit by what a case names, sast for SARIF, penetration for pentests)")
	tool := fs.String("tool", "", "tool as NAME@VERSION (default: what the report says)")
	toolConfig := fs.String("tool-config", "", "configuration the tool ran with (command line, rule set), so the run can be repeated")
	duration := fs.String("duration", "", "effort or run time, e.g. \"3 person-days\" (penetration tests, fuzzing)")
	methods := fs.String("methods", "", "methods followed, comma-separated, e.g. \"PTES,OWASP WSTG\"")
	date := fs.String("date", "", "date of the test run, YYYY-MM-DD (default: the report's, else today)")
	format := fs.String("format", "auto", "report format: auto, junit, sarif, pentest or ports (a 'ward verify ports --format json' report)")
	dryRun := fs.Bool("dry-run", false, "print the records that would be added and change nothing")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("evidence import: give at least one report file")
	}
	switch *format {
	case "auto", "junit", "sarif", "pentest", "ports":
	default:
		return usagef("unknown format %q (want auto, junit, sarif, pentest or ports)", *format)
	}
	meta := record.Meta{Release: *release, Build: *build, Organisation: *org, Kind: ward.TestKind(*kind),
		Today: ward.DateOf(e.now().UTC())}
	if *kind != "" && !validKind(*kind) {
		return usagef("--kind %q: want one of %s", *kind, strings.Join(ward.TestKind("").Values(), ", "))
	}
	meta.ExecutedBy, meta.Authors, meta.Independence = splitIDs(*executors), splitIDs(*authors), *indep
	meta.ToolConfig, meta.Duration, meta.Methods = *toolConfig, *duration, splitIDs(*methods)
	switch *indep {
	case "", "none", "person", "team", "department", "organisation":
	default:
		return usagef("--independence %q: want none, person, team, department or organisation", *indep)
	}
	if *tool != "" {
		name, version, ok := strings.Cut(*tool, "@")
		if !ok || name == "" || version == "" {
			return usagef("--tool %q: want NAME@VERSION, e.g. gotestsum@1.12.0", *tool)
		}
		meta.Tool = &ward.Tool{Name: name, Version: version}
	}
	if *date != "" {
		d, err := ward.ParseDate(*date)
		if err != nil {
			return usagef("--date: %v", err)
		}
		meta.Date = d
	}
	sf, err := loadValidFile(e, *dir, nil)
	if err != nil {
		return err
	}
	for _, f := range files {
		if sf, err = importOne(e, *dir, sf, f, *format, meta, *dryRun); err != nil {
			return err
		}
	}
	return nil
}

// splitIDs splits a comma-separated list of IDs.
func splitIDs(s string) []string {
	var out []string
	for _, id := range strings.Split(s, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

func validKind(k string) bool {
	for _, v := range ward.TestKind("").Values() {
		if v == k {
			return true
		}
	}
	return false
}

// importOne imports one report into the security file sf read from dir:
// parse, turn into records, store, and validate the security file with
// them, undoing the import if it does not validate. It returns the
// security file as it stands afterwards, for the next report.
func importOne(e *env, dir string, sf *ward.SecurityFile, file, format string, meta record.Meta, dryRun bool) (*ward.SecurityFile, error) {
	if meta.Release != "" && !hasRelease(sf, meta.Release) {
		return nil, usagef("--release %s: no such release in %s", meta.Release, dir)
	}
	data, err := readEvidence(file)
	if err != nil {
		return nil, err
	}
	if format == "auto" {
		format = detectEvidence(file, data)
		if format == "" {
			return nil, ward.Errorf(ward.EInvalid, "%s: not a JUnit XML, SARIF, pentest findings or port scan file that ward recognises (give --format)", file)
		}
	}
	var imp *record.Import
	switch format {
	case "junit":
		rep, err := evidence.ParseJUnit(bytes.NewReader(data), file, evidence.Limits{})
		if err != nil {
			return nil, err
		}
		imp = record.FromJUnit(file, data, rep, sf, meta)
	case "sarif":
		runs, err := evidence.ParseSARIF(bytes.NewReader(data), file, evidence.Limits{})
		if err != nil {
			return nil, err
		}
		imp = record.FromSARIF(file, data, runs, sf, meta)
	case "ports":
		rep, err := portscan.ParseReport(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if meta.Tool == nil {
			meta.Tool = &ward.Tool{Name: "ward verify ports", Version: Version}
		}
		imp = record.FromPortScan(file, data, rep, sf, meta)
	case "pentest":
		rep, err := evidence.ParsePentest(bytes.NewReader(data), file, evidence.Limits{})
		if err != nil {
			return nil, err
		}
		if len(meta.ExecutedBy) == 0 {
			if p := personNamed(sf, rep.Tester); p != "" {
				meta.ExecutedBy = []string{p}
			}
		}
		imp = record.FromPentest(file, data, rep, sf, meta)
	}
	if len(meta.ExecutedBy) == 0 {
		return nil, usagef("%s: say who ran the tests with --executor (person IDs of people:)", file)
	}
	for _, t := range sf.Tests {
		if t.SHA256 == imp.SHA256 && t.Report == imp.Stored {
			fmt.Fprintf(e.stdout, "%s: already imported (test %s, sha256 %s); nothing changed\n", file, t.ID, imp.SHA256)
			return sf, nil
		}
	}
	if len(imp.Tests) == 0 {
		return nil, ward.Errorf(ward.EInvalid, "%s: none of its %d entries names a requirement, control, threat or interface of %s, so there is nothing to record "+
			"(put the IDs in test names, properties or tags)", file, imp.Cases, dir)
	}
	if dryRun {
		doc, err := record.Document(imp)
		if err != nil {
			return nil, err
		}
		fmt.Fprint(e.stdout, doc)
		return sf, nil
	}
	undo, err := record.Store(dir, data, imp)
	if err != nil {
		return nil, err
	}
	next, problems, err := loadSecurityFile(dir)
	if err == nil && len(problems) > 0 {
		err = fmt.Errorf("%w\nthe imported records do not validate; %s is unchanged", problems, dir)
	}
	if err != nil {
		if uerr := undo(); uerr != nil {
			return nil, fmt.Errorf("%w; undoing the import failed too: %v", err, uerr)
		}
		return nil, err
	}
	printImport(e.stdout, file, dir, imp)
	return next, nil
}

func printImport(w io.Writer, file, dir string, imp *record.Import) {
	fmt.Fprintf(w, "%s: %s, %s → %s", file, imp.Format, plural(imp.Cases, "entry"), plural(len(imp.Tests), "test"))
	if len(imp.Findings) > 0 {
		fmt.Fprintf(w, ", %s", plural(len(imp.Findings), "finding"))
	}
	fmt.Fprintf(w, " recorded in %s; report kept as %s\n", filepath.Join(dir, record.File), filepath.Join(dir, filepath.FromSlash(imp.Stored)))
	for _, t := range imp.Tests {
		fmt.Fprintf(w, "  %s  %s  %s  verifies %s\n", t.ID, t.Kind, t.Result, orNone(strings.Join(t.Verifies, ", ")))
	}
	if n := len(imp.Unmapped); n > 0 {
		shown := imp.Unmapped
		if n > 5 {
			shown = append(shown[:5:5], fmt.Sprintf("… %d more", n-5))
		}
		fmt.Fprintf(w, "  %s without a requirement, control, threat or interface ID: %s\n", plural(n, "entry"), strings.Join(shown, ", "))
	}
}

func orNone(s string) string {
	if s == "" {
		return "nothing named"
	}
	return s
}

// personNamed finds the person whose name or email is s.
func personNamed(sf *ward.SecurityFile, s string) string {
	s = strings.TrimSpace(s)
	for _, p := range sf.People {
		if s != "" && (strings.EqualFold(p.Name, s) || strings.EqualFold(p.Email, s) || p.ID == s) {
			return p.ID
		}
	}
	return ""
}

func readEvidence(file string) ([]byte, error) {
	data, err := readlimit.File(file, maxEvidence)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ward.Errorf(ward.ENotFound, "%v", err)
	}
	return data, err
}

// detectEvidence names a report's format from its extension and first
// bytes; "" when it is none ward reads.
func detectEvidence(file string, data []byte) string {
	ext := strings.ToLower(filepath.Ext(file))
	head := strings.TrimSpace(string(data[:min(len(data), 4096)]))
	switch {
	case ext == ".sarif":
		return "sarif"
	case ext == ".xml" || strings.HasPrefix(head, "<"):
		return "junit"
	case ext == ".csv":
		return "pentest"
	case strings.HasPrefix(head, "{"):
		if strings.Contains(head, `"ward-port-scan"`) {
			return "ports"
		}
		if strings.Contains(head, `"runs"`) || strings.Contains(head, "sarif") {
			return "sarif"
		}
		if strings.Contains(head, `"findings"`) {
			return "pentest"
		}
	}
	return ""
}
