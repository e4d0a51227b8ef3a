// Package testutil holds helpers shared by ward's tests: golden files and
// fixtures. It is imported only from _test.go files.
package testutil

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// Golden compares got with testdata/<TestName><ext>; -update rewrites it.
func Golden(t *testing.T, ext string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", filepath.FromSlash(t.Name())+ext)
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run: go test -run '%s' -update)", err, t.Name())
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", file, diff)
	}
}

// Read returns the content of file or fails the test.
func Read(tb testing.TB, file string) []byte {
	tb.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// SharedData returns the path of the shared data set (../shared/data beside
// the repository) used by tests that run whole public corpora, and skips
// the test outside CI when it is absent. In CI its absence is a failure.
func SharedData(tb testing.TB, rel string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for d := dir; ; {
		p := filepath.Join(d, "..", "shared", "data", rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if os.Getenv("CI") != "" {
		tb.Fatalf("shared data %s not found beside the repository", rel)
	}
	tb.Skipf("shared data %s not found beside the repository", rel)
	return ""
}
