package gitrev

import (
	"archive/tar"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func tarOf(t *testing.T, entries map[string]string) *bytes.Buffer {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for name, body := range entries {
		h := &tar.Header{Name: name, Typeflag: tar.TypeReg, Size: int64(len(body)), Mode: 0o644}
		if link, ok := strings.CutPrefix(body, "->"); ok {
			h = &tar.Header{Name: name, Typeflag: tar.TypeSymlink, Linkname: link, Mode: 0o777}
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			tw.Write([]byte(body))
		}
	}
	tw.Close()
	return &b
}

func TestUntarStaysInside(t *testing.T) {
	dir := t.TempDir()
	if err := untar(tarOf(t, map[string]string{"a/b.yaml": "x: 1", "link": "->/etc/passwd"}), dir); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "a", "b.yaml")); err != nil || string(b) != "x: 1" {
		t.Errorf("a/b.yaml = %q, %v", b, err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "link")); !os.IsNotExist(err) {
		t.Error("a symbolic link was unpacked")
	}
	err := untar(tarOf(t, map[string]string{"../escape.yaml": "x"}), t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "leaves the folder") {
		t.Errorf("traversal: %v", err)
	}
}

func TestCheckout(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=T", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	os.MkdirAll(filepath.Join(repo, "security"), 0o755)
	os.WriteFile(filepath.Join(repo, "security", "product.yaml"), []byte("v: 1\n"), 0o644)
	git("add", ".")
	git("commit", "-q", "-m", "one")
	os.WriteFile(filepath.Join(repo, "security", "product.yaml"), []byte("v: 2\n"), 0o644)
	git("commit", "-q", "-am", "two")

	dir, err := Checkout(context.Background(), repo, "HEAD~1", "security")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if b, _ := os.ReadFile(filepath.Join(dir, "product.yaml")); string(b) != "v: 1\n" {
		t.Errorf("HEAD~1:security/product.yaml = %q", b)
	}
	for _, tc := range []struct{ rev, path, want string }{
		{"nope", "security", "unknown revision"},
		{"HEAD", "missing", "has no folder"},
		{"HEAD", "security/product.yaml", "is a file"},
		{"HEAD", "../x", "leaves the repository"},
	} {
		if _, err := Checkout(context.Background(), repo, tc.rev, tc.path); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s:%s: %v, want %q", tc.rev, tc.path, err, tc.want)
		}
	}
}
