package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/evidence/record"
	"github.com/wardhq/ward/gap"
	"github.com/wardhq/ward/mds2"
	"github.com/wardhq/ward/securityfile"
)

const defaultDir = "security"

// runValidate is `ward validate [dir]`: every problem of the security
// file in one pass, sorted, as file:line:col: path: message (hint).
func runValidate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "validate", "[dir]", "Check the security file: YAML syntax, fields, types, dates, enumerations, IDs and references, and that every "+
		"evidence file under the folder still matches its recorded SHA-256.")
	dir, err := dirArg(fs, args)
	if err != nil {
		return err
	}
	sf, problems, err := loadSecurityFile(dir)
	if err != nil {
		return err
	}
	if sf != nil {
		problems = append(problems, record.VerifyReports(dir, sf)...)
		problems.Sort()
	}
	if len(problems) > 0 {
		fmt.Fprintln(e.stdout, problems.Error())
		fmt.Fprintf(e.stdout, "%d problem(s) in %s\n", len(problems), dir)
		return ErrGateFailed
	}
	fmt.Fprintf(e.stdout, "%s: security file is valid (%d files, %s)\n", dir, len(sf.Files), counts(sf))
	return nil
}

// dirArg parses the flags and the one optional folder of a command that
// reads a security file.
func dirArg(fs *flag.FlagSet, args []string) (string, error) {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return "", err
	}
	return oneDir(pos)
}

// oneDir returns the single optional folder argument.
func oneDir(pos []string) (string, error) {
	switch len(pos) {
	case 0:
		return defaultDir, nil
	case 1:
		return pos[0], nil
	}
	return "", usagef("want at most one folder, got %d arguments", len(pos))
}

// loadSecurityFile loads dir and adds the checks that need the clause
// catalog (clause numbers). Problems a user can fix come back as problems;
// err is for folders that cannot be read at all.
func loadSecurityFile(dir string) (*ward.SecurityFile, ward.PosErrors, error) {
	sf, err := securityfile.Load(dir, securityfile.Limits{})
	var problems ward.PosErrors
	if err != nil {
		pes, ok := err.(ward.PosErrors)
		if !ok {
			return nil, nil, err
		}
		problems = pes
	}
	cat, err := gap.Load()
	if err != nil {
		return nil, nil, err
	}
	problems = append(problems, checkClauseNumbers(sf, cat)...)
	mcat, err := mds2.LoadCatalog()
	if err != nil {
		return nil, nil, err
	}
	problems = append(problems, checkMDS2Questions(sf, mcat)...)
	problems.Sort()
	return sf, problems, nil
}

// checkClauseNumbers reports clause numbers that the catalog does not know.
func checkClauseNumbers(sf *ward.SecurityFile, cat *gap.Catalog) ward.PosErrors {
	var errs ward.PosErrors
	bad := func(at ward.Pos, path, clause string) {
		if clause == "" || cat.Clause(clause) != nil {
			return
		}
		errs = append(errs, &ward.PosError{Pos: at, Path: path,
			Msg: fmt.Sprintf("unknown clause %q", clause), Hint: "use a clause number of IEC 81001-5-1 such as 5.7.4; 'ward catalog' lists them"})
	}
	for i, a := range sf.Applicability {
		bad(a.At, fmt.Sprintf("applicability[%d].clause", i), a.Clause)
	}
	for i, d := range sf.ProcessDocs {
		for j, c := range d.Clauses {
			bad(d.At, fmt.Sprintf("process_docs[%d].clauses[%d]", i, j), c)
		}
	}
	for i, im := range sf.Improvements {
		if im.RootCause != nil {
			bad(im.RootCause.At, fmt.Sprintf("improvements[%d].root_cause.clause", i), im.RootCause.Clause)
		}
	}
	return errs
}

// checkMDS2Questions reports stated MDS2 answers for questions the form
// does not have, or for a header field (those are values, not answers).
func checkMDS2Questions(sf *ward.SecurityFile, cat *mds2.Catalog) ward.PosErrors {
	if sf == nil {
		return nil
	}
	known := map[string]bool{}
	for _, q := range cat.Questions() {
		known[q.ID] = true
	}
	var errs ward.PosErrors
	for i, a := range sf.MDS2 {
		if a.ID != "" && !known[a.ID] {
			errs = append(errs, &ward.PosError{Pos: a.At, Path: fmt.Sprintf("mds2[%d].id", i),
				Msg: fmt.Sprintf("%q is not a question of the MDS2 form", a.ID), Hint: "use a question ID such as SAHD-2; 'ward mds2' lists them"})
		}
	}
	return errs
}

func counts(sf *ward.SecurityFile) string {
	return fmt.Sprintf("%d threats, %d risks, %d controls, %d requirements, %d tests, %d components, %d releases",
		len(sf.Threats), len(sf.Risks), len(sf.Controls), len(sf.Requirements), len(sf.Tests), len(sf.Components), len(sf.Releases))
}
