package evidence_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/wardhq/ward/evidence"
)

// bigJUnit generates a gotestsum-style report of n cases in suites of 100,
// one in ten failing with a multi-line log and one in fifty skipped.
func bigJUnit(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n")
	for i := 0; i < n; i++ {
		if i%100 == 0 {
			if i > 0 {
				b.WriteString("\t</testsuite>\n")
			}
			fmt.Fprintf(&b, "\t<testsuite tests=\"100\" failures=\"10\" time=\"1.5\" name=\"example.com/pump/internal/pkg%d\" timestamp=\"2026-10-14T09:00:00Z\">\n", i/100)
			b.WriteString("\t\t<properties>\n\t\t\t<property name=\"go.version\" value=\"go1.26.8\"></property>\n\t\t</properties>\n")
		}
		fmt.Fprintf(&b, "\t\t<testcase classname=\"example.com/pump/internal/pkg%d\" name=\"TestREQ_%03d/case_%d\" time=\"0.001\">", i/100, i%1000, i)
		switch {
		case i%10 == 0:
			fmt.Fprintf(&b, "\n\t\t\t<failure message=\"Failed\" type=\"\">=== RUN   TestREQ_%03d/case_%d&#xA;    dose_test.go:%d: rate 1200 ml/h above limit 999 ml/h&#xA;--- FAIL: TestREQ_%03d/case_%d (0.00s)&#xA;</failure>\n\t\t", i%1000, i, i%300, i%1000, i)
		case i%50 == 1:
			b.WriteString("\n\t\t\t<skipped message=\"=== RUN   TestX&#xA;    x_test.go:9: needs hardware&#xA;\"></skipped>\n\t\t")
		}
		b.WriteString("</testcase>\n")
	}
	b.WriteString("\t</testsuite>\n</testsuites>\n")
	return b.Bytes()
}

// BenchmarkParseJUnit parses a generated 50,000-case report (~7 MiB).
func BenchmarkParseJUnit(b *testing.B) {
	data := bigJUnit(50_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rep, err := evidence.ParseJUnit(bytes.NewReader(data), "big.xml", evidence.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Cases) != 50_000 || rep.Dialect != "go" {
			b.Fatalf("%d cases, dialect %q", len(rep.Cases), rep.Dialect)
		}
	}
}

// BenchmarkMentionedIDs matches 500 known IDs against the names of 50,000
// test cases, as an import does.
func BenchmarkMentionedIDs(b *testing.B) {
	known := make([]string, 500)
	for i := range known {
		known[i] = fmt.Sprintf("REQ-%03d", i)
	}
	names := make([]string, 50_000)
	for i := range names {
		names[i] = fmt.Sprintf("example.com/pump/internal/pkg%d TestREQ_%03d/case_%d", i/100, i%1000, i)
	}
	b.ReportAllocs()
	for b.Loop() {
		m := evidence.NewIDMatcher(known)
		n := 0
		for _, name := range names {
			n += len(m.Find(name))
		}
		if n != 25_000 {
			b.Fatalf("%d matches", n)
		}
	}
}

func TestBigJUnit(t *testing.T) {
	t.Parallel()
	data := bigJUnit(1000)
	rep, err := evidence.ParseJUnit(bytes.NewReader(data), "big.xml", evidence.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	counts := statusCounts(rep.Cases, caseStatus)
	if len(rep.Cases) != 1000 || counts["fail"] != 100 || counts["skipped"] != 20 {
		t.Fatalf("%d cases, %v", len(rep.Cases), counts)
	}
	c := rep.Cases[10]
	if c.Name != "TestREQ_010/case_10" || c.Message != "dose_test.go:10: rate 1200 ml/h above limit 999 ml/h" || c.Line != 21 || !strings.HasSuffix(c.Suite, "pkg0") {
		t.Errorf("case 10 = %+v", c)
	}
}
