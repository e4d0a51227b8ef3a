package mds2

import (
	"encoding/csv"
	"io"
	"strings"
)

// CSVHeader is the first row WriteCSV writes.
var CSVHeader = []string{"section", "id", "question", "answer", "note", "sources"}

// Records returns the form as table rows in the form's layout, without a
// header row: the header fields (DOC-1 to DOC-7, label as question, value
// as answer), then every question. Sources are separated by spaces. The
// CSV export and the HDO documentation use it.
func (f *Form) Records() [][]string {
	var out [][]string
	for _, h := range f.Header {
		out = append(out, []string{"DOC", h.ID, h.Label, h.Value, h.Note, strings.Join(h.Sources, " ")})
	}
	for _, s := range f.Sections {
		for _, r := range s.Rows {
			out = append(out, []string{s.Code, r.ID, r.Question, string(r.Value), r.Note, strings.Join(r.Sources, " ")})
		}
	}
	return out
}

// WriteCSV writes the form as CSV (RFC 4180): CSVHeader, then Records.
func WriteCSV(w io.Writer, f *Form) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	if err := cw.WriteAll(f.Records()); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
