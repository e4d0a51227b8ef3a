package pdfcheck_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/wardhq/ward/internal/pdfcheck"
)

// TestOpen writes text with fpdf in an embedded TrueType font (through
// its ToUnicode map) and in a standard font (through its encoding), and
// reads it back.
func TestOpen(t *testing.T) {
	t.Parallel()
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCreationDate(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	f.AddUTF8FontFromBytes("go", "", goregular.TTF)
	f.AddPage()
	f.SetFont("go", "", 11)
	f.Text(50, 100, "Flow P-FW → P-GW, CVSS ≥ 7.0 × 2, café “quoted” ‘x’ — fine…")
	f.Text(50, 130, "second")
	f.Text(200, 130, "cell")
	f.AddPage()
	f.SetFont("helvetica", "", 11)
	f.Text(50, 100, "Helvetica page: caf\xe9") // WinAnsi é
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	n, text := pdfcheck.Open(t, b.Bytes())
	if n != 2 {
		t.Errorf("%d pages, want 2", n)
	}
	want := "Flow P-FW → P-GW, CVSS ≥ 7.0 × 2, café “quoted” ‘x’ — fine…\nsecond cell\n\fHelvetica page: café\n"
	if text != want {
		t.Errorf("text = %q, want %q", text, want)
	}
}

func TestPagesRejects(t *testing.T) {
	t.Parallel()
	for _, b := range [][]byte{nil, []byte("not a pdf"), []byte("%PDF-1.3\n%%EOF")} {
		if _, err := pdfcheck.Pages(b); err == nil {
			t.Errorf("Pages(%q) accepted it", b)
		}
	}
	if _, err := pdfcheck.Pages([]byte(strings.Repeat("%PDF-1.4 trailer", 3))); err == nil {
		t.Error("Pages accepted a broken trailer")
	}
}
