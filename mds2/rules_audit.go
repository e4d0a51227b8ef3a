package mds2

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward"
)

// loggingRequirements are the requirements of category logging.
func (f *facts) loggingRequirements() []*ward.Requirement {
	var out []*ward.Requirement
	for _, r := range f.sf.Requirements {
		if r.Category == "logging" {
			out = append(out, r)
		}
	}
	return out
}

// syslogInterfaces are the interfaces that forward logs in a SIEM format.
func (f *facts) syslogInterfaces() []*ward.Interface {
	return f.interfacesWhere(func(i *ward.Interface) bool {
		for _, t := range []string{"syslog*", "atna", "cef", "rfc 5424", "rfc 5425"} {
			if _, ok := findTerm(i.Protocol+" "+i.ProtocolVersion, t); ok {
				return true
			}
		}
		return (i.Kind == "tcp" || i.Kind == "udp") && (i.Port == 514 || i.Port == 6514 || i.Port == 601)
	})
}

// auditData are the data items that hold the audit trail: items classified
// log that a syslog interface or a flow of purpose logging carries, else
// every item classified log.
func (f *facts) auditData() []string {
	isLog := func(id string) bool { d := f.data[id]; return d != nil && d.Classification == "log" }
	var out []string
	seen := map[string]bool{}
	add := func(ids []string) {
		for _, id := range ids {
			if isLog(id) && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	for _, i := range f.syslogInterfaces() {
		add(i.Data)
	}
	for _, fl := range f.flowsWhere(func(fl *ward.Flow) bool { return fl.Purpose == "logging" }) {
		add(fl.Data)
	}
	if len(out) == 0 {
		for _, d := range f.ctx.Data {
			add([]string{d.ID})
		}
	}
	return out
}

func (f *facts) carriesAny(i *ward.Interface, data []string) bool {
	for _, d := range i.Data {
		if contains(data, d) {
			return true
		}
	}
	return false
}

var auditRules = map[string]rule{
	"audit_logging": {
		desc: "Yes when an element records security events (architecture.elements[].security_logging) or a requirement has category logging; no when neither.",
		fn: func(f *facts, q *Question) result {
			var logging []string
			for _, e := range f.elementsOf("process", "data_store") {
				if e.Logging {
					logging = append(logging, e.ID)
				}
			}
			reqs := ids(f.loggingRequirements())
			if len(logging) == 0 && len(reqs) == 0 {
				if len(f.arch.Elements) == 0 {
					return unknown("architecture.elements is empty and no requirement has category logging")
				}
				return no("no element has security_logging and no requirement has category logging")
			}
			var parts []string
			if len(logging) > 0 {
				parts = append(parts, "security events logged by "+list(logging, 5))
			}
			if len(reqs) > 0 {
				parts = append(parts, "logging required by "+list(reqs, 4))
			}
			return yes(strings.Join(parts, "; "), append(logging, reqs...)...)
		},
	},
	"logging_requirement_says": {
		desc: "Yes when a requirement of category logging names the event or property (the question's terms); unknown otherwise, never no. " +
			"With kinds: n/a when the product has no interface of those kinds.",
		params: params{terms: true, optionalKinds: true},
		fn: func(f *facts, q *Question) result {
			if len(q.Kinds) > 0 && len(f.interfacesOf(q.Kinds...)) == 0 {
				return na("no interface of kind " + strings.Join(q.Kinds, " or "))
			}
			reqs := f.loggingRequirements()
			if len(reqs) == 0 {
				return unknown("no requirement has category logging (requirements[].category)")
			}
			var hits []hit
			for _, r := range reqs {
				for _, t := range q.Terms {
					if w, ok := findTerm(r.Title+". "+r.Text, t); ok {
						hits = append(hits, hit{textRec{r.ID, "requirements[" + r.ID + "]", r.Text}, w})
						break
					}
				}
			}
			if len(hits) == 0 {
				return unknown(fmt.Sprintf("requirements[].text of category logging (%s) names none of %s", list(ids(reqs), 4), quoteAll(q.Terms)), ids(reqs)...)
			}
			return yes(hitsNote(hits), hitSources(hits)...)
		},
	},
	"audit_personal_data": {
		desc: "Yes when a data item classified log is marked personal_health_data; no when the log items are not; unknown without log items.",
		fn: func(f *facts, q *Question) result {
			var logs, personal []string
			for _, d := range f.ctx.Data {
				if d.Classification == "log" {
					logs = append(logs, d.ID)
					if d.PersonalHealthData {
						personal = append(personal, d.ID)
					}
				}
			}
			switch {
			case len(personal) > 0:
				return yes("log data marked personal_health_data: "+list(personal, 4), personal...)
			case len(logs) > 0:
				return no("log data is not marked personal_health_data: "+list(logs, 4), logs...)
			}
			return unknown("no item of context.data is classified log")
		},
	},
	"time_sync": {
		desc: "Yes when an interface uses NTP, NTS, SNTP or PTP (or UDP port 123); unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			sync := f.interfacesWhere(func(i *ward.Interface) bool {
				for _, t := range []string{"ntp*", "nts", "sntp", "ptp"} {
					if _, ok := findTerm(i.Protocol+" "+i.ProtocolVersion, t); ok {
						return true
					}
				}
				return i.Kind == "udp" && i.Port == 123
			})
			if len(sync) == 0 {
				return unknown("no interface uses NTP or another time protocol (context.interfaces[].protocol)")
			}
			var parts []string
			for _, i := range sync {
				s := i.ID + " (" + i.Protocol
				if isNone(i.Authentication) {
					s += ", unauthenticated"
				}
				parts = append(parts, s+")")
			}
			return yes("time from "+list(parts, 3), ids(sync)...)
		},
	},
	"audit_export": {
		desc: "Yes when a syslog interface forwards the logs or any interface carries the audit data out; unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			if sl := f.syslogInterfaces(); len(sl) > 0 {
				return yes("forwarded over "+describeIfaces(sl, 3), ids(sl)...)
			}
			ad := f.auditData()
			on := f.interfacesWhere(func(i *ward.Interface) bool { return f.carriesAny(i, ad) })
			if len(on) == 0 {
				return unknown("no interface carries data classified log (context.interfaces[].data)")
			}
			return yes(fmt.Sprintf("%s carried on %s", strings.Join(ad, ", "), describeIfaces(on, 4)), ids(on)...)
		},
	},
	"audit_export_media": {
		desc: "Yes when a usb, serial or removable_media interface carries the audit data; no otherwise.",
		fn: func(f *facts, q *Question) result {
			phys := f.interfacesOf("usb", "serial", "removable_media")
			if len(phys) == 0 {
				return no("no interface of kind usb, serial or removable_media")
			}
			ad := f.auditData()
			var on []*ward.Interface
			for _, i := range phys {
				if f.carriesAny(i, ad) {
					on = append(on, i)
				}
			}
			if len(on) == 0 {
				return no(fmt.Sprintf("%s %s no audit data (%s)", list(ids(phys), 3), verb(len(phys), "carries", "carry"), strings.Join(ad, ", ")), ids(phys)...)
			}
			return yes("audit data on "+describeIfaces(on, 3), ids(on)...)
		},
	},
	"audit_export_siem": {
		desc: "Yes when an interface uses syslog, CEF or IHE ATNA; no otherwise.",
		fn: func(f *facts, q *Question) result {
			sl := f.syslogInterfaces()
			if len(sl) == 0 {
				return no("no interface uses syslog, CEF or IHE ATNA (context.interfaces[].protocol)")
			}
			var parts []string
			for _, i := range sl {
				parts = append(parts, fmt.Sprintf("%s (%s) to %s", i.ID, i.Protocol, strings.Join(i.Peers, ", ")))
			}
			return yes(list(parts, 3), ids(sl)...)
		},
	},
	"audit_export_other": {
		desc: "Yes when an interface that is neither syslog nor physical media carries the audit data; no otherwise.",
		fn: func(f *facts, q *Question) result {
			ad := f.auditData()
			sl := map[string]bool{}
			for _, i := range f.syslogInterfaces() {
				sl[i.ID] = true
			}
			on := f.interfacesWhere(func(i *ward.Interface) bool {
				return !sl[i.ID] && !contains([]string{"usb", "serial", "removable_media"}, i.Kind) && f.carriesAny(i, ad)
			})
			if len(on) == 0 {
				return no("no other interface carries the audit data")
			}
			return yes(fmt.Sprintf("%s also on %s", strings.Join(ad, ", "), list(ids(on), 6)), ids(on)...)
		},
	},
	"audit_encrypted": {
		desc: "Yes when an interface carrying the audit data has an encryption other than none or a data store keeping it is encrypted_at_rest; no when none is; the note names unprotected ones.",
		fn: func(f *facts, q *Question) result {
			ad := f.auditData()
			if len(ad) == 0 {
				return unknown("no item of context.data is classified log")
			}
			var enc, plain, src []string
			for _, i := range f.interfacesWhere(func(i *ward.Interface) bool { return f.carriesAny(i, ad) && i.Kind != "ui" }) {
				src = append(src, i.ID)
				if isNone(i.Encryption) || strings.TrimSpace(i.Encryption) == "" {
					plain = append(plain, i.ID)
				} else {
					enc = append(enc, i.ID)
				}
			}
			for _, e := range f.elementsOf("data_store") {
				for _, d := range e.Stores {
					if contains(ad, d) {
						src = append(src, e.ID)
						if e.EncryptedAtRest {
							enc = append(enc, e.ID+" (at rest)")
						} else {
							plain = append(plain, e.ID+" (at rest)")
						}
						break
					}
				}
			}
			if len(enc) == 0 {
				if len(plain) == 0 {
					return unknown(fmt.Sprintf("no interface or data store carries %s", strings.Join(ad, ", ")))
				}
				return no("audit data unencrypted on "+list(plain, 4), src...)
			}
			note := "encrypted on " + list(enc, 6)
			if len(plain) > 0 {
				note += "; not on " + list(plain, 4)
			}
			return yes(note, src...)
		},
	},
	"audit_reviewable": {
		desc: "Yes when logs go to a system the HDO owns (a syslog peer in context.systems with owner hdo) or the HDO's duties name log monitoring; unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			owner := map[string]string{}
			for _, s := range f.ctx.Systems {
				owner[s.ID] = s.Owner
			}
			for _, i := range f.syslogInterfaces() {
				for _, p := range i.Peers {
					if owner[p] == "hdo" {
						return yes(fmt.Sprintf("%s forwards logs to %s, which the HDO owns", i.ID, p), i.ID, p)
					}
				}
			}
			var hits []hit
			for _, s := range f.ctx.HDOResponsibilities {
				for _, t := range []string{"log*", "siem"} {
					if w, ok := findTerm(s, t); ok {
						hits = append(hits, hit{textRec{"context.hdo_responsibilities", "context.hdo_responsibilities", s}, w})
						break
					}
				}
			}
			if len(hits) > 0 {
				return yes(hitsNote(hits), hitSources(hits)...)
			}
			return unknown("no log goes to a system the HDO owns and context.hdo_responsibilities names no log review")
		},
	},
}
