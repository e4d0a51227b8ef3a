package cli_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward/cli"
	"github.com/wardhq/ward/internal/testutil"
	"golang.org/x/crypto/ssh"
)

// releaseFixture is a product repository with a security file that
// records release 1.0.0 and its two artifacts in dist/, and a release key
// outside the repository:
//
//	repo/product/security/*.yaml   repo/dist/pump-fw-1.0.0.bin
//	repo/dist/docs/notes.txt       keys/release.key (0600)
//
// The keys come from fixed seeds, so fingerprints and signatures (ed25519
// is deterministic) are the same on every run and the goldens hold them.
type releaseFixture struct {
	repo, sec, dist, keys string
	key                   string // private key file of KEY-001
}

var releaseArtifacts = map[string]string{
	"pump-fw-1.0.0.bin": "firmware 1.0.0\n",
	"docs/notes.txt":    "release notes\n",
}

// releaseKey returns the ed25519 key of seed n: 1 is KEY-001, 2 KEY-002.
func releaseKey(n byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{n}, ed25519.SeedSize))
}

func authorizedKey(t *testing.T, k ed25519.PrivateKey) string {
	t.Helper()
	pub, err := ssh.NewPublicKey(k.Public())
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pub)))
}

// tempDir is t.TempDir with links resolved, so that the paths ward prints
// (git prints resolved ones) are the ones the test replaces.
func tempDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func newReleaseFixture(t *testing.T) *releaseFixture {
	t.Helper()
	f := &releaseFixture{repo: tempDir(t), keys: tempDir(t)}
	f.sec = filepath.Join(f.repo, "product", "security")
	f.dist = filepath.Join(f.repo, "dist")
	if _, err := exec.LookPath("git"); err == nil {
		releaseGit(t, f.repo, "init", "-q")
	}
	writeTestFile(t, filepath.Join(f.sec, "product.yaml"), `product:
  id: pump
  name: Pump
  manufacturer: Example Medical
  intended_use: Test fixture for release signing.
  kind: medical_device
  markets: [EU]
  regulations: [mdr]
`)
	var artifacts strings.Builder
	for _, name := range []string{"pump-fw-1.0.0.bin", "docs/notes.txt"} {
		writeTestFile(t, filepath.Join(f.dist, filepath.FromSlash(name)), releaseArtifacts[name])
		fmt.Fprintf(&artifacts, "      - name: %s\n        sha256: %x\n        signing_key: KEY-001\n", name, sha256.Sum256([]byte(releaseArtifacts[name])))
	}
	writeTestFile(t, filepath.Join(f.sec, "releases.yaml"), `releases:
  - version: 1.0.0
    date: 2026-03-02
    commit: 1111111111111111111111111111111111111111
    artifacts:
`+artifacts.String())
	f.writeSigningKeys(t, "2099-12-31", authorizedKey(t, releaseKey(1)))
	f.key = writeKeyFile(t, filepath.Join(f.keys, "release.key"), releaseKey(1), "", 0o600)
	return f
}

// writeSigningKeys writes the registry: KEY-001 with the given expiry and
// public key, and a current KEY-002.
func (f *releaseFixture) writeSigningKeys(t *testing.T, expires, publicKey string) {
	t.Helper()
	writeTestFile(t, filepath.Join(f.sec, "organization.yaml"), fmt.Sprintf(`signing_keys:
  - id: KEY-001
    purpose: Signs release manifests
    storage: file
    created: 2020-01-01
    expires: %s
    public_key: %s
  - id: KEY-002
    purpose: Signs update packages
    storage: file
    expires: 2099-12-31
    public_key: %s
`, expires, publicKey, authorizedKey(t, releaseKey(2))))
}

// dropArtifactKeys removes signing_key from the release's artifacts.
func (f *releaseFixture) dropArtifactKeys(t *testing.T) {
	t.Helper()
	p := filepath.Join(f.sec, "releases.yaml")
	writeTestFile(t, p, strings.ReplaceAll(string(testutil.Read(t, p)), "        signing_key: KEY-001\n", ""))
}

