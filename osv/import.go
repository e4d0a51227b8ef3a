package osv

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/wardhq/ward"
)

// Limits bound what one import reads, so that a hostile or broken input
// cannot exhaust memory. A zero field takes its value from DefaultLimits.
type Limits struct {
	MaxRecordBytes    int64 // one record: a .json file, a JSON line, an archive entry
	MaxFileBytes      int64 // one input file (.jsonl, .zip) or download
	MaxArchiveEntries int   // entries in one zip archive
	MaxArchiveBytes   int64 // uncompressed bytes of one zip archive
}

// DefaultLimits fit the largest published OSV data: the biggest ecosystem
// all.zip is a few hundred MB uncompressed, the biggest record a few MB.
var DefaultLimits = Limits{
	MaxRecordBytes:    16 << 20,
	MaxFileBytes:      2 << 30,
	MaxArchiveEntries: 2_000_000,
	MaxArchiveBytes:   8 << 30,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxRecordBytes > 0 {
		d.MaxRecordBytes = l.MaxRecordBytes
	}
	if l.MaxFileBytes > 0 {
		d.MaxFileBytes = l.MaxFileBytes
	}
	if l.MaxArchiveEntries > 0 {
		d.MaxArchiveEntries = l.MaxArchiveEntries
	}
	if l.MaxArchiveBytes > 0 {
		d.MaxArchiveBytes = l.MaxArchiveBytes
	}
	return d
}

// ImportOptions control Import.
type ImportOptions struct {
	// Replace makes the imported records the whole content of the store;
	// by default they are merged into it (same ID: the newer `modified`
	// wins, the imported record on a tie).
	Replace bool
	// SkipInvalid imports the valid records and reports the invalid ones
	// in ImportResult.Problems; by default one invalid record fails the
	// whole import and nothing changes.
	SkipInvalid bool
	// Now is the clock for SnapshotInfo.Created; nil means time.Now.
	Now    func() time.Time
	Limits Limits
}

// ImportResult says what an import read and changed.
type ImportResult struct {
	Snapshot SnapshotInfo // the store's content after the import
	Files    int          // input files read (a .jsonl or .zip counts once)
	Records  int          // valid records read, duplicates included
	Added    int          // records whose ID was not stored
	Updated  int          // stored records replaced by a newer or equally new one
	// Unchanged counts records identical to the stored ones; Older those
	// ignored because the stored record is newer.
	Unchanged, Older int
	Removed          int // stored records dropped by Replace
	// Skipped counts invalid records left out under SkipInvalid; Problems
	// holds the first maxProblems of their errors.
	Skipped  int
	Problems ward.PosErrors
}

// maxProblems bounds the problems kept, so that importing a wrong
// directory of a million files does not hold a million errors.
const maxProblems = 100

