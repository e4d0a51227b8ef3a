package signing_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/signing"
)

// TestCheckKeyFile: a key file is accepted only outside the trees and
// readable by its owner alone; links do not get around either rule.
func TestCheckKeyFile(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("file modes and links are not POSIX on Windows")
	}
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	keys := filepath.Join(base, "keys")
	for _, d := range []string{repo, keys} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p string, mode os.FileMode) string {
		if err := os.WriteFile(p, []byte("key"), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil { // umask may have cleared bits
			t.Fatal(err)
		}
		return p
	}
	link := func(target, p string) string {
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	outside := write(filepath.Join(keys, "release.key"), 0o600)
	readOnly := write(filepath.Join(keys, "read-only.key"), 0o400)
	loose := write(filepath.Join(keys, "loose.key"), 0o644)
	groupRead := write(filepath.Join(keys, "group.key"), 0o640)
	inside := write(filepath.Join(repo, "release.key"), 0o600)
	linkIn := link(outside, filepath.Join(repo, "link.key"))
	linkOut := link(inside, filepath.Join(keys, "link.key"))

	for _, tc := range []struct {
		name, path string
		want       ward.Code // "" for accepted
	}{
		{"outside_0600", outside, ""},
		{"outside_0400", readOnly, ""},
		{"mode_0644", loose, ward.EForbidden},
		{"mode_0640", groupRead, ward.EForbidden},
		{"inside_tree", inside, ward.EForbidden},
		{"link_inside_tree_to_outside", linkIn, ward.EForbidden},
		{"link_outside_to_inside_tree", linkOut, ward.EForbidden},
		{"tree_itself_relative", filepath.Join(repo, "..", "repo", "release.key"), ward.EForbidden},
		{"missing", filepath.Join(keys, "absent"), ward.ENotFound},
		{"folder", keys, ward.EInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := signing.CheckKeyFile(tc.path, repo, filepath.Join(base, "no-such-artifacts"))
			if got := ward.CodeOf(err); got != tc.want {
				t.Errorf("CheckKeyFile = %v (code %q), want code %q", err, got, tc.want)
			}
		})
	}
}
