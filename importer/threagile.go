package importer

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/wardhq/ward"
)

// Threagile imports a Threagile model (threagile.yaml). name is the file
// name used in positions and the report. Rejections are ward.PosErrors
// (syntax, not a mapping, too large); everything else that does not map is
// a Note in the Report.
//
// Mapping:
//
//	technical_assets           → architecture.elements; type external-entity/process/datastore →
//	                             external_entity/process/data_store; technology, technologies and tags → tech;
//	                             encryption other than none → encrypted_at_rest; data_assets_stored → stores;
//	                             out_of_scope and the rest → report
//	trust_boundaries           → architecture.boundaries; trust_boundaries_nested → parent;
//	                             technical_assets_inside → the element's boundary; type → kind:
//	                             network-cloud-provider → cloud, other network-* → network_zone,
//	                             execution-environment → none (report)
//	communication_links        → architecture.flows, ID <source-asset-id>:<slug of link title>;
//	                             protocol; authentication (authorization added in brackets);
//	                             encryption and integrity from the protocol (TLS protocols → TLS/tls,
//	                             SSH protocols → SSH); vpn and ip_filtered → justification;
//	                             data_assets_sent and data_assets_received → data
//	data_assets                → context.data (classification public if confidentiality is public, else pii:
//	                             Threagile has no classification; each guess is reported) and architecture.assets
//	confidentiality            public, internal → low; restricted → medium; confidential, strictly-confidential → high
//	integrity, availability    archive, operational → low; important → medium; critical, mission-critical → high
//	risk_tracking              → threats with the STRIDE category of the Threagile rule; status accepted → accepted,
//	                             mitigated → mitigated, false-positive → not_applicable, others → open (report);
//	                             justification → rationale; date → decided_at; ticket and checked_by → description
//	individual_risk_categories → one threat per risks_identified entry, stride from the category
func Threagile(name string, data []byte) (*ward.SecurityFile, Report, error) {
	r := Report{Source: "Threagile", File: name}
	if len(data) > MaxBytes {
		return nil, r, tooLarge(name, len(data))
	}
	top, err := parseYAML(name, data)
	if err != nil {
		return nil, r, err
	}
	t := &tgImport{r: &r, elems: newIDs(), bounds: newIDs(), flows: newIDs(), data: newIDs(), threats: newIDs(), assets: newIDs(),
		sf: &ward.SecurityFile{Context: &ward.SecurityContext{}, Architecture: &ward.Architecture{
			Methodology: "Threagile model (technical assets, trust boundaries, communication links, data assets) with Threagile's risk rules, imported",
		}}}
	t.run(top)
	placeholders(t.sf, "Threagile", &r)
	return t.sf, r, nil
}

// parseYAML parses one YAML document into an ordered map, with the
// position of syntax errors. The parser is third-party code fed with
// untrusted input: a panic in it becomes a rejection, not a crash.
func parseYAML(name string, data []byte) (top yaml.MapSlice, err error) {
	defer func() {
		if p := recover(); p != nil {
			top, err = nil, ward.PosErrors{{Pos: ward.Pos{File: name}, Msg: fmt.Sprintf("YAML parser failed on this input: %v", p)}}
		}
	}()
	if _, perr := parser.ParseBytes(data, 0); perr != nil {
		return nil, yamlError(name, perr)
	}
	var v any
	if err := yaml.UnmarshalWithOptions(data, &v, yaml.UseOrderedMap()); err != nil {
		return nil, yamlError(name, err)
	}
	m, ok := v.(yaml.MapSlice)
	if !ok {
		return nil, ward.PosErrors{{Pos: ward.Pos{File: name, Line: 1, Col: 1}, Msg: fmt.Sprintf("a Threagile model is a YAML mapping, not %s", kindOf(v)),
			Hint: "give the threagile.yaml file of the model"}}
	}
	return m, nil
}

