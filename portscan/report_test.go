package portscan_test

import (
	"bytes"
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/portscan"
)

// interfaces is the context of a pump gateway: each kind of declaration,
// and an outbound interface whose port the product must not listen on.
func interfaces() []*ward.Interface {
	return []*ward.Interface{
		{ID: "IF-API", Name: "Pump API", Kind: "http_api", Port: 8443, Direction: "inbound", EnabledByDefault: true},
		{ID: "IF-FHIR", Name: "FHIR endpoint", Kind: "http_api", Port: 8443, Direction: "bidirectional"},
		{ID: "IF-HL7", Name: "HL7 listener", Kind: "tcp", Port: 2575, Direction: "inbound", EnabledByDefault: true},
		{ID: "IF-SSH", Name: "Service shell", Kind: "tcp", Port: 22, Direction: "inbound"},
		{ID: "IF-EHR", Name: "Results to the EHR", Kind: "tcp", Port: 443, Direction: "outbound", EnabledByDefault: true},
		{ID: "IF-COAP", Name: "Bedside CoAP", Kind: "udp", Port: 5683, Direction: "inbound", EnabledByDefault: true},
		{ID: "IF-SYSLOG", Name: "Syslog relay", Kind: "udp", Port: 514, Direction: "bidirectional", EnabledByDefault: true},
		{ID: "IF-MDNS", Name: "Discovery", Kind: "udp", Port: 5353, Direction: "inbound", EnabledByDefault: true},
		{ID: "IF-UI", Name: "Touch screen", Kind: "ui", Port: 9000, Direction: "inbound", EnabledByDefault: true},
		{ID: "IF-NOPORT", Name: "Raw TCP", Kind: "tcp", Direction: "inbound", EnabledByDefault: true},
	}
}

// sampleScan is a scan of that gateway with one of each outcome.
func sampleScan() *portscan.Scan {
	tcp, _ := portscan.ParsePorts("1-1024,2575,8443")
	udp, _ := portscan.ParsePorts("161,514,5353,5683")
	return &portscan.Scan{
		Host: "pump-bench.lab", Addr: netip.MustParseAddr("10.20.0.7"), TCP: tcp, UDP: udp,
		Results: []portscan.Result{
			{portscan.TCP, 22, portscan.Closed},
			{portscan.TCP, 23, portscan.Open},
			{portscan.TCP, 80, portscan.Closed},
			{portscan.TCP, 135, portscan.Filtered},
			{portscan.TCP, 443, portscan.Open},
			{portscan.TCP, 2575, portscan.Filtered},
			{portscan.TCP, 8443, portscan.Open},
			{portscan.UDP, 161, portscan.OpenFiltered},
			{portscan.UDP, 514, portscan.Open},
			{portscan.UDP, 5353, portscan.Closed},
			{portscan.UDP, 5683, portscan.OpenFiltered},
		},
	}
}

var scanDay = ward.MustDate("2026-11-26")

func TestDeclared(t *testing.T) {
	t.Parallel()
	var got []string
	for _, d := range portscan.Declared(interfaces()) {
		var ids []string
		for _, it := range d.Interfaces {
			ids = append(ids, it.ID)
		}
		enabled := "off"
		if d.EnabledByDefault() {
			enabled = "on"
		}
		got = append(got, string(d.Proto)+"/"+itoa(d.Port)+" "+strings.Join(ids, ",")+" "+enabled)
	}
	want := []string{"tcp/22 IF-SSH off", "tcp/2575 IF-HL7 on", "tcp/8443 IF-API,IF-FHIR on", "udp/514 IF-SYSLOG on", "udp/5353 IF-MDNS on", "udp/5683 IF-COAP on"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Declared (-want +got):\n%s", diff)
	}
	tcp, udp := portscan.DefaultPorts(portscan.Declared(interfaces()))
	if s := portscan.FormatPorts(tcp); s != "1-1024,2575,8443" {
		t.Errorf("default TCP ports %s, want 1-1024,2575,8443", s)
	}
	if s := portscan.FormatPorts(udp); s != "514,5353,5683" {
		t.Errorf("default UDP ports %s, want 514,5353,5683", s)
	}
}

