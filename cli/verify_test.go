package cli

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/portscan"
)

// The tests of `ward verify ports` scan real sockets on 127.0.0.1 only.
// Hosts that must be refused are refused before anything is resolved or
// sent; portscan's tests hold the decision itself.

// verifyBench is a product running on loopback: TCP listeners and closed
// ports, UDP responders and closed ports, in ascending port order by role
// so that reports list them in a fixed order.
type verifyBench struct {
	tcpDeclared, tcpUndeclared, tcpClosed int // listener, listener, nothing listening
	udpDeclared, udpClosed                int // responder, nothing listening
}

// newVerifyBench opens the sockets and closes, of each protocol, the one
// with the highest port: which role a port plays then follows its order.
func newVerifyBench(t *testing.T) verifyBench {
	t.Helper()
	var tcp []net.Listener
	for range 3 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
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
		tcp = append(tcp, l)
	}
	slices.SortFunc(tcp, func(a, b net.Listener) int { return portOf(a.Addr()) - portOf(b.Addr()) })
	tcp[2].Close()

	var udp []net.PacketConn
	for range 2 {
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
				c.WriteTo([]byte("pong"), from)
			}
		}()
		udp = append(udp, c)
	}
	slices.SortFunc(udp, func(a, b net.PacketConn) int { return portOf(a.LocalAddr()) - portOf(b.LocalAddr()) })
	udp[1].Close()
	return verifyBench{
		tcpDeclared: portOf(tcp[0].Addr()), tcpUndeclared: portOf(tcp[1].Addr()), tcpClosed: portOf(tcp[2].Addr()),
		udpDeclared: portOf(udp[0].LocalAddr()), udpClosed: portOf(udp[1].LocalAddr()),
	}
}

func portOf(a net.Addr) int {
	switch a := a.(type) {
	case *net.TCPAddr:
		return a.Port
	case *net.UDPAddr:
		return a.Port
	}
	panic(a)
}

// securityFile writes a security file (ward init's skeleton) whose context
// declares the bench's ports, all enabled by default, and returns its folder.
// extra is appended to the interface list.
func (b verifyBench) securityFile(t *testing.T, extra string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "security")
	if code, _, stderr := runVerifyTest(t, "init", dir); code != ExitOK {
		t.Fatalf("init: %s", stderr)
	}
	file := filepath.Join(dir, "context.yaml")
	y, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := string(y)
	from, to := strings.Index(s, "  interfaces:\n"), strings.Index(s, "  # data the product handles")
	if from < 0 || to < from {
		t.Fatal("the skeleton's context.yaml has changed: no interfaces section to replace")
	}
	iface := func(id, name, kind string, port int) string {
		return fmt.Sprintf("    - {id: %s, name: %s, kind: %s, port: %d, protocol: test protocol, protocol_version: \"1\", direction: inbound, "+
			"peers: [SYS-001], authentication: mutual TLS, encryption: TLS 1.3, exposure: hospital_lan, enabled_by_default: true, data: [DAT-001]}\n",
			id, name, kind, port)
	}
	s = s[:from] + "  interfaces:\n" +
		iface("IF-001", "Pump API", "http_api", b.tcpDeclared) +
		iface("IF-002", "HL7 listener", "tcp", b.tcpClosed) +
		iface("IF-003", "Bedside CoAP", "udp", b.udpDeclared) +
		iface("IF-004", "Discovery", "udp", b.udpClosed) +
		extra + s[to:]
	if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// normalise replaces the bench's ports, which differ per run, by their
// roles; all are five digits (the ephemeral range), as are the role names,
// so the table keeps its alignment. Port lists are replaced whole first:
// two adjacent ports would be written as one range.
func (b verifyBench) normalise(s string) string {
	names := map[int]string{b.tcpDeclared: "TCP-A", b.tcpUndeclared: "TCP-B", b.tcpClosed: "TCP-C", b.udpDeclared: "UDP-A", b.udpClosed: "UDP-B"}
	for _, list := range [][]int{
		{b.tcpDeclared, b.tcpUndeclared, b.tcpClosed}, {b.tcpDeclared, b.tcpClosed}, {b.udpDeclared, b.udpClosed},
	} {
		var roles []string
		for _, p := range list {
			roles = append(roles, names[p])
		}
		s = regexp.MustCompile(`\b`+regexp.QuoteMeta(portscan.FormatPorts(list))+`\b`).ReplaceAllString(s, strings.Join(roles, ","))
	}
	for p, name := range names {
		s = regexp.MustCompile(`\b`+strconv.Itoa(p)+`\b`).ReplaceAllString(s, name)
	}
	return s
}

