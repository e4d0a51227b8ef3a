package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/sbom"
)

const sbomUsage = `Usage: ward sbom validate FILE… [--format text|json]
       ward sbom ntia FILE… [--format text|json]
       ward sbom diff A B [--format text|json]
       ward sbom convert FILE --to cyclonedx|spdx [-o OUT]

FILE may be "-" for stdin. Formats: CycloneDX 1.2–1.7 JSON and XML (1.0/1.1
XML too), SPDX 2.2/2.3 JSON and tag-value, detected from the content.`

// runSBOM is `ward sbom validate|ntia|diff|convert`.
func runSBOM(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usagef("sbom: missing subcommand (want validate, ntia, diff or convert)")
	}
	switch args[0] {
	case "validate":
		return runSBOMValidate(e, args[1:])
	case "ntia":
		return runSBOMNTIA(e, args[1:])
	case "diff":
		return runSBOMDiff(e, args[1:])
	case "convert":
		return runSBOMConvert(e, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(e.stderr, sbomUsage)
		return flag.ErrHelp
	}
	return usagef("sbom: unknown subcommand %q (want validate, ntia, diff or convert)", args[0])
}

const sbomValidateSummary = `Validate SBOMs against the official schema of their declared spec version,
then check references (duplicate bom-refs/SPDXIDs, dependencies naming
unknown refs) and package URLs. NTIA minimum-element gaps are reported as
warnings and never fail validation (use 'ward sbom ntia' to gate on them).
Exit 0 when every file is valid, 1 when one is invalid, 3 when a file cannot
be read or its format or spec version is not supported.`

// sbomMaxTextWarnings bounds the NTIA warnings printed per file in text
// output: a large SBOM can have one per component (JSON lists all).
const sbomMaxTextWarnings = 10

func runSBOMValidate(e *env, args []string) error {
	fs := newFlags(e, "sbom validate", "FILE…", sbomValidateSummary)
	format := sbomFormatFlag(fs)
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("sbom validate: want at least one FILE")
	}
	if err := sbomCheckFormat("sbom validate", *format); err != nil {
		return err
	}
	reports := make([]sbom.Report, 0, len(files))
	for _, f := range files {
		data, err := sbomReadFile(e, f)
		if err != nil {
			return err
		}
		rep, err := sbom.Validate(f, data)
		if err != nil {
			return fmt.Errorf("sbom validate: %w", err)
		}
		reports = append(reports, rep)
	}
	valid := true
	for _, r := range reports {
		valid = valid && r.Valid()
	}
	if *format == "json" {
		if err := sbomWriteJSON(e.stdout, struct {
			Valid   bool          `json:"valid"`
			Reports []sbom.Report `json:"reports"`
		}{valid, reports}); err != nil {
			return err
		}
	} else {
		for _, r := range reports {
			sbomPrintReport(e.stdout, &r, true)
		}
	}
	if !valid {
		return ErrGateFailed
	}
	return nil
}

func sbomPrintReport(w io.Writer, r *sbom.Report, showWarnings bool) {
	what := strings.Join(strings.Fields(r.Format+" "+r.SpecVersion+" "+sbomEncodingName(r.Encoding)), " ")
	what += ", " + sbomPlural(r.Components, "component")
	if r.Valid() {
		fmt.Fprintf(w, "%s: valid (%s)\n", r.File, what)
	} else {
		fmt.Fprintf(w, "%s: invalid (%s): %s\n", r.File, what, sbomPlural(len(r.Errors), "error"))
		for _, p := range r.Errors {
			fmt.Fprintf(w, "  %s\n", sbomProblemLine(r.File, p))
		}
	}
	if showWarnings && len(r.Warnings) > 0 {
		sbomPrintWarnings(w, r)
	}
}

func sbomPrintWarnings(w io.Writer, r *sbom.Report) {
	fmt.Fprintf(w, "  NTIA minimum elements: %s\n", sbomPlural(len(r.Warnings), "gap"))
	for i, p := range r.Warnings {
		if i == sbomMaxTextWarnings {
			fmt.Fprintf(w, "    … and %d more (--format json lists all)\n", len(r.Warnings)-i)
			break
		}
		fmt.Fprintf(w, "    %s\n", sbomProblemLine("", p))
	}
}

