package csaf

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// Document versions in CSAF are integers ("3") or semantic versions
// ("1.2.0-rc.1+build.5"), section 3.1.11.5 of the specification.

var (
	intVersionRE = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)
	semVersionRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
		`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
		`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)
)

// docVersion is a parsed document version.
type docVersion struct {
	raw                 string
	semantic            bool
	major, minor, patch string // decimal, without leading zeros; integer versions have major only
	pre                 []string
	build               string
}

// parseVersion parses an integer or semantic version; ok is false for
// anything else (the JSON schema reports it).
func parseVersion(s string) (docVersion, bool) {
	if intVersionRE.MatchString(s) {
		return docVersion{raw: s, major: s}, true
	}
	m := semVersionRE.FindStringSubmatch(s)
	if m == nil {
		return docVersion{}, false
	}
	v := docVersion{raw: s, semantic: true, major: m[1], minor: m[2], patch: m[3], build: m[5]}
	if m[4] != "" {
		v.pre = strings.Split(m[4], ".")
	}
	return v, true
}

// zero reports a version of 0 or 0.y.z: a draft's.
func (v docVersion) zero() bool { return v.major == "0" }

// compare orders two versions of the same scheme by precedence (build
// metadata ignored, as semantic versioning says).
func (v docVersion) compare(w docVersion) int {
	if c := cmp.Or(compareNumeric(v.major, w.major), compareNumeric(v.minor, w.minor), compareNumeric(v.patch, w.patch)); c != 0 {
		return c
	}
	switch {
	case len(v.pre) == 0 && len(w.pre) == 0:
		return 0
	case len(v.pre) == 0:
		return 1
	case len(w.pre) == 0:
		return -1
	}
	for i := 0; i < len(v.pre) && i < len(w.pre); i++ {
		if c := compareNumeric(v.pre[i], w.pre[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(v.pre), len(w.pre))
}

// withoutBuild is the version without build metadata; withoutPre also
// without the pre-release part.
func (v docVersion) withoutBuild() string {
	s, _, _ := strings.Cut(v.raw, "+")
	return s
}

func (v docVersion) withoutPre() string {
	s, _, _ := strings.Cut(v.withoutBuild(), "-")
	return s
}

// revision is one revision history item with its parsed parts.
type revision struct {
	index   int
	path    string
	number  docVersion
	valid   bool // number parsed
	date    string
	dateKey string // instant(date), for ordering
	dated   bool
}

// revisions runs the tests of the document's version and history: 6.1.14,
// 6.1.16 to 6.1.22, and 6.1.30.
func (c *checker) revisions() {
	tr := &c.a.Document.Tracking
	version, versionOK := parseVersion(tr.Version)
	var revs []revision
	for i, r := range tr.RevisionHistory {
		if r == nil {
			continue
		}
		rv := revision{index: i, path: idx("document.tracking.revision_history", i), date: r.Date}
		rv.number, rv.valid = parseVersion(r.Number)
		t, ok := parseDateTime(r.Date)
		rv.dated = ok
		if ok {
			rv.dateKey = t.UTC().Format("2006-01-02T15:04:05.000000000Z")
		}
		revs = append(revs, rv)
	}
	final := tr.Status == "final" || tr.Status == "interim"

	// 6.1.17 Document Status Draft
	if versionOK && (version.zero() || len(version.pre) > 0) && tr.Status != "draft" {
		c.fail("6.1.17", "document.tracking.status", "version %s is a draft's (0, 0.y.z or a pre-release), so the status must be draft, not %s", tr.Version, tr.Status)
	}
	// 6.1.20 Non-draft Document Version
	if versionOK && final && len(version.pre) > 0 {
		c.fail("6.1.20", "document.tracking.version", "a document with status %s must not have a pre-release version (%s)", tr.Status, tr.Version)
	}
	seenNumber := map[string]string{}
	for _, r := range revs {
		if !r.valid {
			continue
		}
		np := r.path + ".number"
		// 6.1.18 Released Revision History
		if final && r.number.zero() {
			c.fail("6.1.18", np, "revision %s is a draft's (0 or 0.y.z), which a document with status %s must not list", r.number.raw, tr.Status)
		}
		// 6.1.19 Revision History Entries for Pre-release Versions
		if len(r.number.pre) > 0 {
			c.fail("6.1.19", np, "revision %s is a pre-release: the history lists released versions only", r.number.raw)
		}
		// 6.1.22 Multiple Definition in Revision History
		if prev, ok := seenNumber[r.number.raw]; ok {
			c.fail("6.1.22", np, "revision %s is already listed at %s", r.number.raw, jsonPath(prev))
		} else {
			seenNumber[r.number.raw] = np
		}
	}

	// 6.1.30 Mixed Integer and Semantic Versioning
	mixed := false
	if versionOK {
		for _, r := range revs {
			if r.valid && r.number.semantic != version.semantic {
				mixed = true
				c.fail("6.1.30", r.path+".number", "revision %s is %s but the document version %s is %s: use one scheme", r.number.raw, scheme(r.number), tr.Version, scheme(version))
			}
		}
	}
	if mixed || slices.ContainsFunc(revs, func(r revision) bool { return !r.valid || !r.dated }) {
		return // the ordering tests need comparable numbers and dates
	}

	byDate := slices.Clone(revs)
	slices.SortStableFunc(byDate, func(a, b revision) int { return cmp.Compare(a.dateKey, b.dateKey) })

	// 6.1.14 Sorted Revision History
	for i := 1; i < len(byDate); i++ {
		prev, cur := byDate[i-1], byDate[i]
		if cur.number.compare(prev.number) < 0 {
			c.fail("6.1.14", cur.path+".number", "revision %s is dated %s, after revision %s (%s): numbers must grow with the dates", cur.number.raw, cur.date, prev.number.raw, prev.date)
		}
	}

	// 6.1.16 Latest Document Version: the newest revision (the highest
	// number among those of the newest date) is the document version.
	if versionOK && len(byDate) > 0 {
		latest := byDate[len(byDate)-1]
		for _, r := range byDate {
			if r.dateKey == latest.dateKey && r.number.compare(latest.number) > 0 {
				latest = r
			}
		}
		norm := func(v docVersion) string {
			if tr.Status == "draft" {
				return v.withoutPre()
			}
			return v.withoutBuild()
		}
		if norm(latest.number) != norm(version) {
			c.fail("6.1.16", "document.tracking.version", "version %s is not the latest revision, %s (dated %s)", tr.Version, latest.number.raw, latest.date)
		}
	}

	// 6.1.21 Missing Item in Revision History: the (major) numbers run
	// from 0 or 1 without a gap.
	var majors []string
	for _, r := range revs {
		if !slices.Contains(majors, r.number.major) {
			majors = append(majors, r.number.major)
		}
	}
	slices.SortFunc(majors, compareNumeric)
	if len(majors) > 0 && majors[0] != "0" && majors[0] != "1" {
		c.fail("6.1.21", "document.tracking.revision_history", "the revision history starts at %s: it must start at 0 or 1", majors[0])
	}
	for i := 1; i < len(majors); i++ {
		if want := increment(majors[i-1]); majors[i] != want {
			c.fail("6.1.21", "document.tracking.revision_history", "the revision history lacks %s %s (it goes from %s to %s)", versionWord(revs[0].number), want, majors[i-1], majors[i])
		}
	}
}

func scheme(v docVersion) string {
	if v.semantic {
		return "a semantic version"
	}
	return "an integer"
}

func versionWord(v docVersion) string {
	if v.semantic {
		return "major version"
	}
	return "version"
}

// increment adds one to a decimal number of any length.
func increment(s string) string {
	b := []byte(s)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}
