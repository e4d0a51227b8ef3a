package sbom_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/sbom"
)

// TestParse reads each fixture and compares the ward.SBOM with its golden
// JSON (testdata/TestParse/<file>.json).
func TestParse(t *testing.T) {
	t.Parallel()
	for _, file := range []string{
		"minimal.cdx.json",
		"nested-components.cdx.json",
		"nested-components.cdx.xml",
		"dependencies.cdx.json",
		"bom-1.1.cdx.xml",
		"dependency.spdx.json",
		"example6-lib.spdx",
	} {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			s, err := sbom.Parse(file, bytes.NewReader(testutil.Read(t, "testdata/"+file)), sbom.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(s, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			testutil.Golden(t, ".json", append(got, '\n'))
		})
	}
}

// TestParseNested checks the flattening of nested CycloneDX components.
func TestParseNested(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"nested-components.cdx.json", "nested-components.cdx.xml"} {
		s, err := sbom.Parse(file, bytes.NewReader(testutil.Read(t, "testdata/"+file)), sbom.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, c := range s.Components {
			paths = append(paths, c.Path+" "+c.Name)
		}
		want := []string{"components[0] acme-library-a", "components[0].components[0] acme-library-b"}
		if diff := cmp.Diff(want, paths); diff != "" {
			t.Errorf("%s: components (-want +got):\n%s", file, diff)
		}
	}
}

// TestParseErrors checks that bad input is refused with a message that
// says where and what, and never a panic.
func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, input string
		lim         sbom.Limits
		want        string // the error text, exactly
		code        ward.Code
	}{
		{
			name:  "json_syntax",
			input: "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.5\",\n  \"components\": [ {\"name\": \"a\",, } ]\n}",
			want:  "in:4:32: JSON syntax error: invalid character ',' looking for beginning of object key string",
			code:  ward.EInvalid,
		},
		{
			name:  "json_type",
			input: `{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"name": 7}]}`,
			want:  "in:1:74: components.name: expected a string, found JSON number",
			code:  ward.EInvalid,
		},
		{
			name:  "cyclonedx_version",
			input: `{"bomFormat": "CycloneDX", "specVersion": "2.0"}`,
			want:  `in: CycloneDX spec version "2.0" is not supported (supported: 1.2, 1.3, 1.4, 1.5, 1.6, 1.7)`,
			code:  ward.EInvalid,
		},
		{
			name:  "spdx_version",
			input: `{"spdxVersion": "SPDX-2.1", "SPDXID": "SPDXRef-DOCUMENT"}`,
			want:  `in: SPDX version "SPDX-2.1" is not supported (supported: SPDX-2.2, SPDX-2.3)`,
			code:  ward.EInvalid,
		},
		{
			name:  "xml_syntax",
			input: "<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\">\n<components>\n</bom>",
			want:  "in:4: XML syntax error: element <components> closed by </bom>",
			code:  ward.EInvalid,
		},
		{
			name:  "xml_namespace",
			input: `<bom xmlns="http://example.com/bom"/>`,
			want:  `in: <bom> namespace "http://example.com/bom" is not a CycloneDX namespace (supported: http://cyclonedx.org/schema/bom/1.0 … 1.7)`,
			code:  ward.EInvalid,
		},
		{
			name:  "timestamp",
			input: `{"bomFormat": "CycloneDX", "specVersion": "1.5", "metadata": {"timestamp": "yesterday"}}`,
			want:  `in: metadata.timestamp: timestamp "yesterday" is not an RFC 3339 date-time`,
			code:  ward.EInvalid,
		},
		{
			name:  "too_large",
			input: `{"bomFormat": "CycloneDX", "specVersion": "1.5"}`,
			lim:   sbom.Limits{MaxBytes: 16},
			want:  "in: larger than the limit of 16 bytes (raise the limit if the file is genuine)",
			code:  ward.EInvalid,
		},
		{name: "empty", input: " \n", want: "in: empty file: not an SBOM", code: ward.EInvalid},
		{name: "not_sbom", input: `{"hello": "world"}`, want: `in: JSON document is neither CycloneDX (no "bomFormat") nor SPDX (no "spdxVersion")`, code: ward.EInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := sbom.Parse("in", strings.NewReader(tc.input), tc.lim)
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("error = %q\nwant    %q", got, tc.want)
			}
			if got := ward.CodeOf(err); got != tc.code {
				t.Errorf("code = %q, want %q", got, tc.code)
			}
		})
	}
}

// TestValidateProblems checks the semantic checks one broken thing at a
// time, starting from a valid document.
func TestValidateProblems(t *testing.T) {
	t.Parallel()
	const valid = `{"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
  "components": [
    {"type": "library", "bom-ref": "a", "name": "a", "version": "1", "purl": "pkg:npm/a@1"},
    {"type": "library", "bom-ref": "b", "name": "b", "version": "2", "purl": "pkg:npm/b@2"}
  ],
  "dependencies": [{"ref": "a", "dependsOn": ["b"]}, {"ref": "b"}]}`
	for _, tc := range []struct {
		name, old, new string
		want           []string // Problem.String() of each error
	}{
		{name: "valid"},
		{
			name: "duplicate_ref", old: `"bom-ref": "b"`, new: `"bom-ref": "a"`,
			want: []string{
				`4:36: components[1].bom-ref: ref "a" is already defined at components[0].bom-ref [duplicate-ref]`,
				`6:47: dependencies[0].dependsOn[0]: ref "b" is not defined in this document [dangling-ref]`,
				`6:62: dependencies[1].ref: ref "b" is not defined in this document [dangling-ref]`,
			},
		},
		{
			name: "dangling_ref", old: `"dependsOn": ["b"]`, new: `"dependsOn": ["c"]`,
			want: []string{`6:47: dependencies[0].dependsOn[0]: ref "c" is not defined in this document [dangling-ref]`},
		},
		{
			name: "bad_purl", old: `"purl": "pkg:npm/b@2"`, new: `"purl": "npm/b@2"`,
			want: []string{`components[1].purl: component b@2: invalid package URL "npm/b@2": purl scheme is not "pkg": "npm/b@2" [purl]`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc := strings.Replace(valid, tc.old, tc.new, 1)
			rep, err := sbom.Validate("in.json", []byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range rep.Errors {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadError checks that a failing reader is reported, not hidden.
func TestReadError(t *testing.T) {
	t.Parallel()
	boom := errors.New("disk on fire")
	_, err := sbom.Parse("in", io.MultiReader(strings.NewReader("{"), errReader{boom}), sbom.Limits{})
	if !errors.Is(err, boom) {
		t.Errorf("error = %v, want it to wrap %v", err, boom)
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }
