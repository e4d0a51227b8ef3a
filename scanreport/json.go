package scanreport

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/wardhq/ward"
)

// WriteJSON writes r as the JSON contract of `ward scan --format json`:
//
//	{"snapshot": {"id", "newest_modified"},
//	 "components": n, "checked": n,
//	 "not_matchable": [{"component": {"name", "version", "purl", "bom_ref", "path"}, "reason"}],
//	 "findings": [{"component": {"purl", "bom_ref", "name", "version"},
//	               "advisory", "aliases": [], "summary",
//	               "severity": {"level", "score", "vector", "method"},
//	               "affected": {"ecosystem", "package", "identifier", "range", "comparator", "undecidable"},
//	               "fixed": [], "vex": {"status", "justification", "impact", "source"} | null}]}
//
// One finding per (component, advisory). Arrays are never null; strings
// that are unknown are ""; newest_modified is RFC 3339 UTC, null for an
// empty store; vex is null when no statement decides the finding. Indented
// by two spaces, HTML characters not escaped, trailing newline. o is unused.
func WriteJSON(w io.Writer, r *Report, _ Options) error {
	if r == nil {
		return errors.New("scan JSON report: no report")
	}
	// A 100,000-component scan has some 200,000 findings (150 MiB of
	// JSON): write element by element instead of building the document,
	// so memory stays at one finding. The bytes are those json.Encoder
	// with SetIndent("", "  ") would write for the whole document.
	bw := bufio.NewWriterSize(w, 256<<10)
	var elem bytes.Buffer
	enc := json.NewEncoder(&elem)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	put := func(v any) error {
		elem.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		bw.Write(bytes.TrimSuffix(elem.Bytes(), []byte("\n")))
		return nil
	}
	var snap jsonSnapshot
	snap.ID = r.Snapshot.ID
	if !r.Snapshot.NewestModified.IsZero() {
		t := r.Snapshot.NewestModified.UTC().Format(time.RFC3339)
		snap.NewestModified = &t
	}
	enc.SetIndent("  ", "  ")
	bw.WriteString("{\n  \"snapshot\": ")
	if err := put(snap); err != nil {
		return err
	}
	fmt.Fprintf(bw, ",\n  \"components\": %d,\n  \"checked\": %d,\n  \"not_matchable\": ", r.Components, r.Checked)
	enc.SetIndent("    ", "  ")
	err := writeArray(bw, len(r.NotMatchable), func(i int) error {
		nm := r.NotMatchable[i]
		j := jsonNotMatchable{Reason: nm.Reason}
		if c := nm.Component; c != nil {
			j.Component = jsonNMComponent{Name: componentName(c), Version: c.Version, PURL: c.PURL, BOMRef: c.Ref, Path: c.Path}
		}
		return put(j)
	})
	if err != nil {
		return err
	}
	bw.WriteString(",\n  \"findings\": ")
	err = writeArray(bw, len(r.Findings), func(i int) error { return put(findingJSON(&r.Findings[i])) })
	if err != nil {
		return err
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeArray writes n elements as an indented JSON array at depth 1, "[]"
// when empty.
func writeArray(bw *bufio.Writer, n int, elem func(i int) error) error {
	if n == 0 {
		bw.WriteString("[]")
		return nil
	}
	bw.WriteString("[\n")
	for i := range n {
		bw.WriteString("    ")
		if err := elem(i); err != nil {
			return err
		}
		if i < n-1 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("  ]")
	return nil
}

func findingJSON(f *ward.Finding) jsonFinding {
	j := jsonFinding{
		Advisory: f.Advisory,
		Aliases:  nonNil(f.Aliases),
		Summary:  f.Summary,
		Severity: jsonSeverity{Level: levelOf(f), Score: f.Severity.Score, Vector: f.Severity.Vector, Method: f.Severity.Method},
		Affected: jsonAffected{
			Ecosystem:   f.Match.Ecosystem,
			Package:     f.Match.Package,
			Identifier:  f.Match.Identifier,
			Range:       f.Match.Range,
			Comparator:  f.Match.Comparator,
			Undecidable: f.Match.Undecidable,
		},
		Fixed: nonNil(f.Fixed),
	}
	if c := f.Component; c != nil {
		j.Component = jsonComponent{PURL: c.PURL, BOMRef: c.Ref, Name: componentName(c), Version: c.Version}
	}
	if v := f.VEX; v != nil {
		j.VEX = &jsonVEX{Status: string(v.Status), Justification: string(v.Justification), Impact: v.ImpactStatement, Source: v.Source}
	}
	return j
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

type jsonSnapshot struct {
	ID             string  `json:"id"`
	NewestModified *string `json:"newest_modified"`
}

type jsonNotMatchable struct {
	Component jsonNMComponent `json:"component"`
	Reason    string          `json:"reason"`
}

type jsonNMComponent struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	PURL    string `json:"purl"`
	BOMRef  string `json:"bom_ref"`
	Path    string `json:"path"`
}

type jsonFinding struct {
	Component jsonComponent `json:"component"`
	Advisory  string        `json:"advisory"`
	Aliases   []string      `json:"aliases"`
	Summary   string        `json:"summary"`
	Severity  jsonSeverity  `json:"severity"`
	Affected  jsonAffected  `json:"affected"`
	Fixed     []string      `json:"fixed"`
	VEX       *jsonVEX      `json:"vex"`
}

type jsonComponent struct {
	PURL    string `json:"purl"`
	BOMRef  string `json:"bom_ref"`
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonSeverity struct {
	Level  string  `json:"level"`
	Score  float64 `json:"score"`
	Vector string  `json:"vector"`
	Method string  `json:"method"`
}

type jsonAffected struct {
	Ecosystem   string `json:"ecosystem"`
	Package     string `json:"package"`
	Identifier  string `json:"identifier"`
	Range       string `json:"range"`
	Comparator  string `json:"comparator"`
	Undecidable string `json:"undecidable"`
}

type jsonVEX struct {
	Status        string `json:"status"`
	Justification string `json:"justification"`
	Impact        string `json:"impact"`
	Source        string `json:"source"`
}
