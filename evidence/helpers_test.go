package evidence_test

import (
	"os"
	"testing"

	"github.com/wardhq/ward"
)

func open(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// wantInvalid checks that err is a user-readable EInvalid error with
// exactly the text want.
func wantInvalid(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	if code := ward.CodeOf(err); code != ward.EInvalid {
		t.Errorf("code %q, want EInvalid (error: %v)", code, err)
	}
	if got := ward.MessageOf(err); got != want {
		t.Errorf("error\n got: %s\nwant: %s", got, want)
	}
}

// statusCounts counts cases by status.
func statusCounts[T any](items []T, key func(T) string) map[string]int {
	m := map[string]int{}
	for _, it := range items {
		m[key(it)]++
	}
	return m
}
