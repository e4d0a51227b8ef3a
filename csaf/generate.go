package csaf

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/cvss"
)

// Source is what documents are made from: a security file that passed
// validation and the SBOMs of its releases.
type Source struct {
	File *ward.SecurityFile
	// SBOMs maps a release version to its SBOM; a release without one is
	// described without its components.
	SBOMs map[string]*ward.SBOM
}

// Options tune the documents made.
type Options struct {
	// Date is the day of issue where the data gives none: the dates of a
	// VEX document (default: the latest date the security file records
	// for the release and its vulnerabilities) and the generator date of
	// every document (left out when zero). No clock is read: the same
	// input and options give the same bytes.
	Date ward.Date
	// Version is ward's version, named as the generating engine.
	Version string
}

// cveRE is the pattern of a CVE ID in CSAF (/$defs/vulnerabilities/cve).
var cveRE = regexp.MustCompile(`^CVE-[0-9]{4}-[0-9]{4,}$`)

// SecurityAdvisory makes the csaf_security_advisory document of a customer
// advisory record.
//
// The customer advisory, not the vulnerability, is the unit: it is what
// the manufacturer publishes (4.1.7) with a publication date, the releases
// it names as affected, the fixing release, the mitigation and a severity,
// and it may group several vulnerabilities. A vulnerability nobody wrote an
// advisory for (not affected, under investigation, or with an approved
// no-advisory rationale) is stated in the VEX documents instead.
//
// Its tracking ID is the advisory's ID, its dates the publication date, and
// each vulnerability's statuses come from its record (affected_releases,
// fixed_in, status), completed by the advisory's affected_releases and
// fixed_in. EInvalid names what the security file lacks for a valid
// document.
func SecurityAdvisory(src Source, adv *ward.CustomerAdvisory, opt Options) (*Advisory, error) {
	g, err := newGenerator(src, opt)
	if err != nil {
		return nil, err
	}
	date := DateTime(adv.PublishedAt)
	a := &Advisory{Document: g.document(CategorySecurityAdvisory, adv.Title, adv.ID, date)}
	d := &a.Document
	d.AggregateSeverity = &AggregateSeverity{Text: adv.Severity}
	if adv.URL != "" {
		// Published on the manufacturer's site: public.
		d.Distribution = &Distribution{TLP: &TLP{Label: "WHITE", URL: "https://www.first.org/tlp/"}}
		d.References = append([]*Reference{{Category: "external", Summary: "Advisory " + adv.ID + " on the manufacturer's website", URL: adv.URL}}, d.References...)
	}
	d.Notes = []*Note{{Category: "summary", Title: "Summary", Text: g.advisorySummary(adv)}}
	for _, id := range adv.Vulnerabilities {
		v := g.vulns[id]
		if v == nil {
			return nil, ward.Errorf(ward.EInvalid, "advisory %s: vulnerability %s is not in the security file", adv.ID, id)
		}
		var stated []*stated
		for _, rel := range g.releases {
			if st := g.status(v, adv, rel); st != nil {
				stated = append(stated, st)
			}
		}
		if len(stated) == 0 {
			return nil, ward.Errorf(ward.EInvalid, "advisory %s: vulnerability %s states no release: record its affected_releases or fixed_in", adv.ID, v.ID)
		}
		cv, err := g.vulnerability(v, adv, stated)
		if err != nil {
			return nil, err
		}
		a.Vulnerabilities = append(a.Vulnerabilities, cv)
	}
	a.ProductTree = g.tree.build()
	return a, nil
}