func itoa(n int) string { return portscan.FormatPorts([]int{n}) }

func TestNewReport(t *testing.T) {
	t.Parallel()
	r := portscan.NewReport(sampleScan(), interfaces(), scanDay)
	want := []portscan.PortReport{
		{Proto: "tcp", Port: 22, State: "closed", Interface: "IF-SSH", Name: "Service shell", Verdict: "ok"},
		{Proto: "tcp", Port: 23, State: "open", Verdict: "undeclared"},
		{Proto: "tcp", Port: 443, State: "open", Verdict: "undeclared"}, // only declared outbound
		{Proto: "tcp", Port: 2575, State: "filtered", Interface: "IF-HL7", Name: "HL7 listener", Verdict: "declared_closed"},
		{Proto: "tcp", Port: 8443, State: "open", Interface: "IF-API,IF-FHIR", Name: "Pump API; FHIR endpoint", Verdict: "ok"},
		{Proto: "udp", Port: 161, State: "open|filtered", Verdict: "open_filtered"},
		{Proto: "udp", Port: 514, State: "open", Interface: "IF-SYSLOG", Name: "Syslog relay", Verdict: "ok"},
		{Proto: "udp", Port: 5353, State: "closed", Interface: "IF-MDNS", Name: "Discovery", Verdict: "declared_closed"},
		{Proto: "udp", Port: 5683, State: "open|filtered", Interface: "IF-COAP", Name: "Bedside CoAP", Verdict: "open_filtered"},
	}
	if diff := cmp.Diff(want, r.Ports); diff != "" {
		t.Errorf("ports (-want +got):\n%s", diff)
	}
	if r.Undeclared != 2 || r.DeclaredClosed != 2 || !r.Failed() {
		t.Errorf("undeclared %d, declared_closed %d, failed %v; want 2, 2, true", r.Undeclared, r.DeclaredClosed, r.Failed())
	}
	if r.Host != "pump-bench.lab" || r.Address != "10.20.0.7" || r.TCPRange != "1-1024,2575,8443" || r.UDPRange != "161,514,5353,5683" {
		t.Errorf("header %s %s %s %s", r.Host, r.Address, r.TCPRange, r.UDPRange)
	}
}

// TestReportFormats goldens both writers on fixed data (a scan of real
// sockets has other ports every run) and reads the JSON back.
func TestReportFormats(t *testing.T) {
	t.Parallel()
	clean := &portscan.Scan{Host: "localhost", Addr: netip.MustParseAddr("127.0.0.1"), TCP: []int{8443}, Results: []portscan.Result{{portscan.TCP, 8443, portscan.Open}}}
	for name, r := range map[string]*portscan.Report{
		"findings": portscan.NewReport(sampleScan(), interfaces(), scanDay),
		"clean":    portscan.NewReport(clean, interfaces(), scanDay),
		"nothing":  portscan.NewReport(&portscan.Scan{Host: "::1", Addr: netip.IPv6Loopback(), UDP: []int{9}}, nil, scanDay),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var text, js bytes.Buffer
			if err := portscan.WriteText(&text, r); err != nil {
				t.Fatal(err)
			}
			if err := portscan.WriteJSON(&js, r); err != nil {
				t.Fatal(err)
			}
			testutil.Golden(t, ".txt", text.Bytes())
			testutil.Golden(t, ".json", js.Bytes())
			back, err := portscan.ParseReport(bytes.NewReader(js.Bytes()))
			if err != nil {
				t.Fatalf("ParseReport of WriteJSON: %v", err)
			}
			if diff := cmp.Diff(r, back, cmp.AllowUnexported(ward.Date{})); diff != "" {
				t.Errorf("read back (-written +read):\n%s", diff)
			}
		})
	}
}

