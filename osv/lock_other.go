//go:build !unix

package osv

// lockDir is a no-op where flock is missing: concurrent writers then race,
// but each still commits a complete snapshot, so the store stays readable.
func lockDir(dir string) (unlock func(), err error) { return func() {}, nil }

// syncDir is a no-op: Windows cannot fsync a directory and makes renames
// durable on its own.
func syncDir(dir string) error { return nil }
