package osv_test

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/osv"
)

func TestParseAdvisoryValid(t *testing.T) {
	t.Parallel()
	got, err := osv.ParseAdvisory("GO-2020-0001.json", testutil.Read(t, "testdata/osv-linter/GO-2020-0001.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := &ward.Advisory{
		ID:        "GO-2020-0001",
		Aliases:   []string{"CVE-2020-36567", "GHSA-6vm3-jj99-7229"},
		Summary:   "Arbitrary log line injection in github.com/gin-gonic/gin",
		Details:   "The default Formatter for the Logger middleware (LoggerConfig.Formatter), which is included in the Default engine, allows attackers to inject arbitrary log entries by manipulating the request path.",
		Published: time.Date(2021, 4, 14, 20, 4, 52, 0, time.UTC),
		Modified:  time.Date(2024, 5, 20, 16, 3, 47, 0, time.UTC),
		Affected: []ward.Affected{{
			Ecosystem: "Go",
			Name:      "github.com/gin-gonic/gin",
			Ranges:    []ward.Range{{Type: "SEMVER", Events: []ward.Event{{Introduced: "0"}, {Fixed: "1.6.0"}}}},
		}},
		References: []ward.Reference{
			{Type: "FIX", URL: "https://github.com/gin-gonic/gin/pull/2237"},
			{Type: "FIX", URL: "https://github.com/gin-gonic/gin/commit/a71af9c144f9579f6dbe945341c1df37aaf09c0d"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseAdvisory mismatch (-want +got):\n%s", diff)
	}
}

// TestParseAdvisoryRealFiles parses real records of several databases,
// including the odd ones: no package (GIT only), no affected at all,
// withdrawn, an empty range list.
func TestParseAdvisoryRealFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file      string
		id        string
		withdrawn bool
		cwes      []string
	}{
		{"osv-linter/CVE-2023-41045.json", "CVE-2023-41045", false, nil},
		{"osv-linter/GHSA-9v2f-6vcg-3hgv.json", "GHSA-9v2f-6vcg-3hgv", false, []string{"CWE-94"}},
		{"osv-linter/MAL-2024-10238.json", "MAL-2024-10238", false, nil},
		{"osv-linter/PYSEC-2023-74.json", "PYSEC-2023-74", false, nil},
		{"osv-linter/RHSA-2022_0216.json", "RHSA-2022:0216", false, nil},
		{"ghsa/withdrawn.osv.json", "GHSA-35c4-f3rq-f9g3", true, nil},
		{"ghsa/maven_greater_than.osv.json", "GHSA-76mp-659p-rw65", false, nil},
		{"ghsa/npm_greater_than.osv.json", "", false, nil},
		{"ghsa/pypi_normalize.osv.json", "", false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			a, err := osv.ParseAdvisory(tc.file, testutil.Read(t, filepath.Join("testdata", tc.file)))
			if err != nil {
				t.Fatal(err)
			}
			if tc.id != "" && a.ID != tc.id {
				t.Errorf("ID = %q, want %q", a.ID, tc.id)
			}
			if got := !a.Withdrawn.IsZero(); got != tc.withdrawn {
				t.Errorf("withdrawn = %v, want %v", got, tc.withdrawn)
			}
			if tc.cwes != nil && !cmp.Equal(a.CWEs, tc.cwes) {
				t.Errorf("CWEs = %v, want %v", a.CWEs, tc.cwes)
			}
		})
	}
}

