package mds2

import (
	"fmt"
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wardhq/ward"
)

// result is what a rule decides: the answer, a note a reader can check,
// and the records that decided it.
type result struct {
	v    Value
	note string
	src  []string
}

func yes(note string, src ...string) result     { return result{Yes, note, src} }
func no(note string, src ...string) result      { return result{No, note, src} }
func na(note string, src ...string) result      { return result{NA, note, src} }
func unknown(note string, src ...string) result { return result{Unknown, note, src} }

// rule answers questions of the catalog. desc says what decides the answer
// and where the data must be for it to decide: it is the rule's contract
// with an auditor reading the form.
type rule struct {
	desc   string
	params params
	fn     func(f *facts, q *Question) result
}

// rules is every rule, by the name questions.yaml uses. TestCatalog checks
// that each is used by a question and each question's rule exists.
var rules = merge(genericRules, docRules, dataRules, accessRules, auditRules, connRules, softwareRules, hardeningRules)

func merge(sets ...map[string]rule) map[string]rule {
	out := map[string]rule{}
	for _, s := range sets {
		for k := range s {
			if _, dup := out[k]; dup {
				panic("mds2: rule " + k + " defined twice")
			}
		}
		maps.Copy(out, s)
	}
	return out
}

// RuleNames returns the names of every rule, for tests and documentation.
func RuleNames() []string {
	var out []string
	for k := range rules {
		out = append(out, k)
	}
	return out
}

// RuleInfo returns what decides the answers of rule name; "" if there is
// no such rule.
func RuleInfo(name string) string { return rules[name].desc }

