package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward/cli"
	"github.com/wardhq/ward/internal/testutil"
)

const (
	pumpCI    = "../examples/infusion-pump-ci"
	pumpBuild = "fc96bde663ecf76217b2fe81c1500323de30d1bb"
)

// pumpCopy copies the infusion pump example into a temporary folder.
func pumpCopy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "pump")
	copyDir(t, "../examples/infusion-pump", dir)
	return dir
}

// importCI imports the pump's CI reports as its README shows.
var importCI = [][]string{
	{"evidence", "import", pumpCI + "/gateway-go-test.xml", "--release", "2.4.0", "--build", pumpBuild,
		"--executor", "r.costa", "--authors", "p.lindqvist", "--independence", "department"},
	{"evidence", "import", pumpCI + "/gateway-gosec.sarif", "--release", "2.4.0", "--build", pumpBuild,
		"--executor", "k.tanaka", "--date", "2026-11-19", "--tool-config", "gosec -fmt sarif ./gateway/..."},
	{"evidence", "import", pumpCI + "/pentest-retest-2.4.0.csv", "--release", "2.4.0", "--build", pumpBuild,
		"--authors", "p.lindqvist", "--independence", "organisation", "--duration", "2 person-days", "--methods", "PTES,OWASP WSTG"},
	{"evidence", "import", pumpCI + "/gateway-port-scan.json", "--release", "2.4.0", "--build", pumpBuild,
		"--executor", "r.costa", "--authors", "k.tanaka", "--independence", "department"},
}

