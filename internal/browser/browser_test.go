package browser_test

import (
	"image"
	"image/color"
	"testing"

	"github.com/wardhq/ward/internal/browser"
)

func TestBlank(t *testing.T) {
	t.Parallel()
	white := image.NewRGBA(image.Rect(0, 0, 200, 100))
	for i := range white.Pix {
		white.Pix[i] = 0xff
	}
	if !browser.Blank(white) {
		t.Error("a white image is not blank")
	}
	if !browser.Blank(image.NewRGBA(image.Rect(0, 0, 0, 0))) {
		t.Error("an empty image is not blank")
	}
	speck := image.NewRGBA(white.Rect)
	copy(speck.Pix, white.Pix)
	speck.Set(10, 10, color.Black) // one pixel in 20,000
	if !browser.Blank(speck) {
		t.Error("one dark pixel makes the image not blank")
	}
	line := image.NewRGBA(white.Rect)
	copy(line.Pix, white.Pix)
	for x := range 100 {
		line.Set(x, 50, color.Black) // 100 pixels in 20,000
	}
	if browser.Blank(line) {
		t.Error("an image with a line is blank")
	}
}

func TestScreenshot(t *testing.T) {
	page := []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head>
<body style="margin:2rem;font:16px sans-serif"><h1>Rendered → ward</h1><p>Some text on the first screen.</p></body></html>`)
	img := browser.Screenshot(t, page)
	if b := img.Bounds(); b.Dx() != browser.Width || b.Dy() != browser.Height {
		t.Errorf("screenshot is %v, want %d×%d", b, browser.Width, browser.Height)
	}
	if browser.Blank(img) {
		t.Error("a page with a heading renders blank")
	}
	empty := browser.Screenshot(t, []byte(`<!DOCTYPE html><html><head><title>t</title></head><body></body></html>`))
	if !browser.Blank(empty) {
		t.Error("an empty page does not render blank")
	}
}
