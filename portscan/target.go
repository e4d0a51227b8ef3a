package portscan

import (
	"context"
	"fmt"
	"net/netip"
	"strings"

	"github.com/wardhq/ward"
)

// Target is a host that Resolve cleared for scanning and the address the
// probes go to. Its zero value is no target: Scanner.Scan refuses it.
type Target struct {
	host string
	addr netip.Addr
}

// Host is the host as the user gave it, e.g. "localhost" or "bench-3.lab".
func (t Target) Host() string { return t.host }

// Addr is the address the probes go to.
func (t Target) Addr() netip.Addr { return t.addr }

// Allowed decides, without sending or resolving anything, whether host may
// be scanned; allowed is the security file's policy.scan_targets.
//
//   - An IP literal (brackets allowed, "[::1]") is judged directly: a
//     loopback address (127.0.0.0/8, ::1, also IPv4-mapped) is allowed, any
//     other only if allowed lists the same address.
//   - "localhost" (any case) is 127.0.0.1, never looked up: the hosts file
//     or a resolver might map it elsewhere.
//   - Any other name is allowed only if allowed lists it (case-insensitive,
//     as DNS compares names). Allowed then returns the zero Addr and nil:
//     the name is cleared to be resolved (Resolve does so).
//
// The unspecified (0.0.0.0, ::), multicast and broadcast addresses are
// refused even when listed: they are not one host. A refusal is an
// *ward.Error with code EForbidden (EInvalid for a malformed host) whose
// message says what to do.
func Allowed(host string, allowed []string) (netip.Addr, error) {
	h := unbracket(strings.TrimSpace(host))
	switch {
	case h == "":
		return netip.Addr{}, ward.Errorf(ward.EInvalid, "no host to scan: give --host, e.g. --host 127.0.0.1")
	case strings.EqualFold(h, "localhost"):
		return netip.AddrFrom4([4]byte{127, 0, 0, 1}), nil
	}
	if ap, err := netip.ParseAddrPort(h); err == nil {
		return netip.Addr{}, ward.Errorf(ward.EInvalid, "host %q includes a port: give the address alone (%s) and the ports with --tcp or --udp", host, ap.Addr())
	}
	addr, err := netip.ParseAddr(h)
	if err != nil {
		// A name. It is looked up only if the manufacturer listed it: a
		// lookup alone may leak the scan, and the answer may point anywhere.
		if strings.ContainsAny(h, " /:@?#[]") {
			return netip.Addr{}, ward.Errorf(ward.EInvalid, "host %q is neither an IP address nor a host name", host)
		}
		for _, a := range allowed {
			if strings.EqualFold(unbracket(strings.TrimSpace(a)), h) {
				return netip.Addr{}, nil
			}
		}
		return netip.Addr{}, refusal(host)
	}
	if err := scannable(host, addr); err != nil {
		return netip.Addr{}, err
	}
	if addr.Unmap().IsLoopback() {
		return addr.Unmap(), nil
	}
	for _, a := range allowed {
		if b, err := netip.ParseAddr(unbracket(strings.TrimSpace(a))); err == nil && b.Unmap() == addr.Unmap() {
			return addr.Unmap(), nil
		}
	}
	return netip.Addr{}, refusal(host)
}

// LookupFunc resolves a host name, as net.Resolver.LookupNetIP does with
// network "ip".
type LookupFunc func(ctx context.Context, host string) ([]netip.Addr, error)

// Resolve returns the Target for host: Allowed's decision and, for a name
// Allowed cleared, the first address lookup returns. lookup is called only
// for such a name, and may be nil when host is an address or localhost.
// Errors are those of Allowed, EForbidden when the name resolves to an
// address that is not one host, and the lookup's error wrapped.
func Resolve(ctx context.Context, host string, allowed []string, lookup LookupFunc) (Target, error) {
	addr, err := Allowed(host, allowed)
	if err != nil {
		return Target{}, err
	}
	h := unbracket(strings.TrimSpace(host))
	if addr.IsValid() {
		return Target{host: h, addr: addr}, nil
	}
	if lookup == nil {
		return Target{}, fmt.Errorf("resolve %s: no resolver", h)
	}
	addrs, err := lookup(ctx, h)
	if err != nil {
		return Target{}, fmt.Errorf("resolve %s: %w", h, err)
	}
	if len(addrs) == 0 {
		return Target{}, fmt.Errorf("resolve %s: no address", h)
	}
	addr = addrs[0].Unmap()
	if err := scannable(host, addr); err != nil {
		return Target{}, err
	}
	return Target{host: h, addr: addr}, nil
}

// scannable refuses addresses that are not one host, listed or not.
func scannable(host string, addr netip.Addr) error {
	a := addr.Unmap()
	switch {
	case a.IsUnspecified():
		return ward.Errorf(ward.EForbidden, "refusing to scan %q: %s means every local address, not one host (scan 127.0.0.1 for this machine)", host, a)
	case a.IsMulticast(), a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return ward.Errorf(ward.EForbidden, "refusing to scan %q: %s is a multicast or broadcast address, not one host", host, a)
	}
	return nil
}

func refusal(host string) error {
	return ward.Errorf(ward.EForbidden,
		"refusing to scan %q: only loopback (127.0.0.0/8, ::1, localhost) is scanned unless the security file allows the host; "+
			"if the manufacturer owns it (a test bench), add %q to policy.scan_targets", host, strings.TrimSpace(host))
}

func unbracket(s string) string {
	if len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']' {
		return s[1 : len(s)-1]
	}
	return s
}
