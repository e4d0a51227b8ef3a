package signing

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hiddeco/sshsig"
	"github.com/wardhq/ward"
	"golang.org/x/crypto/ssh"
)

// Namespace is the SSH signature namespace of ward's release manifests.
// A signature made for another purpose (git commits use "git", files
// "file") never verifies as a release signature, nor the other way round.
// Verify with: ssh-keygen -Y verify -n ward-release@wardhq …
const Namespace = "ward-release@wardhq"

// hashAlgorithm is the digest the signature covers; sha512 is what
// ssh-keygen -Y sign uses.
const hashAlgorithm = sshsig.HashSHA512

// Size limits of the small files this package reads: far above any real
// key or signature, far below what could hurt.
const (
	MaxSignatureBytes = 64 << 10
	MaxKeyFileBytes   = 64 << 10
)

var (
	// ErrBadSignature wraps every reason Verify rejects a well-formed
	// signature: another key, another namespace, or changed content.
	ErrBadSignature = errors.New("bad signature")
	// ErrPassphrase is returned by LoadSigner for an encrypted key when no
	// passphrase was given.
	ErrPassphrase = errors.New("the key file is encrypted and no passphrase was given")
)

// CheckKeyType accepts ed25519 and ECDSA (NIST P-256, P-384, P-521) keys:
// the key types with short, modern signatures that every OpenSSH since 6.5
// verifies. RSA, DSA, certificates and security-key (sk-) keys are refused
// with EInvalid.
func CheckKeyType(pub ssh.PublicKey) error {
	switch pub.Type() {
	case ssh.KeyAlgoED25519, ssh.KeyAlgoECDSA256, ssh.KeyAlgoECDSA384, ssh.KeyAlgoECDSA521:
		return nil
	}
	return ward.Errorf(ward.EInvalid, "%s keys are not accepted for release signing: use ed25519 (ssh-keygen -t ed25519) or ECDSA", pub.Type())
}

// Fingerprint returns the key's SHA-256 fingerprint as ssh-keygen -l
// prints it, with the key type: "ssh-ed25519 SHA256:…".
func Fingerprint(pub ssh.PublicKey) string {
	return pub.Type() + " " + ssh.FingerprintSHA256(pub)
}

// ParsePublicKey reads one public key in the authorized_keys form
// ("ssh-ed25519 AAAA… comment", as in a .pub file or the security file's
// signing_keys[].public_key). Blank lines and lines starting with # are
// skipped; exactly one key, without options, of a type CheckKeyType
// accepts. Problems come back as ward.PosErrors, positioned in name.
func ParsePublicKey(name string, data []byte) (ssh.PublicKey, error) {
	at := func(line int, format string, args ...any) error {
		return ward.PosErrors{{Pos: ward.Pos{File: name, Line: line}, Msg: fmt.Sprintf(format, args...)}}
	}
	if len(data) > MaxKeyFileBytes {
		return nil, at(0, "public key file larger than %d bytes", MaxKeyFileBytes)
	}
	var pub ssh.PublicKey
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if pub != nil {
			return nil, at(i+1, "a second key: give exactly one public key")
		}
		k, _, options, _, err := ssh.ParseAuthorizedKey([]byte(line))
		switch {
		case err != nil:
			return nil, at(i+1, "not a public key in authorized_keys form (want e.g. ssh-ed25519 AAAA…; 'ssh-keygen -y -f KEY' prints it)")
		case len(options) > 0:
			return nil, at(i+1, "authorized_keys options %q mean nothing here: give the key alone", strings.Join(options, ","))
		}
		if err := CheckKeyType(k); err != nil {
			return nil, at(i+1, "%v", err)
		}
		pub = k
	}
	if pub == nil {
		return nil, at(0, "no public key (want e.g. ssh-ed25519 AAAA…; 'ssh-keygen -y -f KEY' prints it)")
	}
	return pub, nil
}

