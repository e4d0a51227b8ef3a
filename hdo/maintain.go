package hdo

import (
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/paper"
	"github.com/wardhq/ward/techfile"
)

func (h *builder) element(id string) string {
	for _, e := range h.architecture().Elements {
		if e.ID == id {
			return e.Name
		}
	}
	return id
}

func (h *builder) dataNames(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		name := id
		for _, d := range h.context().Data {
			if d.ID == id {
				name = d.Name
			}
		}
		out = append(out, name)
	}
	return out
}

func (h *builder) iface(id string) *ward.Interface {
	for _, i := range h.context().Interfaces {
		if i.ID == id {
			return i
		}
	}
	return nil
}

// requirementRows are title and text of the requirements of a category.
func (h *builder) requirementRows(category string) [][]string {
	var out [][]string
	for _, r := range sortedByID(h.File.Requirements, func(r *ward.Requirement) string { return r.ID }) {
		if r.Category == category {
			out = append(out, []string{r.Title, r.Text})
		}
	}
	return out
}

// logging says what the product logs and how the logs reach the HDO.
func (h *builder) logging() *paper.Section {
	s := &paper.Section{ID: "logging", Title: "Security logging"}
	if rows := h.requirementRows("logging"); len(rows) > 0 {
		s.Blocks = append(s.Blocks, paper.Table{Caption: "What the product logs", Header: []string{"Requirement", "What the product does"}, Widths: []float64{2.2, 6}, Rows: rows})
	}
	var loggers []string
	for _, e := range sortedByID(h.architecture().Elements, func(e *ward.Element) string { return e.ID }) {
		if e.Logging && e.Kind != "external_entity" {
			loggers = append(loggers, e.Name)
		}
	}
	if len(loggers) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "Parts of the product that record security events: " + strings.Join(loggers, ", ") + "."})
	}
	var logData []string
	for _, d := range sortedByID(h.context().Data, func(d *ward.DataItem) string { return d.ID }) {
		if d.Classification == "log" {
			logData = append(logData, d.Name)
		}
	}
	if len(loggers) == 0 && len(logData) == 0 && len(s.Blocks) == 0 {
		s.Blocks = append(s.Blocks, gapNote("What the product logs is not recorded (no requirement of category logging, no element with security_logging, no data of classification log)."))
	}
	var fwd [][]string
	for _, f := range h.architecture().Flows {
		if f.Purpose != "logging" {
			continue
		}
		port := dash
		if i := h.iface(f.Interface); i != nil {
			port = techfile.Port(i)
		}
		fwd = append(fwd, []string{h.element(f.From), h.element(f.To), f.Protocol, port, orDash(f.Encryption), join(h.dataNames(f.Data))})
	}
	if len(fwd) > 0 {
		s.Blocks = append(s.Blocks, paper.Table{Caption: "How security events are forwarded", Header: []string{"From", "To", "Protocol", "Port", "Encryption", "Data"}, Rows: fwd})
	} else {
		s.Blocks = append(s.Blocks, gapNote("How security events reach the HDO's systems is not recorded (no flow with purpose logging in architecture.flows)."))
	}
	if docs := h.covering("forensic_logs", "security_event_logging"); len(docs) > 0 {
		s.Blocks = append(s.Blocks, docPara("Log content, location, format and retention", docs))
	} else {
		s.Blocks = append(s.Blocks, gapNote("Where logs are kept, their format and retention are not recorded (no document of release %s covers forensic_logs or security_event_logging).", h.Version()))
	}
	return s
}

// backup says which data is kept where, what is backed up and how to
// restore.
func (h *builder) backup() *paper.Section {
	s := &paper.Section{ID: "backup", Title: "Backup and restore"}
	rows := h.storeRows()
	if len(rows) == 0 {
		s.Blocks = append(s.Blocks, gapNote("The product's data stores are not recorded (architecture.elements of kind data_store): what needs a backup is unknown."))
	} else {
		s.Blocks = append(s.Blocks, paper.Table{Caption: "Where the product keeps data", Header: []string{"Data store", "Runs in", "Data", "Backed up", "Encrypted at rest"},
			Widths: []float64{2.4, 2, 3, 0.8, 0.8}, Rows: rows})
	}
	var flows []string
	for _, f := range h.architecture().Flows {
		if f.Purpose == "backup" {
			flows = append(flows, h.element(f.From)+" → "+h.element(f.To)+" ("+f.Protocol+")")
		}
	}
	if len(flows) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "Backup flows:"}, paper.List{Items: flows})
	}
	if rows := h.requirementRows("resilience"); len(rows) > 0 {
		s.Blocks = append(s.Blocks, paper.Table{Caption: "Resilience and recovery the product provides", Header: []string{"Requirement", "What the product does"}, Widths: []float64{2.2, 6}, Rows: rows})
	}
	if docs := h.covering("backup_restore", "configuration_recovery"); len(docs) > 0 {
		s.Blocks = append(s.Blocks, docPara("Backup and restore instructions", docs))
	} else {
		s.Blocks = append(s.Blocks, gapNote("How to back up and restore the product's data and configuration is not recorded (no document of release %s covers backup_restore or configuration_recovery).", h.Version()))
	}
	return s
}

