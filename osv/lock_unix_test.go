//go:build unix

package osv_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/osv"
)

// TestConcurrentWriter: while another process holds the store's lock, an
// import fails with EConflict instead of racing it; readers are not
// blocked.
func TestConcurrentWriter(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	before := mustImport(t, dir, osv.ImportOptions{}, jsonl(t, record("PYSEC-1", jan, "a")))
	f, err := os.OpenFile(filepath.Join(dir, "LOCK"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	_, err = osv.Import(context.Background(), dir, []string{jsonl(t, record("PYSEC-2", jan, "a"))}, osv.ImportOptions{})
	if ward.CodeOf(err) != ward.EConflict {
		t.Errorf("Import while locked: err = %v, want EConflict", err)
	}
	assertSnapshot(t, dir, before.Snapshot.ID)
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	mustImport(t, dir, osv.ImportOptions{}, jsonl(t, record("PYSEC-2", jan, "a")))
}