var genericRules = map[string]rule{
	"not_recorded": {
		desc:   "Unknown: the security file has no field that decides the question; the note says what it would have to record.",
		params: params{needs: true},
		fn: func(f *facts, q *Question) result {
			return unknown("not recorded in the security file: " + q.Needs)
		},
	},
	"hardware_not_recorded": {
		desc:   "N/A for a software-only product (see PLOK-1); otherwise unknown: the security file does not record the physical property asked about.",
		params: params{needs: true},
		fn: func(f *facts, q *Question) result {
			if only, r := f.softwareOnly(); only {
				return na("software only: "+r.note, r.src...)
			}
			return unknown("not recorded in the security file: " + q.Needs)
		},
	},
	"records_say": {
		desc: "Yes when a record names the capability (the question's terms, as whole words, in the places listed by in: requirements, " +
			"controls, interfaces, context, components, flows, actors); unknown otherwise, never no: silence is not a denial.",
		params: params{terms: true, in: true},
		fn: func(f *facts, q *Question) result {
			in := q.In
			if len(in) == 0 {
				in = []string{"requirements", "controls", "interfaces"}
			}
			hits := f.search(in, q.Terms)
			if len(hits) == 0 {
				return unknown(fmt.Sprintf("no record names it: looked for %s in %s", quoteAll(q.Terms), placesOf(in)))
			}
			return yes(hitsNote(hits), hitSources(hits)...)
		},
	},
	"doc_kind": {
		desc:   "Yes when a document of one of the kinds is linked to the release (documents[].releases or releases[].documents); unknown otherwise.",
		params: params{kinds: true},
		fn: func(f *facts, q *Question) result {
			if f.rel == nil && len(f.docs) == 0 {
				return unknown(f.releaseMissing())
			}
			docs := f.docsOf(q.Kinds...)
			if len(docs) == 0 {
				return unknown(fmt.Sprintf("no document of kind %s linked to release %s", strings.Join(q.Kinds, " or "), f.version))
			}
			return yes(describeDocs(docs)+" linked to release "+f.version, ids(docs)...)
		},
	},
	"doc_covers": {
		desc:   "Yes when a document linked to the release lists one of the topics in covers; unknown otherwise.",
		params: params{topics: true},
		fn: func(f *facts, q *Question) result {
			if f.rel == nil && len(f.docs) == 0 {
				return unknown(f.releaseMissing())
			}
			docs := f.docsCovering(q.Topics...)
			if len(docs) == 0 {
				return unknown(fmt.Sprintf("no document linked to release %s covers %s (documents[].covers)", f.version, strings.Join(q.Topics, " or ")))
			}
			return yes(describeDocs(docs)+" covers "+strings.Join(q.Topics, " or "), ids(docs)...)
		},
	},
	"interface_kinds": {
		desc: "Yes when context.interfaces has an interface of one of the kinds; no when it has none (the list holds every interface). " +
			"Kind other, when listed, cannot be told apart: it makes the answer unknown rather than no.",
		params: params{kinds: true},
		fn: func(f *facts, q *Question) result {
			if len(f.ctx.Interfaces) == 0 {
				return unknown("context.interfaces is empty")
			}
			var named, other []*ward.Interface
			for _, i := range f.ctx.Interfaces {
				switch {
				case i.Kind == "other" && contains(q.Kinds, "other"):
					other = append(other, i)
				case contains(q.Kinds, i.Kind):
					named = append(named, i)
				}
			}
			kinds := strings.Join(without(q.Kinds, "other"), ", ")
			switch {
			case len(named) > 0:
				return yes(describeIfaces(named, 6), ids(named)...)
			case len(other) > 0 && kinds == "":
				return unknown(fmt.Sprintf("%s: kind other does not say what it is (set context.interfaces[%s].kind)",
					describeIfaces(other, 3), other[0].ID), ids(other)...)
			case len(other) > 0:
				return unknown(fmt.Sprintf("no interface of kind %s, but %s: kind other does not say whether it is one (set context.interfaces[%s].kind)",
					kinds, describeIfaces(other, 3), other[0].ID), ids(other)...)
			case kinds == "":
				kinds = "other"
			}
			return no(fmt.Sprintf("no interface of kind %s in context.interfaces", kinds))
		},
	},
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

func describeDocs(docs []*ward.Document) string {
	var names []string
	for _, d := range docs {
		names = append(names, d.ID+" ("+d.Kind+")")
	}
	return list(names, 4)
}

// ---- searching records for terms

// textRec is one text field of a record, for records_say.
type textRec struct {
	src, path, text string
}

// corpora are the places records_say can look, by the name used in in:.
var corpora = map[string]func(f *facts) []textRec{
	"requirements": func(f *facts) []textRec {
		var out []textRec
		for _, r := range f.sf.Requirements {
			out = append(out, textRec{r.ID, "requirements[" + r.ID + "]", r.Title + ". " + r.Text})
		}
		return out
	},
	"controls": func(f *facts) []textRec {
		var out []textRec
		for _, c := range f.sf.Controls {
			out = append(out, textRec{c.ID, "controls[" + c.ID + "].title", c.Title})
		}
		return out
	},
	"interfaces": func(f *facts) []textRec {
		var out []textRec
		for _, i := range f.ctx.Interfaces {
			p := "context.interfaces[" + i.ID + "]."
			out = append(out, textRec{i.ID, p + "authentication", i.Authentication}, textRec{i.ID, p + "encryption", i.Encryption},
				textRec{i.ID, p + "protocol", i.Protocol + " " + i.ProtocolVersion}, textRec{i.ID, p + "purpose", i.Purpose},
				textRec{i.ID, p + "justification", i.Justification})
		}
		return out
	},
	"context": func(f *facts) []textRec {
		var out []textRec
		for _, s := range f.ctx.HardwareSecurity {
			out = append(out, textRec{"context.hardware_security", "context.hardware_security", s})
		}
		for _, s := range f.ctx.HDOResponsibilities {
			out = append(out, textRec{"context.hdo_responsibilities", "context.hdo_responsibilities", s})
		}
		for _, s := range f.ctx.Assumptions {
			out = append(out, textRec{"context.assumptions", "context.assumptions", s})
		}
		return out
	},
	"components": func(f *facts) []textRec {
		var out []textRec
		for _, c := range f.sf.Components {
			for _, t := range c.OperatorTasks {
				out = append(out, textRec{c.ID, "components[" + c.ID + "].operator_tasks", t})
			}
		}
		return out
	},
	"flows": func(f *facts) []textRec {
		var out []textRec
		for _, fl := range f.arch.Flows {
			p := "architecture.flows[" + fl.ID + "]."
			out = append(out, textRec{fl.ID, p + "authentication", fl.Authentication}, textRec{fl.ID, p + "justification", fl.Justification})
		}
		return out
	},
	"actors": func(f *facts) []textRec {
		var out []textRec
		for _, a := range f.ctx.Actors {
			out = append(out, textRec{a.ID, "context.actors[" + a.ID + "].privileges", a.Privileges})
		}
		return out
	},
}

var placeNames = map[string]string{
	"requirements": "requirements[].text",
	"controls":     "controls[].title",
	"interfaces":   "context.interfaces[]",
	"context":      "context.hardware_security, hdo_responsibilities and assumptions",
	"components":   "components[].operator_tasks",
	"flows":        "architecture.flows[]",
	"actors":       "context.actors[].privileges",
}

func placesOf(in []string) string {
	var out []string
	for _, p := range in {
		out = append(out, placeNames[p])
	}
	return strings.Join(out, ", ")
}

// hit is one place a term was found.
type hit struct {
	rec  textRec
	word string // the text around the match, as written
}

// search looks for terms in the places in, in catalog order of places and
// record order within them, one hit per record field.
func (f *facts) search(in, terms []string) []hit {
	var out []hit
	for _, place := range in {
		for _, rec := range corpora[place](f) {
			for _, t := range terms {
				if w, ok := findTerm(rec.text, t); ok {
					out = append(out, hit{rec, w})
					break
				}
			}
		}
	}
	return out
}

// findTerm finds term in text as whole words, ignoring case; a trailing *
// in term matches any word ending. It returns the words matched as written.
func findTerm(text, term string) (string, bool) {
	prefix := strings.HasSuffix(term, "*")
	term = strings.ToLower(strings.TrimSuffix(term, "*"))
	lower := strings.ToLower(text)
	if len(lower) != len(text) { // a case mapping changed byte lengths: quote the lower-case text
		text = lower
	}
	for start := 0; start < len(lower); {
		i := strings.Index(lower[start:], term)
		if i < 0 {
			return "", false
		}
		i += start
		end := i + len(term)
		if !wordBefore(lower, i) && (prefix || !wordAfter(lower, end)) {
			// Quote the whole word, hyphenated parts included ("tamper-evident").
			for end < len(lower) && (wordAfter(lower, end) || lower[end] == '-' && wordAfter(lower, end+1)) {
				_, n := utf8.DecodeRuneInString(lower[end:])
				end += n
			}
			return text[i:end], true
		}
		start = i + 1
	}
	return "", false
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func wordBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWord(r)
}

func wordAfter(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWord(r)
}

func hitsNote(hits []hit) string {
	var parts []string
	for _, h := range hits {
		parts = append(parts, fmt.Sprintf("%s: %q", h.rec.path, h.word))
	}
	return "named in " + list(parts, 3)
}

func hitSources(hits []hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.rec.src)
	}
	return out
}

func quoteAll(terms []string) string {
	var out []string
	for _, t := range terms {
		out = append(out, fmt.Sprintf("%q", t))
	}
	return list(out, 6)
}
