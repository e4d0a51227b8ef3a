package match_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/version"
)

// osvRecord is the part of an OSV record the matcher reads. The osv
// package owns the real parser; this one only feeds real records to tests.
type osvRecord struct {
	ID        string          `json:"id"`
	Aliases   []string        `json:"aliases"`
	Summary   string          `json:"summary"`
	Modified  time.Time       `json:"modified"`
	Withdrawn time.Time       `json:"withdrawn"`
	Severity  []ward.Severity `json:"severity"`
	Affected  []struct {
		Package struct{ Ecosystem, Name, PURL string } `json:"package"`
		Ranges  []struct {
			Type   string `json:"type"`
			Repo   string `json:"repo"`
			Events []struct {
				Introduced   string `json:"introduced"`
				Fixed        string `json:"fixed"`
				LastAffected string `json:"last_affected"`
				Limit        string `json:"limit"`
			} `json:"events"`
		} `json:"ranges"`
		Versions []string        `json:"versions"`
		Severity []ward.Severity `json:"severity"`
	} `json:"affected"`
}

func (r *osvRecord) advisory() *ward.Advisory {
	a := &ward.Advisory{ID: r.ID, Aliases: r.Aliases, Summary: r.Summary, Modified: r.Modified,
		Withdrawn: r.Withdrawn, Severity: r.Severity}
	for _, af := range r.Affected {
		wa := ward.Affected{Ecosystem: af.Package.Ecosystem, Name: af.Package.Name, PURL: af.Package.PURL,
			Versions: af.Versions, Severity: af.Severity}
		for _, rg := range af.Ranges {
			wr := ward.Range{Type: rg.Type, Repo: rg.Repo}
			for _, e := range rg.Events {
				wr.Events = append(wr.Events, ward.Event{Introduced: e.Introduced, Fixed: e.Fixed,
					LastAffected: e.LastAffected, Limit: e.Limit})
			}
			wa.Ranges = append(wa.Ranges, wr)
		}
		a.Affected = append(a.Affected, wa)
	}
	return a
}

// decodeRecord decodes one OSV record (ward.Severity's fields match
// OSV's "type" and "score" case-insensitively).
func decodeRecord(tb testing.TB, b []byte) *ward.Advisory {
	tb.Helper()
	var r osvRecord
	if err := json.Unmarshal(b, &r); err != nil {
		tb.Fatalf("%.80s: %v", b, err)
	}
	return r.advisory()
}

// readRecords reads an OSV .json file (one record or an array) or a .jsonl file.
func readRecords(tb testing.TB, file string) []*ward.Advisory {
	tb.Helper()
	f, err := os.Open(file)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []*ward.Advisory
	if strings.HasSuffix(file, ".jsonl") {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			out = append(out, decodeRecord(tb, sc.Bytes()))
		}
		if err := sc.Err(); err != nil {
			tb.Fatal(err)
		}
		return out
	}
	b, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	if strings.HasPrefix(strings.TrimSpace(string(b)), "[") {
		var rs []json.RawMessage
		if err := json.Unmarshal(b, &rs); err != nil {
			tb.Fatal(err)
		}
		for _, r := range rs {
			out = append(out, decodeRecord(tb, r))
		}
		return out
	}
	return append(out, decodeRecord(tb, b))
}

// testdataRecords reads every record in testdata/.
func testdataRecords(tb testing.TB) []*ward.Advisory {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	var out []*ward.Advisory
	for _, f := range files {
		out = append(out, readRecords(tb, f)...)
	}
	return out
}

// memSource is an in-memory advisory index with the contract osv.Store
// has: keyed by OSV base ecosystem and normalized name.
type memSource struct {
	normalize func(eco, name string) string
	index     map[[2]string][]*ward.Advisory
}

func newMemSource(advs []*ward.Advisory, normalize func(eco, name string) string) *memSource {
	s := &memSource{normalize: normalize, index: map[[2]string][]*ward.Advisory{}}
	for _, a := range advs {
		seen := map[[2]string]bool{}
		for _, af := range a.Affected {
			k := [2]string{version.Base(af.Ecosystem), normalize(version.Base(af.Ecosystem), af.Name)}
			if !seen[k] {
				seen[k] = true
				s.index[k] = append(s.index[k], a)
			}
		}
	}
	return s
}

func (s *memSource) Lookup(ecosystem, name string) []*ward.Advisory {
	return s.index[[2]string{ecosystem, name}]
}

// pep503 is the PyPI name normalization osv.NormalizeName applies.
func pep503(eco, name string) string {
	if eco != "PyPI" {
		return name
	}
	f := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	return strings.Join(f, "-")
}