// Import reads OSV records from paths and writes them into the store in
// dir (created if missing) as a new snapshot. A path may be one OSV .json
// file, a folder (searched recursively for .json, .jsonl and .zip files;
// hidden folders are skipped), an OSV all.zip archive (entries <ID>.json),
// or a JSON Lines file (.jsonl, one record per line).
//
// An unreadable input, an archive that exceeds the limits or names an entry
// outside itself, or (without SkipInvalid) any invalid record fails the
// import with nothing changed; invalid records come back as ward.PosErrors.
// Another import or sync running on the same store is EConflict.
func Import(ctx context.Context, dir string, paths []string, opts ImportOptions) (ImportResult, error) {
	var res ImportResult
	if len(paths) == 0 {
		return res, ward.Errorf(ward.EInvalid, "no input: name OSV .json files, folders, all.zip archives or .jsonl files")
	}
	c := newCollector(ctx, opts.Limits, opts.SkipInvalid, &res)
	for _, p := range paths {
		if err := c.path(p); err != nil {
			return res, err
		}
	}
	if err := c.finish(); err != nil {
		return res, err
	}
	if len(c.recs) == 0 {
		return res, ward.Errorf(ward.EInvalid, "no OSV records found in %s", strings.Join(paths, ", "))
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	info, err := update(ctx, dir, now(), opts.Replace, func(cur *snapshot) ([]*entry, map[string]SyncState, error) {
		var sync map[string]SyncState
		if cur != nil {
			sync = cur.header.Sync
		}
		entries, err := merge(cur, c.recs, opts.Replace, &res)
		return entries, sync, err
	})
	res.Snapshot = info
	return res, err
}

// collector gathers the records of one import, keyed by ID.
type collector struct {
	ctx         context.Context
	lim         Limits
	skipInvalid bool
	res         *ImportResult
	recs        map[string]*entry
	problems    ward.PosErrors
	nproblems   int
	buf         []byte // reused line buffer
}

func newCollector(ctx context.Context, lim Limits, skipInvalid bool, res *ImportResult) *collector {
	return &collector{ctx: ctx, lim: lim.withDefaults(), skipInvalid: skipInvalid, res: res, recs: map[string]*entry{}}
}

func (c *collector) problem(errs ...*ward.PosError) {
	for _, e := range errs {
		c.nproblems++
		if len(c.problems) < maxProblems {
			c.problems = append(c.problems, e)
		}
	}
}

// add parses one record found at file:line. Of two records with one ID the
// newer modified wins, the later one on a tie.
func (c *collector) add(file string, line int, data []byte) {
	if int64(len(data)) > c.lim.MaxRecordBytes {
		c.res.Skipped++
		c.problem(&ward.PosError{Pos: ward.Pos{File: file, Line: line}, Msg: fmt.Sprintf("record is %d bytes, more than the limit of %d", len(data), c.lim.MaxRecordBytes)})
		return
	}
	adv, err := parseRecord(file, line, data)
	if err != nil {
		c.res.Skipped++
		var pes ward.PosErrors
		if errors.As(err, &pes) {
			c.problem(pes...)
		} else {
			c.problem(&ward.PosError{Pos: ward.Pos{File: file, Line: line}, Msg: err.Error()})
		}
		return
	}
	raw, err := compactJSON(data)
	if err != nil { // cannot happen after a successful parse
		c.res.Skipped++
		c.problem(&ward.PosError{Pos: ward.Pos{File: file, Line: line}, Msg: "invalid JSON: " + err.Error()})
		return
	}
	c.res.Records++
	if old, ok := c.recs[adv.ID]; ok && old.adv.Modified.After(adv.Modified) {
		return
	}
	c.recs[adv.ID] = &entry{adv: adv, raw: raw, rec: appendAdvisory(nil, adv)}
}

// finish reports invalid records as the import's error unless they may be
// skipped.
func (c *collector) finish() error {
	if c.nproblems == 0 {
		return nil
	}
	c.problems.Sort()
	if more := c.nproblems - len(c.problems); more > 0 {
		c.problems = append(c.problems, &ward.PosError{Msg: fmt.Sprintf("… and %d more problems", more)})
	}
	if c.skipInvalid {
		c.res.Problems = c.problems
		return nil
	}
	return c.problems
}

// path reads one input named by the user.
func (c *collector) path(p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		return ward.Errorf(ward.EInvalid, "cannot read %s: %v", p, errors.Unwrap(err))
	}
	if !fi.IsDir() {
		kind := fileKind(p)
		if kind == "" {
			return ward.Errorf(ward.EInvalid, "%s: unknown kind of input (want an OSV .json file, a folder, an all.zip archive or a .jsonl file)", p)
		}
		return c.file(p, kind)
	}
	return filepath.WalkDir(p, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return ward.Errorf(ward.EInvalid, "cannot read %s: %v", name, errors.Unwrap(err))
		}
		if d.IsDir() {
			if name != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if kind := fileKind(name); kind != "" && d.Type().IsRegular() {
			return c.file(name, kind)
		}
		return nil
	})
}

func fileKind(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return "json"
	case ".jsonl", ".ndjson":
		return "jsonl"
	case ".zip":
		return "zip"
	}
	return ""
}

func (c *collector) file(name, kind string) error {
	if err := c.ctx.Err(); err != nil {
		return err
	}
	f, err := os.Open(name)
	if err != nil {
		return ward.Errorf(ward.EInvalid, "cannot read %s: %v", name, errors.Unwrap(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	c.res.Files++
	switch kind {
	case "json":
		data, err := io.ReadAll(io.LimitReader(f, c.lim.MaxRecordBytes+1))
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		c.add(name, 1, data)
		return nil
	case "jsonl":
		if fi.Size() > c.lim.MaxFileBytes {
			return ward.Errorf(ward.EInvalid, "%s: %d bytes, more than the limit of %d", name, fi.Size(), c.lim.MaxFileBytes)
		}
		return c.jsonl(name, f)
	default:
		if fi.Size() > c.lim.MaxFileBytes {
			return ward.Errorf(ward.EInvalid, "%s: %d bytes, more than the limit of %d", name, fi.Size(), c.lim.MaxFileBytes)
		}
		return c.zip(name, f, fi.Size())
	}
}

// jsonl reads one record per line; blank lines are skipped.
func (c *collector) jsonl(name string, r io.Reader) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		data, tooLong, err := c.readLine(br)
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read %s: %w", name, err)
		}
		data = bytes.TrimRight(data, "\r\n")
		switch {
		case tooLong:
			c.res.Skipped++
			c.problem(&ward.PosError{Pos: ward.Pos{File: name, Line: line}, Msg: fmt.Sprintf("line is longer than the record limit of %d bytes", c.lim.MaxRecordBytes)})
		case len(bytes.TrimSpace(data)) > 0:
			c.add(name, line, data)
		}
		if err != nil {
			return nil
		}
		if line%1024 == 0 {
			if err := c.ctx.Err(); err != nil {
				return err
			}
		}
	}
}

