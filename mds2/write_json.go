package mds2

import (
	"encoding/json"
	"io"
)

// jsonForm is the JSON contract of a form: keys in this order, lists never
// null, no time but the form's date. Adding a key is compatible; renaming
// or removing one is not.
type jsonForm struct {
	Form           string        `json:"form"`
	CatalogVersion string        `json:"catalog_version"`
	Product        jsonProduct   `json:"product"`
	Release        jsonRelease   `json:"release"`
	Date           string        `json:"date"`
	MadeFrom       jsonMadeFrom  `json:"made_from"`
	Warnings       []string      `json:"warnings"`
	Counts         jsonCounts    `json:"counts"`
	Header         []jsonField   `json:"header"`
	Sections       []jsonSection `json:"sections"`
}

type jsonProduct struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Manufacturer string `json:"manufacturer"`
}

type jsonRelease struct {
	Version string `json:"version"`
	Date    string `json:"date"`
}

type jsonMadeFrom struct {
	Files               []string   `json:"files"`
	SBOMs               []jsonSBOM `json:"sboms"`
	ArchitectureVersion string     `json:"architecture_version"`
	ContextReviewedFor  string     `json:"context_reviewed_for"`
}

type jsonSBOM struct {
	ID         string `json:"id"`
	Path       string `json:"path"`
	Format     string `json:"format"`
	Components int    `json:"components"`
	Error      string `json:"error,omitempty"`
}

type jsonCounts struct {
	Questions int `json:"questions"`
	Yes       int `json:"yes"`
	No        int `json:"no"`
	NA        int `json:"n/a"`
	Unknown   int `json:"unknown"`
}

type jsonField struct {
	ID      string   `json:"id"`
	Label   string   `json:"label"`
	Value   string   `json:"value"`
	Note    string   `json:"note"`
	Sources []string `json:"sources"`
}

type jsonSection struct {
	Code      string         `json:"code"`
	Title     string         `json:"title"`
	Questions []jsonQuestion `json:"questions"`
}

type jsonQuestion struct {
	ID       string   `json:"id"`
	Question string   `json:"question"`
	Answer   Value    `json:"answer"`
	Note     string   `json:"note"`
	Sources  []string `json:"sources"`
	Rule     string   `json:"rule"`
	Parent   string   `json:"parent,omitempty"`
}

func (f *Form) toJSON() jsonForm {
	out := jsonForm{Form: f.Form, CatalogVersion: f.CatalogVersion,
		Product:  jsonProduct{f.Product.ID, f.Product.Name, f.Product.Manufacturer},
		Release:  jsonRelease{f.Release, f.ReleaseDate},
		Date:     f.Date,
		MadeFrom: jsonMadeFrom{Files: nonNil(f.MadeFrom.Files), SBOMs: []jsonSBOM{}, ArchitectureVersion: f.MadeFrom.ArchitectureVersion, ContextReviewedFor: f.MadeFrom.ContextReviewedFor},
		Warnings: nonNil(f.Warnings),
		Counts:   jsonCounts{f.Counts.Questions, f.Counts.Yes, f.Counts.No, f.Counts.NA, f.Counts.Unknown},
		Header:   []jsonField{}, Sections: []jsonSection{}}
	for _, s := range f.MadeFrom.SBOMs {
		out.MadeFrom.SBOMs = append(out.MadeFrom.SBOMs, jsonSBOM{s.ID, s.Path, s.Format, s.Components, s.Error})
	}
	for _, h := range f.Header {
		out.Header = append(out.Header, jsonField{h.ID, h.Label, h.Value, h.Note, nonNil(h.Sources)})
	}
	for _, s := range f.Sections {
		js := jsonSection{Code: s.Code, Title: s.Title, Questions: []jsonQuestion{}}
		for _, r := range s.Rows {
			js.Questions = append(js.Questions, jsonQuestion{r.ID, r.Question, r.Value, r.Note, nonNil(r.Sources), r.Rule, r.Parent})
		}
		out.Sections = append(out.Sections, js)
	}
	return out
}

// WriteJSON writes the form as indented JSON: sections and questions in the
// form's order, sources sorted, the release and the data it was made from
// at the top. The same input gives the same bytes.
func WriteJSON(w io.Writer, f *Form) error { return writeJSON(w, f.toJSON()) }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
