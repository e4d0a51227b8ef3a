package paper

import (
	"errors"
	"io"
)

// WritePDF writes d as a PDF (being built).
func WritePDF(w io.Writer, d *Document) error { return errors.New("paper: PDF not built yet") }
