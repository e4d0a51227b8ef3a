package mds2_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/wardhq/ward/mds2"
	"github.com/xuri/excelize/v2"
)

// TestXLSX writes the pump's form as a workbook, reopens it with excelize
// and finds every answer in the form's layout.
func TestXLSX(t *testing.T) {
	t.Parallel()
	f := answer(t, pumpDir, "", nil)
	var buf bytes.Buffer
	if err := mds2.WriteXLSX(&buf, f); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer x.Close()
	if got := x.GetSheetList(); len(got) != 1 || got[0] != mds2.XLSXSheet {
		t.Fatalf("sheets %v, want one sheet %s", got, mds2.XLSXSheet)
	}
	props, err := x.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2026-10-15T00:00:00Z" || props.Modified != props.Created || props.Creator != "ward" {
		t.Errorf("document properties %+v: want created and modified on the release date, by ward", props)
	}
	rows, err := x.GetRows(mds2.XLSXSheet)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string][]string{}
	sections := map[string]bool{}
	header := -1
	for i, r := range rows {
		if len(r) == 0 {
			continue
		}
		if r[0] == "ID" && len(r) > 2 && r[2] == "Answer" {
			header = i
		}
		if len(r) >= 2 && len(r[0]) <= 4 && strings.ToUpper(r[0]) == r[0] && r[0] != "ID" && header >= 0 {
			sections[r[0]] = true
		}
		byID[r[0]] = r
	}
	if header < 0 {
		t.Fatal("no column header row ID, Question, Answer")
	}
	if len(sections) != len(f.Sections) {
		t.Errorf("%d section rows, want %d", len(sections), len(f.Sections))
	}
	for _, r := range f.Rows() {
		got := byID[r.ID]
		if len(got) < 4 || got[1] != r.Question || got[2] != string(r.Value) || got[3] != r.Note {
			t.Errorf("%s: row %q, want question, %s, note", r.ID, got, r.Value)
		}
	}
	if got := byID["DOC-1"]; len(got) < 3 || got[2] != "Meridian Infusion Systems GmbH" {
		t.Errorf("DOC-1 row %q", got)
	}
	if got := byID["TXCF-4"]; len(got) < 5 || !strings.Contains(got[4], "IF-GW-NTP") {
		t.Errorf("TXCF-4 row %q: sources should name IF-GW-NTP", got)
	}
}

func TestCSVAndJSONHoldEveryAnswer(t *testing.T) {
	t.Parallel()
	f := answer(t, careDir, "", nil)
	var c, j bytes.Buffer
	if err := mds2.WriteCSV(&c, f); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&c).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := 1 + len(f.Header) + f.Counts.Questions; len(recs) != want {
		t.Errorf("%d CSV records, want %d", len(recs), want)
	}
	if err := mds2.WriteJSON(&j, f); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Release  struct{ Version string }
		Counts   map[string]int
		Sections []struct {
			Code      string
			Questions []struct {
				ID      string
				Answer  mds2.Value
				Sources []string
			}
		}
	}
	if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range doc.Sections {
		for _, q := range s.Questions {
			n++
			if q.Sources == nil {
				t.Errorf("%s: sources is null", q.ID)
			}
			if r := f.Row(q.ID); r == nil || r.Value != q.Answer {
				t.Errorf("%s: JSON answer %s", q.ID, q.Answer)
			}
		}
	}
	if doc.Release.Version != "1.4.1" || n != f.Counts.Questions || doc.Counts["unknown"] != f.Counts.Unknown {
		t.Errorf("release %s, %d questions, counts %v", doc.Release.Version, n, doc.Counts)
	}
}