// TestEvidenceImport imports a JUnit, a SARIF, a pentest report and a port
// scan into a
// copy of the pump: the records appended to evidence.yaml, the reports
// kept under evidence/, a second import changing nothing, and a changed
// byte in a kept report caught by `ward validate`.
func TestEvidenceImport(t *testing.T) {
	t.Parallel()
	dir := pumpCopy(t)
	var out strings.Builder
	for _, args := range importCI {
		code, stdout, stderr := run(t, append(args, "--dir", dir)...)
		if code != cli.ExitOK {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
		out.WriteString(stdout)
	}
	testutil.Golden(t, ".txt", []byte(strings.ReplaceAll(out.String(), dir, "PUMP")))
	records, err := os.ReadFile(filepath.Join(dir, "evidence.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, ".yaml", records)

	code, stdout, _ := run(t, append(importCI[0], "--dir", dir)...)
	if code != cli.ExitOK || !strings.Contains(stdout, "already imported") {
		t.Errorf("second import: exit %d, %q", code, stdout)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "evidence.yaml")); string(again) != string(records) {
		t.Error("a second import of the same report changed evidence.yaml")
	}

	if code, stdout, stderr := run(t, "validate", dir); code != cli.ExitOK {
		t.Fatalf("validate after import: exit %d\n%s%s", code, stdout, stderr)
	}
	kept, err := filepath.Glob(filepath.Join(dir, "evidence", "*-gateway-go-test.xml"))
	if err != nil || len(kept) != 1 {
		t.Fatalf("kept JUnit report: %v %v", kept, err)
	}
	if err := os.Chmod(kept[0], 0o644); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(kept[0])
	b[len(b)-2] ^= 1
	if err := os.WriteFile(kept[0], b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = run(t, "validate", dir)
	if code != cli.ExitFindings || !strings.Contains(stdout, "no longer matches its sha256") || !strings.Contains(stdout, filepath.Base(kept[0])) {
		t.Errorf("validate after tampering: exit %d\n%s", code, stdout)
	}
}

// TestEvidenceImportRefusals: bad input says where and what to do, and a
// refused import leaves the security file as it was.
func TestEvidenceImportRefusals(t *testing.T) {
	t.Parallel()
	dir := pumpCopy(t)
	broken := filepath.Join(t.TempDir(), "broken.xml")
	if err := os.WriteFile(broken, []byte("<testsuites>\n  <testsuite name=\"a\">\n    <testcase name=\"REQ-012\">\n  </testsuite>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	unmapped := filepath.Join(t.TempDir(), "unmapped.xml")
	if err := os.WriteFile(unmapped, []byte(`<testsuite name="x"><testcase classname="a" name="TestNothing"/></testsuite>`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		exit int
		want string
	}{
		{"broken_xml", []string{broken, "--executor", "r.costa"}, cli.ExitError, "broken.xml:"},
		{"names_nothing", []string{unmapped, "--executor", "r.costa"}, cli.ExitError, "names a requirement, control, threat or interface"},
		{"no_executor", []string{pumpCI + "/gateway-go-test.xml"}, cli.ExitUsage, "--executor"},
		{"unknown_executor", []string{pumpCI + "/gateway-go-test.xml", "--executor", "nobody"}, cli.ExitError, "nobody"},
		{"unknown_release", []string{pumpCI + "/gateway-go-test.xml", "--executor", "r.costa", "--release", "9.9"}, cli.ExitUsage, "--release 9.9"},
		{"bad_kind", []string{pumpCI + "/gateway-go-test.xml", "--executor", "r.costa", "--kind", "smoke"}, cli.ExitUsage, "--kind"},
		{"missing_file", []string{"no-such-report.xml", "--executor", "r.costa"}, cli.ExitError, "no-such-report.xml"},
	} {
		code, stdout, stderr := run(t, append([]string{"evidence", "import", "--dir", dir}, tc.args...)...)
		if code != tc.exit || !strings.Contains(stdout+stderr, tc.want) {
			t.Errorf("%s: exit %d (want %d), output lacks %q:\n%s%s", tc.name, code, tc.exit, tc.want, stdout, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "evidence.yaml")); !os.IsNotExist(err) {
		t.Errorf("a refused import left evidence.yaml behind: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "evidence")); len(entries) > 0 {
		t.Errorf("a refused import left %d files in evidence/", len(entries))
	}
}

// TestReleaseGateAfterEvidence drives the gate both ways: on a copy of the
// pump whose other deliberate gaps are fixed, the release blocks only
// because REQ-012 has no passing test on 2.4.0; after the CI's reports
// are imported it passes.
func TestReleaseGateAfterEvidence(t *testing.T) {
	t.Parallel()
	dir := pumpCopy(t)
	edit(t, filepath.Join(dir, "components.yaml"), "    support_level: unknown\n    monitoring: [osv, github_advisories]\n    risks: [THR-006, THR-013]\n",
		"    support_level: unknown\n    end_of_support: unknown\n    eos_rationale: Pallets publishes no support periods; the portal moves to jinja2 3.1 in 2.5.0.\n    monitoring: [osv, github_advisories]\n    risks: [THR-006, THR-013]\n")
	appendTo(t, filepath.Join(dir, "threats.yaml"), `
  - id: I-INTERFACE-UNLABELED-a58a7f25
    title: Gateway metrics endpoint on by default but not in the labeling
    stride: [information_disclosure]
    elements: [IF-GW-METRICS]
    attack_vector: hospital LAN, to the gateway's metrics port
    decision: accepted
    rationale: The endpoint serves counters only; it is added to the interface list of the IFU in 2.4.1.
    approved_by: d.schmidt
    decided_at: 2026-11-25
    source: rule:I-INTERFACE-UNLABELED
`)
	edit(t, filepath.Join(dir, "risk.yaml"), "    threats: [THR-004]\n", "    threats: [THR-004, I-INTERFACE-UNLABELED-a58a7f25]\n")
	sbom := filepath.Join(dir, "sbom", "aurora-2.4.0.cdx.json")
	for name, purl := range map[string]string{"FreeRTOS-Kernel": "pkg:github/freertos/freertos-kernel@V10.4.6", "mbedTLS": "pkg:github/mbed-tls/mbedtls@v2.28.1", "lwIP": "pkg:generic/lwip@2.1.3"} {
		edit(t, sbom, `"name": "`+name+`",`, `"name": "`+name+`", "purl": "`+purl+`",`)
	}

	code, stdout, stderr := run(t, "release", "check", dir, "--date", "2026-11-26")
	if code != cli.ExitFindings {
		t.Fatalf("before the evidence: exit %d, want %d\n%s%s", code, cli.ExitFindings, stdout, stderr)
	}
	if !strings.Contains(stdout, "BLOCKED: 1 reason") || !strings.Contains(stdout, "✘ R571-1") || !strings.Contains(stdout, "REQ-012") {
		t.Fatalf("before the evidence the gate must block on REQ-012 alone:\n%s", stdout)
	}
	for _, args := range importCI {
		if code, _, stderr := run(t, append(args, "--dir", dir)...); code != cli.ExitOK {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
	}
	code, stdout, stderr = run(t, "release", "check", dir, "--date", "2026-11-26")
	if code != cli.ExitOK || !strings.Contains(stdout, "PASS") {
		t.Fatalf("after the evidence: exit %d, want %d\n%s%s", code, cli.ExitOK, stdout, stderr)
	}
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s: no %q to replace", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEvidenceImportSeveral: one command imports several reports, each
// judged against the security file as the previous one left it, so the
// same report given twice is recorded once.
func TestEvidenceImportSeveral(t *testing.T) {
	t.Parallel()
	dir := pumpCopy(t)
	code, stdout, stderr := run(t, "evidence", "import", "--dir", dir, "--release", "2.4.0", "--executor", "r.costa",
		"--date", "2026-11-19", pumpCI+"/gateway-go-test.xml", pumpCI+"/gateway-gosec.sarif", pumpCI+"/gateway-go-test.xml")
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if strings.Count(stdout, "recorded in") != 2 || !strings.Contains(stdout, "gateway-go-test.xml: already imported") {
		t.Errorf("want two reports recorded and the repeated one skipped:\n%s", stdout)
	}
	if code, out, _ := run(t, "validate", dir); code != cli.ExitOK {
		t.Errorf("validate after importing: exit %d\n%s", code, out)
	}
}
