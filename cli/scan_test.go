package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	packageurl "github.com/package-url/packageurl-go"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/bench/gensbom"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/osv"
	"github.com/wardhq/ward/scanner"
	"github.com/wardhq/ward/scanreport"
	"github.com/wardhq/ward/version"
)

// The example product's SBOMs; the advisories are dbSample (its real OSV
// records) plus, where a case needs them, the synthetic records of
// testdata/TestScan (see its README.md).
const (
	scanSBOM240   = "../examples/infusion-pump/sbom/aurora-2.4.0.cdx.json"
	scanSBOM230   = "../examples/infusion-pump/sbom/aurora-2.3.0.cdx.json"
	scanData      = "testdata/TestScan/"
	scanSynthetic = scanData + "synthetic-osv.jsonl"
	scanVEX       = scanData + "vex/aurora.openvex.json"
	scanVEX230    = scanData + "vex/aurora-2.3.0.openvex.json" // decisions made for 2.3.0, for --previous
	scanSecurity  = scanData + "security"
)

var scanClock = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// scanStore imports OSV inputs into a fresh store and returns its folder.
func scanStore(tb testing.TB, inputs ...string) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "db")
	if _, err := osv.Import(context.Background(), dir, inputs, osv.ImportOptions{Now: func() time.Time { return scanClock }}); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// runScanTest runs ward in-process with a fixed clock and WARD_DB=db.
func runScanTest(db string, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	e := &env{
		stdin:  strings.NewReader(""),
		stdout: &stdout,
		stderr: &stderr,
		now:    func() time.Time { return scanClock },
		getenv: func(k string) string {
			if k == "WARD_DB" {
				return db
			}
			return ""
		},
	}
	code := run(context.Background(), e, args)
	return code, stdout.String(), strings.ReplaceAll(stderr.String(), db, "$WARD_DB")
}

