package techfile

import (
	"strconv"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/diagram"
	"github.com/wardhq/ward/paper"
)

// context is the product security context (7.1.2).
func (t *builder) context() *paper.Section {
	s := &paper.Section{ID: "context", Title: "Product security context"}
	c := t.File.Context
	if c == nil {
		s.Blocks = append(s.Blocks, gapNote("The security file has no product security context (context): environment, neighbouring systems, actors and interfaces are not recorded (7.1.2)."))
		return s
	}
	s.Blocks = append(s.Blocks, paper.Fields{Items: []paper.Field{
		{Label: "Environment", Value: orDash(c.Environment)},
		{Label: "Network location", Value: orDash(c.NetworkLocation)},
		{Label: "Physical environment", Value: orDash(c.PhysicalEnvironment)},
		{Label: "Safety impact of degraded security", Value: orDash(c.SafetyImpact)},
		{Label: "Reviewed", Value: contextReview(c)},
	}})
	for _, l := range []struct {
		title string
		items []string
	}{
		{"Isolation assumed from the operator", c.IsolationAssumptions},
		{"Security features in dedicated hardware", c.HardwareSecurity},
		{"Security measures the operator (HDO) provides", c.HDOResponsibilities},
		{"Further assumptions", c.Assumptions},
	} {
		if len(l.items) > 0 {
			s.Blocks = append(s.Blocks, paper.Para{Text: l.title + ":"}, paper.List{Items: l.items})
		}
	}

	systems := &paper.Section{ID: "context-systems", Title: "Neighbouring systems"}
	if len(c.Systems) == 0 {
		systems.Blocks = append(systems.Blocks, gapNote("No neighbouring systems are recorded (context.systems)."))
	} else {
		tb := paper.Table{Header: []string{"System", "Name", "Kind", "Owner", "Description"}, Widths: []float64{1.2, 2, 1.1, 1, 3.5}}
		for _, y := range sortedBy(c.Systems, func(y *ward.System) string { return y.ID }) {
			tb.Rows = append(tb.Rows, []string{y.ID, y.Name, kindName(y.Kind), kindName(y.Owner), orDash(y.Description)})
		}
		systems.Blocks = append(systems.Blocks, tb)
	}

	actors := &paper.Section{ID: "context-actors", Title: "Actors"}
	if len(c.Actors) == 0 {
		actors.Blocks = append(actors.Blocks, gapNote("No actors are recorded (context.actors)."))
	} else {
		tb := paper.Table{Header: []string{"Actor", "Name", "Kind", "Privileges"}, Widths: []float64{1.2, 2, 0.8, 4.5}}
		for _, a := range sortedBy(c.Actors, func(a *ward.Actor) string { return a.ID }) {
			tb.Rows = append(tb.Rows, []string{a.ID, a.Name, a.Kind, orDash(a.Privileges)})
		}
		actors.Blocks = append(actors.Blocks, tb)
	}

	ifs := &paper.Section{ID: "interfaces", Title: "Interfaces"}
	if len(c.Interfaces) == 0 {
		ifs.Blocks = append(ifs.Blocks, gapNote("No interfaces are recorded (context.interfaces)."))
	} else {
		ifs.Blocks = append(ifs.Blocks, paper.Para{Text: "Every external interface with its protocol, port, direction and protection (5.4.3); \"in labeling\" says whether the port and interface list of the accompanying documents names it."},
			InterfaceTable(c.Interfaces), ProtectionTable(c.Interfaces))
		var unlabeled []string
		for _, i := range sortedBy(c.Interfaces, func(i *ward.Interface) string { return i.ID }) {
			if i.EnabledByDefault && !i.InLabeling {
				unlabeled = append(unlabeled, i.ID)
			}
		}
		if len(unlabeled) > 0 {
			ifs.Blocks = append(ifs.Blocks, warnNote("Enabled by default but not in the labeling: %s.", strings.Join(unlabeled, ", ")))
		}
	}

	data := &paper.Section{ID: "context-data", Title: "Data"}
	if len(c.Data) == 0 {
		data.Blocks = append(data.Blocks, gapNote("No data items are recorded (context.data)."))
	} else {
		tb := paper.Table{Header: []string{"Data", "Name", "Classification", "Personal health data", "Description"}, Widths: []float64{1.2, 2.5, 1.1, 0.9, 3}}
		for _, d := range sortedBy(c.Data, func(d *ward.DataItem) string { return d.ID }) {
			tb.Rows = append(tb.Rows, []string{d.ID, d.Name, d.Classification, yesNo(d.PersonalHealthData), orDash(d.Description)})
		}
		data.Blocks = append(data.Blocks, tb)
	}
	s.Sections = []*paper.Section{systems, actors, ifs, data}
	return s
}