func (b verifyBench) ports(ps ...int) string { return portscan.FormatPorts(ps) }

// runVerifyTest runs ward in-process on 2026-11-26.
func runVerifyTest(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{
		stdin:  strings.NewReader(""),
		stdout: &stdout,
		stderr: &stderr,
		now:    func() time.Time { return time.Date(2026, 11, 26, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600)) },
		getenv: func(string) string { return "" },
	}
	code := run(context.Background(), e, args)
	return code, stdout.String(), stderr.String()
}

// TestVerify runs `ward verify ports` on a bench with one port of each
// kind: declared and open (ok), open but undeclared (the finding),
// declared and enabled by default but closed (the warning), on TCP and
// UDP; then the refusals and usage errors.
func TestVerify(t *testing.T) {
	t.Parallel()
	b := newVerifyBench(t)
	dir := b.securityFile(t, "")
	broken := b.securityFile(t, "    - {id: IF-009, name: Bad, kind: sctp, protocol: x, direction: inbound, authentication: none, encryption: none, exposure: local}\n")
	// Loopback answers at once; the long timeout only keeps a busy
	// machine from turning an answer into "filtered".
	const timeout = "10s"
	all := []string{"verify", "ports", dir, "--host", "127.0.0.1", "--timeout", timeout,
		"--tcp", b.ports(b.tcpDeclared, b.tcpUndeclared, b.tcpClosed), "--udp", b.ports(b.udpDeclared, b.udpClosed)}
	for _, tc := range []struct {
		name string
		args []string
		exit int
	}{
		{"findings_text", all, ExitFindings},
		{"findings_json", append(slices.Clone(all), "--format", "json"), ExitFindings},
		{"declared_only", []string{"verify", "ports", dir, "--host", "localhost", "--timeout", timeout,
			"--tcp", b.ports(b.tcpDeclared, b.tcpClosed), "--udp", b.ports(b.udpDeclared)}, ExitOK},
		{"flags_first", []string{"verify", "--host", "127.0.0.1", "--udp", "", "--tcp", b.ports(b.tcpDeclared), "--timeout", timeout, "ports", dir}, ExitOK},

		{"refuse_documentation_address", []string{"verify", "ports", dir, "--host", "192.0.2.1"}, ExitError},
		{"refuse_private_address", []string{"verify", "ports", dir, "--host", "10.0.0.1"}, ExitError},
		{"refuse_unlisted_name", []string{"verify", "ports", dir, "--host", "example.org"}, ExitError},
		{"refuse_unspecified", []string{"verify", "ports", dir, "--host", "0.0.0.0"}, ExitError},
		{"refuse_host_with_port", []string{"verify", "ports", dir, "--host", "127.0.0.1:22"}, ExitError},
		{"security_file_problems", []string{"verify", "ports", broken, "--host", "127.0.0.1"}, ExitError},

		{"no_host", []string{"verify", "ports", dir}, ExitUsage},
		{"no_subcommand", []string{"verify", dir, "--host", "127.0.0.1"}, ExitUsage},
		{"bad_tcp_range", []string{"verify", "ports", dir, "--host", "127.0.0.1", "--tcp", "22,80,8000-80x0"}, ExitUsage},
		{"backwards_udp_range", []string{"verify", "ports", dir, "--host", "127.0.0.1", "--udp", "53,200-100"}, ExitUsage},
		{"port_out_of_range", []string{"verify", "ports", dir, "--host", "127.0.0.1", "--tcp", "70000"}, ExitUsage},
		{"no_ports", []string{"verify", "ports", dir, "--host", "127.0.0.1", "--tcp", "", "--udp", ""}, ExitUsage},
		{"bad_format", []string{"verify", "ports", dir, "--host", "127.0.0.1", "--format", "xml"}, ExitUsage},
		{"bad_concurrency", []string{"verify", "ports", dir, "--host", "127.0.0.1", "--concurrency", "0"}, ExitUsage},
		{"bad_timeout", []string{"verify", "ports", dir, "--host", "127.0.0.1", "--timeout", "-1s"}, ExitUsage},
		{"two_dirs", []string{"verify", "ports", dir, dir, "--host", "127.0.0.1"}, ExitUsage},
		{"help", []string{"verify", "ports", "-h"}, ExitOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runVerifyTest(t, tc.args...)
			if code != tc.exit {
				t.Errorf("exit = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.exit, stdout, stderr)
			}
			stderr = strings.ReplaceAll(stderr, filepath.Dir(broken), "DIR")
			stdout, stderr = b.normalise(stdout), b.normalise(stderr)
			ext := ".txt"
			if strings.HasSuffix(tc.name, "_json") {
				ext = ".json"
			}
			testutil.Golden(t, ext, []byte(stdout))
			testutil.Golden(t, ".stderr", []byte(stderr))
		})
	}
}