// VEX makes the csaf_vex document of one release: every vulnerability of
// the security file with its status for that release. Vulnerabilities the
// data says nothing about for the release (not among its affected
// releases, before the fixing release, the component present) are left
// out and returned as skipped, with the reason, for the caller to report.
func VEX(src Source, version string, opt Options) (*Advisory, []string, error) {
	g, err := newGenerator(src, opt)
	if err != nil {
		return nil, nil, err
	}
	var rel *ward.ReleaseRecord
	for _, r := range g.releases {
		if r.Version == version {
			rel = r
		}
	}
	if rel == nil {
		return nil, nil, ward.Errorf(ward.ENotFound, "release %s is not in the security file", version)
	}
	p := g.file.Product
	date := opt.Date
	var skipped []string
	var vulns []*Vulnerability
	latest := rel.Date
	for _, v := range g.file.Vulns {
		adv := g.advisoryOf(v)
		st := g.status(v, adv, rel)
		if st == nil {
			skipped = append(skipped, fmt.Sprintf("%s: the security file states nothing about release %s (not among affected_releases %v, no fixed_in at or before it)", v.ID, rel.Version, g.affected(v, adv)))
			continue
		}
		cv, err := g.vulnerability(v, adv, []*stated{st})
		if err != nil {
			return nil, nil, err
		}
		vulns = append(vulns, cv)
		for _, d := range []ward.Date{v.ReceivedAt, v.AcknowledgedAt, v.TriagedAt, v.AwareAt, v.FixAvailableAt, v.ClosedAt} {
			if d.After(latest) {
				latest = d
			}
		}
		if adv != nil && adv.PublishedAt.After(latest) {
			latest = adv.PublishedAt
		}
	}
	if len(vulns) == 0 {
		return nil, skipped, ward.Errorf(ward.EInvalid, "release %s: the security file states no vulnerability for it, and a CSAF VEX document needs one", rel.Version)
	}
	if date.IsZero() {
		date = latest
	}
	id := strings.ToUpper(p.ID) + "-VEX-" + rel.Version
	title := fmt.Sprintf("%s %s: vulnerability exploitability (VEX)", p.Name, rel.Version)
	a := &Advisory{Document: g.document(CategoryVEX, title, id, DateTime(date)), Vulnerabilities: vulns}
	a.Document.Distribution = &Distribution{TLP: &TLP{Label: "WHITE", URL: "https://www.first.org/tlp/"}}
	a.Document.Notes = []*Note{{Category: "summary", Title: "Summary", Text: fmt.Sprintf(
		"The vulnerabilities %s recorded for %s %s (released %s) and their status in it, as of %s. A vulnerability whose status for this release is not known is not listed.", p.Manufacturer, p.Name, rel.Version, rel.Date, date)}}
	a.ProductTree = g.tree.build()
	return a, skipped, nil
}

// generator holds what every document of one security file shares.
type generator struct {
	file     *ward.SecurityFile
	sboms    map[string]*ward.SBOM
	opt      Options
	releases []*ward.ReleaseRecord // by date, then as recorded
	vulns    map[string]*ward.Vulnerability
	items    map[string]*ward.SoftwareItem
	tree     *treeBuilder
}

func newGenerator(src Source, opt Options) (*generator, error) {
	sf := src.File
	switch {
	case sf == nil || sf.Product == nil:
		return nil, ward.Errorf(ward.EInvalid, "the security file has no product: record: CSAF names the product and its manufacturer")
	case sf.Disclosure == nil || sf.Disclosure.PolicyURL == "":
		return nil, ward.Errorf(ward.EInvalid, "the security file has no disclosure.policy_url: CSAF needs the publisher's web address (namespace); record the disclosure policy")
	}
	if _, err := namespace(sf.Disclosure.PolicyURL); err != nil {
		return nil, ward.Errorf(ward.EInvalid, "%s: disclosure.policy_url %q: %v", sf.Disclosure.At, sf.Disclosure.PolicyURL, err)
	}
	g := &generator{file: sf, sboms: src.SBOMs, opt: opt, vulns: map[string]*ward.Vulnerability{}, items: map[string]*ward.SoftwareItem{}}
	g.releases = slices.Clone(sf.Releases)
	slices.SortStableFunc(g.releases, func(a, b *ward.ReleaseRecord) int { return a.Date.Compare(b.Date) })
	for _, v := range sf.Vulns {
		g.vulns[v.ID] = v
	}
	for _, c := range sf.Components {
		g.items[c.ID] = c
	}
	g.tree = newTreeBuilder(g)
	return g, nil
}

// namespace is the publisher namespace CSAF asks for: the origin
// (scheme://host) of the manufacturer's disclosure policy.
func namespace(policy string) (string, error) {
	u, err := url.Parse(policy)
	if err != nil {
		return "", err
	}
	if u.Scheme == "" || u.Host == "" {
		return "", fmt.Errorf("not an absolute URL")
	}
	return u.Scheme + "://" + u.Host, nil
}

