package sbom

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/jsonpos"
)

// The CycloneDX JSON fast path. cyclonedx-go decodes every field of the
// specification into a large struct graph; a 100,000-component SBOM then
// costs several times the memory and time of decoding only what ward keeps.
// These types hold just that (see BenchmarkParseCycloneDXJSON); the library
// still reads XML and writes CycloneDX.

type cdxJSONBOM struct {
	BOMFormat    string           `json:"bomFormat"`
	SpecVersion  string           `json:"specVersion"`
	SerialNumber string           `json:"serialNumber"`
	Metadata     *cdxJSONMetadata `json:"metadata"`
	Components   []cdxJSONComp    `json:"components"`
	Dependencies []cdxJSONDep     `json:"dependencies"`
}

type cdxJSONMetadata struct {
	Timestamp string          `json:"timestamp"`
	Authors   []cdxJSONOrg    `json:"authors"`
	Tools     json.RawMessage `json:"tools"` // an array (≤1.4, deprecated later) or {components, services}
	Component *cdxJSONComp    `json:"component"`
}

type cdxJSONOrg struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type cdxJSONTool struct {
	Vendor  string `json:"vendor"`
	Group   string `json:"group"`
	Name    string `json:"name"`
	Version string `json:"version"`
}

type cdxJSONComp struct {
	BOMRef       string      `json:"bom-ref"`
	Type         string      `json:"type"`
	Supplier     *cdxJSONOrg `json:"supplier"`
	Manufacturer *cdxJSONOrg `json:"manufacturer"`
	Publisher    string      `json:"publisher"`
	Group        string      `json:"group"`
	Name         string      `json:"name"`
	Version      string      `json:"version"`
	PURL         string      `json:"purl"`
	CPE          string      `json:"cpe"`
	SWID         *struct {
		TagID string `json:"tagId"`
	} `json:"swid"`
	Hashes []struct {
		Alg     string `json:"alg"`
		Content string `json:"content"`
	} `json:"hashes"`
	Licenses []struct {
		License *struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"license"`
		Expression string `json:"expression"`
	} `json:"licenses"`
	Components []cdxJSONComp `json:"components"`
}

type cdxJSONDep struct {
	Ref       string   `json:"ref"`
	DependsOn []string `json:"dependsOn"`
}

// parseCycloneDXJSON reads a CycloneDX 1.2–1.7 JSON document.
func parseCycloneDXJSON(name string, data []byte) (*ward.SBOM, error) {
	var bom cdxJSONBOM
	if err := json.Unmarshal(data, &bom); err != nil {
		return nil, jsonpos.DecodeError(name, data, err)
	}
	if bom.BOMFormat != "CycloneDX" {
		return nil, ward.PosErrors{{Pos: ward.Pos{File: name}, Path: "bomFormat", Msg: fmt.Sprintf("bomFormat is %q, want \"CycloneDX\"", bom.BOMFormat)}}
	}
	if !slices.Contains(supportedCycloneDX, bom.SpecVersion) {
		return nil, unsupportedCycloneDX(name, bom.SpecVersion)
	}
	s := &ward.SBOM{
		Source:      name,
		Format:      FormatCycloneDX,
		SpecVersion: bom.SpecVersion,
		Encoding:    EncodingJSON,
		ID:          bom.SerialNumber,
	}
	if md := bom.Metadata; md != nil {
		if md.Timestamp != "" {
			t, err := time.Parse(time.RFC3339, md.Timestamp)
			if err != nil {
				return nil, ward.PosErrors{{Pos: ward.Pos{File: name}, Path: "metadata.timestamp", Msg: fmt.Sprintf("timestamp %q is not an RFC 3339 date-time", md.Timestamp)}}
			}
			s.Created = t.UTC()
		}
		for _, a := range md.Authors {
			if a.Name != "" {
				s.Authors = append(s.Authors, a.Name)
			} else if a.Email != "" {
				s.Authors = append(s.Authors, a.Email)
			}
		}
		tools, err := cdxJSONTools(md.Tools)
		if err != nil {
			return nil, ward.PosErrors{{Pos: ward.Pos{File: name}, Path: "metadata.tools", Msg: err.Error()}}
		}
		s.Tools = tools
		if c := md.Component; c != nil {
			s.Subject = c.ward("metadata.component", "")
			s.Name = c.Name
			s.Components = appendCdxJSON(s.Components, c.Components, "metadata.component.components", c.BOMRef)
		}
	}
	s.Components = appendCdxJSON(s.Components, bom.Components, "components", "")
	if bom.Dependencies != nil {
		s.Dependencies = make(map[string][]string, len(bom.Dependencies))
		for _, d := range bom.Dependencies {
			addDeps(s.Dependencies, d.Ref, d.DependsOn)
		}
		sortDeps(s.Dependencies)
	}
	return s, nil
}

func cdxJSONTools(raw json.RawMessage) ([]string, error) {
	var tools []cdxJSONTool
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return nil, nil
	case raw[0] == '[':
		if err := json.Unmarshal(raw, &tools); err != nil {
			return nil, fmt.Errorf("tools: %v", err)
		}
	case raw[0] == '{':
		var tc struct {
			Components []cdxJSONTool `json:"components"`
			Services   []cdxJSONTool `json:"services"`
		}
		if err := json.Unmarshal(raw, &tc); err != nil {
			return nil, fmt.Errorf("tools: %v", err)
		}
		tools = append(tc.Components, tc.Services...)
	default:
		return nil, fmt.Errorf("tools must be an array or an object")
	}
	var out []string
	for _, t := range tools {
		if s := strings.Join(strings.Fields(strings.Join([]string{t.Vendor, t.Group, t.Name, t.Version}, " ")), " "); s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

// appendCdxJSON flattens cs and their nested components, depth first in
// document order.
func appendCdxJSON(out []*ward.Component, cs []cdxJSONComp, path, parent string) []*ward.Component {
	if out == nil && len(cs) > 0 {
		out = make([]*ward.Component, 0, len(cs))
	}
	for i := range cs {
		c := &cs[i]
		p := path + "[" + strconv.Itoa(i) + "]"
		out = append(out, c.ward(p, parent))
		if len(c.Components) > 0 {
			out = appendCdxJSON(out, c.Components, p+".components", c.BOMRef)
		}
	}
	return out
}

func (c *cdxJSONComp) ward(path, parent string) *ward.Component {
	wc := &ward.Component{
		Ref:     c.BOMRef,
		Type:    c.Type,
		Group:   c.Group,
		Name:    c.Name,
		Version: c.Version,
		PURL:    c.PURL,
		CPE:     c.CPE,
		Parent:  parent,
		Path:    path,
	}
	var sup, man string
	if c.Supplier != nil {
		sup = c.Supplier.Name
	}
	if c.Manufacturer != nil {
		man = c.Manufacturer.Name
	}
	wc.Supplier = supplierOf(sup, man, c.Publisher)
	if c.SWID != nil {
		wc.SWID = c.SWID.TagID
	}
	if len(c.Hashes) > 0 {
		wc.Hashes = make([]ward.Hash, len(c.Hashes))
		for i, h := range c.Hashes {
			wc.Hashes[i] = ward.Hash{Alg: h.Alg, Value: strings.ToLower(h.Content)}
		}
		sortHashes(wc.Hashes)
	}
	for _, l := range c.Licenses {
		switch {
		case l.Expression != "":
			wc.Licenses = append(wc.Licenses, l.Expression)
		case l.License != nil && l.License.ID != "":
			wc.Licenses = append(wc.Licenses, l.License.ID)
		case l.License != nil && l.License.Name != "":
			wc.Licenses = append(wc.Licenses, l.License.Name)
		}
	}
	return wc
}
