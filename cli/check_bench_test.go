package cli_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward/cli"
	"github.com/wardhq/ward/internal/scalefile"
	"github.com/wardhq/ward/securityfile"
)

// BenchmarkCheck10x times `ward check` (load, validate, evaluate every
// rule, render the text report) on a security file ten times the size of
// the infusion-pump example.
func BenchmarkCheck10x(b *testing.B) {
	dir := scaledExample(b, 10)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		code := cli.Run(context.Background(), []string{"check", dir, "--date", "2026-11-26", "--fail-on", "none"}, strings.NewReader(""), io.Discard, io.Discard)
		if code != cli.ExitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

// TestScaledExampleChecks makes sure the benchmark input is a valid
// security file, so the benchmark measures the full path.
func TestScaledExampleChecks(t *testing.T) {
	dir := scaledExample(t, 3)
	var stderr bytes.Buffer
	code := cli.Run(context.Background(), []string{"check", dir, "--date", "2026-11-26", "--fail-on", "none", "--format", "json"}, strings.NewReader(""), io.Discard, &stderr)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
}

func scaledExample(tb testing.TB, n int) string {
	tb.Helper()
	sf, err := securityfile.Load("../examples/infusion-pump", securityfile.Limits{})
	if err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(tb.TempDir(), "scaled")
	if err := scalefile.Write(dir, scalefile.Scale(sf, n)); err != nil {
		tb.Fatal(err)
	}
	// The SBOM files are referenced relative to the security file.
	if err := os.CopyFS(filepath.Join(dir, "sbom"), os.DirFS("../examples/infusion-pump/sbom")); err != nil {
		tb.Fatal(err)
	}
	return dir
}
