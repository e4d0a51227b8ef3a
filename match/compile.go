package match

import (
	"slices"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/version"
)

// The compiled form of the advisories of one package: every event, limit
// and listed version parsed once per scan, events sorted, so that judging
// a component version is a handful of comparisons and no parsing.

type eventKind uint8

const (
	introduced eventKind = iota
	fixed
	lastAffected
)

type event struct {
	kind eventKind
	zero bool // introduced "0": before every version
	v    version.Version
}

type compiledRange struct {
	semver bool    // SEMVER: compare by SemVer 2.0.0, not the ecosystem
	events []event // sorted per the OSV evaluation algorithm
	limits []version.Version
	// anyLimit is set when the range has a limit event: then only versions
	// below one of limits are in the range ("*" is in limits as zero).
	anyLimit bool
	desc     string // e.g. "ECOSYSTEM introduced 3.0, fixed 3.2.13"
	invalid  string // why the range cannot be evaluated; "" when it can
}

// parser parses the versions of one package, each distinct string once:
// the same versions recur across a package's advisories (Django's lists
// repeat its ~300 releases in ~100 records). It belongs to one goroutine.
type parser struct {
	eco   string
	cache map[[2]string]parsed
}

type parsed struct {
	v   version.Version
	err error
}

func newParser(eco string) *parser { return &parser{eco: eco, cache: map[[2]string]parsed{}} }

// parse parses s by scheme (the package's ecosystem or version.SemVer).
func (p *parser) parse(scheme, s string) (version.Version, error) {
	k := [2]string{scheme, s}
	if r, ok := p.cache[k]; ok {
		return r.v, r.err
	}
	v, err := version.Parse(scheme, s)
	p.cache[k] = parsed{v, err}
	return v, err
}

type compiledEntry struct {
	aff        *ward.Affected
	p          *parser
	suffix     string            // ecosystem suffix after ":"; "" when none
	versions   []version.Version // parsed versions list, sorted; parsed on first need
	listParsed bool
	rawList    map[string]bool // versions list as written (also for unparseable entries)
	ranges     []compiledRange
	gitOnly    bool     // ranges are all GIT: undecidable offline
	fixed      []string // fixed events of the non-GIT ranges, as written
	severity   ward.FindingSeverity
}

type compiledAdvisory struct {
	adv     *ward.Advisory
	aliases []string // sorted
	entries []compiledEntry
	fixed   []string // fixed versions of all entries, sorted by the ecosystem
	scoped  bool     // some entry has an ecosystem suffix (a distribution release)
}

// compile prepares the advisories that name pkg (OSV base ecosystem eco,
// normalized name). Withdrawn advisories and entries for other packages
// are dropped here, so they can never match.
func compile(p *parser, name string, advs []*ward.Advisory, normalize func(string, string) string) []*compiledAdvisory {
	eco := p.eco
	var out []*compiledAdvisory
	seen := map[string]bool{}
	for _, a := range advs {
		if a == nil || !a.Withdrawn.IsZero() || seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		ca := &compiledAdvisory{adv: a, aliases: slices.Sorted(slices.Values(a.Aliases))}
		for i := range a.Affected {
			aff := &a.Affected[i]
			if version.Canonical(aff.Ecosystem) != eco || normalize(eco, aff.Name) != name {
				continue
			}
			e := compileEntry(p, aff)
			e.severity = Severity(aff.Severity, a.Severity)
			ca.entries = append(ca.entries, e)
			ca.scoped = ca.scoped || e.suffix != ""
		}
		if len(ca.entries) == 0 {
			continue
		}
		ca.fixed = fixedOf(eco, ca.entries, func(*compiledEntry) bool { return true })
		out = append(out, ca)
	}
	slices.SortFunc(out, func(a, b *compiledAdvisory) int { return strings.Compare(a.adv.ID, b.adv.ID) })
	return out
}

// fixedOf returns the distinct fixed versions of the entries keep
// accepts, sorted by the ecosystem's order.
func fixedOf(eco string, entries []compiledEntry, keep func(*compiledEntry) bool) []string {
	var vs []string
	for i := range entries {
		if !keep(&entries[i]) {
			continue
		}
		for _, f := range entries[i].fixed {
			if !slices.Contains(vs, f) {
				vs = append(vs, f)
			}
		}
	}
	return version.Sort(eco, vs)
}

func compileEntry(p *parser, aff *ward.Affected) compiledEntry {
	e := compiledEntry{aff: aff, p: p}
	if i := strings.IndexByte(aff.Ecosystem, ':'); i >= 0 {
		e.suffix = aff.Ecosystem[i+1:]
	}
	if len(aff.Versions) > 0 {
		e.rawList = make(map[string]bool, len(aff.Versions))
		for _, s := range aff.Versions {
			e.rawList[s] = true
		}
	}
	git := 0
	for _, r := range aff.Ranges {
		if r.Type == "GIT" {
			git++
			continue
		}
		e.ranges = append(e.ranges, compileRange(p, r))
		for _, ev := range r.Events {
			if ev.Fixed != "" {
				e.fixed = append(e.fixed, ev.Fixed)
			}
		}
	}
	e.gitOnly = git > 0 && git == len(aff.Ranges)
	return e
}

