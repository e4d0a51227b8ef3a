package techfile

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/paper"
)

// fdaItem is one item of the premarket documentation the FDA expects
// (premarket cybersecurity guidance, Appendix 4 Table 1 and sections V–VI),
// with the sections of this document that answer it and the kinds of
// documents of the security file that belong to it.
type fdaItem struct {
	item, guidance string
	sections       []string
	kinds          []string
}

var fdaItems = []fdaItem{
	{"Cybersecurity risk management report", "V, VI.B", []string{"threat-model", "risk-assessment", "traceability", "findings"}, []string{"risk_management_report", "risk_management_plan"}},
	{"Threat model", "V.A.1, V.A.3–V.A.5, V.B.2", []string{"context", "architecture", "threat-model"}, nil},
	{"Cybersecurity risk assessment", "V.A.2–V.A.6", []string{"risk-assessment", "risk-safety"}, nil},
	{"Software bill of materials", "V.A.4, VI.A", []string{"sbom"}, []string{"sbom_export"}},
	{"Vulnerability assessment and software support", "V.A.4", []string{"vulnerabilities", "sbom-support"}, nil},
	{"Unresolved anomalies assessment", "V.A.5", []string{"findings"}, nil},
	{"Traceability (threat model, risks, SBOM, tests, labeling)", "V.A", []string{"traceability", "release-documents"}, nil},
	{"Measures and metrics", "V.A.6", []string{"metrics"}, nil},
	{"Security architecture views", "V.B.2, Appendix 2", []string{"architecture", "interfaces"}, []string{"architecture_views"}},
	{"Security requirements per control category", "V.B.1, Appendix 1", []string{"requirements"}, nil},
	{"Testing: requirements, threat mitigation, vulnerability and penetration testing", "V.C", []string{"testing", "findings"}, nil},
	{"Labeling", "VI.A", []string{"release-documents", "interfaces", "sbom"}, []string{"ifu_security", "secure_operation", "port_list"}},
	{"Cybersecurity management plan", "VI.B; FD&C Act 524B(b)(1)", []string{"management-plan", "disclosure", "monitoring"}, []string{"management_plan", "maintenance_plan", "cvd_policy"}},
	{"Secure product development framework (IEC 81001-5-1)", "V", []string{"security-plan", "applicability", "gap-report"}, []string{"security_plan", "development_plan"}},
}

// fdaMap maps the FDA premarket documentation items to the sections of d
// that answer them. A section counts as answering with gaps when it or a
// subsection holds a gap note.
func (t *builder) fdaMap(d *paper.Document) *paper.Section {
	s := &paper.Section{ID: "fda-map", Title: "FDA premarket documentation map"}
	if !t.File.Product.InScope(ward.RegFDA524B) {
		s.Blocks = append(s.Blocks, infoNote("FD&C Act section 524B is not among the product's regulations; the map is given for reference."))
	}
	s.Blocks = append(s.Blocks, paper.Para{Text: "Where this document answers each item of the premarket cybersecurity documentation the FDA expects " +
		"(premarket cybersecurity guidance, Appendix 4 Table 1). Sections are given by number, title and anchor."})
	nums := Numbers(d)
	byID := sectionsByID(d)
	tb := paper.Table{Header: []string{"FDA documentation item", "Guidance", "Answered in", "Documents of the security file", "Status"}, Widths: []float64{2.4, 1.2, 3.2, 2.2, 1.6}}
	for _, it := range fdaItems {
		var where []string
		gaps := 0
		for _, id := range it.sections {
			sec := byID[id]
			if sec == nil {
				continue
			}
			where = append(where, SectionRef(nums, sec))
			gaps += countGaps(sec)
		}
		status := "answered"
		if gaps > 0 {
			status = "answered with " + plural(gaps, "gap note", "gap notes")
		}
		docs := dash
		if len(it.kinds) > 0 {
			docs = joinOr(docIDs(t.docsFor(it.kinds...)), "none recorded")
		}
		tb.Rows = append(tb.Rows, []string{it.item, it.guidance, strings.Join(where, "; "), docs, status})
	}
	s.Blocks = append(s.Blocks, tb)
	return s
}

// SectionRef names a section for cross-references: "6 Threat model
// (threat-model)".
func SectionRef(nums map[string]string, s *paper.Section) string {
	return nums[s.ID] + " " + s.Title + " (" + s.ID + ")"
}

