package document_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The official SARIF 2.1.0 JSON schema is not available offline here (not
// in the module cache, and tests fetch nothing), so checkSARIF checks the
// output against the parts of that schema ward's SARIF uses, transcribed
// from the specification (OASIS SARIF 2.1.0, §3.13–§3.30, §3.49–§3.52):
// required properties, the closed property set of each object (the schema
// sets additionalProperties: false; extensions go in "properties"), enums,
// minimums, and the cross-reference from result.ruleIndex to the rules.

// sarifObject is one object kind of the schema: its properties (each with
// the kind of its value) and the ones required.
type sarifObject struct {
	props    map[string]string // property → kind: an object kind, "[]kind", or a scalar check
	required []string
	anyOf    [][]string // at least one property of each list must be present
}

var sarifSchemaSubset = map[string]sarifObject{
	"sarifLog": {props: map[string]string{"$schema": "uri", "version": "version", "runs": "[]run",
		"inlineExternalProperties": "any", "properties": "propertyBag"}, required: []string{"version", "runs"}},
	"run": {props: map[string]string{"tool": "tool", "results": "[]result", "properties": "propertyBag",
		"invocations": "any", "originalUriBaseIds": "any", "artifacts": "any", "automationDetails": "any",
		"columnKind": "any", "language": "any"}, required: []string{"tool"}},
	"tool": {props: map[string]string{"driver": "toolComponent", "extensions": "any", "properties": "propertyBag"},
		required: []string{"driver"}},
	"toolComponent": {props: map[string]string{"name": "nonEmpty", "version": "string", "semanticVersion": "string",
		"informationUri": "uri", "rules": "[]reportingDescriptor", "properties": "propertyBag"}, required: []string{"name"}},
	"reportingDescriptor": {props: map[string]string{"id": "nonEmpty", "name": "string",
		"shortDescription": "multiformatMessageString", "fullDescription": "multiformatMessageString",
		"help": "multiformatMessageString", "helpUri": "uri", "defaultConfiguration": "reportingConfiguration",
		"properties": "propertyBag"}, required: []string{"id"}},
	"reportingConfiguration": {props: map[string]string{"enabled": "bool", "level": "level", "rank": "any",
		"parameters": "propertyBag", "properties": "propertyBag"}},
	"multiformatMessageString": {props: map[string]string{"text": "string", "markdown": "string", "properties": "propertyBag"},
		required: []string{"text"}},
	"message": {props: map[string]string{"text": "nonEmpty", "markdown": "string", "id": "string", "arguments": "any",
		"properties": "propertyBag"}, anyOf: [][]string{{"text", "id"}}},
	"result": {props: map[string]string{"ruleId": "nonEmpty", "ruleIndex": "index", "level": "level", "kind": "any",
		"message": "message", "locations": "[]location", "properties": "propertyBag"}, required: []string{"message"}},
	"location": {props: map[string]string{"id": "any", "physicalLocation": "physicalLocation", "message": "message",
		"properties": "propertyBag"}},
	"physicalLocation": {props: map[string]string{"artifactLocation": "artifactLocation", "region": "region",
		"address": "any", "properties": "propertyBag"}, anyOf: [][]string{{"address", "artifactLocation"}}},
	"artifactLocation": {props: map[string]string{"uri": "uri", "uriBaseId": "string", "index": "any",
		"properties": "propertyBag"}},
	"region": {props: map[string]string{"startLine": "positive", "startColumn": "positive", "endLine": "positive",
		"endColumn": "positive", "properties": "propertyBag"},
		anyOf: [][]string{{"startLine", "charOffset", "byteOffset"}}},
}

// checkSARIF fails t for every way b breaks the schema subset above or
// SARIF's rule that ruleIndex and ruleId name the same rule.
func checkSARIF(t *testing.T, b []byte) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	var errs []string
	checkSARIFValue(doc, "sarifLog", "$", &errs)

	var log sarifLog
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	if log.Schema != "https://json.schemastore.org/sarif-2.1.0.json" {
		errs = append(errs, "$schema: "+log.Schema)
	}
	for i, run := range log.Runs {
		seen := map[string]bool{}
		for _, r := range run.Tool.Driver.Rules {
			if seen[r.ID] {
				errs = append(errs, fmt.Sprintf("runs[%d]: rule %s listed twice", i, r.ID))
			}
			seen[r.ID] = true
		}
		for j, res := range run.Results {
			rules := run.Tool.Driver.Rules
			if res.RuleIndex < 0 || res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
				errs = append(errs, fmt.Sprintf("runs[%d].results[%d]: ruleIndex %d does not name rule %s", i, j, res.RuleIndex, res.RuleID))
			}
		}
	}
	for _, e := range errs {
		t.Errorf("SARIF: %s", e)
	}
}

func checkSARIFValue(v any, kind, path string, errs *[]string) {
	bad := func(format string, args ...any) { *errs = append(*errs, path+": "+fmt.Sprintf(format, args...)) }
	if elem, ok := strings.CutPrefix(kind, "[]"); ok {
		list, ok := v.([]any)
		if !ok {
			bad("want an array")
			return
		}
		for i, x := range list {
			checkSARIFValue(x, elem, fmt.Sprintf("%s[%d]", path, i), errs)
		}
		return
	}
	switch kind {
	case "any":
		return
	case "propertyBag":
		if _, ok := v.(map[string]any); !ok {
			bad("property bag is not an object")
		}
		return
	case "string", "nonEmpty", "uri", "version", "level":
		s, ok := v.(string)
		switch {
		case !ok:
			bad("want a string")
		case kind == "nonEmpty" && s == "":
			bad("empty")
		case kind == "version" && s != "2.1.0":
			bad("version %q, want 2.1.0", s)
		case kind == "level" && !slices.Contains([]string{"none", "note", "warning", "error"}, s):
			bad("level %q", s)
		case kind == "uri":
			if _, err := url.Parse(s); err != nil || strings.Contains(s, `\`) || strings.Contains(s, " ") {
				bad("not a URI reference: %q", s)
			}
		}
		return
	case "bool":
		if _, ok := v.(bool); !ok {
			bad("want a boolean")
		}
		return
	case "positive", "index":
		n, ok := v.(float64)
		if !ok || n != float64(int(n)) || kind == "positive" && n < 1 || kind == "index" && n < -1 {
			bad("want an integer ≥ %d, got %v", map[string]int{"positive": 1, "index": -1}[kind], v)
		}
		return
	}
	spec, ok := sarifSchemaSubset[kind]
	if !ok {
		panic("no schema for " + kind)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		bad("want an object (%s)", kind)
		return
	}
	for _, req := range spec.required {
		if _, ok := obj[req]; !ok {
			bad("%s lacks required %q", kind, req)
		}
	}
	for _, alts := range spec.anyOf {
		if !slices.ContainsFunc(alts, func(k string) bool { _, ok := obj[k]; return ok }) {
			bad("%s needs one of %v", kind, alts)
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		child, ok := spec.props[k]
		if !ok {
			bad("%s has no property %q (additionalProperties is false)", kind, k)
			continue
		}
		checkSARIFValue(obj[k], child, path+"."+k, errs)
	}
}

// sarifLog is what the tests read back from ward's SARIF.
type sarifLog struct {
	Schema string `json:"$schema"`
	Runs   []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID              string `json:"id"`
					FullDescription struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}