// clean replaces the fixture's temporary folders by placeholders.
func (f *releaseFixture) clean(s string) string {
	return strings.NewReplacer(f.repo, "$REPO", f.keys, "$KEYS").Replace(s)
}

func (f *releaseFixture) sign(t *testing.T, extra ...string) (int, string, string) {
	t.Helper()
	code, stdout, stderr := run(t, append([]string{"release", "sign", f.sec, "--release", "1.0.0", "--artifacts", f.dist, "--key", f.key}, extra...)...)
	return code, f.clean(stdout), f.clean(stderr)
}

func (f *releaseFixture) verify(t *testing.T, extra ...string) (int, string, string) {
	t.Helper()
	code, stdout, stderr := run(t, append([]string{"release", "verify", f.sec, "--release", "1.0.0", "--artifacts", f.dist}, extra...)...)
	return code, f.clean(stdout), f.clean(stderr)
}

func writeTestFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeKeyFile writes k as an OpenSSH private key file, encrypted when
// passphrase is set, with the given mode (set after the umask).
func writeKeyFile(t *testing.T, p string, k ed25519.PrivateKey, passphrase string, mode os.FileMode) string {
	t.Helper()
	var block *pem.Block
	var err error
	if passphrase == "" {
		block, err = ssh.MarshalPrivateKey(k, "release key")
	} else {
		block, err = ssh.MarshalPrivateKeyWithPassphrase(k, "release key", []byte(passphrase))
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, pem.EncodeToMemory(block), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

func releaseGit(t *testing.T, repo string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must run the release signing tests with git installed")
		}
		t.Skip("git is not installed: the work-tree rule cannot be tested")
	}
}

