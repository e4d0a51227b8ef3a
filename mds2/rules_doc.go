package mds2

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward"
)

// fieldRules fill the header fields DOC-1 to DOC-7 with text from the
// security file; an empty value comes with a note naming the missing record.
var fieldRules = map[string]func(f *facts) (string, result){
	"field_manufacturer": func(f *facts) (string, result) {
		return productField(f, "manufacturer", func(p *ward.Product) string { return p.Manufacturer })
	},
	"field_description": func(f *facts) (string, result) {
		return productField(f, "description", func(p *ward.Product) string { return p.Description })
	},
	"field_model": func(f *facts) (string, result) {
		return productField(f, "name", func(p *ward.Product) string { return p.Name })
	},
	"field_document_id": func(f *facts) (string, result) {
		docs := f.docsOf("mds2")
		if len(docs) == 0 {
			if f.version == "" {
				return "", unknown(f.releaseMissing())
			}
			return "", unknown(fmt.Sprintf("no document of kind mds2 linked to release %s", f.version))
		}
		d := docs[0]
		return d.ID + " version " + d.Version, yes(fmt.Sprintf("documents[%s] (kind mds2): %s", d.ID, d.Title), d.ID)
	},
	"field_contact": func(f *facts) (string, result) {
		if f.sf.Disclosure == nil || f.sf.Disclosure.Contact == "" {
			return "", unknown("disclosure.contact is not set")
		}
		return f.sf.Disclosure.Contact, yes("disclosure.contact", "disclosure")
	},
	"field_intended_use": func(f *facts) (string, result) {
		v, r := productField(f, "intended_use", func(p *ward.Product) string { return p.IntendedUse })
		if v != "" && f.ctx.NetworkLocation != "" {
			v += " Network location: " + strings.TrimSpace(f.ctx.NetworkLocation)
			r = yes("product.intended_use and context.network_location", "product", "context")
		}
		return v, r
	},
	// field_date is filled by Form.SetDate: the release date or a given date.
	"field_date": func(f *facts) (string, result) { return "", result{} },
}

func productField(f *facts, key string, get func(*ward.Product) string) (string, result) {
	if f.sf.Product == nil {
		return "", unknown("product is not set")
	}
	v := strings.TrimSpace(get(f.sf.Product))
	if v == "" {
		return "", unknown("product." + key + " is not set")
	}
	return v, yes("product."+key, "product")
}

var docRules = map[string]rule{
	"doc_cvd": {
		desc: "Yes when disclosure names a security contact (the policy of 4.1.7); unknown when disclosure is not set.",
		fn: func(f *facts, q *Question) result {
			d := f.sf.Disclosure
			if d == nil || d.Contact == "" {
				return unknown("disclosure is not set (disclosure.contact, disclosure.policy_url)")
			}
			note := "disclosure: contact " + d.Contact
			if d.PolicyURL != "" {
				note += ", policy " + d.PolicyURL
			}
			if d.AckDays > 0 {
				note += fmt.Sprintf(", reports acknowledged within %d days", d.AckDays)
			}
			return yes(note, "disclosure", d.Document)
		},
	},
	"doc_isao": {
		desc: "Yes when product.isao names an ISAO; unknown when it is empty (the file does not say the manufacturer is in none).",
		fn: func(f *facts, q *Question) result {
			if f.sf.Product == nil || strings.TrimSpace(f.sf.Product.ISAO) == "" {
				return unknown("product.isao is not set")
			}
			return yes("product.isao: "+f.sf.Product.ISAO, "product.isao")
		},
	},
	"doc_diagram": {
		desc: "Yes when the architecture holds a data-flow model (elements and flows) ward can draw; documents linked to the release that cover " +
			"network_diagrams are named too. Unknown without a model.",
		fn: func(f *facts, q *Question) result {
			a := f.arch
			if len(a.Elements) == 0 || len(a.Flows) == 0 {
				return unknown("architecture.elements or architecture.flows is empty: there is no data-flow model")
			}
			note := fmt.Sprintf("architecture %s is a data-flow model of %s, %s and %s (ward check --format html draws it)",
				a.Version, plural(len(a.Elements), "element", "elements"), plural(len(a.Flows), "flow", "flows"),
				plural(len(a.Boundaries), "trust boundary", "trust boundaries"))
			src := []string{"architecture"}
			if docs := f.docsCovering("network_diagrams"); len(docs) > 0 {
				note += "; " + describeDocs(docs) + " covers network_diagrams"
				src = append(src, ids(docs)...)
			}
			return yes(note, src...)
		},
	},
	"doc_samd": {
		desc: "N/A for product.kind non_device; otherwise yes when no interface is of a hardware kind or exposed physically (software only), no when one is.",
		fn: func(f *facts, q *Question) result {
			if f.sf.Product != nil && f.sf.Product.Kind == ward.ProductNonDevice {
				return na("product.kind is non_device: not a medical device", "product")
			}
			_, r := f.softwareOnly()
			return r
		},
	},
	"samd_own_os": {
		desc: "Yes when a software item of origin operating_system is not of category required (the product brings it); no when there is none.",
		fn: func(f *facts, q *Question) result {
			own, _ := f.osItems()
			if len(own) > 0 {
				return yes("operating system shipped with the product: "+describeItems(f, own), ids(own)...)
			}
			return no("no software item of origin operating_system outside category required")
		},
	},
	"samd_operator_os": {
		desc: "Yes when a software item of origin operating_system has category required (the owner/operator provides it); no when every OS item is the manufacturer's; unknown without OS items.",
		fn: func(f *facts, q *Question) result {
			own, operator := f.osItems()
			switch {
			case len(operator) > 0:
				return yes("operating system the owner/operator provides: "+describeItems(f, operator), ids(operator)...)
			case len(own) > 0:
				return no("every operating system is shipped by the manufacturer: "+describeItems(f, own), ids(own)...)
			}
			return unknown("no software item of origin operating_system: components do not say which operating system the product runs on")
		},
	},
	"samd_hosted_by_manufacturer": {
		desc: "Yes when a process element sits in a trust boundary of kind cloud or manufacturer (or inside one); no when every process element's boundary is known and none is.",
		fn: func(f *facts, q *Question) result {
			return f.hostedIn("cloud", "manufacturer")
		},
	},
	"samd_hosted_by_customer": {
		desc: "Yes when a process element sits in a trust boundary of kind hospital or home (or inside one); no when every process element's boundary is known and none is.",
		fn: func(f *facts, q *Question) result {
			return f.hostedIn("hospital", "home")
		},
	},
	"software_only": {
		desc: "Yes when no interface in context.interfaces is of a hardware kind (wifi, ble, cellular, usb, serial, jtag, removable_media) or exposed physically; no otherwise.",
		fn: func(f *facts, q *Question) result {
			_, r := f.softwareOnly()
			return r
		},
	},
	"other_considerations": {
		desc: "Yes with the measures the HDO must provide (context.hdo_responsibilities) and the residual-risk documents linked to the release; unknown when there are neither.",
		fn: func(f *facts, q *Question) result {
			var parts, src []string
			if n := len(f.ctx.HDOResponsibilities); n > 0 {
				parts = append(parts, plural(n, "measure", "measures")+" the HDO must provide (context.hdo_responsibilities)")
				src = append(src, "context.hdo_responsibilities")
			}
			if docs := f.docsOf("residual_risk"); len(docs) > 0 {
				parts = append(parts, "residual risks in "+describeDocs(docs))
				src = append(src, ids(docs)...)
			}
			if len(parts) == 0 {
				return unknown(fmt.Sprintf("context.hdo_responsibilities is empty and no document of kind residual_risk is linked to release %s", f.version))
			}
			return yes(strings.Join(parts, "; "), src...)
		},
	},
}