// TestParseAdvisoryPyPAGitQuirks: the 7 PyPA records whose GIT events hold
// short hashes or patch file names fail the OSV schema but are real data;
// they must import with the values as given.
func TestParseAdvisoryPyPAGitQuirks(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/pypa-git-quirks.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	fixed := map[string]bool{}
	for sc.Scan() {
		a, err := osv.ParseAdvisory("pypa-git-quirks.jsonl", sc.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		n++
		for _, af := range a.Affected {
			for _, r := range af.Ranges {
				for _, e := range r.Events {
					fixed[e.Fixed] = true
				}
			}
		}
	}
	if n != 7 {
		t.Fatalf("parsed %d records, want 7", n)
	}
	for _, v := range []string{"4e7d0df9093", "b27f38a67573f4c989710c9bfb726dd4c1eeb929.patch", "02339dfda0f3caabad142060d511d10bfe93c520."} {
		if !fixed[v] {
			t.Errorf("fixed event %q lost", v)
		}
	}
}

func TestParseAdvisoryInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string // the error, one PosError per line
	}{
		{
			name: "no introduced (upstream's broken linter case)",
			in:   string(testutil.Read(t, "testdata/osv-linter/nointroduced-CVE-2023-41045.json")),
			want: `f.json:13:9: affected[0].ranges[0].events: range has no introduced event (add {"introduced": "0"} if every version before the fix is affected)`,
		},
		{
			name: "id and modified missing",
			in:   "{\n  \"summary\": \"x\"\n}",
			want: "f.json:1:1: id: id is required\n" +
				"f.json:1:1: modified: modified is required (OSV requires it: the time of the record's last change, RFC 3339 in UTC)",
		},
		{
			name: "bad times",
			in:   `{"id":"X-1","modified":"yesterday","withdrawn":"2024-13-01T00:00:00Z"}`,
			want: `f.json:1:24: modified: modified "yesterday" is not an RFC 3339 time (for example "2024-10-10T12:00:00Z")` + "\n" +
				`f.json:1:48: withdrawn: withdrawn "2024-13-01T00:00:00Z" is not an RFC 3339 time (for example "2024-10-10T12:00:00Z")`,
		},
		{
			name: "event problems point at the event",
			in: `{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"a"},"ranges":[
{"type":"ECOSYSTEM","events":[{"introduced":"0"}]},
{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1","introduced":"2"},{},{"fixed":""}]}]}]}`,
			want: "f.json:3:50: affected[0].ranges[1].events[1]: event sets introduced and fixed (OSV allows one per event: split it into several events)\n" +
				"f.json:3:81: affected[0].ranges[1].events[2]: event has none of introduced, fixed, last_affected, limit\n" +
				"f.json:3:84: affected[0].ranges[1].events[3].fixed: fixed is empty",
		},
		{
			name: "range type and repo",
			in:   `{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"ranges":[{"events":[{"introduced":"0"}]},{"type":"GIT","events":[{"introduced":"0"}]},{"type":"SEMVR","events":[{"introduced":"0"}]}]}]}`,
			want: "f.json:1:59: affected[0].package: package is required (only an entry whose ranges are all GIT may leave it out)\n" +
				"f.json:1:70: affected[0].ranges[0].type: type is required (SEMVER, ECOSYSTEM or GIT)\n" +
				"f.json:1:102: affected[0].ranges[1].repo: repo is required for a GIT range (the URL of the Git repository the commits belong to)\n" +
				`f.json:1:155: affected[0].ranges[2].type: unknown range type "SEMVR" (want SEMVER, ECOSYSTEM or GIT)`,
		},
		{
			name: "package fields",
			in:   `{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"name":""}}]}`,
			want: `f.json:1:70: affected[0].package.ecosystem: ecosystem is required (for example "PyPI", "Go", "crates.io", "Debian:12")` + "\n" +
				"f.json:1:70: affected[0].package.name: name is required",
		},
		{
			name: "wrong JSON type, rest still checked",
			in:   "{\"id\":\"X-1\",\n\"aliases\":\"CVE-1\",\n\"affected\":[{\"package\":{\"ecosystem\":\"Go\",\"name\":\"a\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"fixed\":\"1\"}]}]}]}",
			want: "f.json:1:1: modified: modified is required (OSV requires it: the time of the record's last change, RFC 3339 in UTC)\n" +
				"f.json:2:11: aliases: aliases is a string, want an array\n" +
				`f.json:3:64: affected[0].ranges[0].events: range has no introduced event (add {"introduced": "0"} if every version before the fix is affected)`,
		},
		{
			name: "not an object",
			in:   `[1,2]`,
			want: "f.json:1:1: record is an array, want an object\n" +
				"f.json:1:1: id: id is required\n" +
				"f.json:1:1: modified: modified is required (OSV requires it: the time of the record's last change, RFC 3339 in UTC)",
		},
		{
			name: "truncated",
			in:   "{\"id\": \"X-1\",\n \"modified\": \"2024-",
			want: "f.json:2:20: invalid JSON: unexpected end of JSON input (the record is truncated)",
		},
		{
			name: "syntax error",
			in:   "{\"id\": \"X-1\",,}",
			want: "f.json:1:14: invalid JSON: invalid character ',' looking for beginning of object key string",
		},
		{
			name: "id with a slash",
			in:   `{"id":"../X","modified":"2024-01-01T00:00:00Z"}`,
			want: `f.json:1:7: id: id "../X" contains spaces, slashes or control characters`,
		},
		{
			name: "severity and references",
			in:   `{"id":"X-1","modified":"2024-01-01T00:00:00Z","severity":[{"type":"CVSS_V3"}],"references":[{"url":"https://x"}]}`,
			want: "f.json:1:59: severity[0].score: score is required\n" +
				"f.json:1:93: references[0].type: type is required",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := osv.ParseAdvisory("f.json", []byte(tc.in))
			var pes ward.PosErrors
			if !errors.As(err, &pes) {
				t.Fatalf("err = %v, want ward.PosErrors", err)
			}
			if diff := cmp.Diff(tc.want, err.Error()); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseAdvisoryTooLarge(t *testing.T) {
	t.Parallel()
	big := `{"id":"X-1","modified":"2024-01-01T00:00:00Z","details":"` + strings.Repeat("a", int(osv.DefaultLimits.MaxRecordBytes)) + `"}`
	_, err := osv.ParseAdvisory("big.json", []byte(big))
	if ward.CodeOf(err) != ward.EInvalid || !strings.Contains(err.Error(), "more than the limit") {
		t.Errorf("err = %v, want a size limit error", err)
	}
}

func TestNormalizeName(t *testing.T) {
	t.Parallel()
	tests := []struct{ ecosystem, in, want string }{
		{"PyPI", "Django", "django"},
		{"PyPI", "django", "django"},
		{"PyPI", "Django_Rest.Framework", "django-rest-framework"},
		{"PyPI", "a-_.-b", "a-b"},
		{"PyPI", "zope.interface", "zope-interface"},
		{"PyPI", " PyYAML ", "pyyaml"},
		{"Go", "github.com/BurntSushi/toml", "github.com/BurntSushi/toml"},
		{"Maven", "org.Apache:Foo", "org.Apache:Foo"},
		{"npm", "JSONStream", "jsonstream"},
		{"crates.io", "Serde_JSON", "serde-json"},
		{"NuGet", "Newtonsoft.Json", "newtonsoft.json"},
		{"Debian:12", "OpenSSL", "OpenSSL"},
		{"RubyGems", "Rails", "Rails"},
	}
	for _, tc := range tests {
		if got := osv.NormalizeName(tc.ecosystem, tc.in); got != tc.want {
			t.Errorf("NormalizeName(%q, %q) = %q, want %q", tc.ecosystem, tc.in, got, tc.want)
		}
	}
}

func FuzzParseAdvisory(f *testing.F) {
	for _, name := range []string{
		"osv-linter/GO-2020-0001.json", "osv-linter/CVE-2023-41045.json", "osv-linter/nointroduced-CVE-2023-41045.json",
		"osv-linter/RHSA-2022_0216.json", "ghsa/withdrawn.osv.json", "ghsa/maven_greater_than.osv.json",
	} {
		f.Add(testutil.Read(f, filepath.Join("testdata", name)))
	}
	for _, line := range bytes.Split(testutil.Read(f, "testdata/pypa-git-quirks.jsonl"), []byte("\n"))[:2] {
		f.Add(line)
	}
	f.Add([]byte(`{"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"ranges":[{"type":"GIT","events":[{}]}]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := osv.ParseAdvisory("fuzz.json", b)
		if err != nil {
			var pes ward.PosErrors
			if !errors.As(err, &pes) || len(pes) == 0 {
				t.Fatalf("rejection without a position: %v", err)
			}
			for _, pe := range pes {
				if pe.File != "fuzz.json" || pe.Line < 1 || pe.Col < 1 {
					t.Fatalf("bad position in %q", pe.Error())
				}
			}
			return
		}
		if a.ID == "" {
			t.Fatal("accepted a record without an ID")
		}
		for _, af := range a.Affected {
			for _, r := range af.Ranges {
				introduced := false
				for _, e := range r.Events {
					introduced = introduced || e.Introduced != ""
				}
				if !introduced {
					t.Fatal("accepted a range without an introduced event")
				}
			}
		}
	})
}
