package match

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/version"
)

// evaluator judges the versions of one package against its compiled
// advisories. Components of the same package, release and version share
// one judgement (memo): SBOMs repeat packages, and a judgement is pure.
type evaluator struct {
	eco        string
	p          *parser
	advisories []*compiledAdvisory
	memo       map[memoKey]*memoResult
}

type memoKey struct{ release, version string }

type memoResult struct {
	reason string // not matchable: the version does not parse
	hits   []hit
}

// hit is one advisory that affects a version, with the evidence.
type hit struct {
	adv         *compiledAdvisory
	entry       *compiledEntry
	rng         string // the range or "versions list"
	semver      bool   // decided by a SEMVER range
	undecidable string
	fixed       []string // of the entries that apply to the component's release
}

// evaluate returns the judgement of a version; its hits stay where they
// are (findings point at them) until the scan ends.
func (ev *evaluator) evaluate(release, raw string) *memoResult {
	k := memoKey{release, raw}
	if r, ok := ev.memo[k]; ok {
		return r
	}
	r := ev.judge(release, raw)
	ev.memo[k] = r
	return r
}

func (ev *evaluator) judge(release, raw string) *memoResult {
	v, err := ev.p.parse(ev.eco, raw)
	if err != nil {
		return &memoResult{reason: fmt.Sprintf("version %q is not a valid %s version (%s)", raw, ev.eco, version.Comparator(ev.eco))}
	}
	var sv version.Version // v by SemVer 2.0.0, parsed when a SEMVER range needs it
	var hits []hit
	for _, ca := range ev.advisories {
		var decided, undecided *hit
		for ei := range ca.entries {
			e := &ca.entries[ei]
			// A suffix on a distribution ecosystem scopes the entry to a
			// release; elsewhere (Maven:https://…) it names a repository.
			if e.suffix != "" && release != "" && !releaseMatches(e.suffix, release) {
				continue
			}
			for ri := range e.ranges {
				rg := &e.ranges[ri]
				if rg.invalid != "" {
					if undecided == nil {
						undecided = &hit{adv: ca, entry: e, rng: rg.desc, undecidable: "range cannot be evaluated: " + rg.invalid}
					}
					continue
				}
				in := v
				if rg.semver {
					if sv.IsZero() {
						sv, _ = ev.p.parse(version.SemVer, raw)
					}
					in = sv
				}
				if rg.includes(in) {
					decided = &hit{adv: ca, entry: e, rng: rg.desc, semver: rg.semver}
					break
				}
			}
			if decided == nil && e.listed(raw, v) {
				decided = &hit{adv: ca, entry: e, rng: "versions list"}
			}
			if decided != nil {
				break
			}
			if e.gitOnly && undecided == nil {
				undecided = &hit{adv: ca, entry: e, rng: gitRanges(e.aff), undecidable: UndecidableGIT}
			}
		}
		h := cmp.Or(decided, undecided)
		if h == nil {
			continue
		}
		h.fixed = ca.fixed
		if ca.scoped && release != "" {
			h.fixed = fixedOf(ev.eco, ca.entries, func(e *compiledEntry) bool {
				return e.suffix == "" || releaseMatches(e.suffix, release)
			})
		}
		hits = append(hits, *h)
	}
	return &memoResult{hits: hits}
}

func gitRanges(aff *ward.Affected) string {
	var parts []string
	for _, r := range aff.Ranges {
		if r.Type == "GIT" {
			parts = append(parts, describe(r))
		}
	}
	return strings.Join(parts, "; ")
}

// finding explains h for component t.
func (h *hit) finding(t *target) ward.Finding {
	a := h.adv.adv
	comparator := version.Comparator(t.pkg.Ecosystem)
	if h.semver {
		comparator = version.Comparator(version.SemVer)
	}
	return ward.Finding{
		Component: t.comp,
		Advisory:  a.ID,
		Aliases:   slices.Clone(h.adv.aliases),
		Summary:   a.Summary,
		Severity:  h.entry.severity,
		Match: ward.MatchReason{
			Ecosystem:   h.entry.aff.Ecosystem,
			Package:     h.entry.aff.Name,
			Identifier:  t.identifier,
			Range:       h.rng,
			Comparator:  comparator,
			Undecidable: h.undecidable,
		},
		Fixed: slices.Clone(h.fixed),
	}
}
