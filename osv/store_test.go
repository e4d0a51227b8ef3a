package osv_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/osv"
)

// TestImportSharedData imports every public advisory of the shared data
// and checks that the store gives back each record exactly as parsed.
func TestImportSharedData(t *testing.T) {
	files := sharedOSV(t)
	dir := t.TempDir()
	res := mustImport(t, dir, osv.ImportOptions{}, files...)
	if res.Records != 8158 || res.Added != 8158 || res.Files != 3 {
		t.Errorf("read %d records from %d files, added %d; want 8158 from 3, 8158", res.Records, res.Files, res.Added)
	}
	st := mustOpen(t, dir)
	info := st.Snapshot()
	want := map[string]int{"PyPI": 2661, "Go": 4291, "crates.io": 1206}
	if diff := cmp.Diff(want, info.Counts); diff != "" {
		t.Errorf("Counts mismatch (-want +got):\n%s", diff)
	}
	if info.Total != 8158 || info.Withdrawn != 40 {
		t.Errorf("Total, Withdrawn = %d, %d; want 8158, 40", info.Total, info.Withdrawn)
	}
	if got := info.NewestModified.Format(time.RFC3339); got != "2026-08-21T06:28:40Z" {
		t.Errorf("NewestModified = %s", got)
	}
	if info.ID != res.Snapshot.ID || len(info.ID) != 64 {
		t.Errorf("ID = %q, import said %q", info.ID, res.Snapshot.ID)
	}

	for _, tc := range []struct{ ecosystem, name, id string }{
		{"PyPI", "Django", "PYSEC-2022-19"},
		{"PyPI", "PyYAML", "PYSEC-2021-142"},
		{"Go", "golang.org/x/net", "GO-2023-1571"},
		{"Go", "github.com/gin-gonic/gin", "GO-2020-0001"},
		{"crates.io", "smallvec", "RUSTSEC-2021-0003"},
		{"crates.io", "tokio", "RUSTSEC-2021-0124"},
	} {
		ids := lookupIDs(st, tc.ecosystem, tc.name)
		if !slices.Contains(ids, tc.id) {
			t.Errorf("Lookup(%s, %s) = %v, missing %s", tc.ecosystem, tc.name, ids, tc.id)
		}
		if !slices.IsSorted(ids) {
			t.Errorf("Lookup(%s, %s) not in ID order", tc.ecosystem, tc.name)
		}
	}

	// Every record comes back from the store as the parser read it, and
	// its raw form is the line it came from (the lines are compact JSON).
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			want, err := osv.ParseAdvisory(file, sc.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			got, err := st.Advisory(want.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("%s differs after the store (-parsed +stored):\n%s", want.ID, diff)
			}
			raw, err := st.Raw(want.ID)
			if err != nil || string(raw) != sc.Text() {
				t.Fatalf("Raw(%s) differs from the input line (err %v)", want.ID, err)
			}
			for _, af := range want.Affected {
				if !slices.ContainsFunc(st.Lookup(af.Ecosystem, af.Name), func(a *ward.Advisory) bool { return a.ID == want.ID }) {
					t.Fatalf("Lookup(%s, %s) misses %s", af.Ecosystem, af.Name, want.ID)
				}
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSnapshotIDIsContent: the same advisories give the same snapshot ID,
// whatever the source format, file order, white space or import time.
func TestSnapshotIDIsContent(t *testing.T) {
	t.Parallel()
	a := record("PYSEC-1", "2024-01-01T00:00:00Z", "django")
	b := record("PYSEC-2", "2024-02-01T00:00:00Z", "flask")

	fromJSONL := t.TempDir()
	r1 := mustImport(t, fromJSONL, osv.ImportOptions{}, jsonl(t, a, b))

	fromFolder := t.TempDir()
	in := t.TempDir()
	writeFile(t, filepath.Join(in, "z", "PYSEC-1.json"), a)
	// Same keys in the same order, other white space.
	writeFile(t, filepath.Join(in, "a", "PYSEC-2.json"), strings.NewReplacer(`,"`, ",\n  \"", `{`, "{\n  ").Replace(b))
	r2 := mustImport(t, fromFolder, osv.ImportOptions{Now: func() time.Time { return time.Unix(0, 0) }}, in)

	fromZip := t.TempDir()
	zipFile := writeFile(t, filepath.Join(t.TempDir(), "all.zip"), string(zipOf(t, [2]string{"PYSEC-2.json", b}, [2]string{"PYSEC-1.json", a})))
	r3 := mustImport(t, fromZip, osv.ImportOptions{}, zipFile)

	if r1.Snapshot.ID != r2.Snapshot.ID || r1.Snapshot.ID != r3.Snapshot.ID {
		t.Errorf("IDs differ: jsonl %s, folder %s, zip %s", r1.Snapshot.ID, r2.Snapshot.ID, r3.Snapshot.ID)
	}
	again := mustImport(t, fromJSONL, osv.ImportOptions{}, jsonl(t, b, a))
	if again.Snapshot.ID != r1.Snapshot.ID || again.Unchanged != 2 || again.Added+again.Updated != 0 {
		t.Errorf("re-import: ID %s (want %s), %+v", again.Snapshot.ID, r1.Snapshot.ID, again)
	}
	changed := mustImport(t, fromJSONL, osv.ImportOptions{}, jsonl(t, record("PYSEC-3", "2024-01-01T00:00:00Z", "x")))
	if changed.Snapshot.ID == r1.Snapshot.ID {
		t.Error("new content kept the old snapshot ID")
	}
}

func TestImportMerge(t *testing.T) {
	t.Parallel()
	const (
		jan = "2024-01-01T00:00:00Z"
		feb = "2024-02-01T00:00:00Z"
	)
	tests := []struct {
		name              string
		stored, incoming  string
		replace           bool
		wantPkg           string // the package of the surviving PYSEC-1
		wantRes           osv.ImportResult
		wantTotal         int
		wantOtherSurvives bool
	}{
		{"newer incoming wins", record("PYSEC-1", jan, "old"), record("PYSEC-1", feb, "new"), false, "new", osv.ImportResult{Updated: 1}, 2, true},
		{"older incoming ignored", record("PYSEC-1", feb, "old"), record("PYSEC-1", jan, "new"), false, "old", osv.ImportResult{Older: 1}, 2, true},
		{"tie goes to incoming", record("PYSEC-1", jan, "old"), record("PYSEC-1", jan, "new"), false, "new", osv.ImportResult{Updated: 1}, 2, true},
		{"identical is unchanged", record("PYSEC-1", jan, "old"), record("PYSEC-1", jan, "old"), false, "old", osv.ImportResult{Unchanged: 1}, 2, true},
		{"replace drops the rest", record("PYSEC-1", feb, "old"), record("PYSEC-1", jan, "new"), true, "new", osv.ImportResult{Updated: 1, Removed: 1}, 1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			mustImport(t, dir, osv.ImportOptions{}, jsonl(t, tc.stored, record("PYSEC-9", jan, "other")))
			res := mustImport(t, dir, osv.ImportOptions{Replace: tc.replace}, jsonl(t, tc.incoming))
			got := osv.ImportResult{Added: res.Added, Updated: res.Updated, Unchanged: res.Unchanged, Older: res.Older, Removed: res.Removed}
			if diff := cmp.Diff(tc.wantRes, got); diff != "" {
				t.Errorf("counts mismatch (-want +got):\n%s", diff)
			}
			st := mustOpen(t, dir)
			a, err := st.Advisory("PYSEC-1")
			if err != nil {
				t.Fatal(err)
			}
			if a.Affected[0].Name != tc.wantPkg {
				t.Errorf("PYSEC-1 names %s, want %s", a.Affected[0].Name, tc.wantPkg)
			}
			if st.Snapshot().Total != tc.wantTotal {
				t.Errorf("Total = %d, want %d", st.Snapshot().Total, tc.wantTotal)
			}
			if _, err := st.Advisory("PYSEC-9"); (err == nil) != tc.wantOtherSurvives {
				t.Errorf("PYSEC-9: err = %v, want survival %v", err, tc.wantOtherSurvives)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	withdrawn := `{"id":"PYSEC-0","modified":"2024-01-01T00:00:00Z","withdrawn":"2024-02-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"Django_Rest.Framework"}}]}`
	twice := `{"id":"PYSEC-3","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"django-rest-framework"}},{"package":{"ecosystem":"PyPI","name":"DJANGO_rest_framework"}}]}`
	mustImport(t, dir, osv.ImportOptions{}, jsonl(t,
		record("PYSEC-2", "2024-01-01T00:00:00Z", "django-rest-framework"),
		twice,
		withdrawn,
		recordIn("DSA-1", "Debian:12", "openssl"),
		recordIn("DSA-2", "Debian:11", "openssl"),
		recordIn("GO-1", "Go", "github.com/BurntSushi/toml"),
		recordIn("CVE-1", "crates.io", "serde_json"),
	))
	st := mustOpen(t, dir)
	tests := []struct {
		ecosystem, name string
		want            []string
	}{
		{"PyPI", "django-rest-framework", []string{"PYSEC-0", "PYSEC-2", "PYSEC-3"}},
		{"PyPI", "Django_REST_framework", []string{"PYSEC-0", "PYSEC-2", "PYSEC-3"}},
		{"Debian", "openssl", []string{"DSA-1", "DSA-2"}},
		{"Debian:12", "openssl", []string{"DSA-1", "DSA-2"}},
		{"Go", "github.com/BurntSushi/toml", []string{"GO-1"}},
		{"Go", "github.com/burntsushi/toml", nil},
		{"crates.io", "serde-json", []string{"CVE-1"}},
		{"pypi", "django-rest-framework", nil},
		{"PyPI", "flask", nil},
		{"npm", "x", nil},
	}
	for _, tc := range tests {
		if got := lookupIDs(st, tc.ecosystem, tc.name); !cmp.Equal(got, tc.want) {
			t.Errorf("Lookup(%q, %q) = %v, want %v", tc.ecosystem, tc.name, got, tc.want)
		}
	}
	// Repeated lookups share the decoded advisories.
	if a, b := st.Lookup("PyPI", "django-rest-framework"), st.Lookup("PyPI", "django_rest_framework"); &a[0] != &b[0] {
		t.Error("second Lookup rebuilt the list")
	}
	if got := st.Snapshot(); got.Withdrawn != 1 || got.Counts["Debian"] != 2 || got.Counts["PyPI"] != 3 || got.Total != 7 {
		t.Errorf("Snapshot = %+v", got)
	}
}

func TestAdvisoryNotFound(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustImport(t, dir, osv.ImportOptions{}, jsonl(t, record("PYSEC-1", "2024-01-01T00:00:00Z", "a"), record("PYSEC-3", "2024-01-01T00:00:00Z", "a")))
	st := mustOpen(t, dir)
	for _, id := range []string{"PYSEC-0", "PYSEC-2", "PYSEC-4", ""} {
		if _, err := st.Advisory(id); ward.CodeOf(err) != ward.ENotFound {
			t.Errorf("Advisory(%q): err = %v, want ENotFound", id, err)
		}
	}
	if _, err := st.Raw("PYSEC-2"); ward.CodeOf(err) != ward.ENotFound {
		t.Errorf("Raw: err = %v, want ENotFound", err)
	}
}

func TestOpenEmpty(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{t.TempDir(), filepath.Join(t.TempDir(), "missing")} {
		if _, err := osv.Open(dir); ward.CodeOf(err) != ward.ENotFound {
			t.Errorf("Open(%s): err = %v, want ENotFound", dir, err)
		}
	}
}

// TestCrashLeftovers: what a writer killed mid-import leaves (a temporary
// file, a complete or partial snapshot that CURRENT does not name) is
// ignored by Open and removed by the next import.
func TestCrashLeftovers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	res := mustImport(t, dir, osv.ImportOptions{}, jsonl(t, record("PYSEC-1", "2024-01-01T00:00:00Z", "a")))
	current, err := os.ReadFile(filepath.Join(dir, "CURRENT"))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := os.ReadFile(filepath.Join(dir, strings.TrimSpace(string(current))))
	if err != nil {
		t.Fatal(err)
	}
	leftovers := []string{
		writeFile(t, filepath.Join(dir, ".tmp-snapshot-0123456789abcdef.wosv-123"), string(snap[:len(snap)/2])),
		writeFile(t, filepath.Join(dir, ".tmp-CURRENT-456"), "snapshot-0123456789abcdef.wosv\n"),
		writeFile(t, filepath.Join(dir, "snapshot-0123456789abcdef.wosv"), string(snap[:100])),
	}
	assertSnapshot(t, dir, res.Snapshot.ID)
	if got := lookupIDs(mustOpen(t, dir), "PyPI", "a"); !cmp.Equal(got, []string{"PYSEC-1"}) {
		t.Fatalf("Lookup = %v", got)
	}
	mustImport(t, dir, osv.ImportOptions{}, jsonl(t, record("PYSEC-2", "2024-01-01T00:00:00Z", "a")))
	for _, f := range leftovers {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s still there after the next import", filepath.Base(f))
		}
	}
	des, _ := os.ReadDir(dir)
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	if len(names) != 3 { // CURRENT, LOCK, one snapshot
		t.Errorf("store holds %v, want CURRENT, LOCK and one snapshot", names)
	}
}

// TestDamagedSnapshot: a snapshot damaged after it was written (disk
// fault, manual edit) is reported, and a replacing import repairs it.
func TestDamagedSnapshot(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustImport(t, dir, osv.ImportOptions{}, jsonl(t, record("PYSEC-1", "2024-01-01T00:00:00Z", "a")))
	current, _ := os.ReadFile(filepath.Join(dir, "CURRENT"))
	file := filepath.Join(dir, strings.TrimSpace(string(current)))
	b, _ := os.ReadFile(file)
	b[len(b)/2] ^= 0xff
	writeFile(t, file, string(b))
	if _, err := osv.Open(dir); ward.CodeOf(err) != ward.EInternal || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("Open: err = %v, want EInternal, damaged", err)
	}
	if _, err := osv.Import(context.Background(), dir, []string{jsonl(t, record("PYSEC-2", "2024-01-01T00:00:00Z", "a"))}, osv.ImportOptions{}); err == nil {
		t.Fatal("merging into a damaged snapshot succeeded")
	}
	mustImport(t, dir, osv.ImportOptions{Replace: true}, jsonl(t, record("PYSEC-2", "2024-01-01T00:00:00Z", "a")))
	if got := lookupIDs(mustOpen(t, dir), "PyPI", "a"); !cmp.Equal(got, []string{"PYSEC-2"}) {
		t.Fatalf("Lookup after repair = %v", got)
	}
	writeFile(t, filepath.Join(dir, "CURRENT"), "../../etc/passwd\n")
	if _, err := osv.Open(dir); ward.CodeOf(err) != ward.EInternal {
		t.Fatalf("Open with a bad CURRENT: err = %v, want EInternal", err)
	}
}
