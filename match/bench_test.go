package match_test

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/match"
)

// BenchmarkMatch100k matches a 100,000-component SBOM against every
// advisory of the shared PyPI, Go and crates.io sets (~8,200 records). The
// components are the real packages of those records, each ~34 times, at
// versions drawn from the records' events and versions lists and their
// neighbours: a mix of affected and unaffected.
func BenchmarkMatch100k(b *testing.B) {
	dir := testutil.SharedData(b, "osv")
	var all []*ward.Advisory
	type pkg struct{ typ, name string }
	var pkgs []pkg
	versions := map[pkg][]string{}
	for _, c := range corpus {
		recs := readRecords(b, filepath.Join(dir, c.file))
		all = append(all, recs...)
		for _, a := range recs {
			for _, af := range a.Affected {
				p := pkg{c.purlType, af.Name}
				vs := candidates(c.ecosystem, af, 6)
				if len(vs) > 0 && versions[p] == nil {
					pkgs = append(pkgs, p)
				}
				versions[p] = append(versions[p], vs...)
			}
		}
	}
	src := newMemSource(all, pep503)
	const n = 100_000
	comps := make([]*ward.Component, n)
	for i := range comps {
		// Every package of the data about equally often, as in an SBOM
		// that pins many packages, each at one of its candidate versions.
		p := pkgs[i%len(pkgs)]
		vs := versions[p]
		v := vs[(i/len(pkgs)*7919)%len(vs)]
		comps[i] = &ward.Component{Name: p.name, Version: v, PURL: purlOf(p.typ, p.name, v),
			Path: fmt.Sprintf("components[%d]", i)}
	}
	b.ResetTimer()
	b.ReportAllocs()
	var res *match.Result
	cpu0 := cpuTime()
	for b.Loop() {
		var err error
		res, err = match.Match(context.Background(), comps, src, match.Options{Normalize: pep503})
		if err != nil {
			b.Fatal(err)
		}
	}
	// CPU time per scan, all goroutines and GC: on a shared machine it
	// says more than ns/op, which includes waiting for a core.
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(len(res.Findings)), "findings")
	b.ReportMetric(float64(res.Checked), "checked")
	b.ReportMetric(float64(len(src.index)), "packages")
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
