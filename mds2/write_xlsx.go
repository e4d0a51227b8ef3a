package mds2

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// XLSXSheet is the name of the one sheet WriteXLSX writes.
const XLSXSheet = "MDS2"

// WriteXLSX writes the form as a workbook with one sheet in the form's
// layout: a block naming product, release and sources; a column header
// (ID, question, answer, note, sources); then each section as a header row
// followed by its questions. The answer column offers yes, no, n/a and
// unknown for editing. Document properties carry the form's date, not the
// clock, so the same form gives the same bytes.
func WriteXLSX(w io.Writer, f *Form) (err error) {
	x := excelize.NewFile()
	defer func() {
		if cerr := x.Close(); err == nil {
			err = cerr
		}
	}()
	xw := &xlsxWriter{x: x}
	if err := x.SetSheetName("Sheet1", XLSXSheet); err != nil {
		return err
	}
	if err := xw.styles(); err != nil {
		return err
	}
	props := &excelize.DocProperties{
		Title:       "MDS2 " + f.title(),
		Subject:     "Manufacturer Disclosure Statement for Medical Device Security (" + f.Form + ")",
		Creator:     "ward",
		Description: "Answered by ward from the security file; the questions are ward's paraphrases, the form's wording is NEMA's.",
		Identifier:  strings.Trim(f.Product.ID+"-mds2-"+f.Release, "-"),
		Keywords:    "MDS2; HN 1-2019; " + f.CatalogVersion,
		Version:     f.CatalogVersion,
		Revision:    "1",
	}
	if f.Date != "" {
		props.Created = f.Date + "T00:00:00Z"
		props.Modified = props.Created
	}
	if err := x.SetDocProps(props); err != nil {
		return err
	}

	c := f.Counts
	xw.row(xw.title, "MDS2 ("+f.Form+")", f.title())
	xw.row(xw.label, "Manufacturer", orDash(f.Product.Manufacturer))
	xw.row(xw.label, "Release", orDash(strings.TrimSpace(f.Release+" "+paren(f.ReleaseDate))))
	xw.row(xw.label, "Date", orDash(f.Date))
	xw.row(xw.label, "Made from", f.MadeFrom.describe())
	xw.row(xw.label, "Answers", fmt.Sprintf("%d questions: %d yes, %d no, %d n/a, %d unknown", c.Questions, c.Yes, c.No, c.NA, c.Unknown))
	xw.row(xw.label, "Catalog", f.CatalogVersion+": questions in ward's own words; read the NEMA form for its wording")
	for _, s := range f.Warnings {
		xw.row(xw.label, "Warning", s)
	}
	xw.n++
	xw.row(xw.head, "ID", "Question", "Answer", "Note", "Sources")
	headRow := xw.n
	first := xw.n + 1
	for _, s := range f.Sections {
		xw.row(xw.section, s.Code, s.Title, "", "", "")
		if s.Code == "DOC" {
			for _, h := range f.Header {
				xw.row(xw.cell, h.ID, h.Label, h.Value, h.Note, strings.Join(h.Sources, " "))
			}
		}
		for _, r := range s.Rows {
			xw.row(xw.cell, r.ID, r.Question, string(r.Value), r.Note, strings.Join(r.Sources, " "))
			xw.style(fmt.Sprintf("C%d", xw.n), xw.answer[r.Value])
		}
	}
	if xw.err != nil {
		return xw.err
	}
	for i, width := range []float64{12, 60, 10, 90, 36} {
		col := string(rune('A' + i))
		if err := x.SetColWidth(XLSXSheet, col, col, width); err != nil {
			return err
		}
	}
	if err := x.SetPanes(XLSXSheet, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: fmt.Sprintf("A%d", headRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("C%d:C%d", first, xw.n)
	if err := dv.SetDropList([]string{string(Yes), string(No), string(NA), string(Unknown)}); err != nil {
		return err
	}
	if err := x.AddDataValidation(XLSXSheet, dv); err != nil {
		return err
	}
	return x.Write(w)
}

// xlsxWriter appends rows to the sheet and keeps the first error.
type xlsxWriter struct {
	x                                 *excelize.File
	n                                 int // last row written
	err                               error
	title, label, head, section, cell int
	answer                            map[Value]int
}

func (xw *xlsxWriter) styles() error {
	border := []excelize.Border{{Type: "bottom", Color: "#BFBFBF", Style: 1}}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	defs := []struct {
		dst   *int
		style *excelize.Style
	}{
		{&xw.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&xw.label, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top}},
		{&xw.head, &excelize.Style{Font: &excelize.Font{Bold: true, Color: "#FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#1F4E78"}}}},
		{&xw.section, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDEBF7"}}}},
		{&xw.cell, &excelize.Style{Alignment: top, Border: border}},
	}
	for _, d := range defs {
		id, err := xw.x.NewStyle(d.style)
		if err != nil {
			return err
		}
		*d.dst = id
	}
	xw.answer = map[Value]int{}
	// A slice, not a map: style IDs follow creation order, and the bytes must not change between runs.
	for _, a := range []struct {
		v     Value
		color string
	}{{Yes, "#E2EFDA"}, {No, "#FCE4D6"}, {NA, "#EDEDED"}, {Unknown, "#FFF2CC"}} {
		v, color := a.v, a.color
		id, err := xw.x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}, Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}})
		if err != nil {
			return err
		}
		xw.answer[v] = id
	}
	return nil
}

// row writes the next row from column A with one style.
func (xw *xlsxWriter) row(style int, cells ...string) {
	if xw.err != nil {
		return
	}
	xw.n++
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c
	}
	start := fmt.Sprintf("A%d", xw.n)
	if xw.err = xw.x.SetSheetRow(XLSXSheet, start, &vals); xw.err != nil {
		return
	}
	end, _ := excelize.CoordinatesToCellName(len(cells), xw.n)
	xw.style(start+":"+end, style)
}

// style styles a cell or a range "A1:E1".
func (xw *xlsxWriter) style(ref string, style int) {
	if xw.err != nil {
		return
	}
	from, to, _ := strings.Cut(ref, ":")
	if to == "" {
		to = from
	}
	xw.err = xw.x.SetCellStyle(XLSXSheet, from, to, style)
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}
