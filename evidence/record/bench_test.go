package record

import (
	"fmt"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/evidence"
)

// BenchmarkFromJUnit maps a report of 50,000 test cases onto a security
// file of 500 requirements (go test ./evidence/record -run '^$' -bench FromJUnit).
func BenchmarkFromJUnit(b *testing.B) {
	sf := &ward.SecurityFile{}
	for i := range 500 {
		sf.Requirements = append(sf.Requirements, &ward.Requirement{ID: fmt.Sprintf("REQ-%03d", i)})
	}
	rep := &evidence.JUnitReport{Dialect: "go"}
	for i := range 50_000 {
		rep.Cases = append(rep.Cases, evidence.Case{Suite: "pkg", Class: "pkg", Name: fmt.Sprintf("TestCase%d_REQ_%03d", i, i%700), Status: evidence.StatusPass})
	}
	b.ReportAllocs()
	for b.Loop() {
		imp := FromJUnit("big.xml", []byte("x"), rep, sf, meta)
		if len(imp.Tests) != 500 {
			b.Fatalf("%d tests, want 500", len(imp.Tests))
		}
	}
}
