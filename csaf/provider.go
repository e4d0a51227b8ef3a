package csaf

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/jsonpos"
)

// A provider folder is what CSAF 2.0 section 7 asks a CSAF provider to
// serve under https://<domain>/.well-known/csaf/, laid out by
// BuildProvider for a static web server:
//
//	provider-metadata.json          requirement 7, valid against provider_json_schema.json
//	openpgp/<FINGERPRINT>.asc       requirement 20: the public key of the signatures
//	white/index.txt                 requirement 12: every document, one path a line
//	white/changes.csv               requirement 13: "path","current_release_date", newest first
//	white/<YYYY>/<name>.json        requirements 1, 2, 11: the documents by year of initial release
//	white/<YYYY>/<name>.json.sha256 requirement 18: "<hex>  <name>.json"
//	white/<YYYY>/<name>.json.sha512
//	white/<YYYY>/<name>.json.asc    requirement 19: armored detached OpenPGP signature
//
// Documents labeled TLP:WHITE go to white/, documents without a TLP label
// to unlabeled/ (each folder its own distribution). Documents labeled
// GREEN, AMBER or RED are refused: they must be access protected
// (requirement 5), which a public folder is not. TLS, redirects, directory
// listings and security.txt (requirements 3, 6, 8–10, 14) are the web
// server's part.

// ProviderOptions configure BuildProvider.
type ProviderOptions struct {
	// CanonicalURL is where provider-metadata.json will be served, e.g.
	// https://example.com/.well-known/csaf/provider-metadata.json. The
	// folder's base URL is given alone, the file name is added.
	CanonicalURL string
	// Role is csaf_publisher, csaf_provider (the default) or
	// csaf_trusted_provider.
	Role string
	// Aggregators permits CSAF aggregators to list and mirror the
	// documents.
	Aggregators bool
	// LastUpdated is the date of last_updated; zero: the newest
	// current_release_date of the documents.
	LastUpdated ward.Date
	Signer      *Signer
	// SigningTime is the creation time of the signatures.
	SigningTime time.Time
}

// ProviderDocument is one document to publish: its bytes are published as
// they are, so that its signature and hashes hold for what was read.
type ProviderDocument struct {
	Source string // where it was read from, for messages
	Data   []byte
}

// ProviderFile is one file BuildProvider wrote, relative to the folder.
type ProviderFile struct {
	Path string // slash-separated, e.g. "white/2026/x.json"
	Doc  string // the tracking ID for a document, else ""
}

// ProviderMetadata is provider-metadata.json.
type ProviderMetadata struct {
	CanonicalURL            string                 `json:"canonical_url"`
	Distributions           []ProviderDistribution `json:"distributions,omitempty"`
	LastUpdated             string                 `json:"last_updated"`
	ListOnCSAFAggregators   bool                   `json:"list_on_CSAF_aggregators"`
	MetadataVersion         string                 `json:"metadata_version"`
	MirrorOnCSAFAggregators bool                   `json:"mirror_on_CSAF_aggregators"`
	PublicOpenPGPKeys       []OpenPGPKey           `json:"public_openpgp_keys,omitempty"`
	Publisher               Publisher              `json:"publisher"`
	Role                    string                 `json:"role"`
}

// ProviderDistribution is a folder of documents (directory-based
// distribution).
type ProviderDistribution struct {
	DirectoryURL string `json:"directory_url"`
}

// OpenPGPKey names a public key of the signatures.
type OpenPGPKey struct {
	Fingerprint string `json:"fingerprint,omitempty"`
	URL         string `json:"url"`
}

type providerEntry struct {
	doc     ProviderDocument
	a       *Advisory
	folder  string // white or unlabeled
	year    string
	name    string
	current string // current_release_date, normalized
}

