package osv

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/internal/jsonpos"
)

// ParseAdvisory parses one OSV record (a JSON object) into an advisory.
// file names the input in errors. Every problem of the record comes back
// at once as ward.PosErrors, each with file:line:col and a JSON path such as
// "affected[0].ranges[1].events[2]". Fields ward does not use are ignored,
// so records from newer schema versions still import.
//
// Records larger than DefaultLimits.MaxRecordBytes are rejected.
func ParseAdvisory(file string, data []byte) (*ward.Advisory, error) {
	if max := DefaultLimits.MaxRecordBytes; int64(len(data)) > max {
		return nil, ward.PosErrors{{Pos: ward.Pos{File: file}, Msg: fmt.Sprintf("record is %d bytes, more than the limit of %d", len(data), max)}}
	}
	return parseRecord(file, 1, data)
}

// The osv* types mirror the parts of the OSV schema that ward keeps.
// Pointers tell "absent" from "empty" where the schema cares.
type osvRecord struct {
	ID               string          `json:"id"`
	Modified         string          `json:"modified"`
	Published        string          `json:"published"`
	Withdrawn        string          `json:"withdrawn"`
	Aliases          []string        `json:"aliases"`
	Related          []string        `json:"related"`
	Summary          string          `json:"summary"`
	Details          string          `json:"details"`
	Severity         []osvSeverity   `json:"severity"`
	Affected         []osvAffected   `json:"affected"`
	References       []osvReference  `json:"references"`
	DatabaseSpecific json.RawMessage `json:"database_specific"` // free-form: read leniently
}

type osvSeverity struct {
	Type  string `json:"type"`
	Score string `json:"score"`
}

type osvAffected struct {
	Package  *osvPackage   `json:"package"`
	Ranges   []osvRange    `json:"ranges"`
	Versions []string      `json:"versions"`
	Severity []osvSeverity `json:"severity"`
}

type osvPackage struct {
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
	PURL      string `json:"purl"`
}

type osvRange struct {
	Type   string     `json:"type"`
	Repo   string     `json:"repo"`
	Events []osvEvent `json:"events"`
}

type osvEvent struct {
	Introduced   *string `json:"introduced"`
	Fixed        *string `json:"fixed"`
	LastAffected *string `json:"last_affected"`
	Limit        *string `json:"limit"`
}

type osvReference struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// problem is one finding of validate. path names the offending value; at is
// the value whose position is reported (the enclosing object when a
// required field is missing).
type problem struct {
	path, at  string
	msg, hint string
}

// parseRecord parses data, which starts on line firstLine of file.
func parseRecord(file string, firstLine int, data []byte) (*ward.Advisory, error) {
	var r osvRecord
	var probs []problem
	if err := json.Unmarshal(data, &r); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			// A syntax error leaves nothing to validate.
			// Offset counts the bytes read, the bad one included; at the end
			// of a truncated record it is the length.
			off, hint := se.Offset-1, ""
			if se.Offset >= int64(len(bytes.TrimRight(data, " \t\r\n"))) {
				off, hint = se.Offset, "the record is truncated"
			}
			return nil, ward.PosErrors{{Pos: jsonpos.NewRecord(file, firstLine, data).PosAt(off), Msg: "invalid JSON: " + se.Error(), Hint: hint}}
		case errors.As(err, &te):
			// Unmarshal keeps going after a type error, so the rest of the
			// record is still validated below.
			probs = append(probs, typeProblem(data, te))
		default:
			return nil, ward.PosErrors{{Pos: ward.Pos{File: file, Line: firstLine}, Msg: "invalid JSON: " + err.Error()}}
		}
	}
	adv, more := convert(&r)
	probs = append(probs, more...)
	if len(probs) == 0 {
		return adv, nil
	}
	index := jsonpos.NewRecord(file, firstLine, data)
	errs := make(ward.PosErrors, 0, len(probs))
	for _, p := range probs {
		errs = append(errs, &ward.PosError{
			Pos:  index.Pos(p.at),
			Path: p.path,
			Msg:  p.msg,
			Hint: p.hint,
		})
	}
	errs.Sort()
	return nil, errs
}

// convert checks r and turns it into an advisory. It reports every problem.
func convert(r *osvRecord) (*ward.Advisory, []problem) {
	var probs []problem
	bad := func(path, at, hint, format string, args ...any) {
		probs = append(probs, problem{path: path, at: at, msg: fmt.Sprintf(format, args...), hint: hint})
	}
	a := &ward.Advisory{
		ID:      r.ID,
		Aliases: nonEmpty(r.Aliases),
		Related: nonEmpty(r.Related),
		Summary: r.Summary,
		Details: r.Details,
	}
	switch {
	case r.ID == "":
		bad("id", "", "", "id is required")
	case !validID(r.ID):
		bad("id", "id", "", "id %q contains spaces, slashes or control characters", r.ID)
	}
	parseTime := func(field, s string, required bool) time.Time {
		if s == "" {
			if required {
				bad(field, "", "OSV requires it: the time of the record's last change, RFC 3339 in UTC", "%s is required", field)
			}
			return time.Time{}
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			bad(field, field, `for example "2024-10-10T12:00:00Z"`, "%s %q is not an RFC 3339 time", field, s)
			return time.Time{}
		}
		return t.UTC()
	}
	a.Modified = parseTime("modified", r.Modified, true)
	a.Published = parseTime("published", r.Published, false)
	a.Withdrawn = parseTime("withdrawn", r.Withdrawn, false)
	a.Severity = convertSeverity("severity", r.Severity, bad)
	for i, ra := range r.Affected {
		p := fmt.Sprintf("affected[%d]", i)
		af := ward.Affected{Versions: nonEmpty(ra.Versions), Severity: convertSeverity(p+".severity", ra.Severity, bad)}
		if ra.Package == nil {
			allGIT := len(ra.Ranges) > 0
			for _, rg := range ra.Ranges {
				allGIT = allGIT && rg.Type == "GIT"
			}
			if !allGIT {
				bad(p+".package", p, "only an entry whose ranges are all GIT may leave it out", "package is required")
			}
		} else {
			af.Ecosystem, af.Name, af.PURL = ra.Package.Ecosystem, ra.Package.Name, ra.Package.PURL
			if af.Ecosystem == "" {
				bad(p+".package.ecosystem", p+".package", `for example "PyPI", "Go", "crates.io", "Debian:12"`, "ecosystem is required")
			}
			if af.Name == "" {
				bad(p+".package.name", p+".package", "", "name is required")
			}
		}
		for j, rg := range ra.Ranges {
			af.Ranges = append(af.Ranges, convertRange(fmt.Sprintf("%s.ranges[%d]", p, j), rg, bad))
		}
		a.Affected = append(a.Affected, af)
	}
	for i, ref := range r.References {
		p := fmt.Sprintf("references[%d]", i)
		if ref.Type == "" {
			bad(p+".type", p, "", "type is required")
		}
		if ref.URL == "" {
			bad(p+".url", p, "", "url is required")
		}
		a.References = append(a.References, ward.Reference{Type: ref.Type, URL: ref.URL})
	}
	a.CWEs = cweIDs(r.DatabaseSpecific)
	return a, probs
}

func convertSeverity(path string, in []osvSeverity, bad func(path, at, hint, format string, args ...any)) []ward.Severity {
	var out []ward.Severity
	for i, s := range in {
		p := fmt.Sprintf("%s[%d]", path, i)
		if s.Type == "" {
			bad(p+".type", p, `for example "CVSS_V3"`, "type is required")
		}
		if s.Score == "" {
			bad(p+".score", p, "", "score is required")
		}
		out = append(out, ward.Severity{Type: s.Type, Score: s.Score})
	}
	return out
}

func convertRange(p string, rg osvRange, bad func(path, at, hint, format string, args ...any)) ward.Range {
	out := ward.Range{Type: rg.Type, Repo: rg.Repo}
	switch rg.Type {
	case "":
		bad(p+".type", p, "SEMVER, ECOSYSTEM or GIT", "type is required")
	case "SEMVER", "ECOSYSTEM":
	case "GIT":
		if rg.Repo == "" {
			bad(p+".repo", p, "the URL of the Git repository the commits belong to", "repo is required for a GIT range")
		}
	default:
		bad(p+".type", p+".type", "", "unknown range type %q (want SEMVER, ECOSYSTEM or GIT)", rg.Type)
	}
	introduced := false
	for k, ev := range rg.Events {
		ep := fmt.Sprintf("%s.events[%d]", p, k)
		var set []string
		var e ward.Event
		for _, f := range []struct {
			name string
			v    *string
			dst  *string
		}{
			{"introduced", ev.Introduced, &e.Introduced},
			{"fixed", ev.Fixed, &e.Fixed},
			{"last_affected", ev.LastAffected, &e.LastAffected},
			{"limit", ev.Limit, &e.Limit},
		} {
			if f.v == nil {
				continue
			}
			set = append(set, f.name)
			// Values are not checked against the range type: real GIT
			// events carry short hashes and patch file names, which the
			// version engine treats as unknown commits.
			if *f.v == "" {
				bad(ep+"."+f.name, ep, "", "%s is empty", f.name)
			}
			*f.dst = *f.v
		}
		switch len(set) {
		case 0:
			bad(ep, ep, "", "event has none of introduced, fixed, last_affected, limit")
		case 1:
		default:
			bad(ep, ep, "OSV allows one per event: split it into several events", "event sets %s", strings.Join(set, " and "))
		}
		introduced = introduced || ev.Introduced != nil
		out.Events = append(out.Events, e)
	}
	if !introduced {
		bad(p+".events", p, `add {"introduced": "0"} if every version before the fix is affected`, "range has no introduced event")
	}
	return out
}

// cweIDs reads database_specific.cwe_ids (GHSA and OSV.dev's convention).
// database_specific is free-form, so anything else there is ignored.
func cweIDs(raw json.RawMessage) []string {
	if len(raw) == 0 || raw[0] != '{' || !bytes.Contains(raw, []byte(`"cwe_ids"`)) {
		return nil
	}
	var ds struct {
		CWEIDs []string `json:"cwe_ids"`
	}
	if json.Unmarshal(raw, &ds) != nil {
		return nil
	}
	return nonEmpty(ds.CWEIDs)
}

// validID reports whether id can be shown and used as a key: OSV IDs are
// like "PYSEC-2021-19", "RHSA-2022:0216".
func validID(id string) bool {
	if len(id) > 256 {
		return false
	}
	for _, c := range id {
		if unicode.IsSpace(c) || unicode.IsControl(c) || c == '/' || c == '\\' {
			return false
		}
	}
	return true
}

// nonEmpty returns nil for an empty slice, so that absent and empty lists
// compare equal after a round trip through the store.
func nonEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// typeProblem turns a JSON type mismatch into a problem at the offending
// value, in JSON terms rather than Go types.
func typeProblem(data []byte, te *json.UnmarshalTypeError) problem {
	path := jsonpos.TypeErrorPath(data, te)
	name := path
	if name == "" {
		name = "record"
	}
	return problem{path: path, at: path, msg: fmt.Sprintf("%s is %s, want %s", name, article(te.Value), jsonpos.Kind(te.Type))}
}

func article(v string) string {
	if v == "" {
		return "of the wrong type"
	}
	if strings.ContainsRune("aeiou", rune(v[0])) {
		return "an " + v
	}
	return "a " + v
}
