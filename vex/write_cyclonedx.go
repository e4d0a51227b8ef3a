package vex

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/package-url/packageurl-go"

	"github.com/wardhq/ward"
)

type cdxOut struct {
	BOMFormat       string            `json:"bomFormat"`
	SpecVersion     string            `json:"specVersion"`
	SerialNumber    string            `json:"serialNumber,omitempty"`
	Version         int               `json:"version"`
	Metadata        cdxOutMetadata    `json:"metadata"`
	Components      []cdxOutComponent `json:"components,omitempty"`
	Vulnerabilities []cdxOutVuln      `json:"vulnerabilities"`
}

type cdxOutMetadata struct {
	Timestamp string           `json:"timestamp,omitempty"`
	Tools     *cdxOutTools     `json:"tools,omitempty"`
	Authors   []cdxOutName     `json:"authors,omitempty"`
	Component *cdxOutComponent `json:"component,omitempty"`
}

type cdxOutTools struct {
	Components []cdxOutComponent `json:"components"`
}

type cdxOutName struct {
	Name string `json:"name"`
}

type cdxOutComponent struct {
	Type    string `json:"type"`
	BOMRef  string `json:"bom-ref,omitempty"`
	Group   string `json:"group,omitempty"`
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	CPE     string `json:"cpe,omitempty"`
	PURL    string `json:"purl,omitempty"`
}

type cdxOutSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type cdxOutReference struct {
	ID     string       `json:"id"`
	Source cdxOutSource `json:"source"`
}

type cdxOutRating struct {
	Score    *float64 `json:"score,omitempty"`
	Severity string   `json:"severity,omitempty"`
	Method   string   `json:"method,omitempty"`
	Vector   string   `json:"vector,omitempty"`
}

type cdxOutAnalysis struct {
	State         string `json:"state"`
	Justification string `json:"justification,omitempty"`
	Detail        string `json:"detail,omitempty"`
	FirstIssued   string `json:"firstIssued,omitempty"`
	LastUpdated   string `json:"lastUpdated,omitempty"`
}

type cdxOutVuln struct {
	ID             string            `json:"id"`
	Source         cdxOutSource      `json:"source"`
	References     []cdxOutReference `json:"references,omitempty"`
	Ratings        []cdxOutRating    `json:"ratings,omitempty"`
	Description    string            `json:"description,omitempty"`
	Recommendation string            `json:"recommendation,omitempty"`
	Analysis       cdxOutAnalysis    `json:"analysis"`
	Affects        []cdxOutAffects   `json:"affects"`
}

type cdxOutAffects struct {
	Ref string `json:"ref"`
}

// cdxOutStates is the inverse of cdxStates for the four VEX statuses.
var cdxOutStates = map[ward.VEXStatus]string{
	ward.VEXNotAffected:        "not_affected",
	ward.VEXAffected:           "exploitable",
	ward.VEXFixed:              "resolved",
	ward.VEXUnderInvestigation: "in_triage",
}

// cdxOutJustifications maps the CISA set to CycloneDX. Where cdxJustifications
// maps several CycloneDX values to one, the broadest is written back:
// vulnerable_code_cannot_be_controlled_by_adversary → requires_environment,
// inline_mitigations_already_exist → protected_by_mitigating_control.
var cdxOutJustifications = map[ward.VEXJustification]string{
	ward.VEXVulnerableCodeNotPresent:       "code_not_present",
	ward.VEXVulnerableCodeNotInExecutePath: "code_not_reachable",
	ward.VEXComponentNotPresent:            "requires_dependency",
	ward.VEXCodeCannotBeControlled:         "requires_environment",
	ward.VEXInlineMitigationsExist:         "protected_by_mitigating_control",
}

var cdxComponentTypes = map[string]bool{
	"application": true, "framework": true, "library": true, "container": true, "platform": true,
	"operating-system": true, "device": true, "device-driver": true, "firmware": true, "file": true,
	"machine-learning-model": true, "data": true, "cryptographic-asset": true,
}

