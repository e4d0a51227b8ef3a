package gap

// Clause 6.3.2 — maintained software security update delivery.

func init() {
	register("R632-1", checkMaintainedFixesDelivered)
}

// checkMaintainedFixesDelivered: every applicable vulnerability in a
// maintained item with disposition fix has a fix available (a security
// update, fix date or fixed-in release) or a target date not yet passed.
func checkMaintainedFixesDelivered(in *Input, c *Check) {
	n := 0
	for _, v := range in.File.Vulns {
		if v.Disposition != "fix" || !analysed(v) {
			continue
		}
		var maintained []string
		for _, id := range v.Components {
			if it := in.Item(id); it != nil && in.Category(it) == "maintained" {
				maintained = append(maintained, id)
			}
		}
		if len(maintained) == 0 {
			continue
		}
		n++
		switch fix := fixAvailableDate(in, v); {
		case !fix.IsZero() && !fix.After(in.Today):
			c.Cite(v.ID)
		case v.TargetDate.IsZero():
			c.Missing(v.At, "%s (maintained %s): disposition fix, but no update delivered and no target_date", v.ID, joinIDs(maintained))
		case v.TargetDate.Before(in.Today):
			c.Missing(v.At, "%s (maintained %s): target date %s passed without a security update", v.ID, joinIDs(maintained), v.TargetDate)
		default:
			c.Cite(v.ID)
		}
	}
	if n == 0 {
		c.NotApplicable("no vulnerability in a maintained item is to be fixed")
		return
	}
	c.OK("all %d fixes for maintained items are delivered or not yet due", n)
}
