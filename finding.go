package ward

// Finding is one (component, advisory) pair that a scan decided is
// affected, with everything needed to explain the decision to an auditor.
type Finding struct {
	Component *Component
	Advisory  string   // advisory ID, e.g. "PYSEC-2021-19"
	Aliases   []string // sorted; CVE, GHSA, … of the same vulnerability
	Summary   string
	Severity  FindingSeverity
	Match     MatchReason
	Fixed     []string      // versions that fix it in the component's ecosystem, sorted by that ecosystem's order
	VEX       *VEXStatement // the statement that decides it; nil when none applies
}

// FindingSeverity is the severity of a finding as scored from the advisory.
type FindingSeverity struct {
	Level  string  // "critical", "high", "medium", "low", "none" or "unknown"
	Score  float64 // base score; 0 when unknown
	Vector string  // the CVSS vector it was computed from; empty when none
	Method string  // e.g. "CVSS_V3", "CVSS_V4"
}

// MatchReason says why a component was matched: which affected entry, which
// range or version list, which comparator and which identifier.
type MatchReason struct {
	Ecosystem  string // OSV ecosystem of the affected entry
	Package    string // package name in that entry
	Identifier string // what identified the component: "purl:pkg:pypi/django@3.2" or "cpe:…"
	Range      string // human-readable range, e.g. "introduced 0, fixed 3.2.4" or "versions list"
	Comparator string // e.g. "PyPI (PEP 440)", "SemVer 2.0.0"
	// Undecidable is set when the advisory cannot be decided offline for this
	// component (e.g. only GIT ranges): the finding is reported, not hidden.
	Undecidable string
}
