package mds2

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wardhq/ward"
)

// facts is the security file indexed for the rules, for one release. Rules
// read only facts; they never see the caller's files or clock.
type facts struct {
	sf       *ward.SecurityFile
	ctx      *ward.SecurityContext // never nil
	arch     *ward.Architecture    // never nil
	rel      *ward.ReleaseRecord   // nil when the release is not in the file
	version  string                // the release the form describes
	relSBOMs []SBOM                // the SBOMs of the release
	data     map[string]*ward.DataItem
	elements map[string]*ward.Element
	items    map[string]*ward.SoftwareItem
	docs     []*ward.Document // documents linked to the release, in file order
	answers  map[string]*Row  // questions answered so far
	warnings []string
}

func newFacts(sf *ward.SecurityFile, sboms []SBOM, release string) *facts {
	f := &facts{sf: sf, ctx: sf.Context, arch: sf.Architecture, version: release,
		data: map[string]*ward.DataItem{}, elements: map[string]*ward.Element{}, items: map[string]*ward.SoftwareItem{},
		answers: map[string]*Row{}}
	if f.ctx == nil {
		f.ctx = &ward.SecurityContext{}
		f.warn("context is not set: answers about interfaces and data are unknown")
	}
	if f.arch == nil {
		f.arch = &ward.Architecture{}
		f.warn("architecture is not set: answers about data stores and flows are unknown")
	}
	for _, d := range f.ctx.Data {
		f.data[d.ID] = d
	}
	for _, e := range f.arch.Elements {
		f.elements[e.ID] = e
	}
	for _, it := range sf.Components {
		f.items[it.ID] = it
	}
	f.pickRelease()
	f.linkSBOMs(sboms)
	f.linkDocuments()
	if f.rel != nil {
		if v := f.rel.ArchitectureVersion; v != "" && f.arch.Version != "" && v != f.arch.Version {
			f.warn(fmt.Sprintf("release %s shipped architecture %s, but the security file holds architecture %s: answers from the architecture describe %s",
				f.version, v, f.arch.Version, f.arch.Version))
		}
		if r := f.ctx.ReviewedFor; r != "" && r != f.version {
			f.warn(fmt.Sprintf("the security context was last reviewed for release %s, not %s: answers from context.interfaces and context.data describe the product as reviewed then",
				r, f.version))
		}
	}
	return f
}

func (f *facts) warn(s string) { f.warnings = append(f.warnings, s) }

// pickRelease finds the release, or the newest by date (the first of equal
// dates in file order) when none is asked for.
func (f *facts) pickRelease() {
	for _, r := range f.sf.Releases {
		switch {
		case f.version != "" && r.Version == f.version:
			f.rel = r
		case f.version == "" && (f.rel == nil || r.Date.After(f.rel.Date)):
			f.rel = r
		}
		if f.version != "" && f.rel != nil {
			break
		}
	}
	switch {
	case f.rel != nil:
		f.version = f.rel.Version
	case f.version != "":
		f.warn(fmt.Sprintf("releases has no version %s: answers that depend on the release are unknown", f.version))
	default:
		f.warn("releases is empty: answers that depend on a release are unknown")
	}
}

// linkSBOMs keeps the SBOMs of the release: the one releases[].sbom names
// and those whose sboms[].release is the release.
func (f *facts) linkSBOMs(sboms []SBOM) {
	if f.version == "" {
		return
	}
	for _, s := range sboms {
		if s.Ref == nil {
			continue
		}
		named := f.rel != nil && f.rel.SBOM == s.Ref.ID
		if named || s.Ref.Release == f.version {
			f.relSBOMs = append(f.relSBOMs, s)
		}
		if named && s.Ref.Release != "" && s.Ref.Release != f.version {
			f.warn(fmt.Sprintf("releases[%s].sbom is %s, but sboms[%s].release is %s", f.version, s.Ref.ID, s.Ref.ID, s.Ref.Release))
		}
	}
}