// readLine returns the next line, or as much of it as the record limit
// allows (tooLong then reports the rest was dropped).
func (c *collector) readLine(r *bufio.Reader) (line []byte, tooLong bool, err error) {
	c.buf = c.buf[:0]
	for {
		chunk, err := r.ReadSlice('\n')
		if int64(len(c.buf)+len(chunk)) <= c.lim.MaxRecordBytes+2 { // +2: "\r\n"
			c.buf = append(c.buf, chunk...)
		} else {
			tooLong = true
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return c.buf, tooLong, err
	}
}

// zip reads an OSV all.zip: entries <ID>.json, other entries ignored. It
// trusts no size in the archive's directory: every entry is read through a
// limit, and the sum of what was read is capped.
func (c *collector) zip(name string, r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if errors.Is(err, zip.ErrInsecurePath) {
		return ward.Errorf(ward.EInvalid, "%s: an entry name points outside the archive (absolute or ..); refusing the archive", name)
	}
	if err != nil {
		return ward.Errorf(ward.EInvalid, "%s: not a readable zip archive (%v); it may be truncated: download it again", name, err)
	}
	if len(zr.File) > c.lim.MaxArchiveEntries {
		return ward.Errorf(ward.EInvalid, "%s: %d entries, more than the limit of %d", name, len(zr.File), c.lim.MaxArchiveEntries)
	}
	var declared uint64
	for _, f := range zr.File {
		if !localName(f.Name) {
			return ward.Errorf(ward.EInvalid, "%s: entry %q points outside the archive (absolute, .. or backslash); refusing the archive", name, f.Name)
		}
		declared += f.UncompressedSize64
	}
	if declared > uint64(c.lim.MaxArchiveBytes) {
		return ward.Errorf(ward.EInvalid, "%s: %d bytes uncompressed, more than the limit of %d; refusing the archive", name, declared, c.lim.MaxArchiveBytes)
	}
	var total int64
	for i, f := range zr.File {
		if f.FileInfo().IsDir() || !strings.EqualFold(path.Ext(f.Name), ".json") {
			continue
		}
		if i%1024 == 0 {
			if err := c.ctx.Err(); err != nil {
				return err
			}
		}
		entryName := name + "!/" + f.Name
		rc, err := f.Open()
		if err != nil {
			return ward.Errorf(ward.EInvalid, "%s: %v; the archive may be damaged: download it again", entryName, err)
		}
		data, err := io.ReadAll(io.LimitReader(rc, c.lim.MaxRecordBytes+1))
		rc.Close()
		if err != nil {
			// archive/zip reports a short or oversized entry and a bad
			// checksum here.
			return ward.Errorf(ward.EInvalid, "%s: %v; the archive may be truncated or damaged: download it again", entryName, err)
		}
		if total += int64(len(data)); total > c.lim.MaxArchiveBytes {
			return ward.Errorf(ward.EInvalid, "%s: more than %d bytes uncompressed; refusing the archive", name, c.lim.MaxArchiveBytes)
		}
		c.add(entryName, 1, data)
	}
	return nil
}

// localName reports whether an archive entry name stays inside the
// archive: relative, without "..", backslashes or NUL. ward never extracts
// archives to disk, but a name like that marks a hostile archive.
func localName(name string) bool {
	if name == "" || strings.ContainsAny(name, "\\\x00") || path.IsAbs(name) {
		return false
	}
	for _, el := range strings.Split(strings.TrimSuffix(name, "/"), "/") {
		if el == ".." || el == "" {
			return false
		}
	}
	return !(len(name) >= 2 && name[1] == ':') // a Windows volume, "C:…"
}

// merge returns the new content: cur (nil for an empty store) with
// incoming merged in, or incoming alone with replace. It counts what
// happened in res.
func merge(cur *snapshot, incoming map[string]*entry, replace bool, res *ImportResult) ([]*entry, error) {
	out := make([]*entry, 0, len(incoming))
	if cur != nil {
		for i := range cur.len() {
			rec := cur.rec(i)
			adv, err := decodeAdvisory(rec)
			if err != nil {
				return nil, fmt.Errorf("read stored record %d: %w", i, err)
			}
			in, ok := incoming[adv.ID]
			switch {
			case !ok:
				if replace {
					res.Removed++
					continue
				}
			case bytes.Equal(in.raw, cur.raw(i)):
				res.Unchanged++
				delete(incoming, adv.ID)
			case !replace && adv.Modified.After(in.adv.Modified):
				res.Older++
				delete(incoming, adv.ID)
			default:
				res.Updated++
				continue // the incoming record takes its place below
			}
			out = append(out, &entry{adv: adv, rec: rec, raw: cur.raw(i)})
		}
	}
	for _, e := range incoming {
		out = append(out, e)
	}
	res.Added = len(out) - (cur.lenOrZero() - res.Removed)
	return out, nil
}

func (s *snapshot) lenOrZero() int {
	if s == nil {
		return 0
	}
	return s.len()
}
