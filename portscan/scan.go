package portscan

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Proto is a transport protocol, stored as text in reports.
type Proto string

const (
	TCP Proto = "tcp"
	UDP Proto = "udp"
)

func (p *Proto) UnmarshalText(b []byte) error {
	switch v := Proto(b); v {
	case TCP, UDP:
		*p = v
		return nil
	}
	return fmt.Errorf("unknown protocol %q (want tcp or udp)", b)
}

// State is what a probe saw of one port, stored as text in reports.
type State string

const (
	// Open: a TCP connection was accepted, or a UDP probe was answered.
	Open State = "open"
	// Closed: the host refused (TCP reset, or ICMP port unreachable for UDP).
	Closed State = "closed"
	// Filtered: a TCP probe got no answer in time, or a host unreachable.
	Filtered State = "filtered"
	// OpenFiltered: a UDP probe got no answer; a UDP scan cannot tell an
	// open port that ignores the probe from a firewall that drops it.
	OpenFiltered State = "open|filtered"
)

func (s *State) UnmarshalText(b []byte) error {
	switch v := State(b); v {
	case Open, Closed, Filtered, OpenFiltered:
		*s = v
		return nil
	}
	return fmt.Errorf("unknown port state %q (want open, closed, filtered or open|filtered)", b)
}

// Result is the state of one probed port.
type Result struct {
	Proto Proto
	Port  int
	State State
}

// Scan is what one run of Scanner.Scan observed.
type Scan struct {
	Host     string     // as the user gave it (Target.Host)
	Addr     netip.Addr // where the probes went
	TCP, UDP []int      // ports probed, sorted
	Results  []Result   // one per probed port: TCP first, each protocol by port
}

// Scanner probes ports with bounded concurrency. The zero value is ready
// to use with the defaults.
type Scanner struct {
	// Timeout is how long one probe waits for an answer; 0 means 500ms.
	Timeout time.Duration
	// Concurrency is how many probes are in flight at most; 0 means 100.
	Concurrency int
}

// DefaultTimeout and DefaultConcurrency are what the zero Scanner uses.
const (
	DefaultTimeout     = 500 * time.Millisecond
	DefaultConcurrency = 100
)

func (s *Scanner) timeout() time.Duration {
	if s.Timeout <= 0 {
		return DefaultTimeout
	}
	return s.Timeout
}

func (s *Scanner) concurrency() int {
	if s.Concurrency <= 0 {
		return DefaultConcurrency
	}
	return s.Concurrency
}