func yamlError(name string, err error) error {
	pe := &ward.PosError{Pos: ward.Pos{File: name}, Msg: "YAML: " + err.Error()}
	var se interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if errors.As(err, &se) {
		pe.Msg = "YAML: " + se.GetMessage()
		if tk := se.GetToken(); tk != nil && tk.Position != nil {
			pe.Line, pe.Col = tk.Position.Line, tk.Position.Column
		}
	}
	return ward.PosErrors{pe}
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "empty"
	case yaml.MapSlice:
		return "a mapping"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("a %T value", v)
}

type tgImport struct {
	r                                           *Report
	sf                                          *ward.SecurityFile
	elems, bounds, flows, data, threats, assets *ids
	elemByID                                    map[string]*ward.Element
	rawAssets                                   []tgRecord
	linkIDs                                     map[string]string // Threagile link ID (source>title) → flow ID
	customSTRIDE                                map[string]string // individual risk category ID → STRIDE
}

// tgRecord is one entry of a Threagile section keyed by title.
type tgRecord struct {
	title string
	path  string
	m     yaml.MapSlice
}

func (t *tgImport) records(section string, v any) []tgRecord {
	if v == nil {
		return nil
	}
	m, ok := v.(yaml.MapSlice)
	if !ok {
		t.r.add(section, "not a mapping (%s): skipped", kindOf(v))
		return nil
	}
	var out []tgRecord
	for _, it := range m {
		title := fmt.Sprint(it.Key)
		rm, ok := it.Value.(yaml.MapSlice)
		if !ok {
			t.r.add(section+"."+title, "not a mapping (%s): skipped", kindOf(it.Value))
			continue
		}
		out = append(out, tgRecord{title: title, path: section + "." + title, m: flatten(rm, 0)})
	}
	return out
}

func (t *tgImport) run(top yaml.MapSlice) {
	sections := map[string]any{}
	for _, it := range top {
		k := fmt.Sprint(it.Key)
		switch k {
		case "data_assets", "technical_assets", "trust_boundaries", "risk_tracking", "individual_risk_categories":
			sections[k] = it.Value
		default:
			if !empty(it.Value) {
				t.r.add(k, "no ward field")
			}
		}
	}
	t.elemByID = map[string]*ward.Element{}
	t.linkIDs = map[string]string{}
	t.dataAssets(t.records("data_assets", sections["data_assets"]))
	t.rawAssets = t.records("technical_assets", sections["technical_assets"])
	t.technicalAssets()
	t.trustBoundaries(t.records("trust_boundaries", sections["trust_boundaries"]))
	t.links()
	t.individualRisks(t.records("individual_risk_categories", sections["individual_risk_categories"]))
	t.riskTracking(t.records("risk_tracking", sections["risk_tracking"]))
}

// flatten resolves YAML merge keys: merged entries are defaults, keys
// written in the record override them, and every key appears once, at its
// first place.
func flatten(m yaml.MapSlice, depth int) yaml.MapSlice {
	var out yaml.MapSlice
	at := map[string]int{}
	set := func(k string, v any, override bool) {
		if i, ok := at[k]; ok {
			if override {
				out[i].Value = v
			}
			return
		}
		at[k] = len(out)
		out = append(out, yaml.MapItem{Key: k, Value: v})
	}
	for _, it := range m {
		k := fmt.Sprint(it.Key)
		if k == "<<" && depth < 8 {
			if base, ok := it.Value.(yaml.MapSlice); ok {
				for _, b := range flatten(base, depth+1) {
					set(fmt.Sprint(b.Key), b.Value, false)
				}
			}
			continue
		}
		set(k, it.Value, true)
	}
	return out
}

// get returns the value of key in m.
func get(m yaml.MapSlice, key string) any {
	for _, it := range m {
		if fmt.Sprint(it.Key) == key {
			return it.Value
		}
	}
	return nil
}

