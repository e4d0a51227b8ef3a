package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/hdo"
	"github.com/wardhq/ward/mds2"
	"github.com/wardhq/ward/paper"
)

const docHDOSummary = `Write the customer security documentation of one release for the hospital
(HDO) that operates it (IEC 81001-5-1 5.8.2, 5.8.7, Annex E) as
DIR/hdo-security-V.html and DIR/hdo-security-V.pdf: secure operation, the
defence in depth expected of the environment, hardening, every interface with
its port and purpose, accounts, logging, backup and restore, updates and end
of support, the residual risks the HDO manages, secure decommissioning and the
SBOM — with a gap note wherever the security file does not give the content.
The release's SBOM is written beside it as DIR/sbom-V.cdx.json (CycloneDX 1.6)
and DIR/sbom-V.spdx.json (SPDX 2.3), and its MDS2 form (HN 1-2019) as
DIR/mds2-V.xlsx, DIR/mds2-V.csv and DIR/mds2-V.json. Dates come from --date or
the release, never the clock: the same input gives the same files.`

// runDocHDO is `ward doc hdo [dir] --release V --out DIR [--date D]`.
func runDocHDO(ctx context.Context, e *env, args []string) error {
	in, err := docSetup(ctx, e, "doc hdo", docHDOSummary, args)
	if err != nil {
		return err
	}
	hin := hdo.Input{File: in.sf, Release: in.release, Date: in.date, SBOMs: in.sboms, Source: in.src}
	d, err := hdo.Build(hin)
	if err != nil {
		return err
	}
	base := filepath.Join(in.out, "hdo-security-"+in.release)
	files := []docFile{
		{base + ".html", func(w io.Writer) error { return paper.WriteHTML(w, d) }},
		{base + ".pdf", func(w io.Writer) error { return paper.WritePDF(w, d) }},
	}
	// A release without an SBOM still gets its document, which names the
	// gap; only the SBOM files are left out.
	if err := hdo.WriteSBOMCycloneDX(io.Discard, hin); err != nil {
		if ward.CodeOf(err) != ward.ENotFound {
			return err
		}
		fmt.Fprintf(e.stderr, "ward: %s: no SBOM files written\n", ward.MessageOf(err))
	} else {
		cdx, spdx := hdo.SBOMFileNames(in.release)
		files = append(files,
			docFile{filepath.Join(in.out, cdx), func(w io.Writer) error { return hdo.WriteSBOMCycloneDX(w, hin) }},
			docFile{filepath.Join(in.out, spdx), func(w io.Writer) error { return hdo.WriteSBOMSPDX(w, hin) }})
	}
	var sboms []mds2.SBOM
	for _, l := range in.sboms {
		sboms = append(sboms, mds2.SBOM{Ref: l.Ref, SBOM: l.SBOM, Err: l.Err})
	}
	form, err := mds2.ForRelease(in.sf, sboms, in.release)
	if err != nil {
		return err
	}
	if !in.date.IsZero() {
		form.SetDate(in.date.String())
	}
	xlsx, csv, json := hdo.MDS2FileNames(in.release)
	files = append(files,
		docFile{filepath.Join(in.out, xlsx), func(w io.Writer) error { return mds2.WriteXLSX(w, form) }},
		docFile{filepath.Join(in.out, csv), func(w io.Writer) error { return mds2.WriteCSV(w, form) }},
		docFile{filepath.Join(in.out, json), func(w io.Writer) error { return mds2.WriteJSON(w, form) }})
	return writeDocFiles(e, files)
}
