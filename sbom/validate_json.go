package sbom

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/wardhq/ward/internal/jsonpos"
)

// decodeJSONInstance reads data for schema validation; a syntax error is
// added to r with its position and reported as ok == false.
func decodeJSONInstance(r *Report, data []byte) (any, bool) {
	data = trimBOM(data)
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		if err == nil {
			err = errors.New("invalid JSON")
		}
		_ = r.addParseError(jsonpos.DecodeError(r.File, data, err)) // always a position error
		return nil, false
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		r.add(RuleSyntax, 0, 0, "", "invalid JSON: "+err.Error())
		return nil, false
	}
	return inst, true
}

// jsonLocator returns a function that finds the line and column of the
// values at paths (as jsonpos.PointerPath renders them) in one streaming
// pass over data, which ends once all are found.
func jsonLocator(data []byte) func(paths []string) map[string][2]int {
	return func(paths []string) map[string][2]int {
		index := jsonpos.New("", trimBOM(data))
		out := map[string][2]int{}
		for p, pos := range index.Positions(paths) {
			out[p] = [2]int{pos.Line, pos.Col}
		}
		return out
	}
}

// graphElement matches the paths of components and services, the elements
// of the dependency graph. Their bom-refs must be unique. Elsewhere the JSON
// schema does not enforce uniqueness and the suite's own
// valid-formulation-1.5.json reuses one workspace bom-ref, so other
// bom-refs only count as targets of references.
var graphElement = regexp.MustCompile(`^(metadata\.component|components\[\d+\]|services\[\d+\])(\.(components|services)\[\d+\])*$`)

// cdxRefChecks finds duplicate bom-refs anywhere in a CycloneDX JSON
// document and dependencies naming refs that no element defines.
func cdxRefChecks(r *Report, doc map[string]any, locate func([]string) map[string][2]int) {
	rc := newRefChecker(r)
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["bom-ref"].(string); ok && path != "" {
				if graphElement.MatchString(path) {
					rc.define(ref, path+".bom-ref", 0, 0)
				} else if _, ok := rc.defined[ref]; !ok {
					rc.defined[ref] = path + ".bom-ref"
				}
			}
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				if k == "dependencies" && path == "" {
					continue
				}
				walk(v[k], joinPath(path, k))
			}
		case []any:
			for i, e := range v {
				walk(e, path+"["+strconv.Itoa(i)+"]")
			}
		}
	}
	// Walk in document order would need the raw bytes; sorted keys keep
	// the "already defined at" messages deterministic instead.
	walk(doc, "")
	deps, _ := doc["dependencies"].([]any)
	for i, d := range deps {
		dm, _ := d.(map[string]any)
		p := "dependencies[" + strconv.Itoa(i) + "]"
		if ref, ok := dm["ref"].(string); ok {
			useRef(rc, ref, p+".ref")
		}
		for _, key := range []string{"dependsOn", "provides"} {
			on, _ := dm[key].([]any)
			for j, o := range on {
				if ref, ok := o.(string); ok {
					useRef(rc, ref, p+"."+key+"["+strconv.Itoa(j)+"]")
				}
			}
		}
	}
	locateProblems(r, locate)
}

