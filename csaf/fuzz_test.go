package csaf_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward/csaf"
	"github.com/wardhq/ward/internal/testutil"
)

// FuzzValidate feeds the validator arbitrary input: it must not panic,
// every problem must name its test and a JSONPath, and a document it
// accepts must stay valid once read into the model and written back.
func FuzzValidate(f *testing.F) {
	files, err := filepath.Glob("testdata/mandatory/*.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		f.Add(testutil.Read(f, name))
	}
	f.Add([]byte(`{"document": {"category": "csaf_base"}}`))
	f.Add([]byte(`{"document": `))
	f.Fuzz(func(t *testing.T, data []byte) {
		problems, err := csaf.Validate("fuzz.json", data)
		if err != nil {
			t.Fatalf("validator error: %v", err)
		}
		for _, p := range problems {
			if p.Test == "" || !strings.HasPrefix(p.Path, "$") || p.Msg == "" {
				t.Fatalf("incomplete problem %#v", p)
			}
		}
		if len(problems) > 0 {
			return
		}
		// The schema allows properties the model does not know; such a
		// document is valid but cannot come back through the model whole.
		var a csaf.Advisory
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a); err != nil {
			if strings.Contains(err.Error(), "unknown field") {
				return
			}
			t.Fatalf("valid document does not decode: %v", err)
		}
		var b bytes.Buffer
		if err := csaf.Write(&b, &a); err != nil {
			t.Fatal(err)
		}
		again, err := csaf.Validate("fuzz.json", b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if len(again) > 0 {
			t.Fatalf("valid document invalid once written back: %v\n%s", again, b.Bytes())
		}
	})
}