// TestVerifyFindings spells out what the goldens of TestVerify show.
func TestVerifyFindings(t *testing.T) {
	t.Parallel()
	b := newVerifyBench(t)
	dir := b.securityFile(t, "")
	out := filepath.Join(t.TempDir(), "ports.json")
	code, stdout, stderr := runVerifyTest(t, "verify", "ports", dir, "--host", "127.0.0.1", "--timeout", "10s", "--format", "json", "-o", out,
		"--tcp", b.ports(b.tcpDeclared, b.tcpUndeclared, b.tcpClosed), "--udp", b.ports(b.udpDeclared, b.udpClosed))
	if code != ExitFindings || stdout != "" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q; want exit 1 and the report in %s only", code, stdout, stderr, out)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := portscan.ParseReport(f)
	if err != nil {
		t.Fatalf("the stored report does not parse: %v", err)
	}
	got := map[string]string{}
	for _, p := range rep.Ports {
		got[fmt.Sprintf("%s/%d", p.Proto, p.Port)] = fmt.Sprintf("%s %s %s", p.State, p.Interface, p.Verdict)
	}
	want := map[string]string{
		fmt.Sprintf("tcp/%d", b.tcpDeclared):   "open IF-001 ok",
		fmt.Sprintf("tcp/%d", b.tcpUndeclared): "open  undeclared",
		fmt.Sprintf("tcp/%d", b.tcpClosed):     "closed IF-002 declared_closed",
		fmt.Sprintf("udp/%d", b.udpDeclared):   "open IF-003 ok",
		fmt.Sprintf("udp/%d", b.udpClosed):     "closed IF-004 declared_closed",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	if len(got) != len(want) || rep.Undeclared != 1 || rep.DeclaredClosed != 2 || rep.Date.String() != "2026-11-27" {
		t.Errorf("report: %d ports, undeclared %d, declared_closed %d, date %s; want 5, 1, 2, 2026-11-27 (UTC)",
			len(got), rep.Undeclared, rep.DeclaredClosed, rep.Date)
	}
}

// TestVerifyDefaultRanges checks what is scanned without --tcp and --udp:
// the declared TCP ports plus 1-1024, the declared UDP ports. Other
// services of the machine may listen in 1-1024, so only the ranges and the
// bench's own ports are checked, not the exit code.
func TestVerifyDefaultRanges(t *testing.T) {
	t.Parallel()
	b := newVerifyBench(t)
	dir := b.securityFile(t, "")
	code, stdout, stderr := runVerifyTest(t, "verify", "ports", dir, "--host", "127.0.0.1", "--timeout", "10s", "--format", "json")
	if code != ExitOK && code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rep, err := portscan.ParseReport(strings.NewReader(stdout))
	if err != nil {
		t.Fatal(err)
	}
	wantTCP := "1-1024," + b.ports(b.tcpDeclared, b.tcpClosed)
	if rep.TCPRange != wantTCP || rep.UDPRange != b.ports(b.udpDeclared, b.udpClosed) {
		t.Errorf("ranges tcp %q udp %q, want %q and %q", rep.TCPRange, rep.UDPRange, wantTCP, b.ports(b.udpDeclared, b.udpClosed))
	}
	for _, p := range rep.Ports {
		if p.Port == b.tcpUndeclared {
			t.Errorf("the undeclared listener %d is outside the default range but was reported", p.Port)
		}
		if p.Port < 1025 && p.Verdict == portscan.VerdictUndeclared {
			t.Logf("this machine has an undeclared service on tcp %d of 127.0.0.1", p.Port)
		}
	}
}
