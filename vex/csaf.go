package vex

import (
	"slices"
	"strings"
	"time"

	"github.com/wardhq/ward"
)

type csafDocument struct {
	Document struct {
		Category    string `json:"category"`
		CSAFVersion string `json:"csaf_version"`
		Publisher   struct {
			Name string `json:"name"`
		} `json:"publisher"`
		Tracking struct {
			CurrentReleaseDate string `json:"current_release_date"`
			InitialReleaseDate string `json:"initial_release_date"`
		} `json:"tracking"`
	} `json:"document"`
	ProductTree struct {
		Branches         []csafBranch  `json:"branches"`
		FullProductNames []csafProduct `json:"full_product_names"`
		Relationships    []struct {
			Category                  string      `json:"category"`
			FullProductName           csafProduct `json:"full_product_name"`
			ProductReference          string      `json:"product_reference"`
			RelatesToProductReference string      `json:"relates_to_product_reference"`
		} `json:"relationships"`
		ProductGroups []struct {
			GroupID    string   `json:"group_id"`
			ProductIDs []string `json:"product_ids"`
		} `json:"product_groups"`
	} `json:"product_tree"`
	Vulnerabilities []csafVulnerability `json:"vulnerabilities"`
}

type csafBranch struct {
	Category string       `json:"category"`
	Name     string       `json:"name"`
	Product  *csafProduct `json:"product"`
	Branches []csafBranch `json:"branches"`
}

type csafProduct struct {
	Name      string `json:"name"`
	ProductID string `json:"product_id"`
	Helper    *struct {
		PURL string `json:"purl"`
		CPE  string `json:"cpe"`
	} `json:"product_identification_helper"`
}

// csafScoped is a flag, threat or remediation: it applies to products
// listed directly or through product groups.
type csafScoped struct {
	Category   string   `json:"category"`
	Label      string   `json:"label"`
	Details    string   `json:"details"`
	ProductIDs []string `json:"product_ids"`
	GroupIDs   []string `json:"group_ids"`
}

type csafVulnerability struct {
	CVE string `json:"cve"`
	IDs []struct {
		Text string `json:"text"`
	} `json:"ids"`
	ProductStatus map[string][]string `json:"product_status"`
	Flags         []csafScoped        `json:"flags"`
	Threats       []csafScoped        `json:"threats"`
	Remediations  []csafScoped        `json:"remediations"`
}

// csafStatuses maps product_status lists to VEX statuses, in the order
// statements are emitted. "recommended" names the versions a vendor
// advises, which says nothing about being affected, so it yields none.
var csafStatuses = []struct {
	list   string
	status ward.VEXStatus
}{
	{"known_not_affected", ward.VEXNotAffected},
	{"known_affected", ward.VEXAffected},
	{"first_affected", ward.VEXAffected},
	{"last_affected", ward.VEXAffected},
	{"fixed", ward.VEXFixed},
	{"first_fixed", ward.VEXFixed},
	{"under_investigation", ward.VEXUnderInvestigation},
}

// csafTarget is what a CSAF product ID stands for.
type csafTarget struct {
	product   string // purl, CPE or name of the product
	component string // for relationships: the component inside product
}