// TestScan runs `ward scan` on the example product: each case's exit code,
// stdout (golden in its format) and stderr (golden).
func TestScan(t *testing.T) {
	t.Parallel()
	sample := scanStore(t, dbSample)
	synthetic := scanStore(t, dbSample, scanSynthetic)
	empty := t.TempDir()
	cases := []struct {
		name, db, ext string
		args          []string
		exit          int
	}{
		// Default gate (high): open findings of unknown severity count as high.
		{"JSON", sample, ".json", []string{"scan", "--format", "json", scanSBOM240}, ExitFindings},
		{"Table", sample, ".txt", []string{"scan", scanSBOM240}, ExitFindings},
		{"Markdown", sample, ".md", []string{"scan", "--format", "markdown", "--vex", scanVEX, scanSBOM240}, ExitFindings},
		{"SARIF", sample, ".sarif", []string{"scan", "--format", "sarif", "--vex", scanVEX, scanSBOM240}, ExitFindings},
		{"CycloneDX", sample, ".cdx.json", []string{"scan", "--format", "cyclonedx", "--vex", scanVEX, "--author", "Meridian PSIRT", scanSBOM240}, ExitFindings},
		{"OpenVEX", sample, ".openvex.json", []string{"scan", "--format", "openvex", "--vex", scanVEX, "--author", "Meridian PSIRT", scanSBOM240}, ExitFindings},
		// A statement applies to vulnerability and component: the
		// CVE-2023-43804 statement names requests, not urllib3.
		{"VEX", sample, ".json", []string{"scan", "--format", "json", "--vex", scanVEX, scanSBOM240}, ExitFindings},
		{"EmbeddedVEX", sample, ".json", []string{"scan", "--format", "json", "--fail-on", "critical", scanData + "embedded-vex.cdx.json"}, ExitOK},
		// The only critical finding (smallvec) is decided not_affected.
		{"FailOnCriticalWithVEX", sample, ".txt", []string{"scan", "--fail-on", "critical", "--vex", scanVEX, scanSBOM240}, ExitOK},
		{"FailOnCritical", sample, ".txt", []string{"scan", "--fail-on", "critical", scanSBOM240}, ExitFindings},
		// Aliases: mbedTLS maps to a Debian package; the store without
		// Debian advisories says so instead of reporting it clean.
		{"Aliases", synthetic, ".json", []string{"scan", "--format", "json", "--security", scanSecurity, scanSBOM240}, ExitFindings},
		{"AliasesNoAdvisories", sample, ".json", []string{"scan", "--format", "json", "--security", scanSecurity, scanSBOM240}, ExitFindings},
		{"NothingChecked", sample, ".txt", []string{"scan", scanData + "firmware-only.cdx.json"}, ExitFindings},
		{"NothingCheckedJSON", sample, ".json", []string{"scan", "--format", "json", scanData + "firmware-only.cdx.json"}, ExitFindings},
		{"TwoReleases", sample, ".md", []string{"scan", "--format", "markdown", scanSBOM230, scanSBOM240}, ExitFindings},
		{"NoSBOM", sample, ".txt", []string{"scan"}, ExitUsage},
		{"BadFormat", sample, ".txt", []string{"scan", "--format", "xml", scanSBOM240}, ExitUsage},
		{"BadFailOn", sample, ".txt", []string{"scan", "--fail-on", "none", scanSBOM240}, ExitUsage},
		{"NoStore", empty, ".txt", []string{"scan", scanSBOM240}, ExitError},
		{"NotAnSBOM", sample, ".txt", []string{"scan", scanData + "README.md"}, ExitError},
		{"BadVEX", sample, ".txt", []string{"scan", "--vex", scanData + "README.md", scanSBOM240}, ExitError},
		// --previous: the 2.3.0 decisions on 2.4.0. urllib3 is unchanged
		// (carried and applied), django changed version and the smallvec
		// advisory was modified after its decision (both re-opened).
		{"PreviousJSON", sample, ".json", []string{"scan", "--format", "json", "--vex", scanVEX230, "--previous", scanSBOM230, scanSBOM240}, ExitFindings},
		{"PreviousTable", sample, ".txt", []string{"scan", "--vex", scanVEX230, "--previous", scanSBOM230, scanSBOM240}, ExitFindings},
		{"PreviousMarkdown", sample, ".md", []string{"scan", "--format", "markdown", "--vex", scanVEX230, "--previous", scanSBOM230, scanSBOM240}, ExitFindings},
		{"PreviousSARIF", sample, ".sarif", []string{"scan", "--format", "sarif", "--vex", scanVEX230, "--previous", scanSBOM230, scanSBOM240}, ExitFindings},
		// The only critical finding (smallvec) is decided not_affected, but
		// the decision is re-opened: the finding is open and fails the gate.
		{"PreviousFailOnCritical", sample, ".txt", []string{"scan", "--fail-on", "critical", "--vex", scanVEX230, "--previous", scanSBOM230, scanSBOM240}, ExitFindings},
		{"PreviousNoVEX", sample, ".txt", []string{"scan", "--previous", scanSBOM230, scanSBOM240}, ExitUsage},
		{"PreviousNotAnSBOM", sample, ".txt", []string{"scan", "--vex", scanVEX230, "--previous", scanData + "README.md", scanSBOM240}, ExitError},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runScanTest(tc.db, tc.args...)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d\nstderr: %s", code, tc.exit, stderr)
			}
			testutil.Golden(t, tc.ext, []byte(stdout))
			testutil.Golden(t, ".stderr", []byte(stderr))
		})
	}
}

