package csaf

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/package-url/packageurl-go"
	"golang.org/x/text/language"
)

// checker runs the mandatory tests on one decoded document. Paths are
// internal ("vulnerabilities[0].flags[1]"); Validate turns them into
// JSONPaths and positions.
type checker struct {
	a        *Advisory
	problems []Problem
	groups   map[string][]string // group ID → product IDs, first definition
}

func (c *checker) fail(test, path, format string, args ...any) {
	c.problems = append(c.problems, Problem{Test: test, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// mandatoryTests runs every implemented test of section 6.1 on a.
func mandatoryTests(a *Advisory) []Problem {
	c := &checker{a: a, groups: map[string][]string{}}
	if a.ProductTree != nil {
		for _, g := range a.ProductTree.ProductGroups {
			if g == nil {
				continue
			}
			if _, ok := c.groups[g.GroupID]; !ok {
				c.groups[g.GroupID] = g.ProductIDs
			}
		}
	}
	for _, test := range []func(){
		c.productIDs,        // 6.1.1, 6.1.2
		c.circular,          // 6.1.3
		c.groupIDs,          // 6.1.4, 6.1.5
		c.contradictions,    // 6.1.6
		c.scores,            // 6.1.7, 6.1.9, 6.1.10
		c.cwe,               // 6.1.11
		c.languages,         // 6.1.12, 6.1.15, 6.1.28
		c.purls,             // 6.1.13
		c.revisions,         // 6.1.14, 6.1.16–6.1.22, 6.1.30
		c.cves,              // 6.1.23
		c.involvements,      // 6.1.24
		c.hashes,            // 6.1.25
		c.category,          // 6.1.26
		c.profile,           // 6.1.27.1–6.1.27.11
		c.productReferences, // 6.1.29, 6.1.32
		c.versionRanges,     // 6.1.31
		c.justifications,    // 6.1.33
	} {
		test()
	}
	return c.problems
}

func idx(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// located is a product or group ID and where it is written.
type located struct{ id, path string }

// productDefinitions lists every product ID the product tree defines, in
// document order: branches (depth first), full product names,
// relationships.
func productDefinitions(pt *ProductTree) []located {
	if pt == nil {
		return nil
	}
	var out []located
	var walk func(bs []*Branch, path string)
	walk = func(bs []*Branch, path string) {
		for i, b := range bs {
			if b == nil {
				continue
			}
			p := idx(path, i)
			if b.Product != nil {
				out = append(out, located{b.Product.ProductID, p + ".product.product_id"})
			}
			walk(b.Branches, p+".branches")
		}
	}
	walk(pt.Branches, "product_tree.branches")
	for i, f := range pt.FullProductNames {
		if f != nil {
			out = append(out, located{f.ProductID, idx("product_tree.full_product_names", i) + ".product_id"})
		}
	}
	for i, r := range pt.Relationships {
		if r != nil {
			out = append(out, located{r.FullProductName.ProductID, idx("product_tree.relationships", i) + ".full_product_name.product_id"})
		}
	}
	return out
}

// fullProductNames lists every full product name with the path of its
// object, for the tests of identification helpers.
func fullProductNames(pt *ProductTree) []struct {
	f    *FullProductName
	path string
} {
	type fp = struct {
		f    *FullProductName
		path string
	}
	if pt == nil {
		return nil
	}
	var out []fp
	var walk func(bs []*Branch, path string)
	walk = func(bs []*Branch, path string) {
		for i, b := range bs {
			if b == nil {
				continue
			}
			p := idx(path, i)
			if b.Product != nil {
				out = append(out, fp{b.Product, p + ".product"})
			}
			walk(b.Branches, p+".branches")
		}
	}
	walk(pt.Branches, "product_tree.branches")
	for i, f := range pt.FullProductNames {
		if f != nil {
			out = append(out, fp{f, idx("product_tree.full_product_names", i)})
		}
	}
	for i, r := range pt.Relationships {
		if r != nil {
			out = append(out, fp{&r.FullProductName, idx("product_tree.relationships", i) + ".full_product_name"})
		}
	}
	return out
}

// productReferences lists every product ID used outside a full product
// name, in document order.
func productReferences(a *Advisory) []located {
	var out []located
	list := func(ids []string, path string) {
		for i, id := range ids {
			out = append(out, located{id, idx(path, i)})
		}
	}
	if pt := a.ProductTree; pt != nil {
		for i, g := range pt.ProductGroups {
			if g != nil {
				list(g.ProductIDs, idx("product_tree.product_groups", i)+".product_ids")
			}
		}
		for i, r := range pt.Relationships {
			if r != nil {
				p := idx("product_tree.relationships", i)
				out = append(out, located{r.ProductReference, p + ".product_reference"},
					located{r.RelatesToProductReference, p + ".relates_to_product_reference"})
			}
		}
	}
	for i, v := range a.Vulnerabilities {
		if v == nil {
			continue
		}
		vp := idx("vulnerabilities", i)
		for j, f := range v.Flags {
			if f != nil {
				list(f.ProductIDs, idx(vp+".flags", j)+".product_ids")
			}
		}
		if v.ProductStatus != nil {
			for _, l := range v.ProductStatus.lists() {
				list(l.ids, vp+".product_status."+l.name)
			}
		}
		for j, r := range v.Remediations {
			if r != nil {
				list(r.ProductIDs, idx(vp+".remediations", j)+".product_ids")
			}
		}
		for j, s := range v.Scores {
			if s != nil {
				list(s.Products, idx(vp+".scores", j)+".products")
			}
		}
		for j, t := range v.Threats {
			if t != nil {
				list(t.ProductIDs, idx(vp+".threats", j)+".product_ids")
			}
		}
	}
	return out
}

// productIDs is 6.1.1 (Missing Definition of Product ID) and 6.1.2
// (Multiple Definition of Product ID).
func (c *checker) productIDs() {
	defined := map[string]string{}
	for _, d := range productDefinitions(c.a.ProductTree) {
		if prev, ok := defined[d.id]; ok {
			c.fail("6.1.2", d.path, "product ID %s is already defined at %s", d.id, jsonPath(prev))
			continue
		}
		defined[d.id] = d.path
	}
	for _, r := range productReferences(c.a) {
		if _, ok := defined[r.id]; !ok {
			c.fail("6.1.1", r.path, "product ID %s is not defined in the product tree", r.id)
		}
	}
}

// circular is 6.1.3 (Circular Definition of Product ID): a product a
// relationship defines must not be built, through relationships, from
// itself.
func (c *checker) circular() {
	pt := c.a.ProductTree
	if pt == nil {
		return
	}
	parts := map[string][]string{} // relationship product → the two it is made of
	for _, r := range pt.Relationships {
		if r != nil {
			id := r.FullProductName.ProductID
			parts[id] = append(parts[id], r.ProductReference, r.RelatesToProductReference)
		}
	}
	for i, r := range pt.Relationships {
		if r == nil {
			continue
		}
		self := r.FullProductName.ProductID
		p := idx("product_tree.relationships", i)
		for _, start := range []struct{ id, field string }{
			{r.ProductReference, "product_reference"},
			{r.RelatesToProductReference, "relates_to_product_reference"},
		} {
			if chain := reaches(parts, start.id, self); chain != nil {
				c.fail("6.1.3", p+"."+start.field, "product ID %s is defined through itself: %s", self,
					strings.Join(append([]string{self}, chain...), " → "))
				break
			}
		}
	}
}

// reaches returns the chain of products from start to target through the
// parts of relationship products, or nil.
func reaches(parts map[string][]string, start, target string) []string {
	seen := map[string]bool{}
	var walk func(id string) []string
	walk = func(id string) []string {
		if id == target {
			return []string{id}
		}
		if seen[id] {
			return nil
		}
		seen[id] = true
		for _, p := range parts[id] {
			if chain := walk(p); chain != nil {
				return append([]string{id}, chain...)
			}
		}
		return nil
	}
	return walk(start)
}

// groupIDs is 6.1.4 (Missing Definition of Product Group ID) and 6.1.5
// (Multiple Definition of Product Group ID).
func (c *checker) groupIDs() {
	defined := map[string]string{}
	if pt := c.a.ProductTree; pt != nil {
		for i, g := range pt.ProductGroups {
			if g == nil {
				continue
			}
			p := idx("product_tree.product_groups", i) + ".group_id"
			if prev, ok := defined[g.GroupID]; ok {
				c.fail("6.1.5", p, "product group ID %s is already defined at %s", g.GroupID, jsonPath(prev))
				continue
			}
			defined[g.GroupID] = p
		}
	}
	use := func(ids []string, path string) {
		for i, id := range ids {
			if _, ok := defined[id]; !ok {
				c.fail("6.1.4", idx(path, i), "product group ID %s is not defined in the product tree", id)
			}
		}
	}
	for i, v := range c.a.Vulnerabilities {
		if v == nil {
			continue
		}
		vp := idx("vulnerabilities", i)
		for j, f := range v.Flags {
			if f != nil {
				use(f.GroupIDs, idx(vp+".flags", j)+".group_ids")
			}
		}
		for j, r := range v.Remediations {
			if r != nil {
				use(r.GroupIDs, idx(vp+".remediations", j)+".group_ids")
			}
		}
		for j, t := range v.Threats {
			if t != nil {
				use(t.GroupIDs, idx(vp+".threats", j)+".group_ids")
			}
		}
	}
}

// statusGroups maps product status lists to the groups of 6.1.6; the
// recommended list belongs to none.
var statusGroups = map[string]string{
	"first_affected":      "affected",
	"known_affected":      "affected",
	"last_affected":       "affected",
	"known_not_affected":  "not affected",
	"first_fixed":         "fixed",
	"fixed":               "fixed",
	"under_investigation": "under investigation",
}

// contradictions is 6.1.6 (Contradicting Product Status).
func (c *checker) contradictions() {
	for i, v := range c.a.Vulnerabilities {
		if v == nil || v.ProductStatus == nil {
			continue
		}
		type first struct{ group, path string }
		seen := map[string]first{}
		for _, l := range v.ProductStatus.lists() {
			g, ok := statusGroups[l.name]
			if !ok {
				continue
			}
			for j, id := range l.ids {
				p := idx(idx("vulnerabilities", i)+".product_status."+l.name, j)
				if f, ok := seen[id]; ok && f.group != g {
					c.fail("6.1.6", p, "product ID %s is %s here but %s at %s", id, g, f.group, jsonPath(f.path))
					continue
				}
				if _, ok := seen[id]; !ok {
					seen[id] = first{g, p}
				}
			}
		}
	}
}

// cwe is 6.1.11 (CWE), against the excerpt of the CWE list in cwe.go.
func (c *checker) cwe() {
	for i, v := range c.a.Vulnerabilities {
		if v == nil || v.CWE == nil {
			continue
		}
		if want, ok := cweNames[v.CWE.ID]; ok && want != v.CWE.Name {
			c.fail("6.1.11", idx("vulnerabilities", i)+".cwe.name", "%s is named %q in the CWE list, not %q", v.CWE.ID, want, v.CWE.Name)
		}
	}
}

// languages is 6.1.12 (Language), 6.1.15 (Translator) and 6.1.28
// (Translation).
func (c *checker) languages() {
	d := &c.a.Document
	tags := map[string]language.Tag{}
	for _, f := range []struct{ path, value string }{{"document.lang", d.Lang}, {"document.source_lang", d.SourceLang}} {
		if f.value == "" {
			continue
		}
		t, err := language.Parse(f.value)
		if err != nil {
			c.fail("6.1.12", f.path, "%q is not a valid language tag: %s", f.value, strings.TrimPrefix(err.Error(), "language: "))
			continue
		}
		tags[f.path] = t
	}
	if d.Publisher.Category == "translator" && d.SourceLang == "" {
		c.fail("6.1.15", "document.source_lang", "the publisher is a translator, so source_lang must give the language translated from")
	}
	if d.Lang != "" && d.SourceLang != "" {
		l, lok := tags["document.lang"]
		s, sok := tags["document.source_lang"]
		if (lok && sok && l == s) || strings.EqualFold(d.Lang, d.SourceLang) {
			c.fail("6.1.28", "document.source_lang", "source_lang %q is the document's own language: a translation comes from another language", d.SourceLang)
		}
	}
}

// purls is 6.1.13 (PURL).
func (c *checker) purls() {
	for _, fp := range fullProductNames(c.a.ProductTree) {
		if fp.f.Helper == nil || fp.f.Helper.PURL == "" {
			continue
		}
		if err := validPURL(fp.f.Helper.PURL); err != nil {
			c.fail("6.1.13", fp.path+".product_identification_helper.purl", "invalid package URL %q: %v", fp.f.Helper.PURL, err)
		}
	}
}

func validPURL(s string) error {
	p, err := packageurl.FromString(s)
	if err != nil {
		return fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "purl: "))
	}
	if p.Name == "" {
		return fmt.Errorf("name is required")
	}
	return nil
}

// cves is 6.1.23 (Multiple Use of Same CVE).
func (c *checker) cves() {
	seen := map[string]string{}
	for i, v := range c.a.Vulnerabilities {
		if v == nil || v.CVE == "" {
			continue
		}
		p := idx("vulnerabilities", i) + ".cve"
		if prev, ok := seen[v.CVE]; ok {
			c.fail("6.1.23", p, "%s is already the subject of %s", v.CVE, jsonPath(prev))
			continue
		}
		seen[v.CVE] = p
	}
}

// involvements is 6.1.24 (Multiple Definition in Involvements): one party
// states its involvement once per date.
func (c *checker) involvements() {
	for i, v := range c.a.Vulnerabilities {
		if v == nil {
			continue
		}
		seen := map[string]string{}
		for j, inv := range v.Involvements {
			if inv == nil {
				continue
			}
			key := inv.Party + "\x00" + instant(inv.Date)
			p := idx(idx("vulnerabilities", i)+".involvements", j)
			if prev, ok := seen[key]; ok {
				c.fail("6.1.24", p, "party %s already has an involvement dated %s at %s", inv.Party, inv.Date, jsonPath(prev))
				continue
			}
			seen[key] = p
		}
	}
}

// instant normalizes a date-time so that equal instants in different
// notations compare equal; unparsable text stays as it is.
func instant(s string) string {
	if t, ok := parseDateTime(s); ok {
		return t.UTC().Format(time.RFC3339Nano)
	}
	return s
}

func parseDateTime(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	return t, err == nil
}

// hashes is 6.1.25 (Multiple Use of Same Hash Algorithm).
func (c *checker) hashes() {
	for _, fp := range fullProductNames(c.a.ProductTree) {
		if fp.f.Helper == nil {
			continue
		}
		for i, h := range fp.f.Helper.Hashes {
			if h == nil {
				continue
			}
			hp := idx(fp.path+".product_identification_helper.hashes", i)
			seen := map[string]bool{}
			for j, fh := range h.FileHashes {
				if fh == nil {
					continue
				}
				if seen[fh.Algorithm] {
					c.fail("6.1.25", idx(hp+".file_hashes", j)+".algorithm", "file %s already has a %s hash", h.Filename, fh.Algorithm)
					continue
				}
				seen[fh.Algorithm] = true
			}
		}
	}
}

// profileNames are the names and values of the profiles other than CSAF
// Base, normalized as 6.1.26 asks: lower case, without dashes, white space
// and underscores.
var profileNames = []string{
	"securityincidentresponse", "informationaladvisory", "securityadvisory", "vex",
	"csafsecurityincidentresponse", "csafinformationaladvisory", "csafsecurityadvisory", "csafvex",
}

var knownCategories = []string{CategoryBase, CategorySecurityIncidentResponse, CategoryInformationalAdvisory, CategorySecurityAdvisory, CategoryVEX}

// category is 6.1.26 (Prohibited Document Category Name).
func (c *checker) category() {
	cat := c.a.Document.Category
	if slices.Contains(knownCategories, cat) || cat == "" {
		return
	}
	norm := strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, cat)
	if slices.Contains(profileNames, norm) {
		c.fail("6.1.26", "document.category", "category %q is the name of a CSAF profile but not its value: write it as the profile's value (e.g. csaf_vex) or choose another name", cat)
		return
	}
	if strings.HasPrefix(strings.ToLower(cat), "csaf_") {
		c.fail("6.1.26", "document.category", "category %q uses the prefix csaf_, which CSAF reserves for its profiles", cat)
	}
}

// productReferences is 6.1.29 (Remediation without Product Reference)
// and 6.1.32 (Flag without Product Reference).
func (c *checker) productReferences() {
	for i, v := range c.a.Vulnerabilities {
		if v == nil {
			continue
		}
		vp := idx("vulnerabilities", i)
		for j, r := range v.Remediations {
			if r != nil && len(r.ProductIDs) == 0 && len(r.GroupIDs) == 0 {
				c.fail("6.1.29", idx(vp+".remediations", j), "the remediation names no product_ids and no group_ids")
			}
		}
		for j, f := range v.Flags {
			if f != nil && len(f.ProductIDs) == 0 && len(f.GroupIDs) == 0 {
				c.fail("6.1.32", idx(vp+".flags", j), "the flag names no product_ids and no group_ids")
			}
		}
	}
}

// versionRangeWord matches the words 6.1.31 takes for a version range.
var versionRangeWord = regexp.MustCompile(`\b(after|all|before|earlier|later|prior|versions)\b`)

// versionRanges is 6.1.31 (Version Range in Product Version).
func (c *checker) versionRanges() {
	if c.a.ProductTree == nil {
		return
	}
	var walk func(bs []*Branch, path string)
	walk = func(bs []*Branch, path string) {
		for i, b := range bs {
			if b == nil {
				continue
			}
			p := idx(path, i)
			if b.Category == "product_version" {
				name := strings.ToLower(b.Name)
				if strings.ContainsAny(name, "<>") || versionRangeWord.MatchString(name) {
					c.fail("6.1.31", p+".name", "product_version %q is a version range: use the category product_version_range", b.Name)
				}
			}
			walk(b.Branches, p+".branches")
		}
	}
	walk(c.a.ProductTree.Branches, "product_tree.branches")
}

// vexLabels are the flag labels that justify known_not_affected.
var vexLabels = []string{
	"component_not_present", "inline_mitigations_already_exist", "vulnerable_code_cannot_be_controlled_by_adversary",
	"vulnerable_code_not_in_execute_path", "vulnerable_code_not_present",
}

// members returns the product IDs named directly and through groups.
func (c *checker) members(productIDs, groupIDs []string) []string {
	out := slices.Clone(productIDs)
	for _, g := range groupIDs {
		out = append(out, c.groups[g]...)
	}
	return out
}

// justifications is 6.1.33 (Multiple Flags with VEX Justification Codes
// per Product).
func (c *checker) justifications() {
	for i, v := range c.a.Vulnerabilities {
		if v == nil {
			continue
		}
		type first struct{ label, path string }
		seen := map[string]first{}
		for j, f := range v.Flags {
			if f == nil || !slices.Contains(vexLabels, f.Label) {
				continue
			}
			p := idx(idx("vulnerabilities", i)+".flags", j)
			reported := map[string]bool{}
			for _, id := range c.members(f.ProductIDs, f.GroupIDs) {
				if prev, ok := seen[id]; ok && prev.path != p {
					if !reported[id] {
						reported[id] = true
						c.fail("6.1.33", p, "product ID %s already has the justification %s at %s", id, prev.label, jsonPath(prev.path))
					}
					continue
				}
				seen[id] = first{f.Label, p}
			}
		}
	}
}
