package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/csaf"
	"github.com/wardhq/ward/sbom"
	"github.com/wardhq/ward/signing"
)

// runCSAF dispatches `ward csaf advisory|vex|validate|provider`.
func runCSAF(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "advisory":
			return runCSAFAdvisory(ctx, e, args[1:])
		case "vex":
			return runCSAFVEX(ctx, e, args[1:])
		case "validate":
			return runCSAFValidate(ctx, e, args[1:])
		case "provider":
			return runCSAFProvider(ctx, e, args[1:])
		}
	}
	return usagef("csaf: want advisory, vex, validate or provider (run 'ward csaf advisory -h')")
}

// runCSAFAdvisory writes a csaf_security_advisory per customer advisory.
func runCSAFAdvisory(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "csaf advisory", "[dir] --out DIR",
		"Write a CSAF 2.0 security advisory (profile csaf_security_advisory) for each customer advisory record (advisories:) of the "+
			"security file: its vulnerabilities with CVE and other IDs, notes, CVSS scores, product status per release and component "+
			"(from the releases' SBOMs), the fixing release and the mitigation. Each document is checked against the CSAF schema and "+
			"the mandatory tests before it is written, as <tracking id>.json.")
	out := fs.String("out", "", "folder to write the documents to (created if missing)")
	advisory := fs.String("advisory", "", "only the customer advisory with this ID")
	vuln := fs.String("vulnerability", "", "only the customer advisory (or advisories) that cover this vulnerability")
	date := fs.String("date", "", "day of issue YYYY-MM-DD, recorded as the generator date (the documents' dates are the advisories' published_at)")
	dir, err := dirArg(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("csaf advisory: --out DIR is required")
	}
	opt, err := csafOptions(*date)
	if err != nil {
		return err
	}
	src, err := csafSource(e, dir)
	if err != nil {
		return err
	}
	sf := src.File
	var advs []*ward.CustomerAdvisory
	for _, a := range sf.Advisories {
		if (*advisory == "" || a.ID == *advisory) && (*vuln == "" || slices.Contains(a.Vulnerabilities, *vuln)) {
			advs = append(advs, a)
		}
	}
	switch {
	case *advisory != "" && len(advs) == 0:
		return ward.Errorf(ward.ENotFound, "%s: no customer advisory %s (advisories: in the security file)", dir, *advisory)
	case *vuln != "" && len(advs) == 0:
		return ward.Errorf(ward.ENotFound, "%s: no customer advisory covers vulnerability %s: record one under advisories: (id, title, vulnerabilities, published_at, affected_releases, severity), or publish its status with 'ward csaf vex'", dir, *vuln)
	case len(advs) == 0:
		return ward.Errorf(ward.ENotFound, "%s: the security file records no customer advisory (advisories:)", dir)
	}
	// Vulnerabilities that affect a release but no advisory covers are
	// published by the VEX documents only: say so.
	if *advisory == "" && *vuln == "" {
		for _, v := range sf.Vulns {
			if len(v.Releases) == 0 || v.Status == ward.VEXNotAffected || slices.ContainsFunc(sf.Advisories, func(a *ward.CustomerAdvisory) bool { return slices.Contains(a.Vulnerabilities, v.ID) }) {
				continue
			}
			fmt.Fprintf(e.stderr, "%s: vulnerability %s (%s) affects %s but no customer advisory covers it: its status is in the VEX documents only\n",
				v.At, v.ID, v.Status, strings.Join(v.Releases, ", "))
		}
	}
	var docs []*csaf.Advisory
	for _, a := range advs {
		doc, err := csaf.SecurityAdvisory(src, a, opt)
		if err != nil {
			return fmt.Errorf("advisory %s: %w", a.ID, err)
		}
		docs = append(docs, doc)
	}
	return writeCSAFDocuments(e, *out, docs)
}

// runCSAFVEX writes a csaf_vex document per release.
func runCSAFVEX(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "csaf vex", "[dir] --out DIR [--release V]",
		"Write a CSAF 2.0 VEX document (profile csaf_vex) for a release: every vulnerability of the security file with its status for "+
			"that release and its components: known_affected with the remediation, known_not_affected with the VEX justification as a "+
			"flag and the impact statement, fixed, or under_investigation. Without --release, one document per release.")
	out := fs.String("out", "", "folder to write the documents to (created if missing)")
	release := fs.String("release", "", "only this release (its version)")
	date := fs.String("date", "", "day of issue YYYY-MM-DD: the documents' dates (default: the latest date the security file records for the release and its vulnerabilities)")
	dir, err := dirArg(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("csaf vex: --out DIR is required")
	}
	opt, err := csafOptions(*date)
	if err != nil {
		return err
	}
	src, err := csafSource(e, dir)
	if err != nil {
		return err
	}
	var versions []string
	for _, r := range src.File.Releases {
		if *release == "" || r.Version == *release {
			versions = append(versions, r.Version)
		}
	}
	if len(versions) == 0 {
		if *release != "" {
			return ward.Errorf(ward.ENotFound, "%s: no release %s in the security file", dir, *release)
		}
		return ward.Errorf(ward.ENotFound, "%s: the security file records no release", dir)
	}
	var docs []*csaf.Advisory
	for _, v := range versions {
		doc, skipped, err := csaf.VEX(src, v, opt)
		for _, s := range skipped {
			fmt.Fprintf(e.stderr, "release %s: left out %s\n", v, s)
		}
		if err != nil {
			return fmt.Errorf("release %s: %w", v, err)
		}
		docs = append(docs, doc)
	}
	return writeCSAFDocuments(e, *out, docs)
}

