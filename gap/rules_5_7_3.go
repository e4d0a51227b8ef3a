package gap

import (
	"github.com/wardhq/ward"
)

// Clause 5.7.3 — vulnerability testing.

func init() {
	register("R573-1", checkVulnerabilityTestSet)
	register("R573-2", checkAttackSurfaceAnalysis)
	register("R573-3", checkVulnDBFreshness)
	register("R573-4", checkFuzzRunsDocumented)
}

// vulnTestSet is the set of vulnerability tests R573-1 asks for on every
// release build, each satisfied by any of its kinds.
var vulnTestSet = []struct {
	name  string
	kinds []ward.TestKind
}{
	{"known-vulnerability scan (sca or vulnerability_scan)", []ward.TestKind{ward.TestSCA, ward.TestVulnScan}},
	{"static analysis (sast)", []ward.TestKind{ward.TestSAST}},
	{"fuzzing (fuzz)", []ward.TestKind{ward.TestFuzz}},
	{"hard-coded and default credential check (credential_check)", []ward.TestKind{ward.TestCredentials}},
}

// parsesExternalInput reports whether an interface takes data from outside
// that the product parses, so it must be fuzzed: inbound or bidirectional,
// and not a user interface or debug port (those are covered by other tests).
func parsesExternalInput(i *ward.Interface) bool {
	if i.Direction != "inbound" && i.Direction != "bidirectional" {
		return false
	}
	switch i.Kind {
	case "ui", "jtag", "other":
		return false
	}
	return true
}

// checkVulnerabilityTestSet: the release build has recorded runs (pass or
// fail) of a known-vulnerability scan, SAST, fuzzing and a credential
// check, each naming its tool, version and configuration; and every
// interface that parses external input is covered by a fuzz run.
func checkVulnerabilityTestSet(in *Input, c *Check) {
	for _, want := range vulnTestSet {
		var ran []*ward.Test
		for _, t := range releaseTestsOfKind(in, want.kinds...) {
			if testRan(t) {
				ran = append(ran, t)
			}
		}
		if len(ran) == 0 {
			at := ward.Pos{}
			if in.Release != nil {
				at = in.Release.At
			}
			c.Missing(at, "%s: no recorded run of %s", releaseName(in), want.name)
			continue
		}
		for _, t := range ran {
			switch {
			case t.Tool == nil || t.Tool.Name == "":
				c.Missing(t.At, "%s (%s): no tool name recorded", t.ID, t.Kind)
			case t.Tool.Version == "":
				c.Missing(t.At, "%s (%s): tool %s has no version recorded", t.ID, t.Kind, t.Tool.Name)
			case t.Tool.Config == "":
				c.Missing(t.At, "%s (%s): tool %s %s has no configuration recorded", t.ID, t.Kind, t.Tool.Name, t.Tool.Version)
			default:
				c.Cite(t.ID)
			}
		}
	}
	fuzzed := map[string]bool{}
	for _, t := range releaseTestsOfKind(in, ward.TestFuzz) {
		if testRan(t) {
			for _, id := range append(append([]string{}, t.Verifies...), t.Scope...) {
				fuzzed[id] = true
			}
		}
	}
	if ctx := in.File.Context; ctx != nil {
		for _, i := range ctx.Interfaces {
			if parsesExternalInput(i) && !fuzzed[i.ID] {
				c.Missing(i.At, "interface %s (%s, %s): no fuzz run on %s covers it (name it in the fuzz test's verifies: or scope:)", i.ID, i.Kind, i.Direction, releaseName(in))
			}
		}
	}
	c.OK("%s has known-vulnerability, SAST, fuzz and credential-check runs with tool, version and configuration, and every input-parsing interface is fuzzed", releaseName(in))
}

