package osv

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/wardhq/ward"
)

// The store directory holds:
//
//	CURRENT                 the name of the current snapshot file, one line
//	snapshot-<id16>.wosv    snapshot files (snapshot.go); only CURRENT's is live
//	LOCK                    held (flock) by the one process writing
//	.tmp-*                  files being written; left behind only by a crash
//
// A writer builds the new snapshot in a .tmp file, fsyncs it, renames it
// to its final name, fsyncs the directory, then replaces CURRENT the same
// way. Whenever the process dies, CURRENT names a complete snapshot: the
// old one before the last rename, the new one after it. Leftover .tmp and
// unreferenced snapshot files are removed by the next writer.
const (
	currentFile = "CURRENT"
	lockFile    = "LOCK"
	tmpPrefix   = ".tmp-"
)

var snapshotName = regexp.MustCompile(`^snapshot-[0-9a-f]{16}\.wosv$`)

// Store is an open snapshot of the advisory store. It is immutable: an
// import that runs meanwhile writes a new snapshot, which the next Open
// sees. Its methods are safe for concurrent use.
type Store struct {
	dir   string
	file  string
	snap  *snapshot
	pkgs  map[string]map[string]uint32 // base ecosystem → normalized name → package number
	refs  []pkgRef                     // by package number
	lists []atomic.Pointer[[]*ward.Advisory]
	advs  []atomic.Pointer[ward.Advisory] // by record number, decoded on first use
}

// Open opens the current snapshot of the store in dir. It reads one file
// and indexes the packages; records are decoded when first looked up.
// An empty or missing store is ENotFound; a damaged snapshot is
// EInternal.
func Open(dir string) (*Store, error) {
	for attempt := 0; ; attempt++ {
		name, err := readCurrent(dir)
		if err != nil {
			return nil, err
		}
		buf, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) && attempt < 3 {
			// A concurrent import swapped CURRENT and removed the file it
			// named between our two reads: read CURRENT again.
			continue
		}
		if err != nil {
			return nil, &ward.Error{Code: ward.EInternal, Message: fmt.Sprintf("advisory store %s: cannot read snapshot %s", dir, name), Err: err}
		}
		snap, err := decodeSnapshot(buf)
		if err != nil {
			return nil, &ward.Error{Code: ward.EInternal, Message: fmt.Sprintf("advisory store %s: snapshot %s is damaged (rebuild it with 'ward db import --replace', or delete the folder and sync again)", dir, name), Err: err}
		}
		return newStore(dir, name, snap), nil
	}
}

func newStore(dir, file string, snap *snapshot) *Store {
	s := &Store{
		dir:   dir,
		file:  file,
		snap:  snap,
		pkgs:  map[string]map[string]uint32{},
		refs:  make([]pkgRef, 0, len(snap.pkgs)),
		lists: make([]atomic.Pointer[[]*ward.Advisory], len(snap.pkgs)),
		advs:  make([]atomic.Pointer[ward.Advisory], snap.len()),
	}
	var m map[string]uint32
	for _, p := range snap.pkgs {
		if m = s.pkgs[p.ecosystem]; m == nil {
			m = map[string]uint32{}
			s.pkgs[p.ecosystem] = m
		}
		m[p.name] = uint32(len(s.refs))
		s.refs = append(s.refs, p.ref)
	}
	snap.pkgs = nil // now in s.pkgs
	return s
}

// readCurrent returns the snapshot file name CURRENT points to.
func readCurrent(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", ward.Errorf(ward.ENotFound, "no advisory store in %s (create it with 'ward db import' or 'ward db sync')", dir)
	}
	if err != nil {
		return "", &ward.Error{Code: ward.EInternal, Message: fmt.Sprintf("advisory store %s: cannot read %s", dir, currentFile), Err: err}
	}
	name := strings.TrimSpace(string(b))
	if !snapshotName.MatchString(name) {
		return "", ward.Errorf(ward.EInternal, "advisory store %s: %s names %q, not a snapshot file (rebuild it with 'ward db import --replace')", dir, currentFile, name)
	}
	return name, nil
}

// Snapshot describes the open snapshot. The returned Counts map is a copy.
func (s *Store) Snapshot() SnapshotInfo {
	if s.snap == nil {
		return SnapshotInfo{}
	}
	return s.snap.info()
}

// SyncStates returns what the last Sync of each ecosystem recorded, by
// ecosystem; empty when the store was only imported into.
func (s *Store) SyncStates() map[string]SyncState {
	if s.snap == nil {
		return nil
	}
	return maps.Clone(s.snap.header.Sync)
}

// Lookup returns every advisory with an affected entry for the package
// name in ecosystem, withdrawn ones included, in ID order. ecosystem may
// carry a suffix ("Debian:12" finds what "Debian" finds) and name is
// normalized with NormalizeName, so callers may pass either form.
//
// The slice and the advisories are shared by every caller and must not be
// modified. Unknown packages give nil.
func (s *Store) Lookup(ecosystem, name string) []*ward.Advisory {
	names := s.pkgs[BaseEcosystem(ecosystem)]
	if names == nil {
		return nil
	}
	p, ok := names[name]
	if !ok {
		if p, ok = names[NormalizeName(ecosystem, name)]; !ok {
			return nil
		}
	}
	if l := s.lists[p].Load(); l != nil {
		return *l
	}
	recs := s.snap.records(s.refs[p])
	list := make([]*ward.Advisory, len(recs))
	for i, r := range recs {
		list[i] = s.record(int(r))
	}
	// Two callers may build the list at once; both results are equal.
	s.lists[p].Store(&list)
	return list
}

