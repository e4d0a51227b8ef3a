package securityfile

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/wardhq/ward"
)

// SchemaID is the $id of the generated JSON Schema.
const SchemaID = "https://wardhq.github.io/schema/security-file.json"

// Schema returns the JSON Schema (draft 2020-12) of one security-file YAML
// document, generated from the same struct tags the loader uses, so editors
// can complete and check the YAML. Reference and uniqueness checks across
// files are beyond a schema: `ward validate` does them.
func Schema() ([]byte, error) {
	root := schemaOf(reflect.TypeFor[ward.SecurityFile](), fieldTag{})
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = SchemaID
	root["title"] = "ward security file"
	root["description"] = "One YAML document of a product's security file (IEC 81001-5-1). Any document may hold any of these sections; lists from several files are concatenated."
	return json.MarshalIndent(root, "", "  ")
}

func schemaOf(t reflect.Type, tag fieldTag) map[string]any {
	s := map[string]any{}
	if tag.doc != "" {
		s["description"] = tag.doc
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == dateType:
		s["type"] = "string"
		s["format"] = "date"
		s["pattern"] = `^\d{4}-\d{2}-\d{2}$`
		return s
	}
	switch t.Kind() {
	case reflect.Struct:
		info := structInfoOf(t)
		props := map[string]any{}
		var required []string
		for _, f := range info.fields {
			props[f.key] = schemaOf(t.Field(f.index).Type, f.tag)
			if f.tag.required {
				required = append(required, f.key)
			}
		}
		s["type"] = "object"
		s["properties"] = props
		s["additionalProperties"] = false
		if len(required) > 0 {
			s["required"] = required
		}
	case reflect.Slice:
		s["type"] = "array"
		s["items"] = schemaOf(t.Elem(), fieldTag{enum: tag.enum, id: tag.id, refs: tag.refs})
		if tag.required {
			s["minItems"] = 1
		}
	case reflect.Map:
		s["type"] = "object"
		s["additionalProperties"] = schemaOf(t.Elem(), fieldTag{})
	case reflect.String:
		s["type"] = "string"
		if e := enumValues(t, tag); e != nil {
			s["enum"] = e
		}
		if tag.required {
			s["minLength"] = 1
		}
		switch {
		case tag.id != "":
			s["pattern"] = `^[A-Za-z0-9._+:/-]+$`
			appendDescription(s, "Stable ID of a "+kindName(tag.id)+"; unique.")
		case len(tag.refs) > 0:
			names := make([]string, len(tag.refs))
			for i, k := range tag.refs {
				names[i] = kindName(k)
			}
			appendDescription(s, "ID of a "+strings.Join(names, " or ")+".")
		}
	case reflect.Bool:
		s["type"] = "boolean"
	case reflect.Int, reflect.Int64:
		s["type"] = "integer"
		s["minimum"] = 0
	case reflect.Float64:
		s["type"] = "number"
	}
	return s
}

func appendDescription(s map[string]any, more string) {
	if d, ok := s["description"].(string); ok && d != "" {
		s["description"] = d + ". " + more
		return
	}
	s["description"] = more
}
