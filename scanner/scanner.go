// Package scanner runs a vulnerability scan: it reads SBOMs, VEX
// documents and the security file's component aliases, matches the
// components against the advisory store, applies the VEX decisions (and
// carries them forward from a previous release) and returns the report
// that package scanreport writes. The command line only parses flags and
// writes the report.
package scanner

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/readlimit"
	"github.com/wardhq/ward/match"
	"github.com/wardhq/ward/osv"
	"github.com/wardhq/ward/sbom"
	"github.com/wardhq/ward/scanreport"
	"github.com/wardhq/ward/securityfile"
	"github.com/wardhq/ward/vex"
)

// Input is what a scan reads besides the store.
type Input struct {
	Paths    []string // SBOM files
	VEXFiles []string
	Previous string // SBOM the VEXFiles decisions were made for; "" applies them as they are
	Security string // security file folder; "" for none
	Product  string // purl (or CPE or name) of the scanned product; "" for each SBOM's subject
}

// Context is what the caller needs besides the report.
type Context struct {
	Notes   []string // things the user should know that are not findings
	Product string   // the first SBOM subject's identifier, for VEX documents
}

// Run reads the inputs, matches and applies VEX. Bad input files are
// errors (ward.PosErrors where positions are known): a scan that skipped a
// file would understate the findings.
func Run(ctx context.Context, store *osv.Store, in Input) (*scanreport.Report, *Context, error) {
	sc := &Context{}
	aliases, cpeOnly, notes, err := scanAliases(in.Security)
	if err != nil {
		return nil, nil, err
	}
	sc.Notes = append(sc.Notes, notes...)

	var stmts []ward.VEXStatement
	for _, p := range in.VEXFiles {
		data, err := readlimit.File(p, vex.MaxSize)
		if err != nil {
			return nil, nil, fmt.Errorf("scan: VEX %w", err)
		}
		s, err := vex.Parse(p, data)
		if err != nil {
			return nil, nil, err
		}
		stmts = append(stmts, s...)
	}

	rep := &scanreport.Report{}
	var boms []*ward.SBOM
	var own [][]ward.VEXStatement // embedded VEX, by SBOM
	var comps []*ward.Component
	sbomOf := map[*ward.Component]int{}
	for _, p := range in.Paths {
		b, err := ParseSBOM(p)
		if err != nil {
			return nil, nil, err
		}
		// VEX embedded in a CycloneDX SBOM (vulnerabilities[] with
		// analysis) decides findings of that SBOM only: it speaks for the
		// product the SBOM describes, not for the same package elsewhere.
		var embedded []ward.VEXStatement
		if b.Format == "CycloneDX" {
			// Read again rather than keep the bytes through parsing: a
			// 100,000-component SBOM is held once, not twice.
			data, err := readlimit.File(p, sbom.DefaultMaxBytes)
			if err != nil {
				return nil, nil, fmt.Errorf("scan: SBOM %w", err)
			}
			if bytes.Contains(data, []byte(`"vulnerabilities"`)) || bytes.Contains(data, []byte(`<vulnerabilities`)) {
				if b.Encoding != sbom.EncodingJSON {
					sc.Notes = append(sc.Notes, fmt.Sprintf("%s: VEX embedded in CycloneDX %s is not read (convert the SBOM to JSON, or give the decisions with --vex)", p, b.Encoding))
				} else if embedded, err = vex.FromCycloneDXBOM(p, data); err != nil {
					return nil, nil, err
				}
			}
		}
		idx := len(boms)
		boms = append(boms, b)
		own = append(own, embedded)
		rep.SBOMs = append(rep.SBOMs, scanreport.SBOM{Source: p, Format: b.Format, SpecVersion: b.SpecVersion})
		for _, c := range b.Components {
			if c == nil {
				continue
			}
			// Reports locate components in their file; the parser gives
			// the path in the document, the file is known here.
			if c.Pos.File == "" {
				c.Pos.File = p
			}
			sbomOf[c] = idx
			comps = append(comps, c)
		}
		if sc.Product == "" && b.Subject != nil {
			sc.Product = cmp.Or(b.Subject.PURL, b.Subject.CPE, b.Subject.Name)
		}
	}
	var prev *ward.SBOM
	if in.Previous != "" {
		if prev, err = ParseSBOM(in.Previous); err != nil {
			return nil, nil, err
		}
	}

	res, err := match.Match(ctx, comps, store, match.Options{Aliases: aliases, Normalize: osv.NormalizeName})
	if err != nil {
		return nil, nil, fmt.Errorf("scan: %w", err)
	}
	snap := store.Snapshot()
	rep.Snapshot = scanreport.Snapshot{ID: snap.ID, NewestModified: snap.NewestModified}
	rep.Components, rep.Checked = res.Components, res.Checked

	// Not matchable: match's reasons, plus checked components whose
	// ecosystem the snapshot holds no advisories for — "checked against
	// nothing" is the silent zero users of other scanners complain about.
	order := make(map[*ward.Component]int, len(comps))
	for i, c := range comps {
		order[c] = i
	}
	rejected := make(map[*ward.Component]bool, len(res.NotMatchable))
	for _, nm := range res.NotMatchable {
		rejected[nm.Component] = true
		rep.NotMatchable = append(rep.NotMatchable, scanreport.NotMatchable{Component: nm.Component, Reason: explainReason(nm, cpeOnly)})
	}
	for _, c := range comps {
		if rejected[c] {
			continue
		}
		if eco := ecosystemOf(c, aliases); eco != "" && snap.Counts[eco] == 0 {
			rep.Checked--
			rep.NotMatchable = append(rep.NotMatchable, scanreport.NotMatchable{Component: c, Reason: fmt.Sprintf(
				"the advisory store holds no %s advisories, so there is nothing to compare it with (import them: 'ward db import' or 'ward db sync --ecosystem %s')", eco, eco)})
		}
	}
	slices.SortStableFunc(rep.NotMatchable, func(a, b scanreport.NotMatchable) int {
		return cmp.Compare(order[a.Component], order[b.Component])
	})

	// Findings in document order (SBOM, then component; match gives each
	// component's findings in advisory ID order, which the stable sort
	// keeps), then VEX per SBOM: bom-refs and the subject are only
	// meaningful within their own document.
	findings := res.Findings
	// With --previous only the decisions that carry forward are applied;
	// embedded VEX speaks for its own SBOM and is applied as it is.
	if prev != nil {
		var notes []string
		vs := vexScope{boms: boms, sbomOf: sbomOf, product: in.Product}
		stmts, rep.Reopened, notes = carryForward(store, stmts, prev, comps, findings, vs)
		sc.Notes = append(sc.Notes, notes...)
	}
	all := slices.Clone(stmts)
	for _, e := range own {
		all = append(all, e...)
	}
	if len(all) > 0 {
		for lo := 0; lo < len(findings); {
			i := sbomOf[findings[lo].Component]
			hi := lo
			for hi < len(findings) && sbomOf[findings[hi].Component] == i {
				hi++
			}
			apply := stmts
			if len(own[i]) > 0 {
				apply = append(slices.Clone(stmts), own[i]...)
			}
			copy(findings[lo:hi], vex.ApplyScope(findings[lo:hi], apply, vex.Scope{Product: in.Product, SBOM: boms[i]}))
			lo = hi
		}
		if n := unusedStatements(all, findings); n != "" {
			sc.Notes = append(sc.Notes, n)
		}
	}
	rep.Findings = findings
	return rep, sc, nil
}

