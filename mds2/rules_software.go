package mds2

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward"
)

// Software-item classes of the CSUP section (questions.yaml scope).
const (
	scopeOS          = "os"            // items of origin operating_system
	scopeFirmware    = "firmware"      // items matched to SBOM components of type firmware or device-driver
	scopeAntiMalware = "anti_malware"  // items whose name is an anti-malware product (the question's terms)
	scopeOffTheShelf = "off_the_shelf" // items of origin commercial or open_source, not firmware
	scopeOwn         = "own"           // items of origin in_house, not firmware
)

var scopeNames = map[string]string{
	scopeOS:          "operating system",
	scopeFirmware:    "firmware or driver",
	scopeAntiMalware: "anti-malware software",
	scopeOffTheShelf: "off-the-shelf component",
	scopeOwn:         "software of the manufacturer's own",
}

// classItems returns the items of q's scope. ok is false when the data
// cannot tell (then r says why).
func (f *facts) classItems(q *Question) (items []*ward.SoftwareItem, ok bool, r result) {
	firmware, fwKnown := f.firmwareItems()
	isFW := func(it *ward.SoftwareItem) bool { return contains(ids(firmware), it.ID) }
	switch q.Scope {
	case scopeOS:
		for _, it := range f.sf.Components {
			if it.Origin == "operating_system" {
				items = append(items, it)
			}
		}
	case scopeFirmware:
		if !fwKnown {
			return nil, false, unknown(fmt.Sprintf("firmware is told by the SBOM component type, and no SBOM of release %s was read", f.version))
		}
		items = firmware
	case scopeAntiMalware:
		for _, it := range f.sf.Components {
			for _, t := range q.Terms {
				if _, hit := findTerm(it.Name, t); hit {
					items = append(items, it)
					break
				}
			}
		}
		if len(items) == 0 {
			return nil, false, unknown(fmt.Sprintf("no software item is named as anti-malware software (looked for %s in components[].name); software items record no such class", quoteAll(q.Terms)))
		}
	case scopeOffTheShelf:
		for _, it := range f.sf.Components {
			if (it.Origin == "commercial" || it.Origin == "open_source") && !isFW(it) {
				items = append(items, it)
			}
		}
	case scopeOwn:
		for _, it := range f.sf.Components {
			if it.Origin == "in_house" && !isFW(it) {
				items = append(items, it)
			}
		}
	}
	return items, true, result{}
}

// firmwareItems are the items matched (by purl without version, else by
// name) to components of type firmware or device-driver in the release's
// SBOMs. known is false when no SBOM of the release was read.
func (f *facts) firmwareItems() (items []*ward.SoftwareItem, known bool) {
	for _, s := range f.relSBOMs {
		if s.SBOM == nil {
			continue
		}
		known = true
		for _, c := range s.SBOM.Components {
			if c.Type != "firmware" && c.Type != "device-driver" {
				continue
			}
			for _, it := range f.sf.Components {
				if (it.PURL != "" && purlBase(it.PURL) == purlBase(c.PURL)) || strings.EqualFold(it.Name, c.Name) {
					if !contains(ids(items), it.ID) {
						items = append(items, it)
					}
				}
			}
		}
	}
	return items, known
}

func purlBase(p string) string {
	if i := strings.IndexAny(p, "@?#"); i >= 0 {
		return p[:i]
	}
	return p
}

// updateFlows are the flows of purpose update that carry an item: the
// flow's components, or when it names none, those of the element it updates.
func (f *facts) updateFlows(it *ward.SoftwareItem) []*ward.Flow {
	return f.flowsWhere(func(fl *ward.Flow) bool {
		if fl.Purpose != "update" {
			return false
		}
		comps := fl.Components
		if len(comps) == 0 {
			if e := f.elements[fl.To]; e != nil {
				comps = e.Components
			}
		}
		return contains(comps, it.ID)
	})
}

