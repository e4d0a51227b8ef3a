package osv

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/wardhq/ward"
)

// A snapshot file holds one complete, immutable content of the store:
//
//	magic      "WARDOSV1" (8 bytes)
//	header     u32 length + JSON (snapshotHeader)
//	counts     u32 N records, u32 M packages
//	records    N × (u64 offset, u32 record length, u32 raw length), sorted by ID
//	packages   u32 length + M × (uvarint key length, key, uvarint n,
//	           n × uvarint record-number delta), sorted by key;
//	           key = base ecosystem + "\x00" + normalized name
//	data       per record: encoded advisory (codec.go), then its raw OSV JSON
//	trailer    u32 CRC-32C of every byte before it
//
// Integers are little-endian. The trailer catches a damaged file; a partly
// written one is never reachable, because CURRENT only ever names a file
// that was fsynced and renamed into place.
const (
	snapshotMagic = "WARDOSV1"
	formatVersion = 1
	recordEntry   = 16 // bytes per record-table entry
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// SnapshotInfo describes the store's current content.
type SnapshotInfo struct {
	// ID is the lowercase hex SHA-256 over the records in ID order (each
	// as its compact OSV JSON, length-prefixed), so the same advisories
	// always give the same ID, whatever the import order or source format.
	ID string `json:"id"`
	// Created is when the snapshot was written (UTC), by the clock the
	// importer was given.
	Created time.Time `json:"created"`
	// NewestModified is the latest `modified` of any record (UTC); the age
	// of the data. Zero for an empty store.
	NewestModified time.Time `json:"newest_modified"`
	// Counts is the number of advisories per base ecosystem ("PyPI",
	// "Debian"); an advisory naming packages of two ecosystems counts in
	// both. Records without a package are not counted here.
	Counts    map[string]int `json:"counts"`
	Total     int            `json:"total"`     // advisories, each counted once
	Withdrawn int            `json:"withdrawn"` // of Total, how many are withdrawn
}

// SyncState is what Sync remembers of one ecosystem's download, to ask the
// server only for changes.
type SyncState struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"` // as the server sent it
	Fetched      time.Time `json:"fetched"`                 // UTC, when the body was last downloaded
}

type snapshotHeader struct {
	Format int `json:"format"`
	SnapshotInfo
	Sync map[string]SyncState `json:"sync,omitempty"` // by ecosystem as given to Sync
}

// entry is one record on its way into a snapshot.
type entry struct {
	adv *ward.Advisory
	rec []byte // appendAdvisory(adv)
	raw []byte // compact OSV JSON
}

// keys returns the index keys of a: one per distinct package.
func keys(a *ward.Advisory) []string {
	var ks []string
	for _, af := range a.Affected {
		if af.Name == "" || af.Ecosystem == "" {
			continue
		}
		k := indexKey(af.Ecosystem, af.Name)
		if !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	return ks
}

func indexKey(ecosystem, name string) string {
	return BaseEcosystem(ecosystem) + "\x00" + NormalizeName(ecosystem, name)
}

// encodeSnapshot builds a snapshot file from entries, which it sorts by ID;
// IDs must be unique. It returns the file content and its info.
func encodeSnapshot(entries []*entry, created time.Time, sync map[string]SyncState) ([]byte, SnapshotInfo) {
	slices.SortFunc(entries, func(a, b *entry) int { return strings.Compare(a.adv.ID, b.adv.ID) })
	info := SnapshotInfo{Created: created.UTC(), Counts: map[string]int{}, Total: len(entries)}
	digest := sha256.New()
	pkgs := map[string][]uint32{}
	size := 0
	for i, e := range entries {
		var n [binary.MaxVarintLen64]byte
		digest.Write(n[:binary.PutUvarint(n[:], uint64(len(e.raw)))])
		digest.Write(e.raw)
		size += len(e.rec) + len(e.raw)
		if !e.adv.Withdrawn.IsZero() {
			info.Withdrawn++
		}
		if e.adv.Modified.After(info.NewestModified) {
			info.NewestModified = e.adv.Modified
		}
		var ecos []string
		for _, k := range keys(e.adv) {
			pkgs[k] = append(pkgs[k], uint32(i))
			eco, _, _ := strings.Cut(k, "\x00")
			if !slices.Contains(ecos, eco) {
				ecos = append(ecos, eco)
				info.Counts[eco]++
			}
		}
	}
	info.ID = hex.EncodeToString(digest.Sum(nil))

	header, err := json.Marshal(snapshotHeader{Format: formatVersion, SnapshotInfo: info, Sync: sync})
	if err != nil {
		panic(err) // plain structs and maps of strings always marshal
	}
	var index []byte
	for _, k := range slices.Sorted(maps.Keys(pkgs)) {
		recs := pkgs[k]
		index = binary.AppendUvarint(index, uint64(len(k)))
		index = append(index, k...)
		index = binary.AppendUvarint(index, uint64(len(recs)))
		prev := uint32(0)
		for _, r := range recs {
			index = binary.AppendUvarint(index, uint64(r-prev))
			prev = r
		}
	}

	b := make([]byte, 0, len(snapshotMagic)+4+len(header)+8+len(entries)*recordEntry+4+len(index)+size+4)
	b = append(b, snapshotMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(header)))
	b = append(b, header...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(entries)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(pkgs)))
	off := uint64(len(b) + len(entries)*recordEntry + 4 + len(index))
	for _, e := range entries {
		b = binary.LittleEndian.AppendUint64(b, off)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(e.rec)))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(e.raw)))
		off += uint64(len(e.rec) + len(e.raw))
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(index)))
	b = append(b, index...)
	for _, e := range entries {
		b = append(b, e.rec...)
		b = append(b, e.raw...)
	}
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
	return b, info
}

