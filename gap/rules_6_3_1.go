package gap

import (
	"github.com/wardhq/ward"
)

// Clause 6.3.1 — supported software security update documentation.

func init() {
	register("R631-1", checkUpdateNotices)
}

// updateConcernsDeliveredItems reports whether a security update touches a
// maintained or supported item: some vulnerability it fixes is in such an
// item, or names no item (then it is in the manufacturer's own code). An
// update only of required items is the operator's to obtain.
func updateConcernsDeliveredItems(in *Input, u *ward.SecurityUpdate) bool {
	if len(u.Vulnerabilities) == 0 {
		return true
	}
	for _, id := range u.Vulnerabilities {
		v := in.Vulnerability(id)
		if v == nil || len(v.Components) == 0 {
			return true
		}
		for _, cid := range v.Components {
			if it := in.Item(cid); it == nil || in.Category(it) != "required" {
				return true
			}
		}
	}
	return false
}

// checkUpdateNotices: each security update of a maintained or supported
// item has a customer-facing notice document and a date the customers were
// notified, no earlier than availability. The notice deadline after
// qualification and the notice's content (qualification status,
// installation guidance) are not in the model; the reviewer checks them.
func checkUpdateNotices(in *Input, c *Check) {
	n := 0
	for _, u := range in.File.Updates {
		if !updateConcernsDeliveredItems(in, u) {
			continue
		}
		n++
		ok := true
		switch {
		case u.Notice == "":
			c.Missing(u.At, "%s: no customer-facing update notice (notice:)", u.ID)
			ok = false
		case in.Document(u.Notice) == nil:
			c.Missing(u.At, "%s: notice %s is not among the documents", u.ID, u.Notice)
			ok = false
		}
		switch {
		case u.NotifiedAt.IsZero():
			c.Missing(u.At, "%s: no notified_at (when customers were told)", u.ID)
			ok = false
		case !u.AvailableAt.IsZero() && u.NotifiedAt.Before(u.AvailableAt):
			c.Missing(u.At, "%s: notified_at %s is before the update was available (%s)", u.ID, u.NotifiedAt, u.AvailableAt)
			ok = false
		}
		if ok {
			c.Cite(u.ID, u.Notice)
		}
	}
	if n == 0 {
		c.NotApplicable("no security update of a maintained or supported item yet")
		return
	}
	c.OK("all %d security updates of maintained or supported items have a customer notice", n)
}
