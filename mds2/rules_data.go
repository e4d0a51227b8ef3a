package mds2

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wardhq/ward"
)

// dbTerms name database engines in an element's tech tags or name.
var dbTerms = []string{"database", "postgres*", "mysql", "mariadb", "sqlite*", "mongodb", "oracle", "mssql", "sql server",
	"redis", "dynamodb", "cassandra", "couchdb", "influxdb", "rds", "aws-rds"}

func isDatabase(e *ward.Element) (string, bool) {
	for _, text := range append(slices.Clone(e.Tech), e.Name) {
		for _, t := range dbTerms {
			if w, ok := findTerm(text, t); ok {
				return w, true
			}
		}
	}
	return "", false
}

func describeStores(f *facts, stores []*ward.Element, personalOnly bool) string {
	var names []string
	for _, e := range stores {
		data := e.Stores
		if personalOnly {
			data = f.personalOf(e.Stores)
		}
		names = append(names, fmt.Sprintf("%s keeps %s", e.ID, strings.Join(data, ", ")))
	}
	return list(names, 4)
}

// personalFlows are the flows that carry personal data.
func (f *facts) personalFlows() []*ward.Flow {
	return f.flowsWhere(func(fl *ward.Flow) bool { return len(f.personalOf(fl.Data)) > 0 })
}

