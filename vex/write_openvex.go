package vex

import (
	"encoding/json"
	"io"
	"net/url"

	"github.com/wardhq/ward"
)

// OpenVEXContext is the @context of the OpenVEX documents ward writes.
const OpenVEXContext = "https://openvex.dev/ns/v0.2.0"

type ovOut struct {
	Context    string           `json:"@context"`
	ID         string           `json:"@id"`
	Author     string           `json:"author"`
	Timestamp  string           `json:"timestamp"`
	Version    int              `json:"version"`
	Tooling    string           `json:"tooling,omitempty"`
	Statements []ovOutStatement `json:"statements"`
}

type ovOutStatement struct {
	Vulnerability   ovOutVuln      `json:"vulnerability"`
	Timestamp       string         `json:"timestamp,omitempty"`
	Products        []ovOutProduct `json:"products"`
	Status          string         `json:"status"`
	Justification   string         `json:"justification,omitempty"`
	ImpactStatement string         `json:"impact_statement,omitempty"`
	ActionStatement string         `json:"action_statement,omitempty"`
}

type ovOutVuln struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
}

type ovOutProduct struct {
	ID            string            `json:"@id"`
	Identifiers   map[string]string `json:"identifiers,omitempty"`
	Subcomponents []ovOutProduct    `json:"subcomponents,omitempty"`
}

// WriteOpenVEX writes findings as an OpenVEX v0.2.0 document: one statement
// per finding, naming the vulnerability with its aliases, the product
// (opts.Product) with the finding's component as subcomponent — or the
// component as the product when opts.Product is empty — and the status,
// justification, impact and action statements of the finding's VEX
// decision; under_investigation when none decides it.
//
// The spec's MUSTs are met for every finding: not_affected always carries a
// justification or an impact statement, affected always an action statement
// (the decision's, else "upgrade to the first fixed version").
//
// Components and products are named by purl (@id and identifiers.purl),
// else CPE; a name with neither becomes a pkg:generic purl, since @id must
// be an IRI. Output is deterministic: findings are sorted and @id is
// urn:uuid: of a SHA-256 digest of the content. opts.Timestamp is required
// (the spec requires a timestamp and ward never reads the clock here), and
// so is at least one finding (the spec requires a statement): otherwise
// an EInvalid error.
func WriteOpenVEX(w io.Writer, findings []ward.Finding, opts Options) error {
	if opts.Timestamp.IsZero() {
		return ward.Errorf(ward.EInvalid, "OpenVEX: a document timestamp is required")
	}
	author := opts.Author
	if author == "" {
		author = "Unknown author"
	}
	doc := ovOut{
		Context:   OpenVEXContext,
		Author:    author,
		Timestamp: formatTime(opts.Timestamp),
		Version:   1,
		Tooling:   "ward",
	}
	for _, f := range sortedFindings(findings) {
		if f.Component == nil {
			continue
		}
		st := ovOutStatement{
			Vulnerability: ovOutVuln{Name: f.Advisory, Aliases: aliasesOf(f)},
			Status:        string(ward.VEXUnderInvestigation),
		}
		comp := ovProduct(f.Component)
		if opts.Product != "" {
			p := ovProductID(opts.Product)
			p.Subcomponents = []ovOutProduct{comp}
			st.Products = []ovOutProduct{p}
		} else {
			st.Products = []ovOutProduct{comp}
		}
		if s := f.VEX; s != nil {
			st.Status = string(s.Status)
			st.Timestamp = formatTime(s.Timestamp)
			st.ImpactStatement = s.ImpactStatement
			st.ActionStatement = s.ActionStatement
			if s.Status == ward.VEXNotAffected {
				st.Justification = string(s.Justification)
				if st.Justification == "" && st.ImpactStatement == "" {
					st.ImpactStatement = "Stated not affected without a reason in " + orNone(s.Source) + "."
				}
			}
		}
		if st.Status == string(ward.VEXAffected) {
			st.ActionStatement = actionFor(f)
		}
		doc.Statements = append(doc.Statements, st)
	}
	doc.Statements = dedupe(doc.Statements)
	if len(doc.Statements) == 0 {
		return ward.Errorf(ward.EInvalid, "OpenVEX: no findings to state (a document needs at least one statement)")
	}
	content, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	doc.ID = "urn:uuid:" + digestUUID(content)
	return writeJSON(w, doc)
}

// ovProduct names a component: by purl, else CPE, else a pkg:generic purl
// made of its name and version.
func ovProduct(c *ward.Component) ovOutProduct {
	switch {
	case c.PURL != "":
		return ovOutProduct{ID: c.PURL, Identifiers: map[string]string{"purl": c.PURL}}
	case c.CPE != "":
		return ovOutProduct{ID: c.CPE, Identifiers: map[string]string{cpeKey(c.CPE): c.CPE}}
	}
	p := "pkg:generic/" + url.PathEscape(c.Name)
	if c.Version != "" {
		p += "@" + url.PathEscape(c.Version)
	}
	return ovOutProduct{ID: p, Identifiers: map[string]string{"purl": p}}
}

// ovProductID names the product given in Options.
func ovProductID(id string) ovOutProduct {
	switch kindOf(id) {
	case idPURL:
		return ovOutProduct{ID: id, Identifiers: map[string]string{"purl": id}}
	case idCPE:
		return ovOutProduct{ID: id, Identifiers: map[string]string{cpeKey(id): id}}
	case idBOMLink:
		return ovOutProduct{ID: id}
	}
	return ovProduct(&ward.Component{Name: id})
}

// cpeKey is the OpenVEX identifiers key of a CPE: cpe23 for a formatted
// string, cpe22 for a URI.
func cpeKey(cpe string) string {
	if len(cpe) >= 8 && cpe[:8] == "cpe:2.3:" {
		return "cpe23"
	}
	return "cpe22"
}
