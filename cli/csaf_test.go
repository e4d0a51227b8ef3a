package cli_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"

	"github.com/wardhq/ward/cli"
	"github.com/wardhq/ward/csaf"
	"github.com/wardhq/ward/internal/testutil"
)

// runCSAFInto runs ward with --out set to a temporary folder and returns
// its exit code, its output with that folder written as OUT, and the
// documents written, by file name.
func runCSAFInto(t *testing.T, args ...string) (int, string, string, map[string][]byte) {
	t.Helper()
	out := t.TempDir()
	code, stdout, stderr := run(t, append(args, "--out", out)...)
	stdout = strings.ReplaceAll(stdout, filepath.ToSlash(out), "OUT")
	files := map[string][]byte{}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		files[e.Name()] = testutil.Read(t, filepath.Join(out, e.Name()))
	}
	return code, stdout, stderr, files
}

// TestCSAFDocuments writes the examples' advisories and VEX documents and
// compares each with its golden file; each must also pass validation.
func TestCSAFDocuments(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"pump_advisory", []string{"csaf", "advisory", "../examples/infusion-pump"}},
		{"pump_vex", []string{"csaf", "vex", "../examples/infusion-pump"}},
		{"pump_vex_dated", []string{"csaf", "vex", "../examples/infusion-pump", "--release", "2.4.0", "--date", "2026-11-26"}},
		{"pump_one_advisory", []string{"csaf", "advisory", "../examples/infusion-pump", "--vulnerability", "VUL-2026-004", "--date", "2026-11-26"}},
		{"care_planner_advisory", []string{"csaf", "advisory", "../examples/care-planner"}},
		{"care_planner_vex", []string{"csaf", "vex", "../examples/care-planner"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr, files := runCSAFInto(t, tc.args...)
			if code != cli.ExitOK {
				t.Fatalf("exit = %d, want 0\n%s", code, stderr)
			}
			testutil.Golden(t, ".txt", []byte(stdout))
			testutil.Golden(t, ".stderr", []byte(stderr))
			if len(files) == 0 {
				t.Fatal("no document written")
			}
			for name, data := range files {
				problems, err := csaf.Validate(name, data)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range problems {
					t.Errorf("%s", p)
				}
				t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
					testutil.Golden(t, ".json", data)
				})
			}
		})
	}
}

// TestCSAFErrors covers usage mistakes and what the data cannot give.
func TestCSAFErrors(t *testing.T) {
	t.Parallel()
	const pump = "../examples/infusion-pump"
	runCommandCases(t, []commandCase{
		{"no_subcommand", ".txt", []string{"csaf"}, cli.ExitUsage},
		{"advisory_without_out", ".txt", []string{"csaf", "advisory", pump}, cli.ExitUsage},
		{"vex_bad_date", ".txt", []string{"csaf", "vex", pump, "--out", os.DevNull, "--date", "26.11.2026"}, cli.ExitUsage},
		{"unknown_advisory", ".txt", []string{"csaf", "advisory", pump, "--out", os.DevNull, "--advisory", "MIS-SA-1999-99"}, cli.ExitError},
		{"vulnerability_without_advisory", ".txt", []string{"csaf", "advisory", pump, "--out", os.DevNull, "--vulnerability", "VUL-2026-003"}, cli.ExitError},
		{"unknown_release", ".txt", []string{"csaf", "vex", pump, "--out", os.DevNull, "--release", "9.9.9"}, cli.ExitError},
		{"validate_nothing", ".txt", []string{"csaf", "validate"}, cli.ExitUsage},
		{"provider_without_key", ".txt", []string{"csaf", "provider", "out", "--advisories", "x", "--canonical-url", "https://example.com/.well-known/csaf"}, cli.ExitUsage},
	})
}

// TestCSAFValidate validates the specification's own test documents: the
// valid one passes, the failing one is rejected with its test number.
func TestCSAFValidate(t *testing.T) {
	t.Parallel()
	const data = "../csaf/testdata/mandatory/"
	runCommandCases(t, []commandCase{
		{"valid", ".txt", []string{"csaf", "validate", data + "oasis_csaf_tc-csaf_2_0-2021-6-1-01-11.json"}, cli.ExitOK},
		{"invalid", ".txt", []string{"csaf", "validate",
			data + "oasis_csaf_tc-csaf_2_0-2021-6-1-01-11.json",
			data + "OASIS_CSAF_TC-CSAF_2_0-2021-6-1-01-01.json",
			data + "OASIS_CSAF_TC-CSAF_2_0-2021-6-1-10-01.json",
			data + "oasis_csaf_tc-csaf_2_0-2021-6-1-27-11-01.json"}, cli.ExitFindings},
		{"missing_file", ".txt", []string{"csaf", "validate", data + "no-such-file.json"}, cli.ExitError},
	})
}

