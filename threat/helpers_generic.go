package threat

import (
	"strings"

	"github.com/wardhq/ward"
)

// Helpers of the generic STRIDE rules (Info().Health false).
//
// What the generic rules put in Hit.Elements, so threat IDs stay stable:
//   - a rule about a flow names the flow alone: its two ends are part of
//     the flow;
//   - a rule about an element, a data store or an interface names that
//     record alone, and lists the flows or data behind it in the
//     description;
//   - D-SINGLE-PATH names the process and its one link, since the threat
//     is the dependency of the one on the other.
//
// Data items are listed in descriptions, not in Elements, as the health
// rules do: a decision should survive adding one more data item.
//
// The generic rules read protection fields and assets as the health rules
// do, through helpers_health.go: saysNone for "none", harmsPatient for
// Safety, elementAssets, flowAssets and assetUnion for Assets. One reading of
// the model's free text keeps the two rule sets consistent.

// weakIntegrity reports whether a flow's integrity field gives no
// protection against an attacker: none, unset, or a checksum (which
// detects accidents only, since anyone can recompute it).
func weakIntegrity(f *ward.Flow) bool {
	switch f.Integrity {
	case "", "none", "checksum":
		return true
	}
	return false
}

// enteredBoundaries returns the trust boundaries around a flow's receiver
// that its sender is not inside, innermost first: the boundaries the flow
// enters. A flow from an outer zone (or from outside every boundary) into
// an inner one enters the inner ones; a flow between sibling zones enters
// the receiver's zone; a flow outwards enters none.
func (m *Model) enteredBoundaries(f *ward.Flow) []string {
	from := map[string]bool{}
	for _, b := range m.BoundaryPath(f.From) {
		from[b] = true
	}
	var out []string
	for _, b := range m.BoundaryPath(f.To) {
		if !from[b] {
			out = append(out, b)
		}
	}
	return out
}

// endsOf returns a flow's two elements; ok is false when either is not in
// the model (the loader reports the dangling reference, rules skip it).
func (m *Model) endsOf(f *ward.Flow) (from, to *ward.Element, ok bool) {
	from, to = m.Element(f.From), m.Element(f.To)
	return from, to, from != nil && to != nil
}

// assetsOfData returns the IDs of the assets whose data item is one of
// dataIDs, sorted.
func (m *Model) assetsOfData(dataIDs []string) []string {
	var out []string
	for _, a := range m.Assets {
		if a.Data != "" && contains(dataIDs, a.Data) {
			out = append(out, a.ID)
		}
	}
	return out
}

// anySafetyAsset reports whether one of the assets is safety relevant.
func (m *Model) anySafetyAsset(ids []string) bool {
	for _, a := range m.Assets {
		if a.SafetyRelevant && contains(ids, a.ID) {
			return true
		}
	}
	return false
}

// flowIDs lists flow IDs for descriptions: "F-1, F-2".
func flowIDs(flows []*ward.Flow) string {
	ids := make([]string, len(flows))
	for i, f := range flows {
		ids[i] = f.ID
	}
	return strings.Join(ids, ", ")
}

// isSensitiveNonPersonal reports whether a data item is a secret or
// configuration and not personal data (which the personal-data rules
// judge).
func isSensitiveNonPersonal(d *ward.DataItem) bool {
	return (d.Classification == "secret" || d.Classification == "configuration") && !IsPersonal(d)
}

// isPerson reports whether an external entity stands for an actor of kind
// person: a flow to a person is something shown to them, not a connection
// to a server.
func (m *Model) isPerson(e *ward.Element) bool {
	if e.Actor == "" || e.System != "" || m.File == nil || m.File.Context == nil {
		return false
	}
	for _, a := range m.File.Context.Actors {
		if a.ID == e.Actor {
			return a.Kind == "person"
		}
	}
	return false
}

// telemetryIntoMonitor reports whether a flow is telemetry or logging that
// crosses a trust boundary into an element whose function is monitoring:
// the flows T-TELEMETRY-TAMPER judges, and T-FLOW-NOINTEGRITY leaves to it.
func (m *Model) telemetryIntoMonitor(f *ward.Flow) bool {
	if f.Purpose != "telemetry" && f.Purpose != "logging" {
		return false
	}
	to := m.Element(f.To)
	return to != nil && to.Function == "monitoring" && m.Crosses(f)
}

