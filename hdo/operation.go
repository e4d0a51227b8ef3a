package hdo

import (
	"slices"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/paper"
	"github.com/wardhq/ward/techfile"
)

// environment is the intended environment and the minimum IT requirements
// (MDR Annex I 17.4, 23.4(ab); Annex E.2.1).
func (h *builder) environment() *paper.Section {
	s := &paper.Section{ID: "environment", Title: "Intended environment"}
	c := h.File.Context
	if c == nil {
		s.Blocks = append(s.Blocks, gapNote("The product security context is not recorded (context): the intended environment, network location and physical environment are unknown."))
		return s
	}
	s.Blocks = append(s.Blocks, paper.Fields{Items: []paper.Field{
		{Label: "Environment", Value: orDash(c.Environment)},
		{Label: "Network location", Value: orDash(c.NetworkLocation)},
		{Label: "Physical environment", Value: orDash(c.PhysicalEnvironment)},
	}})
	if len(c.Assumptions) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "The product's security design assumes:"}, paper.List{Items: c.Assumptions})
	}
	sys := &paper.Section{ID: "environment-systems", Title: "Systems the product works with"}
	if len(c.Systems) == 0 {
		sys.Blocks = append(sys.Blocks, gapNote("No neighbouring systems are recorded (context.systems)."))
	} else {
		tb := paper.Table{Header: []string{"System", "Kind", "Provided by", "Role", "Interfaces"}, Widths: []float64{2.2, 1.1, 1, 3, 1.6}}
		for _, y := range sortedByID(c.Systems, func(y *ward.System) string { return y.ID }) {
			tb.Rows = append(tb.Rows, []string{y.Name + " (" + y.ID + ")", kindName(y.Kind), ownerName(y.Owner), orDash(y.Description), join(h.interfacesWith(y.ID))})
		}
		sys.Blocks = append(sys.Blocks, tb)
	}
	s.Sections = []*paper.Section{sys}
	return s
}

func ownerName(o string) string {
	switch o {
	case "hdo":
		return "the HDO"
	case "manufacturer":
		return "the manufacturer"
	case "third_party":
		return "a third party"
	case "patient":
		return "the patient"
	}
	return orDash(o)
}

// interfacesWith lists the interfaces whose peers include id.
func (h *builder) interfacesWith(id string) []string {
	var out []string
	for _, i := range h.context().Interfaces {
		if contains(i.Peers, id) {
			out = append(out, i.ID)
		}
	}
	slices.Sort(out)
	return out
}

// secureOperation is the secure operation guideline of 5.8.2 a.
func (h *builder) secureOperation() *paper.Section {
	s := &paper.Section{ID: "secure-operation", Title: "Secure operation"}
	c := h.context()
	if c.SafetyImpact != "" {
		s.Blocks = append(s.Blocks, paper.Fields{Items: []paper.Field{{Label: "What degraded security means for patients", Value: c.SafetyImpact}}})
	}
	if layers := h.architecture().DefenseLayers; len(layers) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "The product's layers of defence, outermost first:"}, paper.List{Ordered: true, Items: layers})
	} else {
		s.Blocks = append(s.Blocks, gapNote("The product's layers of defence in depth are not recorded (architecture.defense_layers)."))
	}
	if len(c.HardwareSecurity) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "Security features in the product's hardware:"}, paper.List{Items: c.HardwareSecurity})
	}
	if len(c.Data) > 0 {
		tb := paper.Table{Caption: "Data the product handles", Header: []string{"Data", "Classification", "Personal health data"}, Widths: []float64{4, 1.4, 1.2}}
		for _, d := range sortedByID(c.Data, func(d *ward.DataItem) string { return d.ID }) {
			tb.Rows = append(tb.Rows, []string{d.Name, d.Classification, yesNo(d.PersonalHealthData)})
		}
		s.Blocks = append(s.Blocks, tb)
	}
	if docs := h.docs("secure_operation", "ifu_security"); len(docs) > 0 {
		s.Blocks = append(s.Blocks, docPara("Installation and operating instructions", docs))
	} else {
		s.Blocks = append(s.Blocks, gapNote("No secure operation guide (document of kind secure_operation or ifu_security) is recorded for release %s.", h.Version()))
	}
	return s
}

