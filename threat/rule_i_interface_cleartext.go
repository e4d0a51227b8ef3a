package threat

import (
	"fmt"
	"sort"

	"github.com/wardhq/ward"
)

// interfaceCleartext: a network interface reachable from the hospital LAN
// or the internet carries its traffic unencrypted.
type interfaceCleartext struct{}

func init() { register(interfaceCleartext{}) }

func (interfaceCleartext) Info() RuleInfo {
	return RuleInfo{
		ID:     "I-INTERFACE-CLEARTEXT",
		Title:  "A network interface carries traffic unencrypted",
		STRIDE: "I",
		CWE:    []string{"CWE-319"},
		Detection: "An interface's exposure is internet or hospital_lan and its encryption says none (empty, none, or text " +
			"starting with the word none), unless every data item it lists is classified public (nothing to disclose).",
		FalsePositives: "An interface whose traffic is protected below the interface the model shows (a VPN or " +
			"WPA3 link the HDO provides): name the protection in encryption, or record the decision as transferred " +
			"to the HDO with the isolation assumption.",
		Controls: []string{"Encrypt the interface (TLS 1.2+, DTLS, SSH)", "Disable cleartext variants of the protocol"},
	}
}

func (interfaceCleartext) Apply(m *Model) []Hit {
	var hits []Hit
	for _, i := range m.Interfaces {
		if i.Exposure != "internet" && i.Exposure != "hospital_lan" || !saysNone(i.Encryption) {
			continue
		}
		var items []*ward.DataItem
		public := len(i.Data) > 0
		for _, id := range i.Data {
			if d := m.Data(id); d != nil {
				items = append(items, d)
				if d.Classification != "public" {
					public = false
				}
			}
		}
		if public {
			continue
		}
		sort.Slice(items, func(a, b int) bool { return items[a].ID < items[b].ID })
		what := "its traffic"
		if len(items) > 0 {
			what = dataNames(items)
		}
		assets := m.assetsOfData(i.Data)
		hits = append(hits, Hit{
			Elements: []string{i.ID},
			Assets:   assets,
			Title:    fmt.Sprintf("Unencrypted interface: %s", i.Name),
			Description: fmt.Sprintf("Interface %s (%s, exposure %s) is not encrypted: anyone on the %s can read %s.",
				i.ID, i.Protocol, i.Exposure, exposurePlace(i.Exposure), what),
			Safety: m.anySafetyAsset(assets),
		})
	}
	return hits
}
