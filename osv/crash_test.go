package osv_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wardhq/ward/osv"
)

// TestKilledImport kills a process that imports without pause, at many
// different moments (parsing, encoding, writing, renaming), and checks
// each time that the store opens with one of the complete snapshots it
// may hold: the one before, or one the process finished. The snapshot ID
// being a digest of the content makes the allowed set computable.
func TestKilledImport(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a helper process repeatedly: a few seconds")
	}
	in := t.TempDir()
	a := writeFile(t, filepath.Join(in, "a.jsonl"), syntheticJSONL("A", 8000))
	b := writeFile(t, filepath.Join(in, "b.jsonl"), syntheticJSONL("B", 8000))
	dir := t.TempDir()
	allowed := []string{
		mustImport(t, t.TempDir(), osv.ImportOptions{}, a).Snapshot.ID,
		mustImport(t, t.TempDir(), osv.ImportOptions{}, b).Snapshot.ID,
		mustImport(t, dir, osv.ImportOptions{}, jsonl(t, record("PYSEC-0", jan, "x"))).Snapshot.ID,
	}
	seen := map[string]bool{}
	for i := range 14 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledImportHelper$")
		cmd.Env = append(os.Environ(), "WARD_OSV_HELPER_DIR="+dir, "WARD_OSV_HELPER_IN="+a+string(os.PathListSeparator)+b)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(40*time.Millisecond + time.Duration(i)*67*time.Millisecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()

		st, err := osv.Open(dir)
		if err != nil {
			t.Fatalf("kill %d: store unusable: %v", i, err)
		}
		id := st.Snapshot().ID
		if !slices.Contains(allowed, id) {
			t.Fatalf("kill %d: snapshot %s is none of the complete ones", i, id)
		}
		seen[id] = true
		if n := len(st.IDs()); n != st.Snapshot().Total {
			t.Fatalf("kill %d: %d IDs, Total %d", i, n, st.Snapshot().Total)
		}
		for _, id := range st.IDs() {
			if _, err := st.Advisory(id); err != nil {
				t.Fatalf("kill %d: %v", i, err)
			}
		}
		st.Close()
	}
	t.Logf("snapshots seen after kills: %d of %d", len(seen), len(allowed))
	// The lock died with the process: the next import goes through and
	// clears what the killed ones left.
	mustImport(t, dir, osv.ImportOptions{Replace: true}, jsonl(t, record("PYSEC-0", jan, "x")))
	des, _ := os.ReadDir(dir)
	if len(des) != 3 {
		var names []string
		for _, de := range des {
			names = append(names, de.Name())
		}
		t.Errorf("store holds %v, want CURRENT, LOCK and one snapshot", names)
	}
}

// TestKilledImportHelper is the process TestKilledImport kills: it imports
// its two inputs in turn until it dies.
func TestKilledImportHelper(t *testing.T) {
	dir := os.Getenv("WARD_OSV_HELPER_DIR")
	if dir == "" {
		t.Skip("helper process of TestKilledImport")
	}
	ins := filepath.SplitList(os.Getenv("WARD_OSV_HELPER_IN"))
	for i := 0; ; i++ {
		if _, err := osv.Import(context.Background(), dir, []string{ins[i%2]}, osv.ImportOptions{Replace: true}); err != nil {
			t.Fatal(err)
		}
	}
}

// syntheticJSONL returns n valid records with IDs prefix-0…, spread over
// n/4 packages, each with a paragraph of details.
func syntheticJSONL(prefix string, n int) string {
	var b strings.Builder
	details := strings.Repeat("A long description of the vulnerability. ", 12)
	for i := range n {
		fmt.Fprintf(&b, `{"id":"%s-%05d","modified":"2024-01-01T00:00:00Z","details":%q,"affected":[{"package":{"ecosystem":"PyPI","name":"pkg-%d"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.%d"}]}]}]}`+"\n",
			prefix, i, details, i/4, i)
	}
	return b.String()
}
