package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/evidence/record"
	"github.com/wardhq/ward/gap"
	"github.com/wardhq/ward/paper"
	"github.com/wardhq/ward/techfile"
)

const docTechnicalFileSummary = `Write the security part of the technical documentation of one release, for a
notified body or an FDA premarket submission, as DIR/technical-file-V.html and
DIR/technical-file-V.pdf: security plan and responsibilities, applicability,
product security context, architecture and data-flow diagram, every threat
(derived and written by hand) with its decision, the risk assessment on the
risk matrix with its safety links, traceability and its breaks, SBOM and
support status, vulnerability assessment, testing with tester independence,
unresolved findings, the release record, the management plan, the gap report
against IEC 81001-5-1, and a map of the FDA premarket documentation items to
the sections that answer them. The document says which release, security-file
revision and data it was made from. Dates come from --date or the release,
never the clock: the same input gives the same files.`

// runDocTechnicalFile is `ward doc technical-file [dir] --release V --out DIR [--date D]`.
func runDocTechnicalFile(ctx context.Context, e *env, args []string) error {
	in, err := docSetup(ctx, e, "doc technical-file", docTechnicalFileSummary, args)
	if err != nil {
		return err
	}
	d, err := techfile.Build(techfile.Input{File: in.sf, Release: in.release, Date: in.date, SBOMs: in.sboms, Source: in.src,
		ReportProblems: record.VerifyReports(in.dir, in.sf), ReportsChecked: true})
	if err != nil {
		return err
	}
	base := filepath.Join(in.out, "technical-file-"+in.release)
	return writeDocFiles(e, []docFile{
		{base + ".html", func(w io.Writer) error { return paper.WriteHTML(w, d) }},
		{base + ".pdf", func(w io.Writer) error { return paper.WritePDF(w, d) }},
	})
}

// docInputs is what both documents of `ward doc` are made from.
type docInputs struct {
	dir, release, out string
	date              ward.Date // zero: the release's date
	sf                *ward.SecurityFile
	sboms             []gap.LoadedSBOM
	src               techfile.Source
}

// docSetup parses the flags shared by `ward doc technical-file` and `ward
// doc hdo`, loads the security file and its SBOMs, and says where they came
// from.
func docSetup(ctx context.Context, e *env, name, summary string, args []string) (*docInputs, error) {
	fs := newFlags(e, name, "[dir] --release V --out DIR", summary)
	release := fs.String("release", "", "version of the release to document (required)")
	out := fs.String("out", "", "folder to write the files into; created when missing (required)")
	date := fs.String("date", "", "date of the document, YYYY-MM-DD (default: the release's date)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	dir, err := oneDir(pos)
	if err != nil {
		return nil, err
	}
	in := &docInputs{dir: dir, release: *release, out: *out}
	switch {
	case in.release == "":
		return nil, usagef("%s: --release is required", name)
	case in.out == "":
		return nil, usagef("%s: --out is required", name)
	}
	if *date != "" {
		if in.date, err = ward.ParseDate(*date); err != nil {
			return nil, usagef("--date: %v", err)
		}
	}
	if in.sf, err = loadValidFile(e, dir, nil); err != nil {
		return nil, err
	}
	if !hasRelease(in.sf, in.release) {
		return nil, usagef("--release %s: no such release in %s", in.release, dir)
	}
	in.sboms = loadSBOMs(dir, in.sf)
	if in.src, err = docSource(ctx, dir, in.sf); err != nil {
		return nil, err
	}
	return in, nil
}

// docSource describes the security file for the documents: the folder,
// a digest of its YAML files and, when the folder is in a git repository,
// the commit that last changed it.
func docSource(ctx context.Context, dir string, sf *ward.SecurityFile) (techfile.Source, error) {
	src := techfile.Source{Dir: dir, Files: len(sf.Files), Tool: "ward " + Version}
	h := sha256.New()
	for _, f := range sf.Files {
		b, err := os.ReadFile(f)
		if err != nil {
			return src, err
		}
		rel, err := filepath.Rel(dir, f)
		if err != nil {
			rel = filepath.Base(f)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(rel), len(b))
		h.Write(b)
	}
	src.Digest = hex.EncodeToString(h.Sum(nil))
	src.Commit, src.CommitDate, src.Modified = gitRevision(ctx, dir)
	return src, nil
}

// gitRevision returns the commit that last changed dir, its date, and
// whether dir has changes that commit lacks; empty when dir is not in a
// git repository or git is not installed.
func gitRevision(ctx context.Context, dir string) (commit, date string, modified bool) {
	gitPath, err := exec.LookPath("git")
	if err != nil {
		return "", "", false
	}
	out, err := exec.CommandContext(ctx, gitPath, "-C", dir, "log", "-1", "--format=%H %cs", "--", ".").Output()
	if err != nil {
		return "", "", false
	}
	f := strings.Fields(string(out))
	if len(f) != 2 {
		return "", "", false
	}
	st, err := exec.CommandContext(ctx, gitPath, "-C", dir, "status", "--porcelain", "--", ".").Output()
	return f[0], f[1], err == nil && len(bytes.TrimSpace(st)) > 0
}

// docFile is one file a `ward doc` command writes.
type docFile struct {
	path  string
	write func(io.Writer) error
}

// writeDocFiles renders every file into memory first, so that a renderer
// error leaves no file behind, then writes each through a temporary file
// and names it on stdout.
func writeDocFiles(e *env, files []docFile) error {
	bufs := make([]bytes.Buffer, len(files))
	for i, f := range files {
		if err := f.write(&bufs[i]); err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
	}
	if len(files) > 0 {
		if err := os.MkdirAll(filepath.Dir(files[0].path), 0o755); err != nil {
			return err
		}
	}
	for i, f := range files {
		b := bufs[i].Bytes()
		if err := writeTo(e, f.path, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, f.path)
	}
	return nil
}
