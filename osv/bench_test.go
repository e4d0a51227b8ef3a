package osv_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/osv"
)

// sharedOSV returns the three public JSON Lines corpora.
func sharedOSV(tb testing.TB) []string {
	tb.Helper()
	dir := testutil.SharedData(tb, "osv")
	return []string{
		filepath.Join(dir, "pypi.jsonl"),
		filepath.Join(dir, "go.jsonl"),
		filepath.Join(dir, "crates.jsonl"),
	}
}

func BenchmarkImportAll(b *testing.B) {
	files := sharedOSV(b)
	for b.Loop() {
		dir := b.TempDir()
		if _, err := osv.Import(context.Background(), dir, files, osv.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpen(b *testing.B) {
	dir := b.TempDir()
	if _, err := osv.Import(context.Background(), dir, sharedOSV(b), osv.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		s, err := osv.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Lookup("PyPI", "django")) == 0 {
			b.Fatal("no django advisories")
		}
		s.Close()
	}
}
