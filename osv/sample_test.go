package osv_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/osv"
)

const sampleFile = "../examples/advisories/osv-sample.jsonl"

// TestExampleSample: the example product's advisories import cleanly, name
// every package its SBOMs pin, and are unchanged copies of the public data.
func TestExampleSample(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	res := mustImport(t, dir, osv.ImportOptions{}, sampleFile)
	if res.Records != 222 || res.Skipped != 0 {
		t.Errorf("Records, Skipped = %d, %d; want 222, 0", res.Records, res.Skipped)
	}
	st := mustOpen(t, dir)
	for _, p := range []struct {
		ecosystem, name string
		n               int
	}{
		{"PyPI", "django", 116}, {"PyPI", "PyYAML", 4}, {"PyPI", "Jinja2", 5}, {"PyPI", "requests", 5},
		{"PyPI", "cryptography", 7}, {"PyPI", "urllib3", 11},
		{"Go", "golang.org/x/net", 30}, {"Go", "github.com/gin-gonic/gin", 3},
		{"Go", "golang.org/x/crypto", 29}, {"Go", "github.com/golang-jwt/jwt/v4", 2},
		{"crates.io", "smallvec", 5}, {"crates.io", "tokio", 5},
	} {
		if got := len(st.Lookup(p.ecosystem, p.name)); got != p.n {
			t.Errorf("Lookup(%s, %s) finds %d, want %d", p.ecosystem, p.name, got, p.n)
		}
	}
	if fi, err := os.Stat(sampleFile); err != nil || fi.Size() > 1<<20 {
		t.Errorf("sample is %d bytes, keep it under 1 MiB (err %v)", fi.Size(), err)
	}
}

// TestExampleSampleUnchanged: each line is byte for byte a line of the
// shared public corpora (ATTRIBUTION.md says so).
func TestExampleSampleUnchanged(t *testing.T) {
	shared := testutil.SharedData(t, "osv")
	lines := map[string]bool{}
	for _, f := range []string{"pypi.jsonl", "go.jsonl", "crates.jsonl"} {
		b := testutil.Read(t, filepath.Join(shared, f))
		for _, l := range bytes.Split(b, []byte("\n")) {
			lines[string(l)] = true
		}
	}
	f, err := os.Open(sampleFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		if !lines[sc.Text()] {
			t.Errorf("%s:%d is not a line of the shared data", sampleFile, n)
		}
	}
}
