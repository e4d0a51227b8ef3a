package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 4.1.7 — disclosing SECURITY-related issues.

func init() {
	register("R417-1", checkDisclosurePolicy)
	register("R417-2", checkAdvisoryPerVulnerability)
	register("R417-3", checkAdvisoryContent)
	register("R417-4", checkAdvisoryTimeliness)
}

// disclosureReviewMonths is how recent the review of the disclosure policy
// must be; standards.md proposes 12 months and the policy has no parameter.
const disclosureReviewMonths = 12

// checkDisclosurePolicy: a disclosure policy is published (URL) with a
// security contact and was reviewed within the last 12 months; the review
// date comes from disclosure.reviewed_at, else from its document record.
func checkDisclosurePolicy(in *Input, c *Check) {
	d := in.File.Disclosure
	if d == nil {
		c.Missing(ward.Pos{}, "no disclosure: section (coordinated disclosure policy and security contact)")
		return
	}
	if strings.TrimSpace(d.Contact) == "" {
		c.Missing(d.At, "disclosure: no security contact")
	}
	if strings.TrimSpace(d.PolicyURL) == "" {
		c.Missing(d.At, "disclosure: no policy_url where the policy is published")
	}
	reviewed := d.ReviewedAt
	if doc := in.Document(d.Document); doc != nil {
		c.Cite(doc.ID)
		if reviewed.IsZero() {
			reviewed = doc.ReviewedAt
		}
	}
	switch since := in.Today.AddMonths(-disclosureReviewMonths); {
	case reviewed.IsZero():
		c.Missing(d.At, "disclosure: policy review not recorded (reviewed_at)")
	case reviewed.Before(since):
		c.Missing(d.At, "disclosure: policy last reviewed %s, more than %d months ago", reviewed, disclosureReviewMonths)
	}
	c.OK("disclosure policy published at %s, contact %s, reviewed %s", d.PolicyURL, d.Contact, reviewed)
}

// releasedVulnerability reports whether v is affected or fixed in a version
// that was released: one of its affected releases is dated on or before
// today, or it names no release (a problem report concerns the field).
func releasedVulnerability(in *Input, v *ward.Vulnerability) bool {
	if v.Status != ward.VEXAffected && v.Status != ward.VEXFixed {
		return false
	}
	if len(v.Releases) == 0 {
		return true
	}
	for _, id := range v.Releases {
		if r := in.ReleaseByVersion(id); r != nil && !r.Date.After(in.Today) {
			return true
		}
	}
	return false
}

// advisoriesOf returns the advisories for vulnerability v: the one it names
// and every advisory listing it.
func advisoriesOf(in *Input, v *ward.Vulnerability) []*ward.CustomerAdvisory {
	var out []*ward.CustomerAdvisory
	for _, a := range in.File.Advisories {
		if a.ID == v.Advisory || contains(a.Vulnerabilities, v.ID) {
			out = append(out, a)
		}
	}
	return out
}

// checkAdvisoryPerVulnerability: every vulnerability affected or fixed in a
// released version has a customer advisory, or a recorded reason for not
// publishing one.
func checkAdvisoryPerVulnerability(in *Input, c *Check) {
	n := 0
	for _, v := range in.File.Vulns {
		if !releasedVulnerability(in, v) {
			continue
		}
		n++
		if adv := advisoriesOf(in, v); len(adv) > 0 {
			c.Cite(v.ID)
			for _, a := range adv {
				c.Cite(a.ID)
			}
			continue
		}
		if strings.TrimSpace(v.NoAdvisory) != "" {
			c.Cite(v.ID)
			continue
		}
		c.Missing(v.At, "vulnerability %s (%s in a released version): no advisory and no no_advisory_rationale", v.ID, v.Status)
	}
	if n == 0 {
		c.NotApplicable("no vulnerability is affected or fixed in a released version")
	}
	c.OK("all %d vulnerabilities in released versions have an advisory or an approved reason not to publish", n)
}

// severityMethods are words that name a rating method in an advisory's severity.
var severityMethods = []string{"cvss", "ssvc", "rubric"}

// checkAdvisoryContent: each advisory gives affected versions, a severity
// with its rating method, a mitigation, the fixed version (or, while no fix
// exists, a mitigation), and its publication date.
func checkAdvisoryContent(in *Input, c *Check) {
	for _, a := range in.File.Advisories {
		ok := true
		gap := func(format string, args ...any) {
			c.Missing(a.At, "advisory %s: "+format, append([]any{a.ID}, args...)...)
			ok = false
		}
		if len(a.AffectedReleases) == 0 {
			gap("no affected_releases")
		}
		sev := strings.ToLower(a.Severity)
		switch {
		case strings.TrimSpace(sev) == "":
			gap("no severity rating")
		case !containsAny(sev, severityMethods):
			gap("severity %q does not name its rating method (e.g. CVSS:3.1/… 8.1 high)", a.Severity)
		}
		if strings.TrimSpace(a.Mitigation) == "" {
			gap("no mitigation or workaround")
		}
		if a.FixedIn == "" && !stillUnfixed(in, a) {
			gap("no fixed_in although its vulnerabilities are fixed")
		}
		if a.PublishedAt.IsZero() {
			gap("no published_at date")
		}
		if ok {
			c.Cite(a.ID)
		}
	}
	if len(in.File.Advisories) == 0 {
		c.NotApplicable("no customer advisories published")
	}
	c.OK("all %d advisories give affected versions, rated severity, mitigation, fix and date", len(in.File.Advisories))
}

// stillUnfixed reports whether every vulnerability of the advisory is still
// affected: then no fixed version exists yet and the mitigation must do.
func stillUnfixed(in *Input, a *ward.CustomerAdvisory) bool {
	for _, id := range a.Vulnerabilities {
		if v := in.Vulnerability(id); v == nil || v.Status != ward.VEXAffected {
			return false
		}
	}
	return len(a.Vulnerabilities) > 0
}

// checkAdvisoryTimeliness: an advisory is published within the policy's
// disclosure days after the first security update fixing one of its
// vulnerabilities became available, unless an embargo date is recorded.
func checkAdvisoryTimeliness(in *Input, c *Check) {
	n := 0
	for _, a := range in.File.Advisories {
		var first *ward.SecurityUpdate
		for _, u := range in.File.Updates {
			fixes := a.FixedIn != "" && u.Release == a.FixedIn
			for _, v := range u.Vulnerabilities {
				fixes = fixes || contains(a.Vulnerabilities, v)
			}
			if fixes && !u.AvailableAt.IsZero() && (first == nil || u.AvailableAt.Before(first.AvailableAt)) {
				first = u
			}
		}
		if first == nil {
			continue
		}
		n++
		due := first.AvailableAt.AddDays(in.Policy.DisclosureDays)
		if !a.PublishedAt.After(due) || !a.Embargo.IsZero() {
			c.Cite(a.ID, first.ID)
			continue
		}
		c.Missing(a.At, "advisory %s: published %s, %d days after update %s was available (%s); target %d days, no embargo_until recorded",
			a.ID, a.PublishedAt, first.AvailableAt.DaysUntil(a.PublishedAt), first.ID, first.AvailableAt, in.Policy.DisclosureDays)
	}
	if n == 0 {
		c.NotApplicable("no advisory follows a recorded security update")
	}
	c.OK("all %d advisories were published within %d days of the fixing update", n, in.Policy.DisclosureDays)
}
