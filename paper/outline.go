package paper

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Validate reports every problem that would stop d from rendering, one
// per line: no title, a date that is not YYYY-MM-DD, a nil section or
// block, two sections with one ID, a note of unknown kind, a table row
// longer than its header or widths that do not match it, a figure drawn
// without a size. WriteHTML and WritePDF call it first; builders may call
// it in their tests.
func (d *Document) Validate() error {
	if d == nil {
		return errors.New("paper: no document")
	}
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf("paper: "+format, args...)) }
	if strings.TrimSpace(d.Title) == "" {
		add("the document has no title")
	}
	if _, err := time.Parse(time.DateOnly, d.Date); err != nil {
		add("document date %q is not YYYY-MM-DD", d.Date)
	}
	seen := map[string]string{}
	var walk func(list []*Section, prefix string)
	walk = func(list []*Section, prefix string) {
		for i, s := range list {
			num := prefix + strconv.Itoa(i+1)
			if s == nil {
				add("section %s is nil", num)
				continue
			}
			if s.ID != "" {
				if other, ok := seen[s.ID]; ok {
					add("sections %s and %s share the ID %q", other, num, s.ID)
				}
				seen[s.ID] = num
			}
			for j, b := range s.Blocks {
				where := fmt.Sprintf("section %s, block %d", num, j+1)
				if isNil(b) {
					add("%s is nil", where)
					continue
				}
				switch b := block(b).(type) {
				case Note:
					if b.Kind != "info" && b.Kind != "warning" && b.Kind != "gap" {
						add("%s: note kind %q (want info, warning or gap)", where, b.Kind)
					}
				case Table:
					validateTable(&b, where, add)
				case Figure:
					if b.Draw != nil && !(b.Width > 0 && b.Height > 0) {
						add("%s: figure is drawn but has no size", where)
					}
				}
			}
			walk(s.Sections, num+".")
		}
	}
	walk(d.Sections, "")
	return errors.Join(errs...)
}

func validateTable(t *Table, where string, add func(string, ...any)) {
	if len(t.Header) == 0 {
		add("%s: table has no header", where)
	}
	for i, r := range t.Rows {
		if len(r) > len(t.Header) {
			add("%s: table row %d has %d cells for %d columns", where, i+1, len(r), len(t.Header))
		}
	}
	if len(t.Widths) > 0 {
		if len(t.Widths) != len(t.Header) {
			add("%s: table has %d widths for %d columns", where, len(t.Widths), len(t.Header))
		}
		for _, w := range t.Widths {
			if !(w > 0) {
				add("%s: table width %v is not positive", where, w)
				break
			}
		}
	}
}

// entry is a section in reading order, with what its place gives it.
type entry struct {
	*Section
	Number string // "1", "1.2"
	Level  int    // 1 for a top-level section
	Anchor string // Section.ID, or "section-1.2" when it has none
}

// outline lists the sections of d depth first, numbered.
func outline(d *Document) []entry {
	var out []entry
	var walk func(list []*Section, prefix string, level int)
	walk = func(list []*Section, prefix string, level int) {
		for i, s := range list {
			num := prefix + strconv.Itoa(i+1)
			anchor := s.ID
			if anchor == "" {
				anchor = "section-" + num
			}
			out = append(out, entry{Section: s, Number: num, Level: level, Anchor: anchor})
			walk(s.Sections, num+".", level+1)
		}
	}
	walk(d.Sections, "", 1)
	return out
}

// block returns b as a value, whether the builder stored the value or a
// pointer to it.
func block(b Block) Block {
	switch b := b.(type) {
	case *Para:
		return *b
	case *Note:
		return *b
	case *List:
		return *b
	case *Fields:
		return *b
	case *Table:
		return *b
	case *Figure:
		return *b
	}
	return b
}

// isNil reports whether b is nil or a nil pointer to a block.
func isNil(b Block) bool {
	switch b := b.(type) {
	case nil:
		return true
	case *Para:
		return b == nil
	case *Note:
		return b == nil
	case *List:
		return b == nil
	case *Fields:
		return b == nil
	case *Table:
		return b == nil
	case *Figure:
		return b == nil
	}
	return false
}

// noteLabel is the word a note starts with, so that its kind reads in
// black and white too.
func noteLabel(kind string) string {
	switch kind {
	case "warning":
		return "Warning"
	case "gap":
		return "Gap"
	}
	return "Note"
}

// dateShown reports whether the title block needs a row for d.Date: not
// when the builder put a "Date" field in Meta already.
func dateShown(d *Document) bool {
	for _, f := range d.Meta {
		if strings.EqualFold(strings.TrimSpace(f.Label), "date") {
			return false
		}
	}
	return true
}
