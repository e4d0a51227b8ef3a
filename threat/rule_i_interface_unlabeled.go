package threat

import "fmt"

// interfaceUnlabeled: an interface is on by default but missing from the
// labeling's port and interface list.
type interfaceUnlabeled struct{}

func init() { register(interfaceUnlabeled{}) }

func (interfaceUnlabeled) Info() RuleInfo {
	return RuleInfo{
		ID:     "I-INTERFACE-UNLABELED",
		Title:  "An interface enabled by default is missing from the labeling",
		STRIDE: "I",
		CWE:    []string{"CWE-1059", "CWE-1125"},
		Detection: "An interface has enabled_by_default true and in_labeling false: hospitals do not learn from the " +
			"port and interface list (FDA premarket guidance, labeling) that it is open, so they cannot firewall or disable it.",
		FalsePositives: "The interface cannot be reached from outside the enclosure in normal use (an internal bus " +
			"modelled as an interface); or the labeling lists it and only in_labeling was not updated: set in_labeling.",
		Controls: []string{
			"List the interface in the labeling with function, port, direction and approved peers",
			"Disable it by default if the intended use does not need it",
		},
		Health: true,
	}
}

func (interfaceUnlabeled) Apply(m *Model) []Hit {
	var hits []Hit
	for _, i := range m.Interfaces {
		if !i.EnabledByDefault || i.InLabeling {
			continue
		}
		where := ""
		if i.Element != "" {
			where = " on " + m.name(i.Element)
		}
		hits = append(hits, Hit{
			Elements: []string{i.ID},
			Assets:   m.elementAssets(i.Element),
			Title:    fmt.Sprintf("Interface %s%s is on by default but not in the labeling", i.Name, where),
			Description: fmt.Sprintf("Interface %s (%s, %s, exposure %s) is enabled by default and not listed in the "+
				"labeling: hospitals do not know to restrict or monitor it, and it stays open as an undocumented attack path.",
				i.ID, i.Kind, i.Protocol, i.Exposure),
			Safety: i.Element != "" && m.harmsPatient(i.Element),
		})
	}
	return hits
}
