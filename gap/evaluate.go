package gap

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward"
)

// Evaluate runs every rule of the catalog on in and returns the gap
// report, clause by clause in catalog order. It is deterministic.
func Evaluate(cat *Catalog, in *Input) *Report {
	p := in.File.Product
	if p == nil {
		p = &ward.Product{}
	}
	rep := &Report{Standard: cat.Standard, CatalogVersion: cat.Version, Product: p.ID, ProductName: p.Name,
		Date: in.Today.String(), Route: "clauses 4-9", Clauses: []ClauseResult{}}
	if p.Transitional {
		rep.Route = "annex F (transitional health software)"
	}
	for _, cl := range cat.Clauses {
		if !cl.Assessed() {
			continue
		}
		cr := ClauseResult{ID: cl.ID, Title: cl.Title, Summary: cl.Summary, IEC62443: cl.IEC62443,
			FDA: cl.FDA, MDR: cl.MDR, CRA: cl.CRA, Rules: []RuleResult{}}
		if why := notApplicable(cl, in); why != "" {
			cr.Status, cr.Rationale = NotApplicable, why
		} else {
			for _, info := range cl.Rules {
				cr.Rules = append(cr.Rules, runRule(info, in))
			}
			cr.Status = clauseStatus(cr.Rules)
			if cr.Status == NotApplicable {
				cr.Rationale = "no rule of this clause applies to the product"
			}
		}
		switch cr.Status {
		case Met:
			rep.Summary.Met++
		case NotMet:
			rep.Summary.NotMet++
		case NotApplicable:
			rep.Summary.NotApplicable++
		case Manual:
			rep.Summary.Manual++
		}
		rep.Clauses = append(rep.Clauses, cr)
	}
	return rep
}

// notApplicable returns why a whole clause does not apply, or "".
func notApplicable(cl *Clause, in *Input) string {
	p := in.File.Product
	transitional := p != nil && p.Transitional
	switch {
	case cl.AnnexF && !transitional:
		return "Annex F applies only to transitional health software; the product is not marked transitional"
	case transitional && strings.HasPrefix(cl.ID, "5."):
		return "transitional health software: development activities are covered by the Annex F gap assessment (F.2, F.3)"
	}
	if a := in.Applicability(cl.ID); a != nil && a.Applies == ward.AppliesNo && a.Rationale != "" && a.ApprovedBy != "" {
		return fmt.Sprintf("tailored out: %s (approved by %s)", a.Rationale, a.ApprovedBy)
	}
	return ""
}

func runRule(info *RuleInfo, in *Input) RuleResult {
	var c Check
	switch reg := ward.Regulation(regulationOf(info.AppliesWhen)); {
	case reg != "" && !in.InScope(reg):
		c.NotApplicable("applies only when %s is in the product's regulations", reg)
	default:
		if f, ok := checks[info.ID]; ok {
			f(in, &c)
		} else {
			look := info.LookAt
			if look == "" {
				look = info.Explanation
			}
			c.Manual("needs human judgement: %s", look)
		}
	}
	return c.result(info)
}

// regulationOf maps the catalog's applies_when words to regulations.
func regulationOf(s string) string {
	switch s {
	case "fda":
		return string(ward.RegFDA524B)
	case "mdr", "cra":
		return s
	}
	return s
}

// clauseStatus derives a clause's verdict from its rules: any failure →
// not met; else any rule needing judgement → manual; else met, unless no
// rule applied at all.
func clauseStatus(rules []RuleResult) Status {
	var fail, manual, pass bool
	for _, r := range rules {
		switch r.Status {
		case Fail:
			fail = true
		case RuleManual:
			manual = true
		case Pass:
			pass = true
		}
	}
	switch {
	case fail:
		return NotMet
	case manual:
		return Manual
	case pass:
		return Met
	case len(rules) == 0:
		return Manual
	}
	return NotApplicable
}