// vexScope is what applying a statement to one finding needs: the SBOM
// the finding's component came from, and --product.
type vexScope struct {
	boms    []*ward.SBOM
	sbomOf  map[*ward.Component]int
	product string
}

// decides reports whether one of stmts decides f (which has no decision
// yet), with f's own SBOM as the scope, as scan applies them.
func (vs vexScope) decides(f ward.Finding, stmts []ward.VEXStatement) bool {
	scope := vex.Scope{Product: vs.product, SBOM: vs.boms[vs.sbomOf[f.Component]]}
	return vex.ApplyScope([]ward.Finding{f}, stmts, scope)[0].VEX != nil
}

// carryForward moves the --vex decisions, made for the release whose SBOM
// is prev, to the scanned components with vex.CarryForward. It returns the
// statements to apply, the decisions re-opened for review (not applied),
// and notes for stderr. findings are the scan's, before any VEX.
//
// Advisory data: ward does not record which snapshot a decision was made
// against, so every decision is checked (snapshotChanged): it is re-opened
// when its advisory was modified after the statement's Timestamp. The
// statement's vulnerability is looked up as an advisory ID in the store,
// and among the IDs and aliases of this scan's findings — the store has no
// alias index, and a CVE a statement names is found through the advisories
// that list it. When several do (a PYSEC and a GHSA record of one CVE),
// the latest Modified counts: a change to any of them may change the facts
// the decision rests on. A vulnerability found neither way decides nothing
// in this scan and is not re-opened for its advisory. A statement without
// a timestamp cannot be shown to postdate a modification, so it is
// re-opened whenever its advisory has a Modified date.
//
// vex.CarryForward checks the advisory before the components, so a
// decision re-opened for its advisory names no component; the report then
// names the scanned components whose findings it would have decided, one
// row each, or has one row without a component when it would decide none.
func carryForward(store *osv.Store, stmts []ward.VEXStatement, prev *ward.SBOM, comps []*ward.Component, findings []ward.Finding, vs vexScope) ([]ward.VEXStatement, []scanreport.Reopened, []string) {
	byVuln := map[string][]int{} // upper-case advisory ID or alias → findings
	for i := range findings {
		for _, id := range append([]string{findings[i].Advisory}, findings[i].Aliases...) {
			k := strings.ToUpper(strings.TrimSpace(id))
			if l := byVuln[k]; len(l) == 0 || l[len(l)-1] != i {
				byVuln[k] = append(l, i)
			}
		}
	}
	// latest is the advisory behind a statement's vulnerability that was
	// modified last, and when.
	type modification struct {
		advisory string
		at       time.Time
	}
	cache := map[string]modification{}
	latest := func(id string) modification {
		if m, ok := cache[id]; ok {
			return m
		}
		var m modification
		if a, err := store.Advisory(strings.TrimSpace(id)); err == nil {
			m = modification{a.ID, a.Modified}
		}
		seen := map[string]bool{}
		for _, i := range byVuln[strings.ToUpper(strings.TrimSpace(id))] {
			if adv := findings[i].Advisory; !seen[adv] {
				seen[adv] = true
				if a, err := store.Advisory(adv); err == nil && a.Modified.After(m.at) {
					m = modification{a.ID, a.Modified}
				}
			}
		}
		cache[id] = m
		return m
	}
	modified := func(id string) time.Time { return latest(id).at }

	carried, reopened := vex.CarryForward(stmts, prev.Components, comps, true, modified)
	order := make(map[*ward.Component]int, len(comps))
	for i, c := range comps {
		order[c] = i
	}
	rows := make([]scanreport.Reopened, 0, len(reopened))
	for _, ro := range reopened {
		s := ro.Statement
		row := scanreport.Reopened{Vulnerability: s.Vulnerability, Component: ro.Component, Reason: ro.Reason, Source: s.Source}
		if ro.Component != nil {
			rows = append(rows, row)
			continue
		}
		// Name the record that changed when the statement names an alias.
		m := latest(s.Vulnerability)
		adv := m.advisory
		if !strings.EqualFold(adv, strings.TrimSpace(s.Vulnerability)) {
			adv += " (" + s.Vulnerability + ")"
		}
		if s.Timestamp.IsZero() {
			row.Reason = fmt.Sprintf("advisory %s was modified on %s; this decision has no timestamp, so it may predate that",
				adv, m.at.UTC().Format(time.RFC3339))
		} else if adv != s.Vulnerability {
			row.Reason = fmt.Sprintf("advisory %s was modified on %s, after this decision of %s",
				adv, m.at.UTC().Format(time.RFC3339), s.Timestamp.UTC().Format(time.RFC3339))
		}
		// Where it would have applied: its own carry-forward, ignoring
		// the advisory, gives the components (a changed version is one).
		c2, r2 := vex.CarryForward([]ward.VEXStatement{s}, prev.Components, comps, false, nil)
		var on []*ward.Component
		for _, r := range r2 {
			on = append(on, r.Component)
		}
		if len(c2) > 0 {
			for _, i := range byVuln[strings.ToUpper(strings.TrimSpace(s.Vulnerability))] {
				if vs.decides(findings[i], c2) {
					on = append(on, findings[i].Component)
				}
			}
		}
		slices.SortStableFunc(on, func(a, b *ward.Component) int { return cmp.Compare(order[a], order[b]) })
		on = slices.Compact(on)
		if len(on) == 0 {
			rows = append(rows, row)
		}
		for _, c := range on {
			r := row
			r.Component = c
			rows = append(rows, r)
		}
	}

	var notes []string
	if len(rows) > 0 {
		notes = append(notes, fmt.Sprintf("%s made for %s (--previous) re-opened for review and not applied (a component version changed, or the advisory was modified after the decision): see the report",
			count(len(rows), "VEX decision"), prev.Source))
	}
	key := func(s *ward.VEXStatement) string { return s.Source + "\x00" + s.Vulnerability }
	kept := map[string]bool{}
	for i := range carried {
		kept[key(&carried[i])] = true
	}
	for i := range reopened {
		kept[key(&reopened[i].Statement)] = true
	}
	dropped := 0
	for i := range stmts {
		if !kept[key(&stmts[i])] {
			dropped++
		}
	}
	if dropped > 0 {
		notes = append(notes, fmt.Sprintf("%s not carried forward: the components of %s they name are not in the scanned SBOMs",
			count(dropped, "VEX statement"), prev.Source))
	}
	return carried, rows, notes
}

