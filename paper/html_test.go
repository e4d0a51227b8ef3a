package paper_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/wardhq/ward/internal/browser"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/paper"
)

func writeHTML(t testing.TB, d *paper.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := paper.WriteHTML(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWriteHTML renders the sample to a golden page and in Chromium.
func TestWriteHTML(t *testing.T) {
	got := writeHTML(t, sample(t))
	testutil.Golden(t, ".html", got)
	if again := writeHTML(t, sample(t)); !bytes.Equal(got, again) {
		t.Error("two renderings of the same document differ")
	}
	page := string(got)
	for _, want := range []string{
		`<h1>Cybersecurity technical documentation</h1>`,
		`<dt>Manufacturer</dt><dd>Meridian Médical &lt;GmbH&gt; &amp; Co.</dd>`,
		`<time datetime="2025-03-14">2025-03-14</time>`,
		`<a href="#scope"><span class="num">1</span>Scope and “intended use”</a>`,
		`<a href="#standards"><span class="num">1.1</span>Standards</a>`,
		`<a href="#section-3.1"><span class="num">3.1</span>Section without an ID</a>`,
		`<h2 id="threats"><span class="num">3</span>Threat model</h2>`,
		`<h3 id="section-3.1"><span class="num">3.1</span>Section without an ID</h3>`,
		`<p class="note n-warning"><strong>Warning:</strong> Three threats`,
		`<caption>Threats and their treatment</caption>`,
		`<thead><tr><th scope="col">ID</th><th scope="col">Threat</th>`,
		`<td>THR-090</td>`,
		`<tr><td>short row</td><td></td></tr>`,
		`<svg xmlns="http://www.w3.org/2000/svg"`,
		`<g id="P-PUMP-FW" class="el process">`,
		`<figcaption>Data-flow diagram of the Aurora infusion system`,
		`<footer>`,
		`Aurora 2.4.0 · made by ward 0.1.0 from security file rev abc1234`,
		`@media print`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// Self-contained: no script, nothing fetched.
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`(?i)<script`),
		regexp.MustCompile(`(?i)<link`),
		regexp.MustCompile(`(?i)\ssrc=`),
		regexp.MustCompile(`(?i)url\(["']?(https?:|//)`),
		regexp.MustCompile(`(?i)@import`),
	} {
		if loc := bad.FindStringIndex(page); loc != nil {
			t.Errorf("page is not self-contained: %q", page[loc[0]:min(loc[1]+40, len(page))])
		}
	}
	if img := browser.Screenshot(t, got); browser.Blank(img) {
		t.Error("the page renders blank")
	}
}

func TestWriteHTMLEscapes(t *testing.T) {
	t.Parallel()
	evil := `<script>alert("x")</script>`
	d := &paper.Document{
		Title:  evil,
		Date:   "2025-01-01",
		Meta:   []paper.Field{{Label: evil, Value: evil}},
		Footer: evil,
		Sections: []*paper.Section{{
			ID:    `x" onclick="alert(1)`,
			Title: evil,
			Blocks: []paper.Block{
				paper.Para{Text: evil},
				paper.Note{Kind: "gap", Text: evil},
				paper.List{Items: []string{evil}},
				paper.Fields{Items: []paper.Field{{Label: evil, Value: evil}}},
				paper.Table{Caption: evil, Header: []string{evil}, Rows: [][]string{{evil}}},
				paper.Figure{Caption: evil},
			},
		}},
	}
	page := string(writeHTML(t, d))
	if strings.Contains(page, "<script") || strings.Contains(page, `" onclick=`) {
		t.Errorf("text is not escaped:\n%s", page)
	}
	if n := strings.Count(page, "&lt;script&gt;"); n < 12 {
		t.Errorf("escaped text appears %d times, want every place (12)", n)
	}
}

// TestWriteHTMLDate checks that a Date field in Meta is not repeated.
func TestWriteHTMLDate(t *testing.T) {
	t.Parallel()
	d := &paper.Document{Title: "T", Date: "2025-01-01", Meta: []paper.Field{{Label: "Date", Value: "2025-01-01 (for this day)"}}}
	page := string(writeHTML(t, d))
	if n := strings.Count(page, "<dt>Date</dt>"); n != 1 {
		t.Errorf("the title block has %d date rows, want 1", n)
	}
	if strings.Contains(page, `<nav class="toc"`) {
		t.Error("a document without sections has a table of contents")
	}
}