// document fills the document metadata every profile shares.
func (g *generator) document(category, title, id, date string) Document {
	p, dis := g.file.Product, g.file.Disclosure
	ns, _ := namespace(dis.PolicyURL)
	d := Document{
		Category:    category,
		CSAFVersion: "2.0",
		Publisher: Publisher{
			Category:       "vendor",
			ContactDetails: dis.Contact,
			Name:           p.Manufacturer,
			Namespace:      ns,
		},
		References: []*Reference{{Category: "external", Summary: "Coordinated vulnerability disclosure policy of " + p.Manufacturer, URL: dis.PolicyURL}},
		Title:      title,
		Tracking: Tracking{
			CurrentReleaseDate: date,
			Generator:          &Generator{Engine: Engine{Name: "ward", Version: g.opt.Version}},
			ID:                 id,
			InitialReleaseDate: date,
			RevisionHistory:    []*Revision{{Date: date, Number: "1", Summary: "Initial version."}},
			Status:             "final",
			Version:            "1",
		},
	}
	if !g.opt.Date.IsZero() {
		d.Tracking.Generator.Date = DateTime(g.opt.Date)
	}
	return d
}

func (g *generator) advisorySummary(adv *ward.CustomerAdvisory) string {
	p := g.file.Product
	var b strings.Builder
	fmt.Fprintf(&b, "%s. Affected: %s %s.", strings.TrimSuffix(adv.Title, "."), p.Name, strings.Join(adv.AffectedReleases, ", "))
	if adv.FixedIn != "" {
		fmt.Fprintf(&b, " Fixed in %s.", adv.FixedIn)
	}
	if adv.Severity != "" {
		fmt.Fprintf(&b, " Severity: %s.", adv.Severity)
	}
	return b.String()
}

// advisoryOf returns the customer advisory that covers v, or nil.
func (g *generator) advisoryOf(v *ward.Vulnerability) *ward.CustomerAdvisory {
	for _, a := range g.file.Advisories {
		if a.ID == v.Advisory || slices.Contains(a.Vulnerabilities, v.ID) {
			return a
		}
	}
	return nil
}

// affected is the releases v affects: its own record, else its advisory's.
func (g *generator) affected(v *ward.Vulnerability, adv *ward.CustomerAdvisory) []string {
	if len(v.Releases) > 0 || adv == nil {
		return v.Releases
	}
	return adv.AffectedReleases
}

func (g *generator) fixedIn(v *ward.Vulnerability, adv *ward.CustomerAdvisory) string {
	if v.FixedIn != "" || adv == nil {
		return v.FixedIn
	}
	return adv.FixedIn
}

// Product statuses of CSAF, as the generator uses them.
const (
	knownAffected      = "known_affected"
	knownNotAffected   = "known_not_affected"
	fixed              = "fixed"
	underInvestigation = "under_investigation"
)

// stated is a vulnerability's status for one release.
type stated struct {
	release       *ward.ReleaseRecord
	status        string
	justification string       // the flag of known_not_affected, if any
	parts         []*component // the components concerned found in the release's SBOM
}

