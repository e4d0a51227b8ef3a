package threat

import "fmt"

// spoofedServer: a process of the product sends to an external system
// across a trust boundary without authenticating the server, so an
// impostor can receive the data and answer in its place.
type spoofedServer struct{}

func init() { register(spoofedServer{}) }

func (spoofedServer) Info() RuleInfo {
	return RuleInfo{
		ID:     "S-SPOOFED-SERVER",
		Title:  "A process connects to an external system without authenticating it",
		STRIDE: "S",
		CWE:    []string{"CWE-295", "CWE-322"},
		Detection: "A flow goes from an element of kind process to an element of kind external_entity that does not " +
			"stand for a person (an actor of kind person, with no system), its two ends sit in different innermost " +
			"trust boundaries, and neither its authentication nor its encryption names a mechanism in which the " +
			"client verifies the server: TLS in any form (TLS, DTLS, mTLS, HTTPS, WSS, LDAPS, FTPS, SMTPS, SSL), a " +
			"certificate or X.509, pinning, mutual authentication, SSH, IPsec, WireGuard, Kerberos, SCP03 or a " +
			"signature; text saying verification is off (insecure, unverified, no or without … validation) does not " +
			"count. A password, PIN, API key or token that the client sends authenticates the client only. Every " +
			"process of the product is judged, not only device and gateway processes: a cloud backend calling a " +
			"third-party API is spoofable the same way.",
		FalsePositives: "The rule reads the model's text, not the code: TLS whose certificate check is switched off " +
			"in the code still reads as authenticating the server, so write it as it is (\"TLS without certificate " +
			"validation\"). A pre-shared key both sides hold, written only as a cipher (\"AES-256\"), does authenticate " +
			"the server: name it (\"PSK, mutual authentication\") or record the decision as mitigated.",
		Controls: []string{"Verify the server's certificate and host name (TLS with a pinned CA)",
			"Use mutual authentication", "Verify signatures on what the server returns"},
	}
}

func (spoofedServer) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		from, to, ok := m.endsOf(f)
		if !ok || from.Kind != "process" || to.Kind != "external_entity" || m.isPerson(to) || !m.Crosses(f) {
			continue
		}
		if authenticatesServer(f.Authentication, f.Encryption) {
			continue
		}
		auth := f.Authentication
		if saysNone(auth) {
			auth = "none"
		}
		assets := m.flowAssets(f)
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   assets,
			Title:    fmt.Sprintf("Server not authenticated: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("On flow %s, %s cannot tell %s from an impostor (authentication: %s): whoever "+
				"redirects the connection receives the data and can answer in the server's place.",
				f.ID, from.Name, to.Name, auth),
			Safety: m.anySafetyAsset(assets),
		})
	}
	return hits
}
