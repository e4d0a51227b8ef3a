package portscan_test

import (
	"context"
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/portscan"
)

// TestAllowed holds the decision that guards every probe: loopback always,
// anything else only when policy.scan_targets lists it. Nothing here sends
// or resolves anything.
func TestAllowed(t *testing.T) {
	t.Parallel()
	bench := []string{"10.0.0.1", "bench-3.lab", "[fd00::7]", "0.0.0.0", "224.0.0.1"}
	for _, tc := range []struct {
		host    string
		allowed []string
		want    string    // address; "" for a name cleared to be resolved
		code    ward.Code // refusal code; "" when allowed
	}{
		{host: "127.0.0.1", want: "127.0.0.1"},
		{host: "127.8.9.10", want: "127.8.9.10"},
		{host: "::1", want: "::1"},
		{host: "[::1]", want: "::1"},
		{host: "::ffff:127.0.0.1", want: "127.0.0.1"},
		{host: "localhost", want: "127.0.0.1"},
		{host: "LocalHost", want: "127.0.0.1"},
		{host: " 127.0.0.1 ", want: "127.0.0.1"},
		{host: "10.0.0.1", allowed: bench, want: "10.0.0.1"},
		{host: "::ffff:10.0.0.1", allowed: bench, want: "10.0.0.1"},
		{host: "fd00::7", allowed: bench, want: "fd00::7"},
		{host: "bench-3.lab", allowed: bench, want: ""},
		{host: "BENCH-3.LAB", allowed: bench, want: ""},

		{host: "192.0.2.1", code: ward.EForbidden},
		{host: "10.0.0.1", code: ward.EForbidden},
		{host: "10.0.0.2", allowed: bench, code: ward.EForbidden},
		{host: "example.org", code: ward.EForbidden},
		{host: "example.org", allowed: bench, code: ward.EForbidden},
		{host: "bench-3.lab.example.org", allowed: bench, code: ward.EForbidden},
		{host: "localhost.example.org", code: ward.EForbidden},
		{host: "0.0.0.0", code: ward.EForbidden},
		{host: "0.0.0.0", allowed: bench, code: ward.EForbidden},
		{host: "::", code: ward.EForbidden},
		{host: "255.255.255.255", code: ward.EForbidden},
		{host: "224.0.0.1", allowed: bench, code: ward.EForbidden},
		{host: "ff02::1", code: ward.EForbidden},
		{host: "fe80::1%eth0", code: ward.EForbidden},
		{host: "127.1", code: ward.EForbidden}, // not an address literal: a name nobody listed
		{host: "", code: ward.EInvalid},
		{host: "127.0.0.1:22", code: ward.EInvalid},
		{host: "[::1]:22", code: ward.EInvalid},
		{host: "http://127.0.0.1/", code: ward.EInvalid},
	} {
		t.Run(tc.host, func(t *testing.T) {
			t.Parallel()
			addr, err := portscan.Allowed(tc.host, tc.allowed)
			if tc.code != "" {
				if err == nil {
					t.Fatalf("Allowed(%q) = %v, want a refusal", tc.host, addr)
				}
				if got := ward.CodeOf(err); got != tc.code {
					t.Errorf("code = %s, want %s (%v)", got, tc.code, err)
				}
				if addr.IsValid() {
					t.Errorf("refusal returned the address %v", addr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Allowed(%q): %v", tc.host, err)
			}
			got := ""
			if addr.IsValid() {
				got = addr.String()
			}
			if got != tc.want {
				t.Errorf("Allowed(%q) = %q, want %q", tc.host, got, tc.want)
			}
		})
	}
}

// TestAllowedSaysWhatToDo checks the refusal names the remedy.
func TestAllowedSaysWhatToDo(t *testing.T) {
	t.Parallel()
	_, err := portscan.Allowed("192.0.2.1", nil)
	if err == nil || !strings.Contains(err.Error(), `add "192.0.2.1" to policy.scan_targets`) {
		t.Errorf("refusal %q does not say to add the host to policy.scan_targets", err)
	}
}

// TestResolve checks names are looked up only once allowed, and what they
// resolve to is judged again. The lookups are fakes: tests resolve nothing.
func TestResolve(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	never := func(_ context.Context, host string) ([]netip.Addr, error) {
		t.Errorf("lookup of %q: a refused or literal host must not be resolved", host)
		return nil, errors.New("no")
	}
	answer := func(addrs ...string) portscan.LookupFunc {
		return func(_ context.Context, host string) ([]netip.Addr, error) {
			var out []netip.Addr
			for _, a := range addrs {
				out = append(out, netip.MustParseAddr(a))
			}
			return out, nil
		}
	}
	allowed := []string{"bench-3.lab"}
	for _, host := range []string{"example.org", "192.0.2.1", "10.0.0.1", "0.0.0.0"} {
		if _, err := portscan.Resolve(ctx, host, allowed, never); ward.CodeOf(err) != ward.EForbidden {
			t.Errorf("Resolve(%q) = %v, want a refusal", host, err)
		}
	}
	for host, want := range map[string]string{"127.0.0.1": "127.0.0.1", "localhost": "127.0.0.1", "[::1]": "::1"} {
		tg, err := portscan.Resolve(ctx, host, nil, never)
		if err != nil || tg.Addr().String() != want {
			t.Errorf("Resolve(%q) = %v, %v; want %s", host, tg.Addr(), err, want)
		}
	}
	tg, err := portscan.Resolve(ctx, "bench-3.lab", allowed, answer("::ffff:127.0.0.2", "127.0.0.3"))
	if err != nil || tg.Addr().String() != "127.0.0.2" || tg.Host() != "bench-3.lab" {
		t.Errorf("Resolve(bench-3.lab) = %q %v, %v; want bench-3.lab 127.0.0.2", tg.Host(), tg.Addr(), err)
	}
	if _, err := portscan.Resolve(ctx, "bench-3.lab", allowed, answer("0.0.0.0")); ward.CodeOf(err) != ward.EForbidden {
		t.Errorf("a listed name resolving to 0.0.0.0: %v, want a refusal", err)
	}
	if _, err := portscan.Resolve(ctx, "bench-3.lab", allowed, answer()); err == nil {
		t.Error("a listed name without addresses: no error")
	}
	if _, err := portscan.Resolve(ctx, "bench-3.lab", allowed, nil); err == nil {
		t.Error("a listed name without a resolver: no error")
	}
}
