package csaf

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// The official schemas, embedded unmodified (see schemas/NOTICE.md) and
// compiled once, on first use. The CSAF schema $refs the FIRST CVSS schemas
// and the provider schema $refs the CSAF schema, all by URL: the loader
// maps each URL to its embedded copy and refuses every other one, so
// validation never touches the network or the file system.
//
//go:embed schemas/*.json
var schemaFS embed.FS

// Schema URLs, as the schemas name each other.
const (
	csafSchemaURL     = "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json"
	providerSchemaURL = "https://docs.oasis-open.org/csaf/csaf/v2.0/provider_json_schema.json"
)

var embeddedSchemas = map[string]string{
	csafSchemaURL:     "csaf_json_schema.json",
	providerSchemaURL: "provider_json_schema.json",
	"https://www.first.org/cvss/cvss-v2.0.json": "cvss-v2.0.json",
	"https://www.first.org/cvss/cvss-v3.0.json": "cvss-v3.0.json",
	"https://www.first.org/cvss/cvss-v3.1.json": "cvss-v3.1.json",
}

type embeddedLoader struct{}

func (embeddedLoader) Load(url string) (any, error) {
	file, ok := embeddedSchemas[url]
	if !ok {
		return nil, fmt.Errorf("schema %s is not embedded (validation is offline)", url)
	}
	b, err := schemaFS.ReadFile("schemas/" + file)
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(b))
}

type compiled struct {
	once   sync.Once
	url    string
	schema *jsonschema.Schema
	err    error
}

var (
	csafSchema     = &compiled{url: csafSchemaURL}
	providerSchema = &compiled{url: providerSchemaURL}
)

func (c *compiled) get() (*jsonschema.Schema, error) {
	c.once.Do(func() {
		comp := jsonschema.NewCompiler()
		// Formats (date-time, uri, email) are assertions in CSAF: a
		// release date without a time zone is an error, not a hint.
		comp.AssertFormat()
		comp.UseLoader(embeddedLoader{})
		c.schema, c.err = comp.Compile(c.url)
	})
	return c.schema, c.err
}

// schemaViolation is one leaf error of a schema validation.
type schemaViolation struct {
	tokens    []string // instance location
	schemaURL string   // the schema keyword that failed
	msg       string
}

var printer = message.NewPrinter(language.English)

// validateSchema validates a decoded JSON instance (jsonschema.UnmarshalJSON)
// against s and returns every leaf violation, without duplicates, in the
// order the validator found them.
func validateSchema(s *compiled, inst any) ([]schemaViolation, error) {
	sch, err := s.get()
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", s.url, err)
	}
	err = sch.Validate(inst)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	var out []schemaViolation
	seen := map[string]bool{}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		v := schemaViolation{tokens: e.InstanceLocation, schemaURL: e.SchemaURL, msg: e.ErrorKind.LocalizedString(printer)}
		key := fmt.Sprint(v.tokens) + "\x00" + v.schemaURL + "\x00" + v.msg
		if !seen[key] {
			seen[key] = true
			out = append(out, v)
		}
	}
	walk(ve)
	return out, nil
}
