package evidence

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"unicode/utf8"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/jsonpos"
)

// Default limits, used where a Limits field is zero or negative.
const (
	DefaultMaxBytes = 64 << 20
	DefaultMaxCases = 200_000
	DefaultMaxDepth = 64
)

// Limits bound what a parser reads, so that a hostile or broken file cannot
// exhaust memory or time. Zero fields take the defaults above.
type Limits struct {
	MaxBytes int64 // largest input in bytes
	MaxCases int   // most test cases (JUnit), results (SARIF, all runs) or findings (pentest)
	MaxDepth int   // deepest XML element nesting (JUnit)
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxCases <= 0 {
		l.MaxCases = DefaultMaxCases
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	return l
}

// readAll reads all of r, failing with EInvalid when r holds more than
// lim.MaxBytes: every parser needs the whole file to place its errors.
func readAll(name string, r io.Reader, lim Limits) ([]byte, error) {
	var buf bytes.Buffer
	if n := sizeHint(r); n > 0 && n <= lim.MaxBytes {
		buf.Grow(int(n) + 1)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, lim.MaxBytes+1)); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(buf.Len()) > lim.MaxBytes {
		return nil, ward.Errorf(ward.EInvalid, "%s: larger than the limit of %s (raise Limits.MaxBytes if the file is genuine)", name, formatBytes(lim.MaxBytes))
	}
	return buf.Bytes(), nil
}

// sizeHint is the number of bytes r will likely yield, or 0 if unknown.
func sizeHint(r io.Reader) int64 {
	switch r := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		return int64(r.Len())
	case interface{ Stat() (fs.FileInfo, error) }: // *os.File
		if fi, err := r.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	}
	return 0
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// firstByte returns the first byte of data that is not white space or a
// UTF-8 byte order mark, and its offset; 0, len(data) when there is none.
func firstByte(data []byte) (byte, int) {
	i := 0
	if bytes.HasPrefix(data, utf8BOM) {
		i = len(utf8BOM)
	}
	for ; i < len(data); i++ {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return data[i], i
	}
	return 0, len(data)
}

// posAt returns the line and byte column of offset off in data: jsonpos
// counts lines and bytes the same way in any text.
func posAt(name string, data []byte, off int64) ward.Pos {
	return jsonpos.New(name, data).PosAt(off)
}

// truncate cuts s to at most max characters, ending in "…" when cut.
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