// Authentication and encryption are free text. authenticatesServer reads
// them as follows: each text is split into lower-case words; a text
// authenticates the server when it names a mechanism in which the client
// verifies the server's identity — TLS in any form (TLS, DTLS, mTLS, HTTPS,
// WSS, LDAPS, FTPS, SMTPS, SSL), a certificate or X.509, pinning, mutual
// authentication, SSH (host keys), IPsec, WireGuard, Kerberos, SCP03, or a
// signature — unless it also says the verification is off: "insecure",
// "unverified", "unvalidated", "noverify", or no/without/skip/disabled/
// ignore(s|d) within three words of validation, verification, verify,
// check or pinning ("pinning disabled"). A password, PIN, API key or token alone sent by
// the client authenticates only the client.
func authenticatesServer(texts ...string) bool {
	for _, t := range texts {
		w := authWords(t)
		if verificationOff(w) {
			continue
		}
		for i, x := range w {
			switch x {
			case "tls", "dtls", "mtls", "https", "wss", "ldaps", "ftps", "smtps", "ssl",
				"certificate", "certificates", "cert", "certs", "x509", "pinned", "pinning",
				"mutual", "mutually", "ssh", "ipsec", "wireguard", "kerberos", "scp03", "signature", "signed":
				return true
			case "x":
				if i+1 < len(w) && w[i+1] == "509" {
					return true
				}
			}
		}
	}
	return false
}

// verificationOff reports whether words say that server verification is
// switched off (see authenticatesServer).
func verificationOff(w []string) bool {
	for i, x := range w {
		switch x {
		case "insecure", "unverified", "unvalidated", "noverify":
			return true
		case "no", "without", "skip", "skips", "skipped", "disabled", "ignore", "ignores", "ignored":
			for j := max(i-3, 0); j < len(w) && j <= i+3; j++ {
				switch w[j] {
				case "validation", "verification", "verify", "verified", "check", "checks", "checking", "pinning":
					return true
				}
			}
		}
	}
	return false
}

// joinIDs lists IDs for descriptions: "AST-1, AST-2".
func joinIDs(ids []string) string { return strings.Join(ids, ", ") }

// boundaryName returns a trust boundary's name for titles, else its ID.
func (m *Model) boundaryName(id string) string {
	if b := m.Boundaries[id]; b != nil && b.Name != "" {
		return b.Name
	}
	return id
}

// exposurePlace names where an interface's exposure reaches, for
// descriptions: "internet", "hospital network".
func exposurePlace(exposure string) string {
	switch exposure {
	case "hospital_lan":
		return "hospital network"
	case "":
		return "network"
	}
	return exposure
}

// judgedBy returns the IDs that the hits of the given rules name on m:
// the records those rules already judge. A generic rule leaves such a
// record alone when a health rule judges it for the same reason, so one
// unprotected flow or store does not get two threats with one fix. An ID
// of a rule that is not registered is skipped; TestGenericDeferralsExist
// keeps the list honest.
func (m *Model) judgedBy(ruleIDs ...string) map[string]bool {
	out := map[string]bool{}
	for _, id := range ruleIDs {
		r, ok := registry[id]
		if !ok {
			continue
		}
		for _, h := range r.Apply(m) {
			for _, e := range h.Elements {
				out[e] = true
			}
		}
	}
	return out
}

// flowsInto returns the flows into each element, in the model's flow
// order, so per-element rules read every flow once.
func (m *Model) flowsInto() map[string][]*ward.Flow {
	out := map[string][]*ward.Flow{}
	for _, f := range m.Flows {
		out[f.To] = append(out[f.To], f)
	}
	return out
}

// localUI reports whether a flow goes through a user interface at the
// element itself (an interface of kind ui with exposure physical or
// local: a touchscreen, keypad or command line), where nothing travels on
// a network that could be read or altered in transit. A web UI has
// exposure hospital_lan or internet and is not local.
func (m *Model) localUI(f *ward.Flow) bool {
	i := m.Interface(f.Interface)
	return i != nil && i.Kind == "ui" && (i.Exposure == "physical" || i.Exposure == "local")
}

// reachableExposures returns, per element ID, the widest exposure through
// which others can reach the element: of the interfaces it exposes
// (interface.element), and of interfaces without an element that flows
// into it use. Unlike Exposure, it ignores the interfaces of servers the
// element connects to: a client of an internet API is not reachable from
// the internet. One pass over interfaces and flows serves every element.
func (m *Model) reachableExposures() map[string]string {
	rank := map[string]int{"": 0, "physical": 1, "local": 2, "hospital_lan": 3, "internet": 4}
	out := map[string]string{}
	consider := func(elementID string, i *ward.Interface) {
		if rank[i.Exposure] > rank[out[elementID]] {
			out[elementID] = i.Exposure
		}
	}
	for _, i := range m.Interfaces {
		if i.Element != "" {
			consider(i.Element, i)
		}
	}
	for _, f := range m.Flows {
		if i := m.Interface(f.Interface); i != nil && i.Element == "" {
			consider(f.To, i)
		}
	}
	return out
}