// Scan probes the tcp ports with TCP connects and the udp ports with UDP
// datagrams on t. It returns ctx's error when ctx ends first, and the
// first local error (say, out of file descriptors) that makes a probe
// meaningless; a port that merely does not answer is a state, not an
// error. Ports must be 1-65535.
//
// TCP: an accepted connection is Open (and closed again at once), a reset
// Closed, silence until the timeout or a host unreachable Filtered.
// UDP: an empty datagram (a DNS or NTP request on ports 53 and 123, whose
// servers ignore empty ones) on a connected socket; a reply is Open, an
// ICMP port unreachable, which the socket reports as ECONNREFUSED, is
// Closed, silence is OpenFiltered. Hosts rate-limit ICMP (Linux: 1000 per
// second for all destinations), so a large UDP range may show closed
// ports as OpenFiltered.
func (s *Scanner) Scan(ctx context.Context, t Target, tcp, udp []int) (*Scan, error) {
	if !t.addr.IsValid() {
		return nil, errors.New("port scan: no target (use Resolve)")
	}
	for _, p := range append(append([]int(nil), tcp...), udp...) {
		if p < 1 || p > 65535 {
			return nil, fmt.Errorf("port scan: port %d is out of range 1-65535", p)
		}
	}
	sc := &Scan{Host: t.host, Addr: t.addr, TCP: mergePorts(tcp), UDP: mergePorts(udp)}
	var jobs []Result
	for _, p := range sc.TCP {
		jobs = append(jobs, Result{Proto: TCP, Port: p})
	}
	for _, p := range sc.UDP {
		jobs = append(jobs, Result{Proto: UDP, Port: p})
	}
	err := s.run(ctx, len(jobs), func(ctx context.Context, i int) error {
		ap := netip.AddrPortFrom(t.addr, uint16(jobs[i].Port))
		var err error
		if jobs[i].Proto == TCP {
			jobs[i].State, err = s.probeTCP(ctx, ap)
		} else {
			jobs[i].State, err = s.probeUDP(ctx, ap)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	sc.Results = jobs
	return sc, nil
}

// run calls probe for 0..n-1 from at most s.concurrency() goroutines and
// stops at the first error or when ctx ends.
func (s *Scanner) run(ctx context.Context, n int, probe func(context.Context, int) error) error {
	inner, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		next     atomic.Int64
		once     sync.Once
		firstErr error
	)
	for range min(s.concurrency(), n) {
		wg.Go(func() {
			for inner.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := probe(inner, i); err != nil {
					once.Do(func() { firstErr = err; cancel() })
					return
				}
			}
		})
	}
	wg.Wait()
	// The caller's end wins over the errors it caused in the probes.
	if err := ctx.Err(); err != nil {
		return err
	}
	return firstErr
}

// deadline is when a probe starting now gives up, and whether that is the
// caller's deadline rather than the probe's timeout: a probe cut short by
// the caller has seen nothing, so its timeout must not read as Filtered.
func (s *Scanner) deadline(ctx context.Context) (time.Time, bool) {
	d := time.Now().Add(s.timeout())
	if cd, ok := ctx.Deadline(); ok && cd.Before(d) {
		return cd, true
	}
	return d, false
}

// ended is the error of a probe that ctx ended.
func ended(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// The caller's deadline passed, but its timer has not yet said so.
	return context.DeadlineExceeded
}

func (s *Scanner) probeTCP(ctx context.Context, ap netip.AddrPort) (State, error) {
	deadline, callers := s.deadline(ctx)
	d := net.Dialer{Deadline: deadline}
	c, err := d.DialContext(ctx, "tcp", ap.String())
	if err == nil {
		c.Close()
		return Open, nil
	}
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	var ne net.Error
	timeout := errors.As(err, &ne) && ne.Timeout()
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return Closed, nil
	case timeout && callers:
		return "", ended(ctx)
	case timeout, errors.Is(err, syscall.EHOSTUNREACH):
		return Filtered, nil
	}
	return "", fmt.Errorf("probe tcp %s: %w", ap, err)
}

// udpProbes are requests for UDP services that ignore an empty datagram.
var udpProbes = map[uint16][]byte{
	// DNS: a standard query, recursion desired, for the root's NS records.
	53: {0x77, 0x61, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1},
	// NTP: a version 4 client request (mode 3), the rest zero.
	123: append([]byte{0x23}, make([]byte, 47)...),
}

func (s *Scanner) probeUDP(ctx context.Context, ap netip.AddrPort) (State, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, "udp", ap.String())
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("probe udp %s: %w", ap, err)
	}
	defer c.Close()
	deadline, callers := s.deadline(ctx)
	if err := c.SetDeadline(deadline); err != nil {
		return "", fmt.Errorf("probe udp %s: %w", ap, err)
	}
	// The deadline ends the read at the timeout; this ends it when ctx does.
	stop := context.AfterFunc(ctx, func() { c.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	buf := make([]byte, 512)
	_, err = c.Write(udpProbes[ap.Port()])
	if err == nil {
		_, err = c.Read(buf)
	}
	var ne net.Error
	switch {
	case err == nil:
		return Open, nil
	case ctx.Err() != nil:
		return "", ctx.Err()
	case errors.Is(err, syscall.ECONNREFUSED):
		return Closed, nil
	case errors.As(err, &ne) && ne.Timeout() && callers:
		return "", ended(ctx)
	case errors.As(err, &ne) && ne.Timeout():
		return OpenFiltered, nil
	case errors.Is(err, syscall.EHOSTUNREACH):
		return Filtered, nil
	}
	return "", fmt.Errorf("probe udp %s: %w", ap, err)
}
