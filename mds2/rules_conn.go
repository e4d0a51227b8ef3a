package mds2

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wardhq/ward"
)

// flowsWithoutPurpose are the flows whose purpose is not set: rules that
// decide "no" from purposes cannot while any is missing.
func (f *facts) flowsWithoutPurpose() []*ward.Flow {
	return f.flowsWhere(func(fl *ward.Flow) bool { return fl.Purpose == "" })
}

func (f *facts) describeFlow(fl *ward.Flow) string {
	s := fmt.Sprintf("%s (%s to %s", fl.ID, fl.From, fl.To)
	if i := f.iface(fl.Interface); i != nil {
		s += " over " + i.ID
		if !i.EnabledByDefault {
			s += ", off by default"
		}
	}
	return s + ")"
}

func (f *facts) describeFlows(flows []*ward.Flow, max int) string {
	var out []string
	for _, fl := range flows {
		out = append(out, f.describeFlow(fl))
	}
	return list(out, max)
}

// purposeFlows answers "does the product use flows of these purposes":
// yes naming them, unknown while a flow has no purpose, no otherwise.
func (f *facts) purposeFlows(what string, keep func(*ward.Flow) bool, purposes ...string) result {
	flows := f.flowsWhere(func(fl *ward.Flow) bool { return slices.Contains(purposes, fl.Purpose) && keep(fl) })
	if len(flows) > 0 {
		return yes(what+": "+f.describeFlows(flows, 4), ids(flows)...)
	}
	if len(f.arch.Flows) == 0 {
		return unknown("architecture.flows is empty")
	}
	if missing := f.flowsWithoutPurpose(); len(missing) > 0 {
		return unknown(fmt.Sprintf("no flow of purpose %s, but architecture.flows[%s].purpose is not set (nor for %s)",
			strings.Join(purposes, " or "), missing[0].ID, plural(len(missing)-1, "other flow", "other flows")), ids(missing)...)
	}
	return no(fmt.Sprintf("no flow of purpose %s in architecture.flows", strings.Join(purposes, " or ")))
}

// overNetwork keeps flows over an interface that is reached over a network
// (not physical, not local).
func (f *facts) overNetwork(fl *ward.Flow) bool {
	i := f.iface(fl.Interface)
	return i != nil && i.Exposure != "physical" && i.Exposure != "local"
}

