package csaf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward"
)

// TestProviderRefusesForeignFolder: the provider folder is replaced as a
// whole, so a folder that is not one ward wrote is refused untouched.
func TestProviderRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeFolder(dir, map[string][]byte{"provider-metadata.json": []byte("{}")})
	if ward.CodeOf(err) != ward.EConflict || !strings.Contains(err.Error(), "not a provider folder") {
		t.Fatalf("err = %v, want a conflict", err)
	}
	if b, _ := os.ReadFile(keep); string(b) != "mine" {
		t.Error("the folder's files were touched")
	}
	if err := writeFolder(dir+"/new", map[string][]byte{"provider-metadata.json": []byte("{}")}); err != nil {
		t.Fatalf("a new folder: %v", err)
	}
	if err := writeFolder(dir+"/new", map[string][]byte{"provider-metadata.json": []byte("{\"v\":2}")}); err != nil {
		t.Fatalf("replacing an earlier provider folder: %v", err)
	}
}

func TestWeakness(t *testing.T) {
	c, notes := weakness([]string{"CWE-1321", "cwe-79"}, nil)
	if c == nil || c.ID != "CWE-79" || !strings.Contains(c.Name, "Cross-site Scripting") {
		t.Errorf("cwe = %+v, want the first weakness ward can name", c)
	}
	if len(notes) != 1 || notes[0].Text != "CWE-1321, cwe-79" {
		t.Errorf("notes = %+v, want every weakness listed", notes)
	}
	if c, notes := weakness([]string{"CWE-1321"}, nil); c != nil || len(notes) != 1 {
		t.Errorf("an unnamed weakness: cwe %+v, notes %d; want none and a note", c, len(notes))
	}
}

func TestValidateRefusesInvalidUTF8(t *testing.T) {
	doc := []byte("{\n  \"document\": {\"titl\x86e\": 1}\n}")
	ps, err := Validate("bad.json", doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Test != "json" || !strings.Contains(ps[0].Msg, "not UTF-8: byte 0x86") || ps[0].Pos.Line != 2 {
		t.Errorf("problems = %+v, want one at line 2 naming the byte", ps)
	}
}
