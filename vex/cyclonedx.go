package vex

import (
	"strings"
	"time"

	"github.com/wardhq/ward"
)

type cdxBOM struct {
	BOMFormat       string          `json:"bomFormat"`
	SerialNumber    string          `json:"serialNumber"`
	Metadata        *cdxMetadata    `json:"metadata"`
	Components      []cdxComponent  `json:"components"`
	Vulnerabilities []cdxVulnerabil `json:"vulnerabilities"`
}

type cdxMetadata struct {
	Timestamp    string        `json:"timestamp"`
	Component    *cdxComponent `json:"component"`
	Authors      []cdxNamed    `json:"authors"`
	Supplier     *cdxNamed     `json:"supplier"`
	Manufacture  *cdxNamed     `json:"manufacture"`
	Manufacturer *cdxNamed     `json:"manufacturer"`
}

type cdxNamed struct {
	Name string `json:"name"`
}

type cdxComponent struct {
	BOMRef     string         `json:"bom-ref"`
	Name       string         `json:"name"`
	Version    string         `json:"version"`
	PURL       string         `json:"purl"`
	CPE        string         `json:"cpe"`
	Components []cdxComponent `json:"components"`
}

type cdxVulnerabil struct {
	ID             string       `json:"id"`
	Published      string       `json:"published"`
	Updated        string       `json:"updated"`
	Analysis       *cdxAnalysis `json:"analysis"`
	Recommendation string       `json:"recommendation"`
	Workaround     string       `json:"workaround"`
	Affects        []cdxAffects `json:"affects"`
}

type cdxAnalysis struct {
	State         string   `json:"state"`
	Justification string   `json:"justification"`
	Response      []string `json:"response"`
	Detail        string   `json:"detail"`
	FirstIssued   string   `json:"firstIssued"`
	LastUpdated   string   `json:"lastUpdated"`
}

type cdxAffects struct {
	Ref      string       `json:"ref"`
	Versions []cdxVersion `json:"versions"`
}

type cdxVersion struct {
	Version string `json:"version"`
	Range   string `json:"range"`
	Status  string `json:"status"`
}

// cdxStates maps CycloneDX analysis.state to a VEX status:
//
//	not_affected           → not_affected
//	exploitable            → affected
//	resolved               → fixed
//	resolved_with_pedigree → fixed (the fix is shown in the component's pedigree)
//	in_triage              → under_investigation
//	false_positive         → not_affected; the finding is wrong, so the
//	                         vulnerable code is not there: justification
//	                         vulnerable_code_not_present unless the document
//	                         gives one.
var cdxStates = map[string]ward.VEXStatus{
	"not_affected":           ward.VEXNotAffected,
	"exploitable":            ward.VEXAffected,
	"resolved":               ward.VEXFixed,
	"resolved_with_pedigree": ward.VEXFixed,
	"in_triage":              ward.VEXUnderInvestigation,
	"false_positive":         ward.VEXNotAffected,
}

// cdxJustifications maps CycloneDX analysis.justification to the CISA /
// OpenVEX set, as CISA's "VEX Status Justifications" and vexctl/Trivy do.
// Only code_not_present, code_not_reachable and requires_dependency map one
// to one; for the others the original value is kept in ImpactStatement.
var cdxJustifications = map[string]ward.VEXJustification{
	"code_not_present":                ward.VEXVulnerableCodeNotPresent,
	"code_not_reachable":              ward.VEXVulnerableCodeNotInExecutePath,
	"requires_dependency":             ward.VEXComponentNotPresent,
	"requires_configuration":          ward.VEXCodeCannotBeControlled,
	"requires_environment":            ward.VEXCodeCannotBeControlled,
	"protected_by_compiler":           ward.VEXInlineMitigationsExist,
	"protected_at_runtime":            ward.VEXInlineMitigationsExist,
	"protected_at_perimeter":          ward.VEXInlineMitigationsExist,
	"protected_by_mitigating_control": ward.VEXInlineMitigationsExist,
}

var cdxExactJustification = map[string]bool{"code_not_present": true, "code_not_reachable": true, "requires_dependency": true}