// status decides what the data says about v in rel, or nil when it says
// nothing:
//
//   - not_affected: known_not_affected for every release in its
//     affected_releases (all when it lists none), justified by its
//     justification, or component_not_present when the release's SBOM
//     lacks every component concerned;
//   - affected, under_investigation, fixed: known_affected (or
//     under_investigation) for the releases it lists as affected, fixed for
//     the fixing release and every later one; with no release listed, every
//     release before the fix is affected;
//   - a release neither listed nor fixed whose SBOM lacks every component
//     concerned: known_not_affected, component_not_present.
func (g *generator) status(v *ward.Vulnerability, adv *ward.CustomerAdvisory, rel *ward.ReleaseRecord) *stated {
	st := &stated{release: rel}
	parts, known := g.tree.parts(v, rel)
	st.parts = parts
	absent := known && len(v.Components) > 0 && len(parts) == 0
	affected := g.affected(v, adv)
	listed := slices.Contains(affected, rel.Version)
	if v.Status == ward.VEXNotAffected {
		if len(affected) > 0 && !listed {
			return nil
		}
		st.status, st.justification = knownNotAffected, string(v.Justification)
		if absent {
			st.justification = string(ward.VEXComponentNotPresent)
		}
		return st
	}
	active := knownAffected
	if v.Status == ward.VEXUnderInvestigation {
		active = underInvestigation
	}
	switch fix := g.fixedIn(v, adv); {
	case listed:
		st.status = active
	case fix != "" && g.atOrAfter(rel, fix):
		st.status = fixed
	case len(affected) == 0 && !absent:
		st.status = active
	case absent:
		st.status, st.justification = knownNotAffected, string(ward.VEXComponentNotPresent)
	default:
		return nil
	}
	return st
}

// atOrAfter reports whether rel is version or a release after it.
func (g *generator) atOrAfter(rel *ward.ReleaseRecord, version string) bool {
	i := slices.IndexFunc(g.releases, func(r *ward.ReleaseRecord) bool { return r.Version == version })
	j := slices.Index(g.releases, rel)
	return i >= 0 && j >= i
}

// weakness gives CSAF's one cwe: the first of ids whose name ward knows
// (CSAF requires the name, and test 6.1.11 checks it). Every weakness the
// record lists goes into a note, so none is lost.
func weakness(ids []string, notes []*Note) (*CWE, []*Note) {
	if len(ids) == 0 {
		return nil, notes
	}
	var c *CWE
	for _, id := range ids {
		if name, ok := cweNames[strings.ToUpper(strings.TrimSpace(id))]; ok {
			c = &CWE{ID: strings.ToUpper(strings.TrimSpace(id)), Name: name}
			break
		}
	}
	notes = append(notes, &Note{Category: "other", Title: "Weaknesses", Text: strings.Join(ids, ", ")})
	return c, notes
}