// rest reports every key of m not in used whose value is not empty.
func (t *tgImport) rest(path string, m yaml.MapSlice, used ...string) {
	for _, it := range m {
		k := fmt.Sprint(it.Key)
		if k == "<<" || slices.Contains(used, k) || empty(it.Value) {
			continue
		}
		t.r.add(path+"."+k, "%s: no ward field", short(it.Value))
	}
}

func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case bool:
		return !x
	case []any:
		return len(x) == 0
	case yaml.MapSlice:
		return len(x) == 0
	}
	return false
}

// short renders a value for the report.
func short(v any) string {
	var s string
	switch x := v.(type) {
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = fmt.Sprint(e)
		}
		s = "[" + strings.Join(parts, ", ") + "]"
	case yaml.MapSlice:
		s = fmt.Sprintf("mapping of %d entries", len(x))
	default:
		s = oneLine(fmt.Sprint(x))
	}
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return fmt.Sprintf("%q", s)
}

func str(v any) string {
	switch x := v.(type) {
	case nil, yaml.MapSlice, []any:
		return ""
	case string:
		return strings.TrimSpace(x)
	}
	return fmt.Sprint(v)
}

func strs(v any) []string {
	switch x := v.(type) {
	case []any:
		var out []string
		for _, e := range x {
			if s := str(e); s != "" {
				out = append(out, s)
			}
		}
		return out
	case string:
		if s := strings.TrimSpace(x); s != "" {
			return []string{s}
		}
	}
	return nil
}

func boolean(v any) bool { b, _ := v.(bool); return b }

var tgConfidentiality = map[string]string{"public": "low", "internal": "low", "restricted": "medium", "confidential": "high", "strictly-confidential": "high"}
var tgCriticality = map[string]string{"archive": "low", "operational": "low", "important": "medium", "critical": "high", "mission-critical": "high"}

func (t *tgImport) rating(path string, table map[string]string, v any) string {
	s := str(v)
	if l, ok := table[s]; ok {
		return l
	}
	t.r.add(path, "unknown rating %q: set to high", s)
	return "high"
}

func (t *tgImport) dataAssets(recs []tgRecord) {
	for _, rec := range recs {
		raw := str(get(rec.m, "id"))
		id := t.data.assign(raw, rec.title)
		if raw != id {
			t.r.add(rec.path+".id", "%q is not a usable ward ID: %q used", raw, id)
		}
		conf := str(get(rec.m, "confidentiality"))
		class := "pii"
		if conf == "public" {
			class = "public"
		} else {
			t.r.add(rec.path, "Threagile has no data classification: context.data %s set to pii (confidentiality %s); review", id, conf)
		}
		t.sf.Context.Data = append(t.sf.Context.Data, &ward.DataItem{ID: id, Name: rec.title, Classification: class,
			Description: str(get(rec.m, "description"))})
		aid := t.assets.assign(id, id)
		t.sf.Architecture.Assets = append(t.sf.Architecture.Assets, &ward.Asset{ID: aid, Name: rec.title, Data: id,
			Confidentiality: t.rating(rec.path+".confidentiality", tgConfidentiality, get(rec.m, "confidentiality")),
			Integrity:       t.rating(rec.path+".integrity", tgCriticality, get(rec.m, "integrity")),
			Availability:    t.rating(rec.path+".availability", tgCriticality, get(rec.m, "availability"))})
		t.rest(rec.path, rec.m, "id", "description", "confidentiality", "integrity", "availability")
	}
}

var tgKinds = map[string]string{"external-entity": "external_entity", "process": "process", "datastore": "data_store"}