func sectionsByID(d *paper.Document) map[string]*paper.Section {
	out := map[string]*paper.Section{}
	var walk func([]*paper.Section)
	walk = func(list []*paper.Section) {
		for _, s := range list {
			out[s.ID] = s
			walk(s.Sections)
		}
	}
	walk(d.Sections)
	return out
}

func countGaps(s *paper.Section) int {
	n := 0
	for _, b := range s.Blocks {
		if note, ok := b.(paper.Note); ok && note.Kind == "gap" {
			n++
		}
	}
	for _, sub := range s.Sections {
		n += countGaps(sub)
	}
	return n
}

func docIDs(docs []*ward.Document) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return out
}

// craMap is the EU Cyber Resilience Act view for products in its scope:
// support period, the Annex I Part II duties and the Art. 14 reporting
// of actively exploited vulnerabilities.
func (t *builder) craMap(d *paper.Document) *paper.Section {
	s := &paper.Section{ID: "cra-map", Title: "EU Cyber Resilience Act"}
	nums := Numbers(d)
	byID := sectionsByID(d)
	ref := func(ids ...string) string {
		var out []string
		for _, id := range ids {
			if sec := byID[id]; sec != nil {
				out = append(out, SectionRef(nums, sec))
			}
		}
		return strings.Join(out, "; ")
	}
	p := t.File.Product
	period := "not recorded (product.placed_on_market, product.support_end)"
	if !p.PlacedOnMarket.IsZero() && !p.SupportEnd.IsZero() {
		years := float64(p.PlacedOnMarket.DaysUntil(p.SupportEnd)) / 365.25
		period = fmt.Sprintf("%s to %s (%.1f years)", p.PlacedOnMarket, p.SupportEnd, years)
		if years < 5 {
			if p.ShorterUse != "" {
				period += "; shorter than five years because: " + p.ShorterUse
			} else {
				period += "; shorter than five years and no rationale recorded"
			}
		}
	}
	s.Blocks = append(s.Blocks, paper.Fields{Items: []paper.Field{{Label: "Support period (Art. 13)", Value: period}}})
	s.Blocks = append(s.Blocks, paper.Table{Caption: "Vulnerability handling duties (Annex I Part II)", Header: []string{"Duty", "Answered in"}, Widths: []float64{4, 4}, Rows: [][]string{
		{"Identify and document components and vulnerabilities, with an SBOM", ref("sbom", "vulnerabilities")},
		{"Address and remediate vulnerabilities without delay, with security updates", ref("vulnerabilities", "monitoring", "management-plan")},
		{"Regular tests and reviews of the product's security", ref("testing")},
		{"Disclose fixed vulnerabilities; coordinated disclosure policy and contact", ref("disclosure")},
		{"Distribute updates securely", ref("release-artifacts", "management-plan")},
	}})
	var rows [][]string
	for _, v := range sortedBy(t.File.Vulns, func(v *ward.Vulnerability) string { return v.ID }) {
		if !v.Exploited {
			continue
		}
		var rep ward.RegulatoryReports
		if v.Reports != nil {
			rep = *v.Reports
		}
		due := func(d ward.Date, days int) string {
			if d.IsZero() {
				return "—"
			}
			return d.AddDays(days).String()
		}
		rows = append(rows, []string{v.ID, dateOr(v.AwareAt, "not recorded"),
			due(v.AwareAt, 1) + " / " + dateOr(rep.CRAEarlyWarning, "not sent"),
			due(v.AwareAt, 3) + " / " + dateOr(rep.CRANotification, "not sent"),
			due(v.FixAvailableAt, 14) + " / " + dateOr(rep.CRAFinal, "not sent"),
			dateOr(rep.CustomersInformed, "not recorded")})
	}
	if len(rows) == 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "No actively exploited vulnerability is recorded: no Art. 14 report was due."})
	} else {
		s.Blocks = append(s.Blocks, paper.Table{Caption: "Art. 14 reports of actively exploited vulnerabilities (due / sent)",
			Header: []string{"Vulnerability", "Aware", "Early warning (24 h)", "Notification (72 h)", "Final report (14 days after the fix)", "Users informed"}, Rows: rows})
	}
	return s
}
