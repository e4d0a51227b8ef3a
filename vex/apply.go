package vex

import (
	"cmp"
	"strings"

	"github.com/wardhq/ward"
)

// Scope is what Apply knows about the product that was scanned.
type Scope struct {
	// Product names the scanned product: a purl (with version, so that
	// statements limited to product versions can be checked), a CPE or a
	// name, e.g. ward's product ID. Empty when unknown.
	Product string
	// SBOM is the SBOM the findings were computed from; may be nil. Its
	// Subject is the product; its ID (serialNumber) lets BOM-Links be
	// resolved, its Source lets bom-refs of a VEX embedded in that same
	// file be matched.
	SBOM *ward.SBOM
}

// Apply is ApplyScope with only the product name known.
func Apply(findings []ward.Finding, stmts []ward.VEXStatement, product string) []ward.Finding {
	return ApplyScope(findings, stmts, Scope{Product: product})
}

// ApplyScope returns a copy of findings in which each Finding.VEX is the
// statement that decides it, or is left as it was when no statement
// applies (a decision already made, e.g. from the security file, stays
// unless a statement here is newer). findings and stmts are not modified.
//
// A statement applies to a finding only when both hold:
//
//  1. Vulnerability: the statement's vulnerability equals the finding's
//     advisory ID or one of its aliases (case-insensitively). Never by
//     vulnerability alone:
//  2. Target: the statement names the finding's component, or the scanned
//     product as a whole.
//     - With Components (OpenVEX subcomponents, CSAF relationships): one of
//     them identifies the component (see identifies: purl with versionless
//     = every version, CPE, BOM-Link, bom-ref of the same SBOM, vers
//     ranges). The product is context only: VEX producers and ward name
//     the same product differently (OCI digests, vendor CPEs, ward IDs),
//     and the component is named exactly.
//     - With a product only: the product identifies the component itself
//     (as OpenVEX uses products for packages), or it identifies the
//     scanned product (Scope.Product, or Scope.SBOM.Subject) — then the
//     statement covers every finding of that vulnerability in the product.
//     A statement naming another product does not apply.
//
// When several statements apply, the one with the latest Timestamp wins.
// Ties go to the statement naming the component over one naming the whole
// product, then to the more cautious status (affected, under_investigation,
// fixed, not_affected: a conflict never hides a finding), then to the
// smaller Source, then to the earlier statement in stmts.
func ApplyScope(findings []ward.Finding, stmts []ward.VEXStatement, scope Scope) []ward.Finding {
	out := make([]ward.Finding, len(findings))
	copy(out, findings)

	// Index statements by vulnerability so that large VEX files and large
	// scans do not multiply.
	byVuln := map[string][]int{}
	for i, s := range stmts {
		k := strings.ToUpper(strings.TrimSpace(s.Vulnerability))
		if k != "" {
			byVuln[k] = append(byVuln[k], i)
		}
	}
	var subject target
	if scope.SBOM != nil {
		subject = target{c: scope.SBOM.Subject, serial: serialOf(scope.SBOM.ID), file: scope.SBOM.Source}
	}
	for fi := range out {
		f := &out[fi]
		t := subject
		t.c = f.Component
		seen := map[int]bool{}
		best, bestSpec := -1, 0
		if f.VEX != nil {
			bestSpec = 2 // an existing decision competes as a component-level one
		}
		for _, id := range append([]string{f.Advisory}, f.Aliases...) {
			for _, i := range byVuln[strings.ToUpper(strings.TrimSpace(id))] {
				if seen[i] {
					continue
				}
				seen[i] = true
				spec := specificity(&stmts[i], t, subject, scope.Product)
				if spec == 0 {
					continue
				}
				var cur *ward.VEXStatement
				if best >= 0 {
					cur = &stmts[best]
				} else {
					cur = f.VEX
				}
				if cur == nil || better(&stmts[i], spec, cur, bestSpec) {
					best, bestSpec = i, spec
				}
			}
		}
		if best >= 0 {
			s := stmts[best]
			s.Components = append([]string(nil), s.Components...)
			f.VEX = &s
		}
	}
	return out
}

// specificity is 2 when s names the finding's component, 1 when it names
// the scanned product as a whole, 0 when it does not apply.
func specificity(s *ward.VEXStatement, comp, subject target, product string) int {
	if len(s.Components) > 0 {
		for _, c := range s.Components {
			if identifies(c, comp, s.Source) {
				return 2
			}
		}
		return 0
	}
	switch {
	case s.Product == "":
		return 0
	case identifies(s.Product, comp, s.Source):
		return 2
	case identifies(s.Product, subject, s.Source) || namesProduct(s.Product, product):
		return 1
	}
	return 0
}

// namesProduct reports whether a statement's product identifier names the
// product the caller scanned: purls by purlMatch (a purl given with a
// version is checked against vers ranges), anything else by
// case-insensitive equality.
func namesProduct(id, product string) bool {
	if product == "" {
		return false
	}
	base, vers := splitVers(id)
	if kindOf(product) == idPURL {
		c := &ward.Component{PURL: product, Version: purlVersion(product)}
		return identifies(id, target{c: c}, "")
	}
	if kindOf(product) == idCPE {
		return identifies(id, target{c: &ward.Component{CPE: product}}, "")
	}
	return vers == "" && strings.EqualFold(base, product)
}

// statusCaution orders statuses from the most to the least cautious.
func statusCaution(s ward.VEXStatus) int {
	switch s {
	case ward.VEXAffected:
		return 0
	case ward.VEXUnderInvestigation:
		return 1
	case ward.VEXFixed:
		return 2
	case ward.VEXNotAffected:
		return 3
	}
	return 4
}

// better reports whether a (of specificity as) wins over b (bs). Equal
// statements keep b, the earlier one.
func better(a *ward.VEXStatement, as int, b *ward.VEXStatement, bs int) bool {
	c := cmp.Or(
		a.Timestamp.Compare(b.Timestamp),
		cmp.Compare(as, bs),
		-cmp.Compare(statusCaution(a.Status), statusCaution(b.Status)),
		-strings.Compare(a.Source, b.Source),
	)
	return c > 0
}