func (t *tgImport) technicalAssets() {
	for _, rec := range t.rawAssets {
		raw := str(get(rec.m, "id"))
		id := t.elems.assign(raw, rec.title)
		if raw != id {
			t.r.add(rec.path+".id", "%q is not a usable ward ID: %q used", raw, id)
		}
		kind, ok := tgKinds[str(get(rec.m, "type"))]
		if !ok {
			t.r.add(rec.path+".type", "unknown type %q: imported as process", str(get(rec.m, "type")))
			kind = "process"
		}
		e := &ward.Element{ID: id, Name: rec.title, Kind: kind}
		e.Tech = appendUnique(e.Tech, strs(get(rec.m, "technology"))...)
		e.Tech = appendUnique(e.Tech, strs(get(rec.m, "technologies"))...)
		e.Tech = appendUnique(e.Tech, strs(get(rec.m, "tags"))...)
		if enc := str(get(rec.m, "encryption")); enc != "" && enc != "none" {
			e.EncryptedAtRest = true
		}
		for _, d := range strs(get(rec.m, "data_assets_stored")) {
			if did, ok := t.data.lookup(d); ok {
				e.Stores = appendUnique(e.Stores, did)
			} else {
				t.r.add(rec.path+".data_assets_stored", "unknown data asset %q: left out", d)
			}
		}
		if boolean(get(rec.m, "out_of_scope")) {
			t.r.add(rec.path+".out_of_scope", "out of scope in Threagile (%s): ward has no scope flag; the element is imported", str(get(rec.m, "justification_out_of_scope")))
		}
		t.sf.Architecture.Elements = append(t.sf.Architecture.Elements, e)
		t.elemByID[id] = e
		t.rest(rec.path, rec.m, "id", "type", "technology", "technologies", "tags", "encryption", "data_assets_stored",
			"out_of_scope", "justification_out_of_scope", "communication_links")
	}
}

var tgBoundaryKinds = map[string]string{
	"network-on-prem": "network_zone", "network-dedicated-hoster": "network_zone", "network-virtual-lan": "network_zone",
	"network-cloud-provider": "cloud", "network-cloud-security-group": "network_zone", "network-policy-namespace-isolation": "network_zone",
}

func (t *tgImport) trustBoundaries(recs []tgRecord) {
	byRaw := map[string]*ward.Boundary{}
	for _, rec := range recs {
		raw := str(get(rec.m, "id"))
		id := t.bounds.assign(raw, rec.title)
		if raw != id {
			t.r.add(rec.path+".id", "%q is not a usable ward ID: %q used", raw, id)
		}
		b := &ward.Boundary{ID: id, Name: rec.title}
		typ := str(get(rec.m, "type"))
		if k, ok := tgBoundaryKinds[typ]; ok {
			b.Kind = k
		} else if typ != "" {
			t.r.add(rec.path+".type", "%q has no matching ward boundary kind: left empty", typ)
		}
		t.sf.Architecture.Boundaries = append(t.sf.Architecture.Boundaries, b)
		byRaw[raw] = b
	}
	for _, rec := range recs {
		b := byRaw[str(get(rec.m, "id"))]
		for _, a := range strs(get(rec.m, "technical_assets_inside")) {
			eid, ok := t.elems.lookup(a)
			if !ok {
				t.r.add(rec.path+".technical_assets_inside", "unknown technical asset %q: left out", a)
				continue
			}
			e := t.elemByID[eid]
			if e.Boundary != "" && e.Boundary != b.ID {
				t.r.add(rec.path+".technical_assets_inside", "%q is already inside %q: a ward element sits in one innermost boundary", a, e.Boundary)
				continue
			}
			e.Boundary = b.ID
		}
		for _, n := range strs(get(rec.m, "trust_boundaries_nested")) {
			child, ok := byRaw[n]
			if !ok {
				t.r.add(rec.path+".trust_boundaries_nested", "unknown trust boundary %q: left out", n)
				continue
			}
			if child.Parent != "" || child == b {
				t.r.add(rec.path+".trust_boundaries_nested", "%q already has a parent: left out", n)
				continue
			}
			child.Parent = b.ID
		}
		t.rest(rec.path, rec.m, "id", "type", "technical_assets_inside", "trust_boundaries_nested")
	}
	// A nesting cycle would make the boundary tree meaningless.
	for _, b := range t.sf.Architecture.Boundaries {
		seen := map[string]bool{b.ID: true}
		for p := b.Parent; p != ""; {
			if seen[p] {
				t.r.add("trust_boundaries."+b.Name+".trust_boundaries_nested", "nesting cycle through %q: parent removed", p)
				b.Parent = ""
				break
			}
			seen[p] = true
			p = parentOf(t.sf.Architecture.Boundaries, p)
		}
	}
}

