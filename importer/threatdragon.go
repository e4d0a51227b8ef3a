package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/wardhq/ward"
)

// ThreatDragon imports an OWASP Threat Dragon model: version 2 JSON
// (detail.diagrams[].cells[] with shape and data) and the older version 1
// JSON (detail.diagrams[].diagramJson.cells[] with the fields on the cell).
// Rejections are ward.PosErrors with line and column (syntax, wrong types,
// not a Threat Dragon model, too large); everything else that does not map
// is a Note in the Report.
//
// Mapping:
//
//	tm.Actor / actor                     → external_entity
//	tm.Process / process                 → process
//	tm.Store / store                     → data_store; isEncrypted → encrypted_at_rest
//	tm.BoundaryBox / trust-boundary-box  → boundary; elements whose centre lies in the box sit in the
//	                                       smallest such box, boxes in boxes get a parent
//	tm.Boundary / trust-boundary-curve   → boundary without members; each flow that crosses the line is
//	                                       reported (ward derives crossings from element boundaries)
//	tm.Flow / flow                       → flow; protocol (TODO if empty); isEncrypted → encryption
//	                                       "encrypted" or "none"; a flow whose end is not attached to an
//	                                       element is reported and left out
//	threats of every cell                → threats; type (STRIDE names; CIA: confidentiality →
//	                                       information_disclosure, integrity → tampering, availability →
//	                                       denial_of_service) → stride; status Open → no decision,
//	                                       Mitigated → mitigated, NotApplicable → not_applicable;
//	                                       mitigation → rationale of decided threats, else appended to
//	                                       the description as the proposed mitigation
//
// Cell IDs (UUIDs) are valid ward IDs and are kept.
func ThreatDragon(name string, data []byte) (*ward.SecurityFile, Report, error) {
	r := Report{Source: "OWASP Threat Dragon", File: name}
	if len(data) > MaxBytes {
		return nil, r, tooLarge(name, len(data))
	}
	var m tdModel
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&m); err != nil {
		return nil, r, jsonError(name, data, err)
	}
	if dec.More() {
		return nil, r, ward.PosErrors{posAt(name, data, dec.InputOffset(), "", "data after the end of the JSON model")}
	}
	if m.Detail == nil || (len(m.Detail.Diagrams) == 0 && m.Summary == nil) {
		return nil, r, ward.PosErrors{{Pos: ward.Pos{File: name, Line: 1, Col: 1}, Path: "detail",
			Msg: "not an OWASP Threat Dragon model: no detail.diagrams", Hint: "give the model JSON that Threat Dragon saves"}}
	}
	method := "STRIDE per element (OWASP Threat Dragon diagrams), imported"
	t := &tdImport{r: &r, elems: newIDs(), bounds: newIDs(), flows: newIDs(), threats: newIDs(),
		sf: &ward.SecurityFile{Context: &ward.SecurityContext{}, Architecture: &ward.Architecture{Methodology: method}}}
	for i := range m.Detail.Diagrams {
		t.diagram(i, &m.Detail.Diagrams[i])
	}
	if len(t.sf.Architecture.Boundaries) == 0 {
		t.sf.Architecture.Boundaries = []*ward.Boundary{{ID: "TB-TODO", Name: todo("trust boundaries", "OWASP Threat Dragon")}}
		r.add("detail.diagrams", "no trust boundary in the model: placeholder TB-TODO written")
	}
	placeholders(t.sf, "OWASP Threat Dragon", &r)
	return t.sf, r, nil
}

func jsonError(name string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return ward.PosErrors{posAt(name, data, se.Offset, "", "JSON syntax: "+se.Error())}
	case errors.As(err, &te):
		return ward.PosErrors{posAt(name, data, te.Offset, te.Field, fmt.Sprintf("JSON: %s where Threat Dragon writes %s", te.Value, te.Type))}
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return ward.PosErrors{posAt(name, data, int64(len(data)), "", "JSON: unexpected end of input")}
	}
	return ward.PosErrors{{Pos: ward.Pos{File: name}, Msg: "JSON: " + err.Error()}}
}

// posAt turns a byte offset into a 1-based line and column.
func posAt(name string, data []byte, off int64, path, msg string) *ward.PosError {
	off = max(0, min(off, int64(len(data))))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return &ward.PosError{Pos: ward.Pos{File: name, Line: line, Col: col}, Path: path, Msg: msg}
}

type tdModel struct {
	Version string `json:"version"`
	Summary *struct {
		Title string `json:"title"`
	} `json:"summary"`
	Detail *struct {
		Diagrams []tdDiagram `json:"diagrams"`
	} `json:"detail"`
}

