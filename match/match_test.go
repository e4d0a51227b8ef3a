package match_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/match"
)

// summary is a finding in one line: what an auditor reads.
func summary(f ward.Finding) string {
	s := fmt.Sprintf("%s [%s] %s/%s via %s | %s | %s | fixed %s | %s %.1f",
		f.Advisory, strings.Join(f.Aliases, ","), f.Match.Ecosystem, f.Match.Package, f.Match.Identifier,
		f.Match.Range, f.Match.Comparator, strings.Join(f.Fixed, ","), f.Severity.Level, f.Severity.Score)
	if f.Match.Undecidable != "" {
		s += " | UNDECIDABLE: " + f.Match.Undecidable
	}
	return s
}

func TestMatch(t *testing.T) {
	t.Parallel()
	advs := testdataRecords(t)
	// PYSEC-2023-74 with only its GIT range and no versions list: the
	// shape of PyPA records for C extensions before OSV.dev enumerates them.
	for _, a := range advs {
		if a.ID == "PYSEC-2023-74" {
			g := *a
			g.ID = "PYSEC-2023-74-GIT-ONLY"
			g.Affected = []ward.Affected{a.Affected[0]}
			g.Affected[0].Ranges = []ward.Range{a.Affected[0].Ranges[0]}
			g.Affected[0].Versions = nil
			advs = append(advs, &g)
			break
		}
	}
	src := newMemSource(advs, pep503)
	for _, tc := range []struct {
		name    string
		comp    ward.Component
		aliases []match.Alias
		want    []string // finding summaries
		reason  string   // NotMatchable reason when not checked
	}{
		{
			name: "PyPI in second range",
			comp: ward.Component{Name: "django", Version: "3.2.12", PURL: "pkg:pypi/django@3.2.12"},
			want: []string{"PYSEC-2022-190 [CVE-2022-28346,GHSA-2gwj-7jmv-h26r] PyPI/django via purl:pkg:pypi/django@3.2.12 | ECOSYSTEM introduced 4.0, fixed 4.0.4, introduced 3.2, fixed 3.2.13, introduced 2.2, fixed 2.2.28 | PyPI (PEP 440) | fixed 2.2.28,3.2.13,4.0.4 | unknown 0.0"},
		},
		{
			name: "PyPI fixed version",
			comp: ward.Component{Name: "django", PURL: "pkg:pypi/django@3.2.13"},
		},
		{
			name: "PyPI between ranges",
			comp: ward.Component{Name: "Django", PURL: "pkg:pypi/Django@3.1"},
		},
		{
			name: "PyPI version from component, name normalized",
			comp: ward.Component{Name: "gradio", Version: "4.36.1", PURL: "pkg:pypi/gradio"},
			want: []string{"GHSA-9v2f-6vcg-3hgv [CVE-2024-39236] PyPI/Gradio via purl:pkg:pypi/gradio@4.36.1 | versions list | PyPI (PEP 440) | fixed  | critical 9.8"},
		},
		{
			name: "PyPI ECOSYSTEM decides despite GIT",
			comp: ward.Component{Name: "requests", PURL: "pkg:pypi/requests@2.30.0"},
			want: []string{"PYSEC-2023-74 [CVE-2023-32681,GHSA-j8r2-6x86-q33q] PyPI/requests via purl:pkg:pypi/requests@2.30.0 | ECOSYSTEM introduced 2.3.0, fixed 2.31.0 | PyPI (PEP 440) | fixed 2.31.0 | unknown 0.0",
				"PYSEC-2023-74-GIT-ONLY [CVE-2023-32681,GHSA-j8r2-6x86-q33q] PyPI/requests via purl:pkg:pypi/requests@2.30.0 | GIT introduced 0, fixed 74ea7cf7a6a27a4eeb2ae24e162bcc942a6706d5 in https://github.com/psf/requests | PyPI (PEP 440) | fixed  | unknown 0.0 | UNDECIDABLE: GIT ranges cannot be decided offline"},
		},
		{
			name: "PyPI GIT only stays undecidable after the fix",
			comp: ward.Component{Name: "requests", PURL: "pkg:pypi/requests@2.31.0"},
			want: []string{"PYSEC-2023-74-GIT-ONLY [CVE-2023-32681,GHSA-j8r2-6x86-q33q] PyPI/requests via purl:pkg:pypi/requests@2.31.0 | GIT introduced 0, fixed 74ea7cf7a6a27a4eeb2ae24e162bcc942a6706d5 in https://github.com/psf/requests | PyPI (PEP 440) | fixed  | unknown 0.0 | UNDECIDABLE: GIT ranges cannot be decided offline"},
		},
		{
			name: "crates SEMVER with CVSS 3.0",
			comp: ward.Component{Name: "hyper", PURL: "pkg:cargo/hyper@0.10.1"},
			want: []string{"RUSTSEC-2017-0002 [CVE-2017-18587,GHSA-q89x-f52w-6hj2] crates.io/hyper via purl:pkg:cargo/hyper@0.10.1 | SEMVER introduced 0.0.0-0, fixed 0.9.18, introduced 0.10.0, fixed 0.10.2 | SemVer 2.0.0 | fixed 0.9.18,0.10.2 | medium 5.3"},
		},
		{
			name: "crates SEMVER with CVSS 4.0",
			comp: ward.Component{Name: "wasmtime", PURL: "pkg:cargo/wasmtime@40.0.2"},
			want: []string{"RUSTSEC-2026-0006 [CVE-2026-24116,GHSA-vc8c-j3xm-xj73] crates.io/wasmtime via purl:pkg:cargo/wasmtime@40.0.2 | SEMVER introduced 29.0.0, fixed 36.0.5, introduced 37.0.0, fixed 40.0.3, introduced 41.0.0, fixed 41.0.1 | SemVer 2.0.0 | fixed 36.0.5,40.0.3,41.0.1 | medium 4.1"},
		},
		{
			name: "crates gap between ranges",
			comp: ward.Component{Name: "wasmtime", PURL: "pkg:cargo/wasmtime@36.0.5"},
		},
		{
			name: "Go leading v and +incompatible",
			comp: ward.Component{Name: "json-patch", PURL: "pkg:golang/github.com/evanphx/json-patch@v3.0.0+incompatible"},
			want: []string{"GO-2021-0076 [CVE-2018-14632,GHSA-gxhv-3hwf-wjp9] Go/github.com/evanphx/json-patch via purl:pkg:golang/github.com/evanphx/json-patch@v3.0.0+incompatible | SEMVER introduced 0, fixed 0.5.2, introduced 3.0.0+incompatible, fixed 3.0.1-0.20180525145409-4c9aadca8f89+incompatible | SemVer 2.0.0 | fixed 0.5.2,3.0.1-0.20180525145409-4c9aadca8f89+incompatible | unknown 0.0"},
		},
		{
			name: "Go module path keeps its case",
			comp: ward.Component{Name: "go-saml", PURL: "pkg:golang/github.com/RobotsAndPencils/go-saml@v0.0.0-20150922030833-3f0d9db7a8f5"},
			want: []string{"GO-2020-0047 [CVE-2020-36563,GHSA-5rhg-xhgr-5hfj] Go/github.com/RobotsAndPencils/go-saml via purl:pkg:golang/github.com/RobotsAndPencils/go-saml@v0.0.0-20150922030833-3f0d9db7a8f5 | SEMVER introduced 0 | SemVer 2.0.0 | fixed  | unknown 0.0"},
		},
		{
			name: "Go fixed",
			comp: ward.Component{Name: "gin", PURL: "pkg:golang/github.com/gin-gonic/gin@v1.6.0"},
		},
		{
			name: "npm prerelease before introduced",
			comp: ward.Component{Name: "jquery", PURL: "pkg:npm/jquery@2.1.0"},
		},
		{
			name: "npm prerelease of introduced",
			comp: ward.Component{Name: "jquery", PURL: "pkg:npm/jquery@2.1.1-beta.1"},
			want: []string{"GHSA-mhpp-875w-9cpv [CVE-2016-10707] npm/jquery via purl:pkg:npm/jquery@2.1.1-beta.1 | SEMVER introduced 2.1.1-0, fixed 3.0.0 | SemVer 2.0.0 | fixed 3.0.0 | unknown 0.0"},
		},
		{
			name: "Maven events out of order",
			comp: ward.Component{Name: "xwiki-commons-core", PURL: "pkg:maven/org.xwiki.commons/xwiki-commons-core@12.6.6"},
			want: []string{"GHSA-76mp-659p-rw65 [CVE-2021-32620] Maven/org.xwiki.commons:xwiki-commons-core via purl:pkg:maven/org.xwiki.commons/xwiki-commons-core@12.6.6 | ECOSYSTEM introduced 12.10.0, fixed 12.10.2, introduced 12.0, fixed 12.6.7, introduced 11.6.1, fixed 11.10.13 | Maven (ComparableVersion) | fixed 11.10.13,12.6.7,12.10.2 | unknown 0.0"},
		},
		{
			name: "Maven between ranges",
			comp: ward.Component{Name: "xwiki-commons-core", PURL: "pkg:maven/org.xwiki.commons/xwiki-commons-core@12.8"},
		},
		{
			name: "RubyGems unsorted events: fixed 3.0.21 sorts before introduced 4.0.1",
			comp: ward.Component{Name: "passenger", PURL: "pkg:gem/passenger@3.0.21"},
		},
		{
			name: "RubyGems unsorted events: below first fix",
			comp: ward.Component{Name: "passenger", PURL: "pkg:gem/passenger@3.0.20"},
			want: []string{"GHSA-9qj7-jvg4-qr2x [CVE-2013-2119] RubyGems/passenger via purl:pkg:gem/passenger@3.0.20 | ECOSYSTEM introduced 0, introduced 4.0.1, fixed 4.0.5, fixed 3.0.21 | RubyGems (Gem::Version) | fixed 3.0.21,4.0.5 | unknown 0.0"},
		},
		{
			name: "withdrawn never matches",
			comp: ward.Component{Name: "activesupport", PURL: "pkg:gem/activesupport@4.2.1"},
		},
		{
			name: "Alpine release picks its entry",
			comp: ward.Component{Name: "openssl", PURL: "pkg:apk/alpine/openssl@1.0.2p-r0?distro=alpine-3.4.6"},
			want: []string{"CVE-2018-5407 [] Alpine:v3.4/openssl via purl:pkg:apk/alpine/openssl@1.0.2p-r0?distro=alpine-3.4.6 | ECOSYSTEM introduced 0, fixed 1.0.2q-r0 | Alpine (apk-tools) | fixed 1.0.2q-r0 | medium 4.7"},
		},
		{
			name: "Alpine release without an entry",
			comp: ward.Component{Name: "openssl", PURL: "pkg:apk/alpine/openssl@1.0.2p-r0?distro=alpine-3.20.1"},
		},
		{
			name:   "Alpine without release",
			comp:   ward.Component{Name: "openssl", PURL: "pkg:apk/alpine/openssl@1.0.2p-r0"},
			reason: "apk purl has no usable distro qualifier (e.g. distro=alpine-3.18.4): OSV Alpine advisories are per release",
		},
		{
			name: "Red Hat stream by major.minor",
			comp: ward.Component{Name: "git-lfs", PURL: "pkg:rpm/redhat/git-lfs@2.13.3-3.el8_6?distro=rhel-8.6"},
			want: []string{"RHSA-2024:4546 [] Red Hat:rhel_aus:8.6::appstream/git-lfs via purl:pkg:rpm/redhat/git-lfs@2.13.3-3.el8_6?distro=rhel-8.6 | ECOSYSTEM introduced 0, fixed 0:2.13.3-3.el8_6.1 | Red Hat (RPM rpmvercmp) | fixed 0:2.13.3-3.el8_6.1 | high 7.5"},
		},
		{
			name: "alias maps a CPE to a purl",
			comp: ward.Component{Name: "libssl", Version: "1.0.2p-r0", CPE: "cpe:2.3:a:openssl:openssl:1.0.2p:*:*:*:*:*:*:*"},
			aliases: []match.Alias{
				{Match: "cpe:2.3:a:openssl:openssl:", PURL: "pkg:apk/alpine/openssl?distro=alpine-3.5"},
			},
			want: []string{"CVE-2018-5407 [] Alpine:v3.5/openssl via purl:pkg:apk/alpine/openssl@1.0.2p-r0?distro=alpine-3.5 (alias rule cpe:2.3:a:openssl:openssl:) | ECOSYSTEM introduced 0, fixed 1.0.2q-r0 | Alpine (apk-tools) | fixed 1.0.2q-r0 | medium 4.7"},
		},
		{
			name:    "alias by name",
			comp:    ward.Component{Name: "Django", Version: "4.0.1", PURL: "pkg:generic/django@4.0.1"},
			aliases: []match.Alias{{Match: "Django", PURL: "pkg:pypi/django"}},
			want:    []string{"PYSEC-2022-190 [CVE-2022-28346,GHSA-2gwj-7jmv-h26r] PyPI/django via purl:pkg:pypi/django@4.0.1 (alias rule Django) | ECOSYSTEM introduced 4.0, fixed 4.0.4, introduced 3.2, fixed 3.2.13, introduced 2.2, fixed 2.2.28 | PyPI (PEP 440) | fixed 2.2.28,3.2.13,4.0.4 | unknown 0.0"},
		},
		{
			name:   "no identifier",
			comp:   ward.Component{Name: "firmware-blob", Version: "1.0"},
			reason: "no package identifier (purl or CPE)",
		},
		{
			name:   "CPE only",
			comp:   ward.Component{Name: "zlib", Version: "1.2.13", CPE: "cpe:2.3:a:zlib:zlib:1.2.13:*:*:*:*:*:*:*"},
			reason: "CPE only: the OSV advisory data is keyed by package; add an alias rule mapping it to a purl",
		},
		{
			name:   "purl type OSV does not cover",
			comp:   ward.Component{Name: "zlib", PURL: "pkg:generic/zlib@1.2.13"},
			reason: `purl type "generic" is not covered by OSV advisories`,
		},
		{
			name:   "OSV ecosystem without comparator",
			comp:   ward.Component{Name: "lwt", PURL: "pkg:opam/lwt@5.7.0"},
			reason: "OSV ecosystem opam has no version comparator (supported: AlmaLinux, Alpaquita, Alpine, BellSoft Hardened Containers, Bioconductor, Bitnami, CRAN, Chainguard, ConanCenter, Debian, Docker Hardened Images, GHC, Go, Hackage, Hex, Julia, Mageia, Maven, MinimOS, NuGet, Packagist, Pub, PyPI, Red Hat, Rocky Linux, RubyGems, SUSE, SemVer, SwiftURL, Ubuntu, Wolfi, crates.io, npm, openEuler, openSUSE)",
		},
		{
			name:   "missing version",
			comp:   ward.Component{Name: "django", PURL: "pkg:pypi/django"},
			reason: "no version: neither the purl nor the component gives one",
		},
		{
			name:   "unparseable version",
			comp:   ward.Component{Name: "zlib", PURL: "pkg:deb/debian/zlib@x:1.2?distro=debian-12"},
			reason: `version "x:1.2" is not a valid Debian version (Debian (dpkg, Debian Policy 5.6.12))`,
		},
		{
			name:   "invalid purl",
			comp:   ward.Component{Name: "x", PURL: "pkg:pypi"},
			reason: `invalid purl "pkg:pypi": purl is missing type or name`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := tc.comp
			res, err := match.Match(context.Background(), []*ward.Component{&c}, src, match.Options{Aliases: tc.aliases, Normalize: pep503})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				if f.Component != &c {
					t.Errorf("finding for another component: %v", f.Component)
				}
				got = append(got, summary(f))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			var reasons []string
			for _, nm := range res.NotMatchable {
				reasons = append(reasons, nm.Reason)
			}
			wantReasons := []string(nil)
			if tc.reason != "" {
				wantReasons = []string{tc.reason}
			}
			if diff := cmp.Diff(wantReasons, reasons); diff != "" {
				t.Errorf("not matchable (-want +got):\n%s", diff)
			}
			wantChecked, wantMatched := 1, min(1, len(tc.want))
			if tc.reason != "" {
				wantChecked = 0
			}
			if res.Components != 1 || res.Checked != wantChecked || res.Matched != wantMatched {
				t.Errorf("counts: components %d checked %d matched %d, want 1 %d %d", res.Components, res.Checked, res.Matched, wantChecked, wantMatched)
			}
		})
	}
}