// scanAliases reads component_aliases from the security file in dir. A
// security file with other problems still gives its aliases (scan is not
// `ward validate`); problems in the aliases themselves are errors.
// cpeOnly maps component names to aliases that give only a CPE, which OSV
// data cannot use.
func scanAliases(dir string) (aliases []match.Alias, cpeOnly map[string]*ward.ComponentAlias, notes []string, err error) {
	if dir == "" {
		return nil, nil, nil, nil
	}
	sf, err := securityfile.Load(dir, securityfile.Limits{})
	if err != nil {
		var pes ward.PosErrors
		if !errors.As(err, &pes) || sf == nil {
			return nil, nil, nil, fmt.Errorf("scan: --security: %w", err)
		}
		var own ward.PosErrors
		for _, pe := range pes {
			if strings.HasPrefix(pe.Path, "component_aliases") {
				own = append(own, pe)
			}
		}
		if len(own) > 0 {
			return nil, nil, nil, own
		}
		notes = append(notes, fmt.Sprintf("the security file in %s has %d problem(s) outside component_aliases; its aliases are used (run 'ward validate %s')", dir, len(pes), dir))
	}
	cpeOnly = map[string]*ward.ComponentAlias{}
	for _, a := range sf.Aliases {
		if a == nil || a.Name == "" {
			continue
		}
		if a.PURL == "" {
			cpeOnly[a.Name] = a
			continue
		}
		aliases = append(aliases, match.Alias{Match: a.Name, PURL: a.PURL})
	}
	if len(sf.Aliases) > 0 && len(aliases) == 0 && len(cpeOnly) == 0 {
		notes = append(notes, fmt.Sprintf("the security file in %s has no usable component_aliases", dir))
	}
	return aliases, cpeOnly, notes, nil
}

