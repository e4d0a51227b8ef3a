package threat_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/threat"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	g := func(id string, edit ...func(*ward.GeneratedThreat)) ward.GeneratedThreat {
		x := ward.GeneratedThreat{ID: id, Rule: "R", STRIDE: "T", Title: "title " + id, Description: "why " + id,
			Elements: []string{"E-" + id}, Assets: []string{"AST-1"}}
		for _, f := range edit {
			f(&x)
		}
		return x
	}
	type summary struct{ New, Gone, Changed []string }
	for _, tc := range []struct {
		name     string
		old, cur []ward.GeneratedThreat
		want     summary
	}{
		{"both empty", nil, nil, summary{}},
		{"identical", []ward.GeneratedThreat{g("A"), g("B")}, []ward.GeneratedThreat{g("A"), g("B")}, summary{}},
		{"new and gone, sorted", []ward.GeneratedThreat{g("C"), g("A")}, []ward.GeneratedThreat{g("D"), g("A"), g("B")},
			summary{New: []string{"B", "D"}, Gone: []string{"C"}}},
		{"title", []ward.GeneratedThreat{g("A")}, []ward.GeneratedThreat{g("A", func(x *ward.GeneratedThreat) { x.Title = "renamed" })},
			summary{Changed: []string{"A:title"}}},
		{"description and safety", []ward.GeneratedThreat{g("A")}, []ward.GeneratedThreat{g("A", func(x *ward.GeneratedThreat) {
			x.Description, x.Safety = "other", true
		})}, summary{Changed: []string{"A:description", "A:safety"}}},
		{"assets", []ward.GeneratedThreat{g("A")}, []ward.GeneratedThreat{g("A", func(x *ward.GeneratedThreat) { x.Assets = []string{"AST-1", "AST-2"} })},
			summary{Changed: []string{"A:assets"}}},
		{"asset order is no change", []ward.GeneratedThreat{g("A", func(x *ward.GeneratedThreat) { x.Assets = []string{"AST-2", "AST-1"} })},
			[]ward.GeneratedThreat{g("A", func(x *ward.GeneratedThreat) { x.Assets = []string{"AST-1", "AST-2"} })}, summary{}},
		{"controls are the rule's, no change", []ward.GeneratedThreat{g("A")},
			[]ward.GeneratedThreat{g("A", func(x *ward.GeneratedThreat) { x.Controls = []string{"x"} })}, summary{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := threat.Diff(tc.old, tc.cur)
			if d.New == nil || d.Gone == nil || d.Changed == nil {
				t.Fatalf("Diff returned a nil list: %+v", d)
			}
			var got summary
			for _, x := range d.New {
				got.New = append(got.New, x.ID)
			}
			for _, x := range d.Gone {
				got.Gone = append(got.Gone, x.ID)
			}
			for _, c := range d.Changed {
				if c.Old.ID != c.New.ID {
					t.Errorf("change pairs %s with %s", c.Old.ID, c.New.ID)
				}
				for _, f := range c.Fields {
					got.Changed = append(got.Changed, c.New.ID+":"+f)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Diff (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewlyStale(t *testing.T) {
	t.Parallel()
	rec := func(id string) *ward.Threat { return &ward.Threat{ID: id, Source: "rule:R"} }
	gen := func(ids ...string) []ward.GeneratedThreat {
		var out []ward.GeneratedThreat
		for _, id := range ids {
			out = append(out, ward.GeneratedThreat{ID: id, Rule: "R"})
		}
		return out
	}
	records := []*ward.Threat{rec("R-3"), rec("R-1"), rec("R-2"), {ID: "THR-1", Source: "manual"}}
	before := threat.Decide(gen("R-1", "R-3"), records) // R-2 already stale
	after := threat.Decide(gen("R-9"), records)         // become stale
	var got []string
	for _, t := range threat.NewlyStale(before, after) {
		got = append(got, t.ID)
	}
	if diff := cmp.Diff([]string{"R-1", "R-3"}, got); diff != "" {
		t.Errorf("NewlyStale (-want +got):\n%s", diff)
	}
	if s := threat.NewlyStale(before, before); s == nil || len(s) != 0 {
		t.Errorf("NewlyStale(same) = %v, want an empty, non-nil list", s)
	}
}
