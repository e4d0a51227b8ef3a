package vex_test

import (
	"strings"
	"testing"
	"time"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/vex"
)

func TestCarryForward(t *testing.T) {
	t.Parallel()
	decided := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	comp := func(ref, name, version, purl string) *ward.Component {
		return &ward.Component{Ref: ref, Name: name, Version: version, PURL: purl}
	}
	prevComps := []*ward.Component{
		comp("r1", "a", "1.0", "pkg:npm/a@1.0"),
		comp("r2", "b", "2.0", "pkg:npm/b@2.0"),
		comp("r3", "gone", "1.0", "pkg:npm/gone@1.0"),
		comp("r4", "fw", "3.1", ""),
	}
	currComps := []*ward.Component{
		comp("x1", "a", "1.0", "pkg:npm/a@1.0"),
		comp("x2", "b", "2.1", "pkg:npm/b@2.1"),
		comp("x4", "fw", "3.1", ""),
	}
	st := func(vuln string, product string, comps ...string) ward.VEXStatement {
		return ward.VEXStatement{Vulnerability: vuln, Product: product, Components: comps, Status: ward.VEXNotAffected,
			Justification: ward.VEXVulnerableCodeNotPresent, Timestamp: decided, Source: "prev.cdx.json#vulnerabilities[0]"}
	}
	prev := []ward.VEXStatement{
		st("CVE-A", "pkg:npm/a@1.0"),                          // unchanged: carried
		st("CVE-B", "pkg:npm/b@2.0"),                          // version changed: re-opened
		st("CVE-G", "pkg:npm/gone@1.0"),                       // removed: dropped
		st("CVE-F", "r4"),                                     // bom-ref: carried, renamed to the new ref
		st("CVE-M", "Pump", "pkg:npm/a@1.0", "pkg:npm/b@2.0"), // split
		st("CVE-P", "Acme Pump"),                              // product-wide: carried as is
		st("CVE-NEW", "pkg:npm/a@1.0"),                        // advisory modified after the decision: re-opened
		st("CVE-OLD", "pkg:npm/a@1.0"),                        // advisory modified before the decision: carried
	}
	modified := func(id string) time.Time {
		switch id {
		case "CVE-NEW":
			return decided.Add(24 * time.Hour)
		case "CVE-OLD":
			return decided.Add(-24 * time.Hour)
		}
		return time.Time{}
	}
	carried, reopened := vex.CarryForward(prev, prevComps, currComps, true, modified)

	var gotCarried []string
	for _, s := range carried {
		gotCarried = append(gotCarried, s.Vulnerability+" "+s.Product+" "+strings.Join(s.Components, ","))
		if !s.Timestamp.Equal(decided) || s.Source != "prev.cdx.json#vulnerabilities[0]" {
			t.Errorf("carried statement lost its provenance: %+v", s)
		}
	}
	wantCarried := []string{
		"CVE-A pkg:npm/a@1.0 ",
		"CVE-F x4 ",
		"CVE-M Pump pkg:npm/a@1.0",
		"CVE-P Acme Pump ",
		"CVE-OLD pkg:npm/a@1.0 ",
	}
	if strings.Join(gotCarried, "\n") != strings.Join(wantCarried, "\n") {
		t.Errorf("carried:\n%s\nwant:\n%s", strings.Join(gotCarried, "\n"), strings.Join(wantCarried, "\n"))
	}

	var gotReopened []string
	for _, r := range reopened {
		name := "-"
		if r.Component != nil {
			name = r.Component.DisplayName()
		}
		gotReopened = append(gotReopened, r.Statement.Vulnerability+" "+name+": "+r.Reason)
	}
	wantReopened := []string{
		"CVE-B b@2.1: b@2.0 version changed from 2.0 to 2.1",
		"CVE-M b@2.1: b@2.0 version changed from 2.0 to 2.1",
		"CVE-NEW -: advisory CVE-NEW was modified on 2024-03-02T00:00:00Z, after this decision of 2024-03-01T00:00:00Z",
	}
	if strings.Join(gotReopened, "\n") != strings.Join(wantReopened, "\n") {
		t.Errorf("reopened:\n%s\nwant:\n%s", strings.Join(gotReopened, "\n"), strings.Join(wantReopened, "\n"))
	}

	// Without a snapshot change, advisory modification times are not asked.
	carried, reopened = vex.CarryForward(prev[6:], prevComps, currComps, false, func(string) time.Time {
		t.Fatal("advisoryModified called although the snapshot did not change")
		return time.Time{}
	})
	if len(carried) != 2 || len(reopened) != 0 {
		t.Errorf("unchanged snapshot: carried %d, reopened %d; want 2, 0", len(carried), len(reopened))
	}

}