// record returns record i, decoding it on first use.
func (s *Store) record(i int) *ward.Advisory {
	if a := s.advs[i].Load(); a != nil {
		return a
	}
	a, err := decodeAdvisory(s.snap.rec(i))
	if err != nil {
		// The file passed its checksum at Open, so this is a bug in the
		// codec, not bad data: failing loudly beats a silently missed
		// vulnerability.
		panic(fmt.Sprintf("osv: snapshot %s: record %d: %v", s.file, i, err))
	}
	s.advs[i].Store(a)
	return a
}

// Advisory returns the advisory with the given ID: ENotFound if there is
// none. Aliases are not resolved.
func (s *Store) Advisory(id string) (*ward.Advisory, error) {
	if s.snap == nil {
		return nil, ward.Errorf(ward.EInvalid, "advisory store is closed")
	}
	i := s.snap.find(id)
	if i < 0 {
		return nil, ward.Errorf(ward.ENotFound, "no advisory %s in the store", id)
	}
	return s.record(i), nil
}

// Raw returns the advisory's OSV record as imported (compact JSON), for
// fields ward does not model. ENotFound if there is none.
func (s *Store) Raw(id string) ([]byte, error) {
	if s.snap == nil {
		return nil, ward.Errorf(ward.EInvalid, "advisory store is closed")
	}
	i := s.snap.find(id)
	if i < 0 {
		return nil, ward.Errorf(ward.ENotFound, "no advisory %s in the store", id)
	}
	return slices.Clone(s.snap.raw(i)), nil
}

// IDs returns the IDs of every advisory, sorted.
func (s *Store) IDs() []string {
	if s.snap == nil {
		return nil
	}
	ids := make([]string, s.snap.len())
	for i := range ids {
		ids[i] = s.snap.id(i)
	}
	return ids
}

// Close releases the snapshot. Advisories returned before stay valid;
// afterwards Lookup finds nothing and Advisory and Raw fail.
func (s *Store) Close() error {
	s.snap, s.pkgs, s.refs, s.lists, s.advs = nil, nil, nil, nil, nil
	return nil
}

// update runs change on the current content of the store in dir (cur is
// nil for an empty store) and writes its result as the new snapshot, all
// under the store lock.
//
// With replace, a damaged current snapshot is treated as an empty store, so
// that a replacing import can repair it.
func update(ctx context.Context, dir string, created time.Time, replace bool, change func(cur *snapshot) ([]*entry, map[string]SyncState, error)) (SnapshotInfo, error) {
	unlock, err := lockStore(dir)
	if err != nil {
		return SnapshotInfo{}, err
	}
	defer unlock()
	cur, err := currentSnapshot(dir)
	if err != nil && !replace {
		return SnapshotInfo{}, err
	}
	return updateLocked(ctx, dir, cur, created, change)
}

// lockStore creates dir if needed and takes its writer lock.
func lockStore(dir string) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &ward.Error{Code: ward.EInvalid, Message: fmt.Sprintf("cannot create the advisory store %s", dir), Err: err}
	}
	return lockDir(dir)
}

// currentSnapshot returns the current snapshot, or nil for an empty store.
func currentSnapshot(dir string) (*snapshot, error) {
	st, err := Open(dir)
	if ward.CodeOf(err) == ward.ENotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return st.snap, nil
}

// updateLocked is update for a caller that holds the lock and read cur.
func updateLocked(ctx context.Context, dir string, cur *snapshot, created time.Time, change func(cur *snapshot) ([]*entry, map[string]SyncState, error)) (SnapshotInfo, error) {
	entries, sync, err := change(cur)
	if err != nil {
		return SnapshotInfo{}, err
	}
	// The last moment to give up: after this the new snapshot goes live.
	if err := ctx.Err(); err != nil {
		return SnapshotInfo{}, err
	}
	data, info := encodeSnapshot(entries, created, sync)
	if err := commit(dir, data, info.ID); err != nil {
		return SnapshotInfo{}, err
	}
	return info, nil
}

// commit writes data as the snapshot file for id and points CURRENT at it.
func commit(dir string, data []byte, id string) error {
	name := "snapshot-" + id[:16] + ".wosv"
	if err := writeFileAtomic(dir, name, data); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	if err := writeFileAtomic(dir, currentFile, []byte(name+"\n")); err != nil {
		return fmt.Errorf("switch to the new snapshot: %w", err)
	}
	removeStale(dir, name)
	return nil
}

// writeFileAtomic writes dir/name through a synced temporary file and a
// rename, so that dir/name is always either the old or the new content.
func writeFileAtomic(dir, name string, data []byte) (err error) {
	f, err := os.CreateTemp(dir, tmpPrefix+name+"-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	// Readable by all, as a cache shared by a team's CI jobs may need.
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), filepath.Join(dir, name)); err != nil {
		return err
	}
	return syncDir(dir)
}

// removeStale deletes what crashed writers left behind and the snapshots
// CURRENT no longer names. Failures only leave garbage, so they are
// ignored. It runs under the store lock.
func removeStale(dir, keep string) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, de := range des {
		n := de.Name()
		if strings.HasPrefix(n, tmpPrefix) || (snapshotName.MatchString(n) && n != keep) {
			os.Remove(filepath.Join(dir, n))
		}
	}
}
