// Package importer turns threat models of other tools — Threagile YAML and
// OWASP Threat Dragon JSON — into a ward security file, and reports every
// item of the source that has no place in ward, so that nothing is dropped
// silently.
//
// It imports ward and the YAML parser only; it never touches the file
// system (cli writes the files Files renders).
//
// IDs: a source ID that is a valid ward ID (letters, digits and ._-+:/) is
// kept, so threats and reviews can be traced back to the source model.
// Any other ID is derived: each invalid character becomes "-", and a
// repeated ID gets the suffix "-2", "-3", … in source order.
//
// What the source models do not hold — the product, the product security
// context (environment, neighbouring systems, actors, interfaces) and, for
// Threat Dragon, data and assets — is written as placeholders whose text
// starts with "TODO", with valid enumeration values, so that the imported
// folder passes `ward validate` and the gaps show up in `ward check`.
package importer

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/wardhq/ward"
)

// MaxBytes is the largest model file the importers read.
const MaxBytes = 16 << 20

// Report lists what the import could not map. Each Note names the source
// item by its YAML or JSON path.
type Report struct {
	Source string // "Threagile" or "OWASP Threat Dragon"
	File   string // the name given to the importer
	Notes  []Note // in source order
}

// Note is one source item that was not mapped, or mapped with a caveat.
type Note struct {
	Path string // e.g. "technical_assets.load-balancer.machine", "detail.diagrams[0].cells[3].data.severity"
	Msg  string // why, e.g. "no ward field"
}

func (r *Report) add(path, format string, args ...any) {
	r.Notes = append(r.Notes, Note{Path: path, Msg: fmt.Sprintf(format, args...)})
}

// WriteTo prints one line per note: "path: why".
func (r *Report) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d item(s) not mapped or mapped with a caveat\n", r.File, len(r.Notes))
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "  %s: %s\n", n.Path, n.Msg)
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// tooLarge is the rejection of a file above MaxBytes.
func tooLarge(name string, n int) error {
	return ward.PosErrors{{Pos: ward.Pos{File: name}, Msg: fmt.Sprintf("file is %d bytes, more than the import limit of %d (16 MiB)", n, MaxBytes)}}
}

// ids hands out ward IDs of one kind, unique within it.
type ids struct {
	seen  map[string]bool
	byRaw map[string]string // source ID → ward ID
}

func newIDs() *ids { return &ids{seen: map[string]bool{}, byRaw: map[string]string{}} }

// assign returns the ward ID for the source ID raw, deriving one if raw is
// not a valid ward ID or is already taken; fallback is used for an empty raw.
func (x *ids) assign(raw, fallback string) string {
	id := sanitizeID(raw)
	if id == "" {
		id = sanitizeID(fallback)
	}
	base := id
	for n := 2; x.seen[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	x.seen[id] = true
	if _, ok := x.byRaw[raw]; !ok && raw != "" {
		x.byRaw[raw] = id
	}
	return id
}

// lookup returns the ward ID given to the source ID raw.
func (x *ids) lookup(raw string) (string, bool) {
	id, ok := x.byRaw[raw]
	return id, ok
}

// sanitizeID replaces every character a ward ID may not hold by "-",
// collapsing runs, and trims "-" at both ends.
func sanitizeID(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(s) {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-+:/", r)
		if !ok {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		b.WriteRune(r)
		dash = r == '-'
	}
	return strings.Trim(b.String(), "-")
}

// slug is a lower-case ID made of a free-text title.
func slug(s string) string { return strings.ToLower(sanitizeID(s)) }

// oneLine folds line breaks of diagram labels into spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func appendUnique(list []string, s ...string) []string {
	for _, x := range s {
		if x != "" && !slices.Contains(list, x) {
			list = append(list, x)
		}
	}
	return list
}

// todo marks placeholder text the team must replace.
func todo(what, source string) string {
	return fmt.Sprintf("TODO: %s (not in the %s model)", what, source)
}

// placeholders completes sf with what the source model does not hold, so
// that the imported folder is a valid security file. Every placeholder's
// text starts with TODO; enumerations take the most demanding value so
// that no check is switched off by the placeholder.
func placeholders(sf *ward.SecurityFile, source string, r *Report) {
	sf.Product = &ward.Product{
		ID:           "TODO-product",
		Name:         todo("product name as on the label", source),
		Manufacturer: todo("legal manufacturer", source),
		IntendedUse:  todo("intended use as in the labeling", source),
		Kind:         ward.ProductMedicalDevice,
		Markets:      []string{"TODO"},
		Regulations:  []ward.Regulation{ward.RegMDR},
	}
	r.add("product", "not in the %s model: placeholder product.yaml written (kind medical_device, regulations [mdr]); replace every TODO", source)
	c := sf.Context
	c.Environment = todo("intended use environment", source)
	c.NetworkLocation = todo("network location", source)
	c.PhysicalEnvironment = todo("physical access assumptions", source)
	c.IsolationAssumptions = []string{todo("isolation the operator is assumed to provide", source)}
	c.SafetyImpact = todo("what degraded security means for patient safety", source)
	c.HDOResponsibilities = []string{todo("security measures the operator must provide", source)}
	c.Systems = []*ward.System{{ID: "SYS-TODO", Name: todo("neighbouring systems", source), Kind: "other", Owner: "third_party"}}
	c.Actors = []*ward.Actor{{ID: "ACT-TODO", Name: todo("actors", source), Kind: "person"}}
	c.Interfaces = []*ward.Interface{{ID: "IF-TODO", Name: todo("product interfaces", source), Kind: "other", Protocol: "TODO",
		Direction: "bidirectional", Authentication: "TODO", Encryption: "TODO", Exposure: "internet"}}
	r.add("context", "not in the %s model: placeholders written for environment, network location, physical environment, isolation assumptions, safety impact, HDO responsibilities, systems (SYS-TODO), actors (ACT-TODO) and interfaces (IF-TODO, exposure internet)", source)
	if len(c.Data) == 0 {
		c.Data = []*ward.DataItem{{ID: "DATA-TODO", Name: todo("data the product handles", source), Classification: "phi"}}
		r.add("context.data", "not in the %s model: placeholder DATA-TODO written (classification phi)", source)
	}
	a := sf.Architecture
	if a.Version == "" {
		a.Version = "TODO"
	}
	if len(a.Assets) == 0 {
		a.Assets = []*ward.Asset{{ID: "AST-TODO", Name: todo("assets with their security needs", source),
			Confidentiality: "high", Integrity: "high", Availability: "high"}}
		r.add("architecture.assets", "not in the %s model: placeholder AST-TODO written (confidentiality, integrity and availability high)", source)
	}
}
