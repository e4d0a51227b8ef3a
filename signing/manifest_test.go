package signing_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/signing"
)

// TestParseManifestReadsSha256sum reads what GNU sha256sum wrote and
// writes back the same bytes: the two formats are one.
func TestParseManifestReadsSha256sum(t *testing.T) {
	t.Parallel()
	data := testutil.Read(t, "testdata/sha256sum.txt")
	m, err := signing.ParseManifest("sha256sum.txt", data, signing.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range m.Entries {
		paths = append(paths, e.Path)
	}
	if diff := cmp.Diff([]string{"docs/user manual.pdf", "empty.txt", "pump-fw-1.0.0.bin"}, paths); diff != "" {
		t.Errorf("paths differ (-want +got):\n%s", diff)
	}
	if e, ok := m.Lookup("empty.txt"); !ok || e.SHA256 != sha256.Sum256(nil) {
		t.Errorf("Lookup(empty.txt) = %x, %v; want the digest of nothing", e.SHA256, ok)
	}
	if _, ok := m.Lookup("absent"); ok {
		t.Error("Lookup(absent) found an entry")
	}
	if got := m.Bytes(); !bytes.Equal(got, data) {
		t.Errorf("Bytes() =\n%s\nwant the input\n%s", got, data)
	}
}

// TestParseManifestRejects checks that every kind of broken line is
// reported at its line and column, and that one pass reports them all.
func TestParseManifestRejects(t *testing.T) {
	t.Parallel()
	const d = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	for _, tc := range []struct {
		name, data string
		lim        signing.Limits
		want       []string // positions, file:line:col
	}{
		{"empty", "", signing.Limits{}, []string{"m"}},
		{"no_final_newline", d + "  a", signing.Limits{}, []string{"m:1:68"}},
		{"crlf", d + "  a\r\n", signing.Limits{}, []string{"m:1:68"}},
		{"upper_case_hex", "E" + d[1:] + "  a\n", signing.Limits{}, []string{"m:1:1"}},
		{"short_digest", d[:63] + "  abc\n", signing.Limits{}, []string{"m:1:64"}},
		{"short_line", "abc\n", signing.Limits{}, []string{"m:1:1"}},
		{"blank_line", d + "  a\n\n", signing.Limits{}, []string{"m:2:1"}},
		{"one_space", d + " a b\n", signing.Limits{}, []string{"m:1:65"}},
		{"binary_marker", d + " *a\n", signing.Limits{}, []string{"m:1:66"}},
		{"absolute", d + "  /etc/passwd\n", signing.Limits{}, []string{"m:1:67"}},
		{"parent", d + "  ../key\n", signing.Limits{}, []string{"m:1:67"}},
		{"not_clean", d + "  a//b\n", signing.Limits{}, []string{"m:1:67"}},
		{"dot_slash", d + "  ./a\n", signing.Limits{}, []string{"m:1:67"}},
		{"backslash", d + "  a\\b\n", signing.Limits{}, []string{"m:1:67"}},
		{"trailing_space", d + "  a \n", signing.Limits{}, []string{"m:1:67"}},
		{"not_utf8", d + "  a\xff\n", signing.Limits{}, []string{"m:1:67"}},
		{"unsorted", d + "  b\n" + d + "  a\n", signing.Limits{}, []string{"m:2:67"}},
		{"duplicate", d + "  a\n" + d + "  a\n", signing.Limits{}, []string{"m:2:67"}},
		{"every_problem", d + "  ../a\n" + d + "  b\n" + "x" + d[1:] + "  c\n", signing.Limits{}, []string{"m:1:67", "m:3:1"}},
		{"too_large", d + "  a\n", signing.Limits{MaxBytes: 10}, []string{"m"}},
		{"too_many", d + "  a\n" + d + "  b\n", signing.Limits{MaxEntries: 1}, []string{"m:2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, err := signing.ParseManifest("m", []byte(tc.data), tc.lim)
			var pes ward.PosErrors
			if !errors.As(err, &pes) {
				t.Fatalf("ParseManifest = %v, %v; want PosErrors", m, err)
			}
			var got []string
			for _, pe := range pes {
				got = append(got, pe.Pos.String())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("positions differ (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
}

func TestNewManifestSortsAndRoundTrips(t *testing.T) {
	t.Parallel()
	m, err := signing.NewManifest([]signing.Entry{
		{Path: "z.bin", SHA256: sha256.Sum256([]byte("z"))},
		{Path: "dir/a.bin", SHA256: sha256.Sum256([]byte("a"))},
		{Path: "registry.example/app:1.0", SHA256: sha256.Sum256(nil)},
	})
	if err != nil {
		t.Fatal(err)
	}
	back, err := signing.ParseManifest("m", m.Bytes(), signing.Limits{})
	if err != nil {
		t.Fatalf("%v\n%s", err, m.Bytes())
	}
	if diff := cmp.Diff(m, back); diff != "" {
		t.Errorf("round trip differs (-want +got):\n%s", diff)
	}
	if m.Entries[0].Path != "dir/a.bin" {
		t.Errorf("first path = %q, want dir/a.bin", m.Entries[0].Path)
	}
}

func TestNewManifestRejects(t *testing.T) {
	t.Parallel()
	for _, entries := range [][]signing.Entry{
		{{Path: "a"}, {Path: "a"}},
		{{Path: "../a"}},
		{{Path: ""}},
	} {
		if _, err := signing.NewManifest(entries); ward.CodeOf(err) != ward.EInvalid {
			t.Errorf("NewManifest(%v) = %v, want EInvalid", entries, err)
		}
	}
}

func TestCheckPath(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"a.bin", "docs/user manual.pdf", "registry.example/app:1.0", "..a", "a..b/c"} {
		if err := signing.CheckPath(p); err != nil {
			t.Errorf("CheckPath(%q) = %v, want nil", p, err)
		}
	}
	for _, p := range []string{"", ".", "..", "../a", "a/../b", "/a", "./a", "a/", "a//b", "a\\b", "a\nb", " a", "a\t", "\xff", strings.Repeat("a", 4097)} {
		if err := signing.CheckPath(p); err == nil {
			t.Errorf("CheckPath(%q) = nil, want an error", p)
		}
	}
}

func TestManifestName(t *testing.T) {
	t.Parallel()
	for v, want := range map[string]string{
		"2.4.0":              "ward-release-2.4.0.sha256",
		"1.0.0-rc.1+build.7": "ward-release-1.0.0-rc.1+build.7.sha256",
		"2024_03~1":          "ward-release-2024_03~1.sha256",
	} {
		if got, err := signing.ManifestName(v); got != want || err != nil {
			t.Errorf("ManifestName(%q) = %q, %v; want %q", v, got, err, want)
		}
	}
	for _, v := range []string{"", "../1.0", "1.0/x", ".1", "-1", "1 0", "1.0\n", "ä1", strings.Repeat("1", 129)} {
		if _, err := signing.ManifestName(v); ward.CodeOf(err) != ward.EInvalid {
			t.Errorf("ManifestName(%q) = %v, want EInvalid", v, err)
		}
	}
	if got := signing.SignatureName("ward-release-1.sha256"); got != "ward-release-1.sha256.sig" {
		t.Errorf("SignatureName = %q", got)
	}
}

func TestFileSHA256(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "fw.bin")
	if err := os.WriteFile(p, []byte("firmware\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := signing.FileSHA256(p)
	if want := sha256.Sum256([]byte("firmware\n")); got != want || err != nil {
		t.Errorf("FileSHA256 = %x, %v; want %x", got, err, want)
	}
	if _, err := signing.FileSHA256(dir); err == nil {
		t.Error("FileSHA256 of a folder succeeded")
	}
	if _, err := signing.FileSHA256(filepath.Join(dir, "absent")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("FileSHA256 of a missing file = %v, want ErrNotExist", err)
	}
}

func TestParseDigest(t *testing.T) {
	t.Parallel()
	want := sha256.Sum256(nil)
	for _, s := range []string{
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
	} {
		if got, err := signing.ParseDigest(s); got != want || err != nil {
			t.Errorf("ParseDigest(%q) = %x, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "e3b0", "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"} {
		if _, err := signing.ParseDigest(s); err == nil {
			t.Errorf("ParseDigest(%q) succeeded", s)
		}
	}
}

// FuzzParseManifest: every rejection is positioned, and what is accepted
// is canonical: written back, it is the same bytes.
func FuzzParseManifest(f *testing.F) {
	f.Add(testutil.Read(f, "testdata/sha256sum.txt"))
	f.Add([]byte("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a\n"))
	f.Add([]byte("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 *a\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := signing.ParseManifest("m", data, signing.Limits{MaxBytes: 1 << 16})
		if err != nil {
			var pes ward.PosErrors
			if !errors.As(err, &pes) || len(pes) == 0 {
				t.Fatalf("rejection without a position: %v", err)
			}
			return
		}
		if got := m.Bytes(); !bytes.Equal(got, data) {
			t.Fatalf("accepted %q but writes it back as %q", data, got)
		}
		if _, err := signing.NewManifest(m.Entries); err != nil {
			t.Fatalf("accepted entries that NewManifest refuses: %v", err)
		}
	})
}
