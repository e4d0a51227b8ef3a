// Package match decides which SBOM components OSV advisories affect, the
// way the OSV schema's evaluation algorithm says: each range on its own,
// events in version order, "0" before everything, last_affected inclusive,
// explicit versions lists, every affected entry, withdrawn records never.
// Versions are ordered by package version (the ecosystem's own rules).
//
// Every component ends up either checked (and matched or not) or in
// Result.NotMatchable with the reason, never silently skipped. Every
// finding says which identifier, entry, range and comparator decided it.
//
// It imports ward and version only; advisories come through Source, which
// the osv store implements.
package match

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	packageurl "github.com/package-url/packageurl-go"
	"github.com/wardhq/ward"
)

// Source gives the advisories that name one package. osv.Store implements it.
type Source interface {
	// Lookup returns every advisory with an affected entry for the package;
	// ecosystem is the OSV base ecosystem (no ":suffix"), name is
	// normalized by Options.Normalize. It returns nil for an unknown
	// package. Match calls it from one goroutine and never modifies the
	// advisories returned.
	Lookup(ecosystem, name string) []*ward.Advisory
}

// Alias is a rule of the security file that names a component the way
// OSV does, for components that have no purl (C libraries, firmware) or a
// purl OSV does not cover (pkg:generic).
type Alias struct {
	// Match selects components: a CPE prefix ("cpe:2.3:a:zlib:zlib:"), a
	// purl prefix ("pkg:generic/zlib@"), or else a component name or
	// "group/name", compared exactly.
	Match string
	// PURL is the package URL to match the component as, e.g.
	// "pkg:deb/debian/zlib?distro=debian-12". Without a version, the
	// component's version is used.
	PURL string
}

// Options tune Match. The zero Options is valid.
type Options struct {
	Aliases []Alias // first matching rule wins; applied before the component's own purl
	// Normalize maps a package name to the form the Source is keyed by;
	// pass osv.NormalizeName. nil normalizes PyPI names (PEP 503) and
	// leaves the others as written.
	Normalize func(ecosystem, name string) string
	// Workers is how many goroutines evaluate packages; 0 means GOMAXPROCS.
	Workers int
}

// NotMatchable is a component that could not be checked, and why.
type NotMatchable struct {
	Component *ward.Component
	Reason    string // e.g. "no package identifier (purl or CPE)"
}

// Result is what a scan decided about every component.
type Result struct {
	// Findings has one finding per affected (component, advisory), sorted
	// in input (document) order of the components, then advisory ID.
	Findings []ward.Finding
	// NotMatchable is every component that could not be checked, in input order.
	NotMatchable []NotMatchable
	Components   int // components given (nil entries not counted)
	Checked      int // components whose package and version could be evaluated
	Matched      int // checked components with at least one finding
}

// Reasons a component is not matchable that other packages may present.
const (
	ReasonNoIdentifier = "no package identifier (purl or CPE)"
	ReasonCPEOnly      = "CPE only: the OSV advisory data is keyed by package; add an alias rule mapping it to a purl"
	ReasonNoVersion    = "no version: neither the purl nor the component gives one"
)

// Undecidable reasons a finding may carry.
const (
	UndecidableGIT = "GIT ranges cannot be decided offline"
)

type pkgKey struct{ eco, name string }

// target is a component resolved to an OSV package.
type target struct {
	idx        int
	comp       *ward.Component
	pkg        Package
	identifier string
}

// found is a component's judgement, until findings are built in order.
type found struct {
	t *target
	r *memoResult
}

type rejected struct {
	idx    int
	reason string
}

