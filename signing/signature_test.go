package signing_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hiddeco/sshsig"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/signing"
	"golang.org/x/crypto/ssh"
)

// ed25519Key returns the ed25519 key made from a seed of n, for stable
// fingerprints across runs.
func ed25519Key(t *testing.T, n byte) ed25519.PrivateKey {
	t.Helper()
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{n}, ed25519.SeedSize))
}

func signerOf(t *testing.T, key crypto.Signer) ssh.Signer {
	t.Helper()
	s, err := ssh.NewSignerFromSigner(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// writeKey writes key as an OpenSSH private key file with mode 0600,
// encrypted when passphrase is not empty, and returns its path.
func writeKey(t *testing.T, dir string, key crypto.PrivateKey, passphrase string) string {
	t.Helper()
	var block *pem.Block
	var err error
	if passphrase == "" {
		block, err = ssh.MarshalPrivateKey(key, "test key")
	} else {
		block, err = ssh.MarshalPrivateKeyWithPassphrase(key, "test key", []byte(passphrase))
	}
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "key")
	if err := os.WriteFile(p, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const manifest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.bin\n"

func TestSignVerifyRoundTrip(t *testing.T) {
	t.Parallel()
	keys := map[string]crypto.Signer{"ed25519": ed25519Key(t, 1)}
	for name, curve := range map[string]elliptic.Curve{"p256": elliptic.P256(), "p384": elliptic.P384(), "p521": elliptic.P521()} {
		k, err := ecdsa.GenerateKey(curve, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		keys["ecdsa_"+name] = k
	}
	for name, key := range keys {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := signerOf(t, key)
			armored, err := signing.Sign([]byte(manifest), s)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(armored, []byte("-----BEGIN SSH SIGNATURE-----\n")) {
				t.Errorf("signature is not armored:\n%s", armored)
			}
			sig, err := signing.ParseSignature("a.sig", armored)
			if err != nil {
				t.Fatal(err)
			}
			if sig.Namespace != signing.Namespace || sig.HashAlgorithm != sshsig.HashSHA512 {
				t.Errorf("namespace, hash = %q, %q; want %q, sha512", sig.Namespace, sig.HashAlgorithm, signing.Namespace)
			}
			if err := signing.Verify([]byte(manifest), sig, s.PublicKey()); err != nil {
				t.Errorf("Verify: %v", err)
			}
		})
	}
}

// TestVerifyRejects: every way a signature can fail is ErrBadSignature.
func TestVerifyRejects(t *testing.T) {
	t.Parallel()
	s := signerOf(t, ed25519Key(t, 1))
	other := signerOf(t, ed25519Key(t, 2))
	good, err := signing.Sign([]byte(manifest), s)
	if err != nil {
		t.Fatal(err)
	}
	fileSig, err := sshsig.Sign(strings.NewReader(manifest), s, sshsig.HashSHA512, "file")
	if err != nil {
		t.Fatal(err)
	}
	changed := []byte(manifest)
	changed[0] = 'f'
	for _, tc := range []struct {
		name     string
		manifest []byte
		armored  []byte
		pub      ssh.PublicKey
	}{
		{"changed_manifest_byte", changed, good, s.PublicKey()},
		{"appended_line", []byte(manifest + manifest), good, s.PublicKey()},
		{"another_key", []byte(manifest), good, other.PublicKey()},
		{"another_namespace", []byte(manifest), sshsig.Armor(fileSig), s.PublicKey()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sig, err := signing.ParseSignature("a.sig", tc.armored)
			if err != nil {
				t.Fatal(err)
			}
			if err := signing.Verify(tc.manifest, sig, tc.pub); !errors.Is(err, signing.ErrBadSignature) {
				t.Errorf("Verify = %v, want ErrBadSignature", err)
			}
		})
	}
}

// TestVerifySSHKeygenSignatures checks signatures made by OpenSSH's
// ssh-keygen -Y sign: ward reads what the reference tool writes.
func TestVerifySSHKeygenSignatures(t *testing.T) {
	t.Parallel()
	msg := testutil.Read(t, "testdata/ssh-keygen/manifest.sha256")
	for _, tc := range []struct {
		sig, pub string
		bad      bool
	}{
		{"ed25519.sig", "ed25519.pub", false},
		{"ecdsa-p384.sig", "ecdsa-p384.pub", false},
		{"ed25519-namespace-file.sig", "ed25519.pub", true},
		{"ed25519.sig", "ecdsa-p384.pub", true},
	} {
		t.Run(tc.sig+"_"+tc.pub, func(t *testing.T) {
			t.Parallel()
			sig, err := signing.ParseSignature(tc.sig, testutil.Read(t, "testdata/ssh-keygen/"+tc.sig))
			if err != nil {
				t.Fatal(err)
			}
			pub, err := signing.ParsePublicKey(tc.pub, testutil.Read(t, "testdata/ssh-keygen/"+tc.pub))
			if err != nil {
				t.Fatal(err)
			}
			err = signing.Verify(msg, sig, pub)
			if tc.bad != (err != nil) || tc.bad && !errors.Is(err, signing.ErrBadSignature) {
				t.Errorf("Verify = %v, want bad signature: %v", err, tc.bad)
			}
			if !tc.bad {
				if err := signing.Verify(append([]byte{'#'}, msg...), sig, pub); !errors.Is(err, signing.ErrBadSignature) {
					t.Errorf("Verify of a changed message = %v, want ErrBadSignature", err)
				}
			}
		})
	}
}

func TestParseSignatureRejects(t *testing.T) {
	t.Parallel()
	good := testutil.Read(t, "testdata/ssh-keygen/ed25519.sig")
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaSig, err := sshsig.Sign(strings.NewReader(manifest), signerOf(t, rsaKey), sshsig.HashSHA512, signing.Namespace)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(good)
	for _, tc := range []struct {
		name string
		data []byte
		want string // position
	}{
		{"empty", nil, "s"},
		{"not_armored", []byte("U1NIU0lH\n"), "s"},
		{"text_before", append([]byte("signed by CI\n"), good...), "s:1"},
		{"text_after", append(bytes.Clone(good), "\ntrailer\n"...), "s:8"},
		{"no_end_line", good[:len(good)-30], "s:1"},
		{"pem_headers", pem.EncodeToMemory(&pem.Block{Type: "SSH SIGNATURE", Headers: map[string]string{"Key": "v"}, Bytes: block.Bytes}), "s:1"},
		{"truncated_blob", pem.EncodeToMemory(&pem.Block{Type: "SSH SIGNATURE", Bytes: block.Bytes[:40]}), "s:1"},
		{"trailing_bytes_in_blob", pem.EncodeToMemory(&pem.Block{Type: "SSH SIGNATURE", Bytes: append(bytes.Clone(block.Bytes), 0)}), "s:1"},
		{"rsa_key", sshsig.Armor(rsaSig), "s:1"},
		{"too_large", bytes.Repeat([]byte(" "), signing.MaxSignatureBytes+1), "s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := signing.ParseSignature("s", tc.data)
			var pes ward.PosErrors
			if !errors.As(err, &pes) || len(pes) != 1 {
				t.Fatalf("ParseSignature = %v, want one PosError", err)
			}
			if got := pes[0].Pos.String(); got != tc.want {
				t.Errorf("position = %s, want %s (%v)", got, tc.want, err)
			}
		})
	}
}

