package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward/cli"
	"github.com/wardhq/ward/internal/testutil"
)

// fixture is a file of testdata/TestSBOMFixtures (see ATTRIBUTION.md there).
func fixture(name string) string { return "testdata/TestSBOMFixtures/" + name }

func TestSBOM(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		exit  int
	}{
		{name: "validate_valid_json", args: []string{"validate", fixture("valid-bom-1.5.json")}, exit: cli.ExitOK},
		{name: "validate_valid_xml", args: []string{"validate", fixture("valid-bom-1.5.xml")}, exit: cli.ExitOK},
		{name: "validate_spdx_tag_value", args: []string{"validate", fixture("example6-lib.spdx")}, exit: cli.ExitOK},
		{name: "validate_invalid_hash", args: []string{"validate", fixture("invalid-hash-md5-1.5.json")}, exit: cli.ExitFindings},
		{name: "validate_many_one_invalid", args: []string{"validate", fixture("valid-dependency-1.4.json"), fixture("invalid-hash-md5-1.5.json")}, exit: cli.ExitFindings},
		{name: "validate_json", args: []string{"validate", "--format", "json", fixture("invalid-hash-md5-1.5.json")}, exit: cli.ExitFindings},
		{name: "validate_syntax_error", args: []string{"validate", fixture("broken.json")}, exit: cli.ExitFindings},
		{name: "validate_stdin", args: []string{"validate", "-"}, stdin: `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1}`, exit: cli.ExitOK},
		{name: "validate_unsupported_version", args: []string{"validate", "-"}, stdin: `{"bomFormat":"CycloneDX","specVersion":"1.1"}`, exit: cli.ExitError},
		{name: "validate_unknown_format", args: []string{"validate", fixture("unknown.txt")}, exit: cli.ExitError},
		{name: "validate_missing_file", args: []string{"validate", fixture("no-such-file.json")}, exit: cli.ExitError},
		{name: "validate_no_file", args: []string{"validate"}, exit: cli.ExitUsage},
		{name: "validate_bad_format_flag", args: []string{"validate", "--format", "xml", fixture("valid-bom-1.5.json")}, exit: cli.ExitUsage},
		{name: "ntia_gaps", args: []string{"ntia", fixture("valid-dependency-1.4.json")}, exit: cli.ExitFindings},
		{name: "ntia_complete_spdx_json", args: []string{"ntia", "--format", "json", fixture("03-SBOMwDependency.json")}, exit: cli.ExitOK},
		{name: "diff_text", args: []string{"diff", fixture("proton-bridge-v1.6.3.bom.json"), fixture("proton-bridge-v1.8.0.bom.json")}, exit: cli.ExitOK},
		{name: "diff_json", args: []string{"diff", "--format", "json", fixture("proton-bridge-v1.6.3.bom.json"), fixture("proton-bridge-v1.8.0.bom.json")}, exit: cli.ExitOK},
		{name: "diff_json_vs_xml", args: []string{"diff", fixture("valid-bom-1.5.json"), fixture("valid-bom-1.5.xml")}, exit: cli.ExitOK},
		{name: "diff_one_file", args: []string{"diff", fixture("valid-bom-1.5.json")}, exit: cli.ExitUsage},
		{name: "diff_unreadable", args: []string{"diff", fixture("broken.json"), fixture("valid-bom-1.5.json")}, exit: cli.ExitError},
		{name: "convert_to_cyclonedx", args: []string{"convert", fixture("03-SBOMwDependency.json"), "--to", "cyclonedx"}, exit: cli.ExitOK},
		{name: "convert_to_spdx", args: []string{"convert", "--to", "spdx", fixture("valid-dependency-1.4.json")}, exit: cli.ExitOK},
		{name: "convert_no_to", args: []string{"convert", fixture("valid-bom-1.5.json")}, exit: cli.ExitUsage},
		{name: "convert_bad_to", args: []string{"convert", "--to", "swid", fixture("valid-bom-1.5.json")}, exit: cli.ExitUsage},
		{name: "no_subcommand", args: nil, exit: cli.ExitUsage},
		{name: "unknown_subcommand", args: []string{"merge"}, exit: cli.ExitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runSBOMCommand(tc.stdin, append([]string{"sbom"}, tc.args...)...)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d\nstderr:\n%s", code, tc.exit, stderr)
			}
			testutil.Golden(t, ".stdout", []byte(stdout))
			testutil.Golden(t, ".stderr", []byte(stderr))
		})
	}
}

// TestSBOMConvertOutputFile checks that -o writes the same document as
// stdout, and that it validates.
func TestSBOMConvertOutputFile(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out.spdx.json")
	code, stdout, stderr := runSBOMCommand("", "sbom", "convert", fixture("proton-bridge-v1.8.0.bom.json"), "--to", "spdx", "-o", out)
	if code != cli.ExitOK || stdout != "" {
		t.Fatalf("exit = %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	_, direct, _ := runSBOMCommand("", "sbom", "convert", fixture("proton-bridge-v1.8.0.bom.json"), "--to", "spdx")
	if string(written) != direct {
		t.Errorf("-o output differs from stdout output")
	}
	if code, stdout, _ := runSBOMCommand("", "sbom", "validate", out); code != cli.ExitOK {
		t.Errorf("converted output does not validate:\n%s", stdout)
	}
}

func runSBOMCommand(stdin string, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}
