package portscan

import (
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteText writes r as a table for the operator: port, protocol, state,
// declaring interface (or UNDECLARED) and verdict, then what to do.
func WriteText(w io.Writer, r *Report) error {
	if r == nil {
		return errors.New("port scan text report: no report")
	}
	ew := &errWriter{w: w}
	target := r.Host
	if r.Address != r.Host {
		target += " (" + r.Address + ")"
	}
	fmt.Fprintf(ew, "Port scan of %s on %s\n", target, r.Date)
	fmt.Fprintf(ew, "TCP ports: %s\nUDP ports: %s\n\n", orNone(r.TCPRange), orNone(r.UDPRange))
	if len(r.Ports) == 0 {
		fmt.Fprintln(ew, "No port is open and none is declared in the scanned ranges.")
	} else {
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "PORT\tPROTO\tSTATE\tINTERFACE\tVERDICT")
		openFiltered := 0
		for _, p := range r.Ports {
			iface := "UNDECLARED"
			if p.Interface != "" {
				iface = p.Interface + " " + p.Name
			}
			if p.Verdict == VerdictOpenFiltered {
				openFiltered++
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", p.Port, p.Proto, p.State, iface, verdictText(p))
		}
		tw.Flush()
		fmt.Fprintln(ew)
		if openFiltered > 0 {
			fmt.Fprintf(ew, "%d UDP port(s) did not answer: open or filtered, a UDP scan cannot tell; not counted as findings.\n", openFiltered)
		}
	}
	if r.DeclaredClosed > 0 {
		fmt.Fprintf(ew, "Warning: %d declared port(s) enabled by default are not open: check that the product ran in its shipped configuration, or correct enabled_by_default in the security file.\n", r.DeclaredClosed)
	}
	if r.Undeclared > 0 {
		fmt.Fprintf(ew, "FAIL: %d open port(s) not declared in the security context: close them, or declare each under context.interfaces with its purpose (IEC 81001-5-1 5.4.3, 5.7.3).\n", r.Undeclared)
	} else {
		fmt.Fprintln(ew, "PASS: no open port missing from the security context.")
	}
	return ew.err
}

func verdictText(p PortReport) string {
	switch p.Verdict {
	case VerdictUndeclared:
		return "FINDING: open, not declared"
	case VerdictDeclaredClosed:
		return "warning: enabled by default, not open"
	case VerdictOpenFiltered:
		return "unknown: no answer"
	}
	if p.State != Open {
		return "ok (not enabled by default)"
	}
	return "ok"
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// errWriter keeps the first write error so the writer can report it once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(b []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(b)
	e.err = err
	return n, err
}
