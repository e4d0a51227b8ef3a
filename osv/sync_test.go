package osv_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/osv"
)

// mirror is an OSV bucket on loopback: <URL>/<Ecosystem>/all.zip, with
// an ETag or a Last-Modified per archive, honouring conditional requests
// as the real bucket does.
type mirror struct {
	mu       sync.Mutex
	archives map[string]archive // by ecosystem
	requests []string           // "GET /PyPI/all.zip If-None-Match=…" per request
}

type archive struct {
	body         []byte
	chunked      bool // no Content-Length: the client cannot check the size before reading
	short        int  // bytes left out of the body while Content-Length announces them all
	etag         string
	lastModified time.Time
}

func (m *mirror) set(eco string, a archive) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.archives[eco] = a
}

func (m *mirror) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests = append(m.requests, r.Method+" "+r.URL.EscapedPath()+" If-None-Match="+r.Header.Get("If-None-Match")+" If-Modified-Since="+r.Header.Get("If-Modified-Since"))
	eco, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/all.zip")
	a, found := m.archives[eco]
	if !ok || !found {
		http.NotFound(w, r)
		return
	}
	if a.etag != "" {
		w.Header().Set("ETag", a.etag)
		if r.Header.Get("If-None-Match") == a.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	if !a.lastModified.IsZero() {
		w.Header().Set("Last-Modified", a.lastModified.UTC().Format(http.TimeFormat))
		if t, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !a.lastModified.After(t) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	if a.chunked {
		w.Write(a.body[:10])
		w.(http.Flusher).Flush()
		w.Write(a.body[10:])
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(a.body)))
	w.Write(a.body[:len(a.body)-a.short])
}

func (m *mirror) takeRequests() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	r := m.requests
	m.requests = nil
	return r
}

func newMirror(t *testing.T) (*mirror, string) {
	m := &mirror{archives: map[string]archive{}}
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return m, srv.URL
}

