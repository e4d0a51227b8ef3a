package mds2

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteText writes the form as plain text in the form's layout: the
// header, then each section with its questions, answers, notes and sources.
func WriteText(w io.Writer, f *Form) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "MDS2 (%s): %s\n", f.Form, f.title())
	fmt.Fprintf(bw, "Answered by ward from the security file, catalog %s. The questions are ward's paraphrases; the form's wording is NEMA's.\n", f.CatalogVersion)
	fmt.Fprintf(bw, "Date: %s\n", orDash(f.Date))
	fmt.Fprintf(bw, "Made from: %s\n", f.MadeFrom.describe())
	c := f.Counts
	fmt.Fprintf(bw, "Answers: %d questions: %d yes, %d no, %d n/a, %d unknown\n", c.Questions, c.Yes, c.No, c.NA, c.Unknown)
	if len(f.Warnings) > 0 {
		fmt.Fprintln(bw, "\nWarnings:")
		for _, s := range f.Warnings {
			fmt.Fprintf(bw, "  - %s\n", s)
		}
	}
	for _, s := range f.Sections {
		fmt.Fprintf(bw, "\n%s  %s\n", s.Code, s.Title)
		if s.Code == "DOC" {
			for _, h := range f.Header {
				fmt.Fprintf(bw, "  %-11s %s: %s\n", h.ID, h.Label, orDash(h.Value))
				if h.Value == "" {
					fmt.Fprintf(bw, "  %-11s %s\n", "", h.Note)
				}
			}
		}
		for _, r := range s.Rows {
			fmt.Fprintf(bw, "  %-11s %-8s %s\n", r.ID, r.Value, r.Question)
			fmt.Fprintf(bw, "  %-11s %-8s %s\n", "", "", r.Note)
			if len(r.Sources) > 0 {
				fmt.Fprintf(bw, "  %-11s %-8s [%s]\n", "", "", strings.Join(r.Sources, ", "))
			}
		}
	}
	return bw.Flush()
}

func (f *Form) title() string {
	name := f.Product.Name
	if name == "" {
		name = f.Product.ID
	}
	if f.Release == "" {
		return orDash(name) + ", no release"
	}
	s := orDash(name) + " " + f.Release
	if f.ReleaseDate != "" {
		s += " (" + f.ReleaseDate + ")"
	}
	return s
}

func (m MadeFrom) describe() string {
	parts := []string{plural(len(m.Files), "YAML file", "YAML files")}
	for _, s := range m.SBOMs {
		if s.Error != "" {
			parts = append(parts, fmt.Sprintf("%s (%s, unreadable: %s)", s.ID, s.Path, s.Error))
		} else {
			parts = append(parts, fmt.Sprintf("%s (%s, %s, %s)", s.ID, s.Path, s.Format, plural(s.Components, "component", "components")))
		}
	}
	if len(m.SBOMs) == 0 {
		parts = append(parts, "no SBOM")
	}
	if m.ArchitectureVersion != "" {
		parts = append(parts, "architecture "+m.ArchitectureVersion)
	}
	if m.ContextReviewedFor != "" {
		parts = append(parts, "context reviewed for "+m.ContextReviewedFor)
	}
	return strings.Join(parts, "; ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