type tdDiagram struct {
	Title       string   `json:"title"`
	Cells       []tdCell `json:"cells"` // version 2
	DiagramJSON *struct {
		Cells []tdCell `json:"cells"`
	} `json:"diagramJson"` // version 1
}

type tdPoint struct{ X, Y float64 }

type tdEnd struct {
	Cell string   `json:"cell"` // version 2
	ID   string   `json:"id"`   // version 1
	X    *float64 `json:"x"`
	Y    *float64 `json:"y"`
}

type tdCell struct {
	ID       string                           `json:"id"`
	Shape    string                           `json:"shape"`
	Position *tdPoint                         `json:"position"`
	Size     *struct{ Width, Height float64 } `json:"size"`
	Source   tdEnd                            `json:"source"`
	Target   tdEnd                            `json:"target"`
	Vertices []tdPoint                        `json:"vertices"`
	Attrs    json.RawMessage                  `json:"attrs"`
	Labels   json.RawMessage                  `json:"labels"`
	Data     *tdData                          `json:"data"` // version 2
	tdData                                    // version 1 keeps the same fields on the cell
}

type tdData struct {
	Type                   string     `json:"type"`
	Name                   string     `json:"name"`
	Description            string     `json:"description"`
	OutOfScope             bool       `json:"outOfScope"`
	ReasonOutOfScope       string     `json:"reasonOutOfScope"`
	Threats                []tdThreat `json:"threats"`
	Protocol               string     `json:"protocol"`
	IsEncrypted            bool       `json:"isEncrypted"`
	IsPublicNetwork        bool       `json:"isPublicNetwork"`
	IsBidirectional        bool       `json:"isBidirectional"`
	IsALog                 bool       `json:"isALog"`
	StoresCredentials      bool       `json:"storesCredentials"`
	StoresInventory        bool       `json:"storesInventory"`
	IsSigned               bool       `json:"isSigned"`
	ProvidesAuthentication bool       `json:"providesAuthentication"`
	HandlesCardPayment     bool       `json:"handlesCardPayment"`
	HandlesGoodsOrServices bool       `json:"handlesGoodsOrServices"`
	IsWebApplication       bool       `json:"isWebApplication"`
	PrivilegeLevel         string     `json:"privilegeLevel"`
}

type tdThreat struct {
	ID          string `json:"id"`       // version 2
	ThreatID    string `json:"threatId"` // version 1
	Title       string `json:"title"`
	Type        string `json:"type"`
	Status      string `json:"status"`
	Severity    string `json:"severity"`
	Description string `json:"description"`
	Mitigation  string `json:"mitigation"`
}

type tdImport struct {
	r                             *Report
	sf                            *ward.SecurityFile
	elems, bounds, flows, threats *ids
}

var tdShapes = map[string]string{"actor": "tm.Actor", "process": "tm.Process", "store": "tm.Store", "flow": "tm.Flow",
	"trust-boundary-box": "tm.BoundaryBox", "trust-boundary-curve": "tm.Boundary", "td-text-block": "tm.Text"}

var tdKinds = map[string]string{"tm.Actor": "external_entity", "tm.Process": "process", "tm.Store": "data_store"}

// cellInfo is one cell, normalised across versions.
type cellInfo struct {
	c        *tdCell
	d        *tdData
	typ      string
	path     string // the cell's path
	dataPath string // where its data fields sit
	wardID   string // ID of the element, flow or boundary made of it
}

func (t *tdImport) diagram(di int, dg *tdDiagram) {
	cells, base := dg.Cells, fmt.Sprintf("detail.diagrams[%d]", di)
	v1 := dg.DiagramJSON != nil
	if v1 {
		cells, base = dg.DiagramJSON.Cells, base+".diagramJson"
	}
	var infos []*cellInfo
	byID := map[string]*cellInfo{}
	for i := range cells {
		c := &cells[i]
		ci := &cellInfo{c: c, d: c.Data, path: fmt.Sprintf("%s.cells[%d]", base, i)}
		ci.dataPath = ci.path + ".data"
		if v1 || c.Data == nil {
			ci.d, ci.dataPath = &c.tdData, ci.path
		}
		ci.typ = ci.d.Type
		if ci.typ == "" {
			ci.typ = tdShapes[c.Shape]
		}
		if ci.d.Name == "" {
			ci.d.Name = labelText(c)
		}
		infos = append(infos, ci)
		if c.ID != "" {
			byID[c.ID] = ci
		}
	}
	var boxes, lines []*cellInfo
	for _, ci := range infos {
		switch ci.typ {
		case "tm.Actor", "tm.Process", "tm.Store":
			t.element(ci)
		case "tm.BoundaryBox":
			t.boundary(ci, di)
			boxes = append(boxes, ci)
		case "tm.Boundary":
			t.boundary(ci, di)
			lines = append(lines, ci)
		case "tm.Flow":
		case "tm.Text":
			t.r.add(ci.path, "text block %q: no ward field", oneLine(ci.d.Name))
		default:
			t.r.add(ci.path, "unknown cell type %q (shape %q): not imported", ci.typ, ci.c.Shape)
		}
	}
	t.containment(infos, boxes)
	for _, ci := range infos {
		if ci.typ == "tm.Flow" {
			t.flow(ci, byID, lines)
		}
	}
	for _, ci := range infos {
		t.cellThreats(ci)
	}
}