// TestReleaseSign runs `ward release sign` on a fresh fixture per case:
// one that signs, and one per refusal, each saying what to fix.
func TestReleaseSign(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		prepare func(t *testing.T, f *releaseFixture) []string // extra arguments
		exit    int
	}{
		{"signs", nil, cli.ExitOK},
		{"key_inside_work_tree", func(t *testing.T, f *releaseFixture) []string {
			needGit(t)
			// Above the security folder's parent: only git knows it is in the repository.
			f.key = writeKeyFile(t, filepath.Join(f.repo, "release.key"), releaseKey(1), "", 0o600)
			return nil
		}, cli.ExitError},
		{"key_inside_artifacts", func(t *testing.T, f *releaseFixture) []string {
			f.dist = filepath.Join(f.keys, "dist")
			for name, content := range releaseArtifacts {
				writeTestFile(t, filepath.Join(f.dist, filepath.FromSlash(name)), content)
			}
			f.key = writeKeyFile(t, filepath.Join(f.dist, "release.key"), releaseKey(1), "", 0o600)
			return nil
		}, cli.ExitError},
		{"key_mode_0644", func(t *testing.T, f *releaseFixture) []string {
			if err := os.Chmod(f.key, 0o644); err != nil {
				t.Fatal(err)
			}
			return nil
		}, cli.ExitError},
		{"key_expired", func(t *testing.T, f *releaseFixture) []string {
			f.writeSigningKeys(t, "2020-12-31", authorizedKey(t, releaseKey(1)))
			return nil
		}, cli.ExitError},
		{"public_key_mismatch", func(t *testing.T, f *releaseFixture) []string {
			f.writeSigningKeys(t, "2099-12-31", authorizedKey(t, releaseKey(3)))
			return nil
		}, cli.ExitError},
		{"public_key_missing", func(t *testing.T, f *releaseFixture) []string {
			f.writeSigningKeys(t, "2099-12-31", `""`)
			return nil
		}, cli.ExitError},
		{"key_id_when_record_names_none", func(t *testing.T, f *releaseFixture) []string {
			f.dropArtifactKeys(t)
			return []string{"--key-id", "KEY-001"}
		}, cli.ExitOK},
		{"no_key_id_when_record_names_none", func(t *testing.T, f *releaseFixture) []string {
			f.dropArtifactKeys(t)
			return nil
		}, cli.ExitUsage},
		{"key_id_not_registered", func(t *testing.T, f *releaseFixture) []string {
			f.dropArtifactKeys(t)
			return []string{"--key-id", "KEY-999"}
		}, cli.ExitError},
		{"key_id_contradicts_record", func(t *testing.T, f *releaseFixture) []string {
			return []string{"--key-id", "KEY-002"}
		}, cli.ExitError},
		{"artifact_digest_differs", func(t *testing.T, f *releaseFixture) []string {
			writeTestFile(t, filepath.Join(f.dist, "pump-fw-1.0.0.bin"), "firmware 1.0.0 patched\n")
			return nil
		}, cli.ExitError},
		{"artifact_missing", func(t *testing.T, f *releaseFixture) []string {
			if err := os.Remove(filepath.Join(f.dist, "docs", "notes.txt")); err != nil {
				t.Fatal(err)
			}
			return nil
		}, cli.ExitError},
		{"encrypted_key_without_passphrase", func(t *testing.T, f *releaseFixture) []string {
			f.key = writeKeyFile(t, f.key, releaseKey(1), "correct horse", 0o600)
			return nil
		}, cli.ExitError},
		{"security_file_with_problems", func(t *testing.T, f *releaseFixture) []string {
			writeTestFile(t, filepath.Join(f.sec, "broken.yaml"), "releases:\n  - version: 2.0.0\n")
			return nil
		}, cli.ExitError},
		{"unknown_release", func(t *testing.T, f *releaseFixture) []string {
			return []string{"--release", "9.9.9"}
		}, cli.ExitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newReleaseFixture(t)
			var extra []string
			if tc.prepare != nil {
				extra = tc.prepare(t, f)
			}
			code, stdout, stderr := f.sign(t, extra...)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.exit, stdout, stderr)
			}
			if tc.exit != cli.ExitOK {
				if _, err := os.Stat(filepath.Join(f.dist, "ward-release-1.0.0.sha256.sig")); err == nil {
					t.Error("a refused signing wrote a signature")
				}
			}
			testutil.Golden(t, ".txt", []byte(stdout))
			testutil.Golden(t, ".stderr", []byte(stderr))
		})
	}
}

// TestReleaseSignUsage: the required flags are usage errors.
func TestReleaseSignUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"release", "sign", "--artifacts", "dist", "--key", "k"},
		{"release", "sign", "--release", "1.0.0", "--key", "k"},
		{"release", "sign", "--release", "1.0.0", "--artifacts", "dist"},
		{"release", "verify", "--artifacts", "dist"},
		{"release", "verify", "--release", "1.0.0"},
		{"release", "verify", "a", "b", "--release", "1.0.0", "--artifacts", "dist"},
	} {
		if code, _, stderr := run(t, args...); code != cli.ExitUsage {
			t.Errorf("%v: exit = %d, want %d\n%s", args, code, cli.ExitUsage, stderr)
		}
	}
}

// TestReleaseSignEncryptedKey reads the passphrase from the environment
// (not parallel: it sets WARD_KEY_PASSPHRASE).
func TestReleaseSignEncryptedKey(t *testing.T) {
	f := newReleaseFixture(t)
	f.key = writeKeyFile(t, f.key, releaseKey(1), "correct horse", 0o600)
	t.Setenv("WARD_KEY_PASSPHRASE", "wrong")
	if code, _, stderr := f.sign(t); code != cli.ExitError || !strings.Contains(stderr, "wrong passphrase") {
		t.Errorf("wrong passphrase: exit %d, want %d\n%s", code, cli.ExitError, stderr)
	}
	t.Setenv("WARD_KEY_PASSPHRASE", "correct horse")
	if code, _, stderr := f.sign(t); code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if code, stdout, _ := f.verify(t); code != cli.ExitOK {
		t.Errorf("verify after signing with an encrypted key: exit %d\n%s", code, stdout)
	}
}

