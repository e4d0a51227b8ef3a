package evidence

import (
	"bytes"
	"io"
	"unicode/utf8"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/jsonpos"
	"github.com/wardhq/ward/internal/readlimit"
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
	return readlimit.All(name, r, lim.MaxBytes)
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
