// Package sarif is the part of SARIF 2.1.0 that ward writes: one run of
// the tool "ward" with its rules and results, for code-scanning views in
// CI. The gap report and the scan report fill it; each adds its own rule
// and run properties.
package sarif

import (
	"bufio"
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// SARIF 2.1.0 identifiers.
const (
	Schema  = "https://json.schemastore.org/sarif-2.1.0.json"
	Version = "2.1.0"
)

// Write writes a log of the one run.
func Write(w io.Writer, run Run) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log{Schema: Schema, Version: Version, Runs: []Run{run}}); err != nil {
		return err
	}
	return bw.Flush()
}

type log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

// Run is one run: the tool with its rules, the results, and properties
// that say what the run assessed.
type Run struct {
	Tool       Tool     `json:"tool"`
	Results    []Result `json:"results"`
	Properties any      `json:"properties"`
}

type Tool struct {
	Driver Driver `json:"driver"`
}

type Driver struct {
	Name           string `json:"name"`
	InformationURI string `json:"informationUri,omitempty"`
	Version        string `json:"version,omitempty"`
	Rules          []Rule `json:"rules"`
}

type Rule struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	ShortDescription     Message       `json:"shortDescription"`
	FullDescription      Message       `json:"fullDescription"`
	HelpURI              string        `json:"helpUri,omitempty"`
	Help                 *Message      `json:"help,omitempty"`
	DefaultConfiguration Configuration `json:"defaultConfiguration"`
	Properties           any           `json:"properties"`
}

type Configuration struct {
	Level string `json:"level"`
}

// Message is SARIF's message and multiformatMessageString: plain text here.
type Message struct {
	Text string `json:"text"`
}

type Result struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             Message           `json:"message"`
	Locations           []Location        `json:"locations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Suppressions        []Suppression     `json:"suppressions,omitempty"`
}

type Suppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

type Location struct {
	PhysicalLocation PhysicalLocation  `json:"physicalLocation"`
	LogicalLocations []LogicalLocation `json:"logicalLocations,omitempty"`
}

type LogicalLocation struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type PhysicalLocation struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Region           *Region          `json:"region,omitempty"`
}

type ArtifactLocation struct {
	URI string `json:"uri"`
}

// Region is a place in a file; lines and columns are 1-based.
type Region struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// At is the location of file, at line and col when line is known (0 means
// unknown), with the file's URI made by ArtifactURI.
func At(file, base string, line, col int) Location {
	loc := Location{PhysicalLocation: PhysicalLocation{ArtifactLocation: ArtifactLocation{URI: ArtifactURI(file, base)}}}
	if line > 0 {
		loc.PhysicalLocation.Region = &Region{StartLine: line, StartColumn: max(col, 0)}
	}
	return loc
}

// ArtifactURI turns a file path into a URI reference: relative to base
// with forward slashes when the file lies under base, else as given; an
// absolute path becomes a file:// URI.
func ArtifactURI(file, base string) string {
	p := file
	if base != "" {
		if rel, err := filepath.Rel(base, file); err == nil && rel != ".." &&
			!strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			p = rel
		}
	}
	p = filepath.ToSlash(p)
	if filepath.IsAbs(p) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive path: file:///C:/…
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	// url.URL escapes spaces and the like, and guards a first segment
	// holding a colon from reading as a scheme.
	return (&url.URL{Path: p}).String()
}