// TestParseReportRejects breaks a valid report one way at a time.
func TestParseReportRejects(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := portscan.WriteJSON(&b, portscan.NewReport(sampleScan(), interfaces(), scanDay)); err != nil {
		t.Fatal(err)
	}
	valid := b.String()
	for _, tc := range []struct{ name, old, new, want string }{
		{"kind", `"ward-port-scan"`, `"ward-scan"`, `kind is "ward-scan"`},
		{"version", `"version": 1`, `"version": 2`, "version 2 is not supported"},
		{"unknown_field", `"undeclared": 2`, `"undeclared": 2, "extra": 1`, "unknown field"},
		{"trailing", "\"declared_closed\": 2\n}\n", "\"declared_closed\": 2\n}\n{}", "after top-level value"},
		{"bad_state", `"state": "filtered"`, `"state": "stealth"`, "unknown port state"},
		{"bad_verdict", `"verdict": "declared_closed"`, `"verdict": "meh"`, "unknown verdict"},
		{"bad_proto", `"proto": "udp"`, `"proto": "sctp"`, "unknown protocol"},
		{"bad_date", `"2026-11-26"`, `"26.11.2026"`, "invalid date"},
		{"no_date", `"2026-11-26"`, `""`, "date is empty"},
		{"no_host", `"host": "pump-bench.lab"`, `"host": ""`, "host is empty"},
		{"bad_address", `"10.20.0.7"`, `"pump"`, "address"},
		{"bad_range", `"1-1024,2575,8443"`, `"1-1024,x"`, "tcp_range"},
		{"noncanonical_range", `"1-1024,2575,8443"`, `"8443,1-1024,2575"`, "canonical"},
		{"outside_range", `"port": 8443`, `"port": 9443`, "outside the scanned range"},
		{"unsorted", `"port": 23`, `"port": 24`, ""}, // 24 is fine, still sorted: kept as a control below
		{"count", `"undeclared": 2`, `"undeclared": 0`, "disagree"},
		{"contradiction", `"state": "closed",
      "interface": "IF-MDNS"`, `"state": "open",
      "interface": "IF-MDNS"`, "contradicts"},
		{"undeclared_named", `"interface": "",
      "verdict": "undeclared",
      "name": ""`, `"interface": "",
      "verdict": "undeclared",
      "name": "x"`, "name without interface"},
		{"ports_null", `"ports": [`, `"ports": null, "p": [`, "unknown field"},
		{"not_json", `{`, `[`, "port scan report"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(valid, tc.old) {
				t.Fatalf("report lacks %q:\n%s", tc.old, valid)
			}
			_, err := portscan.ParseReport(strings.NewReader(strings.Replace(valid, tc.old, tc.new, 1)))
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("rejected: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
	if _, err := portscan.ParseReport(strings.NewReader(strings.Replace(valid, `"port": 23`, `"port": 8444`, 1))); err == nil {
		t.Error("ports out of order: accepted")
	}
}

func FuzzParseReport(f *testing.F) {
	for _, name := range []string{"findings", "clean", "nothing"} {
		f.Add(testutil.Read(f, "testdata/TestReportFormats/"+name+".json"))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := portscan.ParseReport(bytes.NewReader(b))
		if err != nil {
			return
		}
		var once, twice bytes.Buffer
		if err := portscan.WriteJSON(&once, r); err != nil {
			t.Fatalf("accepted report cannot be written: %v", err)
		}
		r2, err := portscan.ParseReport(bytes.NewReader(once.Bytes()))
		if err != nil {
			t.Fatalf("written report does not read back: %v\n%s", err, once.Bytes())
		}
		portscan.WriteJSON(&twice, r2)
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatalf("report changes on a round trip:\n%s\n%s", once.Bytes(), twice.Bytes())
		}
		if err := portscan.WriteText(&twice, r2); err != nil {
			t.Fatal(err)
		}
	})
}
