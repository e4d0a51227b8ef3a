package portscan_test

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"slices"
	"testing"
	"time"

	"github.com/wardhq/ward/portscan"
)

// The scanner tests use real sockets on loopback only.

// listenTCP opens a TCP listener on addr (a loopback address with port 0)
// that accepts and closes connections until the test ends, and returns
// its port.
func listenTCP(t testing.TB, addr string) int {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	return l.Addr().(*net.TCPAddr).Port
}

// closedTCP returns a loopback TCP port on which nothing listens: one the
// kernel just handed out and took back.
func closedTCP(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// listenUDP opens a UDP socket on 127.0.0.1 that answers every datagram
// with "pong" if reply is set, and ignores it otherwise.
func listenUDP(t testing.TB, reply bool) int {
	t.Helper()
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	go func() {
		buf := make([]byte, 1500)
		for {
			_, from, err := c.ReadFrom(buf)
			if err != nil {
				return
			}
			if reply {
				c.WriteTo([]byte("pong"), from)
			}
		}
	}()
	return c.LocalAddr().(*net.UDPAddr).Port
}

func closedUDP(t testing.TB) int {
	t.Helper()
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := c.LocalAddr().(*net.UDPAddr).Port
	c.Close()
	return port
}

func loopback(t testing.TB, host string) portscan.Target {
	t.Helper()
	tg, err := portscan.Resolve(context.Background(), host, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func states(sc *portscan.Scan) map[portscan.Proto]map[int]portscan.State {
	m := map[portscan.Proto]map[int]portscan.State{portscan.TCP: {}, portscan.UDP: {}}
	for _, r := range sc.Results {
		m[r.Proto][r.Port] = r.State
	}
	return m
}

func TestScanTCP(t *testing.T) {
	t.Parallel()
	open1, open2 := listenTCP(t, "127.0.0.1:0"), listenTCP(t, "127.0.0.1:0")
	closed := closedTCP(t)
	// Probes on loopback answer at once; the long timeout only keeps a
	// busy machine from turning an answer into "filtered".
	s := portscan.Scanner{Timeout: 10 * time.Second, Concurrency: 2}
	sc, err := s.Scan(context.Background(), loopback(t, "localhost"), []int{closed, open2, open1, open1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Host != "localhost" || sc.Addr != netip.MustParseAddr("127.0.0.1") {
		t.Errorf("scan of %s (%s), want localhost (127.0.0.1)", sc.Host, sc.Addr)
	}
	want := []int{open1, open2, closed}
	slices.Sort(want)
	if !slices.Equal(sc.TCP, want) || len(sc.Results) != 3 {
		t.Errorf("probed %v with %d results, want %v, one result each", sc.TCP, len(sc.Results), want)
	}
	got := states(sc)[portscan.TCP]
	for port, st := range map[int]portscan.State{open1: portscan.Open, open2: portscan.Open, closed: portscan.Closed} {
		if got[port] != st {
			t.Errorf("tcp %d: %s, want %s", port, got[port], st)
		}
	}
	if !slices.IsSortedFunc(sc.Results, func(a, b portscan.Result) int { return a.Port - b.Port }) {
		t.Errorf("results not sorted by port: %v", sc.Results)
	}
}

func TestScanTCPIPv6(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback: %v", err)
	}
	l.Close()
	open := listenTCP(t, "[::1]:0")
	sc, err := (&portscan.Scanner{Timeout: 10 * time.Second}).Scan(context.Background(), loopback(t, "::1"), []int{open}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := states(sc)[portscan.TCP][open]; got != portscan.Open {
		t.Errorf("tcp [::1]:%d: %s, want open", open, got)
	}
}

// TestScanUDP: a listener that replies is open, a closed port (ICMP port
// unreachable) closed, a listener that stays silent open|filtered.
func TestScanUDP(t *testing.T) {
	t.Parallel()
	replies, silent, closed := listenUDP(t, true), listenUDP(t, false), closedUDP(t)
	// Answers come at once: a long timeout for the ports that answer, a
	// short one for the port that never will.
	for _, tc := range []struct {
		timeout time.Duration
		want    map[int]portscan.State
	}{
		{10 * time.Second, map[int]portscan.State{replies: portscan.Open, closed: portscan.Closed}},
		{200 * time.Millisecond, map[int]portscan.State{silent: portscan.OpenFiltered}},
	} {
		var ports []int
		for p := range tc.want {
			ports = append(ports, p)
		}
		s := portscan.Scanner{Timeout: tc.timeout}
		sc, err := s.Scan(context.Background(), loopback(t, "127.0.0.1"), nil, ports)
		if err != nil {
			t.Fatal(err)
		}
		got := states(sc)[portscan.UDP]
		for port, st := range tc.want {
			if got[port] != st {
				t.Errorf("udp %d: %s, want %s", port, got[port], st)
			}
		}
	}
}

// TestScanCancelled checks the scan ends with ctx and reports why.
func TestScanCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	silent := listenUDP(t, false)
	s := portscan.Scanner{Timeout: time.Minute}
	if _, err := s.Scan(ctx, loopback(t, "127.0.0.1"), []int{1, 2, 3}, []int{silent}); !errors.Is(err, context.Canceled) {
		t.Errorf("Scan with a cancelled context = %v, want context.Canceled", err)
	}
	// Cancelled while a UDP probe waits for its minute-long timeout.
	ctx, cancel = context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := s.Scan(ctx, loopback(t, "127.0.0.1"), nil, []int{silent}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Scan past its deadline = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Scan took %s to notice its context ended", d)
	}
}

// TestScanRefusesWithoutTarget: a Target only comes from Resolve.
func TestScanRefusesWithoutTarget(t *testing.T) {
	t.Parallel()
	if _, err := new(portscan.Scanner).Scan(context.Background(), portscan.Target{}, []int{22}, nil); err == nil {
		t.Error("Scan of the zero Target: no error")
	}
	if _, err := new(portscan.Scanner).Scan(context.Background(), loopback(t, "127.0.0.1"), []int{0}, nil); err == nil {
		t.Error("Scan of port 0: no error")
	}
}

// BenchmarkScanTCPLoopback scans TCP 1-1024 on 127.0.0.1 with the default
// settings: the figure for the default range of `ward verify ports`.
func BenchmarkScanTCPLoopback(b *testing.B) {
	ports := make([]int, 1024)
	for i := range ports {
		ports[i] = i + 1
	}
	tg := loopback(b, "127.0.0.1")
	var s portscan.Scanner
	for b.Loop() {
		if _, err := s.Scan(context.Background(), tg, ports, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1024, "µs/port")
}
