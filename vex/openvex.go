package vex

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/wardhq/ward"
)

type ovDocument struct {
	Context     string        `json:"@context"`
	ID          string        `json:"@id"`
	Author      string        `json:"author"`
	Timestamp   string        `json:"timestamp"`
	LastUpdated string        `json:"last_updated"`
	Statements  []ovStatement `json:"statements"`
}

type ovStatement struct {
	Vulnerability   json.RawMessage   `json:"vulnerability"` // v0.2.0 object, v0.0.1 string
	Timestamp       string            `json:"timestamp"`
	LastUpdated     string            `json:"last_updated"`
	Products        []json.RawMessage `json:"products"`      // v0.2.0 objects, v0.0.1 strings
	Subcomponents   []json.RawMessage `json:"subcomponents"` // v0.0.1: statement-level
	Status          string            `json:"status"`
	Justification   string            `json:"justification"`
	ImpactStatement string            `json:"impact_statement"`
	ActionStatement string            `json:"action_statement"`
	StatusNotes     string            `json:"status_notes"`
}

type ovVulnerability struct {
	ID   string `json:"@id"`
	Name string `json:"name"`
}

type ovComponent struct {
	ID            string            `json:"@id"`
	Identifiers   map[string]string `json:"identifiers"`
	Subcomponents []json.RawMessage `json:"subcomponents"`
}

// parseOpenVEX reads OpenVEX v0.2.0 and the legacy v0.0.1 (whose
// vulnerability is a string and whose products and subcomponents are
// strings). Each product of a statement becomes one ward.VEXStatement with
// that product's subcomponents (or, in v0.0.1, the statement's).
//
// A statement's time is its last_updated, else its timestamp, else the
// document's last_updated, else the document's timestamp: a statement
// without its own time inherits the document's, as the spec says.
//
// not_affected without justification or impact_statement is rejected (the
// spec's MUST: a suppression needs a reason an auditor can read); affected
// without action_statement is accepted, since it hides nothing.
func parseOpenVEX(d *doc) ([]ward.VEXStatement, error) {
	var ov ovDocument
	if err := decodeJSON(d, &ov); err != nil {
		return nil, err
	}
	var docTime time.Time
	switch {
	case ov.LastUpdated != "":
		docTime = parseTime(d, "last_updated", ov.LastUpdated)
	case ov.Timestamp != "":
		docTime = parseTime(d, "timestamp", ov.Timestamp)
	}
	if ov.Timestamp != "" && ov.LastUpdated != "" {
		parseTime(d, "timestamp", ov.Timestamp) // still check it
	}
	if len(ov.Statements) == 0 {
		d.errorf("statements", "", "no statements")
	}
	var out []ward.VEXStatement
	for i, s := range ov.Statements {
		path := idx("statements", i)
		st := ward.VEXStatement{
			ImpactStatement: s.ImpactStatement,
			ActionStatement: s.ActionStatement,
			Author:          ov.Author,
			Timestamp:       docTime,
		}
		if s.StatusNotes != "" && st.ImpactStatement == "" {
			st.ImpactStatement = s.StatusNotes
		}
		st.Vulnerability = ovVulnName(d, path+".vulnerability", s.Vulnerability)
		if err := st.Status.UnmarshalText([]byte(s.Status)); err != nil {
			d.errorf(path+".status", "want not_affected, affected, fixed or under_investigation", "unknown status %q", s.Status)
		}
		if s.Justification != "" {
			if err := st.Justification.UnmarshalText([]byte(s.Justification)); err != nil {
				d.errorf(path+".justification", "want one of "+joinValues(st.Justification.Values()), "unknown justification %q", s.Justification)
			}
		}
		if st.Status == ward.VEXNotAffected && s.Justification == "" && s.ImpactStatement == "" {
			d.errorf(path, "add justification or impact_statement", "not_affected statement gives no reason")
		}
		switch {
		case s.LastUpdated != "":
			st.Timestamp = parseTime(d, path+".last_updated", s.LastUpdated)
		case s.Timestamp != "":
			st.Timestamp = parseTime(d, path+".timestamp", s.Timestamp)
		}
		var legacySubs []string
		for j, raw := range s.Subcomponents {
			if id := ovComponentID(d, idx(path+".subcomponents", j), raw, nil); id != "" {
				legacySubs = append(legacySubs, id)
			}
		}
		if len(s.Products) == 0 {
			// Names no product: kept so that it can be reported, never applied.
			st.Components = legacySubs
			st.Source = source(d, path)
			out = append(out, st)
			continue
		}
		for j, raw := range s.Products {
			ppath := idx(path+".products", j)
			var subs []string
			id := ovComponentID(d, ppath, raw, &subs)
			if id == "" {
				continue
			}
			p := st
			p.Product, p.Source = id, source(d, ppath)
			if len(subs) == 0 {
				subs = legacySubs
			}
			p.Components = append([]string(nil), subs...)
			out = append(out, p)
		}
	}
	if err := d.err(); err != nil {
		return nil, err
	}
	return out, nil
}

func ovVulnName(d *doc, path string, raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		d.errorf(path, "", "missing vulnerability")
		return ""
	}
	var name string
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &name); err != nil {
			d.errorf(path, "", "invalid vulnerability string")
		}
	} else {
		var v ovVulnerability
		if err := json.Unmarshal(raw, &v); err != nil {
			d.errorf(path, `want {"name": "CVE-…"}`, "vulnerability is not an object")
			return ""
		}
		name = v.Name
		if name == "" {
			name = v.ID
		}
	}
	if name == "" {
		d.errorf(path, "", "vulnerability has no name")
	}
	return name
}

// ovComponentID returns how a product or subcomponent is identified: its
// @id when that is a purl, CPE or BOM-Link, else identifiers.purl, cpe23,
// cpe22, else the @id itself. When subs is non-nil, the product's
// subcomponents are appended to it.
func ovComponentID(d *doc, path string, raw json.RawMessage, subs *[]string) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) != nil || s == "" {
			d.errorf(path, "", "empty product identifier")
			return ""
		}
		return s
	}
	var c ovComponent
	if err := json.Unmarshal(raw, &c); err != nil {
		d.errorf(path, `want {"@id": "pkg:…"} or a purl string`, "product is not an object")
		return ""
	}
	if subs != nil {
		for k, sraw := range c.Subcomponents {
			if id := ovComponentID(d, idx(path+".subcomponents", k), sraw, nil); id != "" {
				*subs = append(*subs, id)
			}
		}
	}
	if c.ID != "" && kindOf(c.ID) != idName {
		return c.ID
	}
	for _, k := range []string{"purl", "cpe23", "cpe22"} {
		if v := c.Identifiers[k]; v != "" {
			return v
		}
	}
	if c.ID == "" {
		d.errorf(path, "give @id or identifiers.purl", "product has no identifier")
	}
	return c.ID
}