// explainReason adds to match's reason what the user can do about it.
func explainReason(nm match.NotMatchable, cpeOnly map[string]*ward.ComponentAlias) string {
	c := nm.Component
	if nm.Reason != match.ReasonNoIdentifier && nm.Reason != match.ReasonCPEOnly {
		return nm.Reason
	}
	if a := cpeOnly[c.Name]; a != nil {
		where := ""
		if s := a.At.String(); s != "" {
			where = " (" + s + ")"
		}
		return fmt.Sprintf("%s; its component_aliases entry%s gives a CPE only, and OSV advisories are keyed by package: add a purl to it", nm.Reason, where)
	}
	return nm.Reason + "; map it to a purl with a component_aliases entry in the security file (--security)"
}

// ecosystemOf is the OSV ecosystem c is matched in: its alias rule's purl
// (first rule that names it, as match applies them), else its own purl.
// "" when it has none or it does not map to OSV.
func ecosystemOf(c *ward.Component, aliases []match.Alias) string {
	purl := c.PURL
	for _, a := range aliases {
		if a.Matches(c) {
			purl = a.PURL
			break
		}
	}
	if purl == "" {
		return ""
	}
	p, err := match.FromPURL(purl)
	if err != nil {
		return ""
	}
	return p.Ecosystem
}

// unusedStatements names the VEX statements that decided no finding, so a
// statement naming the wrong component or product does not go unnoticed.
func unusedStatements(stmts []ward.VEXStatement, findings []ward.Finding) string {
	key := func(s *ward.VEXStatement) string {
		return strings.Join([]string{s.Source, s.Vulnerability, s.Product, strings.Join(s.Components, ","), string(s.Status)}, "\x00")
	}
	used := map[string]bool{}
	for i := range findings {
		if v := findings[i].VEX; v != nil {
			used[key(v)] = true
		}
	}
	var unused []string
	for i := range stmts {
		if !used[key(&stmts[i])] {
			unused = append(unused, fmt.Sprintf("%s (%s)", stmts[i].Source, stmts[i].Vulnerability))
		}
	}
	if len(unused) == 0 {
		return ""
	}
	n, more := len(unused), ""
	if n > 5 {
		more = fmt.Sprintf(" and %d more", n-5)
		unused = unused[:5]
	}
	return fmt.Sprintf("%d of %d VEX statements decide no finding of this scan (vulnerability not found, or another component or product): %s%s",
		n, len(stmts), strings.Join(unused, ", "), more)
}

// ParseSBOM reads one SBOM file.
func ParseSBOM(path string) (*ward.SBOM, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("scan: SBOM %w", err)
	}
	defer f.Close()
	return sbom.Parse(path, f, sbom.Limits{})
}

// count writes a count with its (regular) noun: "1 VEX decision", "3 VEX decisions".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
