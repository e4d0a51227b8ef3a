package evidence_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/evidence"
)

// seeds adds every testdata file matching pattern to the corpus.
func seeds(f *testing.F, pattern string, extra ...string) {
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds for %s: %v", pattern, err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// fuzzLimits keep inputs and work small enough for many runs a second.
var fuzzLimits = evidence.Limits{MaxBytes: 1 << 20, MaxCases: 1000, MaxDepth: 16}

// checkRejection is the property every parser's failures share: a
// user-readable EInvalid error, placed in the file when it is a position
// error.
func checkRejection(t *testing.T, err error) {
	t.Helper()
	if ward.CodeOf(err) != ward.EInvalid {
		t.Fatalf("rejection is not EInvalid: %v", err)
	}
	var pes ward.PosErrors
	if errors.As(err, &pes) {
		if len(pes) == 0 {
			t.Fatal("empty PosErrors")
		}
		for _, pe := range pes {
			if pe.File != "fuzz" || pe.Msg == "" {
				t.Fatalf("position error without file or message: %+v", pe)
			}
		}
	} else if !strings.HasPrefix(ward.MessageOf(err), "fuzz") {
		t.Fatalf("error does not name the file: %v", err)
	}
}

func FuzzParseJUnit(f *testing.F) {
	seeds(f, "*.xml",
		`<testsuites><testsuite name="a"><testsuite name="b"><testcase name="c"><failure/></testcase></testsuite></testsuite></testsuites>`,
		"<?xml version=\"1.0\" encoding=\"latin1\"?><testsuite><testcase name=\"\xe9\"/></testsuite>",
	)
	f.Fuzz(func(t *testing.T, b []byte) {
		rep, err := evidence.ParseJUnit(bytes.NewReader(b), "fuzz", fuzzLimits)
		if err != nil {
			checkRejection(t, err)
			return
		}
		if len(rep.Cases) > fuzzLimits.MaxCases {
			t.Fatalf("%d cases past the limit", len(rep.Cases))
		}
		last := 0
		for _, c := range rep.Cases {
			if c.Name == "" || c.Line < last || c.Line < 1 {
				t.Fatalf("case %+v after line %d", c, last)
			}
			last = c.Line
			switch c.Status {
			case evidence.StatusPass, evidence.StatusFail, evidence.StatusError, evidence.StatusSkipped:
			default:
				t.Fatalf("status %q", c.Status)
			}
			if utf8.RuneCountInString(c.Message) > 200 || strings.ContainsAny(c.Message, "\r\n") {
				t.Fatalf("message %q", c.Message)
			}
		}
	})
}

func FuzzParseSARIF(f *testing.F) {
	seeds(f, "*.sarif",
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[{"id":"a","messageStrings":{"m":{"text":"{0} {{1}}"}}}]}},"results":[{"ruleIndex":0,"message":{"id":"m","arguments":["z"]}}]}]}`,
	)
	f.Fuzz(func(t *testing.T, b []byte) {
		runs, err := evidence.ParseSARIF(bytes.NewReader(b), "fuzz", fuzzLimits)
		if err != nil {
			checkRejection(t, err)
			return
		}
		for _, run := range runs {
			for _, r := range run.Results {
				switch r.Severity {
				case "critical", "high", "medium", "low", "info":
				default:
					t.Fatalf("severity %q", r.Severity)
				}
				switch r.Level {
				case "error", "warning", "note", "none":
				default:
					t.Fatalf("level %q", r.Level)
				}
				if r.Score < 0 || r.Score > 10 {
					t.Fatalf("score %v", r.Score)
				}
			}
		}
	})
}

func FuzzParsePentest(f *testing.F) {
	seeds(f, "pentest.*",
		"# tester: a\n# date: 2026-01-02\nid,title,severity,status,cwe,refs\nX,\"a, \"\"b\"\"\",low,open,79;CWE-89,R-1;R-2\n",
	)
	f.Fuzz(func(t *testing.T, b []byte) {
		rep, err := evidence.ParsePentest(bytes.NewReader(b), "fuzz", fuzzLimits)
		if err != nil {
			checkRejection(t, err)
			return
		}
		if rep.Tester == "" || rep.Date == "" {
			t.Fatalf("accepted without tester or date: %+v", rep)
		}
		seen := map[string]bool{}
		for _, f := range rep.Findings {
			if f.ID == "" || f.Title == "" || seen[f.ID] {
				t.Fatalf("finding %+v", f)
			}
			seen[f.ID] = true
			switch f.Severity {
			case "critical", "high", "medium", "low", "info":
			default:
				t.Fatalf("severity %q", f.Severity)
			}
			switch f.Status {
			case "open", "fixed", "accepted", "deferred":
			default:
				t.Fatalf("status %q", f.Status)
			}
		}
	})
}

func FuzzMentionedIDs(f *testing.F) {
	f.Add("REQ-012", "TestREQ_012/test_req012_x REQ-0123")
	f.Add("a.b-c_d", "A.B_C_D a.bc_d")
	f.Fuzz(func(t *testing.T, id, text string) {
		got := evidence.MentionedIDs([]string{id}, text)
		if len(got) > 1 || len(got) == 1 && got[0] != id {
			t.Fatalf("MentionedIDs([%q], %q) = %q", id, text, got)
		}
		// An ID always matches itself written alone.
		if len(evidence.MentionedIDs([]string{id}, id)) == 0 && isPlainID(id) {
			t.Fatalf("%q does not match itself", id)
		}
	})
}

// isPlainID reports whether id is of the form MentionedIDs documents:
// letters, digits, '-', '_' and '.', starting with a letter or digit and
// ending with one.
func isPlainID(id string) bool {
	if id == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		alnum := '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !alnum && c != '-' && c != '_' && c != '.' || (i == 0 || i == len(id)-1) && !alnum {
			return false
		}
	}
	return true
}
