package signing

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/wardhq/ward"
)

// CheckKeyFile applies ward's policy for a private key file (5.8.4): it
// must be a regular file, lie outside every folder of trees (the
// repository's work tree, the artifacts folder: places from where it is
// committed or published), and be readable by its owner only (no group
// or other permission bit). Links are followed: neither the path given
// nor the file it leads to may lie in a tree. It returns ENotFound for a
// missing file and EForbidden, saying what to do, for a policy breach.
//
// On Windows, where Go reports no access control lists, the permission
// check is left to the operating system's tools.
func CheckKeyFile(path string, trees ...string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return ward.Errorf(ward.ENotFound, "key file %s: %v", path, errors.Unwrap(err))
	}
	if !fi.Mode().IsRegular() {
		return ward.Errorf(ward.EInvalid, "key file %s is not a regular file", path)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return err
	}
	for _, tree := range trees {
		if tree == "" {
			continue
		}
		t, err := filepath.Abs(tree)
		if err != nil {
			return err
		}
		rt, err := filepath.EvalSymlinks(t)
		if err != nil {
			rt = t // a tree that does not exist holds no key; compare the plain path
		}
		for _, p := range []string{abs, real} {
			if within(p, t) || within(p, rt) {
				return ward.Errorf(ward.EForbidden, "key file %s lies inside %s: a private key there can be committed or published; move it out (e.g. to ~/.ssh or a secrets mount) and give its new path", path, tree)
			}
		}
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return ward.Errorf(ward.EForbidden, "key file %s has mode %04o: group or others may read the private key; run 'chmod 600 %s'", path, fi.Mode().Perm(), path)
	}
	return nil
}

// within reports whether p is dir or lies below it; both are absolute.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