// labelText is the name of a version 1 cell: attrs.text.text for shapes,
// the first label's text for flows.
func labelText(c *tdCell) string {
	var a struct {
		Text struct {
			Text string `json:"text"`
		} `json:"text"`
	}
	if json.Unmarshal(c.Attrs, &a) == nil && a.Text.Text != "" {
		return a.Text.Text
	}
	var ls []struct {
		Attrs struct {
			Text struct {
				Text string `json:"text"`
			} `json:"text"`
		} `json:"attrs"`
	}
	if json.Unmarshal(c.Labels, &ls) == nil && len(ls) > 0 {
		return ls[0].Attrs.Text.Text
	}
	return ""
}

func (t *tdImport) element(ci *cellInfo) {
	d := ci.d
	name := oneLine(d.Name)
	if name == "" {
		name = "TODO: unnamed " + strings.TrimPrefix(ci.typ, "tm.")
		t.r.add(ci.dataPath+".name", "empty: %q written", name)
	}
	e := &ward.Element{ID: t.elems.assign(ci.c.ID, slug(name)), Name: name, Kind: tdKinds[ci.typ]}
	ci.wardID = e.ID
	if ci.typ == "tm.Store" {
		e.EncryptedAtRest = d.IsEncrypted
	}
	t.common(ci)
	flags := []struct {
		on   bool
		name string
	}{{d.IsALog, "isALog"}, {d.StoresCredentials, "storesCredentials"}, {d.StoresInventory, "storesInventory"}, {d.IsSigned, "isSigned"},
		{d.ProvidesAuthentication, "providesAuthentication"}, {d.HandlesCardPayment, "handlesCardPayment"},
		{d.HandlesGoodsOrServices, "handlesGoodsOrServices"}, {d.IsWebApplication, "isWebApplication"}}
	for _, f := range flags {
		if f.on {
			t.r.add(ci.dataPath+"."+f.name, "true: no ward field")
		}
	}
	if d.PrivilegeLevel != "" {
		t.r.add(ci.dataPath+".privilegeLevel", "%q: no ward field", d.PrivilegeLevel)
	}
	t.sf.Architecture.Elements = append(t.sf.Architecture.Elements, e)
}

// common reports the fields every cell may carry that ward has no field for.
func (t *tdImport) common(ci *cellInfo) {
	if s := oneLine(ci.d.Description); s != "" {
		t.r.add(ci.dataPath+".description", "%s: no ward field", short(s))
	}
	if ci.d.OutOfScope {
		t.r.add(ci.dataPath+".outOfScope", "out of scope in Threat Dragon (%s): ward has no scope flag; imported", oneLine(ci.d.ReasonOutOfScope))
	}
}

func (t *tdImport) boundary(ci *cellInfo, di int) {
	name := oneLine(ci.d.Name)
	if name == "" {
		name = fmt.Sprintf("TODO: unnamed trust boundary %d in diagram %d", len(t.sf.Architecture.Boundaries)+1, di)
		t.r.add(ci.dataPath+".name", "empty: %q written", name)
	}
	b := &ward.Boundary{ID: t.bounds.assign(ci.c.ID, "boundary"), Name: name}
	ci.wardID = b.ID
	if s := oneLine(ci.d.Description); s != "" {
		t.r.add(ci.dataPath+".description", "%s: no ward field", short(s))
	}
	if ci.typ == "tm.Boundary" {
		t.r.add(ci.path, "trust boundary line %s: ward boundaries hold elements; put the elements on either side into boundaries", b.ID)
	}
	t.sf.Architecture.Boundaries = append(t.sf.Architecture.Boundaries, b)
}