func TestSync(t *testing.T) {
	t.Parallel()
	m, url := newMirror(t)
	m.set("PyPI", archive{etag: `"p1"`, body: zipOf(t,
		[2]string{"PYSEC-1.json", record("PYSEC-1", jan, "django")},
		[2]string{"PYSEC-2.json", record("PYSEC-2", jan, "flask")},
	)})
	lm := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	m.set("crates.io", archive{lastModified: lm, body: zipOf(t,
		[2]string{"RUSTSEC-1.json", recordIn("RUSTSEC-1", "crates.io", "smallvec")},
	)})
	dir := t.TempDir()
	opts := osv.SyncOptions{BaseURL: url, Ecosystems: []string{"PyPI", "crates.io"}, Now: fixedNow}
	ctx := context.Background()

	res, err := osv.SyncWith(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []osv.EcosystemSync{
		{Ecosystem: "PyPI", Bytes: int64(len(m.archives["PyPI"].body)), Records: 2},
		{Ecosystem: "crates.io", Bytes: int64(len(m.archives["crates.io"].body)), Records: 1},
	}
	if diff := cmp.Diff(want, res.Ecosystems); diff != "" {
		t.Errorf("first sync (-want +got):\n%s", diff)
	}
	if !res.Changed || res.Import.Added != 3 {
		t.Errorf("Changed, Added = %v, %d; want true, 3", res.Changed, res.Import.Added)
	}
	first := res.Import.Snapshot.ID
	st := mustOpen(t, dir)
	if st.Snapshot().ID != first || len(st.Lookup("crates.io", "smallvec")) != 1 {
		t.Fatalf("store after sync: %+v", st.Snapshot())
	}
	states := st.SyncStates()
	if states["PyPI"].ETag != `"p1"` || states["crates.io"].LastModified != lm.Format(http.TimeFormat) || !states["PyPI"].Fetched.Equal(fixedNow()) {
		t.Errorf("sync states = %+v", states)
	}
	m.takeRequests()

	// Nothing changed upstream: both answers are 304 and no snapshot is written.
	res, err = osv.SyncWith(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed || !res.Ecosystems[0].NotModified || !res.Ecosystems[1].NotModified || res.Import.Snapshot.ID != first {
		t.Errorf("second sync = %+v", res)
	}
	wantReq := []string{
		`GET /PyPI/all.zip If-None-Match="p1" If-Modified-Since=`,
		"GET /crates.io/all.zip If-None-Match= If-Modified-Since=" + lm.Format(http.TimeFormat),
	}
	if diff := cmp.Diff(wantReq, m.takeRequests()); diff != "" {
		t.Errorf("conditional requests (-want +got):\n%s", diff)
	}

	// PyPI changes: only it is downloaded, and merged into the rest.
	m.set("PyPI", archive{etag: `"p2"`, body: zipOf(t,
		[2]string{"PYSEC-1.json", record("PYSEC-1", "2024-03-01T00:00:00Z", "django")},
		[2]string{"PYSEC-3.json", record("PYSEC-3", jan, "django")},
	)})
	res, err = osv.SyncWith(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Changed || res.Ecosystems[0].NotModified || !res.Ecosystems[1].NotModified ||
		res.Import.Added != 1 || res.Import.Updated != 1 {
		t.Errorf("third sync = %+v", res)
	}
	st = mustOpen(t, dir)
	if got := lookupIDs(st, "PyPI", "django"); !cmp.Equal(got, []string{"PYSEC-1", "PYSEC-3"}) {
		t.Errorf("django after sync = %v", got)
	}
	if st.SyncStates()["PyPI"].ETag != `"p2"` || st.Snapshot().Total != 4 {
		t.Errorf("after third sync: %+v, %+v", st.SyncStates(), st.Snapshot())
	}
}

// TestSyncFailures: a failed sync leaves the store exactly as it was.
func TestSyncFailures(t *testing.T) {
	t.Parallel()
	m, url := newMirror(t)
	good := zipOf(t, [2]string{"PYSEC-1.json", record("PYSEC-1", jan, "a")})
	m.set("PyPI", archive{etag: `"1"`, body: good})
	m.set("Big", archive{etag: `"1"`, body: zipOf(t, [2]string{"PYSEC-9.json", record("PYSEC-9", jan, strings.Repeat("a", 5000))})})
	m.set("Chunked", archive{chunked: true, body: good})
	m.set("Short", archive{short: 10, body: good})
	m.set("Broken", archive{etag: `"1"`, body: good[:len(good)-30]})
	m.set("Traversal", archive{etag: `"1"`, body: zipOf(t, [2]string{"../PYSEC-1.json", record("PYSEC-1", jan, "a")})})

	tests := []struct {
		name       string
		url        string
		ecosystems []string
		limits     osv.Limits
		code       ward.Code
		want       string
	}{
		{"unknown ecosystem", url, []string{"PyPI", "Nope"}, osv.Limits{}, ward.ENotFound, `answered 404 (is "Nope" an OSV ecosystem name?`},
		{"download over the limit", url, []string{"Big"}, osv.Limits{MaxFileBytes: 100}, ward.EInvalid, "more than the limit of 100"},
		{"chunked download over the limit", url, []string{"Chunked"}, osv.Limits{MaxFileBytes: 100}, ward.EInvalid, "more than the limit of 100 bytes"},
		{"connection cut", url, []string{"Short"}, osv.Limits{}, ward.EInternal, "unexpected EOF"},
		{"damaged archive", url, []string{"Broken"}, osv.Limits{}, ward.EInvalid, "not a readable zip archive"},
		{"hostile archive", url, []string{"Traversal"}, osv.Limits{}, ward.EInvalid, "points outside the archive"},
		{"server down", "http://127.0.0.1:1", []string{"PyPI"}, osv.Limits{}, ward.EInternal, "connection refused"},
		{"not a URL", "ftp://example.org", []string{"PyPI"}, osv.Limits{}, ward.EInvalid, "not an http(s) URL"},
		{"bad ecosystem name", url, []string{"../x"}, osv.Limits{}, ward.EInvalid, "not an OSV ecosystem name"},
		{"no ecosystem", url, nil, osv.Limits{}, ward.EInvalid, "no ecosystem to sync"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			before := mustImport(t, dir, osv.ImportOptions{}, jsonl(t, record("PYSEC-0", jan, "x")))
			_, err := osv.SyncWith(context.Background(), dir, osv.SyncOptions{BaseURL: tc.url, Ecosystems: tc.ecosystems, Limits: tc.limits, Now: fixedNow})
			if err == nil {
				t.Fatal("sync succeeded")
			}
			if ward.CodeOf(err) != tc.code || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v (code %s)\nwant code %s and %q", err, ward.CodeOf(err), tc.code, tc.want)
			}
			assertSnapshot(t, dir, before.Snapshot.ID)
		})
	}
}

// TestSyncSkipsInvalidUpstreamRecords: one bad record upstream must not
// keep the rest of the ecosystem out of date.
func TestSyncSkipsInvalidUpstreamRecords(t *testing.T) {
	t.Parallel()
	m, url := newMirror(t)
	m.set("PyPI", archive{etag: `"1"`, body: zipOf(t,
		[2]string{"PYSEC-1.json", record("PYSEC-1", jan, "a")},
		[2]string{"PYSEC-2.json", `{"id":"PYSEC-2"}`},
	)})
	res, err := osv.Sync(context.Background(), t.TempDir(), url, []string{"PyPI"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Ecosystems[0].Records != 1 || res.Ecosystems[0].Skipped != 1 || len(res.Import.Problems) != 1 {
		t.Errorf("result = %+v", res)
	}
	if got := res.Import.Problems.Error(); !strings.HasPrefix(got, "PyPI/all.zip!/PYSEC-2.json:1:1: modified: modified is required") {
		t.Errorf("problem = %s", got)
	}
}
