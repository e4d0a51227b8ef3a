package vex_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/vex"
)

// fuzzParse checks that Parse never panics, that every rejection is a
// ward.PosErrors, and that accepted statements can be applied.
func fuzzParse(f *testing.F, globs ...string) {
	for _, g := range globs {
		files, _ := filepath.Glob(g)
		for _, file := range files {
			f.Add(testutil.Read(f, file))
		}
	}
	comp := &ward.Component{Ref: "r", Name: "a", Version: "1.0", PURL: "pkg:npm/a@1.0", CPE: "cpe:2.3:a:x:a:1.0:*:*:*:*:*:*:*"}
	bom := &ward.SBOM{Source: "fuzz.json", ID: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", Subject: &ward.Component{Ref: "p", Name: "p", Version: "2.4"}}
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := vex.Parse("fuzz.json", b)
		if err != nil {
			var pe ward.PosErrors
			if !errors.As(err, &pe) || len(pe) == 0 {
				t.Fatalf("rejection without a position: %v", err)
			}
			return
		}
		var fs []ward.Finding
		for _, s := range st[:min(len(st), 64)] { // Apply is findings × statements
			fs = append(fs, ward.Finding{Component: comp, Advisory: s.Vulnerability})
		}
		vex.ApplyScope(fs, st, vex.Scope{Product: "pkg:generic/p@2.4", SBOM: bom})
		vex.CarryForward(st, []*ward.Component{comp}, []*ward.Component{comp}, false, nil)
	})
}

func FuzzParseOpenVEX(f *testing.F) { fuzzParse(f, "testdata/openvex/*.json") }

func FuzzParseCSAFVEX(f *testing.F) {
	fuzzParse(f, "testdata/csaf/2022-evd-uc-0[1368]*.json", "testdata/csaf/go-vex-*.json")
}

func FuzzParseCycloneDXVEX(f *testing.F) {
	fuzzParse(f, "testdata/cyclonedx/vex.json", "testdata/cyclonedx/CISA-Use-Cases/Case-[178]/*.json", "testdata/cyclonedx/Use-Cases/Case-[45]/vex.json")
}
