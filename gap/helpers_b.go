package gap

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wardhq/ward"
)

// Helpers shared by the rules of 5.7.1–5.7.4, clauses 6 to 9, Annex F and
// the regulatory overlays.

// evaluationDate is the day release-bound rules measure against: the date of
// the release under evaluation, else the check date.
func evaluationDate(in *Input) ward.Date {
	if in.Release != nil && !in.Release.Date.IsZero() {
		return in.Release.Date
	}
	return in.Today
}

// releaseName names the release under evaluation in messages.
func releaseName(in *Input) string {
	if in.Release == nil {
		return "any release"
	}
	return "release " + in.Release.Version
}

// testPassed reports whether a test ran and passed.
func testPassed(t *ward.Test) bool { return t != nil && t.Result == "pass" }

// testRan reports whether a test has a recorded outcome (pass or fail).
func testRan(t *ward.Test) bool { return t != nil && (t.Result == "pass" || t.Result == "fail") }

// releaseTestsOfKind returns the tests of the given kinds that ran on the
// release under evaluation, in file order.
func releaseTestsOfKind(in *Input, kinds ...ward.TestKind) []*ward.Test {
	var out []*ward.Test
	for _, t := range in.File.Tests {
		if in.OnRelease(t) && kindIn(t.Kind, kinds) {
			out = append(out, t)
		}
	}
	return out
}

// testsOfKindOn returns the tests of the given kinds whose release names
// version (or whose build is the release's commit).
func testsOfKindOn(in *Input, version string, kinds ...ward.TestKind) []*ward.Test {
	rel := in.ReleaseByVersion(version)
	var out []*ward.Test
	for _, t := range in.File.Tests {
		if !kindIn(t.Kind, kinds) {
			continue
		}
		if t.Release == version || (rel != nil && t.Build != "" && t.Build == rel.Commit) {
			out = append(out, t)
		}
	}
	return out
}

func kindIn(k ward.TestKind, kinds []ward.TestKind) bool {
	for _, x := range kinds {
		if k == x {
			return true
		}
	}
	return false
}

// risksOfThreat returns the risks that assess the threat, in file order.
func risksOfThreat(in *Input, threatID string) []*ward.Risk {
	var out []*ward.Risk
	for _, r := range in.File.Risks {
		if contains(r.Threats, threatID) {
			out = append(out, r)
		}
	}
	return out
}

// threatControlIDs returns the IDs of the controls of every risk of the
// threat, sorted and without duplicates: threats reach controls through risks.
func threatControlIDs(in *Input, threatID string) []string {
	var ids []string
	for _, r := range risksOfThreat(in, threatID) {
		ids = append(ids, r.Controls...)
	}
	return dedupSorted(ids)
}

// policyCriterion returns the policy's acceptance criterion with the ID, or nil.
func policyCriterion(in *Input, id string) *ward.Criterion {
	for _, c := range in.Policy.Criteria {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// isSHA256Hex reports whether s is 64 hexadecimal digits.
func isSHA256Hex(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F') {
			return false
		}
	}
	return true
}

// sbomOfRelease returns the loaded SBOM tied to the release, by the
// release's sbom reference or the SBOM's release field, and whether one is
// referenced at all. The LoadedSBOM's SBOM is nil when the file could not
// be read.
func sbomOfRelease(in *Input, rel *ward.ReleaseRecord) (LoadedSBOM, bool) {
	for _, s := range in.SBOMs {
		if s.Ref != nil && ((rel.SBOM != "" && s.Ref.ID == rel.SBOM) || s.Ref.Release == rel.Version) {
			return s, true
		}
	}
	if rel.SBOM != "" {
		for _, ref := range in.File.SBOMs {
			if ref.ID == rel.SBOM {
				return LoadedSBOM{Ref: ref}, true
			}
		}
	}
	return LoadedSBOM{}, false
}

