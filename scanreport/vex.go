package scanreport

import (
	"errors"
	"io"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/vex"
)

// WriteCycloneDX writes r's findings as a CycloneDX 1.6 VEX BOM with their
// decisions (in_triage where none was made), by vex.WriteCycloneDXVEX.
// Components that could not be checked are not in it: VEX states what is
// known about vulnerabilities, and the table, JSON and SARIF formats carry
// the not-matchable list.
func WriteCycloneDX(w io.Writer, r *Report, o Options) error {
	if r == nil {
		return errors.New("scan CycloneDX VEX: no report")
	}
	return vex.WriteCycloneDXVEX(w, r.Findings, vexOptions(o))
}

// WriteOpenVEX writes r's findings as an OpenVEX v0.2.0 document, by
// vex.WriteOpenVEX. It needs o.Timestamp and at least one finding (the
// specification requires a statement): otherwise an EInvalid error.
func WriteOpenVEX(w io.Writer, r *Report, o Options) error {
	if r == nil {
		return errors.New("scan OpenVEX: no report")
	}
	if len(r.Findings) == 0 {
		return ward.Errorf(ward.EInvalid, "OpenVEX: the scan has no findings, and an OpenVEX document needs at least one statement (use --format cyclonedx or json to record a clean scan)")
	}
	return vex.WriteOpenVEX(w, r.Findings, vexOptions(o))
}

func vexOptions(o Options) vex.Options {
	return vex.Options{Product: o.Product, Author: o.Author, Timestamp: o.Timestamp}
}