func compileRange(p *parser, r ward.Range) compiledRange {
	cr := compiledRange{desc: describe(r)}
	scheme := p.eco
	switch r.Type {
	case "SEMVER":
		cr.semver, scheme = true, version.SemVer
	case "ECOSYSTEM":
	default:
		cr.invalid = "unknown range type " + quote(r.Type)
		return cr
	}
	for _, ev := range r.Events {
		var k eventKind
		var s string
		switch {
		case ev.Introduced != "":
			k, s = introduced, ev.Introduced
		case ev.Fixed != "":
			k, s = fixed, ev.Fixed
		case ev.LastAffected != "":
			k, s = lastAffected, ev.LastAffected
		case ev.Limit != "":
			cr.anyLimit = true
			if strings.Contains(ev.Limit, "*") {
				cr.limits = append(cr.limits, version.Version{}) // infinity
				continue
			}
			v, err := p.parse(scheme, ev.Limit)
			if err != nil {
				cr.invalid = "limit " + quote(ev.Limit) + " is not a valid " + scheme + " version"
				return cr
			}
			cr.limits = append(cr.limits, v)
			continue
		default:
			continue
		}
		if k == introduced && s == "0" {
			cr.events = append(cr.events, event{kind: k, zero: true})
			continue
		}
		v, err := p.parse(scheme, s)
		if err != nil {
			cr.invalid = "event " + quote(s) + " is not a valid " + scheme + " version"
			return cr
		}
		cr.events = append(cr.events, event{kind: k, v: v})
	}
	// Sorted by version, introduced "0" first; ties keep the record's
	// order, which writes adjacent ranges as fixed X then introduced X.
	slices.SortStableFunc(cr.events, func(a, b event) int {
		switch {
		case a.zero && b.zero:
			return 0
		case a.zero:
			return -1
		case b.zero:
			return 1
		}
		return a.v.Compare(b.v)
	})
	return cr
}

// includes is the OSV evaluation algorithm for one range: v is affected
// when the last event at or below it introduced the vulnerability.
// eco is v parsed by the ecosystem, sv by SemVer (for SEMVER ranges).
func (r *compiledRange) includes(v version.Version) bool {
	if r.anyLimit {
		below := false
		for _, l := range r.limits {
			if l.IsZero() || v.Compare(l) < 0 {
				below = true
				break
			}
		}
		if !below {
			return false
		}
	}
	affected := false
	for i := range r.events {
		e := &r.events[i]
		if e.zero {
			affected = true
			continue
		}
		c := v.Compare(e.v)
		if c < 0 {
			break // events are sorted: none later can apply to v
		}
		switch e.kind {
		case introduced:
			affected = true
		case fixed:
			affected = false
		case lastAffected:
			if c > 0 {
				affected = false
			}
		}
	}
	return affected
}

// listed reports whether v is in the entry's versions list: written the
// same, or equal by the ecosystem's rules ("1.0" is "1.0.0" in PEP 440).
// The list is parsed on the first version not written as listed: most
// versions are decided by a range first.
func (e *compiledEntry) listed(raw string, v version.Version) bool {
	if len(e.rawList) == 0 {
		return false
	}
	if e.rawList[raw] {
		return true
	}
	if !e.listParsed {
		e.listParsed = true
		for _, s := range e.aff.Versions {
			if lv, err := e.p.parse(e.p.eco, s); err == nil {
				e.versions = append(e.versions, lv)
			}
		}
		slices.SortFunc(e.versions, version.Version.Compare)
	}
	_, ok := slices.BinarySearchFunc(e.versions, v, version.Version.Compare)
	return ok
}

// describe renders a range for a finding: "ECOSYSTEM introduced 3.0,
// fixed 3.2.13", events in the record's order.
func describe(r ward.Range) string {
	var b strings.Builder
	b.WriteString(r.Type)
	for i, ev := range r.Events {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteString(", ")
		}
		switch {
		case ev.Introduced != "":
			b.WriteString("introduced " + ev.Introduced)
		case ev.Fixed != "":
			b.WriteString("fixed " + ev.Fixed)
		case ev.LastAffected != "":
			b.WriteString("last_affected " + ev.LastAffected)
		case ev.Limit != "":
			b.WriteString("limit " + ev.Limit)
		}
	}
	if r.Type == "GIT" && r.Repo != "" {
		b.WriteString(" in " + r.Repo)
	}
	return b.String()
}

func quote(s string) string { return `"` + s + `"` }
