package gap

import (
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/trace"
)

// Clause 7.2 — identification of vulnerabilities, threats and adverse impacts.

func init() {
	register("R72-1", checkThreatModelComplete)
	register("R72-2", checkThreatMethodology)
	register("R72-3", checkLifecyclePhases)
	register("R72-4", checkModelCoversInventory)
	register("R72-5", checkNetworkTrustAssumption)
}

// checkThreatModelComplete: the release's threat model version is at least
// its architecture version, and the model has every element list: data
// flows each with a protocol and categorised data, trust boundaries,
// processes, data stores, external entities, interfaces, external
// dependencies, and threats each with an attack vector, a severity (a
// scored risk) and a decision. The model has no field for an N/A
// justification of an empty list, so an empty list is a gap.
func checkThreatModelComplete(in *Input, c *Check) {
	arch := in.File.Architecture
	if arch == nil {
		c.Missing(ward.Pos{}, "no architecture: section, so there is no threat model")
		return
	}
	if r := in.Release; r != nil {
		switch {
		case r.ThreatModelVersion == "":
			c.Missing(r.At, "release %s: no threat_model_version", r.Version)
		case r.ArchitectureVersion == "":
			c.Missing(r.At, "release %s: no architecture_version", r.Version)
		case compareVersions(r.ThreatModelVersion, r.ArchitectureVersion) < 0:
			c.Missing(r.At, "release %s: threat model %s is older than architecture %s", r.Version, r.ThreatModelVersion, r.ArchitectureVersion)
		}
	}
	kinds := map[string]int{}
	for _, e := range arch.Elements {
		kinds[e.Kind]++
	}
	var ifaces int
	if ctx := in.File.Context; ctx != nil {
		ifaces = len(ctx.Interfaces)
	}
	for _, l := range []struct {
		name string
		n    int
	}{
		{"data flows", len(arch.Flows)},
		{"trust boundaries", len(arch.Boundaries)},
		{"processes", kinds["process"]},
		{"data stores", kinds["data_store"]},
		{"external entities", kinds["external_entity"]},
		{"external interfaces (context.interfaces)", ifaces},
		{"external dependencies", len(arch.Dependencies)},
		{"threats", len(in.File.Threats)},
	} {
		if l.n == 0 {
			c.Missing(arch.At, "threat model: no %s", l.name)
		}
	}
	for _, f := range arch.Flows {
		if f.Protocol == "" {
			c.Missing(f.At, "flow %s: no protocol", f.ID)
		}
		if len(f.Data) == 0 {
			c.Missing(f.At, "flow %s: the information it carries is not categorised (data:)", f.ID)
		}
	}
	// A threat without a decision is R72-6's; one ruled not applicable
	// states why instead of how it is attacked and how bad it is.
	for _, th := range in.File.Threats {
		if th.Decision == "not_applicable" {
			continue
		}
		if th.AttackVector == "" {
			c.Missing(th.At, "%s: no attack_vector", th.ID)
		}
		scored := false
		for _, r := range risksOfThreat(in, th.ID) {
			scored = scored || (r.Pre != nil && r.Pre.Severity != "")
		}
		if !scored {
			c.Missing(th.At, "%s: no severity (no risk with a pre-control score names it)", th.ID)
		}
	}
	c.OK("threat model %s is current and has every element list", arch.Version)
}

// checkThreatMethodology: the threat model names its method and why it fits.
func checkThreatMethodology(in *Input, c *Check) {
	arch := in.File.Architecture
	switch {
	case arch == nil:
		c.Missing(ward.Pos{}, "no architecture: section, so no threat-modelling method")
		return
	case arch.Methodology == "":
		c.Missing(arch.At, "architecture: no methodology (e.g. STRIDE, attack trees, PASTA)")
	case arch.Rationale == "":
		c.Missing(arch.At, "architecture: methodology %s has no rationale for choosing it", arch.Methodology)
	}
	c.OK("threat-modelling method %s is named with a rationale", arch.Methodology)
}

// requiredPhases are the life-cycle phases FDA expects a threat model to
// cover; each is met by any of its names.
var requiredPhases = []struct {
	name  string
	names []string
}{
	{"supply chain", []string{"supply_chain"}},
	{"manufacturing", []string{"manufacturing"}},
	{"deployment", []string{"deployment"}},
	{"interoperation", []string{"interoperation"}},
	{"maintenance and update", []string{"maintenance", "update"}},
	{"decommissioning", []string{"decommissioning"}},
}

