package techfile

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/gap"
	"github.com/wardhq/ward/paper"
)

// Source says where the security file a document is made from was read,
// and at which revision. The caller (cli) fills it: the builders read no
// files, no repository and no clock.
type Source struct {
	Dir    string // the security file's folder as the user named it
	Files  int    // YAML files read
	Digest string // hex SHA-256 over the YAML files (name and content, in name order); "" when not computed
	// Commit is the git commit that last changed the folder, CommitDate its
	// day (YYYY-MM-DD); both "" when the folder is not under git or git is
	// not available. Modified is set when the folder has changes that
	// Commit does not hold.
	Commit     string
	CommitDate string
	Modified   bool
	Tool       string // what made the document, e.g. "ward 0.1.0"
}

// Basis is the release a document is for and the data it is made from.
// Both documents (this package's and package hdo's) start from one.
type Basis struct {
	File    *ward.SecurityFile
	Release *ward.ReleaseRecord
	// Date is the document's date: the rules, the derived threats and the
	// support dates are evaluated for it.
	Date ward.Date
	// SBOMs are the SBOM files of the release (tied to it by release or
	// by the release's sbom ID), as the caller read them; readable or not.
	SBOMs []gap.LoadedSBOM
	// Snapshot is the newest monitoring run that covers the release on or
	// before Date; nil when none does.
	Snapshot *ward.MonitoringRun
}

// NewBasis finds release version in sf. date zero means the release's
// date. sboms are every SBOM the security file references, as read; only
// the release's are kept. It returns EInvalid when version is empty and
// ENotFound when the file has no such release.
func NewBasis(sf *ward.SecurityFile, version string, date ward.Date, sboms []gap.LoadedSBOM) (*Basis, error) {
	if sf == nil {
		return nil, ward.Errorf(ward.EInvalid, "no security file")
	}
	if version == "" {
		return nil, ward.Errorf(ward.EInvalid, "a release is required: name its version")
	}
	b := &Basis{File: sf, Date: date}
	for _, r := range sf.Releases {
		if r.Version == version {
			b.Release = r
			break
		}
	}
	if b.Release == nil {
		var have []string
		for _, r := range sf.Releases {
			have = append(have, r.Version)
		}
		return nil, ward.Errorf(ward.ENotFound, "release %s: no such release in the security file (releases: %s)", version, joinOr(have, "none"))
	}
	if b.Date.IsZero() {
		b.Date = b.Release.Date
	}
	for _, s := range sboms {
		if s.Ref != nil && (s.Ref.Release == version || (b.Release.SBOM != "" && s.Ref.ID == b.Release.SBOM)) {
			b.SBOMs = append(b.SBOMs, s)
		}
	}
	for _, m := range sf.Monitoring {
		if m.Date.After(b.Date) || (len(m.Releases) > 0 && !slices.Contains(m.Releases, version)) {
			continue
		}
		if b.Snapshot == nil || !m.Date.Before(b.Snapshot.Date) {
			b.Snapshot = m
		}
	}
	return b, nil
}

// Version is the release's version.
func (b *Basis) Version() string { return b.Release.Version }

// ProductName is the product's name, or its ID, or "the product".
func (b *Basis) ProductName() string {
	switch p := b.File.Product; {
	case p == nil:
		return "the product"
	case p.Name != "":
		return p.Name
	case p.ID != "":
		return p.ID
	}
	return "the product"
}

// Meta is the title-page fields both documents share: manufacturer,
// product, release, date and everything the document was made from.
func (b *Basis) Meta(src Source) []paper.Field {
	var out []paper.Field
	if p := b.File.Product; p != nil {
		out = append(out, paper.Field{Label: "Manufacturer", Value: orDash(p.Manufacturer)})
		prod := p.Name
		if p.ID != "" {
			prod += " (" + p.ID + ")"
		}
		if p.DeviceClass != "" {
			prod += ", class " + p.DeviceClass
		}
		out = append(out, paper.Field{Label: "Product", Value: prod})
	}
	r := b.Release
	rel := r.Version + " of " + r.Date.String()
	if r.Commit != "" {
		rel += ", built from commit " + r.Commit
	}
	out = append(out, paper.Field{Label: "Release", Value: rel})
	date := b.Date.String()
	if b.Date == r.Date {
		date += " (the release date)"
	}
	out = append(out, paper.Field{Label: "Date", Value: date})
	out = append(out, paper.Field{Label: "Security file", Value: src.describe()})
	out = append(out, paper.Field{Label: "Security file revision", Value: src.revision()})
	if len(b.SBOMs) == 0 {
		out = append(out, paper.Field{Label: "SBOM", Value: "none recorded for release " + r.Version})
	}
	for _, s := range b.SBOMs {
		out = append(out, paper.Field{Label: "SBOM " + s.Ref.ID, Value: describeSBOM(s)})
	}
	out = append(out, paper.Field{Label: "Advisory data", Value: b.snapshotText()})
	if src.Tool != "" {
		out = append(out, paper.Field{Label: "Made by", Value: src.Tool})
	}
	return out
}