// scanJSON runs a scan with --format json and decodes the contract.
func scanJSON(t *testing.T, db string, args ...string) scanResult {
	t.Helper()
	code, stdout, stderr := runScanTest(db, append([]string{"scan", "--format", "json"}, args...)...)
	if code != ExitOK && code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r scanResult
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

type scanResult struct {
	Snapshot struct {
		ID             string  `json:"id"`
		NewestModified *string `json:"newest_modified"`
	} `json:"snapshot"`
	Components   int `json:"components"`
	Checked      int `json:"checked"`
	NotMatchable []struct {
		Component struct{ Name, Version, PURL string }
		Reason    string
	} `json:"not_matchable"`
	Findings []struct {
		Component struct{ PURL, Name, Version string }
		Advisory  string
		Aliases   []string
		Affected  struct{ Identifier, Range, Undecidable string }
		VEX       *struct{ Status, Source string }
	} `json:"findings"`
	Reopened []struct {
		Vulnerability string
		Component     struct{ Name, Version, PURL string }
		Reason        string
		Source        string
	} `json:"reopened"`
}

func (r scanResult) finding(name, advisory string) (int, bool) {
	for i, f := range r.Findings {
		if f.Component.Name == name && f.Advisory == advisory {
			return i, true
		}
	}
	return -1, false
}

func (r scanResult) notMatchable() []string {
	var out []string
	for _, nm := range r.NotMatchable {
		out = append(out, nm.Component.Name)
	}
	return out
}

// TestScanVEXByComponent checks the decisions of the VEX file one by one.
func TestScanVEXByComponent(t *testing.T) {
	t.Parallel()
	r := scanJSON(t, scanStore(t, dbSample), "--vex", scanVEX, scanSBOM240)
	for _, tc := range []struct{ component, advisory, status string }{
		{"django", "PYSEC-2022-190", "not_affected"},             // by alias CVE-2022-28346, purl with version
		{"urllib3", "PYSEC-2023-192", ""},                        // the statement names requests: never by CVE alone
		{"smallvec", "RUSTSEC-2021-0003", "not_affected"},        // product + subcomponent
		{"github.com/gin-gonic/gin", "GO-2021-0052", "affected"}, // stays open
		{"django", "PYSEC-2022-191", ""},                         // no statement
	} {
		i, ok := r.finding(tc.component, tc.advisory)
		if !ok {
			t.Errorf("no finding %s on %s", tc.advisory, tc.component)
			continue
		}
		got := ""
		if v := r.Findings[i].VEX; v != nil {
			got = v.Status
		}
		if got != tc.status {
			t.Errorf("%s on %s: VEX status %q, want %q", tc.advisory, tc.component, got, tc.status)
		}
	}
}

// TestScanNotMatchable checks that purl-less components are listed, never
// dropped, and what a component alias changes.
func TestScanNotMatchable(t *testing.T) {
	t.Parallel()
	sample := scanStore(t, dbSample)
	r := scanJSON(t, sample, scanSBOM240)
	firstParty := []string{"aurora-pump-firmware", "aurora-gateway", "aurora-proto-parser", "aurora-cloud", "aurora-portal", "aurora-service-tool"}
	want := append(slices.Clone(firstParty), "FreeRTOS-Kernel", "mbedTLS", "lwIP")
	if got := r.notMatchable(); !slices.Equal(got, want) {
		t.Errorf("not matchable = %v, want %v", got, want)
	}
	if r.Components != r.Checked+len(r.NotMatchable) {
		t.Errorf("components %d != checked %d + not matchable %d", r.Components, r.Checked, len(r.NotMatchable))
	}
	for _, nm := range r.NotMatchable[len(firstParty):] {
		if !strings.HasPrefix(nm.Reason, "no package identifier") {
			t.Errorf("%s: reason %q", nm.Component.Name, nm.Reason)
		}
	}

	// With the aliases and a store that has Debian advisories, mbedTLS is
	// checked and found; lwIP's alias gives a CPE only and says so.
	r = scanJSON(t, scanStore(t, dbSample, scanSynthetic), "--security", scanSecurity, scanSBOM240)
	if got, want := r.notMatchable(), append(slices.Clone(firstParty), "FreeRTOS-Kernel", "lwIP"); !slices.Equal(got, want) {
		t.Errorf("with aliases: not matchable = %v, want %v", got, want)
	}
	if i, ok := r.finding("mbedTLS", "WARD-TEST-2026-0001"); !ok {
		t.Errorf("with aliases: no finding on mbedTLS")
	} else if id := r.Findings[i].Affected.Identifier; !strings.Contains(id, "alias rule mbedTLS") || !strings.Contains(id, "pkg:deb/debian/mbedtls") {
		t.Errorf("mbedTLS identifier = %q, want the alias purl and rule", id)
	}
	if i, ok := r.finding("gunicorn", "WARD-TEST-2026-0002"); !ok || r.Findings[i].Affected.Undecidable == "" {
		t.Errorf("GIT-only advisory: want a finding marked undecidable, got %v", ok)
	}
	if r.Components != r.Checked+len(r.NotMatchable) {
		t.Errorf("with aliases: components %d != checked %d + not matchable %d", r.Components, r.Checked, len(r.NotMatchable))
	}
}

// TestScanSnapshot checks that the report names the snapshot it used.
func TestScanSnapshot(t *testing.T) {
	t.Parallel()
	db := scanStore(t, dbSample)
	s, err := osv.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	info := s.Snapshot()
	r := scanJSON(t, db, scanSBOM240)
	if r.Snapshot.ID != info.ID || r.Snapshot.NewestModified == nil || *r.Snapshot.NewestModified != info.NewestModified.Format(time.RFC3339) {
		t.Errorf("snapshot = %+v, want %s %s", r.Snapshot, info.ID, info.NewestModified)
	}
}

// TestScanOutputFile checks -o: the same bytes as stdout, no temporary
// file left, and a device such as /dev/null written, not replaced.
func TestScanOutputFile(t *testing.T) {
	t.Parallel()
	db := scanStore(t, dbSample)
	_, stdout, _ := runScanTest(db, "scan", "--format", "json", scanSBOM240)
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	code, written, stderr := runScanTest(db, "scan", "--format", "json", "-o", out, scanSBOM240)
	if code != ExitFindings || written != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, written, stderr)
	}
	if got := string(testutil.Read(t, out)); got != stdout {
		t.Errorf("-o file differs from stdout")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d entries, want the report only", len(entries))
	}
	if fi, err := os.Stat(os.DevNull); err == nil && fi.Mode()&os.ModeDevice != 0 {
		if code, _, stderr := runScanTest(db, "scan", "--format", "json", "-o", os.DevNull, scanSBOM240); code != ExitFindings {
			t.Errorf("-o %s: exit %d: %s", os.DevNull, code, stderr)
		}
		if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&os.ModeDevice == 0 {
			t.Fatalf("%s is no longer a device", os.DevNull)
		}
	}
}

