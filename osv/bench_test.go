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

// BenchmarkOpenLookup is what a scan does: open the store, look up the
// packages of an SBOM (here the example product's twelve).
func BenchmarkOpenLookup(b *testing.B) {
	dir := b.TempDir()
	if _, err := osv.Import(context.Background(), dir, sharedOSV(b), osv.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	pkgs := [][2]string{
		{"PyPI", "django"}, {"PyPI", "PyYAML"}, {"PyPI", "Jinja2"}, {"PyPI", "requests"}, {"PyPI", "cryptography"}, {"PyPI", "urllib3"},
		{"Go", "golang.org/x/net"}, {"Go", "github.com/gin-gonic/gin"}, {"Go", "golang.org/x/crypto"}, {"Go", "github.com/golang-jwt/jwt/v4"},
		{"crates.io", "smallvec"}, {"crates.io", "tokio"},
	}
	b.ResetTimer()
	for b.Loop() {
		s, err := osv.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, p := range pkgs {
			n += len(s.Lookup(p[0], p[1]))
		}
		if n < 200 {
			b.Fatalf("found %d advisories", n)
		}
		s.Close()
	}
}
