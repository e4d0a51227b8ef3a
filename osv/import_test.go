package osv_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/osv"
)

const jan = "2024-01-01T00:00:00Z"

func TestImportSources(t *testing.T) {
	t.Parallel()
	in := t.TempDir()
	writeFile(t, filepath.Join(in, "PYSEC-1.json"), record("PYSEC-1", jan, "a"))
	writeFile(t, filepath.Join(in, "deep", "er", "PYSEC-2.JSON"), record("PYSEC-2", jan, "a"))
	writeFile(t, filepath.Join(in, "deep", "more.jsonl"), record("PYSEC-3", jan, "a")+"\r\n\r\n"+record("PYSEC-4", jan, "a")) // CRLF, blank line, no final newline
	writeFile(t, filepath.Join(in, "deep", "all.zip"), string(zipOf(t,
		[2]string{"PYSEC-5.json", record("PYSEC-5", jan, "a")},
		[2]string{"sub/", ""},
		[2]string{"README.txt", "not a record"},
	)))
	writeFile(t, filepath.Join(in, ".git", "PYSEC-9.json"), "hidden folders are skipped")
	writeFile(t, filepath.Join(in, "notes.md"), "other files are ignored")
	single := writeFile(t, filepath.Join(t.TempDir(), "GO-1.json"), string(testutil.Read(t, "testdata/osv-linter/GO-2020-0001.json")))

	dir := t.TempDir()
	res := mustImport(t, dir, osv.ImportOptions{}, in, single, "testdata/pypa-git-quirks.jsonl")
	if res.Files != 6 || res.Records != 13 || res.Added != 13 {
		t.Errorf("Files, Records, Added = %d, %d, %d; want 6, 13, 13", res.Files, res.Records, res.Added)
	}
	want := []string{"PYSEC-1", "PYSEC-2", "PYSEC-3", "PYSEC-4", "PYSEC-5"}
	if got := lookupIDs(mustOpen(t, dir), "PyPI", "a"); !cmp.Equal(got, want) {
		t.Errorf("Lookup = %v, want %v", got, want)
	}
}

