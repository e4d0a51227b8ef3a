package csaf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"

	"github.com/wardhq/ward"
)

// ErrPassphrase is returned for an encrypted OpenPGP key without the right
// passphrase.
var ErrPassphrase = errors.New("the OpenPGP key is encrypted and the passphrase is missing or wrong")

// Signer is an OpenPGP private key that signs CSAF documents (requirement
// 19 of CSAF 2.0: a detached, ASCII-armored signature per document).
type Signer struct {
	entity *openpgp.Entity
}

// LoadSigner reads an armored OpenPGP private key (as `gpg --export-secret-keys
// --armor` writes it) from path; an encrypted key is unlocked with
// passphrase. The caller checks where the file lies and its permissions
// (signing.CheckKeyFile) first. It returns ErrPassphrase for an encrypted
// key that the passphrase does not unlock and EInvalid for a file that
// holds no usable private key.
func LoadSigner(path string, passphrase []byte) (*Signer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadSigner(path, io.LimitReader(f, 1<<20), passphrase)
}

// ReadSigner is LoadSigner for a key read from r; name is for messages.
func ReadSigner(name string, r io.Reader, passphrase []byte) (*Signer, error) {
	keys, err := openpgp.ReadArmoredKeyRing(r)
	if err != nil {
		return nil, ward.Errorf(ward.EInvalid, "key file %s: not an armored OpenPGP key: %v", name, err)
	}
	for _, e := range keys {
		if e.PrivateKey == nil {
			continue
		}
		if e.PrivateKey.Encrypted {
			if len(passphrase) == 0 {
				return nil, ErrPassphrase
			}
			if err := e.DecryptPrivateKeys(passphrase); err != nil {
				return nil, ErrPassphrase
			}
		}
		return &Signer{entity: e}, nil
	}
	return nil, ward.Errorf(ward.EInvalid, "key file %s holds no OpenPGP private key (export it with gpg --export-secret-keys --armor)", name)
}

// NewSigner wraps an OpenPGP entity with its private key, for tests and
// callers that hold the key in memory.
func NewSigner(e *openpgp.Entity) *Signer { return &Signer{entity: e} }

// Fingerprint is the primary key's fingerprint in upper-case hex, as
// provider-metadata.json names it.
func (s *Signer) Fingerprint() string {
	return strings.ToUpper(fmt.Sprintf("%x", s.entity.PrimaryKey.Fingerprint))
}

// WritePublicKey writes the armored public key (without any private part).
func (s *Signer) WritePublicKey(w io.Writer) error {
	aw, err := armor.Encode(w, openpgp.PublicKeyType, nil)
	if err != nil {
		return err
	}
	if err := s.entity.Serialize(aw); err != nil {
		return err
	}
	if err := aw.Close(); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

// Sign returns the armored detached signature of data, made at the given
// time (the signature's creation time: the caller's clock).
func (s *Signer) Sign(data []byte, at time.Time) ([]byte, error) {
	var b bytes.Buffer
	cfg := &packet.Config{Time: func() time.Time { return at }}
	if err := openpgp.ArmoredDetachSign(&b, s.entity, bytes.NewReader(data), cfg); err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	b.WriteString("\n")
	return b.Bytes(), nil
}

// VerifySignature checks an armored detached signature of data against
// the armored public key(s) in publicKey, as a consumer of the provider
// folder would.
func VerifySignature(publicKey, data, signature []byte, at time.Time) error {
	keys, err := openpgp.ReadArmoredKeyRing(bytes.NewReader(publicKey))
	if err != nil {
		return fmt.Errorf("read public key: %w", err)
	}
	cfg := &packet.Config{Time: func() time.Time { return at }}
	_, err = openpgp.CheckArmoredDetachedSignature(keys, bytes.NewReader(data), bytes.NewReader(signature), cfg)
	return err
}
