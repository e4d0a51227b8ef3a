package paper

import (
	"errors"
	"io"
)

// WriteHTML writes d as one self-contained HTML page (being built).
func WriteHTML(w io.Writer, d *Document) error { return errors.New("paper: HTML not built yet") }
