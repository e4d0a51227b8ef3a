package signing

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wardhq/ward"
)

// Limits bound what ParseManifest reads, against hostile or broken input.
type Limits struct {
	MaxBytes   int64 // whole manifest; default DefaultMaxManifestBytes
	MaxEntries int   // files listed; default 100,000
}

// DefaultMaxManifestBytes is the default Limits.MaxBytes, 4 MiB: some
// 40,000 files with long paths.
const DefaultMaxManifestBytes = 4 << 20

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxManifestBytes
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = 100_000
	}
	return l
}

// maxPathBytes bounds one path: longer than any file system allows.
const maxPathBytes = 4096

// Entry is one file of a manifest.
type Entry struct {
	Path   string   // relative to the artifacts folder, "/"-separated; valid for CheckPath
	SHA256 [32]byte // digest of the file's bytes
}

// Manifest lists the files of a release with their SHA-256 digests. Its
// Entries are sorted by Path (byte order) without duplicates; NewManifest
// and ParseManifest guarantee it.
type Manifest struct {
	Entries []Entry
}

// ManifestName returns the manifest's file name for a release version,
// ward-release-<version>.sha256. The version becomes part of a file name,
// so it may hold only letters, digits and . _ + - ~, starting with a letter
// or digit (EInvalid otherwise).
func ManifestName(version string) (string, error) {
	ok := version != "" && len(version) <= 128
	for i, r := range version {
		alnum := r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
		ok = ok && (alnum || i > 0 && strings.ContainsRune("._+-~", r))
	}
	if !ok {
		return "", ward.Errorf(ward.EInvalid, "release version %q cannot name the manifest file: use letters, digits and . _ + - ~ only, e.g. 2.4.0", version)
	}
	return "ward-release-" + version + ".sha256", nil
}

// SignatureName returns the signature's file name for a manifest name.
func SignatureName(manifestName string) string { return manifestName + ".sig" }

// CheckPath reports why p cannot be a manifest path, or nil. A path is
// relative to the artifacts folder, "/"-separated, clean (no ".", ".." or
// empty elements, no leading "./"), valid UTF-8 without control
// characters, backslashes or surrounding spaces: sha256sum would escape
// such names, and "../" would reach outside the folder.
func CheckPath(p string) error {
	switch {
	case p == "":
		return fmt.Errorf("empty path")
	case len(p) > maxPathBytes:
		return fmt.Errorf("path longer than %d bytes", maxPathBytes)
	case !utf8.ValidString(p):
		return fmt.Errorf("path %q is not valid UTF-8", p)
	case strings.ContainsFunc(p, func(r rune) bool { return unicode.IsControl(r) || r == '\\' }):
		return fmt.Errorf("path %q holds a control character or backslash (sha256sum would escape it; rename the file)", p)
	case strings.TrimSpace(p) != p:
		return fmt.Errorf("path %q starts or ends with a space (rename the file)", p)
	case strings.HasPrefix(p, "/"):
		return fmt.Errorf("path %q is absolute (want it relative to the artifacts folder)", p)
	case p == "." || p == ".." || strings.HasPrefix(p, "../"):
		return fmt.Errorf("path %q is not a file inside the artifacts folder", p)
	case path.Clean(p) != p:
		return fmt.Errorf("path %q is not clean (write %q)", p, path.Clean(p))
	}
	return nil
}

// NewManifest returns the manifest of entries, sorted by path. It fails
// with EInvalid, naming the path, when a path is invalid for CheckPath or
// listed twice.
func NewManifest(entries []Entry) (*Manifest, error) {
	m := &Manifest{Entries: slices.Clone(entries)}
	slices.SortFunc(m.Entries, func(a, b Entry) int { return strings.Compare(a.Path, b.Path) })
	for i, e := range m.Entries {
		if err := CheckPath(e.Path); err != nil {
			return nil, ward.Errorf(ward.EInvalid, "manifest: %v", err)
		}
		if i > 0 && m.Entries[i-1].Path == e.Path {
			return nil, ward.Errorf(ward.EInvalid, "manifest: %s is listed twice", e.Path)
		}
	}
	return m, nil
}