// linkDocuments keeps the documents linked to the release from either side
// and warns where only one side records the link.
func (f *facts) linkDocuments() {
	if f.version == "" {
		return
	}
	var listed []string
	if f.rel != nil {
		listed = f.rel.Documents
	}
	for _, d := range f.sf.Documents {
		byDoc := slices.Contains(d.Releases, f.version)
		byRel := slices.Contains(listed, d.ID)
		if byDoc || byRel {
			f.docs = append(f.docs, d)
		}
		switch {
		case byDoc && !byRel && f.rel != nil:
			f.warn(fmt.Sprintf("documents[%s].releases names %s, but releases[%s].documents does not list %s", d.ID, f.version, f.version, d.ID))
		case byRel && !byDoc:
			f.warn(fmt.Sprintf("releases[%s].documents lists %s, but documents[%s].releases does not name %s", f.version, d.ID, d.ID, f.version))
		}
	}
}

func (f *facts) madeFrom() MadeFrom {
	m := MadeFrom{Files: relFiles(f.sf.Files), SBOMs: []SBOMSource{}, ArchitectureVersion: f.arch.Version, ContextReviewedFor: f.ctx.ReviewedFor}
	for _, s := range f.relSBOMs {
		src := SBOMSource{ID: s.Ref.ID, Path: s.Ref.Path}
		switch {
		case s.SBOM != nil:
			src.Format = strings.TrimSpace(s.SBOM.Format + " " + s.SBOM.SpecVersion)
			src.Components = len(s.SBOM.Components)
		case s.Err != nil:
			src.Error = s.Err.Error()
		default:
			src.Error = "not read"
		}
		m.SBOMs = append(m.SBOMs, src)
	}
	return m
}

func (f *facts) hasAccounts() bool { return f.sf.Product != nil && f.sf.Product.HasUserAccounts }

// releaseMissing is the note for an answer that needs the release.
func (f *facts) releaseMissing() string {
	if f.version == "" {
		return "releases is empty"
	}
	return "releases has no version " + f.version
}

// ---- data

// personal reports whether data item id is personal data: classified phi
// or pii, or marked personal_health_data.
func (f *facts) personal(id string) bool {
	d := f.data[id]
	return d != nil && (d.Classification == "phi" || d.Classification == "pii" || d.PersonalHealthData)
}

func (f *facts) personalOf(ids []string) []string {
	var out []string
	for _, id := range ids {
		if f.personal(id) {
			out = append(out, id)
		}
	}
	return out
}

func (f *facts) personalData() []string {
	var out []string
	for _, d := range f.ctx.Data {
		if f.personal(d.ID) {
			out = append(out, d.ID)
		}
	}
	return out
}

// ---- interfaces

var (
	wirelessKinds = []string{"wifi", "ble", "cellular"}
	cableKinds    = []string{"usb", "serial"}
	ipKinds       = []string{"tcp", "udp", "http_api"} // the medium (wired or wireless) is not recorded
	// hardwareKinds are interface kinds that only a product with hardware has.
	hardwareKinds = []string{"wifi", "ble", "cellular", "usb", "serial", "jtag", "removable_media"}
	networkKinds  = []string{"tcp", "udp", "http_api", "wifi", "ble", "cellular"}
)

func (f *facts) interfacesOf(kinds ...string) []*ward.Interface {
	var out []*ward.Interface
	for _, i := range f.ctx.Interfaces {
		if slices.Contains(kinds, i.Kind) {
			out = append(out, i)
		}
	}
	return out
}

func (f *facts) interfacesWhere(keep func(*ward.Interface) bool) []*ward.Interface {
	var out []*ward.Interface
	for _, i := range f.ctx.Interfaces {
		if keep(i) {
			out = append(out, i)
		}
	}
	return out
}

