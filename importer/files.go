package importer

import (
	"fmt"

	"github.com/goccy/go-yaml"
	"github.com/wardhq/ward"
)

// Files renders sf as the YAML documents of a security file folder:
// product.yaml, context.yaml, architecture.yaml and threats.yaml (the last
// only if there are threats), each with a header comment naming the source.
// The output is deterministic: fields in the order of the ward types,
// records in source order.
func Files(sf *ward.SecurityFile, r Report) (map[string][]byte, error) {
	header := func(what string) string {
		return fmt.Sprintf("# %s, imported by `ward import` from the %s model %s.\n"+
			"# Values starting with TODO are placeholders: replace them. The import report\n"+
			"# lists what could not be mapped.\n", what, r.Source, r.File)
	}
	out := map[string][]byte{}
	add := func(file, what string, v any) error {
		b, err := yaml.MarshalWithOptions(v, yaml.OmitEmpty(), yaml.IndentSequence(true), yaml.UseLiteralStyleIfMultiline(true))
		if err != nil {
			return fmt.Errorf("render %s: %w", file, err)
		}
		out[file] = append([]byte(header(what)), b...)
		return nil
	}
	if sf.Product != nil {
		if err := add("product.yaml", "Placeholder product", struct {
			Product *ward.Product `yaml:"product"`
		}{sf.Product}); err != nil {
			return nil, err
		}
	}
	if sf.Context != nil {
		if err := add("context.yaml", "Product security context", struct {
			Context *ward.SecurityContext `yaml:"context"`
		}{sf.Context}); err != nil {
			return nil, err
		}
	}
	if sf.Architecture != nil {
		if err := add("architecture.yaml", "Data-flow model", struct {
			Architecture *ward.Architecture `yaml:"architecture"`
		}{sf.Architecture}); err != nil {
			return nil, err
		}
	}
	if len(sf.Threats) > 0 {
		if err := add("threats.yaml", "Threats and decisions", struct {
			Threats []*ward.Threat `yaml:"threats"`
		}{sf.Threats}); err != nil {
			return nil, err
		}
	}
	return out, nil
}
