// Package cvss scores CVSS v2.0, v3.0, v3.1 and v4.0 vectors, derives a
// CVSS v3.1 base vector for a medical device from answers to a question set
// in the spirit of MITRE's "Rubric for Applying CVSS to Medical Devices",
// and places a risk in the manufacturer's risk matrix.
//
// CVSS expresses severity, not risk: the risk matrix, with the severity of
// patient harm from the safety risk file, turns it into a risk level. The
// arithmetic is github.com/pandatix/go-cvss's; this package checks vectors
// first so that every error names the metric at fault. It imports only ward
// and that library, never storage, web or cli.
package cvss

import (
	"fmt"
	"strings"

	gocvss20 "github.com/pandatix/go-cvss/20"
	gocvss30 "github.com/pandatix/go-cvss/30"
	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"

	"github.com/wardhq/ward"
)

// Result is the scoring of one vector.
type Result struct {
	Vector  string // as given, without surrounding space
	Version string // "2.0", "3.0", "3.1" or "4.0"

	// Base, Temporal and Environmental are the v2.0 and v3.x scores; zero
	// for v4.0. Temporal equals Base when the vector sets no temporal
	// metric. Environmental applies the specification's equations when
	// the vector sets an environmental metric, and equals Temporal when it
	// sets none: the equations alone give 0.1 more or less for some vectors
	// even then (v3.1, scope changed: 80 of the 2,592 base vectors, e.g.
	// AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H, 9.9 → 10.0; v2.0:
	// AV:L/AC:L/Au:N/C:C/I:C/A:C, 7.2 → 7.1), which FIRST's own definition
	// of "not defined" (no effect on the score) rules out.
	Base, Temporal, Environmental float64

	// Score is the one number to act on. For v4.0 it is the CVSS score of
	// the metrics given, and Nomenclature says which ("CVSS-B", "CVSS-BT",
	// "CVSS-BE" or "CVSS-BTE"). For v2.0 and v3.x it is Environmental,
	// the most specific score (NVD's "overall" score).
	Score        float64
	Nomenclature string // v4.0 only

	// Severity rates Score: "none", "low", "medium", "high" or "critical"
	// (v3.x and v4.0 qualitative scale). v2.0 has no such scale in its
	// specification; NVD's is used: "low" (0.0–3.9), "medium", "high"
	// (7.0–10.0).
	Severity string
}

// Score scores a CVSS vector: v2.0 without prefix ("AV:N/AC:L/Au:N/C:P/I:P/A:P"),
// or "CVSS:3.0/…", "CVSS:3.1/…", "CVSS:4.0/…". v2.0 and v3.x metrics may
// come in any order (FIRST's JSON schemas allow it); v4.0 metrics must
// follow the specification's order. It returns EInvalid naming the metric
// for an unknown version, an unknown, repeated, misplaced or missing metric,
// or a value the metric does not have.
func Score(vector string) (Result, error) {
	v, err := parse(vector)
	if err != nil {
		return Result{}, err
	}
	r := Result{Vector: strings.TrimSpace(vector), Version: v.spec.version}
	canon := v.canonical()
	var sc interface {
		BaseScore() float64
		TemporalScore() float64
		EnvironmentalScore() float64
	}
	switch v.spec {
	case v2:
		sc, err = gocvss20.ParseVector(canon)
	case v30:
		sc, err = gocvss30.ParseVector(canon)
	case v31:
		sc, err = gocvss31.ParseVector(canon)
	case v40:
		c, err := gocvss40.ParseVector(canon)
		if err != nil {
			return Result{}, libraryError(err)
		}
		r.Score = c.Score()
		r.Nomenclature = c.Nomenclature()
		r.Severity = rating(r.Score)
		return r, nil
	}
	if err != nil {
		return Result{}, libraryError(err)
	}
	r.Base = sc.BaseScore()
	r.Temporal = r.Base
	if v.defines(temporal) {
		r.Temporal = sc.TemporalScore()
	}
	r.Environmental = r.Temporal
	if v.defines(environmental) {
		r.Environmental = sc.EnvironmentalScore()
	}
	r.Score = r.Environmental
	if v.spec == v2 {
		r.Severity = ratingV2(r.Score)
	} else {
		r.Severity = rating(r.Score)
	}
	return r, nil
}

// libraryError wraps an error of the library on a vector parse accepted;
// it means the two disagree, which a test should catch first.
func libraryError(err error) error {
	return &ward.Error{Code: ward.EInvalid, Message: fmt.Sprintf("vector rejected by the CVSS library (%v)", err), Err: err}
}

// rating is the qualitative severity rating scale of CVSS v3.x (section
// 5) and v4.0 (section 6).
func rating(score float64) string {
	switch {
	case score >= 9.0:
		return "critical"
	case score >= 7.0:
		return "high"
	case score >= 4.0:
		return "medium"
	case score >= 0.1:
		return "low"
	}
	return "none"
}

// ratingV2 is NVD's rating for CVSS v2.0 scores.
func ratingV2(score float64) string {
	switch {
	case score >= 7.0:
		return "high"
	case score >= 4.0:
		return "medium"
	}
	return "low"
}
