package match_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/match"
	"github.com/wardhq/ward/version"
)

// corpus is the real OSV data of the shared set, by ecosystem.
var corpus = []struct {
	file, ecosystem, purlType string
}{
	{"pypi.jsonl", "PyPI", "pypi"},
	{"go.jsonl", "Go", "golang"},
	{"crates.jsonl", "crates.io", "cargo"},
}

// candidates returns the versions worth probing for an affected entry:
// every event and listed version, and neighbours on both sides of each.
func candidates(eco string, aff ward.Affected, maxListed int) []string {
	var vs []string
	for _, r := range aff.Ranges {
		if r.Type == "GIT" {
			continue
		}
		for _, e := range r.Events {
			for _, s := range []string{e.Introduced, e.Fixed, e.LastAffected} {
				if s != "" && s != "0" {
					vs = append(vs, neighbours(eco, s)...)
				}
			}
		}
	}
	for i, s := range aff.Versions {
		if i >= maxListed {
			break
		}
		vs = append(vs, neighbours(eco, s)...)
	}
	slices.Sort(vs)
	return slices.Compact(vs)
}

// neighbours returns v, the versions just above and below its last number,
// and a pre-release and a post-release of it in the ecosystem's spelling.
func neighbours(eco, v string) []string {
	out := []string{v}
	core, rest := v, ""
	if i := strings.IndexAny(v, "-+"); i >= 0 && eco != "PyPI" {
		core, rest = v[:i], v[i:]
	}
	if i := strings.LastIndexByte(core, '.'); i >= 0 {
		if n, err := strconv.Atoi(core[i+1:]); err == nil {
			out = append(out, core[:i+1]+strconv.Itoa(n+1)+rest)
			if n > 0 {
				out = append(out, core[:i+1]+strconv.Itoa(n-1)+rest)
			}
		}
	}
	switch eco {
	case "PyPI":
		out = append(out, v+"rc1", v+".post1", v+".dev0")
	default:
		if rest == "" {
			out = append(out, v+"-rc.1", v+"+build.1")
		}
	}
	return out
}

func purlOf(typ, name, v string) string {
	if typ == "golang" && !strings.HasPrefix(v, "v") {
		v = "v" + v
	}
	return "pkg:" + typ + "/" + name + "@" + v
}

// refVersions parses versions for the reference, remembering them only
// to keep the test fast.
type refVersions map[[2]string]version.Version

func (rv refVersions) compare(scheme, a, b string) (int, error) {
	get := func(s string) (version.Version, error) {
		if v, ok := rv[[2]string{scheme, s}]; ok {
			return v, nil
		}
		v, err := version.Parse(scheme, s)
		if err == nil {
			rv[[2]string{scheme, s}] = v
		}
		return v, err
	}
	va, err := get(a)
	if err != nil {
		return 0, err
	}
	vb, err := get(b)
	if err != nil {
		return 0, err
	}
	return va.Compare(vb), nil
}

// reference is the OSV evaluation algorithm written out plainly from the
// schema's pseudocode: every record scanned, every event list sorted on
// every call, every listed version compared: slow, obvious, independent of
// the matcher's compiled ranges, early exits, binary searches and memo.
func (rv refVersions) reference(eco string, aff ward.Affected, v string) (affected, undecidable bool) {
	for _, lv := range aff.Versions {
		if lv == v {
			return true, false
		}
		if c, err := rv.compare(eco, lv, v); err == nil && c == 0 {
			return true, false
		}
	}
	git := 0
	for _, r := range aff.Ranges {
		scheme := eco
		switch r.Type {
		case "GIT":
			git++
			continue
		case "SEMVER":
			scheme = version.SemVer
		}
		cmpv := func(a, b string) int {
			c, err := rv.compare(scheme, a, b)
			if err != nil {
				panic(err)
			}
			return c
		}
		key := func(e ward.Event) string { return e.Introduced + e.Fixed + e.LastAffected + e.Limit }
		events := slices.Clone(r.Events)
		sort.SliceStable(events, func(i, j int) bool {
			a, b := events[i], events[j]
			if a.Introduced == "0" || b.Introduced == "0" {
				return a.Introduced == "0" && b.Introduced != "0"
			}
			return cmpv(key(a), key(b)) < 0
		})
		limited, below := false, false
		for _, e := range events {
			if e.Limit != "" {
				limited = true
				if strings.Contains(e.Limit, "*") || cmpv(v, e.Limit) < 0 {
					below = true
				}
			}
		}
		if limited && !below {
			continue
		}
		vulnerable := false
		for _, e := range events {
			switch {
			case e.Introduced != "" && (e.Introduced == "0" || cmpv(v, e.Introduced) >= 0):
				vulnerable = true
			case e.Fixed != "" && cmpv(v, e.Fixed) >= 0:
				vulnerable = false
			case e.LastAffected != "" && cmpv(v, e.LastAffected) > 0:
				vulnerable = false
			}
		}
		if vulnerable {
			return true, false
		}
	}
	if git > 0 && git == len(aff.Ranges) {
		return true, true
	}
	return false, false
}