// FromCycloneDXBOM reads the vulnerabilities embedded in a CycloneDX JSON
// BOM (an SBOM with VEX inside, or a standalone VEX BOM). Their bom-refs
// name components of that same BOM: those with a purl or CPE are stated by
// it, the others by bom-ref, which Apply matches only against the SBOM read
// from the same file (Scope.SBOM.Source == name). Errors are ward.PosErrors.
func FromCycloneDXBOM(name string, data []byte) ([]ward.VEXStatement, error) {
	f, err := Detect(name, data)
	if err != nil {
		return nil, err
	}
	if f != FormatCycloneDX {
		return nil, ward.PosErrors{{Pos: ward.Pos{File: name}, Msg: "not a CycloneDX BOM (no bomFormat)"}}
	}
	return parseCycloneDX(newDoc(name, data))
}

// parseCycloneDX reads vulnerabilities[] into one statement per affected
// target (and per version or range listed for it). Vulnerabilities without
// analysis.state are findings, not decisions (a VDR), and yield none.
func parseCycloneDX(d *doc) ([]ward.VEXStatement, error) {
	var bom cdxBOM
	if err := decodeJSON(d, &bom); err != nil {
		return nil, err
	}
	if bom.BOMFormat != "CycloneDX" {
		d.errorf("bomFormat", "", "bomFormat is %q, want \"CycloneDX\"", bom.BOMFormat)
	}
	refs := map[string]*cdxComponent{}
	var index func(cs []cdxComponent)
	index = func(cs []cdxComponent) {
		for i := range cs {
			if cs[i].BOMRef != "" {
				refs[cs[i].BOMRef] = &cs[i]
			}
			index(cs[i].Components)
		}
	}
	var docTime time.Time
	author := ""
	if m := bom.Metadata; m != nil {
		if m.Component != nil {
			index([]cdxComponent{*m.Component})
		}
		if m.Timestamp != "" {
			docTime = parseTime(d, "metadata.timestamp", m.Timestamp)
		}
		var names []string
		for _, a := range m.Authors {
			if a.Name != "" {
				names = append(names, a.Name)
			}
		}
		for _, n := range []*cdxNamed{m.Manufacturer, m.Manufacture, m.Supplier} {
			if len(names) == 0 && n != nil && n.Name != "" {
				names = append(names, n.Name)
			}
		}
		author = strings.Join(names, ", ")
	}
	index(bom.Components)

	var out []ward.VEXStatement
	for i, v := range bom.Vulnerabilities {
		path := idx("vulnerabilities", i)
		if v.Analysis == nil || v.Analysis.State == "" {
			continue
		}
		if v.ID == "" {
			d.errorf(path+".id", "a VEX statement must name its vulnerability", "missing vulnerability id")
			continue
		}
		a := v.Analysis
		status, ok := cdxStates[a.State]
		if !ok {
			d.errorf(path+".analysis.state", "want one of resolved, resolved_with_pedigree, exploitable, in_triage, false_positive, not_affected", "unknown analysis state %q", a.State)
			continue
		}
		base := ward.VEXStatement{
			Vulnerability:   v.ID,
			Status:          status,
			ImpactStatement: a.Detail,
			Author:          author,
		}
		if a.Justification != "" {
			j, ok := cdxJustifications[a.Justification]
			if !ok {
				d.errorf(path+".analysis.justification", "want one of code_not_present, code_not_reachable, requires_configuration, requires_dependency, requires_environment, protected_by_compiler, protected_at_runtime, protected_at_perimeter, protected_by_mitigating_control", "unknown justification %q", a.Justification)
				continue
			}
			if status == ward.VEXNotAffected {
				base.Justification = j
			}
			if !cdxExactJustification[a.Justification] {
				base.ImpactStatement = joinText(base.ImpactStatement, "CycloneDX justification: "+a.Justification)
			}
		}
		if a.State == "false_positive" {
			if base.Justification == "" {
				base.Justification = ward.VEXVulnerableCodeNotPresent
			}
			base.ImpactStatement = joinText("Reported as a false positive.", base.ImpactStatement)
		}
		if len(a.Response) > 0 {
			base.ActionStatement = "Response: " + strings.Join(a.Response, ", ") + "."
		}
		base.ActionStatement = joinText(base.ActionStatement, v.Recommendation)
		base.ActionStatement = joinText(base.ActionStatement, v.Workaround)

		base.Timestamp = docTime
		for _, t := range []struct{ field, val string }{
			{"analysis.lastUpdated", a.LastUpdated}, {"analysis.firstIssued", a.FirstIssued},
			{"updated", v.Updated}, {"published", v.Published},
		} {
			if t.val != "" {
				base.Timestamp = parseTime(d, path+"."+t.field, t.val)
				break
			}
		}

		if len(v.Affects) == 0 {
			// A statement about "every product" (bom-examples VEX use case 7)
			// names nothing; the BOM's own subject is the only thing it can
			// be about. Without one, it names no product and never applies.
			st := base
			st.Source = source(d, path)
			if m := bom.Metadata; m != nil && m.Component != nil {
				st.Product = cdxTarget(m.Component.BOMRef, refs)
			}
			out = append(out, st)
			continue
		}
		for j, af := range v.Affects {
			apath := idx(path+".affects", j)
			if af.Ref == "" {
				d.errorf(apath+".ref", "", "missing ref")
				continue
			}
			id := cdxTarget(af.Ref, refs)
			if len(af.Versions) == 0 {
				st := base
				st.Product, st.Source = id, source(d, apath)
				out = append(out, st)
				continue
			}
			for k, ver := range af.Versions {
				vpath := idx(apath+".versions", k)
				st := base
				st.Source = source(d, vpath)
				switch {
				case ver.Version != "" && kindOf(id) == idPURL:
					st.Product = purlWithVersion(id, ver.Version)
				case ver.Version != "":
					st.Product = withVers(id, "vers:generic/"+escapeVers(ver.Version))
				case strings.HasPrefix(ver.Range, "vers:"):
					st.Product = withVers(id, strings.TrimSpace(ver.Range))
				default:
					d.errorf(vpath, "use version or a vers range (vers:semver/>=1.0|<2.0)", "version entry without version or vers range")
					continue
				}
				switch {
				case ver.Status == "unaffected" && (status == ward.VEXAffected || status == ward.VEXUnderInvestigation):
					st.Status = ward.VEXNotAffected
					st.ImpactStatement = joinText("Listed as an unaffected version.", st.ImpactStatement)
				case ver.Status == "unknown" && status != ward.VEXUnderInvestigation:
					st.Status, st.Justification = ward.VEXUnderInvestigation, ""
				case ver.Status != "" && ver.Status != "affected" && ver.Status != "unaffected" && ver.Status != "unknown":
					d.errorf(vpath+".status", "want affected, unaffected or unknown", "unknown version status %q", ver.Status)
					continue
				}
				out = append(out, st)
			}
		}
	}
	if err := d.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// cdxTarget is the identifier a statement uses for an affects ref: the
// ref itself when it is a purl or BOM-Link; for a bom-ref of this document,
// the component's purl, else its CPE, else the bom-ref.
func cdxTarget(ref string, refs map[string]*cdxComponent) string {
	if k := kindOf(ref); k != idName {
		return ref
	}
	if c, ok := refs[ref]; ok {
		switch {
		case c.PURL != "":
			return c.PURL
		case c.CPE != "":
			return c.CPE
		}
	}
	return ref
}

func escapeVers(v string) string {
	return strings.NewReplacer("%", "%25", "|", "%7C", " ", "%20").Replace(v)
}

// joinText joins two free-text parts with a space, leaving out empty ones.
func joinText(a, b string) string {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// parseTime reads an RFC 3339 timestamp, recording a problem at path when
// it is not one. Times are returned in UTC.
func parseTime(d *doc, path, s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		d.errorf(path, "use RFC 3339, e.g. 2024-05-01T12:00:00Z", "invalid timestamp %q", s)
		return time.Time{}
	}
	return t.UTC()
}