// TestMatchOrderAndCounts checks a whole SBOM: findings in input order,
// one per (component, advisory), not-matchable in input order, duplicates
// judged alike.
func TestMatchOrderAndCounts(t *testing.T) {
	t.Parallel()
	src := newMemSource(testdataRecords(t), pep503)
	comps := []*ward.Component{
		{Name: "zlib", Path: "components[0]"},
		{Name: "wasmtime", PURL: "pkg:cargo/wasmtime@30.0.0", Path: "components[2]"},
		{Name: "django", PURL: "pkg:pypi/django@2.2.1", Path: "components[1]"},
		nil,
		{Name: "django", PURL: "pkg:pypi/django@2.2.1", Path: "components[3]"},
		{Name: "django", PURL: "pkg:pypi/django@5.0", Path: "components[4]"},
		{Name: "blob", CPE: "cpe:2.3:a:x:blob:1:*:*:*:*:*:*:*", Path: "components[5]"},
	}
	for _, workers := range []int{1, 2, 8} {
		res, err := match.Match(context.Background(), comps, src, match.Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range res.Findings {
			got = append(got, f.Component.Path+" "+f.Advisory)
		}
		want := []string{ // input order, whatever the paths say
			"components[2] RUSTSEC-2026-0006",
			"components[1] PYSEC-2022-190",
			"components[3] PYSEC-2022-190",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("workers=%d: findings (-want +got):\n%s", workers, diff)
		}
		var nm []string
		for _, n := range res.NotMatchable {
			nm = append(nm, n.Component.Path)
		}
		if diff := cmp.Diff([]string{"components[0]", "components[5]"}, nm); diff != "" {
			t.Errorf("workers=%d: not matchable (-want +got):\n%s", workers, diff)
		}
		if res.Components != 6 || res.Checked != 4 || res.Matched != 3 {
			t.Errorf("workers=%d: counts %d/%d/%d, want 6/4/3", workers, res.Components, res.Checked, res.Matched)
		}
		// Findings own their slices: changing one leaves the others.
		res.Findings[0].Fixed[0] = "changed"
		if res.Findings[2].Fixed[0] == "changed" {
			t.Error("findings share their Fixed slice")
		}
	}
}

func TestMatchInvalidAlias(t *testing.T) {
	t.Parallel()
	for _, a := range []match.Alias{{Match: "", PURL: "pkg:pypi/x"}, {Match: "x", PURL: "not a purl"}} {
		_, err := match.Match(context.Background(), nil, newMemSource(nil, pep503), match.Options{Aliases: []match.Alias{a}})
		if ward.CodeOf(err) != ward.EInvalid {
			t.Errorf("alias %+v: err = %v, want EInvalid", a, err)
		}
	}
}

func TestMatchCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	comps := []*ward.Component{{Name: "django", PURL: "pkg:pypi/django@2.2.1"}}
	if _, err := match.Match(ctx, comps, newMemSource(testdataRecords(t), pep503), match.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestFromPURL(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		purl string
		want match.Package
		err  string
	}{
		{"pkg:pypi/Django_Rest@1.0", match.Package{Ecosystem: "PyPI", Name: "django-rest", Version: "1.0"}, ""},
		{"pkg:golang/github.com/BurntSushi/toml@v1.3.2", match.Package{Ecosystem: "Go", Name: "github.com/BurntSushi/toml", Version: "v1.3.2"}, ""},
		{"pkg:golang/golang.org/x/net@v0.17.0#http2", match.Package{Ecosystem: "Go", Name: "golang.org/x/net", Version: "v0.17.0"}, ""},
		{"pkg:cargo/hyper@0.14.1", match.Package{Ecosystem: "crates.io", Name: "hyper", Version: "0.14.1"}, ""},
		{"pkg:npm/%40angular/core@16.0.0", match.Package{Ecosystem: "npm", Name: "@angular/core", Version: "16.0.0"}, ""},
		{"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", match.Package{Ecosystem: "Maven", Name: "org.apache.logging.log4j:log4j-core", Version: "2.14.1"}, ""},
		{"pkg:nuget/Newtonsoft.Json@12.0.1", match.Package{Ecosystem: "NuGet", Name: "Newtonsoft.Json", Version: "12.0.1"}, ""},
		{"pkg:gem/rails@7.0.0", match.Package{Ecosystem: "RubyGems", Name: "rails", Version: "7.0.0"}, ""},
		{"pkg:composer/laravel/framework@7.12.0", match.Package{Ecosystem: "Packagist", Name: "laravel/framework", Version: "7.12.0"}, ""},
		{"pkg:pub/http@0.13.0", match.Package{Ecosystem: "Pub", Name: "http", Version: "0.13.0"}, ""},
		{"pkg:hex/phoenix@1.7.0", match.Package{Ecosystem: "Hex", Name: "phoenix", Version: "1.7.0"}, ""},
		{"pkg:cran/ggplot2@3.4.0", match.Package{Ecosystem: "CRAN", Name: "ggplot2", Version: "3.4.0"}, ""},
		{"pkg:hackage/aeson@2.1.0.0", match.Package{Ecosystem: "Hackage", Name: "aeson", Version: "2.1.0.0"}, ""},
		{"pkg:swift/github.com/apple/swift-nio@2.50.0", match.Package{Ecosystem: "SwiftURL", Name: "github.com/apple/swift-nio", Version: "2.50.0"}, ""},
		{"pkg:bitnami/wordpress@6.2.0", match.Package{Ecosystem: "Bitnami", Name: "wordpress", Version: "6.2.0"}, ""},
		{"pkg:conan/openssl@3.0.0", match.Package{Ecosystem: "ConanCenter", Name: "openssl", Version: "3.0.0"}, ""},
		{"pkg:deb/debian/libssl3@3.0.11-1~deb12u2?distro=debian-12.4&upstream=openssl", match.Package{Ecosystem: "Debian", Release: "12", Name: "openssl", Version: "3.0.11-1~deb12u2"}, ""},
		{"pkg:deb/debian/curl@7.88.1-10?distro=bookworm", match.Package{Ecosystem: "Debian", Release: "12", Name: "curl", Version: "7.88.1-10"}, ""},
		{"pkg:deb/ubuntu/curl@7.81.0-1ubuntu1.15?distro=ubuntu-22.04", match.Package{Ecosystem: "Ubuntu", Release: "22.04", Name: "curl", Version: "7.81.0-1ubuntu1.15"}, ""},
		{"pkg:deb/ubuntu/curl@7.81.0?distro=jammy", match.Package{Ecosystem: "Ubuntu", Release: "22.04", Name: "curl", Version: "7.81.0"}, ""},
		{"pkg:apk/alpine/musl@1.2.4-r2?distro=3.18.4", match.Package{Ecosystem: "Alpine", Release: "3.18", Name: "musl", Version: "1.2.4-r2"}, ""},
		{"pkg:apk/wolfi/glibc@2.38-r1", match.Package{Ecosystem: "Wolfi", Name: "glibc", Version: "2.38-r1"}, ""},
		{"pkg:rpm/rocky/openssl@3.0.7-24.el9?distro=rocky-9.3", match.Package{Ecosystem: "Rocky Linux", Release: "9.3", Name: "openssl", Version: "3.0.7-24.el9"}, ""},
		{"pkg:rpm/opensuse/curl@8.0.1?distro=opensuse-leap-15.5", match.Package{Ecosystem: "openSUSE", Release: "15.5", Name: "curl", Version: "8.0.1"}, ""},
		{"pkg:deb/debian/curl@7.88.1-10", match.Package{}, "deb purl has no usable distro qualifier (e.g. distro=debian-12): OSV Debian advisories are per release"},
		{"pkg:rpm/fedora/curl@8.0.1?distro=fedora-39", match.Package{}, `rpm purl namespace "fedora" has no OSV ecosystem (known: almalinux, mageia, openeuler, opensuse, redhat, rhel, rocky, rocky-linux, sles, suse)`},
		{"pkg:github/package-url/purl-spec@244fd47", match.Package{}, `purl type "github" is not covered by OSV advisories`},
	} {
		got, err := match.FromPURL(tc.purl)
		if tc.err != "" {
			if err == nil || ward.MessageOf(err) != tc.err {
				t.Errorf("FromPURL(%q) error = %v, want %q", tc.purl, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("FromPURL(%q): %v", tc.purl, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("FromPURL(%q) (-want +got):\n%s", tc.purl, diff)
		}
	}
}

func TestSeverity(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name          string
		entry, record []ward.Severity
		want          ward.FindingSeverity
	}{
		{"none", nil, nil, ward.FindingSeverity{Level: "unknown"}},
		{"v3.1 critical", nil, []ward.Severity{{Type: "CVSS_V3", Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}},
			ward.FindingSeverity{Level: "critical", Score: 9.8, Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", Method: "CVSS_V3"}},
		{"v2 high", nil, []ward.Severity{{Type: "CVSS_V2", Score: "AV:N/AC:L/Au:N/C:P/I:P/A:P"}},
			ward.FindingSeverity{Level: "high", Score: 7.5, Vector: "AV:N/AC:L/Au:N/C:P/I:P/A:P", Method: "CVSS_V2"}},
		{"v4 preferred over v3", nil, []ward.Severity{
			{Type: "CVSS_V3", Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
			{Type: "CVSS_V4", Score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N"}},
			ward.FindingSeverity{Level: "none", Score: 0, Vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", Method: "CVSS_V4"}},
		{"entry before record", []ward.Severity{{Type: "CVSS_V3", Score: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N"}},
			[]ward.Severity{{Type: "CVSS_V3", Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}},
			ward.FindingSeverity{Level: "medium", Score: 5.3, Vector: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N", Method: "CVSS_V3"}},
		{"unparseable falls back to record", []ward.Severity{{Type: "CVSS_V3", Score: "CVSS:3.1/AV:X"}, {Type: "Ubuntu", Score: "high"}},
			[]ward.Severity{{Type: "CVSS_V3", Score: "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N"}},
			ward.FindingSeverity{Level: "medium", Score: 4.7, Vector: "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N", Method: "CVSS_V3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, match.Severity(tc.entry, tc.record)); diff != "" {
				t.Errorf("Severity (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzMatchPURL checks that any purl is either mapped to a comparable OSV
// package or rejected with a reason, and that matching never panics.
func FuzzMatchPURL(f *testing.F) {
	for _, s := range []string{"pkg:pypi/django@3.2.12", "pkg:golang/github.com/BurntSushi/toml@v1.3.2",
		"pkg:deb/debian/libssl3@3.0.11?distro=debian-12&upstream=openssl%403.0.11", "pkg:apk/alpine/musl@1.2.4?distro=3.18",
		"pkg:npm/%40angular/core@16.0.0", "pkg:maven/g/a@1", "pkg:rpm/redhat/x@1?distro=rhel-9", "pkg:generic/x@1", "pkg:", "pkg:/a/b@"} {
		f.Add(s, "1.0")
	}
	src := newMemSource(testdataRecords(f), pep503)
	f.Fuzz(func(t *testing.T, purl, ver string) {
		pkg, err := match.FromPURL(purl)
		if err == nil && pkg.Name == "" {
			t.Errorf("FromPURL(%q) = %+v without a name", purl, pkg)
		}
		if err != nil && ward.MessageOf(err) == "" {
			t.Errorf("FromPURL(%q): error without a reason", purl)
		}
		c := &ward.Component{Name: "x", Version: ver, PURL: purl}
		res, err := match.Match(context.Background(), []*ward.Component{c}, src, match.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Checked+len(res.NotMatchable) != 1 {
			t.Errorf("%q: checked %d, not matchable %d: a component was dropped", purl, res.Checked, len(res.NotMatchable))
		}
		for _, nm := range res.NotMatchable {
			if nm.Reason == "" {
				t.Errorf("%q: not matchable without a reason", purl)
			}
		}
		seen := map[string]bool{}
		for _, fd := range res.Findings {
			if seen[fd.Advisory] {
				t.Errorf("%q: two findings for %s", purl, fd.Advisory)
			}
			seen[fd.Advisory] = true
			if !slices.IsSorted(fd.Aliases) {
				t.Errorf("%q: aliases not sorted", purl)
			}
		}
	})
}
