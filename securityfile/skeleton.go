package securityfile

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/wardhq/ward"
)

// skeletonFS holds the files `ward init` writes: one YAML file per topic,
// each section with one example record and a comment per field. The
// skeleton loads without errors (see load_test.go).
//
//go:embed skeleton
var skeletonFS embed.FS

// Skeleton returns the skeleton files, rooted at the folder (product.yaml,
// organization.yaml, …).
func Skeleton() fs.FS {
	sub, err := fs.Sub(skeletonFS, "skeleton")
	if err != nil {
		panic(err) // the embedded folder exists by construction
	}
	return sub
}

// WriteSkeleton writes the skeleton into dir, creating dir if needed. It
// never overwrites: if any skeleton file already exists in dir it writes
// nothing and returns an EConflict error naming that file.
func WriteSkeleton(dir string) error {
	sk := Skeleton()
	names, err := fs.Glob(sk, "*.yaml")
	if err != nil {
		return err
	}
	// Check every file first, so that a conflict leaves dir untouched.
	for _, name := range names {
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); err == nil {
			return ward.Errorf(ward.EConflict, "%s already exists: ward init never overwrites files (move it away or choose another folder)", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("init %s: %w", dir, err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("init %s: %w", dir, err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(sk, name)
		if err != nil {
			return err
		}
		p := filepath.Join(dir, name)
		// O_EXCL: a file created since the check above is not overwritten either.
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			if errors.Is(err, fs.ErrExist) {
				return ward.Errorf(ward.EConflict, "%s already exists: ward init never overwrites files (move it away or choose another folder)", p)
			}
			return fmt.Errorf("init %s: %w", dir, err)
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("init %s: %w", p, err)
		}
	}
	return nil
}
