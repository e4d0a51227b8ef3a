package portscan_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/wardhq/ward/portscan"
)

func TestParsePorts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in      string
		want    string // FormatPorts of the result
		wantErr string // part of the error, naming the bad item
	}{
		{in: "", want: ""},
		{in: "  ", want: ""},
		{in: "22", want: "22"},
		{in: "22,80,8000-8100", want: "22,80,8000-8100"},
		{in: "80, 22 ,22,81,79", want: "22,79-81"},
		{in: "1-1024,8443,1000-1030", want: "1-1030,8443"},
		{in: "65535", want: "65535"},
		{in: "5-5", want: "5"},
		{in: "22,x", wantErr: `"x" is not a port`},
		{in: "22,,80", wantErr: "empty item"},
		{in: "22,", wantErr: "empty item"},
		{in: "0", wantErr: "port 0 is out of range"},
		{in: "65536", wantErr: "port 65536 is out of range"},
		{in: "8100-8000", wantErr: `"8100-8000" runs backwards`},
		{in: "-5", wantErr: `"-5" in port list`},
		{in: "1-2-3", wantErr: `"1-2-3" in port list`},
		{in: "+22", wantErr: `"+22" is not a port`},
		{in: "80-", wantErr: `"80-" in port list`},
	} {
		got, err := portscan.ParsePorts(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParsePorts(%q) error = %v, want one containing %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParsePorts(%q): %v", tc.in, err)
			continue
		}
		if s := portscan.FormatPorts(got); s != tc.want {
			t.Errorf("ParsePorts(%q) = %s, want %s", tc.in, s, tc.want)
		}
	}
}

func FuzzParsePorts(f *testing.F) {
	for _, s := range []string{"22,80,8000-8100", "1-65535", "", "9,8,7", "x-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ports, err := portscan.ParsePorts(s)
		if err != nil {
			return
		}
		if !slices.IsSorted(ports) || len(slices.Compact(slices.Clone(ports))) != len(ports) {
			t.Fatalf("ParsePorts(%q) is not sorted and distinct", s)
		}
		again, err := portscan.ParsePorts(portscan.FormatPorts(ports))
		if err != nil || !slices.Equal(again, ports) {
			t.Fatalf("FormatPorts(ParsePorts(%q)) does not read back: %v", s, err)
		}
	})
}