// personalInterfaces are the interfaces that carry personal data.
func (f *facts) personalInterfaces() []*ward.Interface {
	return f.interfacesWhere(func(i *ward.Interface) bool { return len(f.personalOf(i.Data)) > 0 })
}

// softwareOnly says whether the product is software only: no interface of
// a hardware kind and none exposed physically. context.interfaces lists
// every interface, so their absence decides it.
func (f *facts) softwareOnly() (bool, result) {
	if len(f.ctx.Interfaces) == 0 {
		return false, unknown("context.interfaces is empty")
	}
	hw := f.interfacesWhere(func(i *ward.Interface) bool {
		return slices.Contains(hardwareKinds, i.Kind) || i.Exposure == "physical"
	})
	if len(hw) > 0 {
		return false, no("the product has hardware: "+describeIfaces(hw, 4), ids(hw)...)
	}
	return true, yes(fmt.Sprintf("none of the %d interfaces in context.interfaces is of a hardware kind (%s) or exposed physically",
		len(f.ctx.Interfaces), strings.Join(hardwareKinds, ", ")), ids(f.ctx.Interfaces)...)
}

// isNone reports whether a protection field says there is none. An empty
// field is "not set", which is something else.
func isNone(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "none", "no", "n/a", "-":
		return true
	}
	return false
}

// ---- architecture

func (f *facts) elementsOf(kinds ...string) []*ward.Element {
	var out []*ward.Element
	for _, e := range f.arch.Elements {
		if slices.Contains(kinds, e.Kind) {
			out = append(out, e)
		}
	}
	return out
}

func (f *facts) personalStores() []*ward.Element {
	var out []*ward.Element
	for _, e := range f.elementsOf("data_store") {
		if len(f.personalOf(e.Stores)) > 0 {
			out = append(out, e)
		}
	}
	return out
}

func (f *facts) flowsWhere(keep func(*ward.Flow) bool) []*ward.Flow {
	var out []*ward.Flow
	for _, fl := range f.arch.Flows {
		if keep(fl) {
			out = append(out, fl)
		}
	}
	return out
}

// iface returns the interface with id, or nil.
func (f *facts) iface(id string) *ward.Interface {
	for _, i := range f.ctx.Interfaces {
		if i.ID == id {
			return i
		}
	}
	return nil
}

// ---- documents

func (f *facts) docsOf(kinds ...string) []*ward.Document {
	var out []*ward.Document
	for _, d := range f.docs {
		if slices.Contains(kinds, d.Kind) {
			out = append(out, d)
		}
	}
	return out
}

func (f *facts) docsCovering(topics ...string) []*ward.Document {
	var out []*ward.Document
	for _, d := range f.docs {
		for _, c := range d.Covers {
			if slices.Contains(topics, c) {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// ---- naming

func ids[T interface {
	*ward.Interface | *ward.Element | *ward.Flow | *ward.Document | *ward.SoftwareItem | *ward.Requirement
}](list []T) []string {
	out := make([]string, 0, len(list))
	for _, x := range list {
		switch v := any(x).(type) {
		case *ward.Interface:
			out = append(out, v.ID)
		case *ward.Element:
			out = append(out, v.ID)
		case *ward.Flow:
			out = append(out, v.ID)
		case *ward.Document:
			out = append(out, v.ID)
		case *ward.SoftwareItem:
			out = append(out, v.ID)
		case *ward.Requirement:
			out = append(out, v.ID)
		}
	}
	return out
}

// list joins at most max names and says how many more there are.
func list(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:max], ", "), len(names)-max)
}

func describeIfaces(ifs []*ward.Interface, max int) string {
	var names []string
	for _, i := range ifs {
		s := i.ID + " (" + i.Kind
		if i.Port != 0 {
			s += fmt.Sprintf(" %d", i.Port)
		}
		if !i.EnabledByDefault {
			s += ", off by default"
		}
		names = append(names, s+")")
	}
	return list(names, max)
}

// verb picks the verb form that agrees with n subjects.
func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
