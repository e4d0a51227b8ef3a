package securityfile_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/securityfile"
)

// securityFileDirs returns the folders that hold a security file: every
// folder under ../examples with YAML files at its top, and ../security.
func securityFileDirs(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir("../examples")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join("../examples", e.Name())
		if yamls, _ := filepath.Glob(filepath.Join(dir, "*.yaml")); len(yamls) > 0 {
			dirs = append(dirs, dir)
		}
	}
	if len(dirs) == 0 {
		t.Fatal("no example security files under ../examples")
	}
	return append(dirs, "../security", "skeleton")
}

func TestLoadExamples(t *testing.T) {
	for _, dir := range securityFileDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			sf, err := securityfile.Load(dir, securityfile.Limits{})
			if err != nil {
				t.Fatalf("Load(%s):\n%v", dir, err)
			}
			if sf.Product == nil || len(sf.Files) == 0 {
				t.Fatalf("Load(%s): no product or no files", dir)
			}
		})
	}
}

// TestSkeletonSections checks that the skeleton shows every top-level
// section, so that 'ward init' documents the whole format.
func TestSkeletonSections(t *testing.T) {
	sf, err := securityfile.Load("skeleton", securityfile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{
		"people": len(sf.People), "roles": len(sf.Roles), "applicability": len(sf.Applicability),
		"process_docs": len(sf.ProcessDocs), "suppliers": len(sf.Suppliers), "reviews": len(sf.Reviews),
		"improvements": len(sf.Improvements), "development_environment": len(sf.DevEnv),
		"coding_standards": len(sf.CodingRules), "signing_keys": len(sf.SigningKeys), "threats": len(sf.Threats),
		"risks": len(sf.Risks), "controls": len(sf.Controls), "requirements": len(sf.Requirements),
		"tests": len(sf.Tests), "sboms": len(sf.SBOMs), "components": len(sf.Components),
		"monitoring": len(sf.Monitoring), "findings": len(sf.Findings), "vulnerabilities": len(sf.Vulns),
		"advisories": len(sf.Advisories), "security_updates": len(sf.Updates), "releases": len(sf.Releases),
		"documents": len(sf.Documents), "component_aliases": len(sf.Aliases),
	}
	for section, n := range counts {
		if n != 1 {
			t.Errorf("skeleton has %d %s records, want exactly one example", n, section)
		}
	}
	if sf.Product == nil || sf.Context == nil || sf.Architecture == nil || sf.Maintenance == nil || sf.Disclosure == nil || sf.Policy == nil {
		t.Error("skeleton lacks one of the single sections product, context, architecture, maintenance, disclosure, policy")
	}
}

func TestWriteSkeleton(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "security")
	if err := securityfile.WriteSkeleton(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := securityfile.Load(dir, securityfile.Limits{}); err != nil {
		t.Fatalf("written skeleton does not load:\n%v", err)
	}
	want, err := fs.Glob(securityfile.Skeleton(), "*.yaml")
	if err != nil || len(want) == 0 {
		t.Fatalf("Skeleton() holds no YAML files (%v)", err)
	}
	got, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(got) != len(want) {
		t.Errorf("wrote %d files, want %d", len(got), len(want))
	}

	// A second run must refuse, name the file, and leave the user's edit alone.
	edited := filepath.Join(dir, "product.yaml")
	if err := os.WriteFile(edited, []byte("# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = securityfile.WriteSkeleton(dir)
	if ward.CodeOf(err) != ward.EConflict {
		t.Fatalf("second WriteSkeleton: code %q (%v), want %q", ward.CodeOf(err), err, ward.EConflict)
	}
	if !strings.Contains(err.Error(), filepath.Join(dir, "architecture.yaml")) {
		t.Errorf("error %q does not name the existing file", err)
	}
	if b, _ := os.ReadFile(edited); string(b) != "# mine\n" {
		t.Errorf("product.yaml was overwritten: %q", b)
	}

	// One existing file is enough to refuse, and nothing else is written.
	dir2 := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir2, "risk.yaml"), []byte("threats: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = securityfile.WriteSkeleton(dir2)
	if err == nil || !strings.Contains(err.Error(), "risk.yaml") {
		t.Fatalf("WriteSkeleton into a folder with risk.yaml: %v, want an error naming risk.yaml", err)
	}
	if others, _ := filepath.Glob(filepath.Join(dir2, "*.yaml")); len(others) != 1 {
		t.Errorf("refused WriteSkeleton still wrote files: %v", others)
	}
}

// TestLoadBrokenCopy breaks a copy of the pump example in five ways, one
// per file, and checks that one Load reports all five at the right place.
func TestLoadBrokenCopy(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../examples/infusion-pump", dir)
	edit := func(file, old, new string) {
		t.Helper()
		p := filepath.Join(dir, file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s: %q not found", file, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// 1. YAML syntax error: an unclosed flow sequence.
	edit("maintenance.yaml", "  monitoring_interval_days: 7\n", "  monitoring_interval_days: [7\n")
	// 2. Unknown field.
	edit("context.yaml", "context:\n", "context:\n  firewall: required\n")
	// 3. Duplicate ID.
	edit("requirements.yaml", "requirements:\n", "requirements:\n  - {id: REQ-009, title: Copy, text: A second REQ-009., category: logging}\n")
	// 4. Dangling reference.
	edit("risk.yaml", "    controls: [CTL-01, CTL-06]\n", "    controls: [CTL-01, CTL-99]\n")
	// 5. Bad enumeration value.
	edit("components.yaml", "    support_level: unknown\n", "    support_level: unkown\n")

	_, err := securityfile.Load(dir, securityfile.Limits{})
	var pe ward.PosErrors
	if !errors.As(err, &pe) {
		t.Fatalf("Load: %v, want ward.PosErrors", err)
	}
	if len(pe) != 5 {
		t.Errorf("Load reported %d problems, want 5:\n%v", len(pe), err)
	}
	got := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
	testutil.Golden(t, ".txt", []byte(got+"\n"))
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// fixture is a small valid security file, file name → content.
type fixture map[string]string

// valid returns a valid fixture after applying mutate, which breaks one
// thing (vulndb's lint_test pattern).
func valid(mutate func(f fixture)) fixture {
	f := fixture{
		"product.yaml": `product:
  id: demo
  name: Demo
  manufacturer: Demo GmbH
  intended_use: Demonstration only.
  kind: non_device
  markets: [EU]
  regulations: [cra]
  placed_on_market: 2026-01-01
`,
		"risk.yaml": `threats:
  - id: THR-001
    title: Demo threat
    stride: [spoofing]
`,
	}
	if mutate != nil {
		mutate(f)
	}
	return f
}

func (f fixture) replace(file, old, new string) {
	if !strings.Contains(f[file], old) {
		panic(fmt.Sprintf("%s: %q not in fixture", file, old))
	}
	f[file] = strings.Replace(f[file], old, new, 1)
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name string
		f    fixture
		want string // the single problem, as file:line:col: path: message (hint)
	}{
		{
			name: "valid",
			f:    valid(nil),
		},
		{
			name: "missing required field",
			f:    valid(func(f fixture) { f.replace("product.yaml", "  intended_use: Demonstration only.\n", "") }),
			// Column 5: the loader places a mapping at its first key's ':'
			// rather than at the key (reported to the loader's owner).
			want: `product.yaml:2:3: product.intended_use: missing required field "intended_use"`,
		},
		{
			name: "wrong type",
			f:    valid(func(f fixture) { f.replace("product.yaml", "  markets: [EU]\n", "  markets: EU\n") }),
			want: `product.yaml:7:12: product.markets: want a list, got text "EU" (write one item per line, each starting with '- ')`,
		},
		{
			name: "bad date",
			f:    valid(func(f fixture) { f.replace("product.yaml", "2026-01-01", "2026-13-01") }),
			want: `product.yaml:9:21: product.placed_on_market: invalid date "2026-13-01" (want YYYY-MM-DD, e.g. 2026-03-31)`,
		},
		{
			name: "merge key rejected",
			f: valid(func(f fixture) {
				f["risk.yaml"] = `threats:
  - &base
    id: THR-001
    title: Demo threat
    stride: [spoofing]
  - <<: *base
    id: THR-002
`
			}),
			// The keys the merge would have brought are not reported missing.
			want: "risk.yaml:6:5: threats[1]: merge keys (<<) are not supported (write the keys out)",
		},
		{
			name: "section defined twice",
			f: valid(func(f fixture) {
				f["zz-product.yaml"] = "# a second product section\nproduct:\n  id: other\n  name: Other\n  manufacturer: Other\n  intended_use: x\n  kind: non_device\n  markets: [EU]\n  regulations: [cra]\n"
			}),
			want: `zz-product.yaml:3:3: product: section "product" defined twice (first at product.yaml:2:3; keep one and merge the two)`,
		},
		{
			name: "unknown enumeration value with suggestion",
			f:    valid(func(f fixture) { f.replace("risk.yaml", "[spoofing]", "[spofing]") }),
			want: `risk.yaml:4:14: threats[0].stride[0]: unknown value "spofing" (want one of spoofing, tampering, repudiation, information_disclosure, denial_of_service, elevation_of_privilege; did you mean "spoofing"?)`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, content := range tc.f {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := securityfile.Load(dir, securityfile.Limits{})
			got := ""
			if err != nil {
				var pe ward.PosErrors
				if !errors.As(err, &pe) {
					t.Fatalf("Load: %v is not ward.PosErrors", err)
				}
				got = strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
			}
			if got != tc.want {
				t.Errorf("Load problems:\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

// billionLaughs returns a security file whose threats list expands one
// anchored threat, with a list of width strides, n times: n*width values
// after alias expansion from a few kilobytes of YAML.
func billionLaughs(n, width int) []byte {
	var b strings.Builder
	b.WriteString("threats:\n  - &t {id: THR-1, title: t, stride: [")
	b.WriteString(strings.TrimSuffix(strings.Repeat("spoofing,", width), ","))
	b.WriteString("]}\n")
	for i := 0; i < n; i++ {
		b.WriteString("  - *t\n")
	}
	return []byte(b.String())
}

func TestHostileInput(t *testing.T) {
	t.Run("alias expansion", func(t *testing.T) {
		// 10,000 × 1,000 = 10 million values from about 80 KB; the
		// default limit stops the expansion at 5 million.
		data := billionLaughs(10000, 1000)
		_, err := securityfile.Parse("laughs.yaml", data, securityfile.Limits{})
		if err == nil || !strings.Contains(err.Error(), "after alias expansion") {
			t.Fatalf("Parse: %v, want an alias-expansion error", err)
		}
		var pe ward.PosErrors
		if !errors.As(err, &pe) {
			t.Fatalf("Parse: %v is not ward.PosErrors", err)
		}
	})
	t.Run("alias expansion with a small limit", func(t *testing.T) {
		_, err := securityfile.Parse("laughs.yaml", billionLaughs(50, 100), securityfile.Limits{MaxNodes: 1000})
		if err == nil || !strings.Contains(err.Error(), "more than 1000 values after alias expansion") {
			t.Fatalf("Parse: %v, want the MaxNodes error", err)
		}
	})
	t.Run("alias expansion spread over documents", func(t *testing.T) {
		// One budget serves every document: '---' does not reset it.
		var b strings.Builder
		for i := 0; i < 20; i++ {
			fmt.Fprintf(&b, "---\n%s", strings.ReplaceAll(string(billionLaughs(9, 100)), "THR-1", fmt.Sprintf("THR-%d", i)))
		}
		_, err := securityfile.Parse("spread.yaml", []byte(b.String()), securityfile.Limits{MaxNodes: 1000})
		if err == nil || !strings.Contains(err.Error(), "after alias expansion") {
			t.Fatalf("Parse: %v, want the MaxNodes error across documents", err)
		}
	})
	t.Run("file too large", func(t *testing.T) {
		dir := t.TempDir()
		big := "product:\n  description: " + strings.Repeat("x", 4096) + "\n"
		if err := os.WriteFile(filepath.Join(dir, "big.yaml"), []byte(big), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := securityfile.Load(dir, securityfile.Limits{MaxFileBytes: 1024})
		var pe ward.PosErrors
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "big.yaml") || !strings.Contains(err.Error(), "larger than 1024 bytes") {
			t.Fatalf("Load: %v, want a positioned 'larger than 1024 bytes' error for big.yaml", err)
		}
		_, err = securityfile.Parse("big.yaml", []byte(big), securityfile.Limits{MaxFileBytes: 1024})
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "larger than 1024 bytes") {
			t.Fatalf("Parse: %v, want a 'larger than 1024 bytes' error", err)
		}
	})
	t.Run("too many documents", func(t *testing.T) {
		data := []byte(strings.Repeat("---\nthreats: []\n", 20))
		_, err := securityfile.Parse("docs.yaml", data, securityfile.Limits{MaxDocuments: 10})
		if err == nil || !strings.Contains(err.Error(), "more than the limit of 10") {
			t.Fatalf("Parse: %v, want the MaxDocuments error", err)
		}
	})
}

// FuzzParse feeds YAML to the loader: it must never panic, and every
// rejection must be a ward.PosErrors.
func FuzzParse(f *testing.F) {
	var seeds []string
	for _, dir := range securityFileDirs(f) {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		seeds = append(seeds, files...)
	}
	for _, s := range seeds {
		b := testutil.Read(f, s)
		// Whole large files make each execution slow (every reference to
		// another file is dangling when one file is parsed alone), so large
		// files seed with their first 80 lines.
		if len(b) > 8<<10 {
			lines := bytes.SplitAfter(b, []byte("\n"))
			b = bytes.Join(lines[:min(80, len(lines))], nil)
		}
		f.Add(b)
	}
	f.Add(billionLaughs(10, 10))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("---\n---\nproduct: {id: x}\n...\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := securityfile.Parse("fuzz.yaml", b, securityfile.Limits{MaxFileBytes: 1 << 20, MaxNodes: 100_000, MaxDocuments: 100})
		if err == nil {
			return
		}
		var pe ward.PosErrors
		if !errors.As(err, &pe) {
			t.Fatalf("rejection without positions: %T %v", err, err)
		}
	})
}
