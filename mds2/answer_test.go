package mds2_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/mds2"
	"github.com/wardhq/ward/sbom"
	"github.com/wardhq/ward/securityfile"
)

const (
	pumpDir = "../examples/infusion-pump"
	careDir = "../examples/care-planner"
)

// load reads an example security file and its SBOMs, as the CLI does.
func load(t *testing.T, dir string) (*ward.SecurityFile, []mds2.SBOM) {
	t.Helper()
	sf, err := securityfile.Load(dir, securityfile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var out []mds2.SBOM
	for _, ref := range sf.SBOMs {
		s := mds2.SBOM{Ref: ref}
		f, err := os.Open(filepath.Join(dir, ref.Path))
		if err == nil {
			s.SBOM, err = sbom.Parse(ref.Path, f, sbom.Limits{})
			f.Close()
		}
		s.Err = err
		out = append(out, s)
	}
	return sf, out
}

func answer(t *testing.T, dir, release string, mutate func(*ward.SecurityFile)) *mds2.Form {
	t.Helper()
	sf, sboms := load(t, dir)
	if mutate != nil {
		mutate(sf)
	}
	return mds2.Answer(sf, sboms, release)
}

func row(t *testing.T, f *mds2.Form, id string) *mds2.Row {
	t.Helper()
	r := f.Row(id)
	if r == nil {
		t.Fatalf("no question %s in the form", id)
	}
	return r
}

func iface(sf *ward.SecurityFile, id string) *ward.Interface {
	for _, i := range sf.Context.Interfaces {
		if i.ID == id {
			return i
		}
	}
	panic("no interface " + id)
}

func element(sf *ward.SecurityFile, id string) *ward.Element {
	for _, e := range sf.Architecture.Elements {
		if e.ID == id {
			return e
		}
	}
	panic("no element " + id)
}

// TestFlipFact changes one fact of the pump's security file and checks
// that the answer moves, and that the note names the record.
func TestFlipFact(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		id         string
		before     mds2.Value
		flip       func(sf *ward.SecurityFile)
		after      mds2.Value
		noteHas    string
		sourcesHas string
	}{
		{name: "HL7 interface loses its encryption", id: "TXCF-2", before: mds2.Yes,
			flip:  func(sf *ward.SecurityFile) { iface(sf, "IF-GW-HL7").Encryption = "none" },
			after: mds2.No, noteHas: "IF-GW-HL7", sourcesHas: "IF-GW-HL7"},
		{name: "Wi-Fi interface removed", id: "CONN-1.1", before: mds2.Yes,
			flip: func(sf *ward.SecurityFile) {
				sf.Context.Interfaces = slices.DeleteFunc(sf.Context.Interfaces, func(i *ward.Interface) bool { return i.Kind == "wifi" })
			},
			after: mds2.No, noteHas: "no interface of kind wifi, ble, cellular in context.interfaces"},
		{name: "Wi-Fi interface removed: its detail is n/a", id: "CONN-1.1.1", before: mds2.Yes,
			flip: func(sf *ward.SecurityFile) {
				sf.Context.Interfaces = slices.DeleteFunc(sf.Context.Interfaces, func(i *ward.Interface) bool { return i.Kind == "wifi" })
			},
			after: mds2.NA, noteHas: "CONN-1.1 is no"},
		{name: "Wi-Fi interface removed: no personal data over wireless", id: "MPII-3.6", before: mds2.Yes,
			flip: func(sf *ward.SecurityFile) {
				sf.Context.Interfaces = slices.DeleteFunc(sf.Context.Interfaces, func(i *ward.Interface) bool { return i.Kind == "wifi" })
			},
			after: mds2.No, noteHas: "no interface of kind wifi"},
		{name: "Bluetooth interface added", id: "CONN-1.1.2", before: mds2.No,
			flip: func(sf *ward.SecurityFile) {
				sf.Context.Interfaces = append(sf.Context.Interfaces, &ward.Interface{ID: "IF-PUMP-BLE", Name: "Pump BLE", Kind: "ble",
					Protocol: "BLE GATT", Direction: "bidirectional", Authentication: "LE Secure Connections", Encryption: "AES-CCM", Exposure: "local"})
			},
			after: mds2.Yes, noteHas: "IF-PUMP-BLE", sourcesHas: "IF-PUMP-BLE"},
		{name: "NTP gets authentication", id: "TXCF-4", before: mds2.No,
			flip:  func(sf *ward.SecurityFile) { iface(sf, "IF-GW-NTP").Authentication = "NTS" },
			after: mds2.Yes, noteHas: "every network interface authenticates its peers"},
		{name: "gateway database not encrypted", id: "STCF-1.1", before: mds2.Yes,
			flip:  func(sf *ward.SecurityFile) { element(sf, "DS-GW-DB").EncryptedAtRest = false },
			after: mds2.No, noteHas: "DS-GW-DB (keeps DAT-INFUSION"},
		{name: "remote session not shown", id: "RMOT-1.2", before: mds2.Yes,
			flip: func(sf *ward.SecurityFile) {
				for _, fl := range sf.Architecture.Flows {
					fl.SessionIndication = false
				}
			},
			after: mds2.No, noteHas: "F-25"},
		{name: "default credentials on the gateway", id: "PAUT-1", before: mds2.Yes,
			flip:  func(sf *ward.SecurityFile) { element(sf, "P-GATEWAY").Credentials = "default" },
			after: mds2.No, noteHas: "P-GATEWAY (default)"},
		{name: "default credentials must be documented", id: "PAUT-4", before: mds2.NA,
			flip:  func(sf *ward.SecurityFile) { element(sf, "P-GATEWAY").Credentials = "default" },
			after: mds2.Yes, noteHas: "DOC-ACCT-001", sourcesHas: "P-GATEWAY"},
		{name: "no user accounts", id: "PAUT-8", before: mds2.Yes,
			flip:  func(sf *ward.SecurityFile) { sf.Product.HasUserAccounts = false },
			after: mds2.NA, noteHas: "product.has_user_accounts is false"},
		{name: "not a medical device", id: "DOC-11", before: mds2.No,
			flip:  func(sf *ward.SecurityFile) { sf.Product.Kind = ward.ProductNonDevice },
			after: mds2.NA, noteHas: "product.kind is non_device"},
		{name: "SSH shell can reach patient data", id: "RMOT-1.3", before: mds2.Unknown,
			flip: func(sf *ward.SecurityFile) {
				iface(sf, "IF-GW-SSH").Data = append(iface(sf, "IF-GW-SSH").Data, "DAT-PATIENT")
			},
			after: mds2.Yes, noteHas: "F-25 carries DAT-PATIENT"},
		{name: "metrics endpoint put in the labeling", id: "CONN-2", before: mds2.Yes,
			flip: func(sf *ward.SecurityFile) {
				iface(sf, "IF-GW-METRICS").InLabeling = true
				for _, d := range sf.Documents {
					if d.ID == "DOC-PORTS-001" {
						d.Covers = append(d.Covers, "IF-GW-METRICS")
					}
				}
			},
			after: mds2.Yes, noteHas: "DOC-PORTS-001 (port_list) linked to release 2.4.0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			before := row(t, answer(t, pumpDir, "2.4.0", nil), tc.id)
			if before.Value != tc.before {
				t.Fatalf("before the change %s = %s (%s), want %s", tc.id, before.Value, before.Note, tc.before)
			}
			after := row(t, answer(t, pumpDir, "2.4.0", tc.flip), tc.id)
			if after.Value != tc.after {
				t.Errorf("after the change %s = %s (%s), want %s", tc.id, after.Value, after.Note, tc.after)
			}
			if !strings.Contains(after.Note, tc.noteHas) {
				t.Errorf("note %q does not contain %q", after.Note, tc.noteHas)
			}
			if tc.sourcesHas != "" && !slices.Contains(after.Sources, tc.sourcesHas) {
				t.Errorf("sources %v lack %s", after.Sources, tc.sourcesHas)
			}
			if after.Note == before.Note && after.Value == before.Value {
				t.Error("nothing moved")
			}
		})
	}
}

