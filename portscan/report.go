package portscan

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/wardhq/ward"
)

// Declaration is a port on which the product security context says the
// product listens, with the interfaces that say so.
type Declaration struct {
	Proto      Proto
	Port       int
	Interfaces []*ward.Interface // at least one, sorted by ID
}

// EnabledByDefault reports whether any of the interfaces is enabled in the
// shipped configuration, so the port is expected open.
func (d *Declaration) EnabledByDefault() bool {
	return slices.ContainsFunc(d.Interfaces, func(i *ward.Interface) bool { return i.EnabledByDefault })
}

// Declared returns the ports the interfaces declare, sorted by protocol
// then port: an interface of kind tcp or http_api with a port declares a
// TCP port, one of kind udp a UDP port. Only inbound and bidirectional
// interfaces count: the port of an outbound interface is the peer's (the
// EHR's HL7 port), on which the product itself must not listen.
// Interfaces without a port 1-65535, or of other kinds, declare nothing.
func Declared(ifaces []*ward.Interface) []*Declaration {
	type key struct {
		proto Proto
		port  int
	}
	byKey := make(map[key]*Declaration)
	for _, it := range ifaces {
		if it == nil || it.Port < 1 || it.Port > 65535 || it.Direction == "outbound" {
			continue
		}
		var p Proto
		switch it.Kind {
		case "tcp", "http_api":
			p = TCP
		case "udp":
			p = UDP
		default:
			continue
		}
		k := key{p, it.Port}
		if byKey[k] == nil {
			byKey[k] = &Declaration{Proto: p, Port: it.Port}
		}
		byKey[k].Interfaces = append(byKey[k].Interfaces, it)
	}
	var out []*Declaration
	for _, d := range byKey {
		slices.SortFunc(d.Interfaces, func(a, b *ward.Interface) int { return cmp.Compare(a.ID, b.ID) })
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b *Declaration) int {
		return cmp.Or(cmp.Compare(a.Proto, b.Proto), cmp.Compare(a.Port, b.Port))
	})
	return out
}

// DefaultPorts is what `ward verify ports` probes when not told otherwise:
// the declared TCP ports plus the well-known ports 1-1024, and the declared
// UDP ports only (a UDP scan of a range mostly shows open|filtered, and is
// slow where the host rate-limits ICMP).
func DefaultPorts(decls []*Declaration) (tcp, udp []int) {
	wellKnown := make([]int, 1024)
	for i := range wellKnown {
		wellKnown[i] = i + 1
	}
	tcp = mergePorts(wellKnown, declaredPorts(decls, TCP))
	udp = declaredPorts(decls, UDP)
	return tcp, udp
}

func declaredPorts(decls []*Declaration, p Proto) []int {
	var ports []int
	for _, d := range decls {
		if d.Proto == p {
			ports = append(ports, d.Port)
		}
	}
	return mergePorts(ports)
}

// Verdict is the judgement on one port, stored as text in reports.
type Verdict string

const (
	// VerdictOK: a declared port that is open, or a port declared but not
	// enabled by default that is not open.
	VerdictOK Verdict = "ok"
	// VerdictUndeclared: open, and no interface declares it. A finding.
	VerdictUndeclared Verdict = "undeclared"
	// VerdictDeclaredClosed: declared and enabled by default, but closed
	// or filtered. A warning: the product or the security file is wrong.
	VerdictDeclaredClosed Verdict = "declared_closed"
	// VerdictOpenFiltered: a UDP port that did not answer; neither a
	// finding nor a pass.
	VerdictOpenFiltered Verdict = "open_filtered"
)

func (v *Verdict) UnmarshalText(b []byte) error {
	switch x := Verdict(b); x {
	case VerdictOK, VerdictUndeclared, VerdictDeclaredClosed, VerdictOpenFiltered:
		*v = x
		return nil
	}
	return fmt.Errorf("unknown verdict %q (want ok, undeclared, declared_closed or open_filtered)", b)
}

// ReportKind and ReportVersion identify the JSON report.
const (
	ReportKind    = "ward-port-scan"
	ReportVersion = 1
)

// Report is the port scan judged against the security context: the
// document `ward verify ports` prints and the evidence it leaves.
type Report struct {
	Kind     string    `json:"kind"`    // ReportKind
	Version  int       `json:"version"` // ReportVersion
	Host     string    `json:"host"`    // as the user gave it
	Address  string    `json:"address"` // where the probes went
	Date     ward.Date `json:"date"`    // day of the scan, UTC
	TCPRange string    `json:"tcp_range"`
	UDPRange string    `json:"udp_range"`
	// Ports lists every open or declared port and every UDP port that did
	// not answer, by protocol then port, of the scanned ranges; undeclared
	// closed and filtered ports are left out, and declared ports outside
	// the ranges are not judged. Never nil.
	Ports          []PortReport `json:"ports"`
	Undeclared     int          `json:"undeclared"`      // ports with VerdictUndeclared
	DeclaredClosed int          `json:"declared_closed"` // ports with VerdictDeclaredClosed
}

// PortReport is one port of a Report.
type PortReport struct {
	Proto     Proto   `json:"proto"`
	Port      int     `json:"port"`
	State     State   `json:"state"`
	Interface string  `json:"interface"` // declaring interface IDs, comma-separated; "" when undeclared
	Verdict   Verdict `json:"verdict"`
	Name      string  `json:"name"` // their names, "; "-separated; "" when undeclared
}

// Failed reports whether the scan found an undeclared open port: the gate
// of `ward verify ports`.
func (r *Report) Failed() bool { return r.Undeclared > 0 }

// NewReport judges scan against the interfaces of the security context;
// date is the day of the scan.
func NewReport(scan *Scan, ifaces []*ward.Interface, date ward.Date) *Report {
	type key struct {
		proto Proto
		port  int
	}
	decls := make(map[key]*Declaration)
	for _, d := range Declared(ifaces) {
		decls[key{d.Proto, d.Port}] = d
	}
	r := &Report{
		Kind: ReportKind, Version: ReportVersion,
		Host: scan.Host, Address: scan.Addr.String(), Date: date,
		TCPRange: FormatPorts(scan.TCP), UDPRange: FormatPorts(scan.UDP),
		Ports: []PortReport{},
	}
	for _, res := range scan.Results {
		pr := PortReport{Proto: res.Proto, Port: res.Port, State: res.State}
		d := decls[key{res.Proto, res.Port}]
		switch {
		case d == nil && res.State == Open:
			pr.Verdict = VerdictUndeclared
			r.Undeclared++
		case d == nil && res.State == OpenFiltered:
			pr.Verdict = VerdictOpenFiltered
		case d == nil:
			continue // closed or filtered, as it should be
		case res.State == Open:
			pr.Verdict = VerdictOK
		case res.State == OpenFiltered:
			pr.Verdict = VerdictOpenFiltered
		case d.EnabledByDefault():
			pr.Verdict = VerdictDeclaredClosed
			r.DeclaredClosed++
		default:
			pr.Verdict = VerdictOK
		}
		if d != nil {
			var ids, names []string
			for _, it := range d.Interfaces {
				ids = append(ids, it.ID)
				names = append(names, it.Name)
			}
			pr.Interface, pr.Name = strings.Join(ids, ","), strings.Join(names, "; ")
		}
		r.Ports = append(r.Ports, pr)
	}
	slices.SortFunc(r.Ports, func(a, b PortReport) int {
		return cmp.Or(cmp.Compare(a.Proto, b.Proto), cmp.Compare(a.Port, b.Port))
	})
	return r
}