// checkAttackSurfaceAnalysis: the latest attack-surface analysis of the
// release passed, a pass meaning it found no port, service or API outside
// the interface inventory; a failed run points to the findings that record
// what it found. Whether the deployment was production-like is for the
// reviewer (look_at).
func checkAttackSurfaceAnalysis(in *Input, c *Check) {
	var last *ward.Test
	for _, t := range releaseTestsOfKind(in, ward.TestAttackSurface) {
		if last == nil || !t.Date.Before(last.Date) {
			last = t
		}
	}
	switch {
	case last == nil:
		at := ward.Pos{}
		if in.Release != nil {
			at = in.Release.At
		}
		c.Missing(at, "%s: no attack_surface test (port, service and API enumeration) ran on it", releaseName(in))
	case testPassed(last):
		c.Cite(last.ID)
		c.OK("attack-surface analysis %s on %s found nothing outside the interface inventory", last.ID, releaseName(in))
	case last.Result == "fail" && len(last.Findings) == 0:
		c.Missing(last.At, "%s: attack-surface analysis failed but records no findings naming what it found outside the interface inventory", last.ID)
	case last.Result == "fail":
		c.Missing(last.At, "%s: attack-surface analysis found ports, services or APIs outside the interface inventory (findings %s): add them to context.interfaces or close them, then re-run", last.ID, joinIDs(last.Findings))
	default:
		c.Missing(last.At, "%s: attack-surface analysis was not run (result %s)", last.ID, last.Result)
	}
}

// checkVulnDBFreshness: the freshest known-vulnerability scan of the
// release used vulnerability data no older than the policy limit before the
// release date.
func checkVulnDBFreshness(in *Input, c *Check) {
	ref := evaluationDate(in)
	scans := releaseTestsOfKind(in, ward.TestSCA, ward.TestVulnScan)
	var best *ward.Test
	for _, t := range scans {
		if !testRan(t) || t.VulnDBDate.IsZero() {
			continue
		}
		if best == nil || t.VulnDBDate.After(best.VulnDBDate) {
			best = t
		}
	}
	switch {
	case len(scans) == 0:
		c.Missing(ward.Pos{}, "%s: no sca or vulnerability_scan test, so the age of its vulnerability data is unknown", releaseName(in))
	case best == nil:
		for _, t := range scans {
			c.Missing(t.At, "%s (%s): no vulndb_date (date of the vulnerability data the scan used)", t.ID, t.Kind)
		}
	case best.VulnDBDate.AddDays(in.Policy.VulnDBMaxAgeDays).Before(ref):
		c.Missing(best.At, "%s: vulnerability data of %s is %d days older than %s on %s (policy allows %d)", best.ID, best.VulnDBDate, best.VulnDBDate.DaysUntil(ref), releaseName(in), ref, in.Policy.VulnDBMaxAgeDays)
	default:
		c.Cite(best.ID)
		c.OK("%s used vulnerability data of %s, within %d days of %s", best.ID, best.VulnDBDate, in.Policy.VulnDBMaxAgeDays, ref)
	}
}

// checkFuzzRunsDocumented: each fuzz run of the release records its
// duration or iterations, and a failed run (crashes) links the findings
// that triage the crashes.
func checkFuzzRunsDocumented(in *Input, c *Check) {
	runs := releaseTestsOfKind(in, ward.TestFuzz)
	if len(runs) == 0 {
		c.NotApplicable("no fuzz runs on %s (R573-1 asks for them)", releaseName(in))
		return
	}
	for _, t := range runs {
		ok := true
		if t.Duration == "" {
			c.Missing(t.At, "%s: no duration or iteration count (duration:)", t.ID)
			ok = false
		}
		switch t.Result {
		case "fail":
			if len(t.Findings) == 0 {
				c.Missing(t.At, "%s: fuzzing failed but no findings record how the crashes were triaged", t.ID)
				ok = false
			}
		case "not_run":
			c.Missing(t.At, "%s: fuzz run recorded as not_run", t.ID)
			ok = false
		}
		if ok {
			c.Cite(t.ID)
		}
	}
	c.OK("all %d fuzz runs record duration and crash triage", len(runs))
}
