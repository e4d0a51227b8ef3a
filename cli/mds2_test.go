package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wardhq/ward/cli"
	"github.com/xuri/excelize/v2"
)

const pumpExample = "../examples/infusion-pump"

// TestMDS2 runs `ward mds2` and `ward mds2 diff` on the examples; goldens
// in testdata/TestMDS2 (go test ./cli -run TestMDS2 -update rewrites them).
func TestMDS2(t *testing.T) {
	t.Parallel()
	care := "../examples/care-planner"
	runCommandCases(t, []commandCase{
		{"pump_text", ".txt", []string{"mds2", pumpExample}, cli.ExitOK},
		{"pump_json", ".json", []string{"mds2", pumpExample, "--format", "json"}, cli.ExitOK},
		{"pump_csv", ".csv", []string{"mds2", pumpExample, "--format", "csv"}, cli.ExitOK},
		{"pump_older_release_json", ".json", []string{"mds2", pumpExample, "--release", "2.3.0", "--format", "json"}, cli.ExitOK},
		{"care_planner_text", ".txt", []string{"mds2", care}, cli.ExitOK},
		{"care_planner_json", ".json", []string{"mds2", care, "--format", "json"}, cli.ExitOK},
		{"care_planner_csv", ".csv", []string{"mds2", care, "--format", "csv"}, cli.ExitOK},
		{"diff_pump_releases_text", ".txt", []string{"mds2", "diff", pumpExample, "--from", "2.3.0", "--to", "2.4.0"}, cli.ExitOK},
		{"diff_pump_releases_json", ".json", []string{"mds2", "diff", pumpExample, "--from", "2.3.0", "--to", "2.4.0", "--format", "json"}, cli.ExitOK},
		{"unknown_release", ".txt", []string{"mds2", pumpExample, "--release", "9.9.9"}, cli.ExitUsage},
		{"bad_format", ".txt", []string{"mds2", pumpExample, "--format", "pdf"}, cli.ExitUsage},
		{"bad_date", ".txt", []string{"mds2", pumpExample, "--date", "1.12.2026"}, cli.ExitUsage},
		{"diff_without_releases", ".txt", []string{"mds2", "diff", pumpExample}, cli.ExitUsage},
		{"diff_unknown_release", ".txt", []string{"mds2", "diff", pumpExample, "--from", "2.3.0", "--to", "3.0.0"}, cli.ExitUsage},
		{"diff_three_folders", ".txt", []string{"mds2", "diff", "a", "b", "c"}, cli.ExitUsage},
		{"missing_dir", ".txt", []string{"mds2", "testdata/no-such-folder"}, cli.ExitError},
	})
}

// TestMDS2DiffFlippedFact copies the pump's security file, takes the
// encryption off the HL7 interface and diffs the two folders: the answer
// on encryption of personal data in transit moves from yes to no.
func TestMDS2DiffFlippedFact(t *testing.T) {
	t.Parallel()
	changed := filepath.Join(t.TempDir(), "pump")
	copyDir(t, pumpExample, changed)
	ctxFile := filepath.Join(changed, "context.yaml")
	b, err := os.ReadFile(ctxFile)
	if err != nil {
		t.Fatal(err)
	}
	// The HL7 interface is the only one with this encryption on the hospital LAN.
	const hl7 = "      encryption: TLS 1.2/1.3\n      exposure: hospital_lan\n"
	if strings.Count(string(b), hl7) != 1 {
		t.Fatalf("context.yaml changed: %q is not unique", hl7)
	}
	b = []byte(strings.Replace(string(b), hl7, "      encryption: none\n      exposure: hospital_lan\n", 1))
	if err := os.WriteFile(ctxFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "mds2", "diff", pumpExample, changed, "--format", "json")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var d struct {
		From, To struct{ Release string }
		Changes  []struct {
			ID, Kind, From, To string
			ToNote             string   `json:"to_note"`
			ToSources          []string `json:"to_sources"`
		}
	}
	if err := json.Unmarshal([]byte(stdout), &d); err != nil {
		t.Fatal(err)
	}
	if d.From.Release != "2.4.0" || d.To.Release != "2.4.0" {
		t.Errorf("compared %s with %s, want the newest release of both", d.From.Release, d.To.Release)
	}
	found := false
	for _, c := range d.Changes {
		if c.ID != "TXCF-2" {
			continue
		}
		found = true
		if c.Kind != "answer" || c.From != "yes" || c.To != "no" || !strings.Contains(c.ToNote, "IF-GW-HL7") || !slices.Contains(c.ToSources, "IF-GW-HL7") {
			t.Errorf("TXCF-2 changed %s: %s -> %s (%s)", c.Kind, c.From, c.To, c.ToNote)
		}
	}
	if !found {
		t.Errorf("TXCF-2 did not change; changes: %+v", d.Changes)
	}
}

// TestMDS2XLSX writes the workbook with -o and reopens it.
func TestMDS2XLSX(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "mds2.xlsx")
	code, stdout, stderr := run(t, "mds2", pumpExample, "--format", "xlsx", "-o", out, "--date", "2026-12-01")
	if code != cli.ExitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	x, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows("MDS2")
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string]string{}
	for _, r := range rows {
		if len(r) > 2 {
			answers[r[0]] = r[2]
		}
	}
	for id, want := range map[string]string{"DOC-7": "2026-12-01", "DOC-8": "yes", "TXCF-4": "no", "CONN-1.2.1": "unknown", "DOC-11.1": "n/a"} {
		if answers[id] != want {
			t.Errorf("%s = %q, want %q", id, answers[id], want)
		}
	}
	props, _ := x.GetDocProps()
	if props.Created != "2026-12-01T00:00:00Z" {
		t.Errorf("created %q, want the --date", props.Created)
	}
	// The same command writes the same bytes.
	_, again, _ := run(t, "mds2", pumpExample, "--format", "xlsx", "--date", "2026-12-01")
	first, _ := os.ReadFile(out)
	if !bytes.Equal(first, []byte(again)) {
		t.Error("-o and standard output hold different workbooks")
	}
}

// TestMDS2Date: --date dates the form; without it the release date does.
func TestMDS2Date(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ date, want string }{{"", "2026-10-15"}, {"2026-12-01", "2026-12-01"}} {
		args := []string{"mds2", pumpExample, "--format", "json"}
		if tc.date != "" {
			args = append(args, "--date", tc.date)
		}
		code, stdout, stderr := run(t, args...)
		if code != cli.ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var f struct {
			Date   string
			Header []struct{ ID, Value string }
		}
		if err := json.Unmarshal([]byte(stdout), &f); err != nil {
			t.Fatal(err)
		}
		if f.Date != tc.want || f.Header[6].ID != "DOC-7" || f.Header[6].Value != tc.want {
			t.Errorf("--date %q: date %s, DOC-7 %+v; want %s", tc.date, f.Date, f.Header[6], tc.want)
		}
	}
}
