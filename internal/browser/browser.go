// Package browser renders HTML pages in headless Chromium for tests, so
// that a test of a generated page can check that it renders, not only
// that its markup matches a golden file. It runs the chromium binary; it
// imports only the standard library and is imported only from _test.go
// files.
package browser

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The window a page is rendered in, in CSS pixels at a device scale of 1:
// the screenshot is the first screen of the page at this size.
const (
	Width  = 1200
	Height = 1600
)

// binaries are the names Chromium is installed under, in the order tried.
var binaries = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Screenshot renders page (a complete HTML document) in headless Chromium
// at Width×Height and returns the first screen. Without Chromium the test
// is skipped, or fails when CI is set (CI must render pages). When
// WARD_SCREENSHOT names a folder, the PNG is also kept there as
// <TestName>.png for a person to look at.
func Screenshot(t testing.TB, page []byte) image.Image {
	t.Helper()
	bin := find()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("browser: Chromium is not installed, and CI must render pages: install the chromium package")
		}
		t.Skip("browser: Chromium is not installed (apt-get install chromium): page not rendered")
	}
	dir := t.TempDir()
	html := filepath.Join(dir, "page.html")
	if err := os.WriteFile(html, page, 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "page.png")
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--no-first-run", "--disable-extensions", "--disable-background-networking",
		"--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
		"--user-data-dir="+filepath.Join(dir, "profile"),
		"--window-size="+strconv.Itoa(Width)+","+strconv.Itoa(Height),
		"--screenshot="+shot, "file://"+filepath.ToSlash(html))
	// Chromium writes its caches under HOME; keep them in the test's folder.
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("browser: chromium: %v\n%s", err, out)
	}
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("browser: chromium wrote no screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("browser: screenshot: %v", err)
	}
	if keep := os.Getenv("WARD_SCREENSHOT"); keep != "" {
		name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()) + ".png"
		if err := os.MkdirAll(keep, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(keep, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return img
}

func find() string {
	for _, name := range binaries {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Blank reports whether nearly every pixel of img has one colour: at most
// one in a thousand differs from the commonest. An empty image is blank.
// A page that failed to render, or rendered white text on white, is
// blank; a page with a heading and a few lines is not.
func Blank(img image.Image) bool {
	r := img.Bounds()
	total := r.Dx() * r.Dy()
	if total == 0 {
		return true
	}
	counts := map[uint64]int{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, ca := img.At(x, y).RGBA()
			counts[uint64(cr)<<48|uint64(cg)<<32|uint64(cb)<<16|uint64(ca)]++
		}
	}
	most := 0
	for _, n := range counts {
		most = max(most, n)
	}
	return total-most <= total/1000
}
