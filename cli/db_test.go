package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wardhq/ward/internal/testutil"
)

// dbSample is the example product's real advisories (see its ATTRIBUTION.md).
const dbSample = "../examples/advisories/osv-sample.jsonl"

func dbRecord(id, modified, pkg string) string {
	return `{"id":"` + id + `","modified":"` + modified + `","affected":[{"package":{"ecosystem":"PyPI","name":"` + pkg + `"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.0"}]}]}]}`
}

func dbZip(t *testing.T, files ...[2]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, f := range files {
		fw, err := w.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(f[1]))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// dbInputs writes the import inputs of TestDB into a temp folder.
func dbInputs(t *testing.T) string {
	t.Helper()
	in := t.TempDir()
	files := map[string]string{
		"update.jsonl": dbRecord("PYSEC-2021-9999", "2030-01-01T00:00:00Z", "Django") + "\n" +
			dbRecord("PYSEC-2022-19", "2000-01-01T00:00:00Z", "django") + "\n",
		"bad.jsonl": dbRecord("PYSEC-1", "2024-01-01T00:00:00Z", "a") + "\n" +
			`{"id":"PYSEC-2","affected":[{"package":{"ecosystem":"PyPI","name":"a"},"ranges":[{"type":"ECOSYSTEM","events":[{"fixed":"1"}]}]}]}` + "\n" +
			`{"id":"PYSEC-3",` + "\n",
		"evil.zip": string(dbZip(t, [2]string{"../../PYSEC-1.json", dbRecord("PYSEC-1", "2024-01-01T00:00:00Z", "a")})),
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(in, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return in
}

// dbMirror serves PyPI/all.zip with an ETag on loopback, as the OSV bucket
// does, answering 304 to a matching If-None-Match.
func dbMirror(t *testing.T) string {
	t.Helper()
	body := dbZip(t,
		[2]string{"PYSEC-2024-1.json", dbRecord("PYSEC-2024-1", "2024-05-01T00:00:00Z", "requests")},
		[2]string{"PYSEC-2024-2.json", dbRecord("PYSEC-2024-2", "2024-06-01T00:00:00Z", "urllib3")},
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/PyPI/all.zip" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestDB(t *testing.T) {
	t.Parallel()
	in := dbInputs(t)
	url := dbMirror(t)
	for _, tc := range []struct {
		name  string
		setup [][]string // commands run first, each must succeed
		args  []string
		env   map[string]string
		exit  int
	}{
		{name: "import_sample", args: []string{"db", "import", "--db", "$DB", dbSample}, exit: ExitOK},
		{name: "import_merge", setup: [][]string{{"db", "import", "--db", "$DB", dbSample}}, args: []string{"db", "import", "--db", "$DB", "$IN/update.jsonl"}, exit: ExitOK},
		{name: "import_replace", setup: [][]string{{"db", "import", "--db", "$DB", dbSample}}, args: []string{"db", "import", "--db", "$DB", "--replace", "$IN/update.jsonl"}, exit: ExitOK},
		{name: "import_invalid", setup: [][]string{{"db", "import", "--db", "$DB", dbSample}}, args: []string{"db", "import", "--db", "$DB", "$IN/bad.jsonl"}, exit: ExitError},
		{name: "import_skip_invalid", args: []string{"db", "import", "--db", "$DB", "$IN/bad.jsonl", "--skip-invalid"}, exit: ExitOK},
		{name: "import_hostile_zip", args: []string{"db", "import", "--db", "$DB", "$IN/evil.zip"}, exit: ExitError},
		{name: "import_no_path", args: []string{"db", "import", "--db", "$DB"}, exit: ExitUsage},
		{name: "import_from_env", args: []string{"db", "import", dbSample}, env: map[string]string{"WARD_DB": "$DB"}, exit: ExitOK},
		{name: "status_text", setup: [][]string{{"db", "import", "--db", "$DB", dbSample}}, args: []string{"db", "status", "--db", "$DB"}, exit: ExitOK},
		{name: "status_json", setup: [][]string{{"db", "import", "--db", "$DB", dbSample}}, args: []string{"db", "status", "--db", "$DB", "--format", "json"}, exit: ExitOK},
		{name: "status_from_env", setup: [][]string{{"db", "import", "--db", "$DB", dbSample}}, args: []string{"db", "status"}, env: map[string]string{"WARD_DB": "$DB"}, exit: ExitOK},
		{name: "status_flag_beats_env", setup: [][]string{{"db", "import", "--db", "$DB", dbSample}}, args: []string{"db", "status", "--db", "$DB"}, env: map[string]string{"WARD_DB": "$IN/nowhere"}, exit: ExitOK},
		{name: "status_empty", args: []string{"db", "status", "--db", "$DB"}, exit: ExitError},
		{name: "status_bad_format", args: []string{"db", "status", "--db", "$DB", "--format", "xml"}, exit: ExitUsage},
		{name: "sync_first", setup: [][]string{{"db", "import", "--db", "$DB", dbSample}}, args: []string{"db", "sync", "--db", "$DB", "--url", "$URL", "--ecosystem", "PyPI"}, exit: ExitOK},
		{name: "sync_not_modified", setup: [][]string{{"db", "sync", "--db", "$DB", "--url", "$URL", "--ecosystem", "PyPI"}}, args: []string{"db", "sync", "--db", "$DB", "--url", "$URL"}, exit: ExitOK},
		{name: "sync_then_status", setup: [][]string{{"db", "sync", "--db", "$DB", "--url", "$URL", "--ecosystem", "PyPI"}}, args: []string{"db", "status", "--db", "$DB"}, exit: ExitOK},
		{name: "sync_unknown_ecosystem", args: []string{"db", "sync", "--db", "$DB", "--url", "$URL", "--ecosystem", "pypi"}, exit: ExitError},
		{name: "sync_no_ecosystem", args: []string{"db", "sync", "--db", "$DB", "--url", "$URL"}, exit: ExitUsage},
		{name: "no_subcommand", args: []string{"db"}, exit: ExitUsage},
		{name: "unknown_subcommand", args: []string{"db", "show"}, exit: ExitUsage},
		{name: "help", args: []string{"db", "help"}, exit: ExitOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := filepath.Join(t.TempDir(), "db")
			expand := strings.NewReplacer("$DB", db, "$IN", in, "$URL", url).Replace
			env := map[string]string{}
			for k, v := range tc.env {
				env[k] = expand(v)
			}
			for _, args := range tc.setup {
				if code, _, stderr := runDBTest(env, expand, args); code != ExitOK {
					t.Fatalf("setup %v: exit %d\n%s", args, code, stderr)
				}
			}
			code, stdout, stderr := runDBTest(env, expand, tc.args)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d\nstderr:\n%s", code, tc.exit, stderr)
			}
			// Paths and the server's port vary from run to run.
			unexpand := strings.NewReplacer(db, "$DB", in, "$IN", url, "$URL").Replace
			testutil.Golden(t, ".stdout", []byte(unexpand(stdout)))
			testutil.Golden(t, ".stderr", []byte(unexpand(stderr)))
		})
	}
}

// runDBTest runs ward in-process with a fixed clock and the given
// environment.
func runDBTest(environ map[string]string, expand func(string) string, args []string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	e := &env{
		stdin:  strings.NewReader(""),
		stdout: &stdout,
		stderr: &stderr,
		now:    func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) },
		getenv: func(k string) string { return environ[k] },
	}
	expanded := make([]string, len(args))
	for i, a := range args {
		expanded[i] = expand(a)
	}
	code := run(context.Background(), e, expanded)
	return code, stdout.String(), stderr.String()
}