// WriteCycloneDXVEX writes findings as a standalone CycloneDX 1.6 JSON VEX
// BOM: the affected components in components[] (bom-ref = purl, else CPE,
// else the SBOM's bom-ref), one vulnerabilities[] entry per finding whose
// affects[].ref points at its component, and analysis from the finding's
// VEX statement — state in_triage when none decides it. The document is
// self-describing, so it can be re-read by Parse or by other tools.
//
// Output is deterministic: findings are sorted, the serialNumber is a UUID
// derived from a SHA-256 digest of the document's content, and the
// timestamp is opts.Timestamp (left out when zero).
func WriteCycloneDXVEX(w io.Writer, findings []ward.Finding, opts Options) error {
	doc := cdxOut{BOMFormat: "CycloneDX", SpecVersion: "1.6", Version: 1, Vulnerabilities: []cdxOutVuln{}}
	doc.Metadata.Timestamp = formatTime(opts.Timestamp)
	doc.Metadata.Tools = &cdxOutTools{Components: []cdxOutComponent{{Type: "application", Name: "ward"}}}
	if opts.Author != "" {
		doc.Metadata.Authors = []cdxOutName{{Name: opts.Author}}
	}
	if opts.Product != "" {
		p := cdxOutComponent{Type: "application", BOMRef: "product", Name: opts.Product}
		switch kindOf(opts.Product) {
		case idPURL:
			p.PURL, p.Name, p.Version = opts.Product, purlName(opts.Product), purlVersion(opts.Product)
		case idCPE:
			p.CPE = opts.Product
		}
		doc.Metadata.Component = &p
	}
	refs := map[string]bool{"product": true}
	for _, f := range sortedFindings(findings) {
		if f.Component == nil {
			continue
		}
		ref := bestID(f.Component)
		if !refs[ref] {
			refs[ref] = true
			c := f.Component
			t := c.Type
			if !cdxComponentTypes[t] {
				t = "library"
			}
			doc.Components = append(doc.Components, cdxOutComponent{
				Type: t, BOMRef: ref, Group: c.Group, Name: c.Name, Version: c.Version, CPE: c.CPE, PURL: c.PURL,
			})
		}
		name, url := advisorySource(f.Advisory)
		v := cdxOutVuln{
			ID:          f.Advisory,
			Source:      cdxOutSource{Name: name, URL: url},
			Description: f.Summary,
			Affects:     []cdxOutAffects{{Ref: ref}},
		}
		for _, a := range aliasesOf(f) {
			n, u := advisorySource(a)
			v.References = append(v.References, cdxOutReference{ID: a, Source: cdxOutSource{Name: n, URL: u}})
		}
		if r, ok := cdxRating(f.Severity); ok {
			v.Ratings = []cdxOutRating{r}
		}
		v.Analysis.State = "in_triage"
		if s := f.VEX; s != nil {
			if st, ok := cdxOutStates[s.Status]; ok {
				v.Analysis.State = st
			}
			if s.Status == ward.VEXNotAffected {
				v.Analysis.Justification = cdxOutJustifications[s.Justification]
			}
			v.Analysis.Detail = s.ImpactStatement
			v.Analysis.FirstIssued = formatTime(s.Timestamp)
			v.Analysis.LastUpdated = formatTime(s.Timestamp)
			if s.Status == ward.VEXAffected || s.ActionStatement != "" {
				v.Recommendation = actionFor(f)
			}
		}
		doc.Vulnerabilities = append(doc.Vulnerabilities, v)
	}
	doc.Vulnerabilities = dedupe(doc.Vulnerabilities)
	content, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	doc.SerialNumber = "urn:uuid:" + digestUUID(content)
	return writeJSON(w, doc)
}

// cdxRating turns a finding's severity into a CycloneDX rating.
func cdxRating(s ward.FindingSeverity) (cdxOutRating, bool) {
	r := cdxOutRating{Vector: s.Vector}
	switch s.Level {
	case "critical", "high", "medium", "low", "none", "unknown", "info":
		r.Severity = s.Level
	}
	if s.Score > 0 {
		score := s.Score
		r.Score = &score
	}
	switch s.Method {
	case "CVSS_V2":
		r.Method = "CVSSv2"
	case "CVSS_V3":
		r.Method = "CVSSv31"
		if strings.HasPrefix(s.Vector, "CVSS:3.0/") {
			r.Method = "CVSSv3"
		}
	case "CVSS_V4":
		r.Method = "CVSSv4"
	case "":
	default:
		r.Method = "other"
	}
	return r, r.Severity != "" || r.Score != nil
}

// purlName is the name of a purl, for a product given as one.
func purlName(p string) string {
	u, err := packageurl.FromString(p)
	if err != nil || u.Name == "" {
		return p
	}
	return u.Name
}