var dataRules = map[string]rule{
	"personal_data_handled": {
		desc: "Yes when context.data has items classified phi or pii or marked personal_health_data; no when it has data but none of these.",
		fn: func(f *facts, q *Question) result {
			if len(f.ctx.Data) == 0 {
				return unknown("context.data is empty")
			}
			pd := f.personalData()
			if len(pd) == 0 {
				return no("no item of context.data is classified phi or pii or marked personal_health_data")
			}
			return yes(fmt.Sprintf("personal data: %s; on %s and in %s", list(pd, 6),
				plural(len(f.personalInterfaces()), "interface", "interfaces"), plural(len(f.personalStores()), "data store", "data stores")), pd...)
		},
	},
	"personal_data_kept": {
		desc: "Yes when a data store keeps personal data, or a flow brings personal data to a process (which then holds it); no otherwise.",
		fn: func(f *facts, q *Question) result {
			if st := f.personalStores(); len(st) > 0 {
				return yes(describeStores(f, st, true), ids(st)...)
			}
			if procs, src := f.personalProcesses(); len(procs) > 0 {
				return yes("no data store keeps personal data, but "+list(procs, 5)+" process it", src...)
			}
			return no("no data store keeps personal data and no flow carries it to a process (architecture.elements[].stores, architecture.flows[].data)")
		},
	},
	"personal_data_in_memory": {
		desc: "Yes when a flow carries personal data to or from a process element (the process holds it in memory while it works); no otherwise.",
		fn: func(f *facts, q *Question) result {
			procs, src := f.personalProcesses()
			if len(procs) == 0 {
				return no("no flow carries personal data to or from a process (architecture.flows[].data)")
			}
			return yes(list(procs, 6)+" process personal data and so hold it in memory", src...)
		},
	},
	"personal_data_persistent": {
		desc: "Yes when a data store element keeps personal data (architecture.elements[].stores); no when none does.",
		fn: func(f *facts, q *Question) result {
			st := f.personalStores()
			if len(st) == 0 {
				return no("no data store in architecture.elements keeps personal data")
			}
			return yes(describeStores(f, st, true), ids(st)...)
		},
	},
	"personal_data_database": {
		desc: "Yes when a data store keeping personal data is a database (its tech tags or name name an engine such as PostgreSQL); unknown when the stores do not say; no without such stores.",
		fn: func(f *facts, q *Question) result {
			st := f.personalStores()
			if len(st) == 0 {
				return no("no data store keeps personal data")
			}
			var dbs, other []string
			for _, e := range st {
				if w, ok := isDatabase(e); ok {
					dbs = append(dbs, fmt.Sprintf("%s (%s)", e.ID, w))
				} else {
					other = append(other, e.ID)
				}
			}
			if len(dbs) > 0 {
				return yes("databases keeping personal data: "+list(dbs, 4), ids(st)...)
			}
			return unknown(fmt.Sprintf("architecture.elements[%s].tech names no database engine (nor do %s)", other[0], list(other, 4)), other...)
		},
	},
	"personal_data_exchanged": {
		desc: "Yes when an interface carrying personal data has a neighbouring system (context.systems) among its peers; no when personal data goes only to people or nowhere.",
		fn: func(f *facts, q *Question) result {
			systems := map[string]bool{}
			for _, s := range f.ctx.Systems {
				systems[s.ID] = true
			}
			var with []string
			var src []string
			for _, i := range f.personalInterfaces() {
				for _, p := range i.Peers {
					if systems[p] {
						with = append(with, i.ID+" with "+p)
						src = append(src, i.ID, p)
						break
					}
				}
			}
			if len(with) == 0 {
				return no("no interface that carries personal data has a system of context.systems among its peers")
			}
			return yes("personal data exchanged: "+list(with, 5), src...)
		},
	},
	"personal_data_transmitted": {
		desc: "Yes when an interface other than a user interface carries personal data; no otherwise.",
		fn: func(f *facts, q *Question) result {
			tx := f.transmitting()
			if len(tx) == 0 {
				return no("no interface other than a user interface carries personal data")
			}
			return yes("personal data on "+describeIfaces(tx, 6), ids(tx)...)
		},
	},
	"personal_data_displayed": {
		desc: "Yes when an interface of kind ui carries personal data; no otherwise.",
		fn: func(f *facts, q *Question) result {
			uis := f.interfacesOf("ui")
			var shown []*ward.Interface
			for _, i := range uis {
				if len(f.personalOf(i.Data)) > 0 {
					shown = append(shown, i)
				}
			}
			switch {
			case len(shown) > 0:
				return yes(fmt.Sprintf("%s shows %s", shown[0].ID, strings.Join(f.personalOf(shown[0].Data), ", "))+others(shown), ids(shown)...)
			case len(uis) > 0:
				return no("no user interface carries personal data: "+describeIfaces(uis, 4), ids(uis)...)
			}
			return no("no interface of kind ui in context.interfaces")
		},
	},
	"personal_data_via": {
		desc:   "Yes when an interface of one of the kinds carries personal data; no when none of them does or there is none.",
		params: params{kinds: true},
		fn: func(f *facts, q *Question) result {
			on := f.interfacesOf(q.Kinds...)
			if len(on) == 0 {
				return no(fmt.Sprintf("no interface of kind %s", strings.Join(q.Kinds, " or ")))
			}
			var carry []*ward.Interface
			for _, i := range on {
				if len(f.personalOf(i.Data)) > 0 {
					carry = append(carry, i)
				}
			}
			if len(carry) == 0 {
				return no("no interface of kind "+strings.Join(q.Kinds, " or ")+" carries personal data: "+describeIfaces(on, 4), ids(on)...)
			}
			return yes(fmt.Sprintf("%s carries %s", carry[0].ID, strings.Join(f.personalOf(carry[0].Data), ", "))+others(carry), ids(carry)...)
		},
	},
	"personal_data_wired": {
		desc: "No when no tcp, udp or http_api interface carries personal data; otherwise unknown: interface kinds do not say whether a network link is wired (there is no ethernet kind).",
		fn: func(f *facts, q *Question) result {
			var ip []*ward.Interface
			for _, i := range f.interfacesOf(ipKinds...) {
				if len(f.personalOf(i.Data)) > 0 {
					ip = append(ip, i)
				}
			}
			if len(ip) == 0 {
				return no("no tcp, udp or http_api interface carries personal data")
			}
			return unknown(fmt.Sprintf("%s carry personal data over IP, but context.interfaces[].kind does not say whether the link is wired (no ethernet kind)",
				list(ids(ip), 5)), ids(ip)...)
		},
	},
	"personal_data_internet": {
		desc: "Yes when an interface with exposure internet carries personal data; no otherwise.",
		fn: func(f *facts, q *Question) result {
			var net []*ward.Interface
			for _, i := range f.personalInterfaces() {
				if i.Exposure == "internet" {
					net = append(net, i)
				}
			}
			if len(net) == 0 {
				return no("no interface with exposure internet carries personal data")
			}
			return yes(fmt.Sprintf("%s (exposure internet) carries %s", net[0].ID, strings.Join(f.personalOf(net[0].Data), ", "))+others(net), ids(net)...)
		},
	},
	"dicom_deidentification": {
		desc: "N/A when no interface uses DICOM; otherwise unknown unless a record names DICOM de-identification.",
		fn: func(f *facts, q *Question) result {
			dicom := f.interfacesWhere(func(i *ward.Interface) bool {
				_, ok := findTerm(i.Protocol+" "+i.ProtocolVersion, "dicom")
				return ok
			})
			if len(dicom) == 0 {
				return na("no interface uses DICOM (context.interfaces[].protocol)")
			}
			if hits := f.search([]string{"requirements", "controls"}, []string{"dicom de-identification", "de-identification profile*"}); len(hits) > 0 {
				return yes(hitsNote(hits), hitSources(hits)...)
			}
			return unknown("no requirement or control names DICOM de-identification profiles", ids(dicom)...)
		},
	},
	"long_term_store": {
		desc: "No when no data store keeps personal data; otherwise unknown: the security file does not record whether a store is the primary long-term record.",
		fn: func(f *facts, q *Question) result {
			st := f.personalStores()
			if len(st) == 0 {
				return no("no data store keeps personal data")
			}
			return unknown(fmt.Sprintf("not recorded whether %s is the primary long-term store of personal data (retention is not in architecture.elements[])",
				list(ids(st), 4)), ids(st)...)
		},
	},
	"backup_to_media": {
		desc: "Yes when a flow of purpose backup uses a usb or removable_media interface; no when backup flows use other links or nothing is backed up; unknown when stores are backed up without a backup flow.",
		fn: func(f *facts, q *Question) result {
			return f.backupVia(func(i *ward.Interface) bool { return i != nil && (i.Kind == "usb" || i.Kind == "removable_media") }, "removable media")
		},
	},
	"backup_remote": {
		desc: "Yes when a flow of purpose backup uses a network interface; no when backup flows use other links or nothing is backed up; unknown when stores are backed up without a backup flow.",
		fn: func(f *facts, q *Question) result {
			return f.backupVia(func(i *ward.Interface) bool { return i != nil && contains(networkKinds, i.Kind) }, "remote storage")
		},
	},
	"backup_integrity": {
		desc: "Yes when a flow of purpose backup has integrity mac or signature; no when backup flows have weaker integrity; unknown when stores are backed up without a backup flow; n/a when nothing is backed up.",
		fn: func(f *facts, q *Question) result {
			flows := f.flowsWhere(func(fl *ward.Flow) bool { return fl.Purpose == "backup" })
			if len(flows) == 0 {
				if st := f.backedUp(); len(st) > 0 {
					return unknown(fmt.Sprintf("%s %s backed up (backup: true), but no flow in architecture.flows has purpose backup to record the integrity protection",
						list(ids(st), 4), verb(len(st), "is", "are")), ids(st)...)
				}
				return na("no data store has backup set and no flow has purpose backup")
			}
			var good, weak []string
			for _, fl := range flows {
				if fl.Integrity == "mac" || fl.Integrity == "signature" {
					good = append(good, fl.ID+" ("+fl.Integrity+")")
				} else {
					weak = append(weak, fl.ID+" ("+orNotSet(fl.Integrity)+")")
				}
			}
			if len(good) > 0 {
				return yes("backups protected by "+list(good, 4), ids(flows)...)
			}
			return no("backup flows check no authenticity: "+list(weak, 4), ids(flows)...)
		},
	},
	"stored_data_integrity": {
		desc: "Yes when a flow writing personal data to a data store has integrity checksum, mac or signature (tls protects transit only); no when all such flows have none; unknown when no flow writes to the stores or integrity is not set.",
		fn: func(f *facts, q *Question) result {
			st := f.personalStores()
			if len(st) == 0 {
				return na("no data store keeps personal data")
			}
			var good, weak, unset []string
			var src []string
			for _, e := range st {
				for _, fl := range f.flowsWhere(func(fl *ward.Flow) bool { return fl.To == e.ID }) {
					src = append(src, fl.ID)
					switch fl.Integrity {
					case "checksum", "mac", "signature":
						good = append(good, fmt.Sprintf("%s writes %s with a %s", fl.ID, e.ID, fl.Integrity))
					case "":
						unset = append(unset, fl.ID)
					default:
						weak = append(weak, fmt.Sprintf("%s to %s: %s", fl.ID, e.ID, fl.Integrity))
					}
				}
			}
			switch {
			case len(good) > 0:
				note := list(good, 3)
				if len(weak) > 0 {
					note += "; not protected: " + list(weak, 3)
				}
				return yes(note, src...)
			case len(unset) > 0:
				return unknown(fmt.Sprintf("architecture.flows[%s].integrity is not set", unset[0]), src...)
			case len(weak) > 0:
				return no("no flow into a store of personal data checks integrity: "+list(weak, 4), src...)
			}
			return unknown(fmt.Sprintf("no flow writes to %s (architecture.flows[].to)", list(ids(st), 4)), ids(st)...)
		},
	},
	"stored_data_recovery": {
		desc: "Yes when a data store keeping personal data is backed up (architecture.elements[].backup); no when none is; n/a without such stores.",
		fn: func(f *facts, q *Question) result {
			st := f.personalStores()
			if len(st) == 0 {
				return na("no data store keeps personal data")
			}
			var backed, not []string
			for _, e := range st {
				if e.Backup {
					backed = append(backed, e.ID)
				} else {
					not = append(not, e.ID)
				}
			}
			if len(backed) == 0 {
				return no("no store of personal data is backed up (architecture.elements[].backup): "+list(not, 4), not...)
			}
			note := "backed up: " + list(backed, 4)
			if len(not) > 0 {
				note += "; not backed up: " + list(not, 4)
			}
			return yes(note, ids(st)...)
		},
	},
	"stores_encrypted_any": {
		desc: "Yes when a data store element is encrypted_at_rest; no when none is; n/a without data stores.",
		fn: func(f *facts, q *Question) result {
			st := f.elementsOf("data_store")
			if len(st) == 0 {
				return na("architecture.elements has no data store")
			}
			var enc []string
			for _, e := range st {
				if e.EncryptedAtRest {
					enc = append(enc, e.ID)
				}
			}
			if len(enc) == 0 {
				return no("no data store is encrypted_at_rest: "+list(ids(st), 5), ids(st)...)
			}
			return yes("encrypted at rest: "+list(enc, 6), enc...)
		},
	},
	"stores_encrypted_all": {
		desc: "Yes when every data store element is encrypted_at_rest; no, naming them, when some are not.",
		fn: func(f *facts, q *Question) result {
			st := f.elementsOf("data_store")
			var plain []string
			for _, e := range st {
				if !e.EncryptedAtRest {
					plain = append(plain, fmt.Sprintf("%s (keeps %s)", e.ID, strings.Join(e.Stores, ", ")))
				}
			}
			if len(plain) > 0 {
				return no("not encrypted at rest: "+list(plain, 4), ids(st)...)
			}
			return yes(fmt.Sprintf("every data store is encrypted_at_rest: %s", list(ids(st), 6)), ids(st)...)
		},
	},
	"database_in_product": {
		desc: "Yes when a data store element is a database (tech tags or name); unknown when stores do not say; no without data stores.",
		fn: func(f *facts, q *Question) result {
			st := f.elementsOf("data_store")
			if len(st) == 0 {
				return no("architecture.elements has no data store")
			}
			var dbs []string
			for _, e := range st {
				if w, ok := isDatabase(e); ok {
					dbs = append(dbs, fmt.Sprintf("%s (%s)", e.ID, w))
				}
			}
			if len(dbs) > 0 {
				return yes("databases: "+list(dbs, 5), ids(st)...)
			}
			return unknown(fmt.Sprintf("architecture.elements[%s].tech names no database engine (nor the other data stores)", st[0].ID), ids(st)...)
		},
	},
	"personal_data_cable_only": {
		desc: "Yes when every non-UI interface carrying personal data is a usb or serial cable; no, naming the others, otherwise.",
		fn: func(f *facts, q *Question) result {
			tx := f.transmitting()
			var other []*ward.Interface
			for _, i := range tx {
				if !contains(cableKinds, i.Kind) {
					other = append(other, i)
				}
			}
			if len(other) > 0 {
				return no("personal data also goes over "+describeIfaces(other, 4), ids(other)...)
			}
			return yes("personal data goes only over "+describeIfaces(tx, 4), ids(tx)...)
		},
	},
	"personal_data_encrypted_in_transit": {
		desc: "Yes when every non-UI interface carrying personal data has an encryption other than none and no flow over it says otherwise; " +
			"no, naming them, when one has none; unknown when encryption is not set or records disagree.",
		fn: func(f *facts, q *Question) result {
			tx := f.transmitting()
			var plain, unset, clash []string
			for _, i := range tx {
				switch {
				case strings.TrimSpace(i.Encryption) == "":
					unset = append(unset, i.ID)
				case isNone(i.Encryption):
					s := i.ID
					if i.Justification != "" {
						s += " (justified: " + i.Justification + ")"
					}
					plain = append(plain, s)
				default:
					for _, fl := range f.flowsWhere(func(fl *ward.Flow) bool { return fl.Interface == i.ID && len(f.personalOf(fl.Data)) > 0 }) {
						if isNone(fl.Encryption) {
							clash = append(clash, fmt.Sprintf("architecture.flows[%s].encryption is none, context.interfaces[%s].encryption is %q", fl.ID, i.ID, i.Encryption))
						}
					}
				}
			}
			switch {
			case len(plain) > 0:
				return no("personal data unencrypted on "+list(plain, 3), ids(tx)...)
			case len(unset) > 0:
				return unknown(fmt.Sprintf("context.interfaces[%s].encryption is not set", unset[0]), unset...)
			case len(clash) > 0:
				return unknown("records disagree: "+list(clash, 2), ids(tx)...)
			}
			var enc []string
			for _, i := range tx {
				enc = append(enc, i.ID+": "+i.Encryption)
			}
			return yes("encrypted on every interface that carries it: "+list(enc, 3), ids(tx)...)
		},
	},
	"encryption_configurable": {
		desc: "N/A when personal data is always encrypted in transit (TXCF-2 yes); otherwise unknown: whether the customer can turn encryption on is not recorded.",
		fn: func(f *facts, q *Question) result {
			if r := f.answers["TXCF-2"]; r != nil && r.Value == Yes {
				return na("TXCF-2 is yes: personal data is encrypted in transit as delivered")
			}
			return unknown("not recorded in the security file: whether the customer can turn on encryption of personal data in transit")
		},
	},
	"fixed_destinations": {
		desc: "No when an inbound interface exposed to the internet serves personal data to people (anyone with a login, anywhere); unknown when an interface carrying personal data names no peers; yes when every one names its peers.",
		fn: func(f *facts, q *Question) result {
			tx := f.transmitting()
			actors := map[string]bool{}
			for _, a := range f.ctx.Actors {
				actors[a.ID] = a.Kind == "person"
			}
			var open, nopeer []string
			for _, i := range tx {
				if len(i.Peers) == 0 {
					nopeer = append(nopeer, i.ID)
					continue
				}
				if i.Exposure == "internet" && i.Direction != "outbound" {
					for _, p := range i.Peers {
						if actors[p] {
							open = append(open, i.ID)
							break
						}
					}
				}
			}
			switch {
			case len(open) > 0:
				return no(list(open, 3)+" "+verb(len(open), "serves", "serve")+" personal data to people over the internet (exposure internet, inbound, person peers)", open...)
			case len(nopeer) > 0:
				return unknown(fmt.Sprintf("context.interfaces[%s].peers is not set", nopeer[0]), nopeer...)
			}
			var dest []string
			for _, i := range tx {
				dest = append(dest, i.ID+" to "+strings.Join(i.Peers, ", "))
			}
			return yes("every interface that carries personal data names its peers: "+list(dest, 4), ids(tx)...)
		},
	},
	"connections_authenticated": {
		desc: "Yes when every network interface (tcp, udp, http_api, wifi, ble, cellular) has an authentication other than none; no, naming them, otherwise; unknown when authentication is not set.",
		fn: func(f *facts, q *Question) result {
			nets := f.interfacesOf(networkKinds...)
			if len(nets) == 0 {
				return na("no network interface in context.interfaces")
			}
			var none, unset []string
			for _, i := range nets {
				switch {
				case strings.TrimSpace(i.Authentication) == "":
					unset = append(unset, i.ID)
				case isNone(i.Authentication):
					s := i.ID
					if i.Justification != "" {
						s += " (justified: " + i.Justification + ")"
					}
					none = append(none, s)
				}
			}
			switch {
			case len(none) > 0:
				return no("unauthenticated: "+list(none, 3), ids(nets)...)
			case len(unset) > 0:
				return unknown(fmt.Sprintf("context.interfaces[%s].authentication is not set", unset[0]), unset...)
			}
			return yes(fmt.Sprintf("every network interface authenticates its peers: %s", list(ids(nets), 6)), ids(nets)...)
		},
	},
	"health_standards": {
		desc: "Yes when an interface's protocol is DICOM, HL7 (v2 or FHIR) or IEEE 11073, naming its encryption; no when none is.",
		fn: func(f *facts, q *Question) result {
			var std []string
			var src []string
			for _, i := range f.ctx.Interfaces {
				for _, t := range []string{"dicom", "hl7", "fhir", "11073"} {
					if _, ok := findTerm(i.Protocol+" "+i.ProtocolVersion, t); ok {
						std = append(std, fmt.Sprintf("%s (%s, encryption %s)", i.ID, i.Protocol, orNotSet(i.Encryption)))
						src = append(src, i.ID)
						break
					}
				}
			}
			if len(std) == 0 {
				return no("no interface uses DICOM, HL7 or IEEE 11073 (context.interfaces[].protocol)")
			}
			return yes(list(std, 4), src...)
		},
	},
	"transit_integrity": {
		desc: "Yes when a flow over a product interface has integrity mac, signature or tls; the note names interface flows without; unknown when no flow records integrity.",
		fn: func(f *facts, q *Question) result {
			var good, weak []string
			for _, fl := range f.arch.Flows {
				i := f.iface(fl.Interface)
				if i == nil || i.Kind == "ui" {
					continue
				}
				switch fl.Integrity {
				case "mac", "signature", "tls":
					good = append(good, fl.ID)
				case "none", "checksum":
					weak = append(weak, fl.ID+" ("+fl.Integrity+")")
				}
			}
			if len(good) == 0 && len(weak) == 0 {
				return unknown("architecture.flows[].integrity is not set on the flows over product interfaces")
			}
			if len(good) == 0 {
				return no("no flow over a product interface is protected against change: "+list(weak, 4), ids(f.arch.Flows)...)
			}
			note := fmt.Sprintf("%s over product interfaces are protected (mac, signature or tls): %s", plural(len(good), "flow", "flows"), list(good, 6))
			if len(weak) > 0 {
				note += "; not protected: " + list(weak, 4)
			}
			return yes(note, good...)
		},
	},
	"external_cables": {
		desc: "N/A for a software-only product; yes when a flow over a usb or serial interface connects two parts of the product (processes or data stores); no otherwise.",
		fn: func(f *facts, q *Question) result {
			if only, r := f.softwareOnly(); only {
				return na("software only: "+r.note, r.src...)
			}
			var cabled, src []string
			for _, fl := range f.arch.Flows {
				i := f.iface(fl.Interface)
				from, to := f.elements[fl.From], f.elements[fl.To]
				if i != nil && contains(cableKinds, i.Kind) && from != nil && to != nil && from.Kind != "external_entity" && to.Kind != "external_entity" {
					cabled = append(cabled, fmt.Sprintf("%s: %s to %s over %s (%s)", fl.ID, fl.From, fl.To, i.ID, i.Kind))
					src = append(src, fl.ID, i.ID)
				}
			}
			if len(cabled) == 0 {
				return no("no flow over a usb or serial interface connects two parts of the product")
			}
			return yes(list(cabled, 3), src...)
		},
	},
}