// vulnerability makes the CSAF vulnerability of v with its statuses.
func (g *generator) vulnerability(v *ward.Vulnerability, adv *ward.CustomerAdvisory, states []*stated) (*Vulnerability, error) {
	p := g.file.Product
	cv := &Vulnerability{Title: v.Title, DiscoveryDate: dateOrEmpty(v.ReceivedAt)}
	for _, alias := range v.Aliases {
		if cv.CVE == "" && cveRE.MatchString(alias) {
			cv.CVE = alias
			continue
		}
		cv.IDs = append(cv.IDs, &VulnerabilityID{SystemName: aliasSystem(alias), Text: alias})
	}
	cv.IDs = append(cv.IDs, &VulnerabilityID{SystemName: p.Manufacturer + " vulnerability record", Text: v.ID})
	if v.Impact != "" {
		cv.Notes = append(cv.Notes, &Note{Category: "description", Title: "Impact", Text: v.Impact})
	}
	if v.SafetyImpact != "" {
		cv.Notes = append(cv.Notes, &Note{Category: "general", Title: "Patient safety impact", Text: v.SafetyImpact})
	}
	if len(cv.Notes) == 0 {
		cv.Notes = []*Note{{Category: "summary", Title: "Summary", Text: v.Title}}
	}
	cv.CWE, cv.Notes = weakness(v.CWE, cv.Notes)
	if v.Source == "researcher" && v.Reporter != "" {
		cv.Acknowledgments = []*Acknowledgment{{Summary: "Reported by: " + v.Reporter}}
	}
	if adv != nil && adv.URL != "" {
		cv.References = []*Reference{{Category: "external", Summary: "Customer advisory " + adv.ID, URL: adv.URL}}
	}

	// Statuses: each release, and each component of it concerned.
	ps := &ProductStatus{}
	byStatus := map[string][]string{}
	byJustification := map[string][]string{}
	for _, st := range states {
		ids := []string{g.tree.release(st.release)}
		if st.status != knownNotAffected || st.justification != string(ward.VEXComponentNotPresent) {
			for _, c := range st.parts {
				ids = append(ids, g.tree.relationship(st.release, c))
			}
		}
		byStatus[st.status] = append(byStatus[st.status], ids...)
		if st.status == knownNotAffected && st.justification != "" {
			byJustification[st.justification] = append(byJustification[st.justification], ids...)
		}
	}
	ps.KnownAffected = byStatus[knownAffected]
	ps.KnownNotAffected = byStatus[knownNotAffected]
	ps.Fixed = byStatus[fixed]
	ps.UnderInvestigation = byStatus[underInvestigation]
	cv.ProductStatus = ps
	exposed := slices.Concat(ps.KnownAffected, ps.UnderInvestigation)

	for _, j := range ward.VEXJustification("").Values() {
		if ids := byJustification[j]; len(ids) > 0 {
			cv.Flags = append(cv.Flags, &Flag{Label: j, ProductIDs: ids})
		}
	}
	// The impact statement of the products not affected: why (the impact
	// analysis, else the rationale). For affected products the impact is
	// the description note.
	if unjustified := without(ps.KnownNotAffected, flagged(cv.Flags)); len(unjustified) > 0 && v.Impact == "" && v.Rationale == "" {
		return nil, ward.Errorf(ward.EInvalid, "%s: vulnerability %s is not_affected without justification, impact or rationale: record why (justification)", v.At, v.ID)
	}
	if statement := cmpOr(v.Impact, v.Rationale); statement != "" && len(ps.KnownNotAffected) > 0 {
		cv.Threats = append(cv.Threats, &Threat{Category: "impact", Details: statement, ProductIDs: ps.KnownNotAffected})
	}
	if len(exposed) > 0 {
		var exploit []string
		if v.Exploited {
			exploit = append(exploit, "Actively exploited, as recorded by "+p.Manufacturer+".")
		}
		if v.KEV {
			exploit = append(exploit, "Listed in the CISA Known Exploited Vulnerabilities catalog.")
		}
		if len(exploit) > 0 {
			cv.Threats = append(cv.Threats, &Threat{Category: "exploit_status", Details: strings.Join(exploit, " "), ProductIDs: exposed})
		}
	}

	if err := g.scores(cv, v, exposed); err != nil {
		return nil, err
	}
	g.remediations(cv, v, adv)
	return cv, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func flagged(flags []*Flag) []string {
	var out []string
	for _, f := range flags {
		out = append(out, f.ProductIDs...)
	}
	return out
}

func without(ids, drop []string) []string {
	var out []string
	for _, id := range ids {
		if !slices.Contains(drop, id) {
			out = append(out, id)
		}
	}
	return out
}

func dateOrEmpty(d ward.Date) string {
	if d.IsZero() {
		return ""
	}
	return DateTime(d)
}

// aliasSystem names the database an alias of a vulnerability comes from.
func aliasSystem(alias string) string {
	for _, s := range []struct{ prefix, system string }{
		{"CVE-", "CVE"},
		{"GHSA-", "GitHub Security Advisories"},
		{"GO-", "Go Vulnerability Database"},
		{"PYSEC-", "PyPI Advisory Database"},
		{"RUSTSEC-", "RustSec Advisory Database"},
		{"OSV-", "OSV"},
	} {
		if strings.HasPrefix(alias, s.prefix) {
			return s.system
		}
	}
	return "Other"
}

// scores adds the CVSS rating of v for the products exposed to it (known
// affected or under investigation): a fixed or unaffected product has no
// severity to act on. CSAF 2.0 holds CVSS v2.0 and v3.x; a v4.0 vector
// becomes a note.
func (g *generator) scores(cv *Vulnerability, v *ward.Vulnerability, exposed []string) error {
	if v.CVSS == "" {
		return nil
	}
	res, err := cvss.Score(v.CVSS)
	if err != nil {
		return ward.Errorf(ward.EInvalid, "%s: vulnerability %s: cvss %q: %s", v.At, v.ID, v.CVSS, ward.MessageOf(err))
	}
	if res.Version == "4.0" {
		cv.Notes = append(cv.Notes, &Note{Category: "other", Title: "CVSS v4.0", Text: fmt.Sprintf("%s (%.1f %s)", res.Vector, res.Score, res.Severity)})
		return nil
	}
	if len(exposed) == 0 {
		return nil
	}
	obj, err := cvssObject(res)
	if err != nil {
		return ward.Errorf(ward.EInvalid, "%s: vulnerability %s: cvss %q: %v", v.At, v.ID, v.CVSS, err)
	}
	s := &Score{Products: exposed}
	if res.Version == "2.0" {
		s.CVSSv2 = obj
	} else {
		s.CVSSv3 = obj
	}
	cv.Scores = []*Score{s}
	return nil
}

// cvssObject is the FIRST JSON object of a scored vector: the metrics it
// sets and the scores they give.
func cvssObject(res cvss.Result) (*CVSS, error) {
	v2 := res.Version == "2.0"
	metrics, ok := vectorMetrics(res.Vector, v2)
	if !ok {
		return nil, fmt.Errorf("vector not in the form the FIRST schema allows")
	}
	o := &CVSS{Version: res.Version, VectorString: res.Vector}
	props := cvss3Properties
	if v2 {
		props = cvss2Properties
	}
	temporal, environmental := false, false
	for _, p := range props {
		code, ok := metrics[p.metric]
		if !ok {
			continue
		}
		setProperty(o, p.name, p.values[code])
		if !p.base {
			if slices.Contains([]string{"E", "RL", "RC"}, p.metric) {
				temporal = true
			} else {
				environmental = true
			}
		}
	}
	round := func(f float64) *float64 { r := float64(int(f*10+0.5)) / 10; return &r }
	o.BaseScore = round(res.Base)
	if !v2 {
		o.BaseSeverity = severity(res.Base)
	}
	if temporal {
		o.TemporalScore = round(res.Temporal)
		if !v2 {
			o.TemporalSeverity = severity(res.Temporal)
		}
	}
	if environmental {
		o.EnvironmentalScore = round(res.Environmental)
		if !v2 {
			o.EnvironmentalSeverity = severity(res.Environmental)
		}
	}
	return o, nil
}

// setProperty sets the property of the FIRST object named name.
func setProperty(o *CVSS, name, value string) {
	for _, props := range [][]cvssProperty{cvss3Properties, cvss2Properties} {
		for _, p := range props {
			if p.name == name {
				*p.field(o) = value
				return
			}
		}
	}
}

// remediations adds what to do: the fixing release, the advisory's
// mitigation, else what the disposition says, for the products exposed.
func (g *generator) remediations(cv *Vulnerability, v *ward.Vulnerability, adv *ward.CustomerAdvisory) {
	p := g.file.Product
	ps := cv.ProductStatus
	if len(ps.KnownAffected) == 0 && len(ps.UnderInvestigation) == 0 {
		return
	}
	if fix := g.fixedIn(v, adv); fix != "" && len(ps.KnownAffected) > 0 {
		r := &Remediation{Category: "vendor_fix", Details: fmt.Sprintf("Update %s to %s or later.", p.Name, fix), Date: dateOrEmpty(v.FixAvailableAt), ProductIDs: ps.KnownAffected}
		if adv != nil {
			r.URL = adv.URL
		}
		cv.Remediations = append(cv.Remediations, r)
	}
	if adv != nil && adv.Mitigation != "" {
		cv.Remediations = append(cv.Remediations, &Remediation{Category: "mitigation", Details: adv.Mitigation, ProductIDs: slices.Concat(ps.KnownAffected, ps.UnderInvestigation)})
	}
	if len(cv.Remediations) > 0 || len(ps.KnownAffected) == 0 {
		return
	}
	r := &Remediation{ProductIDs: ps.KnownAffected}
	switch v.Disposition {
	case "accept", "none":
		r.Category, r.Details = "no_fix_planned", cmpOr(v.Rationale, "No fix is planned.")
	case "mitigate":
		r.Category, r.Details = "mitigation", cmpOr(v.Rationale, "A mitigation is being prepared.")
	default:
		r.Category, r.Details = "none_available", "No fix is available yet."
		if !v.TargetDate.IsZero() {
			r.Details = fmt.Sprintf("No fix is available yet; one is planned by %s.", v.TargetDate)
		}
	}
	cv.Remediations = append(cv.Remediations, r)
}