// sbomProblemLine is "file:line:col: path: message [rule]".
func sbomProblemLine(file string, p sbom.Problem) string {
	loc := ward.Pos{File: file, Line: p.Line, Col: p.Col}.String()
	if loc != "" {
		loc += ": "
	}
	if p.Path != "" {
		loc += p.Path + ": "
	}
	return loc + p.Msg + " [" + p.Rule + "]"
}

const sbomNTIASummary = `Check SBOMs for the NTIA minimum elements: per component supplier, name,
version, a unique identifier (purl, CPE or SWID) and a dependency
relationship; per SBOM author and timestamp. Exit 1 when any is missing.`

func runSBOMNTIA(e *env, args []string) error {
	fs := newFlags(e, "sbom ntia", "FILE…", sbomNTIASummary)
	format := sbomFormatFlag(fs)
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("sbom ntia: want at least one FILE")
	}
	if err := sbomCheckFormat("sbom ntia", *format); err != nil {
		return err
	}
	type result struct {
		File     string         `json:"file"`
		Complete bool           `json:"complete"`
		Gaps     []sbom.Problem `json:"gaps"`
	}
	var results []result
	complete := true
	for _, f := range files {
		s, err := sbomParseFile(e, f)
		if err != nil {
			return err
		}
		gaps := sbom.NTIA(s)
		if gaps == nil {
			gaps = []sbom.Problem{}
		}
		results = append(results, result{f, len(gaps) == 0, gaps})
		complete = complete && len(gaps) == 0
	}
	if *format == "json" {
		if err := sbomWriteJSON(e.stdout, struct {
			Complete bool     `json:"complete"`
			Results  []result `json:"results"`
		}{complete, results}); err != nil {
			return err
		}
	} else {
		for _, r := range results {
			if r.Complete {
				fmt.Fprintf(e.stdout, "%s: all NTIA minimum elements present\n", r.File)
				continue
			}
			fmt.Fprintf(e.stdout, "%s: %s\n", r.File, sbomPlural(len(r.Gaps), "NTIA minimum-element gap"))
			for _, p := range r.Gaps {
				fmt.Fprintf(e.stdout, "  %s\n", sbomProblemLine("", p))
			}
		}
	}
	if !complete {
		return ErrGateFailed
	}
	return nil
}

const sbomDiffSummary = `Compare the components of two SBOMs (any supported formats): added,
removed, and changed (version, hashes, supplier, licences), matched by
package URL without version, else by group and name. Exit 0 whatever the
differences.`

func runSBOMDiff(e *env, args []string) error {
	fs := newFlags(e, "sbom diff", "A B", sbomDiffSummary)
	format := sbomFormatFlag(fs)
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 2 {
		return usagef("sbom diff: want two files A B (got %d)", len(files))
	}
	if err := sbomCheckFormat("sbom diff", *format); err != nil {
		return err
	}
	a, err := sbomParseFile(e, files[0])
	if err != nil {
		return err
	}
	b, err := sbomParseFile(e, files[1])
	if err != nil {
		return err
	}
	d := sbom.Diff(a, b)
	if *format == "json" {
		return sbomWriteJSON(e.stdout, sbomDiffJSON(&d))
	}
	for _, c := range d.Added {
		fmt.Fprintf(e.stdout, "+ %s\n", sbomComponentLine(c))
	}
	for _, c := range d.Removed {
		fmt.Fprintf(e.stdout, "- %s\n", sbomComponentLine(c))
	}
	for _, ch := range d.Changed {
		parts := make([]string, len(ch.Fields))
		for i, f := range ch.Fields {
			parts[i] = fmt.Sprintf("%s: %s → %s", f.Field, sbomOrNone(f.Before), sbomOrNone(f.After))
		}
		fmt.Fprintf(e.stdout, "~ %s (%s)\n", ch.Key, strings.Join(parts, "; "))
	}
	fmt.Fprintf(e.stdout, "%d added, %d removed, %d changed\n", len(d.Added), len(d.Removed), len(d.Changed))
	return nil
}

func sbomComponentLine(c *ward.Component) string {
	s := sbom.ComponentKey(c)
	if c.Version != "" {
		s += " " + c.Version
	}
	return s
}

func sbomOrNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

