package gap

import (
	"github.com/wardhq/ward"
)

// Clause 7.1.2 — product security context.

func init() {
	register("R712-1", checkSecurityContext)
}

// checkSecurityContext decides whether the product security context is
// complete, consistent and current:
//
//   - every field is filled: environment, network location, physical
//     environment, isolation assumptions, safety impact, hardware security
//     features (write "none" when there are none), HDO responsibilities,
//     systems, actors (the user roles), interfaces and data;
//   - every neighbouring system or actor referenced anywhere — interface
//     peers, architecture elements' system and actor — is declared under
//     context.systems or context.actors;
//   - every architecture external entity stands for a declared system or
//     actor, and every declared system is reached through an interface or
//     an external entity (else the inventory misses how it connects);
//   - every interface that is not physical names its peers;
//   - it was reviewed for the current release: reviewed_for is the release
//     under evaluation or a release of the same major version (the rule
//     asks for the current major release), or reviewed_at is on or after
//     the release date; and the reviewer is recorded.
func checkSecurityContext(in *Input, c *Check) {
	ctx := in.File.Context
	if ctx == nil {
		c.Missing(ward.Pos{}, "no context: section (product security context of 7.1.2)")
		return
	}
	for _, f := range []struct {
		name  string
		empty bool
	}{
		{"environment", ctx.Environment == ""},
		{"network_location", ctx.NetworkLocation == ""},
		{"physical_environment", ctx.PhysicalEnvironment == ""},
		{"isolation_assumptions", len(ctx.IsolationAssumptions) == 0},
		{"safety_impact", ctx.SafetyImpact == ""},
		{"hardware_security (write none if the product uses no hardware security features)", len(ctx.HardwareSecurity) == 0},
		{"hdo_responsibilities", len(ctx.HDOResponsibilities) == 0},
		{"systems", len(ctx.Systems) == 0},
		{"actors (user roles)", len(ctx.Actors) == 0},
		{"interfaces", len(ctx.Interfaces) == 0},
		{"data", len(ctx.Data) == 0},
	} {
		if f.empty {
			c.Missing(ctx.At, "context: %s is empty", f.name)
		}
	}

	systems := map[string]bool{}
	for _, s := range ctx.Systems {
		systems[s.ID] = true
	}
	actors := map[string]bool{}
	for _, a := range ctx.Actors {
		actors[a.ID] = true
	}
	reached := map[string]bool{}
	for _, i := range ctx.Interfaces {
		if len(i.Peers) == 0 && i.Exposure != "physical" {
			c.Missing(i.At, "interface %s (%s exposure): no peers (the systems and actors on the other side)", i.ID, i.Exposure)
		}
		for _, p := range i.Peers {
			reached[p] = true
			if !systems[p] && !actors[p] {
				c.Missing(i.At, "interface %s: peer %s is not declared under context.systems or context.actors", i.ID, p)
			}
		}
	}
	if arch := in.File.Architecture; arch != nil {
		for _, e := range arch.Elements {
			if e.System != "" {
				reached[e.System] = true
				if !systems[e.System] {
					c.Missing(e.At, "element %s: system %s is not declared under context.systems", e.ID, e.System)
				}
			}
			if e.Actor != "" {
				reached[e.Actor] = true
				if !actors[e.Actor] {
					c.Missing(e.At, "element %s: actor %s is not declared under context.actors", e.ID, e.Actor)
				}
			}
			if e.Kind == "external_entity" && e.System == "" && e.Actor == "" {
				c.Missing(e.At, "external entity %s stands for no declared system or actor (set system: or actor:)", e.ID)
			}
		}
	}
	for _, s := range ctx.Systems {
		if !reached[s.ID] {
			c.Missing(s.At, "system %s is declared but no interface peer or external entity connects it", s.ID)
		}
	}

	switch rel := in.Release; {
	case ctx.ReviewedAt.IsZero() && ctx.ReviewedFor == "":
		c.Missing(ctx.At, "context: never reviewed (reviewed_at, reviewed_by, reviewed_for)")
	case rel == nil:
		// No release yet: any review counts.
	case ctx.ReviewedFor == rel.Version, !ctx.ReviewedAt.IsZero() && !ctx.ReviewedAt.Before(rel.Date):
	case ctx.ReviewedFor != "" && majorVersion(ctx.ReviewedFor) == majorVersion(rel.Version):
	default:
		last := ctx.ReviewedFor
		if last == "" {
			last = ctx.ReviewedAt.String()
		}
		c.Missing(ctx.At, "context: last reviewed for %s, not for release %s (major version %s)", last, rel.Version, majorVersion(rel.Version))
	}
	if ctx.ReviewedBy == "" && (!ctx.ReviewedAt.IsZero() || ctx.ReviewedFor != "") {
		c.Missing(ctx.At, "context: review has no reviewed_by")
	}
	c.Cite(ctx.ReviewedBy)
	c.OK("the security context is complete, declares every neighbouring system and actor it references, and was reviewed for %s", releaseName(in))
}