// sharedStore imports every shared OSV record into a fresh store.
func sharedStore(tb testing.TB, osvDir string) string {
	paths, _ := filepath.Glob(filepath.Join(osvDir, "*.jsonl"))
	if len(paths) == 0 {
		tb.Fatalf("no .jsonl files in %s", osvDir)
	}
	return scanStore(tb, paths...)
}

// rawAdvisory is an OSV record read independently of package osv.
type rawAdvisory struct {
	ID        string `json:"id"`
	Withdrawn string `json:"withdrawn"`
	Affected  []struct {
		Package struct {
			Ecosystem string `json:"ecosystem"`
			Name      string `json:"name"`
		} `json:"package"`
		Versions []string `json:"versions"`
		Ranges   []struct {
			Type   string              `json:"type"`
			Events []map[string]string `json:"events"`
		} `json:"ranges"`
	} `json:"affected"`
}

// TestScanSharedData scans the real SBOMs of the shared data set against
// every shared OSV record and checks each finding against an independent
// reading of the records; conversely, components whose exact version an
// advisory lists must be found.
func TestScanSharedData(t *testing.T) {
	sharedOSVDir := testutil.SharedData(t, "osv")
	sboms := testutil.SharedData(t, "sboms")
	store, err := osv.Open(sharedStore(t, sharedOSVDir))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	// Independent index: (ecosystem, normalized name) → records.
	records := map[string]*rawAdvisory{}
	byPkg := map[[2]string][]*rawAdvisory{}
	paths, _ := filepath.Glob(filepath.Join(sharedOSVDir, "*.jsonl"))
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			a := &rawAdvisory{}
			if err := json.Unmarshal(sc.Bytes(), a); err != nil {
				t.Fatal(err)
			}
			records[a.ID] = a
			for _, af := range a.Affected {
				k := [2]string{osv.BaseEcosystem(af.Package.Ecosystem), osv.NormalizeName(af.Package.Ecosystem, af.Package.Name)}
				if !slices.Contains(byPkg[k], a) {
					byPkg[k] = append(byPkg[k], a)
				}
			}
		}
		f.Close()
	}

	var files []string
	filepath.WalkDir(sboms, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".spdx")) && !strings.Contains(p, "spdx3") {
			files = append(files, p)
		}
		return nil
	})
	scanned, findings, checkedFindings, converse := 0, 0, 0, 0
	for _, file := range files {
		b, err := scanner.ParseSBOM(file)
		if err != nil {
			continue // not an SBOM ward reads (SPDX 3, CBOM, …): sbom's tests cover those
		}
		rep, _, err := scanner.Run(context.Background(), store, scanner.Input{Paths: []string{file}})
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		scanned++
		rel, _ := filepath.Rel(sboms, file)
		if rep.Components != rep.Checked+len(rep.NotMatchable) {
			t.Errorf("%s: components %d != checked %d + not matchable %d", rel, rep.Components, rep.Checked, len(rep.NotMatchable))
		}
		// Purl-less components are listed as not matchable, all of them.
		for _, c := range b.Components {
			if c.PURL == "" && !nmByIdentity(rep.NotMatchable, c) {
				t.Errorf("%s: purl-less component %s is not in not_matchable", rel, c.DisplayName())
			}
		}
		found := map[[2]string]bool{}
		for _, f := range rep.Findings {
			findings++
			found[[2]string{f.Component.PURL, f.Advisory}] = true
			if checkFinding(t, rel, f, records) {
				checkedFindings++
			}
		}
		// Converse: a component whose exact version an advisory lists, or
		// which one of its ranges includes by the independent evaluation,
		// must have that finding.
		for _, c := range b.Components {
			eco, name, ver, ok := purlPackage(c.PURL)
			if !ok {
				continue
			}
			for _, a := range byPkg[[2]string{eco, osv.NormalizeName(eco, name)}] {
				if a.Withdrawn != "" || !affects(a, eco, name, ver) {
					continue
				}
				converse++
				if !found[[2]string{c.PURL, a.ID}] {
					t.Errorf("%s: %s affects %s@%s by its versions list or ranges, but the scan has no such finding", rel, a.ID, name, ver)
				}
			}
		}
	}
	t.Logf("%d SBOMs scanned, %d findings (%d checked against the raw records), %d version cross-checks (listed or in range)", scanned, findings, checkedFindings, converse)
	if scanned < 20 || findings == 0 || converse == 0 {
		t.Errorf("too little was checked: %d SBOMs, %d findings, %d cross-checks", scanned, findings, converse)
	}
}