// TestMetricsMissingFromPortList: the pump's port list misses the metrics
// endpoint (a deliberate gap of the example): the answer stays yes, the note
// says what the list misses.
func TestMetricsMissingFromPortList(t *testing.T) {
	t.Parallel()
	r := row(t, answer(t, pumpDir, "", nil), "CONN-2")
	if r.Value != mds2.Yes || !strings.Contains(r.Note, "misses IF-GW-METRICS (port 9464") {
		t.Errorf("CONN-2 = %s: %s", r.Value, r.Note)
	}
}

// TestUnknownNamesMissingData: an answer the data does not decide names
// what is missing, as a path into the security file.
func TestUnknownNamesMissingData(t *testing.T) {
	t.Parallel()
	t.Run("authentication not set", func(t *testing.T) {
		t.Parallel()
		f := answer(t, pumpDir, "", func(sf *ward.SecurityFile) {
			iface(sf, "IF-GW-NTP").Authentication = "NTS"
			iface(sf, "IF-GW-SSH").Authentication = ""
		})
		for _, id := range []string{"TXCF-4", "AUTH-1"} {
			r := row(t, f, id)
			if r.Value != mds2.Unknown || r.Note != "context.interfaces[IF-GW-SSH].authentication is not set" {
				t.Errorf("%s = %s: %q", id, r.Value, r.Note)
			}
		}
	})
	t.Run("hardening document not linked", func(t *testing.T) {
		t.Parallel()
		f := answer(t, pumpDir, "2.4.0", func(sf *ward.SecurityFile) {
			for _, d := range sf.Documents {
				if d.Kind == "hardening" {
					d.Releases = nil
				}
			}
			for _, r := range sf.Releases {
				r.Documents = slices.DeleteFunc(r.Documents, func(id string) bool { return id == "DOC-HARD-001" })
			}
		})
		want := "no document of kind hardening linked to release 2.4.0"
		if r := row(t, f, "SAHD-14"); r.Value != mds2.Unknown || r.Note != want {
			t.Errorf("SAHD-14 = %s: %q, want unknown: %q", r.Value, r.Note, want)
		}
		if r := row(t, f, "SAHD-1"); r.Value != mds2.Unknown || !strings.Contains(r.Note, want) {
			t.Errorf("SAHD-1 = %s: %q", r.Value, r.Note)
		}
	})
	t.Run("every unknown of the examples", func(t *testing.T) {
		t.Parallel()
		// A note names a field (a.b, a[ID].b, a[].b) or says the security file does not record it.
		path := regexp.MustCompile(`\b[a-z_]+(\[[^\]]*\])?\.[a-z_]+|\b(releases|documents|components|sboms|process_docs|suppliers|maintenance|disclosure|context|architecture)\b|document of kind|not recorded`)
		for _, dir := range []string{pumpDir, careDir} {
			f := answer(t, dir, "", nil)
			for _, r := range f.Rows() {
				if r.Value == mds2.Unknown && !path.MatchString(r.Note) && !strings.Contains(r.Note, "is unknown, for the same reason") {
					t.Errorf("%s %s: unknown, but the note names no missing data: %q", dir, r.ID, r.Note)
				}
				if r.Note == "" {
					t.Errorf("%s %s: %s without a note", dir, r.ID, r.Value)
				}
			}
			for _, h := range f.Header {
				if h.Value == "" && !path.MatchString(h.Note) {
					t.Errorf("%s %s: empty, but the note names no missing data: %q", dir, h.ID, h.Note)
				}
			}
		}
	})
}