// supportedReleases returns the releases still supported, oldest first.
func supportedReleases(in *Input) []*ward.ReleaseRecord {
	var out []*ward.ReleaseRecord
	for _, r := range in.File.Releases {
		if r.IsSupported() {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// firstRelease returns the oldest release by date, or nil.
func firstRelease(in *Input) *ward.ReleaseRecord {
	var first *ward.ReleaseRecord
	for _, r := range in.File.Releases {
		if first == nil || r.Date.Before(first.Date) {
			first = r
		}
	}
	return first
}

// addBusinessDays returns d plus n working days (Monday to Friday); public
// holidays are not known to ward and count as working days.
func addBusinessDays(d ward.Date, n int) ward.Date {
	for n > 0 {
		d = d.AddDays(1)
		if wd := d.Time().Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return d
}

// externallyReported reports whether a vulnerability came from outside the
// manufacturer, so that the reporter is owed an acknowledgement.
func externallyReported(v *ward.Vulnerability) bool {
	switch v.Source {
	case "hdo", "researcher", "supplier", "authority":
		return true
	}
	return false
}

// analysed reports whether a vulnerability applies to the product: it is
// affected or was fixed, so clause 9.4 and 9.5 records are owed.
func analysed(v *ward.Vulnerability) bool {
	return v.Status == ward.VEXAffected || v.Status == ward.VEXFixed
}

// fixAvailableDate is when a fix for v became available: fix_available_at,
// else the earliest security update that names it, else the date of the
// release it is fixed in. Zero when unknown.
func fixAvailableDate(in *Input, v *ward.Vulnerability) ward.Date {
	if !v.FixAvailableAt.IsZero() {
		return v.FixAvailableAt
	}
	var d ward.Date
	for _, u := range in.File.Updates {
		if contains(u.Vulnerabilities, v.ID) && !u.AvailableAt.IsZero() && (d.IsZero() || u.AvailableAt.Before(d)) {
			d = u.AvailableAt
		}
	}
	if d.IsZero() && v.FixedIn != "" {
		if r := in.ReleaseByVersion(v.FixedIn); r != nil {
			d = r.Date
		}
	}
	return d
}

// compareVersions orders dotted versions numerically where the parts are
// numbers ("1.10" > "1.9"), else textually; a leading "v" is ignored.
func compareVersions(a, b string) int {
	pa := strings.Split(strings.TrimPrefix(a, "v"), ".")
	pb := strings.Split(strings.TrimPrefix(b, "v"), ".")
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y string
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		nx, ex := strconv.Atoi(x)
		ny, ey := strconv.Atoi(y)
		switch {
		case ex == nil && ey == nil:
			if nx != ny {
				if nx < ny {
					return -1
				}
				return 1
			}
		case x != y:
			return strings.Compare(x, y)
		}
	}
	return 0
}

// majorVersion is the first dotted part of a version, without a leading "v".
func majorVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	if i := strings.IndexAny(v, ".-+"); i >= 0 {
		return v[:i]
	}
	return v
}

// releaseDocuments returns the documents that apply to the release under
// evaluation: those the release lists, those naming it, and those naming
// no release at all (they apply to every release).
func releaseDocuments(in *Input) []*ward.Document {
	return filterDocs(in.File.Documents, func(d *ward.Document) bool {
		return in.Release == nil || len(d.Releases) == 0 ||
			contains(d.Releases, in.Release.Version) || contains(in.Release.Documents, d.ID)
	})
}

// docIDsCovering returns the IDs of the documents that cover the topic
// (case-insensitive match on covers:).
func docIDsCovering(docs []*ward.Document, topic string) []string {
	return docIDs(filterDocs(docs, func(d *ward.Document) bool { return docCovers(d, topic) }))
}

// docIDsOfKind returns the IDs of the documents of one of the kinds.
func docIDsOfKind(docs []*ward.Document, kinds ...string) []string {
	return docIDs(filterDocs(docs, func(d *ward.Document) bool { return contains(kinds, d.Kind) }))
}

// filterDocs keeps the documents keep accepts, in order.
func filterDocs(docs []*ward.Document, keep func(*ward.Document) bool) []*ward.Document {
	var out []*ward.Document
	for _, d := range docs {
		if keep(d) {
			out = append(out, d)
		}
	}
	return out
}

func docIDs(docs []*ward.Document) []string {
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	return ids
}

// sbomComponentPos places a gap in an SBOM component: the component's own
// position, with the SBOM file where the parser gave none.
func sbomComponentPos(s LoadedSBOM, c *ward.Component) ward.Pos {
	p := c.Pos
	if p.File == "" && p.Line != 0 {
		switch {
		case s.SBOM != nil && s.SBOM.Source != "":
			p.File = s.SBOM.Source
		case s.Ref != nil:
			p.File = s.Ref.Path
		}
	}
	if p.IsZero() && s.Ref != nil {
		return s.Ref.At
	}
	return p
}

// joinIDs lists IDs for a message.
func joinIDs(ids []string) string { return strings.Join(ids, ", ") }

// releasesByDate returns every release, oldest first.
func releasesByDate(in *Input) []*ward.ReleaseRecord {
	out := append([]*ward.ReleaseRecord{}, in.File.Releases...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Date.Before(out[j-1].Date); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
