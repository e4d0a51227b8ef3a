package mds2

import (
	"slices"
	"testing"
)

// TestCatalog checks the embedded catalog against the rules: every
// question and header field has a rule, every rule answers some question,
// and each rule says what decides it.
func TestCatalog(t *testing.T) {
	t.Parallel()
	cat, err := LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, q := range cat.Questions() {
		if _, ok := rules[q.Rule]; !ok {
			t.Errorf("%s: rule %q does not exist", q.ID, q.Rule)
		}
		used[q.Rule] = true
	}
	for name, r := range rules {
		if !used[name] {
			t.Errorf("rule %s answers no question", name)
		}
		if r.desc == "" {
			t.Errorf("rule %s does not say what decides its answer", name)
		}
	}
	fieldsUsed := map[string]bool{}
	for _, f := range cat.Header {
		if _, ok := fieldRules[f.Rule]; !ok {
			t.Errorf("%s: field rule %q does not exist", f.ID, f.Rule)
		}
		fieldsUsed[f.Rule] = true
	}
	for name := range fieldRules {
		if !fieldsUsed[name] {
			t.Errorf("field rule %s fills no header field", name)
		}
	}

	// The sections of the 2019 form, in its order (standards.md section 8).
	want := []string{"DOC", "MPII", "ALOF", "AUDT", "AUTH", "CNFS", "CSUP", "DIDT", "DTBK", "EMRG", "IGAU", "MLDP",
		"NAUT", "CONN", "PAUT", "PLOK", "RDMP", "SBOM", "SAHD", "SGUD", "STCF", "TXCF", "TXIG", "RMOT", "OTHR"}
	var got []string
	for _, s := range cat.Sections {
		got = append(got, s.Code)
		if len(s.Questions) == 0 {
			t.Errorf("section %s has no question", s.Code)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("sections = %v, want %v", got, want)
	}
	if n := len(cat.Questions()); n < 200 {
		t.Errorf("%d questions; the 2019 form has about 240 (DOC-1 to DOC-7 are header fields)", n)
	}
}

// TestCatalogRejectsMistakes checks that the catalog check catches what a
// careless edit of questions.yaml would do.
func TestCatalogRejectsMistakes(t *testing.T) {
	t.Parallel()
	base := func() *Catalog {
		return &Catalog{Version: "v", Form: "f", Sections: []*SectionDef{{Code: "CONN", Questions: []*Question{
			{ID: "CONN-1", Text: "q", Rule: "interface_kinds", Kinds: []string{"wifi"}},
			{ID: "CONN-2", Text: "q", Rule: "port_list", Parent: "CONN-1"},
		}}}}
	}
	for _, tc := range []struct {
		name   string
		break_ func(c *Catalog)
	}{
		{"unknown rule", func(c *Catalog) { c.Sections[0].Questions[1].Rule = "port_lists" }},
		{"duplicate ID", func(c *Catalog) { c.Sections[0].Questions[1].ID = "CONN-1" }},
		{"ID of another section", func(c *Catalog) { c.Sections[0].Questions[1].ID = "PAUT-2" }},
		{"parent after the question", func(c *Catalog) { c.Sections[0].Questions[0].Parent = "CONN-2" }},
		{"missing parameter", func(c *Catalog) { c.Sections[0].Questions[0].Kinds = nil }},
		{"parameter the rule does not read", func(c *Catalog) { c.Sections[0].Questions[1].Topics = []string{"x"} }},
		{"unknown place", func(c *Catalog) {
			c.Sections[0].Questions[1] = &Question{ID: "CONN-2", Text: "q", Rule: "records_say", Terms: []string{"x"}, In: []string{"wiki"}}
		}},
		{"no text", func(c *Catalog) { c.Sections[0].Questions[1].Text = " " }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := base().check(); err != nil {
				t.Fatalf("valid catalog rejected: %v", err)
			}
			c := base()
			tc.break_(c)
			if err := c.check(); err == nil {
				t.Error("check accepted the broken catalog")
			}
		})
	}
}

func TestFindTerm(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text, term, want string
		ok               bool
	}{
		{"LDAPS bind against HDO AD", "ad", "AD", true},
		{"add a user", "ad", "", false},
		{"IEEE 802.11ac, WPA2-Enterprise EAP-TLS", "eap-tls", "EAP-TLS", true},
		{"syslog over TLS", "tls", "TLS", true},
		{"a tamper-evident store", "tamper*", "tamper-evident", true},
		{"tampering", "tamper", "", false},
		{"Logins, authorisation failures", "login*", "Logins", true},
		{"time, actor and outcome", "actor", "actor", true},
		{"contractor", "actor", "", false},
		{"İzmir and SSO", "sso", "sso", true}, // a case mapping that changes byte lengths quotes the lower-case text
	} {
		got, ok := findTerm(tc.text, tc.term)
		if ok != tc.ok || got != tc.want {
			t.Errorf("findTerm(%q, %q) = %q, %v; want %q, %v", tc.text, tc.term, got, ok, tc.want, tc.ok)
		}
	}
}
