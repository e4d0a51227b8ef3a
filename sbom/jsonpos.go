package sbom

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/wardhq/ward"
)

// sniffJSONKeys returns "bomFormat" or "spdxVersion" when the top-level
// object has that key, else "". It stops at the first of them, which both
// formats put near the top, and skips values without copying them.
func sniffJSONKeys(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return ""
		}
		if k, _ := t.(string); k == "bomFormat" || k == "spdxVersion" {
			return k
		}
		if skipValue(dec) != nil {
			return ""
		}
	}
	return ""
}

// skipValue consumes one JSON value from dec token by token.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

func jsonValid(data []byte) bool { return json.Valid(data) }

// lineIndex maps byte offsets of one document to 1-based line and column
// (columns count bytes, as editors given a byte offset do).
type lineIndex struct {
	starts []int // offset of the first byte of each line
}

func newLineIndex(data []byte) *lineIndex {
	starts := make([]int, 1, 64+len(data)/64)
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return &lineIndex{starts: starts}
}

// pos returns the line and column of byte offset off.
func (li *lineIndex) pos(off int) (line, col int) {
	lo, hi := 0, len(li.starts)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1, off - li.starts[lo] + 1
}

// offsetPos is the line and column of byte offset off in data.
func offsetPos(name string, data []byte, off int64) ward.Pos {
	if off < 0 {
		off = 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col := newLineIndex(data[:off]).pos(int(off))
	return ward.Pos{File: name, Line: line, Col: col}
}

// jsonError turns an encoding/json error into a PosError with the position
// of the offending byte and, for type errors, the JSON path of the field.
func jsonError(name string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// Offset is just past the offending byte.
		off := se.Offset - 1
		if off < 0 {
			off = 0
		}
		return ward.PosErrors{{Pos: offsetPos(name, data, off), Msg: "JSON syntax error: " + strings.TrimPrefix(se.Error(), "json: ")}}
	case errors.As(err, &te):
		msg := fmt.Sprintf("expected %s, found JSON %s", jsonKind(te.Type.String()), te.Value)
		return ward.PosErrors{{Pos: offsetPos(name, data, valueStart(data, te.Offset)), Path: te.Field, Msg: msg}}
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return ward.PosErrors{{Pos: offsetPos(name, data, int64(len(data))), Msg: "JSON syntax error: unexpected end of file"}}
	}
	return ward.PosErrors{{Pos: ward.Pos{File: name}, Msg: "invalid JSON: " + strings.TrimPrefix(err.Error(), "json: ")}}
}

func jsonKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]") || strings.HasPrefix(goType, "*[]"):
		return "an array"
	case goType == "string" || strings.HasSuffix(goType, "Type") || strings.HasSuffix(goType, "Algorithm"):
		return "a string"
	case strings.HasPrefix(goType, "int") || strings.HasPrefix(goType, "float") || strings.HasPrefix(goType, "uint"):
		return "a number"
	case goType == "bool":
		return "a boolean"
	}
	return "an object"
}

// jsonPath renders a JSON pointer's tokens as a path like
// "components[3].hashes[0].content".
func jsonPath(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		if _, err := strconv.Atoi(t); err == nil {
			b.WriteString("[" + t + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(t)
	}
	return b.String()
}

// valueStart moves back from off, the end of a scalar JSON value as
// encoding/json reports it in type errors, to the value's first byte.
func valueStart(data []byte, off int64) int64 {
	if off <= 0 || off > int64(len(data)) {
		return off
	}
	i := off
	if data[i-1] == '"' {
		for i--; i > 0; i-- {
			if data[i-1] == '"' && (i < 2 || data[i-2] != '\\') {
				return i - 1
			}
		}
		return off
	}
	for i > 0 && !strings.ContainsRune(" \t\r\n:,[{", rune(data[i-1])) {
		i--
	}
	return i
}