// Bytes returns the manifest in sha256sum's format: one line
// "<hex digest>  <path>\n" per entry, in order.
func (m *Manifest) Bytes() []byte {
	var b bytes.Buffer
	for _, e := range m.Entries {
		b.WriteString(hex.EncodeToString(e.SHA256[:]))
		b.WriteString("  ")
		b.WriteString(e.Path)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Lookup returns the entry for path p.
func (m *Manifest) Lookup(p string) (Entry, bool) {
	i, ok := slices.BinarySearchFunc(m.Entries, p, func(e Entry, p string) int { return strings.Compare(e.Path, p) })
	if !ok {
		return Entry{}, false
	}
	return m.Entries[i], true
}

// ParseManifest reads a manifest as Bytes writes it, strictly: lower-case
// hex digests, exactly two spaces (sha256sum's text mode), paths valid for
// CheckPath, sorted without duplicates, "\n" after every line, at least one
// line. name is the file name used in positions. It returns ward.PosErrors
// with every problem found (line and column), or the Manifest.
func ParseManifest(name string, data []byte, lim Limits) (*Manifest, error) {
	lim = lim.withDefaults()
	at := func(line, col int, format string, args ...any) *ward.PosError {
		return &ward.PosError{Pos: ward.Pos{File: name, Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)}
	}
	switch {
	case int64(len(data)) > lim.MaxBytes:
		return nil, ward.PosErrors{at(0, 0, "manifest larger than %d bytes", lim.MaxBytes)}
	case len(data) == 0:
		return nil, ward.PosErrors{at(0, 0, "empty manifest: it lists no file")}
	}
	var errs ward.PosErrors
	lines := strings.Split(string(data), "\n")
	if last := lines[len(lines)-1]; last != "" {
		errs = append(errs, at(len(lines), len(last)+1, "the last line does not end with a newline"))
	} else {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > lim.MaxEntries {
		return nil, ward.PosErrors{at(lim.MaxEntries+1, 0, "more than %d files", lim.MaxEntries)}
	}
	m := &Manifest{}
	prev := ""
	for i, line := range lines {
		n := i + 1
		if c := strings.IndexByte(line, '\r'); c >= 0 {
			errs = append(errs, at(n, c+1, "carriage return: lines end with \\n only"))
			continue
		}
		if len(line) < 2*sha256.Size+3 {
			errs = append(errs, at(n, 1, "want <64 hex digits><two spaces><path>, got %q", line))
			continue
		}
		var e Entry
		digest := line[:2*sha256.Size]
		if c := strings.IndexFunc(digest, func(r rune) bool { return !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') }); c >= 0 {
			errs = append(errs, at(n, c+1, "digest: want 64 lower-case hex digits"))
			continue
		}
		hex.Decode(e.SHA256[:], []byte(digest))
		switch sep := line[2*sha256.Size : 2*sha256.Size+2]; sep {
		case "  ":
		case " *":
			errs = append(errs, at(n, 2*sha256.Size+2, "binary-mode marker '*': ward writes text-mode lines (two spaces)"))
			continue
		default:
			errs = append(errs, at(n, 2*sha256.Size+1, "want two spaces between digest and path, got %q", sep))
			continue
		}
		e.Path = line[2*sha256.Size+2:]
		col := 2*sha256.Size + 3
		if err := CheckPath(e.Path); err != nil {
			errs = append(errs, at(n, col, "%v", err))
			continue
		}
		switch {
		case e.Path == prev:
			errs = append(errs, at(n, col, "%s is listed twice", e.Path))
			continue
		case e.Path < prev:
			errs = append(errs, at(n, col, "%s comes after %s: lines are sorted by path", e.Path, prev))
		}
		prev = e.Path
		m.Entries = append(m.Entries, e)
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return m, nil
}

// FileSHA256 returns the SHA-256 digest of the regular file at p, reading
// it as a stream (artifacts may be large).
func FileSHA256(p string) ([32]byte, error) {
	var sum [32]byte
	f, err := os.Open(p)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return sum, err
	} else if !fi.Mode().IsRegular() {
		return sum, fmt.Errorf("%s is not a regular file", p)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, fmt.Errorf("read %s: %w", p, err)
	}
	h.Sum(sum[:0])
	return sum, nil
}

// ParseDigest parses a hex SHA-256 digest as the security file records it
// (upper or lower case).
func ParseDigest(s string) ([32]byte, error) {
	var sum [32]byte
	if len(s) != 2*sha256.Size {
		return sum, fmt.Errorf("sha256 %q: want 64 hex digits", s)
	}
	if _, err := hex.Decode(sum[:], []byte(s)); err != nil {
		return sum, fmt.Errorf("sha256 %q: want 64 hex digits", s)
	}
	return sum, nil
}