// LoadSigner reads an OpenSSH private key file ("-----BEGIN OPENSSH
// PRIVATE KEY-----", as ssh-keygen writes it) holding an ed25519 or ECDSA
// key. An encrypted key needs passphrase; without one it returns an error
// wrapping ErrPassphrase. It does not judge where the file lies or who
// may read it: see CheckKeyFile.
func LoadSigner(path string, passphrase []byte) (ssh.Signer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, ward.Errorf(ward.ENotFound, "key file %s: %v", path, errors.Unwrap(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxKeyFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read key file %s: %w", path, err)
	}
	if len(data) > MaxKeyFileBytes {
		return nil, ward.Errorf(ward.EInvalid, "key file %s is larger than %d bytes: not a private key", path, MaxKeyFileBytes)
	}
	if block, _ := pem.Decode(data); block == nil || block.Type != "OPENSSH PRIVATE KEY" {
		return nil, ward.Errorf(ward.EInvalid, "%s is not an OpenSSH private key file (want '-----BEGIN OPENSSH PRIVATE KEY-----'; 'ssh-keygen -t ed25519 -f FILE' makes one)", path)
	}
	raw, err := ssh.ParseRawPrivateKey(data)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) {
		if len(passphrase) == 0 {
			return nil, fmt.Errorf("%s: %w", path, ErrPassphrase)
		}
		raw, err = ssh.ParseRawPrivateKeyWithPassphrase(data, passphrase)
		if errors.Is(err, x509.IncorrectPasswordError) {
			return nil, ward.Errorf(ward.EInvalid, "%s: wrong passphrase", path)
		}
	}
	if err != nil {
		return nil, ward.Errorf(ward.EInvalid, "%s: cannot read the private key: %v", path, err)
	}
	signer, err := ssh.NewSignerFromKey(raw)
	if err != nil {
		return nil, ward.Errorf(ward.EInvalid, "%s: %v", path, err)
	}
	if err := CheckKeyType(signer.PublicKey()); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return signer, nil
}

// Sign returns the armored SSH signature of manifest (namespace Namespace,
// hash sha512), the content of a .sig file ssh-keygen -Y verify accepts.
func Sign(manifest []byte, signer ssh.Signer) ([]byte, error) {
	if err := CheckKeyType(signer.PublicKey()); err != nil {
		return nil, err
	}
	sig, err := sshsig.Sign(bytes.NewReader(manifest), signer, hashAlgorithm, Namespace)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	return sshsig.Armor(sig), nil
}

// ParseSignature reads an armored SSH signature strictly: one "SSH
// SIGNATURE" PEM block without headers, only white space around it, a
// version-1 signature with hash sha256 or sha512 by a key CheckKeyType
// accepts. name is the file name used in positions; problems come back as
// ward.PosErrors.
func ParseSignature(name string, armored []byte) (*sshsig.Signature, error) {
	at := func(line int, format string, args ...any) error {
		return ward.PosErrors{{Pos: ward.Pos{File: name, Line: line}, Msg: fmt.Sprintf(format, args...)}}
	}
	if len(armored) > MaxSignatureBytes {
		return nil, at(0, "signature larger than %d bytes", MaxSignatureBytes)
	}
	const begin = "-----BEGIN " + sshsig.PEMType + "-----"
	start := bytes.Index(armored, []byte(begin))
	if start < 0 {
		return nil, at(0, "no %q line: not an armored SSH signature", begin)
	}
	line := 1 + bytes.Count(armored[:start], []byte("\n"))
	if len(bytes.TrimSpace(armored[:start])) > 0 {
		return nil, at(1, "text before %q", begin)
	}
	block, rest := pem.Decode(armored[start:])
	switch {
	case block == nil:
		return nil, at(line, "broken armor: want base64 lines between %q and its END line", begin)
	case block.Type != sshsig.PEMType:
		return nil, at(line, "PEM type %q, want %q", block.Type, sshsig.PEMType)
	case len(block.Headers) > 0:
		return nil, at(line, "PEM headers are not part of an SSH signature")
	case len(bytes.TrimSpace(rest)) > 0:
		junk := len(armored) - len(bytes.TrimLeft(rest, " \t\r\n"))
		return nil, at(1+bytes.Count(armored[:junk], []byte("\n")), "text after the END line")
	}
	sig, err := sshsig.ParseSignature(block.Bytes)
	if err != nil {
		return nil, at(line, "not an SSH signature: %v", err)
	}
	if err := CheckKeyType(sig.PublicKey); err != nil {
		return nil, at(line, "%v", err)
	}
	return sig, nil
}

// Verify checks that sig is a signature of manifest by pub in Namespace.
// A well-formed signature that does not verify returns an error wrapping
// ErrBadSignature that says why: another key made it, it is for another
// namespace, or the manifest (or signature) changed after signing.
func Verify(manifest []byte, sig *sshsig.Signature, pub ssh.PublicKey) error {
	if err := CheckKeyType(pub); err != nil {
		return err
	}
	if !bytes.Equal(sig.PublicKey.Marshal(), pub.Marshal()) {
		return fmt.Errorf("%w: made by key %s, not by %s", ErrBadSignature, Fingerprint(sig.PublicKey), Fingerprint(pub))
	}
	if sig.Namespace != Namespace {
		return fmt.Errorf("%w: made for namespace %q, not %q", ErrBadSignature, sig.Namespace, Namespace)
	}
	if err := sig.HashAlgorithm.Available(); err != nil {
		return fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	if err := sshsig.Verify(bytes.NewReader(manifest), sig, pub, sig.HashAlgorithm, Namespace); err != nil {
		return fmt.Errorf("%w: the signed bytes changed after signing, or the signature is damaged (%v)", ErrBadSignature, err)
	}
	return nil
}
