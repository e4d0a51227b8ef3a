package paper_test

import (
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/wardhq/ward/diagram"
	"github.com/wardhq/ward/paper"
	"github.com/wardhq/ward/securityfile"
)

// pumpFigure is the data-flow diagram of the example infusion pump,
// drawn once for every test that needs it.
var pumpFigure = sync.OnceValues(func() (paper.Figure, error) {
	sf, err := securityfile.Load("../examples/infusion-pump", securityfile.Limits{})
	if err != nil {
		return paper.Figure{}, err
	}
	fig, err := diagram.Figure(sf.Architecture, diagram.Options{MaxWidth: 1400})
	if err != nil {
		return paper.Figure{}, err
	}
	fig.Caption = "Data-flow diagram of the Aurora infusion system: trust boundaries, elements and flows (P-PUMP-FW → gateway → cloud)"
	return fig, nil
})

// sample is a document with every kind of block, text that needs
// escaping, non-ASCII text, a table long enough to run over several
// pages and the pump's data-flow diagram.
func sample(t testing.TB) *paper.Document {
	t.Helper()
	fig, err := pumpFigure()
	if err != nil {
		t.Fatal(err)
	}
	var threats [][]string
	for i := 1; i <= 90; i++ {
		threats = append(threats, []string{
			fmt.Sprintf("THR-%03d", i),
			fmt.Sprintf("Spoofing of flow F-%d between the pump and the gateway, where an attacker on the clinical VLAN replays a captured order", i),
			[]string{"mitigated", "accepted", "transferred"}[i%3],
			fmt.Sprintf("CVSS ≥ %d.0 × %d", i%10, i%4+1),
		})
	}
	return &paper.Document{
		Title:    "Cybersecurity technical documentation",
		Subtitle: "Aurora Connect Infusion System 2.4.0",
		Meta: []paper.Field{
			{Label: "Manufacturer", Value: "Meridian Médical <GmbH> & Co."},
			{Label: "Product", Value: "Aurora Connect Infusion System"},
			{Label: "Release", Value: "2.4.0"},
			{Label: "Security file revision", Value: "abc1234"},
		},
		Date:   "2025-03-14",
		Footer: "Aurora 2.4.0 · made by ward 0.1.0 from security file rev abc1234",
		Sections: []*paper.Section{
			{
				ID:    "scope",
				Title: "Scope and “intended use”",
				Blocks: []paper.Block{
					paper.Para{Text: "This document describes the security of the Aurora Connect Infusion System → the pump, its gateway and the cloud service, for the café <hospital> & its biomedical engineers."},
					paper.Note{Kind: "info", Text: "Derived from the security file; every identifier refers to a record in it."},
					paper.Fields{Items: []paper.Field{
						{Label: "Intended use", Value: "Controlled infusion of drugs under clinician supervision."},
						{Label: "Operating environment", Value: "Hospital wards, on the medical-device VLAN."},
					}},
				},
				Sections: []*paper.Section{
					{
						ID:    "standards",
						Title: "Standards",
						Blocks: []paper.Block{
							paper.List{Items: []string{"IEC 81001-5-1:2021", "IEC 62443-4-1", "AAMI TIR57 — principles for medical device security"}},
							paper.List{Ordered: true, Items: []string{"Plan", "Build", "Verify", "Release"}},
						},
					},
				},
			},
			{
				ID:    "architecture",
				Title: "Architecture",
				Blocks: []paper.Block{
					paper.Para{Text: "The diagram below is drawn from the data-flow model of the security file."},
					fig,
					paper.Figure{Caption: "A figure with only SVG", SVG: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#0969da"/></svg>`)},
				},
			},
			{
				ID:    "threats",
				Title: "Threat model",
				Blocks: []paper.Block{
					paper.Note{Kind: "warning", Text: "Three threats are accepted without a risk review: act before release."},
					paper.Table{
						Caption: "Threats and their treatment",
						Header:  []string{"ID", "Threat", "Decision", "Score"},
						Widths:  []float64{1, 5, 1.5, 1.5},
						Rows:    threats,
					},
					paper.Note{Kind: "gap", Text: "The data does not show a penetration test of the gateway."},
				},
				Sections: []*paper.Section{
					{Title: "Section without an ID", Blocks: []paper.Block{
						&paper.Para{Text: "Blocks may be pointers too.\nA newline starts a new line."},
						paper.Table{Header: []string{"Key", "Value"}, Rows: [][]string{{"short row"}, {"k", "v"}}},
					}},
				},
			},
		},
	}
}

// big is a document of about pages pages: sections of paragraphs, lists
// and tables, no figure.
func big(pages int) *paper.Document {
	d := &paper.Document{Title: "Benchmark", Subtitle: "A long document", Date: "2025-01-01", Footer: "benchmark"}
	para := "Every flow that crosses a trust boundary is authenticated and encrypted; the gateway checks each order against the drug library ≥ 2.4 before it reaches the pump → no unsigned order is infused. "
	for i := range pages / 3 { // each section takes about three pages
		s := &paper.Section{ID: "s" + strconv.Itoa(i), Title: "Section " + strconv.Itoa(i)}
		for range 4 {
			s.Blocks = append(s.Blocks, paper.Para{Text: para + para + para})
		}
		s.Blocks = append(s.Blocks, paper.List{Items: []string{para, "second item", "third item"}})
		var rows [][]string
		for j := range 30 {
			rows = append(rows, []string{"R-" + strconv.Itoa(j), para, "open"})
		}
		s.Blocks = append(s.Blocks, paper.Table{Header: []string{"ID", "Text", "Status"}, Widths: []float64{1, 6, 1}, Rows: rows})
		d.Sections = append(d.Sections, s)
	}
	return d
}