// writeKey makes an OpenPGP key for the test, outside the repository, with
// the given mode.
func writeKey(t *testing.T, mode os.FileMode) (string, *csaf.Signer) {
	t.Helper()
	cfg := &packet.Config{Algorithm: packet.PubKeyAlgoEdDSA, Time: func() time.Time { return time.Now().Add(-time.Hour) }}
	e, err := openpgp.NewEntity("Meridian PSIRT", "test", "psirt@meridian-infusion.example", cfg)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w, err := armor.Encode(&b, openpgp.PrivateKeyType, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.SerializePrivateWithoutSigning(w, nil); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "csaf-signing.asc")
	if err := os.WriteFile(path, b.Bytes(), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path, csaf.NewSigner(e)
}

// TestCSAFProvider publishes the pump's documents as a provider folder and
// checks every digest and signature back with the published public key.
func TestCSAFProvider(t *testing.T) {
	t.Parallel()
	t.Run("pump", testCSAFProviderPump)
}

func testCSAFProviderPump(t *testing.T) {
	src := t.TempDir()
	for _, cmd := range []string{"advisory", "vex"} {
		if code, _, stderr := run(t, "csaf", cmd, "../examples/infusion-pump", "--out", src); code != cli.ExitOK {
			t.Fatalf("csaf %s: exit %d\n%s", cmd, code, stderr)
		}
	}
	key, signer := writeKey(t, 0o600)
	dir := filepath.Join(t.TempDir(), "csaf")
	code, stdout, stderr := run(t, "csaf", "provider", dir, "--advisories", src, "--key", key,
		"--canonical-url", "https://meridian-infusion.example/.well-known/csaf/provider-metadata.json")
	if code != cli.ExitOK {
		t.Fatalf("exit = %d\n%s", code, stderr)
	}
	stdout = strings.ReplaceAll(stdout, dir, "DIR")
	stdout = strings.ReplaceAll(stdout, signer.Fingerprint(), "FINGERPRINT")
	testutil.Golden(t, ".txt", []byte(stdout))
	testutil.Golden(t, ".index.txt", testutil.Read(t, filepath.Join(dir, "white", "index.txt")))
	testutil.Golden(t, ".changes.csv", testutil.Read(t, filepath.Join(dir, "white", "changes.csv")))

	meta := testutil.Read(t, filepath.Join(dir, "provider-metadata.json"))
	problems, err := csaf.ValidateProviderMetadata("provider-metadata.json", meta)
	if err != nil || len(problems) > 0 {
		t.Errorf("provider-metadata.json: %v %v", problems, err)
	}
	testutil.Golden(t, ".provider-metadata.json", bytes.ReplaceAll(meta, []byte(signer.Fingerprint()), []byte("FINGERPRINT")))
	pub := testutil.Read(t, filepath.Join(dir, "openpgp", signer.Fingerprint()+".asc"))
	for _, rel := range strings.Fields(string(testutil.Read(t, filepath.Join(dir, "white", "index.txt")))) {
		doc := testutil.Read(t, filepath.Join(dir, "white", rel))
		if !bytes.Equal(doc, testutil.Read(t, filepath.Join(src, filepath.Base(rel)))) {
			t.Errorf("%s differs from the document given", rel)
		}
		sum := sha256.Sum256(doc)
		if got := string(testutil.Read(t, filepath.Join(dir, "white", rel+".sha256"))); !strings.HasPrefix(got, hex.EncodeToString(sum[:])+"  ") {
			t.Errorf("%s.sha256 = %q", rel, got)
		}
		if err := csaf.VerifySignature(pub, doc, testutil.Read(t, filepath.Join(dir, "white", rel+".asc")), time.Now()); err != nil {
			t.Errorf("%s.asc: %v", rel, err)
		}
	}

	// A key that group or others may read is refused.
	loose, _ := writeKey(t, 0o644)
	code, _, stderr = run(t, "csaf", "provider", filepath.Join(t.TempDir(), "csaf"), "--advisories", src, "--key", loose,
		"--canonical-url", "https://meridian-infusion.example/.well-known/csaf/provider-metadata.json")
	if code != cli.ExitError || !strings.Contains(stderr, "chmod 600") {
		t.Errorf("loose key: exit %d, stderr %q", code, stderr)
	}
}
