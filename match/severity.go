package match

import (
	"math"
	"strings"

	gocvss20 "github.com/pandatix/go-cvss/20"
	gocvss30 "github.com/pandatix/go-cvss/30"
	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"
	"github.com/wardhq/ward"
)

// Severity scores an advisory's severity for one affected entry: the
// entry's own severities first (OSV allows them only when the record has
// none at the top level), then the record's. Among several CVSS vectors the
// newest CVSS version that parses wins (v4.0, then v3.1, v3.0, v2.0). Level
// is critical, high, medium, low or none on the CVSS v3/v4 scale (v2 has no
// critical or none: 7.0–10.0 is high, as NVD rates it); "unknown" when no
// vector parses.
func Severity(entry, record []ward.Severity) ward.FindingSeverity {
	for _, sevs := range [][]ward.Severity{entry, record} {
		best, bestRank := ward.FindingSeverity{}, 0
		for _, s := range sevs {
			fs, rank := score(s)
			if rank > bestRank {
				best, bestRank = fs, rank
			}
		}
		if bestRank > 0 {
			return best
		}
	}
	return ward.FindingSeverity{Level: "unknown"}
}

// score computes one severity; rank orders CVSS versions (0: not scored).
func score(s ward.Severity) (ward.FindingSeverity, int) {
	vec := strings.TrimSpace(s.Score)
	fs := ward.FindingSeverity{Vector: vec, Method: s.Type}
	switch {
	case strings.HasPrefix(vec, "CVSS:4.0/"):
		c, err := gocvss40.ParseVector(vec)
		if err != nil {
			return fs, 0
		}
		fs.Score = c.Score()
		fs.Level = level(fs.Score)
		return fs, 4
	case strings.HasPrefix(vec, "CVSS:3.1/"):
		c, err := gocvss31.ParseVector(vec)
		if err != nil {
			return fs, 0
		}
		fs.Score = c.BaseScore()
		fs.Level = level(fs.Score)
		return fs, 3
	case strings.HasPrefix(vec, "CVSS:3.0/"):
		c, err := gocvss30.ParseVector(vec)
		if err != nil {
			return fs, 0
		}
		fs.Score = c.BaseScore()
		fs.Level = level(fs.Score)
		return fs, 2
	case s.Type == "CVSS_V2" || strings.HasPrefix(vec, "AV:"):
		c, err := gocvss20.ParseVector(strings.TrimPrefix(vec, "CVSS:2.0/"))
		if err != nil {
			return fs, 0
		}
		fs.Score = c.BaseScore()
		switch {
		case fs.Score >= 7:
			fs.Level = "high"
		case fs.Score >= 4:
			fs.Level = "medium"
		default:
			fs.Level = "low"
		}
		return fs, 1
	}
	return fs, 0
}

// level is the CVSS v3.x/v4.0 qualitative rating of a base score.
func level(score float64) string {
	score = math.Round(score*10) / 10
	switch {
	case score >= 9:
		return "critical"
	case score >= 7:
		return "high"
	case score >= 4:
		return "medium"
	case score > 0:
		return "low"
	}
	return "none"
}