// snapshot is a decoded snapshot file: header and tables parsed, records
// left encoded in buf.
type snapshot struct {
	buf    []byte
	header snapshotHeader
	table  []byte     // N × recordEntry
	pkgs   []pkgEntry // sorted by ecosystem and name
	index  []byte     // the packages section, which pkgRef points into
}

// pkgEntry is one package of the index.
type pkgEntry struct {
	ecosystem, name string
	ref             pkgRef
}

// pkgRef locates one package's record list in snapshot.index.
type pkgRef struct {
	off, n uint32
}

var errBadSnapshot = errors.New("not a complete ward advisory snapshot")

// decodeSnapshot checks buf and parses its header and index. It does not
// decode records.
func decodeSnapshot(buf []byte) (*snapshot, error) {
	if len(buf) < len(snapshotMagic)+4+8+4+4 || string(buf[:len(snapshotMagic)]) != snapshotMagic {
		return nil, errBadSnapshot
	}
	body, trailer := buf[:len(buf)-4], buf[len(buf)-4:]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(trailer) {
		return nil, fmt.Errorf("%w: checksum mismatch", errBadSnapshot)
	}
	s := &snapshot{buf: buf}
	r := body[len(snapshotMagic):]
	take := func(n uint64) []byte {
		if n > uint64(len(r)) {
			return nil
		}
		b := r[:n]
		r = r[n:]
		return b
	}
	u32 := func() uint32 {
		b := take(4)
		if b == nil {
			return 0
		}
		return binary.LittleEndian.Uint32(b)
	}
	hlen := u32()
	hb := take(uint64(hlen))
	if hb == nil {
		return nil, errBadSnapshot
	}
	if err := json.Unmarshal(hb, &s.header); err != nil {
		return nil, fmt.Errorf("%w: header: %v", errBadSnapshot, err)
	}
	if s.header.Format != formatVersion {
		return nil, fmt.Errorf("snapshot format %d, this ward reads %d (run 'ward db import --replace' or 'ward db sync' again)", s.header.Format, formatVersion)
	}
	n, m := u32(), u32()
	if s.table = take(uint64(n) * recordEntry); s.table == nil {
		return nil, errBadSnapshot
	}
	ilen := u32()
	if s.index = take(uint64(ilen)); s.index == nil {
		return nil, errBadSnapshot
	}
	dataStart := uint64(len(body) - len(r))
	for i := range int(n) {
		off, rl, wl := s.entry(i)
		if off < dataStart || off+uint64(rl)+uint64(wl) > uint64(len(body)) {
			return nil, fmt.Errorf("%w: record %d out of bounds", errBadSnapshot, i)
		}
	}
	s.pkgs = make([]pkgEntry, 0, m)
	d := decoder{b: s.index}
	for range m {
		k := d.str()
		cnt := d.count()
		off := uint32(len(s.index) - len(d.b))
		total := uint64(0)
		for range cnt {
			total += d.uvarint()
			if total >= uint64(n) {
				d.err = errCorrupt
			}
		}
		if d.err != nil {
			return nil, fmt.Errorf("%w: package index", errBadSnapshot)
		}
		eco, name, ok := strings.Cut(k, "\x00")
		if !ok {
			return nil, fmt.Errorf("%w: package index key", errBadSnapshot)
		}
		s.pkgs = append(s.pkgs, pkgEntry{ecosystem: eco, name: name, ref: pkgRef{off: off, n: uint32(cnt)}})
	}
	return s, nil
}

// info returns the snapshot's description with a copy of its counts.
func (s *snapshot) info() SnapshotInfo {
	info := s.header.SnapshotInfo
	info.Counts = maps.Clone(info.Counts)
	if info.Counts == nil {
		info.Counts = map[string]int{}
	}
	return info
}

// entry returns record i's offset and lengths from the record table.
func (s *snapshot) entry(i int) (off uint64, recLen, rawLen uint32) {
	e := s.table[i*recordEntry:]
	return binary.LittleEndian.Uint64(e), binary.LittleEndian.Uint32(e[8:]), binary.LittleEndian.Uint32(e[12:])
}

func (s *snapshot) len() int { return len(s.table) / recordEntry }

func (s *snapshot) rec(i int) []byte {
	off, rl, _ := s.entry(i)
	return s.buf[off : off+uint64(rl)]
}

func (s *snapshot) raw(i int) []byte {
	off, rl, wl := s.entry(i)
	return s.buf[off+uint64(rl) : off+uint64(rl)+uint64(wl)]
}

// id returns record i's ID without decoding the record: it is the first
// field of the encoding.
func (s *snapshot) id(i int) string {
	d := decoder{b: s.rec(i)}
	return d.str()
}

// find returns the record number of id, or -1.
func (s *snapshot) find(id string) int {
	lo, hi := 0, s.len()
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if s.id(mid) < id {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < s.len() && s.id(lo) == id {
		return lo
	}
	return -1
}

// records returns the record numbers of one package.
func (s *snapshot) records(ref pkgRef) []uint32 {
	d := decoder{b: s.index[ref.off:]}
	out := make([]uint32, ref.n)
	prev := uint32(0)
	for i := range out {
		prev += uint32(d.uvarint())
		out[i] = prev
	}
	return out
}

// compactJSON returns data without insignificant white space, the form in
// which raw records are stored and hashed.
func compactJSON(data []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(data))
	if err := json.Compact(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
