package evidence

import (
	"bytes"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"github.com/wardhq/ward"
)

// toUTF8 converts a document whose XML declaration names ISO-8859-1 or
// windows-1252 (as older Java tools write) to UTF-8. Others than these and
// UTF-8 are rejected.
func toUTF8(name string, data []byte) ([]byte, error) {
	enc := declaredEncoding(data)
	switch strings.ToLower(enc) {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return data, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1":
		return charmap.ISO8859_1.NewDecoder().Bytes(data)
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Bytes(data)
	}
	return nil, ward.Errorf(ward.EInvalid, "%s:1:1: XML encoding %q is not supported (want UTF-8, ISO-8859-1 or windows-1252; save the report as UTF-8)", name, enc)
}

// declaredEncoding returns the encoding pseudo-attribute of the XML
// declaration at the start of data, or "".
func declaredEncoding(data []byte) string {
	data = bytes.TrimPrefix(data, utf8BOM)
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := data[:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	q := rest[0]
	j := bytes.IndexByte(rest[1:], q)
	if j < 0 {
		return ""
	}
	return string(rest[1 : 1+j])
}
