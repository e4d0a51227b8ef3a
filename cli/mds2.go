package cli

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/mds2"
)

var mds2Writers = map[string]func(io.Writer, *mds2.Form) error{
	"text": mds2.WriteText,
	"json": mds2.WriteJSON,
	"csv":  mds2.WriteCSV,
	"xlsx": mds2.WriteXLSX,
}

// runMDS2 is `ward mds2 [dir]` and `ward mds2 diff …`: the MDS2 form
// (ANSI/NEMA HN 1-2019) of one release answered from the security file,
// and what changed between two releases or two security files.
func runMDS2(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "diff" {
		return runMDS2Diff(ctx, e, args[1:])
	}
	fs := newFlags(e, "mds2", "[dir] | diff …",
		"The MDS2 form (ANSI/NEMA HN 1-2019) of a release, answered from the security file: every question yes, no, n/a or unknown, "+
			"with a note and the records that decided it; an unknown answer names the data that is missing. The questions are ward's "+
			"paraphrases (the form's wording is NEMA's). 'ward mds2 diff' lists the answers that changed between two releases "+
			"(for a folder named diff, write ./diff).")
	format := fs.String("format", "text", "output format: text, json, csv or xlsx")
	out := fs.String("o", "", "write to this file instead of standard output")
	release := fs.String("release", "", "release to answer for (default: the newest by date)")
	date := fs.String("date", "", "date of the form, YYYY-MM-DD (default: the release date)")
	dir, err := dirArg(fs, args)
	if err != nil {
		return err
	}
	write, ok := mds2Writers[*format]
	if !ok {
		return usagef("unknown format %q (want text, json, csv or xlsx)", *format)
	}
	if *format == "xlsx" && *out == "" && e.isTerminal {
		return usagef("xlsx is a binary format: write it with -o FILE")
	}
	if *date != "" {
		if _, err := ward.ParseDate(*date); err != nil {
			return usagef("--date: %v", err)
		}
	}
	sf, err := loadValidFile(e, dir, nil)
	if err != nil {
		return err
	}
	form, err := mds2Form(dir, sf, *release, "--release")
	if err != nil {
		return err
	}
	if *date != "" {
		form.SetDate(*date)
	}
	return writeTo(e, *out, func(w io.Writer) error { return write(w, form) })
}

// runMDS2Diff is `ward mds2 diff [dir] --from V1 --to V2` (two releases of
// one security file) and `ward mds2 diff A B` (two security files, folders
// or git revisions REV:PATH; --from and --to pick their releases).
func runMDS2Diff(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "mds2 diff", "[dir] --from V1 --to V2 | A B",
		"The MDS2 questions whose answer or note changed: between releases V1 and V2 of one security file, or between the newest "+
			"releases (or --from and --to) of two security files A and B. A and B are folders or git revisions written REV:PATH "+
			"(e.g. HEAD~1:examples/infusion-pump). Notes that differ only by the release number are not changes.")
	format := fs.String("format", "text", "output format: text or json")
	out := fs.String("o", "", "write to this file instead of standard output")
	from := fs.String("from", "", "the older release")
	to := fs.String("to", "", "the newer release")
	repo := fs.String("repo", ".", "git repository (or a folder inside it) that REV:PATH arguments refer to")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("unknown format %q (want text or json)", *format)
	}
	var a, b *mds2.Form
	switch len(pos) {
	case 0, 1:
		dir, _ := oneDir(pos)
		if *from == "" || *to == "" {
			return usagef("mds2 diff of one security file needs --from and --to (or give two folders A B)")
		}
		sf, err := loadValidFile(e, dir, nil)
		if err != nil {
			return err
		}
		if a, err = mds2Form(dir, sf, *from, "--from"); err != nil {
			return err
		}
		if b, err = mds2Form(dir, sf, *to, "--to"); err != nil {
			return err
		}
	case 2:
		var forms [2]*mds2.Form
		for i, rel := range []struct{ flag, v string }{{"--from", *from}, {"--to", *to}} {
			s, err := openDiffSide(ctx, e, pos[i], *repo)
			if s != nil {
				defer s.close()
			}
			if err != nil {
				return err
			}
			if forms[i], err = mds2Form(s.dir, s.sf, rel.v, rel.flag); err != nil {
				return err
			}
		}
		a, b = forms[0], forms[1]
	default:
		return usagef("mds2 diff wants one folder with --from and --to, or two folders A B; got %d arguments", len(pos))
	}
	d := mds2.Diff(a, b)
	return writeTo(e, *out, func(w io.Writer) error {
		if *format == "json" {
			return mds2.WriteDiffJSON(w, d)
		}
		return mds2.WriteDiffText(w, d)
	})
}

// mds2Form answers the form of release (the newest when empty) from the
// security file in dir and the SBOM files it references. A release the
// file does not have is a usage error that names the flag.
func mds2Form(dir string, sf *ward.SecurityFile, release, flag string) (*mds2.Form, error) {
	if release != "" && !slices.ContainsFunc(sf.Releases, func(r *ward.ReleaseRecord) bool { return r.Version == release }) {
		return nil, usagef("%s %s: no such release in %s", flag, release, dir)
	}
	var sboms []mds2.SBOM
	for _, l := range loadSBOMs(dir, sf) {
		sboms = append(sboms, mds2.SBOM{Ref: l.Ref, SBOM: l.SBOM, Err: l.Err})
	}
	form, err := mds2.ForRelease(sf, sboms, release)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return form, nil
}
