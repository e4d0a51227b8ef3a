package evidence

import (
	"slices"
	"strings"
)

// MentionedIDs returns, sorted and unique, the IDs of known that occur in
// any of texts. Matching is case-insensitive and finds an ID written as it
// is ("REQ-012 rejects a bolus above the limit"), with its '-' written as
// '_' ("TestREQ_012", "TestDose/REQ_012_limit") or left out
// ("test_req012_rejects", "TestReq012Rejects"). An occurrence counts when
// it stands apart:
//
//   - on the left: at the start, after a character that is not a letter
//     or digit ("_", "-", "/", " ", …), or where a lower-case letter or a
//     digit is followed by the ID's first letter in upper case
//     ("TestREQ_012");
//   - on the right: at the end, before a character other than a letter,
//     digit, '-' or '.', before '-' or '.' not followed by a digit (so
//     "REQ-012." ends a sentence but "REQ-012.1" and "REQ-01-2" are other
//     IDs), before a letter when the ID ends in a digit ("REQ012Rejects"),
//     or before an upper-case letter after a lower-case one. A digit never
//     ends an ID: REQ-01 does not match "REQ-012".
//
// Where two known IDs match at the same place ("REQ-1" and "REQ-1a" in
// "REQ-1a"), only the longer counts. IDs hold letters, digits, '-', '_'
// and '.'; an ID with other characters never matches.
func MentionedIDs(known []string, texts ...string) []string {
	return NewIDMatcher(known).Find(texts...)
}

// IDMatcher finds mentions of a fixed set of IDs, as MentionedIDs does,
// without rebuilding its index for each text: build one per import and
// call Find per test case or result. It is safe for concurrent use.
type IDMatcher struct {
	byKey  map[string][]idForms // by normalized form: lower case, no '-' or '_'
	maxKey int
}

// idForms are the ways an ID may be written, in lower case.
type idForms struct {
	id                          string
	canonical, underscore, bare string
}

// NewIDMatcher indexes known. Empty and repeated IDs are ignored.
func NewIDMatcher(known []string) *IDMatcher {
	m := &IDMatcher{byKey: make(map[string][]idForms, len(known))}
	for _, id := range known {
		key := normalizeID(id)
		if key == "" || !isIDText(id) {
			continue
		}
		lower := strings.ToLower(id)
		f := idForms{
			id:         id,
			canonical:  lower,
			underscore: strings.ReplaceAll(lower, "-", "_"),
			bare:       strings.ReplaceAll(lower, "-", ""),
		}
		if slices.ContainsFunc(m.byKey[key], func(g idForms) bool { return g.id == id }) {
			continue
		}
		m.byKey[key] = append(m.byKey[key], f)
		m.maxKey = max(m.maxKey, len(key))
	}
	return m
}

// Find returns, sorted and unique, the known IDs mentioned in texts.
func (m *IDMatcher) Find(texts ...string) []string {
	var found []string
	key := make([]byte, 0, m.maxKey)
	for _, t := range texts {
		for i := 0; i < len(t); i++ {
			if !isAlnum(t[i]) || !leftBoundary(t, i) {
				continue
			}
			best, bestEnd := "", -1
			key = key[:0]
			for j := i; j < len(t) && isIDChar(t[j]) && len(key) < m.maxKey; j++ {
				c := t[j]
				if c == '-' || c == '_' {
					continue
				}
				key = append(key, lower(c))
				forms, ok := m.byKey[string(key)]
				if !ok || !rightBoundary(t, j+1) {
					continue
				}
				seg := t[i : j+1]
				for _, f := range forms {
					if strings.EqualFold(seg, f.canonical) || strings.EqualFold(seg, f.underscore) || strings.EqualFold(seg, f.bare) {
						if j+1 > bestEnd {
							best, bestEnd = f.id, j+1
						}
					}
				}
			}
			if bestEnd >= 0 {
				found = append(found, best)
			}
		}
	}
	slices.Sort(found)
	return slices.Compact(found)
}

func normalizeID(id string) string {
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		if c := id[i]; c != '-' && c != '_' {
			b.WriteByte(lower(c))
		}
	}
	return b.String()
}

// isIDText reports whether id is made only of characters IDs hold.
func isIDText(id string) bool {
	for i := 0; i < len(id); i++ {
		if !isIDChar(id[i]) {
			return false
		}
	}
	return isAlnum(id[0])
}

func leftBoundary(t string, i int) bool {
	if i == 0 {
		return true
	}
	p, c := t[i-1], t[i]
	return !isAlnum(p) || (isLower(p) || isDigit(p)) && isUpper(c)
}

func rightBoundary(t string, e int) bool {
	if e == len(t) {
		return true
	}
	c, p := t[e], t[e-1]
	switch {
	case c == '-' || c == '.':
		return e+1 == len(t) || !isDigit(t[e+1])
	case !isAlnum(c):
		return true
	case isDigit(c):
		return false
	case isDigit(p): // a letter after the ID's last digit
		return true
	}
	return isLower(p) && isUpper(c)
}

func isIDChar(c byte) bool { return isAlnum(c) || c == '-' || c == '_' || c == '.' }
func isAlnum(c byte) bool  { return isDigit(c) || isLower(c) || isUpper(c) }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLower(c byte) bool  { return 'a' <= c && c <= 'z' }
func isUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }

func lower(c byte) byte {
	if isUpper(c) {
		return c + 'a' - 'A'
	}
	return c
}