// defenseInDepth is what the environment must provide (Annex E.2.3).
func (h *builder) defenseInDepth() *paper.Section {
	s := &paper.Section{ID: "defense-in-depth", Title: "Security measures the hospital provides"}
	c := h.context()
	if len(c.HDOResponsibilities) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "The product relies on these measures of the HDO:"}, paper.List{Items: c.HDOResponsibilities})
	} else {
		s.Blocks = append(s.Blocks, gapNote("The security measures the HDO must provide are not recorded (context.hdo_responsibilities)."))
	}
	if len(c.IsolationAssumptions) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "Network isolation the product assumes:"}, paper.List{Items: c.IsolationAssumptions})
	}
	var info []string
	for _, x := range sortedByID(h.File.Controls, func(x *ward.Control) string { return x.ID }) {
		if x.Kind == "information" {
			info = append(info, x.Title+" ("+x.ID+")")
		}
	}
	if len(info) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "Risk controls that rely on the HDO following this information:"}, paper.List{Items: info})
	}
	if docs := h.docs("environment_measures"); len(docs) > 0 {
		s.Blocks = append(s.Blocks, docPara("Detailed measures", docs))
	} else {
		s.Blocks = append(s.Blocks, gapNote("No document of the defence-in-depth measures expected of the environment (kind environment_measures) is recorded for release %s.", h.Version()))
	}
	return s
}

// hardening is the hardening guideline (Annex E.2.4).
func (h *builder) hardening() *paper.Section {
	s := &paper.Section{ID: "hardening", Title: "Hardening"}
	a := h.architecture()
	var rows [][]string
	var notHardened, defaults []string
	for _, e := range sortedByID(a.Elements, func(e *ward.Element) string { return e.ID }) {
		if e.Kind == "external_entity" {
			continue
		}
		rows = append(rows, []string{e.Name + " (" + e.ID + ")", h.boundaryPath(e.Boundary), yesNo(e.Hardened), credentialsText(e.Credentials)})
		if !e.Hardened {
			notHardened = append(notHardened, e.Name+" ("+e.ID+")")
		}
		if e.Credentials == "default" || e.Credentials == "shared" {
			defaults = append(defaults, e.Name+" ("+e.ID+", "+e.Credentials+" credentials)")
		}
	}
	if len(rows) == 0 {
		s.Blocks = append(s.Blocks, gapNote("The product's processes and data stores are not recorded (architecture.elements): what is hardened is unknown."))
	} else {
		s.Blocks = append(s.Blocks, paper.Table{Caption: "Parts of the product and their hardening as shipped", Header: []string{"Part", "Runs in", "Hardened by the manufacturer", "Credentials"},
			Widths: []float64{3, 2.2, 1.2, 2}, Rows: rows})
	}
	if len(notHardened) > 0 {
		s.Blocks = append(s.Blocks, warnNote("Not hardened by the manufacturer: %s. Its platform is hardened by whoever provides it (see the operator tasks in the update section).", strings.Join(notHardened, ", ")))
	}
	if len(defaults) > 0 {
		s.Blocks = append(s.Blocks, warnNote("Shipped with default or shared credentials: %s.", strings.Join(defaults, ", ")))
	}
	var off []string
	for _, i := range sortedByID(h.context().Interfaces, func(i *ward.Interface) string { return i.ID }) {
		if !i.EnabledByDefault {
			off = append(off, i.Name+" ("+i.ID+")")
		}
	}
	if len(off) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "Interfaces disabled as shipped:"}, paper.List{Items: off})
	}
	if docs := h.docs("hardening"); len(docs) > 0 {
		s.Blocks = append(s.Blocks, docPara("Hardening guide", docs))
	} else {
		s.Blocks = append(s.Blocks, gapNote("No hardening guide (document of kind hardening) is recorded for release %s.", h.Version()))
	}
	return s
}

func credentialsText(c string) string {
	switch c {
	case "unique":
		return "unique per device or installation"
	case "default":
		return "shipped default: change before use"
	case "shared":
		return "shared across devices"
	case "none":
		return "none of its own"
	}
	return "not recorded"
}

// boundaryPath names a trust boundary with the boundaries around it,
// outermost first: "Hospital network › Medical-device VLAN › Pump enclosure".
func (h *builder) boundaryPath(id string) string {
	byID := map[string]*ward.Boundary{}
	for _, b := range h.architecture().Boundaries {
		byID[b.ID] = b
	}
	var names []string
	seen := map[string]bool{}
	for b := byID[id]; b != nil && !seen[b.ID]; b = byID[b.Parent] {
		seen[b.ID] = true
		names = append([]string{b.Name}, names...)
	}
	if len(names) == 0 {
		return orDash(id)
	}
	return strings.Join(names, " › ")
}

// peerNames names the systems and actors on the other side of an interface.
func (h *builder) peerNames(ids []string) string {
	c := h.context()
	var out []string
	for _, id := range ids {
		name := id
		for _, y := range c.Systems {
			if y.ID == id {
				name = y.Name
			}
		}
		for _, a := range c.Actors {
			if a.ID == id {
				name = a.Name
			}
		}
		out = append(out, name)
	}
	return join(out)
}