func parentOf(bs []*ward.Boundary, id string) string {
	for _, b := range bs {
		if b.ID == id {
			return b.Parent
		}
	}
	return ""
}

// Encryption of Threagile's protocols, as Threagile itself classifies them.
var tgTLS = []string{"https", "wss", "ldaps", "ftps", "jdbc-encrypted", "odbc-encrypted", "sql-access-protocol-encrypted",
	"nosql-access-protocol-encrypted", "binary-encrypted", "text-encrypted", "smtp-encrypted", "pop3-encrypted", "imap-encrypted",
	"iiop-encrypted", "jrmp-encrypted", "smb-encrypted", "reverse-proxy-web-protocol-encrypted"}
var tgSSH = []string{"ssh", "ssh-tunnel", "sftp", "scp"}
var tgPlain = []string{"http", "ws", "ldap", "ftp", "jdbc", "odbc", "sql-access-protocol", "nosql-access-protocol", "binary", "text",
	"smtp", "pop3", "imap", "iiop", "jrmp", "smb", "reverse-proxy-web-protocol", "nfs", "mqtt", "jms", "xmpp", "nrpe"}

func (t *tgImport) links() {
	for _, rec := range t.rawAssets {
		from, _ := t.elems.lookup(str(get(rec.m, "id")))
		for _, l := range t.records(rec.path+".communication_links", get(rec.m, "communication_links")) {
			target := str(get(l.m, "target"))
			to, ok := t.elems.lookup(target)
			if !ok || from == "" {
				t.r.add(l.path+".target", "unknown technical asset %q: link not imported", target)
				continue
			}
			id := t.flows.assign(from+":"+slug(l.title), from+":link")
			t.linkIDs[str(get(rec.m, "id"))+">"+strings.ToLower(strings.ReplaceAll(l.title, " ", "-"))] = id
			f := &ward.Flow{ID: id, From: from, To: to, Protocol: str(get(l.m, "protocol"))}
			if f.Protocol == "" {
				f.Protocol = "TODO"
				t.r.add(l.path+".protocol", "missing: TODO written")
			}
			switch p := strings.ToLower(f.Protocol); {
			case slices.Contains(tgTLS, p):
				f.Encryption, f.Integrity = "TLS", "tls"
			case slices.Contains(tgSSH, p):
				f.Encryption = "SSH"
			case slices.Contains(tgPlain, p):
				f.Encryption = "none"
			default:
				t.r.add(l.path+".protocol", "encryption of protocol %q unknown: encryption left empty", f.Protocol)
			}
			f.Authentication = str(get(l.m, "authentication"))
			if az := str(get(l.m, "authorization")); az != "" && az != "none" {
				if f.Authentication == "" || f.Authentication == "none" {
					t.r.add(l.path+".authorization", "%q without authentication: no ward field", az)
				} else {
					f.Authentication += " (authorization: " + az + ")"
				}
			}
			var notes []string
			if boolean(get(l.m, "vpn")) {
				notes = append(notes, "runs over a VPN")
			}
			if boolean(get(l.m, "ip_filtered")) {
				notes = append(notes, "IP-filtered")
			}
			if len(notes) > 0 {
				f.Justification = "Threagile: " + strings.Join(notes, ", ") + " (link as controls in controls.yaml to reference them)"
			}
			for _, key := range []string{"data_assets_sent", "data_assets_received"} {
				for _, d := range strs(get(l.m, key)) {
					if did, ok := t.data.lookup(d); ok {
						f.Data = appendUnique(f.Data, did)
					} else {
						t.r.add(l.path+"."+key, "unknown data asset %q: left out", d)
					}
				}
			}
			t.sf.Architecture.Flows = append(t.sf.Architecture.Flows, f)
			t.rest(l.path, l.m, "target", "protocol", "authentication", "authorization", "vpn", "ip_filtered", "data_assets_sent", "data_assets_received")
		}
	}
}

