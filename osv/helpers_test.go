package osv_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wardhq/ward/osv"
)

// record returns a minimal valid OSV record for PyPI packages.
func record(id, modified string, pkgs ...string) string {
	var aff []string
	for _, p := range pkgs {
		aff = append(aff, fmt.Sprintf(`{"package":{"ecosystem":"PyPI","name":%q},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.0"}]}]}`, p))
	}
	return fmt.Sprintf(`{"id":%q,"modified":%q,"affected":[%s]}`, id, modified, strings.Join(aff, ","))
}

// recordIn returns a minimal valid OSV record for one package of ecosystem.
func recordIn(id, ecosystem, name string) string {
	return fmt.Sprintf(`{"id":%q,"modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":%q,"name":%q},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]}`, id, ecosystem, name)
}

func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// jsonl writes records as a JSON Lines file in a temp folder.
func jsonl(t testing.TB, records ...string) string {
	t.Helper()
	return writeFile(t, filepath.Join(t.TempDir(), "in.jsonl"), strings.Join(records, "\n")+"\n")
}

// zipOf builds an archive of name → content, in the given order.
func zipOf(t testing.TB, files ...[2]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, f := range files {
		fw, err := w.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write([]byte(f[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var fixedNow = func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) }

func mustImport(t testing.TB, dir string, opts osv.ImportOptions, paths ...string) osv.ImportResult {
	t.Helper()
	if opts.Now == nil {
		opts.Now = fixedNow
	}
	res, err := osv.Import(context.Background(), dir, paths, opts)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return res
}

func mustOpen(t testing.TB, dir string) *osv.Store {
	t.Helper()
	st, err := osv.Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// ids returns the IDs of what Lookup found.
func lookupIDs(st *osv.Store, ecosystem, name string) []string {
	var ids []string
	for _, a := range st.Lookup(ecosystem, name) {
		ids = append(ids, a.ID)
	}
	return ids
}

// assertSnapshot checks that the store in dir still opens with snapshot id
// and the files that go with it: what a failed import must leave behind.
func assertSnapshot(t *testing.T, dir, id string) {
	t.Helper()
	st := mustOpen(t, dir)
	if got := st.Snapshot().ID; got != id {
		t.Fatalf("snapshot = %s, want %s (the store changed)", got, id)
	}
	if st.Snapshot().Total > 0 && len(st.IDs()) != st.Snapshot().Total {
		t.Fatalf("IDs() has %d entries, Total is %d", len(st.IDs()), st.Snapshot().Total)
	}
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
