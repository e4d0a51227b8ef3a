package ward

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is where a record or value sits in an input file. Line and Col are
// 1-based; zero when unknown or when the format has no positions.
type Pos struct {
	File      string
	Line, Col int
}

// String formats p as file:line:col, leaving out what is unknown.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsZero reports whether p carries no location.
func (p Pos) IsZero() bool { return p.File == "" }

// PosError locates a problem in an input file:
//
//	security/threats.yaml:14:7: threats[3].asset: unknown asset "AST-9" (add it to assets.yaml)
type PosError struct {
	Pos
	Path      string // JSON-path-like, e.g. "threats[3].asset"; empty for the whole file
	Msg, Hint string
}

func (e *PosError) Error() string {
	var b strings.Builder
	if s := e.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// PosErrors is every problem found in one pass: parsers do not stop at the
// first. Its Error method prints one PosError per line.
type PosErrors []*PosError

func (es PosErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders es by file, line, column, path and message, and drops exact
// duplicates, so that reports are stable.
func (es *PosErrors) Sort() {
	slices.SortStableFunc(*es, func(a, b *PosError) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	*es = slices.CompactFunc(*es, func(a, b *PosError) bool { return *a == *b })
}

// Err returns es as an error, or nil when es is empty.
func (es PosErrors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}