// category returns the risk-transfer category of an item (4.3), with the
// product's aliases resolved: maintained, supported or required.
func (f *facts) category(it *ward.SoftwareItem) string {
	if f.sf.Product != nil {
		if c, ok := f.sf.Product.CategoryAliases[it.Category]; ok {
			return c
		}
	}
	return it.Category
}

// osItems splits the items of origin operating_system into those the
// product brings and those the operator provides (category required).
func (f *facts) osItems() (own, operator []*ward.SoftwareItem) {
	for _, it := range f.sf.Components {
		if it.Origin != "operating_system" {
			continue
		}
		if f.category(it) == "required" {
			operator = append(operator, it)
		} else {
			own = append(own, it)
		}
	}
	return own, operator
}

func describeItems(f *facts, items []*ward.SoftwareItem) string {
	var names []string
	for _, it := range items {
		names = append(names, fmt.Sprintf("%s (%s %s, %s)", it.ID, it.Name, it.Version, f.category(it)))
	}
	return list(names, 5)
}

// boundaryKinds returns the kinds of boundary id and of its parents.
func (f *facts) boundaryKinds(id string) []string {
	var out []string
	seen := map[string]bool{}
	for id != "" && !seen[id] {
		seen[id] = true
		var b *ward.Boundary
		for _, x := range f.arch.Boundaries {
			if x.ID == id {
				b = x
			}
		}
		if b == nil {
			break
		}
		if b.Kind != "" {
			out = append(out, b.Kind)
		}
		id = b.Parent
	}
	return out
}

func (f *facts) hostedIn(kinds ...string) result {
	procs := f.elementsOf("process")
	if len(procs) == 0 {
		return unknown("architecture.elements has no process")
	}
	var in, unplaced []string
	for _, e := range procs {
		bk := f.boundaryKinds(e.Boundary)
		if len(bk) == 0 {
			unplaced = append(unplaced, e.ID)
		}
		for _, k := range bk {
			if contains(kinds, k) {
				in = append(in, e.ID)
				break
			}
		}
	}
	where := "a trust boundary of kind " + strings.Join(kinds, " or ")
	switch {
	case len(in) > 0:
		return yes(list(in, 5)+" run in "+where, in...)
	case len(unplaced) > 0:
		return unknown(fmt.Sprintf("no process runs in %s, but the boundary of %s is not set or has no kind (architecture.elements[%s].boundary)",
			where, list(unplaced, 3), unplaced[0]), unplaced...)
	}
	return no("no process element runs in " + where)
}
