// Package readlimit reads whole inputs under a size limit. Parsers need a
// whole file in memory (positions, schema validation), so the limit is
// what bounds the memory a hostile or mistaken input can take.
package readlimit

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/wardhq/ward"
)

// All reads all of r, named name in errors, and fails with EInvalid when r
// holds more than max bytes.
func All(name string, r io.Reader, max int64) ([]byte, error) {
	// Reading into a buffer of the right size avoids io.ReadAll's doubling,
	// which for a large file costs more memory than the file itself.
	var buf bytes.Buffer
	if n := sizeHint(r); n > 0 && n <= max {
		buf.Grow(int(n) + 1)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, max+1)); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(buf.Len()) > max {
		return nil, ward.Errorf(ward.EInvalid, "%s: larger than the limit of %s (raise the limit if the file is genuine)", name, Bytes(max))
	}
	return buf.Bytes(), nil
}

// File reads the file at path under the limit.
func File(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return All(path, f, max)
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

// Bytes writes a size for people: "64 MiB", "512 KiB", "1000 bytes".
func Bytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
