package gap

import (
	"strings"
	"unicode"

	"github.com/wardhq/ward"
)

// Clause 5.1.2 — development environment SECURITY.

func init() {
	register("R512-1", checkDevEnvControls)
	register("R512-2", checkReleaseProvenance)
	register("R512-3", checkToolchainPinned)
	register("R512-4", checkSecretScan)
}

// checkDevEnvControls: every development environment asset documents its
// controls, requires multi-factor authentication for people, and had an
// access review within the policy interval.
func checkDevEnvControls(in *Input, c *Check) {
	if len(in.File.DevEnv) == 0 {
		c.Missing(ward.Pos{}, "no development environment assets recorded under development_environment:")
		return
	}
	since := in.Today.AddDays(-in.Policy.AccessReviewDays)
	for _, a := range in.File.DevEnv {
		ok := true
		if len(a.Controls) == 0 {
			c.Missing(a.At, "%s (%s): no controls documented", a.ID, a.Kind)
			ok = false
		}
		if !a.MFA {
			c.Missing(a.At, "%s (%s): human access without multi-factor authentication (mfa)", a.ID, a.Kind)
			ok = false
		}
		switch {
		case a.LastAccessReview.IsZero():
			c.Missing(a.At, "%s (%s): no access review recorded (last_access_review)", a.ID, a.Kind)
			ok = false
		case a.LastAccessReview.Before(since):
			c.Missing(a.At, "%s (%s): last access review %s is older than %d days", a.ID, a.Kind, a.LastAccessReview, in.Policy.AccessReviewDays)
			ok = false
		}
		if ok {
			c.Cite(a.ID)
		}
	}
	c.OK("all %d development environment assets have controls, MFA and a current access review", len(in.File.DevEnv))
}

// checkReleaseProvenance: the release under evaluation records its source
// commit, a build environment registered as CI or build host, and the
// identity that built it — the provenance of all its artifacts.
func checkReleaseProvenance(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	if strings.TrimSpace(r.Commit) == "" {
		c.Missing(r.At, "release %s: no source commit", r.Version)
	}
	switch env := devEnvByID(in, r.BuildEnv); {
	case r.BuildEnv == "":
		c.Missing(r.At, "release %s: no build_env (the CI system or build host that built it)", r.Version)
	case env == nil:
		c.Missing(r.At, "release %s: build_env %s is not registered under development_environment:", r.Version, r.BuildEnv)
	case env.Kind != "ci" && env.Kind != "build_host":
		c.Missing(r.At, "release %s: build_env %s is a %s, not a CI system or build host", r.Version, env.ID, env.Kind)
	default:
		c.Cite(env.ID)
	}
	if strings.TrimSpace(r.Builder) == "" {
		c.Missing(r.At, "release %s: no builder identity", r.Version)
	}
	c.Cite(r.Version)
	c.OK("release %s built from %s on %s by %s", r.Version, r.Commit, r.BuildEnv, r.Builder)
}

// checkToolchainPinned: the release records its toolchain, and every entry
// carries a version or checksum (contains a digit), e.g. go1.26.8.
func checkToolchainPinned(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	if len(r.Toolchain) == 0 {
		c.Missing(r.At, "release %s: no toolchain recorded (compilers, language version, linters with versions)", r.Version)
		return
	}
	for _, t := range r.Toolchain {
		if !strings.ContainsFunc(t, unicode.IsDigit) {
			c.Missing(r.At, "release %s: toolchain entry %q is not pinned to a version or checksum", r.Version, t)
		}
	}
	c.Cite(r.Version)
	c.OK("release %s pins its toolchain: %s", r.Version, strings.Join(r.Toolchain, ", "))
}

// checkSecretScan: a secret scan ran on the release under evaluation and
// passed, and no finding it raised is still open.
func checkSecretScan(in *Input, c *Check) {
	r := in.Release
	if r == nil {
		c.Missing(ward.Pos{}, "no release recorded under releases:")
		return
	}
	var passed []string
	for _, t := range in.File.Tests {
		if t.Kind != ward.TestSecretScan || !in.OnRelease(t) {
			continue
		}
		if t.Result != "pass" {
			c.Missing(t.At, "test %s: secret scan of release %s has result %s", t.ID, r.Version, t.Result)
			continue
		}
		passed = append(passed, t.ID)
	}
	for _, f := range in.File.Findings {
		if t := in.Test(f.Source); t != nil && t.Kind == ward.TestSecretScan && f.Status == "open" {
			c.Missing(f.At, "finding %s: secret found by %s is still open (revoke the credential and close it)", f.ID, t.ID)
		}
	}
	if len(passed) == 0 {
		c.Missing(r.At, "release %s: no passing secret_scan test on its commit range", r.Version)
	}
	c.Cite(passed...)
	c.OK("secret scan %s passed on release %s", strings.Join(passed, ", "), r.Version)
}