// TestMatchAgreesWithReference runs a sample of the real PyPI, Go and
// crates.io advisories through the matcher and the reference evaluation,
// over versions drawn from the advisories' own events and versions lists
// and their neighbours, and requires the same verdict on every case.
func TestMatchAgreesWithReference(t *testing.T) {
	t.Parallel()
	dir := testutil.SharedData(t, "osv")
	step := 4 // every fourth advisory: ~2,000 records, ~25,000 versions
	if testing.Short() {
		step = 25
	}
	for _, c := range corpus {
		t.Run(c.ecosystem, func(t *testing.T) {
			t.Parallel()
			all := readRecords(t, filepath.Join(dir, c.file))
			src := newMemSource(all, pep503)
			byPkg := map[string][]*ward.Advisory{}
			for _, a := range all {
				for _, af := range a.Affected {
					n := pep503(c.ecosystem, af.Name)
					if !slices.Contains(byPkg[n], a) {
						byPkg[n] = append(byPkg[n], a)
					}
				}
			}
			// Components: candidate versions of every package of the sample.
			type probe struct{ name, version string }
			var probes []probe
			seen := map[probe]bool{}
			for i, a := range all {
				if i%step != 0 {
					continue
				}
				for _, af := range a.Affected {
					for _, v := range candidates(c.ecosystem, af, 12) {
						p := probe{af.Name, v}
						if !seen[p] {
							seen[p] = true
							probes = append(probes, p)
						}
					}
				}
			}
			comps := make([]*ward.Component, len(probes))
			for i, p := range probes {
				comps[i] = &ward.Component{Name: p.name, PURL: purlOf(c.purlType, p.name, p.version), Path: fmt.Sprint(i)}
			}
			res, err := match.Match(context.Background(), comps, src, match.Options{Normalize: pep503})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.NotMatchable) > 0 {
				t.Errorf("%d components not matchable, first: %s: %s", len(res.NotMatchable),
					res.NotMatchable[0].Component.PURL, res.NotMatchable[0].Reason)
			}
			got := map[*ward.Component]map[string]bool{} // advisory → undecidable
			for _, f := range res.Findings {
				if got[f.Component] == nil {
					got[f.Component] = map[string]bool{}
				}
				got[f.Component][f.Advisory] = f.Match.Undecidable != ""
			}
			cases, affected, bad := 0, 0, 0
			rv := refVersions{}
			for i, p := range probes {
				want := map[string]bool{}
				for _, a := range byPkg[pep503(c.ecosystem, p.name)] {
					if !a.Withdrawn.IsZero() {
						continue
					}
					hit, und := false, false
					for _, af := range a.Affected {
						if version.Base(af.Ecosystem) != c.ecosystem || pep503(c.ecosystem, af.Name) != pep503(c.ecosystem, p.name) {
							continue
						}
						in, u := rv.reference(c.ecosystem, af, p.version)
						if in && !u {
							hit, und = true, false
							break
						}
						if in {
							hit, und = true, true
						}
					}
					cases++
					if hit {
						want[a.ID] = und
						affected++
					}
				}
				g := got[comps[i]]
				if g == nil {
					g = map[string]bool{}
				}
				for id, u := range want {
					if gu, ok := g[id]; !ok || gu != u {
						bad++
						if bad <= 20 {
							t.Errorf("%s@%s: reference says %s affects it (undecidable=%v), matcher %v", p.name, p.version, id, u, ok)
						}
					}
				}
				for id := range g {
					if _, ok := want[id]; !ok {
						bad++
						if bad <= 20 {
							t.Errorf("%s@%s: matcher reports %s, reference says unaffected", p.name, p.version, id)
						}
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d disagreements", bad)
			}
			t.Logf("%s: %d versions, %d (version, advisory) cases, %d affected, %d findings: all agree",
				c.ecosystem, len(probes), cases, affected, len(res.Findings))
		})
	}
}