func contextReview(c *ward.SecurityContext) string {
	v := reviewed(c.ReviewedBy, c.ReviewedAt)
	if c.ReviewedFor != "" {
		v += ", for release " + c.ReviewedFor
	}
	return v
}

// InterfaceTable lists interfaces by ID: kind, port, protocol, direction,
// exposure, default state, labeling and purpose. ProtectionTable gives
// their authentication and encryption.
func InterfaceTable(list []*ward.Interface) paper.Table {
	tb := paper.Table{
		Header: []string{"Interface", "Kind", "Port", "Protocol", "Direction", "Exposure", "Enabled by default", "In labeling", "Purpose"},
		Widths: []float64{1.9, 0.8, 1.1, 1.8, 1.2, 1.1, 1.0, 0.9, 2.3},
	}
	for _, i := range sortedBy(list, func(i *ward.Interface) string { return i.ID }) {
		tb.Rows = append(tb.Rows, []string{i.ID + ": " + i.Name, kindName(i.Kind), Port(i), Protocol(i), i.Direction,
			kindName(i.Exposure), yesNo(i.EnabledByDefault), yesNo(i.InLabeling), orDash(i.Purpose)})
	}
	return tb
}

// ProtectionTable lists how each interface authenticates its peer and
// protects its traffic, with the justification of weaker settings.
func ProtectionTable(list []*ward.Interface) paper.Table {
	tb := paper.Table{
		Caption: "How each interface is protected",
		Header:  []string{"Interface", "Authentication", "Encryption", "Why a weaker setting is acceptable"},
		Widths:  []float64{1.4, 3, 2, 3},
	}
	for _, i := range sortedBy(list, func(i *ward.Interface) string { return i.ID }) {
		tb.Rows = append(tb.Rows, []string{i.ID, i.Authentication, i.Encryption, orDash(i.Justification)})
	}
	return tb
}

// Port is an interface's port with its transport, e.g. "22/tcp", or "—".
func Port(i *ward.Interface) string {
	if i.Port == 0 {
		return dash
	}
	transport := "tcp"
	if i.Kind == "udp" {
		transport = "udp"
	}
	return strconv.Itoa(i.Port) + "/" + transport
}

// Protocol is an interface's protocol with its version when given.
func Protocol(i *ward.Interface) string {
	if i.ProtocolVersion == "" {
		return i.Protocol
	}
	return i.Protocol + " (" + i.ProtocolVersion + ")"
}