// TestImportRejects: each broken input fails the import with a clear
// message, and the store keeps what it had.
func TestImportRejects(t *testing.T) {
	t.Parallel()
	good := record("PYSEC-7", jan, "b")
	bigDetails := `{"id":"PYSEC-8","modified":"` + jan + `","details":"` + strings.Repeat(" ", 5000) + `"}`
	zipFile := func(t *testing.T, b []byte) string {
		return writeFile(t, filepath.Join(t.TempDir(), "all.zip"), string(b))
	}
	many := make([][2]string, 11)
	for i := range many {
		many[i] = [2]string{"X.json", good}
	}
	wholeZip := zipOf(t, [2]string{"PYSEC-7.json", good}, [2]string{"PYSEC-8.json", bigDetails})

	tests := []struct {
		name   string
		input  func(t *testing.T) string
		limits osv.Limits
		want   string // in the error
	}{
		{
			name: "JSON lines error names the line",
			input: func(t *testing.T) string {
				return jsonl(t, good, good, `{"id":"PYSEC-9","modified":"`+jan+`","affected":[{"package":{"ecosystem":"PyPI","name":"x"},"ranges":[{"type":"ECOSYSTEM","events":[{"fixed":"1"}]}]}]}`)
			},
			want: `in.jsonl:3:116: affected[0].ranges[0].events: range has no introduced event`,
		},
		{
			name:  "truncated JSON lines",
			input: func(t *testing.T) string { return jsonl(t, good, good[:40]) },
			want:  "in.jsonl:2:41: invalid JSON: unexpected end of JSON input (the record is truncated)",
		},
		{
			name: "truncated JSON file",
			input: func(t *testing.T) string {
				return writeFile(t, filepath.Join(t.TempDir(), "a.json"), good[:len(good)-3])
			},
			want: "(the record is truncated)",
		},
		{
			name:  "truncated archive",
			input: func(t *testing.T) string { return zipFile(t, wholeZip[:len(wholeZip)/2]) },
			want:  "not a readable zip archive (zip: not a valid zip file); it may be truncated",
		},
		{
			name:   "too many entries",
			input:  func(t *testing.T) string { return zipFile(t, zipOf(t, many...)) },
			limits: osv.Limits{MaxArchiveEntries: 10},
			want:   "11 entries, more than the limit of 10",
		},
		{
			name:   "too large uncompressed",
			input:  func(t *testing.T) string { return zipFile(t, wholeZip) },
			limits: osv.Limits{MaxArchiveBytes: 4000},
			want:   "bytes uncompressed, more than the limit of 4000; refusing the archive",
		},
		{
			name:  "entry larger than it declares (zip bomb)",
			input: func(t *testing.T) string { return zipFile(t, lyingZip(t, "PYSEC-8.json", []byte(bigDetails), 100)) },
			want:  "the archive may be truncated or damaged",
		},
		{
			name:   "record over the limit",
			input:  func(t *testing.T) string { return zipFile(t, wholeZip) },
			limits: osv.Limits{MaxRecordBytes: 1000},
			want:   "all.zip!/PYSEC-8.json:1: record is 1001 bytes, more than the limit of 1000",
		},
		{
			name:  "parent traversal",
			input: func(t *testing.T) string { return zipFile(t, zipOf(t, [2]string{"../../PYSEC-7.json", good})) },
			want:  "points outside the archive",
		},
		{
			name:  "absolute name",
			input: func(t *testing.T) string { return zipFile(t, zipOf(t, [2]string{"/etc/PYSEC-7.json", good})) },
			want:  "points outside the archive",
		},
		{
			name:  "backslash traversal",
			input: func(t *testing.T) string { return zipFile(t, zipOf(t, [2]string{`a\..\..\PYSEC-7.json`, good})) },
			want:  "points outside the archive",
		},
		{
			name:  "no records",
			input: func(t *testing.T) string { return t.TempDir() },
			want:  "no OSV records found",
		},
		{
			name:  "missing input",
			input: func(t *testing.T) string { return filepath.Join(t.TempDir(), "nope.jsonl") },
			want:  "cannot read",
		},
		{
			name:  "unknown kind",
			input: func(t *testing.T) string { return writeFile(t, filepath.Join(t.TempDir(), "a.yaml"), "id: x") },
			want:  "unknown kind of input",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			before := mustImport(t, dir, osv.ImportOptions{}, jsonl(t, record("PYSEC-1", jan, "a")))
			_, err := osv.Import(context.Background(), dir, []string{tc.input(t)}, osv.ImportOptions{Limits: tc.limits})
			if err == nil {
				t.Fatal("import succeeded")
			}
			if ward.CodeOf(err) != ward.EInvalid {
				t.Errorf("code = %s, want invalid", ward.CodeOf(err))
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v\nwant it to contain %q", err, tc.want)
			}
			assertSnapshot(t, dir, before.Snapshot.ID)
		})
	}
}

// lyingZip stores content under name but declares only declared bytes
// uncompressed, as a zip bomb does to slip past a size check.
func lyingZip(t *testing.T, name string, content []byte, declared uint64) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	fw, err := w.CreateRaw(&zip.FileHeader{
		Name:               name,
		Method:             zip.Store,
		CRC32:              crc32.ChecksumIEEE(content),
		CompressedSize64:   uint64(len(content)),
		UncompressedSize64: declared,
	})
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	w.Close()
	return b.Bytes()
}

func TestImportSkipInvalid(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := jsonl(t,
		record("PYSEC-1", jan, "a"),
		`{"id":"PYSEC-2"}`,
		`not json`,
		record("PYSEC-3", jan, "a"),
	)
	res := mustImport(t, dir, osv.ImportOptions{SkipInvalid: true}, in)
	if res.Records != 2 || res.Skipped != 2 || res.Added != 2 {
		t.Errorf("Records, Skipped, Added = %d, %d, %d; want 2, 2, 2", res.Records, res.Skipped, res.Added)
	}
	want := in + ":2:1: modified: modified is required (OSV requires it: the time of the record's last change, RFC 3339 in UTC)\n" +
		in + ":3:2: invalid JSON: invalid character 'o' in literal null (expecting 'u')"
	if diff := cmp.Diff(want, res.Problems.Error()); diff != "" {
		t.Errorf("Problems mismatch (-want +got):\n%s", diff)
	}
}

