package mds2_test

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/wardhq/ward/mds2"
)

// TestIDsOfTheForm: the catalog asks exactly the questions of a completed
// HN 1-2019 form (testdata/hn1-2019-ids.txt), in the form's order, plus
// CNFS-1 and OTHR-1, which that form does not show.
func TestIDsOfTheForm(t *testing.T) {
	f, err := os.Open("testdata/hn1-2019-ids.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var form []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			form = append(form, line)
		}
	}
	cat, err := mds2.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	var ours []string
	for _, h := range cat.Header {
		ours = append(ours, h.ID)
	}
	for _, q := range cat.Questions() {
		if q.ID != "CNFS-1" && q.ID != "OTHR-1" {
			ours = append(ours, q.ID)
		}
	}
	if !slices.Equal(ours, form) {
		for _, id := range form {
			if !slices.Contains(ours, id) {
				t.Errorf("the form asks %s; the catalog does not", id)
			}
		}
		for _, id := range ours {
			if !slices.Contains(form, id) {
				t.Errorf("the catalog asks %s; the form does not", id)
			}
		}
		if !t.Failed() {
			t.Error("the catalog's order differs from the form's")
		}
	}
}