func csafOptions(date string) (csaf.Options, error) {
	opt := csaf.Options{Version: Version}
	if date != "" {
		d, err := ward.ParseDate(date)
		if err != nil {
			return opt, usagef("--date: %v", err)
		}
		opt.Date = d
	}
	return opt, nil
}

// csafSource loads the security file and the SBOMs of its releases.
func csafSource(e *env, dir string) (csaf.Source, error) {
	sf, err := loadValidFile(e, dir, nil)
	if err != nil {
		return csaf.Source{}, err
	}
	src := csaf.Source{File: sf, SBOMs: map[string]*ward.SBOM{}}
	for _, ref := range sf.SBOMs {
		release := ref.Release
		for _, r := range sf.Releases {
			if r.SBOM == ref.ID {
				release = r.Version
			}
		}
		if release == "" {
			continue
		}
		p := ref.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		f, err := os.Open(p)
		if err != nil {
			return src, fmt.Errorf("%s: sbom %s: %w", ref.At, ref.ID, err)
		}
		s, err := sbom.Parse(p, f, sbom.Limits{})
		f.Close()
		if err != nil {
			return src, fmt.Errorf("sbom %s of release %s: %w", ref.ID, release, err)
		}
		src.SBOMs[release] = s
	}
	return src, nil
}

// writeCSAFDocuments validates each document and writes it to out as its
// CSAF file name. Nothing is written unless every document is valid.
func writeCSAFDocuments(e *env, out string, docs []*csaf.Advisory) error {
	type file struct {
		name string
		data []byte
	}
	var files []file
	invalid := false
	for _, d := range docs {
		var b bytes.Buffer
		if err := csaf.Write(&b, d); err != nil {
			return err
		}
		name := csaf.FileName(d.Document.Tracking.ID)
		problems, err := csaf.Validate(name, b.Bytes())
		if err != nil {
			return err
		}
		for _, p := range problems {
			invalid = true
			fmt.Fprintln(e.stderr, p)
		}
		files = append(files, file{name, b.Bytes()})
	}
	if invalid {
		return ward.Errorf(ward.EInvalid, "the documents made from the security file are not valid CSAF: nothing written (the problems above name what to record)")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		path := filepath.Join(out, f.name)
		if err := writeTo(e, path, func(w io.Writer) error { _, err := w.Write(f.data); return err }); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", filepath.ToSlash(path))
	}
	return nil
}

// runCSAFValidate validates CSAF documents.
func runCSAFValidate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "csaf validate", "FILE…",
		"Validate CSAF 2.0 documents, offline: the official JSON schema (with the FIRST CVSS schemas) and the mandatory tests of "+
			"section 6.1 of the specification. Each problem is printed as file:line:col: test $.path: message. Exit 1 when a "+
			"document is invalid.")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("csaf validate: want one or more CSAF files")
	}
	bad := 0
	for _, name := range pos {
		problems, err := validateCSAFFile(name)
		if err != nil {
			return err
		}
		for _, p := range problems {
			fmt.Fprintln(e.stdout, p)
		}
		if len(problems) > 0 {
			bad++
			fmt.Fprintf(e.stdout, "%s: invalid (%s)\n", name, plural(len(problems), "problem"))
			continue
		}
		fmt.Fprintf(e.stdout, "%s: valid CSAF 2.0\n", name)
	}
	if bad > 0 {
		return ErrGateFailed
	}
	return nil
}

// validateCSAFFile reads and validates one file; a file over the size
// limit is a problem of that file, not an error of the run.
func validateCSAFFile(name string) ([]csaf.Problem, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := csaf.Read(name, f, csaf.Limits{})
	if err != nil {
		if ward.CodeOf(err) == ward.EInvalid {
			return []csaf.Problem{{Test: "json", Path: "$", Pos: ward.Pos{File: name}, Msg: ward.MessageOf(err)}}, nil
		}
		return nil, err
	}
	return csaf.Validate(name, data)
}