// checkLifecyclePhases: the threat model covers supply chain,
// manufacturing, deployment, interoperation, maintenance or update, and
// decommissioning.
func checkLifecyclePhases(in *Input, c *Check) {
	arch := in.File.Architecture
	if arch == nil {
		c.Missing(ward.Pos{}, "no architecture: section, so no life-cycle phases")
		return
	}
	for _, p := range requiredPhases {
		found := false
		for _, n := range p.names {
			found = found || contains(arch.LifecyclePhases, n)
		}
		if !found {
			c.Missing(arch.At, "architecture: lifecycle_phases does not include %s", p.name)
		}
	}
	c.OK("the threat model covers all six life-cycle phases")
}

// checkModelCoversInventory: every interface in the inventory is used by a
// flow of the data-flow model or named by a threat, and every third-party
// component — from the release's SBOM, else the components list — is an
// external dependency of the threat model or runs in one of its elements.
func checkModelCoversInventory(in *Input, c *Check) {
	arch := in.File.Architecture
	if arch == nil {
		c.Missing(ward.Pos{}, "no architecture: section, so no threat model to compare the inventory with")
		return
	}
	used := map[string]bool{}
	for _, f := range arch.Flows {
		used[f.Interface] = true
	}
	for _, th := range in.File.Threats {
		for _, e := range th.Elements {
			used[e] = true
		}
	}
	if ctx := in.File.Context; ctx != nil {
		for _, i := range ctx.Interfaces {
			if !used[i.ID] {
				c.Missing(i.At, "interface %s is in the inventory but no flow or threat of the threat model uses it", i.ID)
			}
		}
	}
	// A software item is in the model when an element runs it, or, for
	// third-party items grouped with a rationale, when it is among the
	// model's external dependencies.
	grouped := map[string]bool{}
	for _, id := range arch.Dependencies {
		grouped[id] = true
	}
	unplaced := reportBreaks(in, c, "R72-4", func(b trace.Break) bool {
		return b.Kind == trace.ComponentUnplaced && grouped[b.ID]
	})
	for _, it := range in.File.Components {
		if !unplaced[it.ID] {
			c.Cite(it.ID)
		}
	}
	for _, comp := range in.SBOMComponents() {
		if in.ItemFor(comp) == nil {
			c.Missing(ward.Pos{}, "SBOM component %s has no components: entry, so the threat model cannot account for it", comp.DisplayName())
		}
	}
	c.OK("every interface and every software item is in the threat model")
}

// trustWords mark an assumption as being about how far the network is trusted.
var trustWords = []string{"hostile", "untrusted", "not trusted", "trust", "compromised", "attacker", "adversar"}

// checkNetworkTrustAssumption: an assumption of the threat model or the
// security context speaks about network trust (it mentions the network and
// one of hostile, untrusted, trust, compromised or attacker).
func checkNetworkTrustAssumption(in *Input, c *Check) {
	var all []string
	if arch := in.File.Architecture; arch != nil {
		all = append(all, arch.Assumptions...)
	}
	if ctx := in.File.Context; ctx != nil {
		all = append(all, ctx.Assumptions...)
		all = append(all, ctx.IsolationAssumptions...)
	}
	for _, a := range all {
		l := strings.ToLower(a)
		if !strings.Contains(l, "network") {
			continue
		}
		for _, w := range trustWords {
			if strings.Contains(l, w) {
				c.OK("network trust assumption: %q", a)
				return
			}
		}
	}
	at := ward.Pos{}
	if arch := in.File.Architecture; arch != nil {
		at = arch.At
	}
	c.Missing(at, "architecture: no assumption about network trust (e.g. \"the hospital network is hostile: an attacker can read, alter, drop and replay packets\")")
}

func init() {
	register("R72-6", checkDerivedThreatsDecided)
}

// checkDerivedThreatsDecided: every threat, recorded or derived from the
// data-flow model, has a decision (the traceability chain's undecided
// threats), and no record decides a derived threat (source rule:…) that
// the model no longer produces; a decision on a derived threat names its
// controls when mitigated and gives a rationale otherwise.
func checkDerivedThreatsDecided(in *Input, c *Check) {
	if in.Generated == nil {
		c.Manual("threats were not derived from the model in this run; run 'ward threats' and decide every threat it lists")
		return
	}
	undecided := reportBreaks(in, c, "R72-6", nil)
	for _, t := range in.File.Threats {
		switch {
		case undecided[t.ID] || !strings.HasPrefix(t.Source, "rule:"):
		case t.Decision == "mitigated" && len(t.Controls) == 0:
			c.Missing(t.At, "threat %s: mitigated but names no controls", t.ID)
		case t.Decision != "mitigated" && t.Rationale == "":
			c.Missing(t.At, "threat %s: %s without a rationale", t.ID, t.Decision)
		default:
			c.Cite(t.ID)
		}
	}
	c.OK("all %d threats (%d derived from the model) have a decision", len(in.File.Threats), len(in.Generated))
}