type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) area() float64 { return (r.x1 - r.x0) * (r.y1 - r.y0) }
func (r rect) has(x, y float64) bool {
	return x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1
}

func rectOf(c *tdCell) (rect, bool) {
	if c.Position == nil || c.Size == nil || !finite(c.Position.X, c.Position.Y, c.Size.Width, c.Size.Height) {
		return rect{}, false
	}
	return rect{c.Position.X, c.Position.Y, c.Position.X + c.Size.Width, c.Position.Y + c.Size.Height}, true
}

func finite(fs ...float64) bool {
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e12 {
			return false
		}
	}
	return true
}

// containment places elements and boxes in the smallest box around them.
func (t *tdImport) containment(infos, boxes []*cellInfo) {
	inner := func(self *cellInfo, x, y float64, other func(rect) bool) string {
		best, bestArea := "", math.Inf(1)
		for _, b := range boxes {
			r, ok := rectOf(b.c)
			if !ok || b == self || !r.has(x, y) || !other(r) {
				continue
			}
			if a := r.area(); a < bestArea {
				best, bestArea = b.wardID, a
			}
		}
		return best
	}
	elems := map[string]*ward.Element{}
	for _, e := range t.sf.Architecture.Elements {
		elems[e.ID] = e
	}
	bounds := map[string]*ward.Boundary{}
	for _, b := range t.sf.Architecture.Boundaries {
		bounds[b.ID] = b
	}
	for _, ci := range infos {
		r, ok := rectOf(ci.c)
		if !ok || ci.wardID == "" {
			continue
		}
		cx, cy := (r.x0+r.x1)/2, (r.y0+r.y1)/2
		switch ci.typ {
		case "tm.Actor", "tm.Process", "tm.Store":
			elems[ci.wardID].Boundary = inner(nil, cx, cy, func(rect) bool { return true })
		case "tm.BoundaryBox":
			// A parent box holds the whole child box and is larger.
			bounds[ci.wardID].Parent = inner(ci, cx, cy, func(o rect) bool {
				return o.area() > r.area() && o.has(r.x0, r.y0) && o.has(r.x1, r.y1)
			})
		}
	}
}

func (t *tdImport) endPoint(e tdEnd, byID map[string]*cellInfo) (id string, x, y float64, ok bool) {
	ref := e.Cell
	if ref == "" {
		ref = e.ID
	}
	if ci, found := byID[ref]; found && ref != "" {
		if r, rok := rectOf(ci.c); rok {
			x, y, ok = (r.x0+r.x1)/2, (r.y0+r.y1)/2, true
		}
		if _, isElem := tdKinds[ci.typ]; isElem {
			return ci.wardID, x, y, ok
		}
		return "", x, y, ok
	}
	if e.X != nil && e.Y != nil && finite(*e.X, *e.Y) {
		return "", *e.X, *e.Y, true
	}
	return "", 0, 0, false
}

func (t *tdImport) flow(ci *cellInfo, byID map[string]*cellInfo, lines []*cellInfo) {
	d := ci.d
	from, fx, fy, fok := t.endPoint(ci.c.Source, byID)
	to, tx, ty, tok := t.endPoint(ci.c.Target, byID)
	name := oneLine(d.Name)
	if from == "" || to == "" {
		end := "source"
		if from != "" {
			end = "target"
		}
		t.r.add(ci.path+"."+end, "flow %q is not attached to an element at its %s: not imported (its threats keep no element)", name, end)
	} else {
		f := &ward.Flow{ID: t.flows.assign(ci.c.ID, "flow"), From: from, To: to, Protocol: strings.TrimSpace(d.Protocol), Encryption: "none"}
		ci.wardID = f.ID
		if f.Protocol == "" {
			f.Protocol = "TODO"
			t.r.add(ci.dataPath+".protocol", "empty: TODO written")
		}
		if d.IsEncrypted {
			f.Encryption = "encrypted"
		}
		if name != "" {
			t.r.add(ci.dataPath+".name", "%q: ward flows have no name", name)
		}
		t.sf.Architecture.Flows = append(t.sf.Architecture.Flows, f)
	}
	t.common(ci)
	if d.IsPublicNetwork {
		t.r.add(ci.dataPath+".isPublicNetwork", "true: ward records exposure on context.interfaces")
	}
	if d.IsBidirectional {
		t.r.add(ci.dataPath+".isBidirectional", "true: ward flows are one-way; add the reverse flow")
	}
	if !fok || !tok {
		return
	}
	pts := []tdPoint{{fx, fy}}
	for _, v := range ci.c.Vertices {
		if finite(v.X, v.Y) {
			pts = append(pts, v)
		}
	}
	pts = append(pts, tdPoint{tx, ty})
	for _, l := range lines {
		lp := linePoints(l.c)
		if crosses(pts, lp) {
			t.r.add(ci.path, "flow %q crosses trust boundary line %s: ward has no crossing field; place the flow's elements in boundaries", name, l.wardID)
		}
	}
}

