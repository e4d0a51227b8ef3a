package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 8 — software configuration management, and the cross-cutting
// evidence rules RX-1 and RX-3 the catalog files under it.

func init() {
	register("R8-1", checkReleaseSBOMComplete)
	register("R8-2", checkArtifactHashes)
	register("R8-3", checkSupportedReleaseSBOMs)
	register("R8-4", checkSourceCustody)
	register("RX-1", checkEvidenceHashes)
	register("RX-3", checkRecordHistory)
}

// checkReleaseSBOMComplete: the release under evaluation references an
// SBOM that was read; the SBOM was made by a tool (its own tools list or
// the sboms: entry's generated_by), names its authors or tools, has a
// timestamp and dependency relationships; and every component has the
// NTIA minimum fields: supplier, name, version and a unique identifier
// (purl or CPE).
func checkReleaseSBOMComplete(in *Input, c *Check) {
	rel := in.Release
	if rel == nil {
		c.NotApplicable("no release recorded")
		return
	}
	s, ok := sbomOfRelease(in, rel)
	switch {
	case rel.SBOM == "" && !ok:
		c.Missing(rel.At, "release %s: no SBOM (sbom:)", rel.Version)
		return
	case s.Ref == nil:
		c.Missing(rel.At, "release %s: SBOM %s is not among the sboms:", rel.Version, rel.SBOM)
		return
	case s.SBOM == nil && s.Err != nil:
		c.Missing(s.Ref.At, "release %s: SBOM %s (%s) could not be read: %v", rel.Version, s.Ref.ID, s.Ref.Path, s.Err)
		return
	case s.SBOM == nil:
		c.Missing(s.Ref.At, "release %s: SBOM %s (%s) was not read", rel.Version, s.Ref.ID, s.Ref.Path)
		return
	}
	sb, id := s.SBOM, s.Ref.ID
	c.Cite(id)
	if len(sb.Tools) == 0 && s.Ref.Tool == "" {
		c.Missing(s.Ref.At, "SBOM %s: not shown to be tool-generated (no tools in the SBOM, no generated_by)", id)
	}
	if len(sb.Authors) == 0 && len(sb.Tools) == 0 {
		c.Missing(s.Ref.At, "SBOM %s: no author (NTIA: SBOM author)", id)
	}
	if sb.Created.IsZero() {
		c.Missing(s.Ref.At, "SBOM %s: no timestamp (NTIA)", id)
	}
	if len(sb.Components) > 0 && len(sb.Dependencies) == 0 {
		c.Missing(s.Ref.At, "SBOM %s: no dependency relationships (NTIA)", id)
	}
	for _, comp := range sb.Components {
		var lacks []string
		if comp.Supplier == "" {
			lacks = append(lacks, "supplier")
		}
		if comp.Name == "" {
			lacks = append(lacks, "name")
		}
		if comp.Version == "" {
			lacks = append(lacks, "version")
		}
		if comp.PURL == "" && comp.CPE == "" {
			lacks = append(lacks, "purl or CPE")
		}
		if len(lacks) > 0 {
			c.Missing(sbomComponentPos(s, comp), "SBOM %s: component %s lacks %s", id, comp.DisplayName(), strings.Join(lacks, ", "))
		}
	}
	c.OK("release %s has tool-generated SBOM %s with the NTIA minimum fields for all %d components", rel.Version, id, len(sb.Components))
}

// checkArtifactHashes: every distributed artifact of the release has a
// SHA-256 digest. Comparing the SBOM with the build's dependency lock data
// needs the lock files, which the security file does not carry, so that
// part goes to a human.
func checkArtifactHashes(in *Input, c *Check) {
	rel := in.Release
	if rel == nil {
		c.NotApplicable("no release recorded")
		return
	}
	if len(rel.Artifacts) == 0 {
		c.Missing(rel.At, "release %s: no artifacts listed", rel.Version)
	}
	for _, a := range rel.Artifacts {
		if !isSHA256Hex(a.SHA256) {
			c.Missing(a.At, "release %s: artifact %s has no valid SHA-256 (64 hex digits)", rel.Version, a.Name)
		}
	}
	c.Manual("artifacts of release %s have SHA-256 digests; compare its SBOM with the build's lock data (go.sum, package-lock.json, Cargo.lock …) of commit %s: no component may be missing or hand-added", rel.Version, rel.Commit)
}