// TestReleaseSignWithoutGit: outside a git repository the folder that
// holds the security file stands for the work tree.
func TestReleaseSignWithoutGit(t *testing.T) {
	t.Parallel()
	base := tempDir(t)
	f := newReleaseFixture(t)
	// A copy of the security file in a folder that is no repository.
	sec := filepath.Join(base, "security")
	for _, name := range []string{"product.yaml", "releases.yaml", "organization.yaml"} {
		writeTestFile(t, filepath.Join(sec, name), string(testutil.Read(t, filepath.Join(f.sec, name))))
	}
	key := writeKeyFile(t, filepath.Join(base, "keys", "release.key"), releaseKey(1), "", 0o600)
	code, _, stderr := run(t, "release", "sign", sec, "--release", "1.0.0", "--artifacts", f.dist, "--key", key)
	if code != cli.ExitError || !strings.Contains(stderr, "lies inside "+base) {
		t.Errorf("key beside the security folder: exit %d, want %d and the folder named\n%s", code, cli.ExitError, stderr)
	}
	code, _, stderr = run(t, "release", "sign", sec, "--release", "1.0.0", "--artifacts", f.dist, "--key", f.key)
	if code != cli.ExitOK {
		t.Errorf("key elsewhere: exit %d\n%s", code, stderr)
	}
}

// TestReleaseVerify signs a fresh fixture, changes one thing per case and
// verifies: the report names what changed and the exit code fails the gate.
func TestReleaseVerify(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, f *releaseFixture) []string // extra arguments
		exit   int
	}{
		{"round_trip", nil, cli.ExitOK},
		{"extra_file_reported", func(t *testing.T, f *releaseFixture) []string {
			writeTestFile(t, filepath.Join(f.dist, "docs", "draft.txt"), "not shipped\n")
			return nil
		}, cli.ExitOK},
		{"public_key_file", func(t *testing.T, f *releaseFixture) []string {
			p := filepath.Join(f.keys, "release.pub")
			writeTestFile(t, p, authorizedKey(t, releaseKey(1))+" release key\n")
			return []string{"--public-key", p}
		}, cli.ExitOK},
		{"public_key_file_of_another_key", func(t *testing.T, f *releaseFixture) []string {
			p := filepath.Join(f.keys, "other.pub")
			writeTestFile(t, p, authorizedKey(t, releaseKey(2))+"\n")
			return []string{"--public-key", p}
		}, cli.ExitFindings},
		{"artifact_byte_changed", func(t *testing.T, f *releaseFixture) []string {
			flipLastByte(t, filepath.Join(f.dist, "pump-fw-1.0.0.bin"))
			return nil
		}, cli.ExitFindings},
		{"manifest_byte_changed", func(t *testing.T, f *releaseFixture) []string {
			flipLastByte(t, filepath.Join(f.dist, "ward-release-1.0.0.sha256"))
			return nil
		}, cli.ExitFindings},
		{"signature_byte_changed", func(t *testing.T, f *releaseFixture) []string {
			p := filepath.Join(f.dist, "ward-release-1.0.0.sha256.sig")
			sig := testutil.Read(t, p)
			i := bytes.Index(sig, []byte("\n-----END")) - 3 // inside the signature bytes at the end of the blob
			sig[i] = map[bool]byte{true: 'B', false: 'A'}[sig[i] == 'A']
			writeTestFile(t, p, string(sig))
			return nil
		}, cli.ExitFindings},
		{"artifact_missing", func(t *testing.T, f *releaseFixture) []string {
			if err := os.Remove(filepath.Join(f.dist, "docs", "notes.txt")); err != nil {
				t.Fatal(err)
			}
			return nil
		}, cli.ExitFindings},
		{"signature_missing", func(t *testing.T, f *releaseFixture) []string {
			if err := os.Remove(filepath.Join(f.dist, "ward-release-1.0.0.sha256.sig")); err != nil {
				t.Fatal(err)
			}
			return nil
		}, cli.ExitFindings},
		{"record_changed_after_signing", func(t *testing.T, f *releaseFixture) []string {
			writeTestFile(t, filepath.Join(f.dist, "pump-fw-1.0.0.sig"), "late addition\n")
			rel := filepath.Join(f.sec, "releases.yaml")
			writeTestFile(t, rel, string(testutil.Read(t, rel))+fmt.Sprintf("      - name: pump-fw-1.0.0.sig\n        sha256: %x\n        signing_key: KEY-001\n", sha256.Sum256([]byte("late addition\n"))))
			return nil
		}, cli.ExitFindings},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newReleaseFixture(t)
			if code, stdout, stderr := f.sign(t); code != cli.ExitOK {
				t.Fatalf("sign: exit %d\n%s%s", code, stdout, stderr)
			}
			var extra []string
			if tc.change != nil {
				extra = tc.change(t, f)
			}
			code, stdout, stderr := f.verify(t, extra...)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.exit, stdout, stderr)
			}
			testutil.Golden(t, ".txt", []byte(stdout))
			testutil.Golden(t, ".stderr", []byte(stderr))
		})
	}
}

