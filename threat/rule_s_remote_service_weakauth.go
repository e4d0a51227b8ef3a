package threat

import "fmt"

// remoteServiceWeakAuth: remote service access with no authentication or a
// password alone.
type remoteServiceWeakAuth struct{}

func init() { register(remoteServiceWeakAuth{}) }

func (remoteServiceWeakAuth) Info() RuleInfo {
	return RuleInfo{
		ID:     "S-REMOTE-SERVICE-WEAKAUTH",
		Title:  "Remote service access can be gained by guessing or stealing a password",
		STRIDE: "S",
		CWE:    []string{"CWE-306", "CWE-308", "CWE-1390"},
		Detection: "A flow has purpose remote_service and its authentication text says none (empty, none, or starting " +
			"with the word none), or names a knowledge factor (password, passphrase, passwd, PIN, basic) without naming " +
			"a second or possession factor (MFA, 2FA, multi- or two-factor, OTP, TOTP, HOTP, FIDO, WebAuthn, passkey, " +
			"U2F, smart card, hardware token, YubiKey, certificate, mutual TLS/mTLS, X.509, SSH or public key). " +
			"Text naming neither kind, such as SSO or API key, is not judged.",
		FalsePositives: "The second factor is enforced outside the flow's text, e.g. the service technician reaches the " +
			"device only through the HDO's MFA-protected VPN or jump host, or each session needs approval on the device: " +
			"name that factor in the authentication text or record the threat as mitigated by that control.",
		Controls: []string{
			"Require multi-factor or certificate-based authentication of the service technician",
			"Open remote sessions only on the HDO's approval and for a limited time",
			"Use per-technician accounts and log every remote session",
		},
		Health: true,
	}
}

func (remoteServiceWeakAuth) Apply(m *Model) []Hit {
	var hits []Hit
	for _, f := range m.Flows {
		if f.Purpose != "remote_service" || !weakRemoteAuth(f.Authentication) {
			continue
		}
		auth := f.Authentication
		if saysNone(auth) {
			auth = "none"
		}
		hits = append(hits, Hit{
			Elements: []string{f.ID},
			Assets:   m.elementAssets(f.To),
			Title:    fmt.Sprintf("Remote service with weak authentication: %s", m.flowTitle(f)),
			Description: fmt.Sprintf("Flow %s gives remote service access to %s with authentication %q: no second factor "+
				"and no certificate, so a guessed, phished or reused password is enough to act as the service technician.",
				f.ID, m.name(f.To), auth),
			Safety: m.harmsPatient(f.To),
		})
	}
	return hits
}