// interfaces lists every interface, port and service with its purpose.
func (h *builder) interfaces() *paper.Section {
	s := &paper.Section{ID: "interfaces", Title: "Interfaces, ports and services"}
	list := h.context().Interfaces
	if len(list) == 0 {
		s.Blocks = append(s.Blocks, gapNote("No interfaces are recorded (context.interfaces): the ports and services of the product are unknown."))
		return s
	}
	s.Blocks = append(s.Blocks, paper.Para{Text: "Every interface of the product with its port, protocol and direction, whether it is enabled as shipped and why it exists, then how each is protected. Allow only these connections between network zones."})
	tb := paper.Table{
		Header: []string{"Interface", "Kind", "Port", "Protocol", "Direction", "Connects to", "Enabled by default", "Purpose"},
		Widths: []float64{1.9, 0.8, 1.1, 1.8, 1.2, 1.7, 1.0, 2.5},
	}
	var noPurpose, unlabeled []string
	for _, i := range sortedByID(list, func(i *ward.Interface) string { return i.ID }) {
		tb.Rows = append(tb.Rows, []string{i.ID + ": " + i.Name, kindName(i.Kind), techfile.Port(i), techfile.Protocol(i), i.Direction, h.peerNames(i.Peers),
			yesNo(i.EnabledByDefault), orDash(i.Purpose)})
		if i.Purpose == "" {
			noPurpose = append(noPurpose, i.ID)
		}
		if !i.InLabeling {
			unlabeled = append(unlabeled, i.ID)
		}
	}
	s.Blocks = append(s.Blocks, tb, techfile.ProtectionTable(list))
	if len(noPurpose) > 0 {
		s.Blocks = append(s.Blocks, gapNote("The purpose of %s is not recorded (context.interfaces[].purpose).", strings.Join(noPurpose, ", ")))
	}
	if len(unlabeled) > 0 {
		s.Blocks = append(s.Blocks, gapNote("The security file marks %s as not in the labeling (in_labeling: false): the port list delivered with the product may not name %s.",
			strings.Join(unlabeled, ", "), pronoun(len(unlabeled))))
	}
	if a := h.File.Architecture; a != nil {
		s.Blocks = append(s.Blocks, techfile.DFDFigure(a, "Data flows of "+h.ProductName()+" across the trust boundaries; dashed red flows are unencrypted or do not state encryption."))
	}
	if docs := h.docs("port_list"); len(docs) > 0 {
		s.Blocks = append(s.Blocks, docPara("Port list", docs))
	}
	return s
}

func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// accounts is the account management guideline of 5.8.2 c.
func (h *builder) accounts() *paper.Section {
	s := &paper.Section{ID: "accounts", Title: "Accounts and access"}
	p := h.File.Product
	hasAccounts := p != nil && p.HasUserAccounts
	if !hasAccounts {
		s.Blocks = append(s.Blocks, paper.Para{Text: "The product manages no user accounts of its own."})
	}
	var rows [][]string
	for _, a := range sortedByID(h.context().Actors, func(a *ward.Actor) string { return a.ID }) {
		var auth []string
		for _, i := range sortedByID(h.context().Interfaces, func(i *ward.Interface) string { return i.ID }) {
			if contains(i.Peers, a.ID) {
				auth = append(auth, i.ID+": "+i.Authentication)
			}
		}
		rows = append(rows, []string{a.Name + " (" + a.Kind + ")", orDash(a.Privileges), join(auth)})
	}
	if len(rows) == 0 {
		s.Blocks = append(s.Blocks, gapNote("The roles that use the product are not recorded (context.actors)."))
	} else {
		s.Blocks = append(s.Blocks, paper.Table{Caption: "Who uses the product, with which privileges, and how they authenticate", Header: []string{"Role", "Privileges", "Authentication per interface"},
			Widths: []float64{1.8, 3, 4}, Rows: rows})
	}
	var reqs [][]string
	for _, r := range sortedByID(h.File.Requirements, func(r *ward.Requirement) string { return r.ID }) {
		if r.Category == "authentication" || r.Category == "authorization" {
			reqs = append(reqs, []string{r.Title, r.Text})
		}
	}
	if len(reqs) > 0 {
		s.Blocks = append(s.Blocks, paper.Table{Caption: "Authentication and authorisation the product enforces", Header: []string{"Requirement", "What the product does"}, Widths: []float64{2.2, 6}, Rows: reqs})
	}
	docs := h.docs("account_management")
	switch {
	case len(docs) > 0:
		s.Blocks = append(s.Blocks, docPara("Account management guide", docs))
	case hasAccounts:
		s.Blocks = append(s.Blocks, gapNote("The product has user accounts, but no account management guide (document of kind account_management) is recorded for release %s.", h.Version()))
	}
	return s
}

func sortedByID[T any](list []T, id func(T) string) []T {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b T) int { return strings.Compare(id(a), id(b)) })
	return out
}