func (h *builder) storeRows() [][]string {
	var rows [][]string
	for _, e := range sortedByID(h.architecture().Elements, func(e *ward.Element) string { return e.ID }) {
		if e.Kind != "data_store" {
			continue
		}
		rows = append(rows, []string{e.Name + " (" + e.ID + ")", h.boundaryPath(e.Boundary), join(h.dataNames(e.Stores)), yesNo(e.Backup), yesNo(e.EncryptedAtRest)})
	}
	return rows
}

// updates is the update policy, support dates, integrity data and the
// operator's duties for the items it maintains (Annex E.2.5; 6.3.1).
func (h *builder) updates() *paper.Section {
	s := &paper.Section{ID: "updates", Title: "Updates and end of support"}
	p := h.File.Product
	support := "not recorded (product.support_end)"
	if p != nil && !p.SupportEnd.IsZero() {
		support = p.SupportEnd.String()
	}
	s.Blocks = append(s.Blocks, paper.Fields{Items: []paper.Field{{Label: "Security support of the product ends", Value: support}}})
	if p == nil || p.SupportEnd.IsZero() {
		s.Blocks = append(s.Blocks, gapNote("The end of the product's security support is not recorded (product.support_end)."))
	}
	var rel [][]string
	for _, r := range h.File.Releases {
		rel = append(rel, []string{r.Version, r.Date.String(), yesNo(r.IsSupported())})
	}
	s.Blocks = append(s.Blocks, paper.Table{Caption: "Releases", Header: []string{"Release", "Date", "Receives security updates"}, Rows: rel})

	pol := &paper.Section{ID: "update-policy", Title: "Security update policy"}
	if mp := h.File.Maintenance; mp != nil && len(mp.UpdateTargets) > 0 {
		pol.Blocks = append(pol.Blocks, paper.Para{Text: "After the manufacturer identifies a vulnerability, a security update is made available within:"},
			techfile.UpdateTargetTable(mp))
		if mp.RegularCycle != "" {
			pol.Blocks = append(pol.Blocks, paper.Fields{Items: []paper.Field{{Label: "Regular release cycle", Value: mp.RegularCycle}}})
		}
	} else {
		pol.Blocks = append(pol.Blocks, gapNote("The security update targets are not recorded (maintenance.update_targets)."))
	}
	if docs := h.docs("update_information"); len(docs) > 0 {
		pol.Blocks = append(pol.Blocks, docPara("Update information for this release", docs))
	} else {
		pol.Blocks = append(pol.Blocks, gapNote("No security update information (document of kind update_information) is recorded for release %s.", h.Version()))
	}
	var advs [][]string
	for _, a := range sortedByID(h.File.Advisories, func(a *ward.CustomerAdvisory) string { return a.ID }) {
		if contains(a.AffectedReleases, h.Version()) || a.FixedIn == h.Version() {
			advs = append(advs, []string{a.ID, a.Title, a.PublishedAt.String(), join(a.AffectedReleases), orDash(a.FixedIn), orDash(a.Mitigation), orDash(a.URL)})
		}
	}
	if len(advs) > 0 {
		pol.Blocks = append(pol.Blocks, paper.Table{Caption: "Security advisories concerning this release", Header: []string{"Advisory", "Title", "Published", "Affected", "Fixed in", "Mitigation", "Link"},
			Widths: []float64{1.2, 2.4, 0.9, 0.8, 0.7, 3, 1.8}, Rows: advs})
	}

	integ := &paper.Section{ID: "update-integrity", Title: "Verifying the delivered files"}
	if len(h.Release.Artifacts) == 0 {
		integ.Blocks = append(integ.Blocks, gapNote("The files of release %s are not recorded (releases[].artifacts).", h.Version()))
	} else {
		integ.Blocks = append(integ.Blocks, paper.Para{Text: "The files of release " + h.Version() + " with their SHA-256 digests and signatures:"}, techfile.ArtifactTable(h.Release))
		var keys [][]string
		var noPublic []string
		used := map[string]bool{}
		for _, a := range h.Release.Artifacts {
			used[a.SigningKey] = true
		}
		for _, k := range sortedByID(h.File.SigningKeys, func(k *ward.SigningKey) string { return k.ID }) {
			if used[k.ID] {
				keys = append(keys, []string{k.ID, k.Purpose, dateOr(k.Expires, dash), orDash(k.PublicKey)})
				if k.PublicKey == "" {
					noPublic = append(noPublic, k.ID)
				}
			}
		}
		if len(keys) > 0 {
			integ.Blocks = append(integ.Blocks, paper.Table{Caption: "Signing keys", Header: []string{"Key", "Purpose", "Expires", "Public key"}, Widths: []float64{1.2, 3.4, 0.9, 3}, Rows: keys})
		}
		if len(noPublic) > 0 {
			integ.Blocks = append(integ.Blocks, gapNote("The public key to verify signatures of %s is not recorded (signing_keys[].public_key).", strings.Join(noPublic, ", ")))
		}
		if docs := h.covering("integrity_verification"); len(docs) > 0 {
			integ.Blocks = append(integ.Blocks, docPara("How to verify them", docs))
		} else {
			integ.Blocks = append(integ.Blocks, gapNote("How to verify the digests and signatures is not recorded (no document of release %s covers integrity_verification).", h.Version()))
		}
	}

	ops := &paper.Section{ID: "operator-items", Title: "Software the operator maintains"}
	var rows [][]string
	var noTasks []string
	for _, it := range sortedByID(h.File.Components, func(i *ward.SoftwareItem) string { return i.ID }) {
		cat := h.Category(it)
		if cat != "supported" && cat != "required" {
			continue
		}
		rows = append(rows, []string{it.Name + " " + it.Version, cat + ": " + techfile.CategoryMeaning(cat), techfile.Support(it, h.Date), strings.Join(it.OperatorTasks, " ")})
		if len(it.OperatorTasks) == 0 {
			noTasks = append(noTasks, it.ID)
		}
	}
	if len(rows) == 0 {
		ops.Blocks = append(ops.Blocks, paper.Para{Text: "The manufacturer delivers the security updates of every software item of the product (all items are in the category maintained)."})
	} else {
		ops.Blocks = append(ops.Blocks, paper.Table{Header: []string{"Software", "Category", "Support by its supplier", "What the operator does"}, Widths: []float64{2, 2.6, 1.8, 3.6}, Rows: rows})
	}
	if len(noTasks) > 0 {
		ops.Blocks = append(ops.Blocks, gapNote("The operator's tasks for %s are not recorded (components[].operator_tasks).", strings.Join(noTasks, ", ")))
	}
	s.Sections = []*paper.Section{pol, integ, ops}
	return s
}

