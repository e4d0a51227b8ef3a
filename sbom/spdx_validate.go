package sbom

import (
	"bytes"
	"slices"
	"strings"

	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdx/common"
	"github.com/spdx/tools-golang/spdx/v2/v2_2"
	"github.com/spdx/tools-golang/spdx/v2/v2_3"
	"github.com/spdx/tools-golang/tagvalue"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// validateSPDXTagValue judges a tag-value document: SPDX publishes no
// schema for tag-value, so the document is read by tools-golang at its
// declared version, written as SPDX JSON of the same version and validated
// against that version's JSON schema (the same model; the specification
// defines both serialisations from it).
func validateSPDXTagValue(r *Report, data []byte) error {
	version := ""
	for line := range bytes.Lines(data) {
		if v, ok := bytes.CutPrefix(bytes.TrimSpace(line), []byte("SPDXVersion:")); ok {
			version = string(bytes.TrimSpace(v))
			break
		}
	}
	if !slices.Contains(supportedSPDX, version) {
		return unsupportedSPDX(r.File, version)
	}
	r.SpecVersion = strings.TrimPrefix(version, "SPDX-")
	var doc common.AnyDocument = &v2_3.Document{}
	if version == v2_2.Version {
		doc = &v2_2.Document{}
	}
	if err := tagvalue.ReadInto(bytes.NewReader(withoutSnippets(data)), doc); err != nil {
		return r.addParseError(tagValueError(r.File, data, err))
	}
	var buf bytes.Buffer
	if err := spdxjson.Write(doc, &buf); err != nil {
		r.add(RuleSchema, 0, 0, "", "cannot convert to the JSON model: "+err.Error())
		return nil
	}
	inst, err := jsonschema.UnmarshalJSON(&buf)
	if err != nil {
		return err
	}
	hoistPackageFiles(inst)
	if err := validateSPDXInstance(r, inst); err != nil {
		return err
	}
	s, err := parseSPDXTagValue(r.File, data)
	if err != nil {
		if len(r.Errors) > 0 {
			return nil
		}
		return r.addParseError(err)
	}
	r.SBOM = s
	return nil
}

// hoistPackageFiles moves files that tools-golang writes inside their
// package to the document's "files" list, with "hasFiles" on the package:
// the shape the SPDX JSON schema defines.
func hoistPackageFiles(inst any) {
	doc, _ := inst.(map[string]any)
	pkgs, _ := doc["packages"].([]any)
	files, _ := doc["files"].([]any)
	have := map[string]bool{}
	for _, f := range files {
		if m, ok := f.(map[string]any); ok {
			id, _ := m["SPDXID"].(string)
			have[id] = true
		}
	}
	for _, p := range pkgs {
		pm, _ := p.(map[string]any)
		nested, ok := pm["files"].([]any)
		if !ok {
			continue
		}
		delete(pm, "files")
		hasFiles, _ := pm["hasFiles"].([]any)
		for _, f := range nested {
			m, _ := f.(map[string]any)
			id, _ := m["SPDXID"].(string)
			if !have[id] {
				have[id] = true
				files = append(files, f)
			}
			if !slices.Contains(hasFiles, any(id)) {
				hasFiles = append(hasFiles, id)
			}
		}
		pm["hasFiles"] = hasFiles
	}
	if len(files) > 0 {
		doc["files"] = files
	}
}