// classRule wraps the rules of the CSUP sub-questions: they answer only
// for a class that the data can tell and that has items.
func classRule(desc string, fn func(f *facts, q *Question, items []*ward.SoftwareItem) result) rule {
	return rule{desc: desc, params: params{scope: true, optionalTerms: true}, fn: func(f *facts, q *Question) result {
		items, ok, r := f.classItems(q)
		switch {
		case !ok:
			return r
		case len(items) == 0:
			return na("no " + scopeNames[q.Scope] + " among the software items")
		}
		return fn(f, q, items)
	}}
}

var softwareRules = map[string]rule{
	"software_items_present": {
		desc: "Yes when components lists software items (every item may need security updates); unknown when it is empty.",
		fn: func(f *facts, q *Question) result {
			if len(f.sf.Components) == 0 {
				return unknown("components is empty")
			}
			by := map[string]int{}
			for _, it := range f.sf.Components {
				by[it.Origin]++
			}
			var parts []string
			for _, o := range []string{"in_house", "open_source", "commercial", "operating_system"} {
				if by[o] > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", by[o], o))
				}
			}
			return yes(fmt.Sprintf("%s: %s", plural(len(f.sf.Components), "software item", "software items"), strings.Join(parts, ", ")), "components")
		},
	},
	"class_present": {
		desc: "Yes when software items of the scope exist (os: origin operating_system; firmware: matched to SBOM components of type firmware; " +
			"anti_malware: named as such; off_the_shelf: origin commercial or open_source; own: origin in_house); no when none; unknown when the data cannot tell.",
		params: params{scope: true, optionalTerms: true},
		fn: func(f *facts, q *Question) result {
			items, ok, r := f.classItems(q)
			switch {
			case !ok:
				return r
			case len(items) == 0:
				return no("no " + scopeNames[q.Scope] + " among the software items (components)")
			}
			return yes(describeItems(f, items), ids(items)...)
		},
	},
	"class_operator_instructions": classRule(
		"Yes when items of the scope have operator_tasks, or a document of kind update_information linked to the release covers them "+
			"(for the manufacturer's own software and firmware, any such document); unknown otherwise.",
		func(f *facts, q *Question, items []*ward.SoftwareItem) result {
			var tasks []string
			for _, it := range items {
				if len(it.OperatorTasks) > 0 {
					tasks = append(tasks, it.ID)
				}
			}
			if len(tasks) > 0 {
				return yes("operator tasks for "+list(tasks, 4)+" (components[].operator_tasks)", tasks...)
			}
			docs := f.docsOf("update_information")
			var covering []*ward.Document
			for _, d := range docs {
				for _, it := range items {
					if contains(d.Covers, it.ID) {
						covering = append(covering, d)
						break
					}
				}
			}
			switch {
			case len(covering) > 0:
				return yes(describeDocs(covering)+" covers "+list(ids(items), 3), ids(covering)...)
			case len(docs) > 0 && (q.Scope == scopeOwn || q.Scope == scopeFirmware || q.Scope == scopeOffTheShelf):
				return yes(describeDocs(docs)+" linked to release "+f.version+": the manufacturer's update instructions", ids(docs)...)
			}
			return unknown(fmt.Sprintf("no item among %s has operator_tasks and no document of kind update_information linked to release %s covers them",
				list(ids(items), 3), f.version), ids(items)...)
		}),
	"class_vendor_installs": classRule(
		"No when every item of the scope has category supported or required (the owner/operator installs the updates); unknown otherwise: "+
			"who installs updates of maintained items is not recorded.",
		func(f *facts, q *Question, items []*ward.SoftwareItem) result {
			var maintained []string
			for _, it := range items {
				if c := f.category(it); c != "supported" && c != "required" {
					maintained = append(maintained, it.ID)
				}
			}
			if len(maintained) == 0 {
				return no("the owner/operator installs the updates: "+describeItems(f, items), ids(items)...)
			}
			return unknown(fmt.Sprintf("not recorded who installs the updates of %s (category maintained; components[] has no installer)", list(maintained, 4)), maintained...)
		}),
	"class_remote_update": classRule(
		"Yes when a flow of purpose update carrying an item of the scope uses a network interface; no when such flows use only physical "+
			"interfaces; unknown when no update flow carries the items.",
		func(f *facts, q *Question, items []*ward.SoftwareItem) result {
			var remote, local []string
			for _, it := range items {
				for _, fl := range f.updateFlows(it) {
					if f.overNetwork(fl) {
						remote = append(remote, fl.ID)
					} else {
						local = append(local, fl.ID)
					}
				}
			}
			remote, local = dedupe(remote), dedupe(local)
			switch {
			case len(remote) > 0:
				return yes("updates over the network: "+f.describeFlows(f.flowsByID(remote), 3), remote...)
			case len(local) > 0:
				return no("updates only on site: "+f.describeFlows(f.flowsByID(local), 3), local...)
			}
			return unknown(fmt.Sprintf("no flow of purpose update carries %s (architecture.flows[].components)", list(ids(items), 3)), ids(items)...)
		}),
	"class_unapproved_updates": classRule(
		"N/A for the manufacturer's own software; yes when an item has category required (the owner/operator maintains it); no when the "+
			"manufacturer delivers or qualifies every item's updates (maintained, supported).",
		func(f *facts, q *Question, items []*ward.SoftwareItem) result {
			if q.Scope == scopeOwn {
				return na("the manufacturer's own software has no third-party updates")
			}
			var req, other []*ward.SoftwareItem
			for _, it := range items {
				if f.category(it) == "required" {
					req = append(req, it)
				} else {
					other = append(other, it)
				}
			}
			if len(req) > 0 {
				note := "the owner/operator maintains " + describeItems(f, req)
				if len(other) > 0 {
					note += "; updates of " + list(ids(other), 3) + " come through the manufacturer"
				}
				return yes(note, ids(items)...)
			}
			return no("updates come through the manufacturer: "+describeItems(f, other), ids(items)...)
		}),
	"update_notification": {
		desc: "Yes when a security update was notified to customers (security_updates[].notified_at or notice), a document of kind update_information is linked to the release, " +
			"or maintenance.plan_elements has customer_communication; unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			var parts, src []string
			for _, u := range f.sf.Updates {
				if !u.NotifiedAt.IsZero() || u.Notice != "" {
					parts = append(parts, fmt.Sprintf("%s notified %s", u.ID, orNotSet(u.NotifiedAt.String())))
					src = append(src, u.ID, u.Notice)
				}
			}
			if docs := f.docsOf("update_information"); len(docs) > 0 {
				parts = append(parts, describeDocs(docs))
				src = append(src, ids(docs)...)
			}
			if m := f.sf.Maintenance; m != nil && contains(m.PlanElements, "customer_communication") {
				parts = append(parts, "maintenance plan covers customer_communication")
				src = append(src, "maintenance")
			}
			if len(parts) == 0 {
				return unknown("no security update was notified (security_updates[].notified_at), no update_information document is linked to release " +
					f.version + " and maintenance.plan_elements lacks customer_communication")
			}
			return yes(list(parts, 4), src...)
		},
	},
	"approved_third_party": {
		desc: "Yes when software items have category supported (third-party software the manufacturer qualifies for the owner/operator to install); unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			var sup []*ward.SoftwareItem
			for _, it := range f.sf.Components {
				if f.category(it) == "supported" {
					sup = append(sup, it)
				}
			}
			if len(sup) == 0 {
				return unknown("no item of components has category supported (qualified by the manufacturer, installed by the owner/operator)")
			}
			return yes("qualified by the manufacturer: "+describeItems(f, sup), ids(sup)...)
		},
	},
	"operator_installs_third_party": {
		desc: "Yes when a third-party item of category supported or required has operator_tasks; unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			var it []*ward.SoftwareItem
			for _, x := range f.sf.Components {
				if c := f.category(x); (c == "supported" || c == "required") && x.Origin != "in_house" && len(x.OperatorTasks) > 0 {
					it = append(it, x)
				}
			}
			if len(it) == 0 {
				return unknown("no third-party item of category supported or required has components[].operator_tasks")
			}
			return yes("the owner/operator installs "+describeItems(f, it)+" (components[].operator_tasks)", ids(it)...)
		},
	},
	"only_signed_software": {
		desc: "Yes when a requirement of category integrity demands signed software at boot or installation, or context.hardware_security names secure boot; unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			if hits := f.signedSoftware(); len(hits) > 0 {
				return yes(hitsNote(hits), hitSources(hits)...)
			}
			return unknown("no requirement of category integrity demands signed software and context.hardware_security names no secure boot")
		},
	},
	"vulnerability_process": {
		desc: "Yes when maintenance names monitoring sources (the maintenance plan of 6.1, 6.2); unknown when maintenance is not set.",
		fn: func(f *facts, q *Question) result {
			m := f.sf.Maintenance
			if m == nil || len(m.MonitoringSources) == 0 {
				return unknown("maintenance.monitoring_sources is not set")
			}
			note := fmt.Sprintf("maintenance plan: monitoring of %s", list(m.MonitoringSources, 5))
			if m.MonitoringInterval > 0 {
				note += fmt.Sprintf(" every %d days", m.MonitoringInterval)
			}
			if n := len(f.sf.Monitoring); n > 0 {
				note += fmt.Sprintf("; %s logged", plural(n, "monitoring run", "monitoring runs"))
			}
			return yes(note, "maintenance", m.Document)
		},
	},
	"update_cycle": {
		desc: "Yes when maintenance.regular_cycle is set; unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			if f.sf.Maintenance == nil || f.sf.Maintenance.RegularCycle == "" {
				return unknown("maintenance.regular_cycle is not set")
			}
			return yes("maintenance.regular_cycle: "+f.sf.Maintenance.RegularCycle, "maintenance")
		},
	},
	"hosts_executables": {
		desc: "Yes when a software item has origin operating_system (a general-purpose OS can run other programs); unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			own, operator := f.osItems()
			all := append(own, operator...)
			if len(all) == 0 {
				return unknown("no software item of origin operating_system: components do not say whether the product runs a general-purpose operating system")
			}
			return yes("general-purpose operating system: "+describeItems(f, all), ids(all)...)
		},
	},
	"malware_compensating": {
		desc: "N/A when anti-malware is supported (MLDP-2 yes); otherwise yes when only signed software runs (see CSUP-10.1) or elements are hardened; unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			if r := f.answers["MLDP-2"]; r != nil && r.Value == Yes {
				return na("MLDP-2 is yes: anti-malware is supported")
			}
			if hits := f.signedSoftware(); len(hits) > 0 {
				return yes("only signed software runs: "+hitsNote(hits), hitSources(hits)...)
			}
			return unknown("no record of controls that stand in for anti-malware (signed software, secure boot)")
		},
	},
	"secure_development_process": {
		desc: "Yes when process_docs lists procedures implementing IEC 81001-5-1 clauses (with conformance documents linked to the release); unknown when it is empty.",
		fn: func(f *facts, q *Question) result {
			if len(f.sf.ProcessDocs) == 0 {
				return unknown("process_docs is empty")
			}
			var pids []string
			clauses := map[string]bool{}
			for _, p := range f.sf.ProcessDocs {
				pids = append(pids, p.ID)
				for _, c := range p.Clauses {
					clauses[c] = true
				}
			}
			note := fmt.Sprintf("IEC 81001-5-1 process: %s implementing %s (%s)", plural(len(pids), "procedure", "procedures"),
				plural(len(clauses), "clause", "clauses"), list(pids, 3))
			src := pids
			if docs := f.docsOf("conformance"); len(docs) > 0 {
				note += "; conformance statement " + describeDocs(docs)
				src = append(src, ids(docs)...)
			}
			return yes(note, src...)
		},
	},
	"supplier_evaluation": {
		desc: "Yes when suppliers of third-party items have evaluations; the note names suppliers without. No when none has; n/a without third-party items.",
		fn: func(f *facts, q *Question) result {
			sup := map[string]*ward.Supplier{}
			for _, s := range f.sf.Suppliers {
				sup[s.ID] = s
			}
			var evaluated, not, noSupplier []string
			seen := map[string]bool{}
			third := 0
			for _, it := range f.sf.Components {
				if it.Origin == "in_house" {
					continue
				}
				third++
				if it.Supplier == "" {
					noSupplier = append(noSupplier, it.ID)
					continue
				}
				if seen[it.Supplier] {
					continue
				}
				seen[it.Supplier] = true
				if s := sup[it.Supplier]; s != nil && len(s.Evaluations) > 0 {
					evaluated = append(evaluated, it.Supplier)
				} else {
					not = append(not, it.Supplier)
				}
			}
			if third == 0 {
				return na("no third-party software item in components")
			}
			if len(evaluated) == 0 {
				return no("no supplier of a third-party item has an evaluation (suppliers[].evaluations)", not...)
			}
			note := fmt.Sprintf("%s of %d evaluated (suppliers[].evaluations)", plural(len(evaluated), "supplier", "suppliers"), len(evaluated)+len(not))
			if len(not) > 0 {
				note += "; not evaluated: " + list(not, 4)
			}
			if len(noSupplier) > 0 {
				note += "; items without supplier: " + list(noSupplier, 4)
			}
			return yes(note, append(evaluated, not...)...)
		},
	},
	"support_dates_published": {
		desc: "Yes when product.support_end is set and a document linked to the release covers end_of_support; unknown otherwise, naming what is missing.",
		fn: func(f *facts, q *Question) result {
			if f.sf.Product == nil || f.sf.Product.SupportEnd.IsZero() {
				return unknown("product.support_end is not set")
			}
			end := f.sf.Product.SupportEnd.String()
			docs := f.docsCovering("end_of_support")
			if len(docs) == 0 {
				return unknown(fmt.Sprintf("product.support_end is %s, but no document linked to release %s covers end_of_support", end, f.version), "product")
			}
			return yes(fmt.Sprintf("support until %s (product.support_end), published in %s", end, describeDocs(docs)), append([]string{"product"}, ids(docs)...)...)
		},
	},
	"eol_plan": {
		desc: "Yes when every third-party item no longer maintained or abandoned has a replacement_plan; no, naming them, when one lacks it; " +
			"unknown when no item is out of support and none has a plan. The note names items with neither end_of_support nor eos_rationale.",
		fn: func(f *facts, q *Question) result {
			var planned, unplanned, undated []string
			for _, it := range f.sf.Components {
				if it.Origin == "in_house" {
					continue
				}
				if it.EndOfSupport == "" && it.EOSRationale == "" {
					undated = append(undated, it.ID)
				}
				out := it.SupportLevel == "no_longer_maintained" || it.SupportLevel == "abandoned"
				switch {
				case it.ReplacementPlan != "":
					planned = append(planned, it.ID)
				case out:
					unplanned = append(unplanned, it.ID)
				}
			}
			tail := ""
			if len(undated) > 0 {
				tail = "; neither end_of_support nor eos_rationale for " + list(undated, 4)
			}
			switch {
			case len(unplanned) > 0:
				return no("out of support without replacement_plan: "+list(unplanned, 4)+tail, append(unplanned, undated...)...)
			case len(planned) > 0:
				return yes("replacement plans for "+list(planned, 5)+tail, append(planned, undated...)...)
			}
			return unknown("no third-party item is marked out of support and none has a replacement_plan (components[].support_level, replacement_plan)"+tail, undated...)
		},
	},
}

// signedSoftware finds records that demand signed software at boot or
// installation.
func (f *facts) signedSoftware() []hit {
	var hits []hit
	for _, r := range f.sf.Requirements {
		if r.Category != "integrity" {
			continue
		}
		text := r.Title + ". " + r.Text
		_, signed := findTerm(text, "sign*")
		for _, t := range []string{"boot*", "install*", "deploy*"} {
			if w, ok := findTerm(text, t); ok && signed {
				hits = append(hits, hit{textRec{r.ID, "requirements[" + r.ID + "]", text}, w})
				break
			}
		}
	}
	for _, s := range f.ctx.HardwareSecurity {
		if w, ok := findTerm(s, "secure boot"); ok {
			hits = append(hits, hit{textRec{"context.hardware_security", "context.hardware_security", s}, w})
		}
	}
	return hits
}

func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		if !contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func (f *facts) flowsByID(idList []string) []*ward.Flow {
	return f.flowsWhere(func(fl *ward.Flow) bool { return contains(idList, fl.ID) })
}