// TestPumpAnswers pins answers of the pump that follow from its records,
// so a rule change that flips them is seen.
func TestPumpAnswers(t *testing.T) {
	t.Parallel()
	f := answer(t, pumpDir, "", nil)
	if f.Release != "2.4.0" || f.ReleaseDate != "2026-10-15" || f.Date != "2026-10-15" {
		t.Errorf("release %s of %s, date %s; want the newest release 2.4.0 of 2026-10-15", f.Release, f.ReleaseDate, f.Date)
	}
	want := map[string]mds2.Value{
		"DOC-8": mds2.Yes, "DOC-9": mds2.Yes, "DOC-11": mds2.No, "DOC-11.1": mds2.NA,
		"MPII-1": mds2.Yes, "MPII-3.4": mds2.Yes, "MPII-3.5": mds2.Unknown,
		"CONN-1.1.1": mds2.Yes, "CONN-1.1.2": mds2.No, "CONN-1.2.2": mds2.Yes, "CONN-1.2.1": mds2.Unknown, "CONN-7": mds2.Yes,
		"AUDT-5.2": mds2.Yes, "AUDT-4.1.1": mds2.Yes, "TXCF-4": mds2.No, "TXCF-5": mds2.Yes,
		"SBOM-1": mds2.Yes, "SBOM-2.2": mds2.Yes, "RMOT-1": mds2.Yes, "RMOT-1.3": mds2.Unknown,
		"SAHD-8": mds2.Unknown, "SAHD-9": mds2.No, "PLOK-1": mds2.No, "STCF-1.1": mds2.Yes, "SGUD-2": mds2.Yes,
	}
	for id, v := range want {
		if r := row(t, f, id); r.Value != v {
			t.Errorf("%s = %s (%s), want %s", id, r.Value, r.Note, v)
		}
	}
	c := f.Counts
	if c.Questions != len(f.Rows()) || c.Yes+c.No+c.NA+c.Unknown != c.Questions {
		t.Errorf("counts %+v do not add up to %d rows", c, len(f.Rows()))
	}
}

