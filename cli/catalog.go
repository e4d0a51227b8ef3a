package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/wardhq/ward/gap"
)

// runCatalog is `ward catalog`: the embedded clause catalog and its rules.
func runCatalog(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "catalog", "[clause]", "List the clauses of IEC 81001-5-1 in ward's catalog, with their rules.")
	format := fs.String("format", "text", "output format: text or json")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	cat, err := gap.Load()
	if err != nil {
		return err
	}
	clauses := cat.Clauses
	if len(pos) > 0 {
		clauses = nil
		for _, id := range pos {
			c := cat.Clause(id)
			if c == nil {
				return usagef("unknown clause %q ('ward catalog' lists them)", id)
			}
			clauses = append(clauses, c)
		}
	}
	switch *format {
	case "json":
		out := *cat
		out.Clauses = clauses
		b, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s\n", b)
		return err
	case "text":
	default:
		return usagef("unknown format %q (want text or json)", *format)
	}
	fmt.Fprintf(e.stdout, "%s — catalog %s\n", cat.Standard, cat.Version)
	for _, c := range clauses {
		indent := strings.Repeat("  ", strings.Count(c.ID, "."))
		fmt.Fprintf(e.stdout, "\n%s%s %s", indent, c.ID, c.Title)
		if c.Heading || c.Informative {
			fmt.Fprintln(e.stdout)
			continue
		}
		fmt.Fprintln(e.stdout)
		if c.Summary != "" {
			fmt.Fprintf(e.stdout, "%s  %s\n", indent, c.Summary)
		}
		if len(c.IEC62443) > 0 {
			fmt.Fprintf(e.stdout, "%s  IEC 62443-4-1: %s\n", indent, strings.Join(c.IEC62443, ", "))
		}
		for _, r := range c.Rules {
			mode := "manual"
			if r.Automated {
				mode = "checked"
			}
			fmt.Fprintf(e.stdout, "%s  - %-9s %-7s %-7s %s\n", indent, r.ID, r.Severity, mode, r.Title)
		}
	}
	return nil
}
