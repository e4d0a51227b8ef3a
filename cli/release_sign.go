package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/signing"
	"golang.org/x/crypto/ssh"
)

// keyPassphraseEnv names the variable that holds an encrypted key's
// passphrase: never a flag, which would show in the process list and the
// shell history.
const keyPassphraseEnv = "WARD_KEY_PASSPHRASE"

// runReleaseSign is `ward release sign [dir] --release V --artifacts DIR
// --key PATH [--key-id ID]` (5.8.3, 5.8.4): it writes the manifest
// ward-release-V.sha256 of the release's artifacts into DIR and its SSH
// signature ward-release-V.sha256.sig (formats: package signing). It
// refuses, saying what to fix, unless every artifact is in DIR with the
// digest the security file records, and the key is registered, current,
// the registered one, outside the repository and readable by its owner only.
func runReleaseSign(ctx context.Context, e *env, args []string) error {
	flags := newFlags(e, "release sign", "[dir] --release V --artifacts DIR --key PATH [--key-id ID]",
		"Write ward-release-V.sha256 (the sha256sum format) of release V's artifacts into DIR, and its SSH signature\n"+
			"ward-release-V.sha256.sig (namespace "+signing.Namespace+", as ssh-keygen -Y sign makes it).\n"+
			"Every artifact the security file lists must be in DIR with the SHA-256 it records. The key is an OpenSSH\n"+
			"ed25519 or ECDSA private key file outside the repository, mode 0600; its signing_keys: entry must be\n"+
			"current and hold its public_key. An encrypted key's passphrase is read from "+keyPassphraseEnv+".")
	version := flags.String("release", "", "version of the release to sign (required)")
	artifacts := flags.String("artifacts", "", "folder holding the release's files; the manifest and signature are written into it (required)")
	keyPath := flags.String("key", "", "OpenSSH private key file (required)")
	keyID := flags.String("key-id", "", "signing_keys: entry of the key (default: the signing_key the artifacts record)")
	dir, err := dirArg(flags, args)
	if err != nil {
		return err
	}
	switch {
	case *version == "":
		return usagef("release sign: --release is required")
	case *artifacts == "":
		return usagef("release sign: --artifacts is required (the folder holding the release's files)")
	case *keyPath == "":
		return usagef("release sign: --key is required (the OpenSSH private key file)")
	}
	sf, rel, err := releaseForSigning(dir, *version)
	if err != nil {
		return err
	}
	manifestName, err := signing.ManifestName(rel.Version)
	if err != nil {
		return err
	}
	if err := checkArtifactsFolder(*artifacts); err != nil {
		return err
	}

	// The registry decides first: it costs nothing and explains most refusals.
	recorded := artifactKeyIDs(rel)
	id := *keyID
	switch {
	case id != "":
		for _, a := range rel.Artifacts {
			if a.SigningKey != "" && a.SigningKey != id {
				return ward.Errorf(ward.EInvalid, "%s: artifact %s of release %s records signing_key %s, not %s: sign with --key-id %s, or correct the record",
					a.At, a.Name, rel.Version, a.SigningKey, id, a.SigningKey)
			}
		}
	case len(recorded) == 0:
		return usagef("release sign: the artifacts of release %s record no signing_key: give --key-id (and record it as their signing_key, so that 'ward release verify' finds it)", rel.Version)
	case len(recorded) > 1:
		return ward.Errorf(ward.EInvalid, "%s: the artifacts of release %s record several signing keys (%s); one manifest is signed with one key: record one for all", rel.At, rel.Version, strings.Join(recorded, ", "))
	default:
		id = recorded[0]
	}
	key, err := registeredSigningKey(sf, id)
	if err != nil {
		return err
	}
	today := ward.DateOf(e.now())
	if !key.Expires.IsZero() && today.After(key.Expires) {
		return ward.Errorf(ward.EInvalid, "%s: signing key %s expired on %s: sign with a current key (--key-id) recorded in signing_keys:, or renew the key and record its new expires date",
			key.At, key.ID, key.Expires)
	}
	if !key.Created.IsZero() && today.Before(key.Created) {
		return ward.Errorf(ward.EInvalid, "%s: signing key %s is created on %s, after today (%s): correct its created date", key.At, key.ID, key.Created, today)
	}
	registered, err := registeredPublicKey(key, "'ssh-keygen -y -f "+*keyPath+"' prints it")
	if err != nil {
		return err
	}

	if err := signing.CheckKeyFile(*keyPath, keyForbiddenTree(ctx, dir), *artifacts); err != nil {
		return err
	}
	signer, err := signing.LoadSigner(*keyPath, []byte(e.getenv(keyPassphraseEnv)))
	if errors.Is(err, signing.ErrPassphrase) {
		return fmt.Errorf("%w: set %s to its passphrase", err, keyPassphraseEnv)
	} else if err != nil {
		return err
	}
	if !bytes.Equal(signer.PublicKey().Marshal(), registered.Marshal()) {
		return ward.Errorf(ward.EInvalid, "%s: %s holds key %s, but signing key %s records public_key %s: give the key file of %s, or correct its public_key ('ssh-keygen -y -f %s' prints it)",
			key.At, *keyPath, signing.Fingerprint(signer.PublicKey()), key.ID, signing.Fingerprint(registered), key.ID, *keyPath)
	}
	if key.Storage != "" && key.Storage != "file" {
		fmt.Fprintf(e.stderr, "ward: note: signing key %s is recorded with storage: %s, but was read from a file: correct signing_keys: if that is where it lives now\n", key.ID, key.Storage)
	}

	m, err := artifactManifest(rel, *artifacts, manifestName)
	if err != nil {
		return err
	}
	manifest := m.Bytes()
	sig, err := signing.Sign(manifest, signer)
	if err != nil {
		return err
	}
	manifestPath := filepath.Join(*artifacts, manifestName)
	sigPath := filepath.Join(*artifacts, signing.SignatureName(manifestName))
	if err := writeSigningFile(manifestPath, manifest); err != nil {
		return err
	}
	if err := writeSigningFile(sigPath, sig); err != nil {
		return err
	}

	fmt.Fprintf(e.stdout, "signed release %s: %d file(s), key %s (%s)\n", rel.Version, len(m.Entries), key.ID, signing.Fingerprint(registered))
	fmt.Fprintf(e.stdout, "  %s\n  %s\n", manifestPath, sigPath)
	fmt.Fprintf(e.stdout, "check: ward release verify %s --release %s --artifacts %s\n", dir, rel.Version, *artifacts)
	fmt.Fprintf(e.stdout, "  or, in %s without ward: sha256sum -c %s && ssh-keygen -Y verify -f ALLOWED_SIGNERS -I %s -n %s -s %s < %s\n",
		*artifacts, manifestName, key.ID, signing.Namespace, signing.SignatureName(manifestName), manifestName)
	if len(recorded) == 0 {
		fmt.Fprintf(e.stderr, "ward: note: the artifacts of release %s record no signing_key: add 'signing_key: %s' so that 'ward release verify' finds the key\n", rel.Version, key.ID)
	}
	return nil
}