// TestCarePlannerIsSoftwareOnly: the care planner has no hardware
// interface, so hardware questions are n/a, and it is no medical device.
func TestCarePlannerIsSoftwareOnly(t *testing.T) {
	t.Parallel()
	f := answer(t, careDir, "", nil)
	for id, v := range map[string]mds2.Value{"PLOK-1": mds2.Yes, "PLOK-2": mds2.NA, "CONN-1": mds2.NA, "CONN-1.2.2": mds2.NA,
		"DOC-11": mds2.NA, "SAHD-11": mds2.NA, "TXIG-2": mds2.NA, "SBOM-2": mds2.Yes, "PAUT-11": mds2.Yes} {
		if r := row(t, f, id); r.Value != v {
			t.Errorf("%s = %s (%s), want %s", id, r.Value, r.Note, v)
		}
	}
	if !slices.ContainsFunc(f.Warnings, func(s string) bool { return strings.Contains(s, "last reviewed for release 1.4.0, not 1.4.1") }) {
		t.Errorf("no warning that the context was reviewed for another release: %q", f.Warnings)
	}
}

// TestReleaseBound: an older release is answered from its own documents
// and SBOM, and the form says which records describe a newer state.
func TestReleaseBound(t *testing.T) {
	t.Parallel()
	f := answer(t, pumpDir, "2.3.0", nil)
	if f.Release != "2.3.0" || f.ReleaseDate != "2026-04-20" {
		t.Fatalf("release %s of %s", f.Release, f.ReleaseDate)
	}
	if len(f.MadeFrom.SBOMs) != 1 || f.MadeFrom.SBOMs[0].ID != "SBOM-2.3.0" {
		t.Errorf("made from %+v, want SBOM-2.3.0", f.MadeFrom.SBOMs)
	}
	if r := row(t, f, "SAHD-14"); r.Value != mds2.Unknown || r.Note != "no document of kind hardening linked to release 2.3.0" {
		t.Errorf("SAHD-14 = %s: %s", r.Value, r.Note)
	}
	if !slices.ContainsFunc(f.Warnings, func(s string) bool { return strings.Contains(s, "shipped architecture 2.3") }) {
		t.Errorf("no warning that 2.3.0 shipped another architecture: %q", f.Warnings)
	}
}

func TestDiffPumpReleases(t *testing.T) {
	t.Parallel()
	sf, sboms := load(t, pumpDir)
	a, b := mds2.Answer(sf, sboms, "2.3.0"), mds2.Answer(sf, sboms, "2.4.0")
	d := mds2.Diff(a, b)
	changed := map[string]*mds2.Change{}
	for _, c := range d.Changes {
		changed[c.ID] = c
	}
	for id, want := range map[string][2]string{
		"CONN-2":  {"unknown", "yes"}, // the port list came with 2.4.0
		"SAHD-14": {"unknown", "yes"}, // so did the hardening guide
		"SBOM-1":  {"unknown", "yes"}, // and the customer SBOM
		"DOC-4":   {"", "DOC-MDS2-001 version 2.4"},
	} {
		c := changed[id]
		if c == nil {
			t.Errorf("%s did not change", id)
			continue
		}
		if c.From != want[0] || c.To != want[1] {
			t.Errorf("%s: %q -> %q, want %q -> %q", id, c.From, c.To, want[0], want[1])
		}
	}
	// Notes that differ only by the release number are not changes.
	if c := changed["SBOM-4"]; c != nil {
		t.Errorf("SBOM-4 reported changed: %q -> %q", c.FromNote, c.ToNote)
	}
	if c := changed["CONN-7"]; c != nil {
		t.Errorf("CONN-7 reported changed: %+v", c)
	}
	if d.Answers == 0 || d.Answers+d.Notes != len(d.Changes) {
		t.Errorf("%d answers and %d notes changed for %d changes", d.Answers, d.Notes, len(d.Changes))
	}
	if same := mds2.Diff(b, b); len(same.Changes) != 0 {
		t.Errorf("a form differs from itself: %+v", same.Changes[0])
	}
}