// BuildProvider lays out the provider folder dir from docs, replacing what
// dir held: it is built beside dir and renamed into place, so a failure
// leaves dir as it was. Every document must be a valid CSAF document (the
// problems are returned as ward.PosErrors otherwise) with a unique tracking
// ID and a single publisher among them.
func BuildProvider(dir string, docs []ProviderDocument, opt ProviderOptions) ([]ProviderFile, error) {
	base, canonical, err := providerURLs(opt.CanonicalURL)
	if err != nil {
		return nil, err
	}
	role := cmp.Or(opt.Role, "csaf_provider")
	if !slices.Contains([]string{"csaf_publisher", "csaf_provider", "csaf_trusted_provider"}, role) {
		return nil, ward.Errorf(ward.EInvalid, "role %q: want csaf_publisher, csaf_provider or csaf_trusted_provider", role)
	}
	if opt.Signer == nil {
		return nil, ward.Errorf(ward.EInvalid, "a provider folder needs an OpenPGP key to sign the documents")
	}
	if len(docs) == 0 {
		return nil, ward.Errorf(ward.EInvalid, "no CSAF document to publish")
	}
	entries, err := providerEntries(docs)
	if err != nil {
		return nil, err
	}
	pub := entries[0].a.Document.Publisher
	for _, e := range entries[1:] {
		if e.a.Document.Publisher != pub {
			return nil, ward.Errorf(ward.EInvalid, "%s: publisher %q (%s) differs from %s's %q (%s): a provider folder holds one publisher's documents",
				e.doc.Source, e.a.Document.Publisher.Name, e.a.Document.Publisher.Namespace, entries[0].doc.Source, pub.Name, pub.Namespace)
		}
	}
	last := opt.LastUpdated
	lastUpdated := ""
	if !last.IsZero() {
		lastUpdated = DateTime(last)
	}
	for _, e := range entries {
		if last.IsZero() && e.current > lastUpdated {
			lastUpdated = e.current
		}
	}

	files := map[string][]byte{}
	var written []ProviderFile
	put := func(path string, data []byte, doc string) {
		files[path] = data
		written = append(written, ProviderFile{Path: path, Doc: doc})
	}
	folders := map[string][]*providerEntry{}
	for _, e := range entries {
		folders[e.folder] = append(folders[e.folder], e)
	}
	for _, folder := range []string{"unlabeled", "white"} {
		es := folders[folder]
		if len(es) == 0 {
			continue
		}
		slices.SortFunc(es, func(a, b *providerEntry) int { return cmp.Compare(a.year+"/"+a.name, b.year+"/"+b.name) })
		var index bytes.Buffer
		for _, e := range es {
			rel := e.year + "/" + e.name
			index.WriteString(rel + "\n")
			p := folder + "/" + rel
			put(p, e.doc.Data, e.a.Document.Tracking.ID)
			s256 := sha256.Sum256(e.doc.Data)
			s512 := sha512.Sum512(e.doc.Data)
			put(p+".sha256", []byte(hex.EncodeToString(s256[:])+"  "+e.name+"\n"), "")
			put(p+".sha512", []byte(hex.EncodeToString(s512[:])+"  "+e.name+"\n"), "")
			sig, err := opt.Signer.Sign(e.doc.Data, opt.SigningTime)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", e.doc.Source, err)
			}
			put(p+".asc", sig, "")
		}
		put(folder+"/index.txt", index.Bytes(), "")
		byChange := slices.Clone(es)
		slices.SortStableFunc(byChange, func(a, b *providerEntry) int {
			return cmp.Or(cmp.Compare(b.current, a.current), cmp.Compare(a.year+"/"+a.name, b.year+"/"+b.name))
		})
		var changes bytes.Buffer
		for _, e := range byChange {
			changes.WriteString(strconv.Quote(e.year+"/"+e.name) + "," + strconv.Quote(e.current) + "\n")
		}
		put(folder+"/changes.csv", changes.Bytes(), "")
	}

	fpr := opt.Signer.Fingerprint()
	var key bytes.Buffer
	if err := opt.Signer.WritePublicKey(&key); err != nil {
		return nil, err
	}
	put("openpgp/"+fpr+".asc", key.Bytes(), "")

	meta := ProviderMetadata{
		CanonicalURL:            canonical,
		LastUpdated:             lastUpdated,
		ListOnCSAFAggregators:   opt.Aggregators,
		MetadataVersion:         "2.0",
		MirrorOnCSAFAggregators: opt.Aggregators,
		PublicOpenPGPKeys:       []OpenPGPKey{{Fingerprint: fpr, URL: base + "openpgp/" + fpr + ".asc"}},
		Publisher:               pub,
		Role:                    role,
	}
	for _, folder := range []string{"unlabeled", "white"} {
		if len(folders[folder]) > 0 {
			meta.Distributions = append(meta.Distributions, ProviderDistribution{DirectoryURL: base + folder + "/"})
		}
	}
	var mb bytes.Buffer
	enc := json.NewEncoder(&mb)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(meta); err != nil {
		return nil, err
	}
	if err := validateProviderMetadata(mb.Bytes()); err != nil {
		return nil, err
	}
	put("provider-metadata.json", mb.Bytes(), "")

	if err := writeFolder(dir, files); err != nil {
		return nil, err
	}
	slices.SortFunc(written, func(a, b ProviderFile) int { return cmp.Compare(a.Path, b.Path) })
	return written, nil
}

// providerURLs returns the folder's base URL (ending in "/") and the
// canonical URL of provider-metadata.json.
func providerURLs(canonical string) (base, meta string, err error) {
	u, err := url.Parse(canonical)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", "", ward.Errorf(ward.EInvalid, "canonical URL %q: want the https URL of provider-metadata.json, e.g. https://example.com/.well-known/csaf/provider-metadata.json (CSAF serves providers over TLS only)", canonical)
	}
	p := strings.TrimSuffix(u.Path, "provider-metadata.json")
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u.Path = p
	base = u.String()
	return base, base + "provider-metadata.json", nil
}

