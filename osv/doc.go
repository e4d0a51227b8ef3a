// Package osv reads vulnerability advisories in the OSV format
// (https://ossf.github.io/osv-schema/) and keeps them in an offline store:
// a directory of immutable snapshot files and a CURRENT pointer, swapped
// atomically by Import and Sync.
//
// The store is what `ward scan` matches against: Open is fast (it reads one
// file and builds a package index; records are decoded on first Lookup), and
// an import killed at any moment leaves the previous snapshot usable.
//
// osv imports only package ward and the standard library. It reads neither
// the environment nor the clock on its own account: callers pass the store
// directory and, where a time is recorded, a clock.
package osv