func TestForRelease(t *testing.T) {
	t.Parallel()
	sf, sboms := load(t, pumpDir)
	if _, err := mds2.ForRelease(sf, sboms, "9.9.9"); ward.CodeOf(err) != ward.ENotFound {
		t.Errorf("unknown release: err = %v, want %s", err, ward.ENotFound)
	}
	f, err := mds2.ForRelease(sf, sboms, "2.3.0")
	if err != nil || f.Release != "2.3.0" {
		t.Fatalf("ForRelease(2.3.0) = %v, %v", f, err)
	}
	sf.Releases = nil
	if _, err := mds2.ForRelease(sf, sboms, ""); ward.CodeOf(err) != ward.ENotFound {
		t.Errorf("no releases: err = %v, want %s", err, ward.ENotFound)
	}
	// Answer still answers, and says what it lacks.
	f = mds2.Answer(sf, sboms, "")
	if f.Release != "" || !slices.Contains(f.Warnings, "releases is empty: answers that depend on a release are unknown") {
		t.Errorf("release %q, warnings %q", f.Release, f.Warnings)
	}
	if r := row(t, f, "SGUD-1"); r.Value != mds2.Unknown || r.Note != "releases is empty" {
		t.Errorf("SGUD-1 = %s: %s", r.Value, r.Note)
	}
}

// TestDeterministic: the same input gives the same bytes in every format.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	for name, write := range map[string]func(*bytes.Buffer, *mds2.Form) error{
		"text": func(b *bytes.Buffer, f *mds2.Form) error { return mds2.WriteText(b, f) },
		"json": func(b *bytes.Buffer, f *mds2.Form) error { return mds2.WriteJSON(b, f) },
		"csv":  func(b *bytes.Buffer, f *mds2.Form) error { return mds2.WriteCSV(b, f) },
		"xlsx": func(b *bytes.Buffer, f *mds2.Form) error { return mds2.WriteXLSX(b, f) },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var out [2]bytes.Buffer
			for i := range out {
				if err := write(&out[i], answer(t, pumpDir, "", nil)); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
				t.Errorf("two runs wrote different bytes")
			}
		})
	}
}

func TestSetDate(t *testing.T) {
	t.Parallel()
	f := answer(t, pumpDir, "", nil)
	f.SetDate("2026-12-01")
	want := &mds2.Field{ID: "DOC-7", Label: "Document release date", Rule: "field_date", Value: "2026-12-01", Note: "date given for the form"}
	if diff := cmp.Diff(want, f.Header[6]); diff != "" {
		t.Errorf("DOC-7 (-want +got):\n%s", diff)
	}
}

func TestValueUnmarshalText(t *testing.T) {
	t.Parallel()
	var v mds2.Value
	if err := v.UnmarshalText([]byte("n/a")); err != nil || v != mds2.NA {
		t.Errorf("n/a: %v, %q", err, v)
	}
	if err := v.UnmarshalText([]byte("maybe")); err == nil || !strings.Contains(err.Error(), "yes, no, n/a or unknown") {
		t.Errorf("maybe: %v", err)
	}
	_ = errors.New
}

// TestStatedAnswers: a person's answer from mds2: fills a question the
// records leave unknown, names who stated it, and never overrides what the
// records decide (that is a warning instead).
func TestStatedAnswers(t *testing.T) {
	t.Parallel()
	f := answer(t, pumpDir, "", nil)
	r := row(t, f, "SAHD-2")
	if r.Value != mds2.No || !strings.HasPrefix(r.Note, "stated by Anna Weber (a.weber) on 2026-10-10: ") || !slices.Contains(r.Sources, "mds2[SAHD-2]") {
		t.Errorf("SAHD-2 = %s %q %v, want the pump's stated no", r.Value, r.Note, r.Sources)
	}
	f = answer(t, pumpDir, "", func(sf *ward.SecurityFile) { sf.MDS2 = nil })
	if r := row(t, f, "SAHD-2"); r.Value != mds2.Unknown {
		t.Errorf("without the statement SAHD-2 = %s, want unknown", r.Value)
	}
	f = answer(t, pumpDir, "", func(sf *ward.SecurityFile) {
		sf.MDS2 = append(sf.MDS2, &ward.MDS2Answer{ID: "CONN-1.1.1", Answer: "no", Note: "no Wi-Fi", StatedBy: "a.weber", Date: ward.MustDate("2026-10-10")})
	})
	if r := row(t, f, "CONN-1.1.1"); r.Value != mds2.Yes || slices.Contains(r.Sources, "mds2[CONN-1.1.1]") {
		t.Errorf("a statement overrode the records: CONN-1.1.1 = %s %v", r.Value, r.Sources)
	}
	if !slices.ContainsFunc(f.Warnings, func(w string) bool {
		return strings.HasPrefix(w, "mds2[CONN-1.1.1]: stated no, but the records decide yes")
	}) {
		t.Errorf("no warning about the contradicting statement: %q", f.Warnings)
	}
}
