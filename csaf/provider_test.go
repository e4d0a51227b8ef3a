package csaf_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/csaf"
)

var signingTime = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// newKey makes an OpenPGP key for the test and returns its signer and its
// armored private key.
func newKey(t *testing.T, passphrase string) (*csaf.Signer, []byte) {
	t.Helper()
	cfg := &packet.Config{Algorithm: packet.PubKeyAlgoEdDSA, Time: func() time.Time { return signingTime.Add(-time.Hour) }}
	e, err := openpgp.NewEntity("Meridian PSIRT", "test key", "psirt@meridian-infusion.example", cfg)
	if err != nil {
		t.Fatal(err)
	}
	signer := csaf.NewSigner(e)
	if passphrase != "" {
		if err := e.EncryptPrivateKeys([]byte(passphrase), nil); err != nil {
			t.Fatal(err)
		}
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
	return signer, b.Bytes()
}

// pumpDocuments are the pump's advisories and VEX documents as files.
func pumpDocuments(t *testing.T) []csaf.ProviderDocument {
	t.Helper()
	src := loadSource(t, examples[0])
	var docs []*csaf.Advisory
	for _, a := range src.File.Advisories {
		d, err := csaf.SecurityAdvisory(src, a, csaf.Options{Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	for _, r := range src.File.Releases {
		d, _, err := csaf.VEX(src, r.Version, csaf.Options{Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	var out []csaf.ProviderDocument
	for _, d := range docs {
		var b bytes.Buffer
		if err := csaf.Write(&b, d); err != nil {
			t.Fatal(err)
		}
		out = append(out, csaf.ProviderDocument{Source: csaf.FileName(d.Document.Tracking.ID), Data: b.Bytes()})
	}
	return out
}

// TestProviderFolder builds the pump's provider folder and checks it the
// way a CSAF consumer would: the metadata against its schema, every file
// of index.txt and changes.csv, every digest and every signature.
func TestProviderFolder(t *testing.T) {
	t.Parallel()
	signer, _ := newKey(t, "")
	dir := filepath.Join(t.TempDir(), "csaf")
	docs := pumpDocuments(t)
	written, err := csaf.BuildProvider(dir, docs, csaf.ProviderOptions{
		CanonicalURL: "https://meridian-infusion.example/.well-known/csaf/provider-metadata.json",
		Signer:       signer, SigningTime: signingTime, Aggregators: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	read := func(rel string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	meta := read("provider-metadata.json")
	problems, err := csaf.ValidateProviderMetadata("provider-metadata.json", meta)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("provider-metadata.json: %s", p)
	}
	var m csaf.ProviderMetadata
	if err := json.Unmarshal(meta, &m); err != nil {
		t.Fatal(err)
	}
	if m.CanonicalURL != "https://meridian-infusion.example/.well-known/csaf/provider-metadata.json" ||
		len(m.Distributions) != 1 || m.Distributions[0].DirectoryURL != "https://meridian-infusion.example/.well-known/csaf/white/" ||
		m.Role != "csaf_provider" || m.Publisher.Name != "Meridian Infusion Systems GmbH" || m.LastUpdated != "2026-11-19T00:00:00.000Z" {
		t.Errorf("provider metadata = %+v", m)
	}
	if len(m.PublicOpenPGPKeys) != 1 || m.PublicOpenPGPKeys[0].Fingerprint != signer.Fingerprint() {
		t.Fatalf("public_openpgp_keys = %+v, want the signer's %s", m.PublicOpenPGPKeys, signer.Fingerprint())
	}
	publicKey := read("openpgp/" + signer.Fingerprint() + ".asc")
	if bytes.Contains(publicKey, []byte("PRIVATE KEY")) {
		t.Fatal("the published key file holds the private key")
	}

	index := strings.Fields(string(read("white/index.txt")))
	want := []string{"2026/infusion-pump-vex-2_3_0.json", "2026/infusion-pump-vex-2_4_0.json", "2026/mis-sa-2026-01.json", "2026/mis-sa-2026-02.json"}
	if !slices.Equal(index, want) {
		t.Errorf("index.txt = %q, want %q", index, want)
	}
	changes := string(read("white/changes.csv"))
	wantChanges := `"2026/infusion-pump-vex-2_4_0.json","2026-11-19T00:00:00.000Z"
"2026/infusion-pump-vex-2_3_0.json","2026-10-22T00:00:00.000Z"
"2026/mis-sa-2026-01.json","2026-10-22T00:00:00.000Z"
"2026/mis-sa-2026-02.json","2026-10-22T00:00:00.000Z"
`
	if changes != wantChanges {
		t.Errorf("changes.csv =\n%s\nwant\n%s", changes, wantChanges)
	}

	for _, rel := range index {
		doc := read("white/" + rel)
		name := filepath.Base(rel)
		if !slices.ContainsFunc(docs, func(d csaf.ProviderDocument) bool { return bytes.Equal(d.Data, doc) }) {
			t.Errorf("%s: not published byte for byte", rel)
		}
		s256 := sha256.Sum256(doc)
		s512 := sha512.Sum512(doc)
		if got, want := string(read("white/"+rel+".sha256")), hex.EncodeToString(s256[:])+"  "+name+"\n"; got != want {
			t.Errorf("%s.sha256 = %q, want %q", rel, got, want)
		}
		if got, want := string(read("white/"+rel+".sha512")), hex.EncodeToString(s512[:])+"  "+name+"\n"; got != want {
			t.Errorf("%s.sha512 = %q, want %q", rel, got, want)
		}
		sig := read("white/" + rel + ".asc")
		if err := csaf.VerifySignature(publicKey, doc, sig, signingTime.Add(time.Minute)); err != nil {
			t.Errorf("%s.asc: %v", rel, err)
		}
		// A changed document no longer matches its signature.
		if err := csaf.VerifySignature(publicKey, append(slices.Clone(doc), ' '), sig, signingTime.Add(time.Minute)); err == nil {
			t.Errorf("%s.asc verifies a changed document", rel)
		}
	}
	docsWritten := 0
	for _, f := range written {
		if f.Doc != "" {
			docsWritten++
		}
	}
	if docsWritten != len(docs) {
		t.Errorf("%d documents written, want %d", docsWritten, len(docs))
	}

	// Building again replaces the folder: nothing stale stays.
	if err := os.WriteFile(filepath.Join(dir, "white", "stale.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := csaf.BuildProvider(dir, docs[:1], csaf.ProviderOptions{CanonicalURL: "https://meridian-infusion.example/.well-known/csaf", Signer: signer, SigningTime: signingTime}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "white", "stale.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale file kept: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(read("white/index.txt")))
	n := 0
	for sc.Scan() {
		n++
	}
	if n != 1 {
		t.Errorf("index.txt lists %d documents after a rebuild with one", n)
	}
}

// TestProviderRefuses: invalid documents, TLP:AMBER, duplicates, a
// second publisher and a plain-http URL are refused, and the folder is
// not touched.
func TestProviderRefuses(t *testing.T) {
	t.Parallel()
	signer, _ := newKey(t, "")
	docs := pumpDocuments(t)
	opt := csaf.ProviderOptions{CanonicalURL: "https://meridian-infusion.example/.well-known/csaf/provider-metadata.json", Signer: signer, SigningTime: signingTime}
	amber := bytes.Replace(docs[0].Data, []byte(`"label": "WHITE"`), []byte(`"label": "AMBER"`), 1)
	other := bytes.Replace(docs[1].Data, []byte(`"name": "Meridian Infusion Systems GmbH"`), []byte(`"name": "Someone Else"`), 1)
	for _, tc := range []struct {
		name string
		docs []csaf.ProviderDocument
		opt  func(*csaf.ProviderOptions)
	}{
		{"invalid", []csaf.ProviderDocument{{Source: "bad.json", Data: []byte(`{"document": {}}`)}}, nil},
		{"amber", []csaf.ProviderDocument{{Source: "amber.json", Data: amber}}, nil},
		{"duplicate", []csaf.ProviderDocument{docs[0], docs[0]}, nil},
		{"publishers", []csaf.ProviderDocument{docs[0], {Source: "other.json", Data: other}}, nil},
		{"http", docs, func(o *csaf.ProviderOptions) { o.CanonicalURL = "http://meridian-infusion.example/.well-known/csaf" }},
		{"role", docs, func(o *csaf.ProviderOptions) { o.Role = "csaf_aggregator" }},
		{"no signer", docs, func(o *csaf.ProviderOptions) { o.Signer = nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "csaf")
			o := opt
			if tc.opt != nil {
				tc.opt(&o)
			}
			_, err := csaf.BuildProvider(dir, tc.docs, o)
			if ward.CodeOf(err) != ward.EInvalid {
				t.Errorf("err = %v, want EInvalid", err)
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("folder written despite the error: %v", err)
			}
		})
	}
}

func TestReadSigner(t *testing.T) {
	t.Parallel()
	want, plain := newKey(t, "")
	s, err := csaf.ReadSigner("key.asc", bytes.NewReader(plain), nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Fingerprint() != want.Fingerprint() {
		t.Errorf("fingerprint %s, want %s", s.Fingerprint(), want.Fingerprint())
	}
	_, encrypted := newKey(t, "correct horse")
	if _, err := csaf.ReadSigner("key.asc", bytes.NewReader(encrypted), nil); !errors.Is(err, csaf.ErrPassphrase) {
		t.Errorf("no passphrase: err = %v, want ErrPassphrase", err)
	}
	if _, err := csaf.ReadSigner("key.asc", bytes.NewReader(encrypted), []byte("wrong")); !errors.Is(err, csaf.ErrPassphrase) {
		t.Errorf("wrong passphrase: err = %v, want ErrPassphrase", err)
	}
	if _, err := csaf.ReadSigner("key.asc", bytes.NewReader(encrypted), []byte("correct horse")); err != nil {
		t.Errorf("right passphrase: %v", err)
	}
	var pub bytes.Buffer
	if err := want.WritePublicKey(&pub); err != nil {
		t.Fatal(err)
	}
	if _, err := csaf.ReadSigner("pub.asc", &pub, nil); ward.CodeOf(err) != ward.EInvalid {
		t.Errorf("public key only: err = %v, want EInvalid", err)
	}
}