type sbomComponentJSON struct {
	Key      string   `json:"key"`
	Name     string   `json:"name"`
	Group    string   `json:"group,omitempty"`
	Version  string   `json:"version,omitempty"`
	PURL     string   `json:"purl,omitempty"`
	Supplier string   `json:"supplier,omitempty"`
	Licenses []string `json:"licenses,omitempty"`
}

func sbomToComponentJSON(c *ward.Component) sbomComponentJSON {
	return sbomComponentJSON{Key: sbom.ComponentKey(c), Name: c.Name, Group: c.Group, Version: c.Version, PURL: c.PURL, Supplier: c.Supplier, Licenses: c.Licenses}
}

func sbomDiffJSON(d *sbom.DiffResult) any {
	type fieldJSON struct {
		Field  string `json:"field"`
		Before string `json:"before"`
		After  string `json:"after"`
	}
	type changeJSON struct {
		Key    string            `json:"key"`
		Before sbomComponentJSON `json:"before"`
		After  sbomComponentJSON `json:"after"`
		Fields []fieldJSON       `json:"fields"`
	}
	out := struct {
		Added   []sbomComponentJSON `json:"added"`
		Removed []sbomComponentJSON `json:"removed"`
		Changed []changeJSON        `json:"changed"`
	}{[]sbomComponentJSON{}, []sbomComponentJSON{}, []changeJSON{}}
	for _, c := range d.Added {
		out.Added = append(out.Added, sbomToComponentJSON(c))
	}
	for _, c := range d.Removed {
		out.Removed = append(out.Removed, sbomToComponentJSON(c))
	}
	for _, ch := range d.Changed {
		cj := changeJSON{Key: ch.Key, Before: sbomToComponentJSON(ch.Before), After: sbomToComponentJSON(ch.After)}
		for _, f := range ch.Fields {
			cj.Fields = append(cj.Fields, fieldJSON(f))
		}
		out.Changed = append(out.Changed, cj)
	}
	return out
}

const sbomConvertSummary = `Convert an SBOM to CycloneDX 1.6 JSON or SPDX 2.3 JSON. The output is
deterministic (sorted components, serial number or namespace derived from
the content, the input's timestamp) and validates against its schema.`

func runSBOMConvert(e *env, args []string) error {
	fs := newFlags(e, "sbom convert", "FILE --to cyclonedx|spdx", sbomConvertSummary)
	to := fs.String("to", "", "output format: cyclonedx (CycloneDX 1.6 JSON) or spdx (SPDX 2.3 JSON)")
	out := fs.String("o", "", "write to this file instead of stdout")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usagef("sbom convert: want one FILE (got %d)", len(files))
	}
	var write func(io.Writer, *ward.SBOM) error
	switch *to {
	case "cyclonedx":
		write = sbom.WriteCycloneDXJSON
	case "spdx":
		write = sbom.WriteSPDXJSON
	case "":
		return usagef("sbom convert: --to is required (cyclonedx or spdx)")
	default:
		return usagef("sbom convert: unknown --to %q (want cyclonedx or spdx)", *to)
	}
	s, err := sbomParseFile(e, files[0])
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, s); err != nil {
		return fmt.Errorf("sbom convert: %w", err)
	}
	if *out == "" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	return writeTo(e, *out, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
}

func sbomFormatFlag(fs *flag.FlagSet) *string {
	return fs.String("format", "text", "output format: text or json")
}

func sbomCheckFormat(cmd, format string) error {
	if format != "text" && format != "json" {
		return usagef("%s: unknown --format %q (want text or json)", cmd, format)
	}
	return nil
}

// sbomReadFile reads a file ("-" is stdin) up to the parser's size limit.
func sbomReadFile(e *env, name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, sbom.DefaultMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > sbom.DefaultMaxBytes {
		return nil, fmt.Errorf("%s: larger than the limit of %d MiB", name, sbom.DefaultMaxBytes>>20)
	}
	return data, nil
}

func sbomParseFile(e *env, name string) (*ward.SBOM, error) {
	data, err := sbomReadFile(e, name)
	if err != nil {
		return nil, err
	}
	return sbom.Parse(name, bytes.NewReader(data), sbom.Limits{})
}

func sbomWriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func sbomEncodingName(enc string) string {
	switch enc {
	case sbom.EncodingJSON:
		return "JSON"
	case sbom.EncodingXML:
		return "XML"
	}
	return enc
}

func sbomPlural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
