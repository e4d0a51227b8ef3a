package csaf

import (
	"bytes"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/wardhq/ward"
)

// Write writes a as indented JSON (two spaces, a final newline) with the
// members in the order of the schema: the same document gives the same
// bytes, which is what golden tests and signatures need.
func Write(w io.Writer, a *Advisory) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // "<" in text stays readable
	if err := enc.Encode(a); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

var fileNameDisallowed = regexp.MustCompile(`[^+\-a-z0-9]+`)

// FileName is the file name CSAF 2.0 (section 5.1) gives a document: its
// tracking ID in lower case, every run of characters other than a–z, 0–9,
// "+" and "-" replaced by one "_", and ".json".
func FileName(trackingID string) string {
	return fileNameDisallowed.ReplaceAllString(strings.ToLower(trackingID), "_") + ".json"
}

// DateTime formats a calendar day as a CSAF date-time: midnight UTC, with
// milliseconds as in the official examples.
func DateTime(d ward.Date) string {
	return d.Time().UTC().Format("2006-01-02T15:04:05.000Z")
}

// timeOf formats an instant as a CSAF date-time.
func timeOf(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