// transmitting are the interfaces other than user interfaces that carry
// personal data.
func (f *facts) transmitting() []*ward.Interface {
	var out []*ward.Interface
	for _, i := range f.personalInterfaces() {
		if i.Kind != "ui" {
			out = append(out, i)
		}
	}
	return out
}

// personalProcesses are the process elements a personal-data flow starts
// or ends at, and the flows.
func (f *facts) personalProcesses() ([]string, []string) {
	var procs, src []string
	seen := map[string]bool{}
	for _, fl := range f.personalFlows() {
		for _, id := range []string{fl.From, fl.To} {
			if e := f.elements[id]; e != nil && e.Kind == "process" && !seen[id] {
				seen[id] = true
				procs = append(procs, id)
				src = append(src, id, fl.ID)
			}
		}
	}
	return procs, src
}

func (f *facts) backedUp() []*ward.Element {
	var out []*ward.Element
	for _, e := range f.elementsOf("data_store") {
		if e.Backup {
			out = append(out, e)
		}
	}
	return out
}

func (f *facts) backupVia(match func(*ward.Interface) bool, what string) result {
	flows := f.flowsWhere(func(fl *ward.Flow) bool { return fl.Purpose == "backup" })
	if len(flows) == 0 {
		if st := f.backedUp(); len(st) > 0 {
			return unknown(fmt.Sprintf("%s %s backed up (backup: true), but no flow of purpose backup says where to (architecture.flows[].purpose)",
				list(ids(st), 4), verb(len(st), "is", "are")), ids(st)...)
		}
		return no("no data store has backup set and no flow has purpose backup")
	}
	var via []string
	for _, fl := range flows {
		if match(f.iface(fl.Interface)) {
			via = append(via, fl.ID+" over "+fl.Interface)
		}
	}
	if len(via) == 0 {
		return no("no flow of purpose backup goes to "+what+": "+list(ids(flows), 4), ids(flows)...)
	}
	return yes("backup to "+what+": "+list(via, 4), ids(flows)...)
}

func others[T any](list []T) string {
	if len(list) > 1 {
		return fmt.Sprintf(" (and %d more)", len(list)-1)
	}
	return ""
}

func orNotSet(s string) string {
	if strings.TrimSpace(s) == "" {
		return "not set"
	}
	return s
}