func TestParsePublicKey(t *testing.T) {
	t.Parallel()
	pub := ssh.MarshalAuthorizedKey(signerOf(t, ed25519Key(t, 1)).PublicKey())
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaPub := ssh.MarshalAuthorizedKey(signerOf(t, rsaKey).PublicKey())
	for _, ok := range []string{string(pub), "# release key\n\n" + strings.TrimSpace(string(pub)) + " ci@example\n"} {
		if _, err := signing.ParsePublicKey("k", []byte(ok)); err != nil {
			t.Errorf("ParsePublicKey(%q) = %v", ok, err)
		}
	}
	for _, tc := range []struct{ name, data, want string }{
		{"empty", "", "k"},
		{"comment_only", "# nothing\n", "k"},
		{"two_keys", string(pub) + string(pub), "k:2"},
		{"options", `restrict,command="x" ` + string(pub), "k:1"},
		{"garbage", "\nssh-ed25519 !!!\n", "k:2"},
		{"rsa", string(rsaPub), "k:1"},
	} {
		_, err := signing.ParsePublicKey("k", []byte(tc.data))
		var pes ward.PosErrors
		if !errors.As(err, &pes) || len(pes) != 1 {
			t.Errorf("%s: ParsePublicKey = %v, want one PosError", tc.name, err)
			continue
		}
		if got := pes[0].Pos.String(); got != tc.want {
			t.Errorf("%s: position = %s, want %s (%v)", tc.name, got, tc.want, err)
		}
	}
}

