package trace

import (
	"cmp"
	"encoding/json"
	"io"
	"slices"
)

// The JSON contract of `ward trace --format json`. Every key is always
// present; lists are [] when empty, never null; file is "" and line 0
// where a record has no position (derived threats without a record).
type jsonMatrix struct {
	Product string        `json:"product"`
	Release string        `json:"release"` // "" when the file records no release: any test counts
	Forward []jsonRow     `json:"forward"`
	Reverse []jsonReverse `json:"reverse"`
	Breaks  []jsonBreak   `json:"breaks"`
}

// jsonRow is one forward row. Its link sets are normalized: each risk,
// control, requirement and test appears once in its list, sorted by ID,
// and names the IDs of the next links, so every path can be rebuilt.
type jsonRow struct {
	Kind         string            `json:"kind"` // interface, component, element, flow, data, none
	ID           string            `json:"id"`
	Title        string            `json:"title"`
	File         string            `json:"file"`
	Line         int               `json:"line"`
	Threats      []jsonThreat      `json:"threats"`
	Risks        []jsonRisk        `json:"risks"`
	Controls     []jsonControl     `json:"controls"`
	Requirements []jsonRequirement `json:"requirements"`
	Tests        []jsonTest        `json:"tests"`
}

type jsonThreat struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	File      string   `json:"file"`
	Line      int      `json:"line"`
	Decision  string   `json:"decision"` // "" when undecided
	Generated bool     `json:"generated"`
	Stale     bool     `json:"stale"`
	Via       []string `json:"via"`
	Risks     []string `json:"risks"`    // risk IDs
	Controls  []string `json:"controls"` // control IDs its decision names
}

type jsonRisk struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Acceptable *bool    `json:"acceptable"` // null when the file does not say
	Controls   []string `json:"controls"`
}

type jsonControl struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	Requirements []string `json:"requirements"`
}

type jsonRequirement struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Verified bool     `json:"verified"` // a passing test on the release
	Tests    []string `json:"tests"`
}

type jsonTest struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Result    string `json:"result"`
	Release   string `json:"release"` // the test's release, else its build
	OnRelease bool   `json:"on_release"`
}

// jsonReverse is one reverse row: a requirement or a test. For a
// requirement, verified says a test passed on the release and tests lists
// those verifying it; result, test_release and on_release are empty. For a
// test, verified says it passed on the release and requirements lists
// what it verifies; tests is empty.
type jsonReverse struct {
	Kind         string   `json:"kind"` // requirement or test
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	File         string   `json:"file"`
	Line         int      `json:"line"`
	Verified     bool     `json:"verified"`
	Result       string   `json:"result"`
	TestRelease  string   `json:"test_release"`
	OnRelease    bool     `json:"on_release"`
	Tests        []string `json:"tests"`
	Requirements []string `json:"requirements"`
	Controls     []string `json:"controls"`
	Risks        []string `json:"risks"`
	Threats      []string `json:"threats"`
	Interfaces   []string `json:"interfaces"`
	Components   []string `json:"components"`
	Elements     []string `json:"elements"`
}

type jsonBreak struct {
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Message string `json:"message"`
	File    string `json:"file"`
	Line    int    `json:"line"`
}

// WriteJSON writes m in the JSON contract above, indented.
func WriteJSON(w io.Writer, m *Matrix) error {
	out := jsonMatrix{Product: m.Product, Release: m.Release, Forward: []jsonRow{}, Reverse: []jsonReverse{}, Breaks: []jsonBreak{}}
	for _, r := range m.Forward {
		out.Forward = append(out.Forward, toJSONRow(r))
	}
	for _, r := range m.Reverse {
		jr := jsonReverse{Kind: r.Kind, ID: r.ID, Title: r.Title, File: r.At.File, Line: r.At.Line, Verified: r.Verified,
			Result: r.Result, TestRelease: r.Release, OnRelease: r.OnRelease, Tests: []string{}, Requirements: linkIDs(r.Requirements),
			Controls: linkIDs(r.Controls), Risks: linkIDs(r.Risks), Threats: linkIDs(r.Threats), Interfaces: linkIDs(r.Interfaces),
			Components: linkIDs(r.Components), Elements: linkIDs(r.Elements)}
		if r.Kind == "test" {
			jr.Verified = r.OnRelease && r.Result == "pass"
		}
		for _, t := range r.Tests {
			jr.Tests = append(jr.Tests, t.ID)
		}
		out.Reverse = append(out.Reverse, jr)
	}
	for _, b := range m.Breaks {
		out.Breaks = append(out.Breaks, jsonBreak{Kind: string(b.Kind), ID: b.ID, Message: b.Message, File: b.At.File, Line: b.At.Line})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func linkIDs(links []Link) []string {
	out := []string{}
	for _, l := range links {
		out = append(out, l.ID)
	}
	return out
}

func controlIDs(cs []ControlLink) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func toJSONRow(r Row) jsonRow {
	jr := jsonRow{Kind: string(r.Kind), ID: r.ID, Title: r.Title, File: r.At.File, Line: r.At.Line,
		Threats: []jsonThreat{}, Risks: []jsonRisk{}, Controls: []jsonControl{}, Requirements: []jsonRequirement{}, Tests: []jsonTest{}}
	risks := map[string]jsonRisk{}
	controls := map[string]jsonControl{}
	reqs := map[string]jsonRequirement{}
	tests := map[string]jsonTest{}
	addControls := func(cs []ControlLink) {
		for _, c := range cs {
			jc := jsonControl{ID: c.ID, Title: c.Title, Requirements: []string{}}
			for _, q := range c.Requirements {
				jc.Requirements = append(jc.Requirements, q.ID)
				jq := jsonRequirement{ID: q.ID, Title: q.Title, Verified: q.Verified, Tests: []string{}}
				for _, t := range q.Tests {
					jq.Tests = append(jq.Tests, t.ID)
					tests[t.ID] = jsonTest{ID: t.ID, Title: t.Title, Result: t.Result, Release: t.Release, OnRelease: t.OnRelease}
				}
				reqs[q.ID] = jq
			}
			controls[c.ID] = jc
		}
	}
	for _, t := range r.Threats {
		jt := jsonThreat{ID: t.ID, Title: t.Title, File: t.At.File, Line: t.At.Line, Decision: t.Decision, Generated: t.Generated,
			Stale: t.Stale, Via: append([]string{}, t.Via...), Risks: []string{}, Controls: controlIDs(t.Controls)}
		addControls(t.Controls)
		for _, k := range t.Risks {
			jt.Risks = append(jt.Risks, k.ID)
			risks[k.ID] = jsonRisk{ID: k.ID, Title: k.Title, Acceptable: k.Acceptable, Controls: controlIDs(k.Controls)}
			addControls(k.Controls)
		}
		jr.Threats = append(jr.Threats, jt)
	}
	jr.Risks = sortedValues(risks, func(v jsonRisk) string { return v.ID })
	jr.Controls = sortedValues(controls, func(v jsonControl) string { return v.ID })
	jr.Requirements = sortedValues(reqs, func(v jsonRequirement) string { return v.ID })
	jr.Tests = sortedValues(tests, func(v jsonTest) string { return v.ID })
	return jr
}

func sortedValues[T any](m map[string]T, id func(T) string) []T {
	out := make([]T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
	return out
}