// checkSupportedReleaseSBOMs: every supported release has an SBOM that
// was read, so "which supported versions contain component X" can be answered.
func checkSupportedReleaseSBOMs(in *Input, c *Check) {
	rels := supportedReleases(in)
	if len(rels) == 0 {
		c.NotApplicable("no supported release")
		return
	}
	for _, r := range rels {
		s, ok := sbomOfRelease(in, r)
		switch {
		case !ok:
			c.Missing(r.At, "supported release %s: no SBOM", r.Version)
		case s.SBOM == nil:
			c.Missing(r.At, "supported release %s: SBOM %s could not be read", r.Version, s.Ref.ID)
		default:
			c.Cite(s.Ref.ID)
		}
	}
	c.OK("all %d supported releases have a readable SBOM", len(rels))
}

// checkSourceCustody: the product names its repository and how release
// sources are backed up or escrowed, and every release records its commit.
// Whether each commit can still be fetched is checked against the
// repository by the caller, not here.
func checkSourceCustody(in *Input, c *Check) {
	p := in.File.Product
	if p == nil {
		c.Missing(ward.Pos{}, "no product: section")
		return
	}
	if p.Repository == "" {
		c.Missing(p.At, "product: no repository (where the source is kept)")
	}
	if p.SourceEscrow == "" {
		c.Missing(p.At, "product: no source_escrow (how release sources are backed up or escrowed)")
	}
	for _, r := range in.File.Releases {
		if r.Commit == "" {
			c.Missing(r.At, "release %s: no commit", r.Version)
		}
	}
	c.OK("sources are kept in %s and backed up (%s); every release names its commit", p.Repository, p.SourceEscrow)
}

// checkEvidenceHashes: every test with a report file stores the report's
// SHA-256 (64 hex digits), so tampering can be detected, and every local
// report the caller could read still matches it (Input.ReportProblems:
// the files are read by the caller, the rules read no files). Documents and
// SBOM references have no digest field yet, so they are not covered.
func checkEvidenceHashes(in *Input, c *Check) {
	for _, p := range in.ReportProblems {
		c.Missing(p.Pos, "%s", p.Msg)
	}
	n := 0
	for _, t := range in.File.Tests {
		if t.Report == "" {
			continue
		}
		n++
		switch {
		case t.SHA256 == "":
			c.Missing(t.At, "%s: report %s has no sha256", t.ID, t.Report)
		case !isSHA256Hex(t.SHA256):
			c.Missing(t.At, "%s: sha256 of report %s is not 64 hex digits", t.ID, t.Report)
		default:
			c.Cite(t.ID)
		}
	}
	if n == 0 {
		c.NotApplicable("no test references a report file")
		return
	}
	if in.ReportsChecked {
		c.OK("all %d test reports have a SHA-256 digest, and every local one still matches it", n)
		return
	}
	c.OK("all %d test reports have a SHA-256 digest", n)
}

// checkRecordHistory: records are attributed and their history is kept
// when the security file lives in version control; ward reads the files,
// not their history, so with a repository named a human checks how it is
// protected.
func checkRecordHistory(in *Input, c *Check) {
	p := in.File.Product
	if p == nil || p.Repository == "" {
		c.Missing(ward.Pos{}, "product: no repository, so changes to the security file have no attributed, append-only history")
		return
	}
	c.Manual("confirm the security file is kept in %s with protected branches (no force-push or history rewrite) and commits attributable to individuals", p.Repository)
}