func TestLoadSigner(t *testing.T) {
	t.Parallel()
	key := ed25519Key(t, 1)
	want := signerOf(t, key).PublicKey()
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8File := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(pkcs8File, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}), 0o600); err != nil {
		t.Fatal(err)
	}

	t.Run("unencrypted", func(t *testing.T) {
		t.Parallel()
		s, err := signing.LoadSigner(writeKey(t, t.TempDir(), key, ""), nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(s.PublicKey().Marshal(), want.Marshal()) {
			t.Error("loaded another key")
		}
	})
	t.Run("ecdsa", func(t *testing.T) {
		t.Parallel()
		if _, err := signing.LoadSigner(writeKey(t, t.TempDir(), ecKey, ""), nil); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("encrypted", func(t *testing.T) {
		t.Parallel()
		p := writeKey(t, t.TempDir(), key, "correct horse")
		s, err := signing.LoadSigner(p, []byte("correct horse"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(s.PublicKey().Marshal(), want.Marshal()) {
			t.Error("loaded another key")
		}
		if _, err := signing.LoadSigner(p, nil); !errors.Is(err, signing.ErrPassphrase) {
			t.Errorf("without passphrase: %v, want ErrPassphrase", err)
		}
		if _, err := signing.LoadSigner(p, []byte("wrong")); ward.CodeOf(err) != ward.EInvalid {
			t.Errorf("wrong passphrase: %v, want EInvalid", err)
		}
	})
	for name, p := range map[string]string{
		"rsa":           writeKey(t, t.TempDir(), rsaKey, ""),
		"pkcs8":         pkcs8File,
		"public_key":    filepath.Join("testdata", "ssh-keygen", "ed25519.pub"),
		"not_a_key_pem": filepath.Join("testdata", "ssh-keygen", "ed25519.sig"),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := signing.LoadSigner(p, nil); ward.CodeOf(err) != ward.EInvalid {
				t.Errorf("LoadSigner = %v, want EInvalid", err)
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		t.Parallel()
		if _, err := signing.LoadSigner(filepath.Join(t.TempDir(), "absent"), nil); ward.CodeOf(err) != ward.ENotFound {
			t.Errorf("LoadSigner = %v, want ENotFound", err)
		}
	})
}

// FuzzParseSignature: every rejection is positioned; an accepted
// signature armors back to a signature that parses to the same value.
func FuzzParseSignature(f *testing.F) {
	f.Add(testutil.Read(f, "testdata/ssh-keygen/ed25519.sig"))
	f.Add(testutil.Read(f, "testdata/ssh-keygen/ecdsa-p384.sig"))
	f.Add([]byte("-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sig, err := signing.ParseSignature("s", data)
		if err != nil {
			var pes ward.PosErrors
			if !errors.As(err, &pes) || len(pes) == 0 {
				t.Fatalf("rejection without a position: %v", err)
			}
			return
		}
		again, err := signing.ParseSignature("s", sshsig.Armor(sig))
		if err != nil {
			t.Fatalf("accepted signature does not parse again: %v", err)
		}
		if !bytes.Equal(again.Marshal(), sig.Marshal()) {
			t.Fatal("accepted signature changes when written back")
		}
	})
}

// FuzzParsePublicKey: every rejection is positioned; an accepted key is
// one CheckKeyType accepts.
func FuzzParsePublicKey(f *testing.F) {
	f.Add(testutil.Read(f, "testdata/ssh-keygen/ed25519.pub"))
	f.Add(testutil.Read(f, "testdata/ssh-keygen/ecdsa-p384.pub"))
	f.Add([]byte("# key\nssh-ed25519 AAAA x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pub, err := signing.ParsePublicKey("k", data)
		if err != nil {
			var pes ward.PosErrors
			if !errors.As(err, &pes) || len(pes) == 0 {
				t.Fatalf("rejection without a position: %v", err)
			}
			return
		}
		if err := signing.CheckKeyType(pub); err != nil {
			t.Fatalf("accepted a key CheckKeyType refuses: %v", err)
		}
	})
}