// residualRisks lists the risks the HDO must manage (5.8.2 d).
func (h *builder) residualRisks() *paper.Section {
	s := &paper.Section{ID: "residual-risks", Title: "Residual risks the hospital manages"}
	reg := map[string]*ward.Risk{}
	var rows [][]string
	var ids []string
	for _, r := range sortedByID(h.File.Risks, func(r *ward.Risk) string { return r.ID }) {
		reg[r.ID] = r
		if r.TransferredTo != "hdo" && r.TransferredTo != "patient" && !r.InLabeling {
			continue
		}
		ids = append(ids, r.ID)
		rows = append(rows, []string{r.ID, orDash(r.Title), residual(r.Post), transferText(r.TransferredTo), orDash(r.Rationale), h.controlTitles(r.Controls)})
	}
	if len(rows) == 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "No residual risk is transferred to the HDO or disclosed in the labeling."})
	} else {
		s.Blocks = append(s.Blocks, paper.Para{Text: "Residual security risks that the HDO manages, or that the manufacturer discloses to it, after the manufacturer's controls:"},
			paper.Table{Header: []string{"Risk", "Title", "Residual risk", "Managed by", "Rationale", "Controls"}, Widths: []float64{0.8, 2.2, 1.2, 1, 2.6, 2.6}, Rows: rows})
	}
	var th [][]string
	var unknownTo []string
	for _, t := range sortedByID(h.File.Threats, func(t *ward.Threat) string { return t.ID }) {
		if t.Decision != "transferred" || (t.TransferredTo != "" && t.TransferredTo != "hdo" && t.TransferredTo != "patient") {
			continue
		}
		to := transferText(t.TransferredTo)
		if t.TransferredTo == "" {
			to = "not recorded"
			unknownTo = append(unknownTo, t.ID)
		}
		th = append(th, []string{t.ID, t.Title, to, orDash(t.Rationale)})
	}
	if len(th) > 0 {
		s.Blocks = append(s.Blocks, paper.Table{Caption: "Threats whose handling is transferred", Header: []string{"Threat", "Title", "Transferred to", "Rationale"}, Widths: []float64{1, 2.6, 1, 4}, Rows: th})
	}
	if len(unknownTo) > 0 {
		s.Blocks = append(s.Blocks, gapNote("Who takes over transferred threat %s is not recorded (threats[].transferred_to).", strings.Join(unknownTo, ", ")))
	}
	docs := h.docs("residual_risk")
	if len(docs) == 0 {
		s.Blocks = append(s.Blocks, gapNote("No residual-risk document (kind residual_risk) is recorded for release %s.", h.Version()))
		return s
	}
	s.Blocks = append(s.Blocks, docPara("Residual-risk document", docs))
	var uncovered []string
	for _, id := range ids {
		found := false
		for _, d := range docs {
			found = found || contains(d.Covers, id)
		}
		if !found {
			uncovered = append(uncovered, id)
		}
	}
	if len(uncovered) > 0 {
		s.Blocks = append(s.Blocks, gapNote("The residual-risk document does not list %s (documents[].covers).", strings.Join(uncovered, ", ")))
	}
	return s
}

