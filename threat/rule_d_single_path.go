package threat

import (
	"fmt"

	"github.com/wardhq/ward"
)

// singlePath: a therapy or monitoring process gets the data it works on
// over one link only, and that link crosses a trust boundary: whoever can
// cut the link stops the clinical function.
type singlePath struct{}

func init() { register(singlePath{}) }

// feedPurposes are the flow purposes that carry what a clinical process
// works on; an unset purpose counts, since the rule cannot rule it out.
var feedPurposes = []string{"", "data", "telemetry"}

func (singlePath) Info() RuleInfo {
	return RuleInfo{
		ID:     "D-SINGLE-PATH",
		Title:  "A therapy or monitoring function depends on a single cross-boundary link",
		STRIDE: "D",
		CWE:    []string{"CWE-703"},
		Detection: "An element of kind process has function therapy or monitoring, exactly one flow feeds it (a flow " +
			"into it with purpose data, telemetry or unset), and that flow's two ends sit in different innermost trust " +
			"boundaries. Command, configuration, update and other flows are not counted: losing them stops changes, " +
			"not the running function (a pump keeps its program, a monitor does not keep its readings).",
		FalsePositives: "A function that continues safely without the link (it runs from local sensors the model " +
			"does not show, or falls back to a local mode and raises an alarm): show the local source as a flow, or " +
			"record the fallback as the control.",
		Controls: []string{"Detect loss of the link and raise an alarm within a bounded time",
			"Fall back to a safe local mode", "Provide a redundant path or local data source"},
	}
}

func (singlePath) Apply(m *Model) []Hit {
	into := m.flowsInto()
	var hits []Hit
	for _, e := range m.Elements {
		if e.Kind != "process" || e.Function != "therapy" && e.Function != "monitoring" {
			continue
		}
		var feeds []*ward.Flow
		for _, f := range into[e.ID] {
			if m.Element(f.From) != nil && contains(feedPurposes, f.Purpose) {
				feeds = append(feeds, f)
			}
		}
		if len(feeds) != 1 || !m.Crosses(feeds[0]) {
			continue
		}
		f := feeds[0]
		hits = append(hits, Hit{
			Elements: []string{e.ID, f.ID},
			Assets:   assetUnion(m.elementAssets(e.ID), m.flowAssets(f)),
			Title:    fmt.Sprintf("Single link feeds %s: %s", e.Function, m.flowTitle(f)),
			Description: fmt.Sprintf("%s performs %s on data it receives only over flow %s from %s, across a trust "+
				"boundary: jamming, flooding or cutting that link stops the function.", e.Name, e.Function, f.ID, m.name(f.From)),
			Safety: true,
		})
	}
	return hits
}