func flipLastByte(t *testing.T, p string) {
	t.Helper()
	b := testutil.Read(t, p)
	b[len(b)-2] ^= 0x01 // before the final newline
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReleaseSignInterop checks ward's files with the reference tools:
// OpenSSH's ssh-keygen -Y verify for the signature, with an allowed
// signers file restricted to ward's namespace, and GNU sha256sum -c for
// the manifest.
func TestReleaseSignInterop(t *testing.T) {
	t.Parallel()
	f := newReleaseFixture(t)
	if code, stdout, stderr := f.sign(t); code != cli.ExitOK {
		t.Fatalf("sign: exit %d\n%s%s", code, stdout, stderr)
	}
	manifest := filepath.Join(f.dist, "ward-release-1.0.0.sha256")

	t.Run("ssh-keygen", func(t *testing.T) {
		t.Parallel()
		if _, err := exec.LookPath("ssh-keygen"); err != nil {
			t.Skip("ssh-keygen (OpenSSH) is not installed: the interoperability check needs it")
		}
		signers := filepath.Join(f.keys, "allowed_signers")
		writeTestFile(t, signers, `KEY-001 namespaces="ward-release@wardhq" `+authorizedKey(t, releaseKey(1))+"\n")
		verify := func(namespace string, message []byte) ([]byte, error) {
			cmd := exec.Command("ssh-keygen", "-Y", "verify", "-f", signers, "-I", "KEY-001", "-n", namespace, "-s", manifest+".sig")
			cmd.Stdin = bytes.NewReader(message)
			return cmd.CombinedOutput()
		}
		good := testutil.Read(t, manifest)
		if out, err := verify("ward-release@wardhq", good); err != nil {
			t.Errorf("ssh-keygen -Y verify: %v\n%s", err, out)
		}
		changed := bytes.Clone(good)
		changed[0] ^= 0x01
		if out, err := verify("ward-release@wardhq", changed); err == nil {
			t.Errorf("ssh-keygen -Y verify accepted a changed manifest\n%s", out)
		}
		if out, err := verify("file", good); err == nil {
			t.Errorf("ssh-keygen -Y verify accepted the signature for namespace file\n%s", out)
		}
	})
	t.Run("sha256sum", func(t *testing.T) {
		t.Parallel()
		if _, err := exec.LookPath("sha256sum"); err != nil {
			t.Skip("sha256sum (GNU coreutils) is not installed: the manifest format check needs it")
		}
		cmd := exec.Command("sha256sum", "--strict", "-c", filepath.Base(manifest))
		cmd.Dir = f.dist
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, out)
		}
	})
}