// linePoints is the polyline of a boundary curve: source, vertices, target.
func linePoints(c *tdCell) []tdPoint {
	var pts []tdPoint
	if c.Source.X != nil && c.Source.Y != nil {
		pts = append(pts, tdPoint{*c.Source.X, *c.Source.Y})
	}
	for _, v := range c.Vertices {
		if finite(v.X, v.Y) {
			pts = append(pts, v)
		}
	}
	if c.Target.X != nil && c.Target.Y != nil {
		pts = append(pts, tdPoint{*c.Target.X, *c.Target.Y})
	}
	return pts
}

// crosses reports whether two polylines intersect. Curves are smoothed in
// the diagram; their control polylines are close enough for a report.
func crosses(a, b []tdPoint) bool {
	for i := 0; i+1 < len(a); i++ {
		for j := 0; j+1 < len(b); j++ {
			if segmentsCross(a[i], a[i+1], b[j], b[j+1]) {
				return true
			}
		}
	}
	return false
}

func segmentsCross(p1, p2, q1, q2 tdPoint) bool {
	side := func(a, b, c tdPoint) float64 { return (b.X-a.X)*(c.Y-a.Y) - (b.Y-a.Y)*(c.X-a.X) }
	d1, d2 := side(q1, q2, p1), side(q1, q2, p2)
	d3, d4 := side(p1, p2, q1), side(p1, p2, q2)
	return (d1 > 0) != (d2 > 0) && (d3 > 0) != (d4 > 0) && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0
}

var tdSTRIDE = map[string]string{"spoofing": "spoofing", "tampering": "tampering", "repudiation": "repudiation",
	"information disclosure": "information_disclosure", "denial of service": "denial_of_service", "elevation of privilege": "elevation_of_privilege",
	"confidentiality": "information_disclosure", "integrity": "tampering", "availability": "denial_of_service"}

var tdDecisions = map[string]string{"mitigated": "mitigated", "notapplicable": "not_applicable", "not applicable": "not_applicable", "n/a": "not_applicable"}

func (t *tdImport) cellThreats(ci *cellInfo) {
	for i, th := range ci.d.Threats {
		path := fmt.Sprintf("%s.threats[%d]", ci.dataPath, i)
		typ := strings.ToLower(oneLine(strings.ReplaceAll(th.Type, "-", " ")))
		stride, ok := tdSTRIDE[typ]
		if !ok {
			t.r.add(path+".type", "%q has no STRIDE category: threat %q not imported", th.Type, oneLine(th.Title))
			continue
		}
		raw := th.ID
		if raw == "" {
			raw = th.ThreatID
		}
		w := &ward.Threat{ID: t.threats.assign(raw, "threat-"+ci.c.ID+"-"+fmt.Sprint(i+1)), Title: oneLine(th.Title), STRIDE: []string{stride},
			Description: strings.TrimSpace(th.Description), Source: "import:threatdragon"}
		if w.Title == "" {
			w.Title = "TODO: untitled threat"
			t.r.add(path+".title", "empty: %q written", w.Title)
		}
		if ci.wardID != "" && ci.typ != "tm.Boundary" && ci.typ != "tm.BoundaryBox" {
			w.Elements = []string{ci.wardID}
		} else {
			t.r.add(path, "the threat's cell was not imported as an element or flow: threat kept without elements")
		}
		status := strings.ToLower(strings.TrimSpace(th.Status))
		mit := strings.TrimSpace(th.Mitigation)
		if d, ok := tdDecisions[status]; ok {
			w.Decision, w.Rationale = d, mit
		} else {
			if status != "open" && status != "" {
				t.r.add(path+".status", "%q has no ward decision: the threat stays open", th.Status)
			}
			if mit != "" {
				w.Description = strings.TrimSpace(w.Description + "\n\nProposed mitigation: " + mit)
			}
		}
		if th.Severity != "" {
			t.r.add(path+".severity", "%q: no ward field (ward estimates risk in risks)", th.Severity)
		}
		t.sf.Threats = append(t.sf.Threats, w)
	}
}
