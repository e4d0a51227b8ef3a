package ward

import "time"

// Advisory is one vulnerability record in OSV form
// (https://ossf.github.io/osv-schema/). Fields ward does not reason about
// are kept out; the raw record stays in the advisory store.
type Advisory struct {
	ID        string    // e.g. "PYSEC-2021-19", "GHSA-…", "GO-2023-1234", "RUSTSEC-…"
	Aliases   []string  // other IDs of the same vulnerability, e.g. "CVE-2021-3177"
	Related   []string  // IDs of related but distinct vulnerabilities
	Summary   string    // one line; may be empty
	Details   string    // free text, may be long
	Published time.Time // UTC; zero when absent
	Modified  time.Time // UTC; required by OSV
	Withdrawn time.Time // UTC; non-zero means the advisory must never match
	Severity  []Severity
	Affected  []Affected
	CWEs      []string // e.g. "CWE-79", from database_specific where given
	// References are the record's links in the order given: the advisory,
	// the fix, the report. Documents cite them.
	References []Reference
}

// Reference is one link of an advisory.
type Reference struct {
	Type string // "ADVISORY", "ARTICLE", "DETECTION", "DISCUSSION", "REPORT", "FIX", "INTRODUCED", "GIT", "PACKAGE", "EVIDENCE", "WEB"
	URL  string
}

// Severity is a scored severity as OSV records it.
type Severity struct {
	Type  string // "CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu", …
	Score string // the vector for CVSS types
}

// Affected is one affected package of an advisory.
type Affected struct {
	Ecosystem string   // OSV ecosystem, possibly with suffix, e.g. "PyPI", "Debian:12"
	Name      string   // package name as the ecosystem spells it
	PURL      string   // package URL without version; may be empty
	Ranges    []Range  // evaluated independently; any match affects
	Versions  []string // explicitly affected versions
	Severity  []Severity
}

// Range is one OSV range with its events in the order given.
type Range struct {
	Type   string // "SEMVER", "ECOSYSTEM" or "GIT"
	Repo   string // for GIT ranges
	Events []Event
}

// Event is one OSV range event: exactly one field is set.
type Event struct {
	Introduced   string
	Fixed        string
	LastAffected string
	Limit        string
}