func nmByIdentity(nms []scanreport.NotMatchable, c *ward.Component) bool {
	for _, n := range nms {
		if n.Component.Path == c.Path && n.Component.Name == c.Name {
			return true
		}
	}
	return false
}

// purlPackage names a purl's OSV package for the ecosystems of the shared
// data (PyPI, Go, crates.io), independently of package match.
func purlPackage(purl string) (eco, name, ver string, ok bool) {
	if purl == "" {
		return "", "", "", false
	}
	p, err := packageurl.FromString(purl)
	if err != nil || p.Version == "" {
		return "", "", "", false
	}
	switch p.Type {
	case "pypi":
		return "PyPI", p.Name, p.Version, true
	case "cargo":
		return "crates.io", p.Name, p.Version, true
	case "golang":
		n := p.Name
		if p.Namespace != "" {
			n = p.Namespace + "/" + p.Name
		}
		return "Go", n, p.Version, true
	}
	return "", "", "", false
}

// affects reports whether record a lists ver of the package or includes
// it in a SEMVER or ECOSYSTEM range.
func affects(a *rawAdvisory, eco, name, ver string) bool {
	for _, af := range a.Affected {
		if osv.BaseEcosystem(af.Package.Ecosystem) != eco || osv.NormalizeName(eco, af.Package.Name) != osv.NormalizeName(eco, name) {
			continue
		}
		if slices.Contains(af.Versions, ver) {
			return true
		}
		for _, r := range af.Ranges {
			switch r.Type {
			case "SEMVER":
				if inRange("SemVer", strings.TrimPrefix(ver, "v"), r.Events) {
					return true
				}
			case "ECOSYSTEM":
				if inRange(eco, ver, r.Events) {
					return true
				}
			}
		}
	}
	return false
}

// checkFinding checks one finding against the raw record: the advisory
// exists, an affected entry names the component's package, and the
// version is listed or inside one of the entry's ranges by the OSV
// evaluation (events in version order). It reports whether it could check.
func checkFinding(t *testing.T, file string, f ward.Finding, records map[string]*rawAdvisory) bool {
	t.Helper()
	a := records[f.Advisory]
	if a == nil {
		t.Errorf("%s: finding %s: no such advisory in the shared records", file, f.Advisory)
		return false
	}
	if a.Withdrawn != "" {
		t.Errorf("%s: finding %s: advisory is withdrawn", file, f.Advisory)
	}
	eco, name, ver, ok := purlPackage(f.Component.PURL)
	if !ok {
		return false
	}
	for _, af := range a.Affected {
		if osv.BaseEcosystem(af.Package.Ecosystem) != eco || osv.NormalizeName(eco, af.Package.Name) != osv.NormalizeName(eco, name) {
			continue
		}
		if slices.Contains(af.Versions, ver) || slices.Contains(af.Versions, strings.TrimPrefix(ver, "v")) {
			return true
		}
		for _, r := range af.Ranges {
			if r.Type == "GIT" {
				if f.Match.Undecidable != "" {
					return true
				}
				continue
			}
			cmpEco := eco
			if r.Type == "SEMVER" {
				cmpEco = "SemVer"
			}
			if inRange(cmpEco, strings.TrimPrefix(ver, "v"), r.Events) {
				return true
			}
		}
	}
	t.Errorf("%s: finding %s on %s@%s: no affected entry of the record lists the version or has it in range", file, f.Advisory, name, ver)
	return false
}

