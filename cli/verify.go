package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"time"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/portscan"
)

// maxConcurrency bounds --concurrency: the target is often a medical
// device, and a flood of connections must not be what takes it down.
const maxConcurrency = 1000

// runVerify is `ward verify ports [dir] --host H`: scan the running product
// and compare its open ports with the interfaces of the security context
// (5.4.3, 5.7.3). Exit 1 when an open port is not declared.
func runVerify(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "verify ports", "[dir] --host H",
		"Scan the running product for open ports that the security file does not declare (IEC 81001-5-1 5.4.3, 5.7.3).\n"+
			"A TCP or http_api interface with a port declares a TCP port, a udp interface a UDP port (outbound ones do not: that port is the peer's).\n"+
			"An open undeclared port is a finding (exit 1); a declared port enabled by default but not open is a warning.\n"+
			"Only loopback (127.0.0.0/8, ::1, localhost) is scanned unless the host is listed in policy.scan_targets.")
	host := fs.String("host", "", "host to scan: loopback, or a host or address listed in policy.scan_targets (required)")
	tcpFlag := fs.String("tcp", "", "TCP ports, e.g. 22,80,8000-8100; \"\" for none (default: the declared TCP ports plus 1-1024)")
	udpFlag := fs.String("udp", "", "UDP ports, e.g. 53,123,5683; \"\" for none (default: the declared UDP ports only)")
	timeout := fs.Duration("timeout", portscan.DefaultTimeout, "how long one probe waits for an answer")
	concurrency := fs.Int("concurrency", portscan.DefaultConcurrency, fmt.Sprintf("probes in flight at most (1-%d)", maxConcurrency))
	format := fs.String("format", "text", "output format: text or json")
	out := fs.String("o", "", "write the report to this file instead of standard output")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || pos[0] != "ports" {
		return usagef("verify: want 'ward verify ports [dir] --host H' (run 'ward verify -h' for the flags)")
	}
	dir, err := oneDir(pos[1:])
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var write func(io.Writer, *portscan.Report) error
	switch *format {
	case "text":
		write = portscan.WriteText
	case "json":
		write = portscan.WriteJSON
	default:
		return usagef("unknown format %q (want text or json)", *format)
	}
	switch {
	case *host == "":
		return usagef("verify ports: --host is required, e.g. --host 127.0.0.1")
	case *timeout <= 0:
		return usagef("--timeout must be positive, e.g. 500ms")
	case *concurrency < 1 || *concurrency > maxConcurrency:
		return usagef("--concurrency must be between 1 and %d", maxConcurrency)
	}
	tcp, err := portscan.ParsePorts(*tcpFlag)
	if err != nil {
		return usagef("--tcp: %v", err)
	}
	udp, err := portscan.ParsePorts(*udpFlag)
	if err != nil {
		return usagef("--udp: %v", err)
	}

	sf, problems, err := loadSecurityFile(dir)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w\nthe security file has %d problem(s): fix them first ('ward validate %s')", problems, len(problems), dir)
	}
	var ifaces []*ward.Interface
	if sf.Context != nil {
		ifaces = sf.Context.Interfaces
	}
	var allowed []string
	if sf.Policy != nil {
		allowed = sf.Policy.ScanTargets
	}
	defTCP, defUDP := portscan.DefaultPorts(portscan.Declared(ifaces))
	if !set["tcp"] {
		tcp = defTCP
	}
	if !set["udp"] {
		udp = defUDP
	}
	if len(tcp)+len(udp) == 0 {
		return usagef("verify ports: no port to scan (give --tcp or --udp)")
	}

	// Resolve looks the name up only once the policy allowed it.
	target, err := portscan.Resolve(ctx, *host, allowed, func(ctx context.Context, h string) ([]netip.Addr, error) {
		return net.DefaultResolver.LookupNetIP(ctx, "ip", h)
	})
	if err != nil {
		return err
	}
	sc := portscan.Scanner{Timeout: *timeout, Concurrency: *concurrency}
	scan, err := sc.Scan(ctx, target, tcp, udp)
	if err != nil {
		return err
	}
	if err := answered(scan, *timeout); err != nil {
		return err
	}
	rep := portscan.NewReport(scan, ifaces, ward.DateOf(e.now()))
	if err := writeTo(e, *out, func(w io.Writer) error { return write(w, rep) }); err != nil {
		return err
	}
	if rep.Failed() {
		return ErrGateFailed
	}
	return nil
}

// answered refuses a scan in which no TCP port answered at all: every
// probe timed out, so the host is down, unreachable or behind a firewall
// that drops everything, and a report would pass without having seen the
// product.
func answered(scan *portscan.Scan, timeout time.Duration) error {
	if len(scan.TCP) == 0 {
		return nil
	}
	for _, r := range scan.Results {
		if r.Proto == portscan.TCP && (r.State == portscan.Open || r.State == portscan.Closed) {
			return nil
		}
	}
	return fmt.Errorf("verify ports: no TCP port of %s (%s) answered within %s: is the product running and reachable? (a longer --timeout may help)", scan.Host, scan.Addr, timeout)
}
