package threat

import (
	"fmt"
	"sort"

	"github.com/wardhq/ward"
)

// eosExposed: a software item out of support runs on a networked element.
type eosExposed struct{}

func init() { register(eosExposed{}) }

func (eosExposed) Info() RuleInfo {
	return RuleInfo{
		ID:     "E-EOS-EXPOSED",
		Title:  "Out-of-support software runs on a network-exposed element",
		STRIDE: "E",
		CWE:    []string{"CWE-1104", "CWE-1395"},
		Detection: "An element lists in components a software item whose support_level is abandoned or " +
			"no_longer_maintained, or whose end_of_support date is before today, and the element's exposure (the " +
			"widest exposure of the interfaces it exposes or its flows use) is internet or hospital_lan. " +
			"One threat per element and item; an end_of_support of unknown is not judged here.",
		FalsePositives: "The manufacturer or a third party supplies security fixes for the item under contract (extended " +
			"support): update support_level and end_of_support. The vulnerable code is unreachable from the network " +
			"(e.g. a library used only offline): record the analysis as the rationale.",
		Controls: []string{
			"Replace or upgrade the item before its end of support (replacement_plan)",
			"Obtain extended security support from the supplier",
			"Until then, reduce exposure: segment the element and restrict the services it offers",
		},
		Health: true,
	}
}

func (eosExposed) Apply(m *Model) []Hit {
	var hits []Hit
	for _, e := range m.Elements {
		exposure := m.Exposure(e.ID)
		if exposure != "internet" && exposure != "hospital_lan" {
			continue
		}
		ids := append([]string(nil), e.Components...)
		sort.Strings(ids)
		for _, id := range ids {
			it := m.Item(id)
			if it == nil {
				continue
			}
			why := outOfSupport(it, m.Today)
			if why == "" {
				continue
			}
			hits = append(hits, Hit{
				Elements: []string{e.ID, it.ID},
				Assets:   m.elementAssets(e.ID),
				Title:    fmt.Sprintf("Out-of-support %s %s on %s", it.Name, it.Version, e.Name),
				Description: fmt.Sprintf("%s runs %s %s (%s), which %s, and is reachable from the %s: newly found "+
					"vulnerabilities in it will not be fixed by its supplier.", e.Name, it.Name, it.Version, it.ID, why,
					eosExposureText(exposure)),
				Safety: m.harmsPatient(e.ID),
			})
		}
	}
	return hits
}

// outOfSupport says why a software item is out of support on today, or ""
// when it is not (an unknown or unparsable end_of_support is not judged).
func outOfSupport(it *ward.SoftwareItem, today ward.Date) string {
	switch it.SupportLevel {
	case "abandoned":
		return "is abandoned by its supplier"
	case "no_longer_maintained":
		return "is no longer maintained"
	}
	if today.IsZero() {
		return ""
	}
	if eos, err := ward.ParseDate(it.EndOfSupport); err == nil && eos.Before(today) {
		return "reached its end of support on " + eos.String()
	}
	return ""
}

func eosExposureText(exposure string) string {
	if exposure == "hospital_lan" {
		return "hospital network"
	}
	return exposure
}
