package sbom

import (
	"bytes"
	"embed"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The official JSON schemas, embedded unmodified (see schemas/NOTICE.md)
// and compiled once, on first use. Remote $refs resolve to the embedded
// copies by their $id; nothing is fetched.
//
//go:embed schemas/*.json
var schemaFS embed.FS

// schemaFiles maps a spec version to its schema file; the other files are
// referenced by those and added as resources under their $id.
var schemaFiles = map[string]string{
	"CycloneDX 1.2": "bom-1.2.schema.json",
	"CycloneDX 1.3": "bom-1.3.schema.json",
	"CycloneDX 1.4": "bom-1.4.schema.json",
	"CycloneDX 1.5": "bom-1.5.schema.json",
	"CycloneDX 1.6": "bom-1.6.schema.json",
	"CycloneDX 1.7": "bom-1.7.schema.json",
	"SPDX 2.2":      "spdx-schema-v2.2.json",
	"SPDX 2.3":      "spdx-schema-v2.3.json",
}

var referencedSchemas = []string{"spdx.schema.json", "jsf-0.82.schema.json", "cryptography-defs.schema.json"}

// schemaBase is where schemas without an $id (SPDX) are registered.
const schemaBase = "https://ward.invalid/schemas/"

var (
	schemasOnce sync.Once
	schemas     map[string]*jsonschema.Schema
	schemasErr  error
)

// schemaFor returns the compiled schema of "CycloneDX 1.5", "SPDX 2.3", ….
func schemaFor(key string) (*jsonschema.Schema, error) {
	schemasOnce.Do(func() { schemas, schemasErr = compileSchemas() })
	if schemasErr != nil {
		return nil, schemasErr
	}
	s, ok := schemas[key]
	if !ok {
		return nil, fmt.Errorf("no schema for %s", key)
	}
	return s, nil
}

func compileSchemas() (map[string]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	// Formats (date-time, email, uri, …) are assertions in these schemas:
	// the conformance suite rejects a malformed timestamp.
	c.AssertFormat()
	c.UseLoader(noLoader{})
	urls := map[string]string{}
	add := func(file string) error {
		b, err := schemaFS.ReadFile("schemas/" + file)
		if err != nil {
			return err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		url := schemaBase + file
		if m, ok := doc.(map[string]any); ok {
			if id, ok := m["$id"].(string); ok && id != "" {
				url = id
			}
			if file == "jsf-0.82.schema.json" {
				tolerateJSFSignatureAmbiguity(m)
			}
		}
		urls[file] = url
		return c.AddResource(url, doc)
	}
	for _, f := range referencedSchemas {
		if err := add(f); err != nil {
			return nil, err
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, f := range schemaFiles {
		if err := add(f); err != nil {
			return nil, err
		}
	}
	for key, f := range schemaFiles {
		s, err := c.Compile(urls[f])
		if err != nil {
			return nil, fmt.Errorf("compile %s schema: %w", key, err)
		}
		out[key] = s
	}
	return out, nil
}

// tolerateJSFSignatureAmbiguity relaxes the JSF "signature" definition from
// oneOf to anyOf. Its third alternative (a single signer) does not forbid
// the "signers" or "chain" keys, and a signer object satisfies more than one
// alternative, so strict validators reject the CycloneDX suite's own valid
// signature examples (valid-signatures-1.4/1.5.json; the data README notes a
// Python validator does the same). With anyOf a signature must still match
// at least one JSF form; only the "exactly one" is waived.
func tolerateJSFSignatureAmbiguity(doc map[string]any) {
	defs, _ := doc["definitions"].(map[string]any)
	sig, _ := defs["signature"].(map[string]any)
	if alts, ok := sig["oneOf"]; ok {
		delete(sig, "oneOf")
		sig["anyOf"] = alts
	}
}

// noLoader refuses every URL that is not embedded: validation never
// touches the network or the file system.
type noLoader struct{}

func (noLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("schema %s is not embedded (validation is offline)", url)
}
