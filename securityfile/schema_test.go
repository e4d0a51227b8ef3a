package securityfile_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/wardhq/ward/securityfile"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	b, err := securityfile.Schema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(securityfile.SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(securityfile.SchemaID)
	if err != nil {
		t.Fatalf("generated schema does not compile: %v", err)
	}
	return s
}

// TestSchemaAcceptsExamples checks that the schema editors use agrees with
// the loader on every YAML document of the examples and of ward's own
// security file.
func TestSchemaAcceptsExamples(t *testing.T) {
	s := compileSchema(t)
	var files []string
	for _, dir := range []string{"../examples", "../security"} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".yaml") && !strings.Contains(p, "advisories") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Skip("no example security files yet")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, doc := range bytes.Split(data, []byte("\n---\n")) {
			var v any
			if err := yaml.Unmarshal(doc, &v); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if v == nil {
				continue
			}
			j, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%s doc %d: %v", f, i, err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(inst); err != nil {
				t.Errorf("%s document %d does not match the schema: %v", f, i, err)
			}
		}
	}
}

// TestSchemaRejectsTypos checks that the schema catches what the loader
// catches in an editor: unknown fields, bad enumerations, missing fields.
func TestSchemaRejectsTypos(t *testing.T) {
	s := compileSchema(t)
	for name, doc := range map[string]string{
		"unknown section": `{"threatz": []}`,
		"unknown field":   `{"threats": [{"id": "THR-1", "title": "t", "stride": ["spoofing"], "colour": "red"}]}`,
		"bad enum":        `{"threats": [{"id": "THR-1", "title": "t", "stride": ["spoof"]}]}`,
		"missing title":   `{"threats": [{"id": "THR-1", "stride": ["spoofing"]}]}`,
		"bad date":        `{"tests": [{"id": "T", "title": "t", "kind": "fuzz", "executed_by": ["a"], "date": "26.11.2026", "result": "pass"}]}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(inst); err == nil {
			t.Errorf("%s: schema accepted %s", name, doc)
		}
	}
	ok := `{"threats": [{"id": "THR-1", "title": "t", "stride": ["spoofing"]}]}`
	inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(ok))
	if err := s.Validate(inst); err != nil {
		t.Errorf("schema rejected a valid document: %v", err)
	}
}