// tgRuleSTRIDE is the STRIDE category each built-in Threagile risk rule
// declares; a risk_tracking entry of another rule cannot be categorised.
var tgRuleSTRIDE = map[string]string{
	"accidental-secret-leak": "information_disclosure", "code-backdooring": "tampering", "container-baseimage-backdooring": "tampering",
	"container-platform-escape": "elevation_of_privilege", "cross-site-request-forgery": "spoofing", "cross-site-scripting": "tampering",
	"dos-risky-access-across-trust-boundary": "denial_of_service", "incomplete-model": "information_disclosure", "ldap-injection": "tampering",
	"missing-authentication": "elevation_of_privilege", "missing-authentication-second-factor": "elevation_of_privilege",
	"missing-build-infrastructure": "tampering", "missing-cloud-hardening": "tampering", "missing-file-validation": "spoofing",
	"missing-hardening": "tampering", "missing-identity-propagation": "elevation_of_privilege",
	"missing-identity-provider-isolation": "elevation_of_privilege", "missing-identity-store": "spoofing",
	"missing-network-segmentation": "elevation_of_privilege", "missing-vault": "information_disclosure",
	"missing-vault-isolation": "elevation_of_privilege", "missing-waf": "tampering", "mixed-targets-on-shared-runtime": "elevation_of_privilege",
	"path-traversal": "information_disclosure", "push-instead-of-pull-deployment": "tampering", "search-query-injection": "tampering",
	"server-side-request-forgery": "information_disclosure", "service-registry-poisoning": "spoofing", "sql-nosql-injection": "tampering",
	"unchecked-deployment": "tampering", "unencrypted-asset": "information_disclosure", "unencrypted-communication": "information_disclosure",
	"unguarded-access-from-internet": "elevation_of_privilege", "unguarded-direct-datastore-access": "elevation_of_privilege",
	"unnecessary-communication-link": "elevation_of_privilege", "unnecessary-data-asset": "elevation_of_privilege",
	"unnecessary-data-transfer": "elevation_of_privilege", "unnecessary-technical-asset": "elevation_of_privilege",
	"untrusted-deserialization": "tampering", "wrong-communication-link-content": "information_disclosure",
	"wrong-trust-boundary-content": "elevation_of_privilege", "xml-external-entity": "information_disclosure",
}

var tgDecisions = map[string]string{"accepted": "accepted", "mitigated": "mitigated", "false-positive": "not_applicable"}

// elementsOf returns the ward IDs of the elements and flows named in the
// parts of a Threagile risk ID (wildcards and unknown parts are skipped).
func (t *tgImport) elementsOf(parts []string) []string {
	var out []string
	for _, p := range parts {
		if id, ok := t.elems.lookup(p); ok {
			out = appendUnique(out, id)
		} else if id, ok := t.linkIDs[p]; ok {
			out = appendUnique(out, id)
		}
	}
	return out
}

