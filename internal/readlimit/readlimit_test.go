package readlimit

import (
	"strings"
	"testing"

	"github.com/wardhq/ward"
)

func TestAll(t *testing.T) {
	got, err := All("a", strings.NewReader("12345"), 5)
	if err != nil || string(got) != "12345" {
		t.Fatalf("at the limit: %q, %v", got, err)
	}
	_, err = All("b.json", strings.NewReader("123456"), 5)
	if ward.CodeOf(err) != ward.EInvalid || !strings.HasPrefix(err.Error(), "b.json: larger than the limit of 5 bytes") {
		t.Errorf("over the limit: %v", err)
	}
	for n, want := range map[int64]string{64 << 20: "64 MiB", 512 << 10: "512 KiB", 1000: "1000 bytes"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}
