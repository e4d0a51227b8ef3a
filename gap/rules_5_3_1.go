package gap

import (
	"github.com/wardhq/ward"
)

// Clause 5.3.1 — DEFENSE-IN-DEPTH ARCHITECTURE/design.

func init() {
	register("R531-1", checkBoundaryFlowControls)
	register("R531-2", checkInterfaceBoundary)
}

// networkExposed reports whether the flow uses an interface exposed to the
// internet or the hospital LAN.
func networkExposed(in *Input, f *ward.Flow) (*ward.Interface, bool) {
	it := interfaceByID(in, f.Interface)
	return it, it != nil && (it.Exposure == "internet" || it.Exposure == "hospital_lan")
}

// checkBoundaryFlowControls: every flow crossing a trust boundary has at
// least one control; one through an interface exposed to the internet or the
// hospital LAN has two or a justification.
func checkBoundaryFlowControls(in *Input, c *Check) {
	a := in.File.Architecture
	if a == nil {
		c.Missing(ward.Pos{}, "no architecture: section (elements, trust boundaries, flows)")
		return
	}
	n := 0
	for _, f := range a.Flows {
		if !crossesBoundary(in, f) {
			continue
		}
		n++
		it, exposed := networkExposed(in, f)
		switch {
		case len(f.Controls) == 0:
			c.Missing(f.At, "flow %s (%s → %s): crosses a trust boundary without a control", f.ID, f.From, f.To)
		case exposed && len(f.Controls) < 2 && f.Justification == "":
			c.Missing(f.At, "flow %s: uses %s interface %s with only control %s (needs two independent controls or a justification)", f.ID, it.Exposure, it.ID, f.Controls[0])
		default:
			c.Cite(f.ID)
		}
	}
	if n == 0 {
		c.Missing(a.At, "no flow crosses a trust boundary: the architecture shows no boundaries between its elements")
	}
	c.OK("all %d boundary-crossing flows have controls in depth", n)
}

// checkInterfaceBoundary: every interface is placed in exactly one trust
// boundary of the architecture — its own boundary, else the boundary of
// the element that exposes it.
func checkInterfaceBoundary(in *Input, c *Check) {
	ifs := contextInterfaces(in)
	if len(ifs) == 0 {
		c.Missing(ward.Pos{}, "no interfaces recorded under context.interfaces")
		return
	}
	known := map[string]bool{}
	if a := in.File.Architecture; a != nil {
		for _, b := range a.Boundaries {
			known[b.ID] = true
		}
	}
	for _, it := range ifs {
		b := it.Boundary
		if b == "" {
			if e := in.Element(it.Element); e != nil {
				b = e.Boundary
			}
		}
		switch {
		case b == "":
			c.Missing(it.At, "interface %s: mapped to no trust boundary (boundary, or an element with one)", it.ID)
		case !known[b]:
			c.Missing(it.At, "interface %s: boundary %s is not in architecture.boundaries", it.ID, b)
		default:
			c.Cite(it.ID)
		}
	}
	c.OK("all %d interfaces are mapped to a trust boundary", len(ifs))
}
