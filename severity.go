package ward

import "strings"

// SeverityRank orders the qualitative severities of findings, risks and
// vulnerabilities, case-insensitively: critical 4, high 3, medium 2, low 1,
// none or info 0, anything else -1.
func SeverityRank(s string) int {
	switch strings.ToLower(s) {
	case "critical":
		return 4
	case "high":
		return 3
	case "medium":
		return 2
	case "low":
		return 1
	case "none", "info":
		return 0
	}
	return -1
}
