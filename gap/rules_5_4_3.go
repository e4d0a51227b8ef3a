package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 5.4.3 — secure HEALTH SOFTWARE interfaces.

func init() {
	register("R543-1", checkInterfaceRecords)
	register("R543-2", checkExposedInterfaceProtection)
	register("R543-3", checkDefaultInterfacesInLabeling)
	register("R543-4", checkNoUndeclaredServices)
}

// versionedKinds are interface kinds whose protocol has a version that
// matters for security (e.g. TLS 1.2 vs 1.3, BLE 4.2 vs 5).
var versionedKinds = map[string]bool{"tcp": true, "udp": true, "http_api": true, "ble": true, "wifi": true, "cellular": true}

// checkInterfaceRecords: every interface states its kind, direction,
// protocol (with version for network and radio kinds), data, authentication,
// encryption and exposure. Whether it is enabled by default is a yes/no
// field that cannot be told apart from "not stated".
func checkInterfaceRecords(in *Input, c *Check) {
	ifs := contextInterfaces(in)
	if len(ifs) == 0 {
		c.Missing(ward.Pos{}, "no interfaces recorded under context.interfaces")
		return
	}
	for _, it := range ifs {
		var miss []string
		for _, f := range []struct{ name, v string }{
			{"kind", it.Kind}, {"direction", it.Direction}, {"protocol", it.Protocol},
			{"authentication", it.Authentication}, {"encryption", it.Encryption}, {"exposure", it.Exposure},
		} {
			if strings.TrimSpace(f.v) == "" {
				miss = append(miss, f.name)
			}
		}
		if versionedKinds[it.Kind] && strings.TrimSpace(it.ProtocolVersion) == "" {
			miss = append(miss, "protocol_version")
		}
		if len(it.Data) == 0 {
			miss = append(miss, "data")
		}
		if len(miss) > 0 {
			c.Missing(it.At, "interface %s: missing %s", it.ID, strings.Join(miss, ", "))
			continue
		}
		c.Cite(it.ID)
	}
	c.OK("all %d interface records are complete", len(ifs))
}

// acceptedRiskFor returns an acceptable risk whose threats concern the
// interface, or nil.
func acceptedRiskFor(in *Input, iface string) *ward.Risk {
	for _, r := range in.File.Risks {
		if r.Acceptable == nil || !*r.Acceptable {
			continue
		}
		for _, tid := range r.Threats {
			if t := in.Threat(tid); t != nil && contains(t.Elements, iface) {
				return r
			}
		}
	}
	return nil
}

// checkExposedInterfaceProtection: no interface exposed to the internet or
// the hospital LAN lacks authentication or encryption unless an accepted
// risk concerns it (through its threats) or a justification is recorded.
func checkExposedInterfaceProtection(in *Input, c *Check) {
	n := 0
	for _, it := range contextInterfaces(in) {
		if it.Exposure != "internet" && it.Exposure != "hospital_lan" {
			continue
		}
		n++
		var weak []string
		if isNone(it.Authentication) {
			weak = append(weak, "authentication")
		}
		if isNone(it.Encryption) {
			weak = append(weak, "encryption")
		}
		if len(weak) == 0 {
			c.Cite(it.ID)
			continue
		}
		if r := acceptedRiskFor(in, it.ID); r != nil {
			c.Cite(it.ID, r.ID)
			continue
		}
		if strings.TrimSpace(it.Justification) != "" {
			c.Cite(it.ID)
			continue
		}
		c.Missing(it.At, "interface %s (%s): no %s, and no accepted risk or justification covers it", it.ID, it.Exposure, strings.Join(weak, " and no "))
	}
	if n == 0 {
		c.NotApplicable("no interface is exposed to the internet or the hospital LAN")
	}
	c.OK("all %d network-exposed interfaces authenticate and encrypt, or an accepted risk covers them", n)
}

// checkDefaultInterfacesInLabeling: every interface enabled by default is
// in the labeling's port and interface list.
func checkDefaultInterfacesInLabeling(in *Input, c *Check) {
	n := 0
	for _, it := range contextInterfaces(in) {
		if !it.EnabledByDefault {
			continue
		}
		n++
		if !it.InLabeling {
			c.Missing(it.At, "interface %s: enabled by default but not in the labeling's interface list (in_labeling)", it.ID)
			continue
		}
		c.Cite(it.ID)
	}
	c.OK("all %d interfaces enabled by default are in the labeling", n)
}

// checkNoUndeclaredServices: an attack-surface test ran on the release and
// passed (its result set matched the interface inventory), and none of its
// findings — an undeclared port or service — is open.
func checkNoUndeclaredServices(in *Input, c *Check) {
	var ran []*ward.Test
	for _, t := range in.File.Tests {
		if t.Kind == ward.TestAttackSurface && in.OnRelease(t) {
			ran = append(ran, t)
		}
	}
	if len(ran) == 0 {
		c.Missing(ward.Pos{}, "no attack_surface test on the release build, so undeclared services cannot be ruled out")
		return
	}
	for _, t := range ran {
		if t.Result != "pass" {
			c.Missing(t.At, "test %s: attack-surface analysis result is %s (open ports or services missing from the inventory)", t.ID, t.Result)
			continue
		}
		open := false
		for _, f := range in.File.Findings {
			if (f.Source == t.ID || contains(t.Findings, f.ID)) && f.Status == "open" {
				c.Missing(f.At, "finding %s: undeclared service found by %s is still open", f.ID, t.ID)
				open = true
			}
		}
		if !open {
			c.Cite(t.ID)
		}
	}
	c.OK("attack-surface analysis found no service missing from the interface inventory")
}
