package portscan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
)

// WriteJSON writes r as the JSON evidence of a port scan:
//
//	{"kind": "ward-port-scan", "version": 1, "host", "address",
//	 "date": "YYYY-MM-DD", "tcp_range", "udp_range",
//	 "ports": [{"proto", "port", "state", "interface", "verdict", "name"}],
//	 "undeclared": n, "declared_closed": n}
//
// Ranges are written as ParsePorts reads them ("" for none); ports is
// never null; strings that do not apply are "". Indented by two spaces,
// HTML characters not escaped, trailing newline. ParseReport reads it back.
func WriteJSON(w io.Writer, r *Report) error {
	if r == nil {
		return errors.New("port scan JSON report: no report")
	}
	out := *r
	if out.Ports == nil {
		out.Ports = []PortReport{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(&out)
}

// MaxReportBytes bounds what ParseReport reads: a scan of every TCP and
// UDP port with all open is some 17 MiB.
const MaxReportBytes = 32 << 20

// ParseReport reads a report WriteJSON wrote, for the evidence importer.
// It rejects, with an error naming the field, anything WriteJSON would
// not write: another kind or version, unknown fields, trailing data,
// unknown states or verdicts, ports out of order or outside the scanned
// ranges, verdicts that contradict the state, and counts that disagree
// with the ports.
func ParseReport(r io.Reader) (*Report, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxReportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("port scan report: %w", err)
	}
	if len(b) > MaxReportBytes {
		return nil, fmt.Errorf("port scan report: larger than %d bytes", MaxReportBytes)
	}
	// Kind and version first, so another document gets a plain answer
	// rather than a complaint about its fields. Unmarshal also rejects
	// anything after the report.
	var head struct {
		Kind    string `json:"kind"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, fmt.Errorf("port scan report: %w", err)
	}
	if head.Kind != ReportKind {
		return nil, fmt.Errorf("port scan report: kind is %q, want %q", head.Kind, ReportKind)
	}
	if head.Version != ReportVersion {
		return nil, fmt.Errorf("port scan report: version %d is not supported (want %d)", head.Version, ReportVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var rep Report
	if err := dec.Decode(&rep); err != nil {
		return nil, fmt.Errorf("port scan report: %w", err)
	}
	if err := rep.validate(); err != nil {
		return nil, fmt.Errorf("port scan report: %w", err)
	}
	return &rep, nil
}

// validate checks what the JSON decoder cannot.
func (r *Report) validate() error {
	switch {
	case r.Host == "":
		return errors.New("host is empty")
	case r.Date.IsZero():
		return errors.New("date is empty")
	case r.Ports == nil:
		return errors.New("ports is missing")
	}
	if _, err := netip.ParseAddr(r.Address); err != nil {
		return fmt.Errorf("address: %w", err)
	}
	tcp, err := ParsePorts(r.TCPRange)
	if err != nil {
		return fmt.Errorf("tcp_range: %w", err)
	}
	udp, err := ParsePorts(r.UDPRange)
	if err != nil {
		return fmt.Errorf("udp_range: %w", err)
	}
	if FormatPorts(tcp) != r.TCPRange || FormatPorts(udp) != r.UDPRange {
		return errors.New("tcp_range or udp_range is not in canonical form (sorted, consecutive ports joined)")
	}
	undeclared, closed := 0, 0
	for i, p := range r.Ports {
		at := fmt.Sprintf("ports[%d]", i)
		if p.Proto == "" || p.State == "" || p.Verdict == "" {
			return fmt.Errorf("%s: proto, state and verdict are required", at)
		}
		scanned := tcp
		if p.Proto == UDP {
			scanned = udp
		}
		if _, ok := slices.BinarySearch(scanned, p.Port); !ok {
			return fmt.Errorf("%s: %s port %d is outside the scanned range", at, p.Proto, p.Port)
		}
		if i > 0 {
			q := r.Ports[i-1]
			if q.Proto > p.Proto || q.Proto == p.Proto && q.Port >= p.Port {
				return fmt.Errorf("%s: ports are not sorted by proto then port, each once", at)
			}
		}
		declared := p.Interface != ""
		if !declared && p.Name != "" {
			return fmt.Errorf("%s: name without interface", at)
		}
		var ok bool
		switch p.Verdict {
		case VerdictUndeclared:
			ok = !declared && p.State == Open
			undeclared++
		case VerdictDeclaredClosed:
			ok = declared && (p.State == Closed || p.State == Filtered)
			closed++
		case VerdictOpenFiltered:
			ok = p.State == OpenFiltered
		case VerdictOK:
			ok = declared && p.State != OpenFiltered
		}
		if !ok {
			return fmt.Errorf("%s: verdict %s contradicts state %s (interface %q)", at, p.Verdict, p.State, p.Interface)
		}
	}
	if undeclared != r.Undeclared || closed != r.DeclaredClosed {
		return fmt.Errorf("undeclared %d and declared_closed %d disagree with the ports (%d and %d)", r.Undeclared, r.DeclaredClosed, undeclared, closed)
	}
	return nil
}