// runReleaseVerify is `ward release verify [dir] --release V --artifacts
// DIR [--public-key FILE]`: it checks the signature of the manifest with
// the release's registered key (or FILE), then every file the manifest
// lists, and that the manifest lists what the security file records. One
// line per file; files in DIR the manifest does not list are reported
// without failing. A failure is ErrGateFailed, after the report.
func runReleaseVerify(ctx context.Context, e *env, args []string) error {
	flags := newFlags(e, "release verify", "[dir] --release V --artifacts DIR [--public-key FILE]",
		"Check the SSH signature of ward-release-V.sha256 in DIR with the release's key from signing_keys: (or FILE),\n"+
			"then every file it lists. Prints ok, DIFFERS or MISSING per file, EXTRA for files it does not list (not a failure).\n"+
			"Exit 1 when the signature fails, a file differs or is missing, or the manifest and the security file disagree.")
	version := flags.String("release", "", "version of the release to verify (required)")
	artifacts := flags.String("artifacts", "", "folder holding the release's files, the manifest and its signature (required)")
	pubFile := flags.String("public-key", "", "public key file in authorized_keys form, instead of the registered public_key")
	dir, err := dirArg(flags, args)
	if err != nil {
		return err
	}
	switch {
	case *version == "":
		return usagef("release verify: --release is required")
	case *artifacts == "":
		return usagef("release verify: --artifacts is required (the folder holding the release's files)")
	}
	sf, rel, err := releaseForSigning(dir, *version)
	if err != nil {
		return err
	}
	manifestName, err := signing.ManifestName(rel.Version)
	if err != nil {
		return err
	}
	if err := checkArtifactsFolder(*artifacts); err != nil {
		return err
	}
	pub, signer, err := verificationKey(sf, rel, *pubFile)
	if err != nil {
		return err
	}

	w := e.stdout
	line := func(state, name, detail string) {
		if detail != "" {
			detail = ": " + detail
		}
		fmt.Fprintf(w, "%-8s %s%s\n", state, name, detail)
	}
	manifestPath := filepath.Join(*artifacts, manifestName)
	sigPath := filepath.Join(*artifacts, signing.SignatureName(manifestName))
	manifest, err1 := readSigningFile(manifestPath, signing.DefaultMaxManifestBytes)
	armored, err2 := readSigningFile(sigPath, signing.MaxSignatureBytes)
	if err1 != nil || err2 != nil {
		for _, f := range []struct {
			path string
			err  error
		}{{manifestPath, err1}, {sigPath, err2}} {
			if errors.Is(f.err, fs.ErrNotExist) {
				line("MISSING", f.path, "run 'ward release sign' first")
			} else if f.err != nil {
				return f.err
			}
		}
		fmt.Fprintf(w, "release %s: FAILED: nothing to verify\n", rel.Version)
		return ErrGateFailed
	}
	sig, err := signing.ParseSignature(sigPath, armored)
	if err == nil {
		err = signing.Verify(manifest, sig, pub)
	}
	if err != nil {
		line("FAILED", "signature", fmt.Sprintf("%s does not match its signature %s by %s (%s): %v", manifestPath, sigPath, signer, signing.Fingerprint(pub), err))
		fmt.Fprintf(w, "release %s: FAILED: the manifest %s is not signed by %s; none of its files is trusted\n", rel.Version, manifestPath, signer)
		return ErrGateFailed
	}
	line("ok", "signature", fmt.Sprintf("%s signed by %s (%s)", manifestPath, signer, signing.Fingerprint(pub)))
	m, err := signing.ParseManifest(manifestPath, manifest, signing.Limits{})
	if err != nil {
		return err
	}

	var ok, differ, missing, disagree, extra int
	for _, en := range m.Entries {
		got, err := signing.FileSHA256(filepath.Join(*artifacts, filepath.FromSlash(en.Path)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			missing++
			line("MISSING", en.Path, "")
		case err != nil:
			missing++
			line("MISSING", en.Path, err.Error())
		case got != en.SHA256:
			differ++
			line("DIFFERS", en.Path, fmt.Sprintf("sha256 %x, the signed manifest records %x", got, en.SHA256))
		default:
			ok++
			line("ok", en.Path, "")
		}
	}
	// The signed manifest and the security file must tell the same story:
	// a record changed after signing, or a manifest of another build, is
	// not this release.
	for _, a := range rel.Artifacts {
		en, listed := m.Lookup(a.Name)
		want, err := signing.ParseDigest(a.SHA256)
		switch {
		case !listed:
			disagree++
			line("UNSIGNED", a.Name, fmt.Sprintf("%s records it as an artifact of release %s; the signed manifest does not list it", a.At, rel.Version))
		case err != nil || want != en.SHA256:
			disagree++
			line("DIFFERS", a.Name, fmt.Sprintf("%s records sha256 %s, the signed manifest %x", a.At, a.SHA256, en.SHA256))
		}
	}
	for _, en := range m.Entries {
		if !slices.ContainsFunc(rel.Artifacts, func(a *ward.Artifact) bool { return a.Name == en.Path }) {
			disagree++
			line("UNLISTED", en.Path, fmt.Sprintf("in the signed manifest, not among the artifacts of release %s in %s", rel.Version, dir))
		}
	}
	extras, err := unlistedFiles(*artifacts, m, manifestName)
	if err != nil {
		return err
	}
	for _, p := range extras {
		extra++
		line("EXTRA", p, "not in the manifest (not checked)")
	}

	if differ+missing+disagree > 0 {
		fmt.Fprintf(w, "release %s: FAILED: %d of %d file(s) ok, %d differ, %d missing, %d disagree with the security file\n",
			rel.Version, ok, len(m.Entries), differ, missing, disagree)
		return ErrGateFailed
	}
	fmt.Fprintf(w, "release %s: ok: signature and %d file(s) verified", rel.Version, ok)
	if extra > 0 {
		fmt.Fprintf(w, "; %d extra file(s) not in the manifest", extra)
	}
	fmt.Fprintln(w)
	return nil
}

// releaseForSigning loads the security file in dir and returns the release
// version. A security file with problems is refused as gapReport refuses it.
func releaseForSigning(dir, version string) (*ward.SecurityFile, *ward.ReleaseRecord, error) {
	sf, problems, err := loadSecurityFile(dir)
	if err != nil {
		return nil, nil, err
	}
	if len(problems) > 0 {
		return nil, nil, fmt.Errorf("%w\nthe security file has %d problem(s): fix them first ('ward validate %s')", problems, len(problems), dir)
	}
	for _, r := range sf.Releases {
		if r.Version == version {
			return sf, r, nil
		}
	}
	return nil, nil, usagef("--release %s: no such release in %s", version, dir)
}

// artifactKeyIDs returns the distinct signing_key values of the release's
// artifacts, sorted.
func artifactKeyIDs(rel *ward.ReleaseRecord) []string {
	var ids []string
	for _, a := range rel.Artifacts {
		if a.SigningKey != "" && !slices.Contains(ids, a.SigningKey) {
			ids = append(ids, a.SigningKey)
		}
	}
	slices.Sort(ids)
	return ids
}

func registeredSigningKey(sf *ward.SecurityFile, id string) (*ward.SigningKey, error) {
	for _, k := range sf.SigningKeys {
		if k.ID == id {
			return k, nil
		}
	}
	return nil, ward.Errorf(ward.ENotFound, "signing key %s is not in signing_keys: record it there (id, purpose, storage, expires, public_key)", id)
}

// registeredPublicKey parses the key's public_key; hint says where to get
// one when it is missing.
func registeredPublicKey(k *ward.SigningKey, hint string) (ssh.PublicKey, error) {
	if strings.TrimSpace(k.PublicKey) == "" {
		return nil, ward.Errorf(ward.EInvalid, "%s: signing key %s has no public_key to check signatures with: add it in authorized_keys form (%s)", k.At, k.ID, hint)
	}
	pub, err := signing.ParsePublicKey("", []byte(k.PublicKey))
	if err != nil {
		// %v, not %w: the message must keep the record's position.
		return nil, ward.Errorf(ward.EInvalid, "%s: signing key %s: public_key: %v", k.At, k.ID, err)
	}
	return pub, nil
}

// verificationKey returns the key that must have signed the release's
// manifest and how to name it: the public key in file, else the
// registered public_key of the signing_key its artifacts record.
func verificationKey(sf *ward.SecurityFile, rel *ward.ReleaseRecord, file string) (ssh.PublicKey, string, error) {
	if file != "" {
		data, err := readSigningFile(file, signing.MaxKeyFileBytes)
		if err != nil {
			return nil, "", err
		}
		pub, err := signing.ParsePublicKey(file, data)
		return pub, "the key in " + file, err
	}
	ids := artifactKeyIDs(rel)
	switch len(ids) {
	case 0:
		return nil, "", usagef("release verify: the artifacts of release %s record no signing_key: record it, or give --public-key FILE", rel.Version)
	case 1:
	default:
		return nil, "", ward.Errorf(ward.EInvalid, "%s: the artifacts of release %s record several signing keys (%s): give --public-key FILE", rel.At, rel.Version, strings.Join(ids, ", "))
	}
	k, err := registeredSigningKey(sf, ids[0])
	if err != nil {
		return nil, "", err
	}
	pub, err := registeredPublicKey(k, "'ssh-keygen -y -f KEY' prints it; or give --public-key FILE")
	return pub, k.ID, err
}

// keyForbiddenTree returns the folder a private key must stay out of: the
// git work tree around dir, else (no git, or dir in no repository) the
// folder that holds dir, where the security file is versioned.
func keyForbiddenTree(ctx context.Context, dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	if gitPath, err := exec.LookPath("git"); err == nil {
		cmd := exec.CommandContext(ctx, gitPath, "-C", abs, "rev-parse", "--show-toplevel")
		if out, err := cmd.Output(); err == nil {
			if top := strings.TrimSpace(string(out)); top != "" {
				return top
			}
		}
	}
	return filepath.Dir(abs)
}

// artifactManifest checks every artifact of rel against the file in dir
// and returns their manifest. All problems are reported at once.
func artifactManifest(rel *ward.ReleaseRecord, dir, manifestName string) (*signing.Manifest, error) {
	var entries []signing.Entry
	var problems []string
	bad := func(a *ward.Artifact, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s: artifact %s: ", a.At, a.Name)+fmt.Sprintf(format, args...))
	}
	for _, a := range rel.Artifacts {
		if err := signing.CheckPath(a.Name); err != nil {
			bad(a, "%v (the name is the file's path in --artifacts)", err)
			continue
		}
		if a.Name == manifestName || a.Name == signing.SignatureName(manifestName) {
			bad(a, "ward writes this file itself: remove it from the artifacts")
			continue
		}
		want, err := signing.ParseDigest(a.SHA256)
		if err != nil {
			bad(a, "%v", err)
			continue
		}
		got, err := signing.FileSHA256(filepath.Join(dir, filepath.FromSlash(a.Name)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			bad(a, "missing from %s", dir)
			continue
		case err != nil:
			bad(a, "%v", err)
			continue
		case got != want:
			bad(a, "the file's SHA-256 is %x, the security file records %s: sign the build the record describes, or correct the record", got, a.SHA256)
			continue
		}
		entries = append(entries, signing.Entry{Path: a.Name, SHA256: got})
	}
	if len(problems) > 0 {
		return nil, ward.Errorf(ward.EInvalid, "release %s cannot be signed:\n  %s", rel.Version, strings.Join(problems, "\n  "))
	}
	return signing.NewManifest(entries)
}

// unlistedFiles returns the files below dir that m does not list, other
// than the manifest and its signature, as sorted "/"-separated paths.
func unlistedFiles(dir string, m *signing.Manifest, manifestName string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if _, listed := m.Lookup(rel); !listed && rel != manifestName && rel != signing.SignatureName(manifestName) {
			out = append(out, rel)
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

func checkArtifactsFolder(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case err != nil:
		return ward.Errorf(ward.ENotFound, "artifacts folder %s: %v", dir, errors.Unwrap(err))
	case !fi.IsDir():
		return ward.Errorf(ward.EInvalid, "%s is not a folder: --artifacts names the folder that holds the release's files", dir)
	}
	return nil
}

// readSigningFile reads a file of at most max bytes.
func readSigningFile(p string, max int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	if int64(len(data)) > max {
		return nil, ward.Errorf(ward.EInvalid, "%s is larger than %d bytes", p, max)
	}
	return data, nil
}

// writeSigningFile replaces p by data through a temporary file and a
// rename, so that a reader never sees half a manifest or signature.
func writeSigningFile(p string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(p), ".ward-release-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // after a successful rename there is nothing to remove
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", p, err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", p, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	return os.Rename(f.Name(), p)
}
