package trace

import (
	"encoding/csv"
	"io"
	"strconv"
)

// CSVHeader is the header row of WriteCSV, part of the CSV contract.
var CSVHeader = []string{"kind", "subject", "threat", "decision", "risk", "control", "requirement", "test", "result", "test_release", "on_release", "release"}

// WriteCSV writes one row per forward path (m.Paths) after a header row:
// the subject's kind and ID, the threat and its decision, risk, control,
// requirement, test with its result and release, whether the test counts
// for the evaluated release, and that release. Missing links are empty.
func WriteCSV(w io.Writer, m *Matrix) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, p := range m.Paths() {
		on := ""
		if p.Test != "" {
			on = strconv.FormatBool(p.OnRelease)
		}
		if err := cw.Write([]string{string(p.Kind), p.Subject, p.Threat, p.Decision, p.Risk, p.Control, p.Requirement, p.Test, p.Result, p.Release, on, m.Release}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