var connRules = map[string]rule{
	"hardware_connectivity": {
		desc: "N/A for a software-only product; yes when an interface is of a hardware kind or an IP kind; no otherwise.",
		fn: func(f *facts, q *Question) result {
			if only, r := f.softwareOnly(); only {
				return na("software only: "+r.note, r.src...)
			}
			conn := f.interfacesOf(append(slices.Clone(hardwareKinds), ipKinds...)...)
			if len(conn) == 0 {
				return no("no interface of a hardware or network kind in context.interfaces")
			}
			return yes(describeIfaces(conn, 6), ids(conn)...)
		},
	},
	"physical_connections": {
		desc: "Yes when an interface is of kind usb, serial, jtag or removable_media; unknown when only IP interfaces (medium not recorded) or kind other could be physical; no otherwise.",
		fn: func(f *facts, q *Question) result {
			if phys := f.interfacesOf("usb", "serial", "jtag", "removable_media"); len(phys) > 0 {
				return yes(describeIfaces(phys, 5), ids(phys)...)
			}
			if maybe := f.interfacesOf(append(slices.Clone(ipKinds), "other")...); len(maybe) > 0 {
				return unknown(fmt.Sprintf("no usb, serial, jtag or removable_media interface, but context.interfaces[].kind does not say whether %s use a physical port",
					list(ids(maybe), 4)), ids(maybe)...)
			}
			return no("no interface of kind usb, serial, jtag or removable_media")
		},
	},
	"ethernet_ports": {
		desc: "No when the product has no tcp, udp or http_api interface; otherwise unknown: interface kinds do not say whether a network link is an Ethernet port.",
		fn: func(f *facts, q *Question) result {
			ip := f.interfacesOf(ipKinds...)
			if len(ip) == 0 {
				return no("no tcp, udp or http_api interface")
			}
			return unknown(fmt.Sprintf("context.interfaces[].kind has no ethernet value: %s do not say whether they use an RJ45 port", list(ids(ip), 4)), ids(ip)...)
		},
	},
	"port_list": {
		desc: "Yes when a document of kind port_list is linked to the release; the note names enabled-by-default interfaces with a port that are not in_labeling or not in the list's covers. Unknown without such a document.",
		fn: func(f *facts, q *Question) result {
			if f.rel == nil && len(f.docs) == 0 {
				return unknown(f.releaseMissing())
			}
			docs := f.docsOf("port_list")
			if len(docs) == 0 {
				n := len(f.interfacesWhere(func(i *ward.Interface) bool { return i.InLabeling }))
				return unknown(fmt.Sprintf("no document of kind port_list linked to release %s (%d of %d interfaces are marked in_labeling)",
					f.version, n, len(f.ctx.Interfaces)))
			}
			var missing []string
			var src []string
			for _, i := range f.ctx.Interfaces {
				if i.Port == 0 || !i.EnabledByDefault {
					continue
				}
				inCovers := false
				for _, d := range docs {
					inCovers = inCovers || len(d.Covers) == 0 || slices.Contains(d.Covers, i.ID)
				}
				if !i.InLabeling || !inCovers {
					var why []string
					if !i.InLabeling {
						why = append(why, "in_labeling is false")
					}
					if !inCovers {
						why = append(why, "not in "+docs[0].ID+" covers")
					}
					missing = append(missing, fmt.Sprintf("%s (port %d, on by default: %s)", i.ID, i.Port, strings.Join(why, ", ")))
					src = append(src, i.ID)
				}
			}
			note := describeDocs(docs) + " linked to release " + f.version
			if len(missing) > 0 {
				note += "; but the list misses " + list(missing, 3)
			}
			return yes(note, append(ids(docs), src...)...)
		},
	},
	"local_communication": {
		desc: "Yes when a network interface has exposure hospital_lan or a peer system the HDO owns; no otherwise.",
		fn: func(f *facts, q *Question) result {
			owner := map[string]string{}
			for _, s := range f.ctx.Systems {
				owner[s.ID] = s.Owner
			}
			local := f.interfacesWhere(func(i *ward.Interface) bool {
				if !contains(networkKinds, i.Kind) {
					return false
				}
				if i.Exposure == "hospital_lan" {
					return true
				}
				for _, p := range i.Peers {
					if owner[p] == "hdo" {
						return true
					}
				}
				return false
			})
			if len(local) == 0 {
				return no("no network interface with exposure hospital_lan or a peer system owned by the HDO")
			}
			return yes("in the customer's network: "+list(ids(local), 8), ids(local)...)
		},
	},
	"external_communication": {
		desc: "Yes when a network interface has exposure internet; no otherwise.",
		fn: func(f *facts, q *Question) result {
			out := f.interfacesWhere(func(i *ward.Interface) bool { return contains(networkKinds, i.Kind) && i.Exposure == "internet" })
			if len(out) == 0 {
				return no("no network interface with exposure internet")
			}
			return yes("exposed to the internet: "+list(ids(out), 8), ids(out)...)
		},
	},
	"api_calls": {
		desc: "Yes when an interface is of kind http_api; unknown when only tcp or udp interfaces could carry API calls; no without network interfaces.",
		fn: func(f *facts, q *Question) result {
			if apis := f.interfacesOf("http_api"); len(apis) > 0 {
				return yes(describeIfaces(apis, 6), ids(apis)...)
			}
			if ip := f.interfacesOf("tcp", "udp"); len(ip) > 0 {
				return unknown(fmt.Sprintf("no interface of kind http_api; whether %s carry API calls is not recorded", list(ids(ip), 4)), ids(ip)...)
			}
			return no("no interface of kind http_api, tcp or udp")
		},
	},
	"internet_required": {
		desc: "No when no interface is exposed to the internet; otherwise unknown: the security file does not record whether the intended use needs those interfaces.",
		fn: func(f *facts, q *Question) result {
			out := f.interfacesWhere(func(i *ward.Interface) bool { return i.Exposure == "internet" })
			if len(out) == 0 {
				return no("no interface with exposure internet")
			}
			return unknown(fmt.Sprintf("not recorded whether the intended use needs the internet interfaces %s (context.interfaces[] has no required flag)",
				list(ids(out), 5)), ids(out)...)
		},
	},
	"tls_supported": {
		desc: "Yes when an interface's encryption or protocol names TLS, DTLS or HTTPS; no when network interfaces exist and none does; n/a without network interfaces.",
		fn: func(f *facts, q *Question) result {
			var tls []string
			for _, i := range f.ctx.Interfaces {
				for _, t := range []string{"tls", "dtls", "https", "ldaps", "mtls"} {
					if _, ok := findTerm(i.Encryption+" "+i.Protocol+" "+i.ProtocolVersion, t); ok {
						tls = append(tls, i.ID)
						break
					}
				}
			}
			if len(tls) > 0 {
				return yes("TLS on "+list(tls, 8), tls...)
			}
			if len(f.interfacesOf(networkKinds...)) == 0 {
				return na("no network interface in context.interfaces")
			}
			return no("no interface names TLS in its encryption or protocol")
		},
	},
	"remote_control": {
		desc: "Yes when a flow of purpose command or remote_service reaches a product element over a network interface; unknown while flows lack a purpose; no otherwise.",
		fn: func(f *facts, q *Question) result {
			return f.purposeFlows("operated over the network", f.overNetwork, "command", "remote_service")
		},
	},
	"remote_service": {
		desc: "Yes when a flow has purpose remote_service; unknown while flows lack a purpose; no otherwise.",
		fn: func(f *facts, q *Question) result {
			return f.purposeFlows("remote service", func(*ward.Flow) bool { return true }, "remote_service")
		},
	},
	"remote_session_indicator": {
		desc: "Yes when every flow of purpose remote_service has session_indication; no, naming them, otherwise.",
		fn: func(f *facts, q *Question) result {
			flows := f.flowsWhere(func(fl *ward.Flow) bool { return fl.Purpose == "remote_service" })
			if len(flows) == 0 {
				return na("no flow of purpose remote_service")
			}
			var without []string
			for _, fl := range flows {
				if !fl.SessionIndication {
					without = append(without, fl.ID)
				}
			}
			if len(without) > 0 {
				return no("no session indication on "+list(without, 4)+" (architecture.flows[].session_indication)", ids(flows)...)
			}
			return yes("the device shows the remote session: "+list(ids(flows), 4)+" "+verb(len(flows), "has", "have")+" session_indication", ids(flows)...)
		},
	},
	"remote_personal_data": {
		desc: "Yes when a remote_service flow or its interface carries personal data; unknown when it does not but the element it reaches handles personal data (records disagree or are incomplete); no otherwise.",
		fn: func(f *facts, q *Question) result {
			flows := f.flowsWhere(func(fl *ward.Flow) bool { return fl.Purpose == "remote_service" })
			if len(flows) == 0 {
				return na("no flow of purpose remote_service")
			}
			var reach []string
			for _, fl := range flows {
				data := fl.Data
				if i := f.iface(fl.Interface); i != nil {
					data = append(slices.Clone(data), i.Data...)
				}
				if pd := f.personalOf(data); len(pd) > 0 {
					return yes(fmt.Sprintf("%s carries %s", fl.ID, strings.Join(pd, ", ")), fl.ID)
				}
				procs, _ := f.personalProcesses()
				if contains(procs, fl.To) {
					reach = append(reach, fmt.Sprintf("%s reaches %s, which handles personal data", fl.ID, fl.To))
				}
			}
			if len(reach) > 0 {
				return unknown("the remote session's flow and interface carry no personal data, but "+list(reach, 2)+
					": record what the session can reach (architecture.flows[].data)", ids(flows)...)
			}
			return no("remote service flows carry no personal data and reach no element that handles it: "+list(ids(flows), 4), ids(flows)...)
		},
	},
	"telemetry_to_manufacturer": {
		desc: "Yes when a flow has purpose telemetry; unknown while flows lack a purpose; no otherwise.",
		fn: func(f *facts, q *Question) result {
			return f.purposeFlows("telemetry", func(*ward.Flow) bool { return true }, "telemetry")
		},
	},
	"other_remote_functions": {
		desc: "Yes when a flow of purpose update or configuration from a system (not a person at a user interface) reaches the product over a network interface; " +
			"unknown while flows lack a purpose; no otherwise.",
		fn: func(f *facts, q *Question) result {
			return f.purposeFlows("remote updates or configuration", func(fl *ward.Flow) bool {
				from := f.elements[fl.From]
				return f.overNetwork(fl) && (from == nil || from.Actor == "")
			}, "update", "configuration")
		},
	},
}