// Match checks components against the advisories of src. It returns an
// EInvalid error for a malformed alias rule, and ctx's error if cancelled.
func Match(ctx context.Context, components []*ward.Component, src Source, opts Options) (*Result, error) {
	normalize := opts.Normalize
	if normalize == nil {
		normalize = defaultNormalize
	}
	for i, a := range opts.Aliases {
		if a.Match == "" {
			return nil, ward.Errorf(ward.EInvalid, "alias rule %d: match is empty (want a CPE prefix, purl prefix or component name)", i+1)
		}
		if _, err := packageurl.FromString(a.PURL); err != nil {
			return nil, ward.Errorf(ward.EInvalid, "alias rule %d (%s): invalid purl %q: %v", i+1, a.Match, a.PURL, err)
		}
	}

	res := &Result{}
	var rej []rejected
	groups := map[pkgKey][]target{}
	for i, c := range components {
		if c == nil {
			continue
		}
		res.Components++
		t, reason := identify(c, opts.Aliases)
		if reason != "" {
			rej = append(rej, rejected{i, reason})
			continue
		}
		t.idx = i
		k := pkgKey{t.pkg.Ecosystem, normalize(t.pkg.Ecosystem, t.pkg.Name)}
		groups[k] = append(groups[k], t)
	}

	keys := make([]pkgKey, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	// Biggest groups first, so that workers finish together.
	slices.SortFunc(keys, func(a, b pkgKey) int {
		return cmp.Or(cmp.Compare(len(groups[b]), len(groups[a])), cmp.Compare(a.eco, b.eco), cmp.Compare(a.name, b.name))
	})
	advs := make([][]*ward.Advisory, len(keys))
	for i, k := range keys {
		advs[i] = src.Lookup(k.eco, k.name)
	}

	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(1, len(keys)))
	// judged[i] is component i's judgement: each component is in one
	// group, each group in one worker, so workers write disjoint slots.
	judged := make([]found, len(components))
	type partial struct {
		rej              []rejected
		checked, matched int
	}
	parts := make([]partial, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			p := &parts[w]
			for {
				i := int(next.Add(1) - 1)
				if i >= len(keys) || ctx.Err() != nil {
					return
				}
				k := keys[i]
				ps := newParser(k.eco)
				ev := evaluator{eco: k.eco, p: ps, advisories: compile(ps, k.name, advs[i], normalize), memo: map[memoKey]*memoResult{}}
				ts := groups[k]
				for j := range ts {
					t := &ts[j]
					r := ev.evaluate(t.pkg.Release, t.pkg.Version)
					if r.reason != "" {
						p.rej = append(p.rej, rejected{t.idx, r.reason})
						continue
					}
					p.checked++
					if len(r.hits) > 0 {
						p.matched++
					}
					judged[t.idx] = found{t, r}
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	n := 0
	for _, p := range parts {
		rej = append(rej, p.rej...)
		res.Checked += p.checked
		res.Matched += p.matched
	}
	// Components in input (document) order; a component's hits are
	// already in advisory ID order, as compile sorted its advisories.
	order := make([]int, 0, res.Checked)
	for i, j := range judged {
		if j.r != nil {
			order = append(order, i)
			n += len(j.r.hits)
		}
	}
	res.Findings = make([]ward.Finding, 0, n)
	for _, i := range order {
		j := judged[i]
		for h := range j.r.hits {
			res.Findings = append(res.Findings, j.r.hits[h].finding(j.t))
		}
	}
	slices.SortFunc(rej, func(a, b rejected) int { return cmp.Compare(a.idx, b.idx) })
	res.NotMatchable = make([]NotMatchable, len(rej))
	for i, r := range rej {
		res.NotMatchable[i] = NotMatchable{Component: components[r.idx], Reason: r.reason}
	}
	return res, nil
}

// identify resolves c to an OSV package through an alias rule or its own
// purl, or says why it cannot be.
func identify(c *ward.Component, aliases []Alias) (target, string) {
	purl, via := c.PURL, ""
	for _, a := range aliases {
		if a.Matches(c) {
			purl, via = a.PURL, a.Match
			break
		}
	}
	if purl == "" {
		if c.CPE != "" {
			return target{}, ReasonCPEOnly
		}
		return target{}, ReasonNoIdentifier
	}
	pkg, err := FromPURL(purl)
	if err == nil {
		if reason := notComparable(pkg); reason != "" {
			err = ward.Errorf(ward.EInvalid, "%s", reason)
		}
	}
	if err != nil {
		if via != "" {
			return target{}, fmt.Sprintf("alias rule %s: %s", via, ward.MessageOf(err))
		}
		return target{}, ward.MessageOf(err)
	}
	// The purl's version names the package exactly; an alias purl
	// without one stands for every version of the component.
	id := purl
	if pkg.Version == "" {
		pkg.Version = c.Version
		if pkg.Version == "" && via != "" && c.PURL != "" {
			if own, err := packageurl.FromString(c.PURL); err == nil {
				pkg.Version = own.Version
			}
		}
		if pkg.Version == "" {
			return target{}, ReasonNoVersion
		}
		id = withVersion(purl, pkg.Version)
	}
	id = "purl:" + id
	if via != "" {
		id += " (alias rule " + via + ")"
	}
	return target{comp: c, pkg: pkg, identifier: id}, ""
}

// Matches reports whether the rule selects component c.
func (a Alias) Matches(c *ward.Component) bool {
	switch {
	case strings.HasPrefix(a.Match, "cpe:"):
		return c.CPE != "" && strings.HasPrefix(c.CPE, a.Match)
	case strings.HasPrefix(a.Match, "pkg:"):
		return c.PURL != "" && strings.HasPrefix(c.PURL, a.Match)
	}
	return a.Match == c.Name || (c.Group != "" && a.Match == c.Group+"/"+c.Name)
}

// defaultNormalize applies PEP 503 to PyPI names, the only ecosystem whose
// OSV names are defined as normalized; other names are kept as written.
func defaultNormalize(ecosystem, name string) string {
	if ecosystem != "PyPI" {
		return name
	}
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(name) {
		if r == '-' || r == '_' || r == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		b.WriteRune(r)
	}
	return b.String()
}