// TestImportManyProblems: a wrong input with countless bad records gives a
// bounded report.
func TestImportManyProblems(t *testing.T) {
	t.Parallel()
	lines := make([]string, 250)
	for i := range lines {
		lines[i] = `{}`
	}
	_, err := osv.Import(context.Background(), t.TempDir(), []string{jsonl(t, lines...)}, osv.ImportOptions{})
	var pes ward.PosErrors
	if !errors.As(err, &pes) {
		t.Fatalf("err = %v, want PosErrors", err)
	}
	if len(pes) != 101 || pes[100].Msg != "… and 400 more problems" {
		t.Errorf("got %d problems, last %q", len(pes), pes[len(pes)-1].Msg)
	}
}

func TestImportCanceled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	before := mustImport(t, dir, osv.ImportOptions{}, jsonl(t, record("PYSEC-1", jan, "a")))
	if _, err := osv.Import(ctx, dir, []string{jsonl(t, record("PYSEC-2", jan, "a"))}, osv.ImportOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	assertSnapshot(t, dir, before.Snapshot.ID)
}

func FuzzImportJSONL(f *testing.F) {
	f.Add(testutil.Read(f, "testdata/pypa-git-quirks.jsonl"))
	f.Add([]byte(record("PYSEC-1", jan, "a") + "\n" + record("PYSEC-1", "2024-02-01T00:00:00Z", "b") + "\n"))
	f.Add([]byte("\n\n{}\n" + recordIn("DSA-1", "Debian:12", "openssl")))
	dir := f.TempDir()
	seed := writeFile(f, filepath.Join(f.TempDir(), "seed.jsonl"), record("PYSEC-0", jan, "seed")+"\n")
	base := mustImport(f, dir, osv.ImportOptions{Replace: true}, seed)
	f.Fuzz(func(t *testing.T, b []byte) {
		in := filepath.Join(t.TempDir(), "f.jsonl")
		if err := os.WriteFile(in, b, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := osv.Import(context.Background(), dir, []string{in}, osv.ImportOptions{Replace: true, Now: fixedNow})
		if err != nil {
			if ward.CodeOf(err) != ward.EInvalid {
				t.Fatalf("error without a user-facing code: %v", err)
			}
			var pes ward.PosErrors
			if errors.As(err, &pes) {
				for _, pe := range pes[:len(pes)-1] {
					if pe.File != in || pe.Line < 1 {
						t.Fatalf("problem without a line: %v", pe)
					}
				}
			}
			assertSnapshot(t, dir, base.Snapshot.ID)
			return
		}
		st, err := osv.Open(dir)
		if err != nil {
			t.Fatalf("store unreadable after a successful import: %v", err)
		}
		defer st.Close()
		if st.Snapshot().ID != res.Snapshot.ID || st.Snapshot().Total != len(st.IDs()) {
			t.Fatalf("snapshot %+v, import said %+v", st.Snapshot(), res.Snapshot)
		}
		for _, id := range st.IDs() {
			a, err := st.Advisory(id)
			if err != nil || a.ID != id {
				t.Fatalf("Advisory(%q) = %v, %v", id, a, err)
			}
			for _, af := range a.Affected {
				if af.Name != "" && len(st.Lookup(af.Ecosystem, af.Name)) == 0 {
					t.Fatalf("Lookup(%q, %q) finds nothing", af.Ecosystem, af.Name)
				}
			}
		}
		// Restore the base content for the next input.
		mustImport(t, dir, osv.ImportOptions{Replace: true, Now: fixedNow}, seed)
	})
}