// providerEntries validates each document and places it.
func providerEntries(docs []ProviderDocument) ([]*providerEntry, error) {
	var problems ward.PosErrors
	var entries []*providerEntry
	seen := map[string]string{}
	for _, d := range docs {
		ps, err := Validate(d.Source, d.Data)
		if err != nil {
			return nil, err
		}
		if len(ps) > 0 {
			for _, p := range ps {
				problems = append(problems, &ward.PosError{Pos: p.Pos, Path: p.Path, Msg: p.Test + ": " + p.Msg})
			}
			continue
		}
		var a Advisory
		if err := json.Unmarshal(d.Data, &a); err != nil {
			return nil, fmt.Errorf("%s: %w", d.Source, err)
		}
		e := &providerEntry{doc: d, a: &a, folder: "unlabeled", name: FileName(a.Document.Tracking.ID)}
		if dist := a.Document.Distribution; dist != nil && dist.TLP != nil {
			if dist.TLP.Label != "WHITE" {
				problems = append(problems, &ward.PosError{Pos: ward.Pos{File: d.Source}, Path: "$.document.distribution.tlp.label",
					Msg: "TLP:" + dist.TLP.Label + " documents must be access protected (CSAF 2.0 requirement 5): they have no place in a public provider folder"})
				continue
			}
			e.folder = "white"
		}
		initial, _ := parseDateTime(a.Document.Tracking.InitialReleaseDate)
		e.year = fmt.Sprintf("%04d", initial.Year())
		current, _ := parseDateTime(a.Document.Tracking.CurrentReleaseDate)
		e.current = timeOf(current)
		id := a.Document.Tracking.ID
		if prev, ok := seen[FileName(id)]; ok {
			problems = append(problems, &ward.PosError{Pos: ward.Pos{File: d.Source}, Path: "$.document.tracking.id",
				Msg: fmt.Sprintf("tracking ID %s has the file name of %s's: each document needs its own", id, prev)})
			continue
		}
		seen[FileName(id)] = d.Source
		entries = append(entries, e)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return entries, nil
}

// validateProviderMetadata checks the metadata against the provider schema:
// a failure is ward's own error.
func validateProviderMetadata(data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	vs, err := validateSchema(providerSchema, inst)
	if err != nil {
		return err
	}
	if len(vs) > 0 {
		var msgs []string
		for _, v := range vs {
			msgs = append(msgs, "/"+strings.Join(v.tokens, "/")+": "+v.msg)
		}
		return fmt.Errorf("provider-metadata.json does not match the provider schema: %s", strings.Join(msgs, "; "))
	}
	return nil
}

// ValidateProviderMetadata validates provider-metadata.json content against
// the official provider schema, returning the violations as problems.
func ValidateProviderMetadata(name string, data []byte) ([]Problem, error) {
	if !json.Valid(data) {
		var v any
		return jsonProblems(jsonpos.DecodeError(name, data, json.Unmarshal(data, &v))), nil
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	vs, err := validateSchema(providerSchema, inst)
	if err != nil {
		return nil, err
	}
	var ps []Problem
	for _, v := range vs {
		ps = append(ps, Problem{Test: "schema", Path: jsonpos.PointerPath(v.tokens), Msg: v.msg})
	}
	locate(name, data, ps)
	return ps, nil
}

// replaceable refuses to replace a folder that is not a provider folder
// ward wrote: the whole folder is swapped, so a wrong DIR (the repository,
// a home folder) must not be taken for one.
func replaceable(abs string) error {
	fi, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !fi.IsDir():
		return ward.Errorf(ward.EConflict, "%s exists and is not a folder: give a new or an earlier provider folder", abs)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(abs, "provider-metadata.json")); err != nil {
		return ward.Errorf(ward.EConflict, "%s holds files but no provider-metadata.json: it is not a provider folder, and ward replaces the whole folder; give a new folder", abs)
	}
	return nil
}

// writeFolder writes files into a new folder beside dir and renames it
// into place; the folder dir held before is removed once the new one is in
// place.
func writeFolder(dir string, files map[string][]byte) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	parent := filepath.Dir(abs)
	if err := replaceable(abs); err != nil {
		return err
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".new-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // nothing left once renamed
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		full := filepath.Join(tmp, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return err
		}
	}
	var old string
	if _, err := os.Lstat(abs); err == nil {
		old = tmp + ".old"
		if err := os.Rename(abs, old); err != nil {
			return fmt.Errorf("replace %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, abs); err != nil {
		if old != "" {
			_ = os.Rename(old, abs) // put the previous folder back
		}
		return fmt.Errorf("replace %s: %w", dir, err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
