package vex

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/wardhq/ward"
)

// Options are the document-level facts of a written VEX document. Nothing
// is taken from the clock or the environment: the same findings and
// Options give the same bytes.
type Options struct {
	Product   string    // the product the statements are about (ward product ID, purl or CPE); may be empty
	Author    string    // who makes the statements, e.g. "Acme Medical PSIRT <psirt@acme.example>"
	Timestamp time.Time // when the document is issued; required by OpenVEX
}

// sortedFindings returns findings ordered by advisory, then component
// identifier and version, so that output does not depend on scan order.
func sortedFindings(findings []ward.Finding) []ward.Finding {
	out := slices.Clone(findings)
	slices.SortStableFunc(out, func(a, b ward.Finding) int {
		return cmp.Or(
			strings.Compare(a.Advisory, b.Advisory),
			strings.Compare(componentID(a.Component), componentID(b.Component)),
			strings.Compare(componentVersion(a.Component), componentVersion(b.Component)),
		)
	})
	return out
}

func componentID(c *ward.Component) string {
	if c == nil {
		return ""
	}
	return bestID(c)
}

func componentVersion(c *ward.Component) string {
	if c == nil {
		return ""
	}
	return c.Version
}

// digestUUID derives an RFC 4122 UUID (version 5 layout, SHA-256 based)
// from content, so that a document's identity follows from what it says.
func digestUUID(content []byte) string {
	h := sha256.Sum256(content)
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// writeJSON writes v indented by two spaces, HTML characters unescaped, with
// a final newline.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// actionFor is what to do about an affected finding: the statement's action
// statement, else an upgrade to the fixed versions, else a note that no fix
// is known.
func actionFor(f ward.Finding) string {
	if f.VEX != nil && f.VEX.ActionStatement != "" {
		return f.VEX.ActionStatement
	}
	name := "the component"
	if f.Component != nil {
		name = f.Component.Name
	}
	if len(f.Fixed) > 0 {
		return fmt.Sprintf("Upgrade %s to %s or later.", name, f.Fixed[0])
	}
	return fmt.Sprintf("No fixed version of %s is known; follow advisory %s for mitigations.", name, f.Advisory)
}

// aliasesOf is f's aliases without its own ID and without repeats.
func aliasesOf(f ward.Finding) []string {
	var out []string
	for _, a := range f.Aliases {
		if a != "" && a != f.Advisory && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return out
}

// advisorySource names the database an advisory ID comes from, with its
// page.
func advisorySource(id string) (name, url string) {
	switch {
	case strings.HasPrefix(id, "CVE-"):
		return "NVD", "https://nvd.nist.gov/vuln/detail/" + id
	case strings.HasPrefix(id, "GHSA-"):
		return "GitHub Advisory Database", "https://github.com/advisories/" + id
	}
	return "OSV", "https://osv.dev/vulnerability/" + id
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// dedupe drops items whose JSON equals an earlier one's: both formats
// require unique statements, and a scan can report the same component
// twice (once per SBOM path).
func dedupe[T any](items []T) []T {
	seen := map[string]bool{}
	out := items[:0]
	for _, it := range items {
		b, err := json.Marshal(it)
		if err != nil || !seen[string(b)] {
			seen[string(b)] = true
			out = append(out, it)
		}
	}
	return out
}