// parseCSAF reads the vulnerabilities of a CSAF 2.0 document — the csaf_vex
// profile, and any other profile's product_status, which means the same —
// into one statement per (vulnerability, status, product ID).
//
// A product is stated by its product_identification_helper purl, else its
// CPE, else its name. A relationship product ("component X
// default_component_of product P", and likewise installed_on, …) becomes a
// statement about component X within product P. flags[].label gives the
// justification, threats[category=impact].details the impact statement,
// remediations[].details the action statement, each for the products and
// product groups they list. Statements carry the document's
// current_release_date and its publisher as author.
//
// Product IDs used but not defined in product_tree are kept as they are:
// such statements name a product no SBOM identifies, so they never apply,
// but they stay visible. Vulnerabilities with neither cve nor ids name
// nothing to match and yield no statement.
func parseCSAF(d *doc) ([]ward.VEXStatement, error) {
	var c csafDocument
	if err := decodeJSON(d, &c); err != nil {
		return nil, err
	}
	var when time.Time
	switch tr := c.Document.Tracking; {
	case tr.CurrentReleaseDate != "":
		when = parseTime(d, "document.tracking.current_release_date", tr.CurrentReleaseDate)
	case tr.InitialReleaseDate != "":
		when = parseTime(d, "document.tracking.initial_release_date", tr.InitialReleaseDate)
	}

	targets := map[string]csafTarget{}
	name := func(p csafProduct) string {
		switch {
		case p.Helper != nil && p.Helper.PURL != "":
			return p.Helper.PURL
		case p.Helper != nil && p.Helper.CPE != "":
			return p.Helper.CPE
		case p.Name != "":
			return p.Name
		}
		return p.ProductID
	}
	add := func(p csafProduct) {
		if p.ProductID != "" {
			targets[p.ProductID] = csafTarget{product: name(p)}
		}
	}
	var walk func(bs []csafBranch, depth int)
	walk = func(bs []csafBranch, depth int) {
		if depth > 64 { // CSAF trees are a few levels deep; this bounds hostile input
			return
		}
		for _, b := range bs {
			if b.Product != nil {
				add(*b.Product)
			}
			walk(b.Branches, depth+1)
		}
	}
	walk(c.ProductTree.Branches, 0)
	for _, p := range c.ProductTree.FullProductNames {
		add(p)
	}
	lookup := func(id string) csafTarget {
		if t, ok := targets[id]; ok {
			return t
		}
		return csafTarget{product: id}
	}
	for _, r := range c.ProductTree.Relationships {
		if r.FullProductName.ProductID == "" {
			continue
		}
		comp, prod := lookup(r.ProductReference), lookup(r.RelatesToProductReference)
		targets[r.FullProductName.ProductID] = csafTarget{product: prod.product, component: comp.product}
	}
	groups := map[string][]string{}
	for _, g := range c.ProductTree.ProductGroups {
		groups[g.GroupID] = g.ProductIDs
	}
	scoped := func(s csafScoped, id string) bool {
		if slices.Contains(s.ProductIDs, id) {
			return true
		}
		for _, g := range s.GroupIDs {
			if slices.Contains(groups[g], id) {
				return true
			}
		}
		return false
	}

	var out []ward.VEXStatement
	for i, v := range c.Vulnerabilities {
		path := idx("vulnerabilities", i)
		vuln := v.CVE
		if vuln == "" && len(v.IDs) > 0 {
			vuln = v.IDs[0].Text
		}
		if vuln == "" {
			continue
		}
		for _, s := range csafStatuses {
			for j, id := range v.ProductStatus[s.list] {
				t := lookup(id)
				st := ward.VEXStatement{
					Vulnerability: vuln,
					Product:       t.product,
					Status:        s.status,
					Timestamp:     when,
					Author:        c.Document.Publisher.Name,
					Source:        source(d, idx(path+".product_status."+s.list, j)),
				}
				if t.component != "" {
					st.Components = []string{t.component}
				}
				for k, f := range v.Flags {
					if f.Label == "" || !scoped(f, id) {
						continue
					}
					var jj ward.VEXJustification
					if err := jj.UnmarshalText([]byte(f.Label)); err != nil {
						d.errorf(idx(path+".flags", k)+".label", "want one of "+joinValues(jj.Values()), "unknown flag label %q", f.Label)
						continue
					}
					if s.status == ward.VEXNotAffected {
						st.Justification = jj
					}
				}
				for _, t := range v.Threats {
					if t.Category == "impact" && scoped(t, id) {
						st.ImpactStatement = joinText(st.ImpactStatement, t.Details)
					}
				}
				for _, r := range v.Remediations {
					if scoped(r, id) {
						st.ActionStatement = joinText(st.ActionStatement, r.Details)
					}
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

func joinValues(vs []string) string { return strings.Join(vs, ", ") }