func (t *tgImport) riskTracking(recs []tgRecord) {
	for _, rec := range recs {
		parts := strings.Split(rec.title, "@")
		rule := parts[0]
		stride, ok := tgRuleSTRIDE[rule]
		if !ok {
			if cat := t.customSTRIDE[rule]; cat != "" {
				stride, ok = cat, true
			}
		}
		if !ok {
			t.r.add(rec.path, "rule %q is not a built-in Threagile rule: its STRIDE category is unknown, entry not imported", rule)
			continue
		}
		id := t.threats.assign(strings.ReplaceAll(strings.ReplaceAll(rec.title, "@", ":"), "*", "any"), rule)
		th := &ward.Threat{ID: id, Title: "Threagile rule " + rule + " at " + strings.Join(parts[1:], ", "), STRIDE: []string{stride},
			Elements: t.elementsOf(parts[1:]), Source: "import:threagile risk_tracking"}
		if len(parts) == 1 {
			th.Title = "Threagile rule " + rule
		}
		status := str(get(rec.m, "status"))
		if d, ok := tgDecisions[status]; ok {
			th.Decision = d
		} else {
			t.r.add(rec.path+".status", "%q has no ward decision: the threat stays open", status)
		}
		th.Rationale = str(get(rec.m, "justification"))
		var desc []string
		if s := str(get(rec.m, "ticket")); s != "" {
			desc = append(desc, "Ticket "+s+".")
		}
		if s := str(get(rec.m, "checked_by")); s != "" {
			desc = append(desc, "Checked by "+s+".")
			t.r.add(rec.path+".checked_by", "%q kept in the description: approved_by needs a person ID from people", s)
		}
		th.Description = strings.Join(desc, " ")
		if s := str(get(rec.m, "date")); s != "" {
			if d, err := ward.ParseDate(s); err == nil {
				th.DecidedAt = d
			} else {
				t.r.add(rec.path+".date", "%q is not a date (YYYY-MM-DD): left out", s)
			}
		}
		if strings.Contains(rec.title, "*") {
			t.r.add(rec.path, "wildcard risk ID: the decision covers every matching Threagile risk; ward records it once as %s", id)
		}
		t.sf.Threats = append(t.sf.Threats, th)
		t.rest(rec.path, rec.m, "status", "justification", "ticket", "checked_by", "date")
	}
}

var tgSTRIDE = map[string]string{"spoofing": "spoofing", "tampering": "tampering", "repudiation": "repudiation",
	"information-disclosure": "information_disclosure", "denial-of-service": "denial_of_service", "elevation-of-privilege": "elevation_of_privilege"}

func (t *tgImport) individualRisks(recs []tgRecord) {
	t.customSTRIDE = map[string]string{}
	for _, rec := range recs {
		cat := str(get(rec.m, "id"))
		stride, ok := tgSTRIDE[str(get(rec.m, "stride"))]
		if !ok {
			t.r.add(rec.path+".stride", "unknown STRIDE category %q: the category's risks are not imported", str(get(rec.m, "stride")))
		} else {
			t.customSTRIDE[cat] = stride
		}
		t.rest(rec.path, rec.m, "id", "stride", "description", "risks_identified")
		for i, risk := range t.records(rec.path+".risks_identified", get(rec.m, "risks_identified")) {
			if !ok {
				break
			}
			id := t.threats.assign(fmt.Sprintf("%s:%d", cat, i+1), "individual-risk")
			th := &ward.Threat{ID: id, Title: stripTags(risk.title), STRIDE: []string{stride}, Description: str(get(rec.m, "description")),
				Source: "import:threagile individual_risk_categories"}
			var parts []string
			for _, k := range []string{"most_relevant_technical_asset", "most_relevant_communication_link"} {
				parts = append(parts, str(get(risk.m, k)))
			}
			parts = append(parts, strs(get(risk.m, "data_loss_technical_assets"))...)
			th.Elements = t.elementsOf(parts)
			t.sf.Threats = append(t.sf.Threats, th)
			t.rest(risk.path, risk.m, "most_relevant_technical_asset", "most_relevant_communication_link", "data_loss_technical_assets")
		}
	}
}

// stripTags removes the HTML emphasis Threagile puts into titles: ward's
// text is plain, emphasis belongs to templates.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return oneLine(b.String())
}
