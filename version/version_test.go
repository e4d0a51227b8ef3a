package version_test

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/testutil"
	"github.com/wardhq/ward/version"
)

// fixtureEcosystems maps the name prefix of a version-order fixture file
// ("pypi" in "pypi-versions-generated.txt") to the ecosystems it holds for.
// semver-versions.txt holds for every ecosystem OSV orders by SemVer.
var fixtureEcosystems = map[string][]string{
	"alpine":    {"Alpine"},
	"cran":      {"CRAN"},
	"debian":    {"Debian", "Ubuntu"},
	"hackage":   {"Hackage"},
	"maven":     {"Maven"},
	"nuget":     {"NuGet"},
	"packagist": {"Packagist"},
	"pub":       {"Pub"},
	"pypi":      {"PyPI"},
	"redhat":    {"Red Hat", "Rocky Linux", "AlmaLinux", "SUSE", "openSUSE"},
	"rubygems":  {"RubyGems"},
	"semver":    {"SemVer", "Go", "npm", "crates.io", "Hex"},
}

// fixtureLine is one "<a> <op> <b>" line of a fixture file.
type fixtureLine struct {
	line int
	a, b string
	want int
}

// readFixture reads a version-order fixture, skipping blank lines and
// lines starting with "# " or "// " (documented known exceptions).
func readFixture(t *testing.T, file string) []fixtureLine {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []fixtureLine
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		s := sc.Text()
		if s == "" || strings.HasPrefix(s, "# ") || strings.HasPrefix(s, "// ") {
			continue
		}
		parts := strings.Split(s, " ")
		if len(parts) != 3 {
			t.Fatalf("%s:%d: want `<a> <op> <b>`, got %q", file, n, s)
		}
		want, ok := map[string]int{"<": -1, "=": 0, ">": 1}[parts[1]]
		if !ok {
			t.Fatalf("%s:%d: unknown operator %q", file, n, parts[1])
		}
		lines = append(lines, fixtureLine{n, parts[0], parts[2], want})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// TestFixtures runs every line of every fixture file, the shared public
// set and our own testdata, both ways round (antisymmetry).
func TestFixtures(t *testing.T) {
	shared, _ := filepath.Glob(filepath.Join(testutil.SharedData(t, "versions"), "*.txt"))
	own, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	files := append(shared, own...)
	if len(shared) == 0 {
		t.Fatal("no fixtures in the shared data set")
	}
	total := 0
	for _, file := range files {
		prefix, _, _ := strings.Cut(filepath.Base(file), "-")
		ecosystems, ok := fixtureEcosystems[prefix]
		if !ok {
			t.Errorf("%s: no ecosystem known for fixture prefix %q (add it to fixtureEcosystems)", file, prefix)
			continue
		}
		lines := readFixture(t, file)
		for _, eco := range ecosystems {
			for _, l := range lines {
				total++
				for _, tc := range []struct {
					a, b string
					want int
				}{{l.a, l.b, l.want}, {l.b, l.a, -l.want}} {
					got, err := version.Compare(eco, tc.a, tc.b)
					if err != nil {
						t.Errorf("%s:%d: %s: %v", file, l.line, eco, err)
					} else if got != tc.want {
						t.Errorf("%s:%d: %s: Compare(%q, %q) = %d, want %d", file, l.line, eco, tc.a, tc.b, got, tc.want)
					}
				}
			}
		}
	}
	t.Logf("%d fixture lines agreed across %d files", total, len(files))
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, ecosystem, version string
		wantInMsg                string
	}{
		{"unsupported", "Foo", "1.0", `unsupported ecosystem "Foo" (supported: AlmaLinux, Alpaquita, Alpine,`},
		{"unsupported with suffix", "GIT:x", "1.0", `unsupported ecosystem "GIT:x"`},
		{"empty", "PyPI", "", "empty PyPI version"},
		{"bad epoch", "Debian:12", "x:1.0", `invalid Debian version "x:1.0" (want a version as Debian (dpkg, Debian Policy 5.6.12) orders them)`},
		{"not R", "CRAN", "1.0a", `invalid CRAN version "1.0a"`},
		{"Hackage build", "Hackage", "1.0+b", `invalid Hackage version "1.0+b"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := version.Parse(tc.ecosystem, tc.version)
			if err == nil {
				t.Fatalf("Parse(%q, %q) succeeded, want error", tc.ecosystem, tc.version)
			}
			if ward.CodeOf(err) != ward.EInvalid {
				t.Errorf("CodeOf = %q, want %q", ward.CodeOf(err), ward.EInvalid)
			}
			if msg := ward.MessageOf(err); !strings.HasPrefix(msg, tc.wantInMsg) {
				t.Errorf("message = %q, want prefix %q", msg, tc.wantInMsg)
			}
		})
	}
}

func TestEcosystemNames(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, base, canonical, comparator string
	}{
		{"PyPI", "PyPI", "PyPI", "PyPI (PEP 440)"},
		{"pypi", "pypi", "PyPI", "PyPI (PEP 440)"},
		{"Debian:12", "Debian", "Debian", "Debian (dpkg, Debian Policy 5.6.12)"},
		{"Alpine:v3.18", "Alpine", "Alpine", "Alpine (apk-tools)"},
		{"Red Hat:enterprise_linux:9::appstream", "Red Hat", "Red Hat", "Red Hat (RPM rpmvercmp)"},
		{"Ubuntu:Pro:24.04:LTS", "Ubuntu", "Ubuntu", "Ubuntu (dpkg, Debian Policy 5.6.12)"},
		{"Go", "Go", "Go", "Go (SemVer 2.0.0, leading v ignored)"},
		{"SemVer", "SemVer", "SemVer", "SemVer 2.0.0"},
		{"GIT", "GIT", "", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			if got := version.Base(tc.in); got != tc.base {
				t.Errorf("Base = %q, want %q", got, tc.base)
			}
			if got := version.Canonical(tc.in); got != tc.canonical {
				t.Errorf("Canonical = %q, want %q", got, tc.canonical)
			}
			if got := version.Comparator(tc.in); got != tc.comparator {
				t.Errorf("Comparator = %q, want %q", got, tc.comparator)
			}
			if got := version.Supported(tc.in); got != (tc.canonical != "") {
				t.Errorf("Supported = %v", got)
			}
		})
	}
	eco := version.Ecosystems()
	if !slices.IsSorted(eco) {
		t.Errorf("Ecosystems() not sorted: %v", eco)
	}
	for _, want := range []string{"PyPI", "Go", "crates.io", "npm", "Maven", "NuGet", "RubyGems", "Packagist",
		"Pub", "Hex", "Debian", "Ubuntu", "Alpine", "Red Hat", "Rocky Linux", "AlmaLinux", "openSUSE", "SUSE",
		"CRAN", "Hackage", "Bitnami", "SwiftURL", "ConanCenter", "SemVer"} {
		if !slices.Contains(eco, want) {
			t.Errorf("Ecosystems() lacks %q", want)
		}
	}
}

func TestCompareSemantics(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		ecosystem, a, b string
		want            int
	}{
		{"Go", "v1.2.3", "1.2.3", 0}, // OSV Go records drop the v the module proxy keeps
		{"SemVer", "v1.0.0-rc.1", "1.0.0", -1},
		{"SemVer", "1.0.0+build.1", "1.0.0+build.2", 0},
		{"PyPI", "1.0", "1.0.0", 0},
		{"PyPI", "1.0.dev0", "1.0a1", -1},
		{"PyPI", "1!0.1", "2.0", 1},
		{"Debian:12", "1:1.0", "2.0", 1},
		{"Debian", "1.0~rc1", "1.0", -1},
		{"Maven", "1.0-SNAPSHOT", "1.0", -1},
		{"crates.io", "0.10.0", "0.9.9", 1},
		{"Red Hat", "0:1.2-3.el9", "1.2-3.el9", 0},
	} {
		got, err := version.Compare(tc.ecosystem, tc.a, tc.b)
		if err != nil {
			t.Errorf("Compare(%q, %q, %q): %v", tc.ecosystem, tc.a, tc.b, err)
			continue
		}
		if got != tc.want {
			t.Errorf("Compare(%q, %q, %q) = %d, want %d", tc.ecosystem, tc.a, tc.b, got, tc.want)
		}
	}
}

func TestVersionAccessors(t *testing.T) {
	t.Parallel()
	v, err := version.Parse("pypi", "3.2.12")
	if err != nil {
		t.Fatal(err)
	}
	if v.String() != "3.2.12" || v.Ecosystem() != "PyPI" || v.IsZero() {
		t.Errorf("Parse = %q %q zero=%v", v.String(), v.Ecosystem(), v.IsZero())
	}
	var zero version.Version
	if zero.Compare(v) != -1 || v.Compare(zero) != 1 || zero.Compare(zero) != 0 {
		t.Error("zero Version must sort first")
	}
	m, _ := version.Parse("Maven", "1.0")
	if c := v.Compare(m); c != -m.Compare(v) || c == 0 {
		t.Errorf("cross-ecosystem Compare not a total order: %d, %d", c, m.Compare(v))
	}
}

func TestSort(t *testing.T) {
	t.Parallel()
	// PEP 440 "legacy" versions sort before every valid one, as in pip.
	got := version.Sort("PyPI", []string{"3.2.13", "not a version", "2.2.28", "3.2.1", "4.0a1", "3.10"})
	want := []string{"not a version", "2.2.28", "3.2.1", "3.2.13", "3.10", "4.0a1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sort PyPI (-want +got):\n%s", diff)
	}
	got = version.Sort("CRAN", []string{"1.10-2", "1.0a", "1.9", "0.5"})
	want = []string{"0.5", "1.9", "1.10-2", "1.0a"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sort CRAN (-want +got):\n%s", diff)
	}
}

// FuzzCompare checks, per ecosystem, that Compare never panics, is
// antisymmetric and reflexive.
func FuzzCompare(f *testing.F) {
	ecosystems := []string{"PyPI", "Go", "crates.io", "npm", "Maven", "Debian", "Alpine", "RubyGems", "Red Hat", "NuGet"}
	seeds := [][2]string{{"1.0.0", "1.0.0-rc.1"}, {"1!2.0.post1", "2.0.dev3"}, {"1:2.3-4~b1", "2.3-4"},
		{"1.2.3_p1-r0", "1.2.3-r1"}, {"1.0-SNAPSHOT", "1.0.ga"}, {"v0.0.0-2023", "0.0.0-2024"}, {"", "0"}}
	for i, s := range seeds {
		f.Add(uint8(i), s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, e uint8, a, b string) {
		eco := ecosystems[int(e)%len(ecosystems)]
		va, errA := version.Parse(eco, a)
		vb, errB := version.Parse(eco, b)
		if errA != nil || errB != nil {
			return
		}
		ab, ba := va.Compare(vb), vb.Compare(va)
		if ab != -ba {
			t.Errorf("%s: Compare(%q, %q) = %d but Compare(%q, %q) = %d", eco, a, b, ab, b, a, ba)
		}
		if c := va.Compare(va); c != 0 {
			t.Errorf("%s: Compare(%q, itself) = %d", eco, a, c)
		}
	})
}

func BenchmarkCompare(b *testing.B) {
	for _, tc := range []struct{ ecosystem, a, c string }{
		{"PyPI", "3.2.12", "3.2.13"},
		{"Go", "v0.17.0", "0.23.0"},
		{"crates.io", "1.0.0-alpha.3", "1.0.0"},
		{"Debian", "1:2.36.1-8+deb12u1", "2.36.1-8"},
	} {
		va, _ := version.Parse(tc.ecosystem, tc.a)
		vc, _ := version.Parse(tc.ecosystem, tc.c)
		b.Run(tc.ecosystem, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				va.Compare(vc)
			}
		})
	}
}
