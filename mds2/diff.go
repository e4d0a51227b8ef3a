package mds2

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Delta is what changed between two forms: the questions whose answer or
// note changed, in the form's order.
type Delta struct {
	From, To Side
	// Warnings holds what makes the comparison weak, e.g. forms answered
	// from different catalog versions.
	Warnings []string
	Changes  []*Change
	Answers  int // changes of the answer (or of a header field's value)
	Notes    int // changes of the note only
}

// Side names one of the two forms compared.
type Side struct {
	Product, Release, ReleaseDate, CatalogVersion string
}

// Change is one question (or header field) that differs.
type Change struct {
	ID, Section, Question string
	// Kind is "answer" (the answer changed), "note" (only the note changed),
	// "field" (a header field's value changed), "added" or "removed" (the
	// question is in one catalog only).
	Kind             string
	From, To         string // answers, or field values
	FromNote, ToNote string
	FromSrcs, ToSrcs []string
}

// Diff compares form a (older) with b (newer). A note that differs only
// by the release versions of the two forms is not a change: every note
// that names the release would otherwise differ.
func Diff(a, b *Form) *Delta {
	d := &Delta{From: sideOf(a), To: sideOf(b)}
	if a.CatalogVersion != b.CatalogVersion {
		d.Warnings = append(d.Warnings, fmt.Sprintf("the forms were answered from catalog %s and %s: questions and rules may differ", a.CatalogVersion, b.CatalogVersion))
	}
	same := func(x, y string) bool {
		if x == y {
			return true
		}
		return a.Release != "" && b.Release != "" && strings.ReplaceAll(x, a.Release, b.Release) == y
	}
	oldFields := map[string]*Field{}
	for _, h := range a.Header {
		oldFields[h.ID] = h
	}
	for _, h := range b.Header {
		o := oldFields[h.ID]
		if o == nil || h.Rule == "field_date" {
			continue // the form's date always moves with the release
		}
		if !same(o.Value, h.Value) {
			d.Changes = append(d.Changes, &Change{ID: h.ID, Section: "DOC", Question: h.Label, Kind: "field", From: o.Value, To: h.Value,
				FromNote: o.Note, ToNote: h.Note, FromSrcs: o.Sources, ToSrcs: h.Sources})
			d.Answers++
		}
	}
	oldRows := map[string]*Row{}
	for _, r := range a.Rows() {
		oldRows[r.ID] = r
	}
	newIDs := map[string]bool{}
	for _, r := range b.Rows() {
		newIDs[r.ID] = true
		o := oldRows[r.ID]
		c := &Change{ID: r.ID, Section: r.Section, Question: r.Question, To: string(r.Value), ToNote: r.Note, ToSrcs: r.Sources}
		switch {
		case o == nil:
			c.Kind = "added"
			d.Answers++
		case o.Value != r.Value:
			c.Kind = "answer"
			d.Answers++
		case !same(o.Note, r.Note):
			c.Kind = "note"
			d.Notes++
		default:
			continue
		}
		if o != nil {
			c.From, c.FromNote, c.FromSrcs = string(o.Value), o.Note, o.Sources
		}
		d.Changes = append(d.Changes, c)
	}
	for _, o := range a.Rows() {
		if !newIDs[o.ID] {
			d.Changes = append(d.Changes, &Change{ID: o.ID, Section: o.Section, Question: o.Question, Kind: "removed",
				From: string(o.Value), FromNote: o.Note, FromSrcs: o.Sources})
			d.Answers++
		}
	}
	return d
}

func sideOf(f *Form) Side {
	name := f.Product.Name
	if name == "" {
		name = f.Product.ID
	}
	return Side{Product: name, Release: f.Release, ReleaseDate: f.ReleaseDate, CatalogVersion: f.CatalogVersion}
}

func (s Side) String() string {
	if s.Release == "" {
		return orDash(s.Product) + " (no release)"
	}
	return orDash(s.Product) + " " + s.Release
}

// WriteDiffText writes the changes as plain text: per question the answer
// before and after, then both notes.
func WriteDiffText(w io.Writer, d *Delta) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "MDS2 changes: %s -> %s\n", d.From, d.To)
	fmt.Fprintf(bw, "%s, %s\n", plural(d.Answers, "answer changed", "answers changed"), plural(d.Notes, "note changed", "notes changed"))
	for _, s := range d.Warnings {
		fmt.Fprintf(bw, "warning: %s\n", s)
	}
	for _, c := range d.Changes {
		switch c.Kind {
		case "note":
			fmt.Fprintf(bw, "\n%-11s %-19s %s\n", c.ID, c.To+" (note)", c.Question)
		case "added":
			fmt.Fprintf(bw, "\n%-11s %-19s %s\n", c.ID, "new: "+c.To, c.Question)
		case "removed":
			fmt.Fprintf(bw, "\n%-11s %-19s %s\n", c.ID, "gone: "+c.From, c.Question)
		case "field":
			fmt.Fprintf(bw, "\n%-11s %s\n", c.ID, c.Question)
			fmt.Fprintf(bw, "    was: %s\n    now: %s\n", orDash(c.From), orDash(c.To))
			continue
		default:
			fmt.Fprintf(bw, "\n%-11s %-19s %s\n", c.ID, c.From+" -> "+c.To, c.Question)
		}
		if c.Kind != "added" {
			fmt.Fprintf(bw, "    was: %s\n", c.FromNote)
		}
		if c.Kind != "removed" {
			fmt.Fprintf(bw, "    now: %s\n", c.ToNote)
		}
	}
	return bw.Flush()
}

type jsonDelta struct {
	From     jsonSide     `json:"from"`
	To       jsonSide     `json:"to"`
	Warnings []string     `json:"warnings"`
	Answers  int          `json:"answers_changed"`
	Notes    int          `json:"notes_changed"`
	Changes  []jsonChange `json:"changes"`
}

type jsonSide struct {
	Product        string `json:"product"`
	Release        string `json:"release"`
	ReleaseDate    string `json:"release_date"`
	CatalogVersion string `json:"catalog_version"`
}

type jsonChange struct {
	ID          string   `json:"id"`
	Section     string   `json:"section"`
	Question    string   `json:"question"`
	Kind        string   `json:"kind"`
	From        string   `json:"from"`
	To          string   `json:"to"`
	FromNote    string   `json:"from_note"`
	ToNote      string   `json:"to_note"`
	FromSources []string `json:"from_sources"`
	ToSources   []string `json:"to_sources"`
}

// WriteDiffJSON writes the changes as indented JSON; lists are never null.
func WriteDiffJSON(w io.Writer, d *Delta) error {
	side := func(s Side) jsonSide { return jsonSide{s.Product, s.Release, s.ReleaseDate, s.CatalogVersion} }
	out := jsonDelta{From: side(d.From), To: side(d.To), Warnings: nonNil(d.Warnings), Answers: d.Answers, Notes: d.Notes, Changes: []jsonChange{}}
	for _, c := range d.Changes {
		out.Changes = append(out.Changes, jsonChange{c.ID, c.Section, c.Question, c.Kind, c.From, c.To, c.FromNote, c.ToNote,
			nonNil(c.FromSrcs), nonNil(c.ToSrcs)})
	}
	return writeJSON(w, out)
}