func residual(e *ward.RiskScore) string {
	if e == nil {
		return "not estimated"
	}
	return e.Severity
}

func transferText(to string) string {
	switch to {
	case "hdo":
		return "the HDO"
	case "patient":
		return "the patient"
	case "", "none":
		return "the manufacturer (disclosed)"
	}
	return to
}

func (h *builder) controlTitles(ids []string) string {
	var out []string
	for _, id := range ids {
		v := id
		for _, c := range h.File.Controls {
			if c.ID == id {
				v = c.Title + " (" + id + ")"
			}
		}
		out = append(out, v)
	}
	return join(out)
}

// decommissionTopics are what a decommissioning guide must cover (5.8.7,
// Annex E.3; FDA labeling VI.A).
var decommissionTopics = []string{"data_locations", "sanitisation", "credential_revocation", "deregistration", "verification"}

// decommissioning is the secure decommissioning guideline (5.8.7, E.3).
func (h *builder) decommissioning() *paper.Section {
	s := &paper.Section{ID: "decommissioning", Title: "Secure decommissioning"}
	if rows := h.storeRows(); len(rows) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "Before the product or a part of it is taken out of use, the data it holds must be removed. The product keeps data here:"},
			paper.Table{Header: []string{"Data store", "Runs in", "Data", "Backed up", "Encrypted at rest"}, Widths: []float64{2.4, 2, 3, 0.8, 0.8}, Rows: rows})
	} else {
		s.Blocks = append(s.Blocks, gapNote("Where the product keeps data is not recorded (architecture.elements of kind data_store)."))
	}
	var creds []string
	for _, e := range sortedByID(h.architecture().Elements, func(e *ward.Element) string { return e.ID }) {
		if e.Kind != "external_entity" && e.Credentials == "unique" {
			creds = append(creds, e.Name)
		}
	}
	if len(creds) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "Parts with credentials of their own (keys, certificates, accounts): " + strings.Join(creds, ", ") + "."})
	}
	var hdoSystems []string
	for _, y := range sortedByID(h.context().Systems, func(y *ward.System) string { return y.ID }) {
		if y.Owner == "hdo" && len(h.interfacesWith(y.ID)) > 0 {
			hdoSystems = append(hdoSystems, y.Name)
		}
	}
	if len(hdoSystems) > 0 {
		s.Blocks = append(s.Blocks, paper.Para{Text: "HDO systems the product is registered with or connected to: " + strings.Join(hdoSystems, ", ") + "."})
	}
	docs := h.docs("decommissioning")
	if len(docs) == 0 {
		s.Blocks = append(s.Blocks, gapNote("No decommissioning guide (document of kind decommissioning) is recorded for release %s: how to sanitise data, revoke credentials and deregister the product is not given.", h.Version()))
		return s
	}
	s.Blocks = append(s.Blocks, docPara("Decommissioning procedure", docs))
	var missing []string
	for _, t := range decommissionTopics {
		found := false
		for _, d := range docs {
			found = found || contains(d.Covers, t)
		}
		if !found {
			missing = append(missing, kindName(t))
		}
	}
	if len(missing) > 0 {
		s.Blocks = append(s.Blocks, gapNote("The decommissioning guide does not state that it covers %s (documents[].covers).", strings.Join(missing, ", ")))
	}
	return s
}