// runCSAFProvider lays out a CSAF provider folder.
func runCSAFProvider(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "csaf provider", "DIR --advisories SRC --key KEY.asc --canonical-url URL",
		"Lay out DIR as a CSAF 2.0 provider folder (section 7) for https://<domain>/.well-known/csaf/: provider-metadata.json, "+
			"the documents of SRC (files or folders of CSAF documents, e.g. the output of 'ward csaf advisory' and 'ward csaf vex') by "+
			"TLP label and year, index.txt, changes.csv, and for each document a .sha256, a .sha512 and an armored OpenPGP signature "+
			"(.asc) made with KEY, whose public key goes to openpgp/. The key file must lie outside the repository and be readable "+
			"by its owner only; an encrypted key's passphrase is read from "+keyPassphraseEnv+".")
	var sources stringList
	fs.Var(&sources, "advisories", "a CSAF document, or a folder of them (*.json); may be repeated")
	keyPath := fs.String("key", "", "armored OpenPGP private key that signs the documents")
	canonical := fs.String("canonical-url", "", "https URL where provider-metadata.json will be served, e.g. https://example.com/.well-known/csaf/provider-metadata.json")
	role := fs.String("role", "csaf_provider", "role in provider-metadata.json: csaf_publisher, csaf_provider or csaf_trusted_provider")
	noAggregators := fs.Bool("no-aggregators", false, "do not permit CSAF aggregators to list and mirror the documents")
	date := fs.String("date", "", "last_updated as YYYY-MM-DD (default: the newest current_release_date of the documents)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) != 1:
		return usagef("csaf provider: want one folder DIR, got %d arguments", len(pos))
	case len(sources) == 0:
		return usagef("csaf provider: --advisories SRC is required")
	case *keyPath == "":
		return usagef("csaf provider: --key KEY.asc is required (an armored OpenPGP private key)")
	case *canonical == "":
		return usagef("csaf provider: --canonical-url URL is required")
	}
	dir := pos[0]
	opt := csaf.ProviderOptions{CanonicalURL: *canonical, Role: *role, Aggregators: !*noAggregators, SigningTime: e.now()}
	if *date != "" {
		d, err := ward.ParseDate(*date)
		if err != nil {
			return usagef("--date: %v", err)
		}
		opt.LastUpdated = d
	}
	trees := append([]string{dir, gitTopLevel(ctx, dir), gitTopLevel(ctx, ".")}, sources...)
	for _, s := range sources {
		trees = append(trees, gitTopLevel(ctx, s))
	}
	if err := signing.CheckKeyFile(*keyPath, trees...); err != nil {
		return err
	}
	signer, err := csaf.LoadSigner(*keyPath, []byte(e.getenv(keyPassphraseEnv)))
	if errors.Is(err, csaf.ErrPassphrase) {
		return fmt.Errorf("%w: set %s to its passphrase", err, keyPassphraseEnv)
	}
	if err != nil {
		return err
	}
	opt.Signer = signer
	var docs []csaf.ProviderDocument
	for _, s := range sources {
		files, err := csafFiles(s)
		if err != nil {
			return err
		}
		for _, name := range files {
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			data, err := csaf.Read(name, f, csaf.Limits{})
			f.Close()
			if err != nil {
				return err
			}
			docs = append(docs, csaf.ProviderDocument{Source: name, Data: data})
		}
	}
	written, err := csaf.BuildProvider(dir, docs, opt)
	if err != nil {
		return err
	}
	n := 0
	for _, f := range written {
		if f.Doc != "" {
			n++
			fmt.Fprintf(e.stdout, "%s  %s\n", f.Path, f.Doc)
		}
	}
	fmt.Fprintf(e.stdout, "%s: %s signed with key %s; serve it as %s\n", dir, plural(n, "document"), signer.Fingerprint(),
		strings.TrimSuffix(*canonical, "provider-metadata.json"))
	return nil
}

// csafFiles lists the documents of a source: the file itself, or the
// *.json files of a folder (not its subfolders), sorted.
func csafFiles(src string) ([]string, error) {
	fi, err := os.Stat(src)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []string{src}, nil
	}
	files, err := filepath.Glob(filepath.Join(src, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, ward.Errorf(ward.ENotFound, "%s: no *.json CSAF document in this folder", src)
	}
	slices.Sort(files)
	return files, nil
}

// gitTopLevel is the work tree of the git repository holding path, or ""
// when there is none (or no git).
func gitTopLevel(ctx context.Context, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		abs = filepath.Dir(abs)
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			abs = d
			break
		}
		if d == filepath.Dir(d) {
			return ""
		}
	}
	gitPath, err := exec.LookPath("git")
	if err != nil {
		return ""
	}
	out, err := exec.CommandContext(ctx, gitPath, "-C", abs, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