// architecture is the defense-in-depth architecture and the data-flow
// model (5.3, 7.2).
func (t *builder) architecture() *paper.Section {
	s := &paper.Section{ID: "architecture", Title: "Architecture and data flow"}
	a := t.File.Architecture
	if a == nil {
		s.Blocks = append(s.Blocks, gapNote("The security file has no architecture (architecture): the data-flow model, trust boundaries and assets are not recorded (5.3, 7.2)."))
		return s
	}
	rel := dash
	if t.Release.ArchitectureVersion != "" {
		rel = t.Release.ArchitectureVersion
	}
	s.Blocks = append(s.Blocks, paper.Fields{Items: []paper.Field{
		{Label: "Architecture version", Value: orDash(a.Version)},
		{Label: "Architecture version of release " + t.Version(), Value: rel},
	}})
	if t.Release.ArchitectureVersion != "" && a.Version != "" && t.Release.ArchitectureVersion != a.Version {
		s.Blocks = append(s.Blocks, warnNote("Release %s names architecture %s, but the security file holds architecture %s: the model below may not be the release's.",
			t.Version(), t.Release.ArchitectureVersion, a.Version))
	}
	if len(a.DefenseLayers) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "Layers of defense in depth, outermost first (5.3.1):"}, paper.List{Ordered: true, Items: a.DefenseLayers})
	} else {
		s.Blocks = append(s.Blocks, gapNote("The layers of defense in depth are not recorded (architecture.defense_layers)."))
	}
	s.Blocks = append(s.Blocks, DFDFigure(a, "Data-flow diagram of architecture "+orDash(a.Version)+
		": external entities, processes, data stores, nested trust boundaries and flows; dashed red flows are unencrypted or do not state encryption."))

	bounds := &paper.Section{ID: "architecture-boundaries", Title: "Trust boundaries"}
	tb := paper.Table{Header: []string{"Boundary", "Name", "Kind", "Inside"}}
	for _, x := range sortedBy(a.Boundaries, func(x *ward.Boundary) string { return x.ID }) {
		tb.Rows = append(tb.Rows, []string{x.ID, x.Name, kindName(orDash(x.Kind)), orDash(x.Parent)})
	}
	bounds.Blocks = append(bounds.Blocks, tb)

	els := &paper.Section{ID: "architecture-elements", Title: "Elements"}
	tb = paper.Table{Header: []string{"Element", "Kind", "Boundary", "Software items", "Function", "Credentials", "Properties"},
		Widths: []float64{2.4, 1, 1.5, 2.4, 1.1, 0.9, 1.3}}
	for _, e := range sortedBy(a.Elements, func(e *ward.Element) string { return e.ID }) {
		var props []string
		for _, p := range []struct {
			on   bool
			name string
		}{{e.Hardened, "hardened"}, {e.Logging, "security logging"}, {e.EncryptedAtRest, "encrypted at rest"}, {e.Backup, "backed up"}, {e.SecurityRelevant, "security-relevant"}} {
			if p.on {
				props = append(props, p.name)
			}
		}
		tb.Rows = append(tb.Rows, []string{e.ID + ": " + e.Name, kindName(e.Kind), orDash(e.Boundary), join(e.Components), kindName(orDash(e.Function)), orDash(e.Credentials), join(props)})
	}
	els.Blocks = append(els.Blocks, tb)

	flows := &paper.Section{ID: "architecture-flows", Title: "Data flows"}
	tb = paper.Table{Header: []string{"Flow", "From → to", "Protocol", "Interface", "Authentication", "Encryption", "Integrity", "Controls"},
		Widths: []float64{1, 2, 1.4, 1.3, 1.7, 1.1, 0.8, 1.3}}
	for _, f := range a.Flows {
		id := f.ID
		if f.Purpose != "" {
			id += " (" + kindName(f.Purpose) + ")"
		}
		tb.Rows = append(tb.Rows, []string{id, f.From + " → " + f.To, f.Protocol, orDash(f.Interface), orDash(f.Authentication), orDash(f.Encryption), orDash(f.Integrity), join(f.Controls)})
	}
	flows.Blocks = append(flows.Blocks, tb)

	assets := &paper.Section{ID: "architecture-assets", Title: "Assets"}
	tb = paper.Table{Header: []string{"Asset", "Name", "Data", "Element", "Confidentiality", "Integrity", "Availability", "Safety-relevant"}}
	for _, x := range sortedBy(a.Assets, func(x *ward.Asset) string { return x.ID }) {
		tb.Rows = append(tb.Rows, []string{x.ID, x.Name, orDash(x.Data), orDash(x.Element), x.Confidentiality, x.Integrity, x.Availability, yesNo(x.SafetyRelevant)})
	}
	assets.Blocks = append(assets.Blocks, tb)
	s.Sections = []*paper.Section{bounds, els, flows, assets}
	return s
}

// DFDFigure draws the data-flow diagram of a as a figure, as SVG for HTML
// and as drawing for PDF; when it cannot be drawn, a gap note says why.
func DFDFigure(a *ward.Architecture, caption string) paper.Block {
	f, err := diagram.Figure(a, diagram.Options{})
	if err != nil {
		return gapNote("The data-flow diagram cannot be drawn: %s.", strings.TrimSuffix(ward.MessageOf(err), "."))
	}
	f.Caption = caption
	return f
}