// inRange is the OSV evaluation of one range: events sorted by version,
// introduced turns affected on, fixed (v ≥ fixed) and last_affected
// (v > last_affected) turn it off.
func inRange(eco, v string, events []map[string]string) bool {
	type ev struct{ kind, v string }
	var evs []ev
	for _, e := range events {
		for k, x := range e {
			evs = append(evs, ev{k, x})
		}
	}
	cmp := func(a, b string) int {
		if a == b {
			return 0
		}
		if a == "0" {
			return -1
		}
		if b == "0" {
			return 1
		}
		c, err := version.Compare(eco, a, b)
		if err != nil {
			return strings.Compare(a, b)
		}
		return c
	}
	slices.SortStableFunc(evs, func(a, b ev) int { return cmp(a.v, b.v) })
	affected := false
	for _, e := range evs {
		switch e.kind {
		case "introduced":
			if cmp(v, e.v) >= 0 {
				affected = true
			}
		case "fixed":
			if cmp(v, e.v) >= 0 {
				affected = false
			}
		case "last_affected":
			if cmp(v, e.v) > 0 {
				affected = false
			}
		}
	}
	return affected
}

// BenchmarkScan100k scans a generated 100,000-component SBOM against
// every shared OSV record: store opening, parsing, matching and the JSON
// report, as `ward scan --format json -o /dev/null` does; generating the
// SBOM and importing the store are outside the timing.
func BenchmarkScan100k(b *testing.B) {
	sharedOSVDir := testutil.SharedData(b, "osv")
	db := sharedStore(b, sharedOSVDir)
	paths, _ := filepath.Glob(filepath.Join(sharedOSVDir, "*.jsonl"))
	pkgs, err := gensbom.Packages(paths)
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "100k.cdx.json")
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	if err := gensbom.Write(f, pkgs, gensbom.Options{N: 100_000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	f.Close()
	b.ReportAllocs()
	for b.Loop() {
		if code, _, stderr := runScanTest(db, "scan", "--format", "json", "-o", os.DevNull, file); code != ExitFindings {
			b.Fatalf("exit %d: %s", code, stderr)
		}
	}
}

// TestScanPrevious checks --previous decision by decision: a decision
// carries forward while its component's version is unchanged, and is
// re-opened — not applied, the finding open — when the version changed or
// the advisory was modified after the decision.
func TestScanPrevious(t *testing.T) {
	t.Parallel()
	db := scanStore(t, dbSample)
	vexOf := func(r scanResult, component, advisory string) string {
		t.Helper()
		i, ok := r.finding(component, advisory)
		if !ok {
			t.Fatalf("no finding %s on %s", advisory, component)
		}
		if v := r.Findings[i].VEX; v != nil {
			return v.Status
		}
		return ""
	}

	t.Run("Example", func(t *testing.T) {
		t.Parallel()
		r := scanJSON(t, db, "--vex", scanVEX230, "--previous", scanSBOM230, scanSBOM240)
		for _, tc := range []struct{ component, advisory, status string }{
			{"urllib3", "PYSEC-2021-108", "not_affected"}, // 1.26.4 in both: carried, by alias CVE-2021-33503
			{"django", "PYSEC-2022-190", ""},              // 3.2.10 → 3.2.12: re-opened
			{"smallvec", "RUSTSEC-2021-0003", ""},         // advisory modified after the decision: re-opened
		} {
			if got := vexOf(r, tc.component, tc.advisory); got != tc.status {
				t.Errorf("%s on %s: VEX status %q, want %q", tc.advisory, tc.component, got, tc.status)
			}
		}
		if len(r.Reopened) != 2 {
			t.Fatalf("reopened = %+v, want django and smallvec", r.Reopened)
		}
		django, smallvec := r.Reopened[0], r.Reopened[1]
		if django.Vulnerability != "CVE-2022-28346" || django.Component.PURL != "pkg:pypi/django@3.2.12" ||
			!strings.Contains(django.Reason, "version changed from 3.2.10 to 3.2.12") || !strings.HasPrefix(django.Source, scanVEX230+"#") {
			t.Errorf("django: %+v", django)
		}
		if smallvec.Vulnerability != "CVE-2021-25900" || smallvec.Component.PURL != "pkg:cargo/smallvec@1.6.0" ||
			smallvec.Reason != "advisory RUSTSEC-2021-0003 (CVE-2021-25900) was modified on 2026-07-17T15:52:38Z, after this decision of 2026-05-04T08:00:00Z" {
			t.Errorf("smallvec: %+v", smallvec)
		}

		// Without --previous the same statements apply as written: the
		// smallvec one decides, the django one names another version.
		r = scanJSON(t, db, "--vex", scanVEX230, scanSBOM240)
		if got := vexOf(r, "smallvec", "RUSTSEC-2021-0003"); got != "not_affected" {
			t.Errorf("without --previous: smallvec VEX status %q, want not_affected", got)
		}
		if r.Reopened == nil || len(r.Reopened) != 0 {
			t.Errorf("without --previous: reopened = %v, want []", r.Reopened)
		}
	})

	t.Run("NoTimestamp", func(t *testing.T) {
		t.Parallel()
		// CycloneDX VEX without any timestamp, naming the advisory by ID:
		// nothing shows the decision postdates the advisory's change.
		file := filepath.Join(t.TempDir(), "vex.cdx.json")
		writeTestFile(t, file, []byte(`{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
  "vulnerabilities": [{"id": "RUSTSEC-2021-0003", "analysis": {"state": "not_affected", "justification": "code_not_reachable"},
    "affects": [{"ref": "pkg:cargo/smallvec@1.6.0"}]}]}`))
		r := scanJSON(t, db, "--vex", file, "--previous", scanSBOM230, scanSBOM240)
		if got := vexOf(r, "smallvec", "RUSTSEC-2021-0003"); got != "" {
			t.Errorf("smallvec VEX status %q, want none", got)
		}
		want := "advisory RUSTSEC-2021-0003 was modified on 2026-07-17T15:52:38Z; this decision has no timestamp, so it may predate that"
		if len(r.Reopened) != 1 || r.Reopened[0].Reason != want || r.Reopened[0].Component.Name != "smallvec" {
			t.Errorf("reopened = %+v, want smallvec: %s", r.Reopened, want)
		}
	})

	t.Run("ComponentGone", func(t *testing.T) {
		t.Parallel()
		// A decision about a component the scanned release no longer has
		// is neither carried nor re-opened, and stderr says so.
		dir := t.TempDir()
		prev := filepath.Join(dir, "prev.cdx.json")
		writeTestFile(t, prev, []byte(`{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
  "components": [{"type": "library", "bom-ref": "flask", "name": "flask", "version": "2.0.0", "purl": "pkg:pypi/flask@2.0.0"}]}`))
		file := filepath.Join(dir, "vex.openvex.json")
		writeTestFile(t, file, []byte(`{"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1",
  "author": "PSIRT", "timestamp": "2026-10-01T00:00:00Z", "version": 1,
  "statements": [{"vulnerability": {"name": "CVE-2023-30861"}, "products": [{"@id": "pkg:pypi/flask@2.0.0"}], "status": "fixed"}]}`))
		code, stdout, stderr := runScanTest(db, "scan", "--format", "json", "--vex", file, "--previous", prev, scanSBOM240)
		if code != ExitFindings || !strings.Contains(stdout, `"reopened": []`) {
			t.Errorf("exit %d, stdout without an empty reopened: %s", code, stderr)
		}
		if !strings.Contains(stderr, "1 VEX statement not carried forward") {
			t.Errorf("stderr = %s, want the dropped statement noted", stderr)
		}
	})
}

func writeTestFile(t *testing.T, file string, data []byte) {
	t.Helper()
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