// Origin is the short form of Meta for footers: what made the document
// from which revision of the security file, e.g. "ward 0.1.0 · rev
// 1a2b3c4d5e6f", "ward 0.1.0 · sha256 0a1b2c3d4e5f" without git.
func (b *Basis) Origin(src Source) string {
	var parts []string
	if src.Tool != "" {
		parts = append(parts, src.Tool)
	}
	switch {
	case src.Commit != "":
		v := "rev " + short(src.Commit)
		if src.Modified {
			v += " (modified)"
		}
		parts = append(parts, v)
	case src.Digest != "":
		parts = append(parts, "sha256 "+short(src.Digest))
	}
	if len(parts) == 0 {
		return "made from the security file"
	}
	return strings.Join(parts, " · ")
}

func (s Source) describe() string {
	var parts []string
	if s.Dir != "" {
		parts = append(parts, s.Dir)
	}
	if s.Files > 0 {
		parts = append(parts, plural(s.Files, "YAML file", "YAML files"))
	}
	if s.Digest != "" {
		parts = append(parts, "SHA-256 "+s.Digest)
	}
	if len(parts) == 0 {
		return "not recorded"
	}
	return strings.Join(parts, ", ")
}

func (s Source) revision() string {
	if s.Commit == "" {
		return "no git commit known (the content digest above identifies the files)"
	}
	v := "git commit " + s.Commit
	if s.CommitDate != "" {
		v += " of " + s.CommitDate
	}
	if s.Modified {
		v += ", with changes not yet committed"
	}
	return v
}

func describeSBOM(s gap.LoadedSBOM) string {
	v := s.Ref.Path
	if s.SBOM == nil {
		msg := "unreadable"
		if s.Err != nil {
			msg += ": " + ward.MessageOf(s.Err)
		}
		return v + " (" + msg + ")"
	}
	format := strings.TrimSpace(s.SBOM.Format + " " + s.SBOM.SpecVersion + " " + strings.ToUpper(s.SBOM.Encoding))
	v += " — " + format + ", " + plural(len(s.SBOM.Components), "component", "components")
	if s.Ref.Tool != "" {
		v += ", generated by " + s.Ref.Tool
	}
	if !s.SBOM.Created.IsZero() {
		v += ", created " + s.SBOM.Created.UTC().Format("2006-01-02")
	}
	return v
}

func (b *Basis) snapshotText() string {
	m := b.Snapshot
	if m == nil {
		return "no monitoring run covers release " + b.Version() + " on or before " + b.Date.String()
	}
	v := "monitoring run of " + m.Date.String() + " (" + strings.Join(m.Sources, ", ") + ")"
	if m.Snapshot != "" {
		v = "snapshot " + m.Snapshot + ", " + v
	}
	if m.Reviewer != "" {
		v += ", reviewed by " + m.Reviewer
	}
	return v
}

// Numbers returns the number of every section of d by ID ("1", "4.3"),
// as its place gives it.
func Numbers(d *paper.Document) map[string]string {
	out := map[string]string{}
	var walk func(list []*paper.Section, prefix string)
	walk = func(list []*paper.Section, prefix string) {
		for i, s := range list {
			n := prefix + strconv.Itoa(i+1)
			out[s.ID] = n
			walk(s.Sections, n+".")
		}
	}
	walk(d.Sections, "")
	return out
}

// Small text helpers shared by the section builders.

const dash = "—"

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return dash
	}
	return s
}

func join(list []string) string { return joinOr(list, dash) }

func joinOr(list []string, none string) string {
	if len(list) == 0 {
		return none
	}
	return strings.Join(list, ", ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func short(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

func dateOr(d ward.Date, none string) string {
	if d.IsZero() {
		return none
	}
	return d.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func sortedBy[T any](list []T, key func(T) string) []T {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
	return out
}

func gapNote(format string, args ...any) paper.Note {
	return paper.Note{Kind: "gap", Text: fmt.Sprintf(format, args...)}
}

func warnNote(format string, args ...any) paper.Note {
	return paper.Note{Kind: "warning", Text: fmt.Sprintf(format, args...)}
}

func infoNote(format string, args ...any) paper.Note {
	return paper.Note{Kind: "info", Text: fmt.Sprintf(format, args...)}
}