// useRef checks a CycloneDX reference; BOM-Links (urn:cdx:…) point into
// other documents and cannot be checked here.
func useRef(rc *refChecker, ref, path string) {
	if strings.HasPrefix(ref, "urn:cdx:") {
		return
	}
	rc.use(ref, path, 0, 0)
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// locateProblems fills in line and column of errors that have a path but no
// position yet.
func locateProblems(r *Report, locate func([]string) map[string][2]int) {
	if locate == nil {
		return
	}
	var paths []string
	for _, p := range r.Errors {
		if p.Line == 0 && p.Path != "" {
			paths = append(paths, p.Path)
		}
	}
	if len(paths) == 0 {
		return
	}
	at := locate(paths)
	for i, p := range r.Errors {
		if lc, ok := at[p.Path]; ok && p.Line == 0 {
			r.Errors[i].Line, r.Errors[i].Col = lc[0], lc[1]
		}
	}
}

func validateCycloneDXJSON(r *Report, data []byte) error {
	inst, ok := decodeJSONInstance(r, data)
	if !ok {
		return nil
	}
	doc, _ := inst.(map[string]any)
	v, _ := doc["specVersion"].(string)
	if !slices.Contains(supportedCycloneDX, v) {
		return unsupportedCycloneDX(r.File, v)
	}
	r.SpecVersion = v
	ps, err := schemaProblems("CycloneDX "+v, inst)
	if err != nil {
		return err
	}
	r.Errors = append(r.Errors, ps...)
	cdxRefChecks(r, doc, nil)
	capSchemaProblems(r)
	locateProblems(r, jsonLocator(data))
	s, err := parseCycloneDXJSON(r.File, data)
	if err != nil {
		if len(r.Errors) > 0 {
			return nil // already explained by the schema
		}
		return r.addParseError(err)
	}
	r.SBOM = s
	return nil
}

func validateSPDXJSON(r *Report, data []byte) error {
	inst, ok := decodeJSONInstance(r, data)
	if !ok {
		return nil
	}
	doc, _ := inst.(map[string]any)
	v, _ := doc["spdxVersion"].(string)
	if !slices.Contains(supportedSPDX, v) {
		return unsupportedSPDX(r.File, v)
	}
	r.SpecVersion = strings.TrimPrefix(v, "SPDX-")
	if err := validateSPDXInstance(r, inst); err != nil {
		return err
	}
	locateProblems(r, jsonLocator(data))
	s, err := parseSPDXJSON(r.File, data)
	if err != nil {
		if len(r.Errors) > 0 {
			return nil
		}
		return r.addParseError(err)
	}
	r.SBOM = s
	return nil
}

// validateSPDXInstance checks an SPDX document in the JSON model against
// its schema and its SPDXID references.
func validateSPDXInstance(r *Report, inst any) error {
	ps, err := schemaProblems("SPDX "+r.SpecVersion, inst)
	if err != nil {
		return err
	}
	r.Errors = append(r.Errors, ps...)
	doc, _ := inst.(map[string]any)
	rc := newRefChecker(r)
	if id, ok := doc["SPDXID"].(string); ok {
		rc.define(id, "SPDXID", 0, 0)
	}
	for _, key := range []string{"packages", "files", "snippets"} {
		list, _ := doc[key].([]any)
		for i, e := range list {
			m, _ := e.(map[string]any)
			if id, ok := m["SPDXID"].(string); ok {
				rc.define(id, key+"["+strconv.Itoa(i)+"].SPDXID", 0, 0)
			}
		}
	}
	use := func(ref, path string) {
		switch {
		case ref == "NONE" || ref == "NOASSERTION" || strings.HasPrefix(ref, "DocumentRef-"):
			return // no element, or one in another document
		}
		rc.use(ref, path, 0, 0)
	}
	rels, _ := doc["relationships"].([]any)
	for i, e := range rels {
		m, _ := e.(map[string]any)
		p := "relationships[" + strconv.Itoa(i) + "]"
		for _, k := range []string{"spdxElementId", "relatedSpdxElement"} {
			if ref, ok := m[k].(string); ok {
				use(ref, p+"."+k)
			}
		}
	}
	described, _ := doc["documentDescribes"].([]any)
	for i, e := range described {
		if ref, ok := e.(string); ok {
			use(ref, "documentDescribes["+strconv.Itoa(i)+"]")
		}
	}
	capSchemaProblems(r)
	return nil
}

// capSchemaProblems keeps the first maxSchemaProblems schema errors.
func capSchemaProblems(r *Report) {
	n := 0
	out := r.Errors[:0]
	for _, p := range r.Errors {
		if p.Rule == RuleSchema {
			n++
			if n > maxSchemaProblems {
				continue
			}
		}
		out = append(out, p)
	}
	r.Errors = out
	if n > maxSchemaProblems {
		r.add(RuleSchema, 0, 0, "", strconv.Itoa(n-maxSchemaProblems)+" more schema errors not shown")
	}
}
