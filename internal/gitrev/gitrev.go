// Package gitrev reads a folder of a git revision into a temporary folder,
// so that commands can compare the security file of two revisions without
// a checkout. It runs the git command: plain files only, nothing outside
// the folder, and a bound on the size unpacked.
package gitrev

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// maxRevisionBytes bounds what a git revision may unpack to: a security
// file with its SBOMs is far smaller, and a wrong PATH (a whole monorepo)
// should fail rather than fill the disk.
const maxRevisionBytes = 512 << 20

// Checkout writes the folder p of git revision rev, in the repository
// around repo, into a new temporary folder and returns it; the caller
// removes it. p is relative to the repository's top folder ("" or "." for
// the top folder itself), as in `git show REV:PATH`.
func Checkout(ctx context.Context, repo, rev, p string) (string, error) {
	gitPath, err := exec.LookPath("git")
	if err != nil {
		return "", errors.New("reading a git revision needs the git command, which is not on PATH; check the folder out instead")
	}
	git := func(args ...string) (string, error) {
		var stdout, stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, gitPath, append([]string{"-C", repo}, args...)...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			if msg := strings.TrimSpace(stderr.String()); msg != "" {
				return "", fmt.Errorf("git %s: %s", args[0], msg)
			}
			return "", fmt.Errorf("git %s: %w", args[0], err)
		}
		return strings.TrimSpace(stdout.String()), nil
	}
	if _, err := git("rev-parse", "--git-dir"); err != nil {
		return "", fmt.Errorf("%s is not in a git repository (run ward inside the repository or pass --repo): %w", repo, err)
	}
	if _, err := git("rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}"); err != nil {
		return "", fmt.Errorf("unknown revision %q in the git repository at %s (try 'git log --oneline')", rev, repo)
	}
	p = path.Clean(strings.TrimPrefix(filepath.ToSlash(p), "/"))
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", fmt.Errorf("path %q leaves the repository", p)
	}
	object := rev + ":" + p
	if p == "." {
		object = rev + ":"
	}
	switch kind, err := git("cat-file", "-t", object); {
	case err != nil:
		return "", fmt.Errorf("revision %s has no folder %s (PATH is relative to the repository's top folder)", rev, p)
	case kind == "blob":
		return "", fmt.Errorf("%s at revision %s is a file; want the security file's folder", p, rev)
	case kind != "tree":
		return "", fmt.Errorf("%s at revision %s is a %s, not a folder", p, rev, kind)
	}

	dir, err := os.MkdirTemp("", "ward-rev-")
	if err != nil {
		return "", err
	}
	if err := gitArchive(ctx, gitPath, repo, object, dir); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// gitArchive unpacks `git archive` of a tree object into dir: regular
// files and folders only (no links, nothing outside dir).
func gitArchive(ctx context.Context, gitPath, repo, object, dir string) error {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, gitPath, "-C", repo, "archive", "--format=tar", object)
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git archive: %w", err)
	}
	untarErr := untar(out, dir)
	io.Copy(io.Discard, out) // let git finish writing even after an error
	waitErr := cmd.Wait()
	switch {
	case waitErr != nil && strings.TrimSpace(stderr.String()) != "":
		return fmt.Errorf("git archive %s: %s", object, strings.TrimSpace(stderr.String()))
	case waitErr != nil:
		return fmt.Errorf("git archive %s: %w", object, waitErr)
	case untarErr != nil:
		return fmt.Errorf("git archive %s: %w", object, untarErr)
	}
	return nil
}

func untar(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	var total int64
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		name := path.Clean(h.Name)
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			if name == "." {
				continue
			}
			return fmt.Errorf("archive entry %q leaves the folder", h.Name)
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if total += h.Size; total > maxRevisionBytes {
				return fmt.Errorf("the folder is larger than %d MiB; is PATH the security file's folder?", maxRevisionBytes>>20)
			}
			if err := writeFileFrom(target, tr); err != nil {
				return err
			}
		}
		// Symbolic links and others are skipped: a security file is plain files.
	}
}

func writeFileFrom(target string, r io.Reader) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
