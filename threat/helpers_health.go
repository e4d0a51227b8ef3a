package threat

import (
	"sort"
	"strings"

	"github.com/wardhq/ward"
)

// Helpers of the health-specific rules (Info().Health true).
//
// What the health rules put in Hit.Elements, so threat IDs stay stable:
//   - a rule about a flow names the flow, plus the clinical element
//     (therapy, diagnosis, monitoring) whose function made the rule fire,
//     as T-CLINICAL-CMD does;
//   - a rule about an element, a data store or an interface names that
//     record alone (plus the clinical element behind an interface);
//   - E-EOS-EXPOSED names the element and the software item's ID, since a
//     Hit has no field for software items and each item needs its own
//     decision.
//
// Data items a flow carries or a store keeps are listed in the description,
// not in Elements: the threat is about the unprotected flow or store, and a
// decision on it should survive adding one more data item.

// isClinical reports whether an element performs a clinical function whose
// failure or misuse can harm a patient: therapy, diagnosis or monitoring.
func isClinical(e *ward.Element) bool {
	switch e.Function {
	case "therapy", "diagnosis", "monitoring":
		return true
	}
	return false
}

// harmsPatient reports whether compromising an element can harm a patient:
// it performs a clinical function or holds a safety-relevant asset.
func (m *Model) harmsPatient(elementID string) bool {
	if e := m.Element(elementID); e != nil && isClinical(e) {
		return true
	}
	return len(m.SafetyAssets(elementID)) > 0
}

// isHealthData reports whether a data item is health data: personal health
// data or clinical data (measurements, orders, results), personal or not.
func isHealthData(d *ward.DataItem) bool {
	return d.PersonalHealthData || d.Classification == "phi" || d.Classification == "clinical"
}

// saysNone reports whether a free-text protection field (authentication,
// encryption) says there is none. Besides IsNone's spellings it accepts a
// leading "none" followed by an explanation, as in "none (local process)".
func saysNone(s string) bool {
	if IsNone(strings.TrimSpace(s)) {
		return true
	}
	w := authWords(s)
	return len(w) > 0 && w[0] == "none"
}

// Authentication is free text. weakRemoteAuth reads it as follows: the
// text is split into lower-case words; it is weak when it says none (see
// saysNone), or when it names a knowledge factor (password, passphrase,
// passwd, PIN, or HTTP basic authentication) and names no second or
// possession factor: MFA, 2FA, multi- or two-factor, OTP/TOTP/HOTP, FIDO,
// WebAuthn, passkey, U2F, smart card, hardware token, YubiKey, a
// certificate, mutual TLS, X.509, or a key pair (SSH or public key). Text
// naming neither kind (SSO, OIDC, API key) is not judged weak: the rule
// cannot tell, and the generic authentication rules cover it.
func weakRemoteAuth(s string) bool {
	if saysNone(s) {
		return true
	}
	text := " " + strings.Join(authWords(s), " ") + " "
	has := func(phrases ...string) bool {
		for _, p := range phrases {
			if strings.Contains(text, " "+p+" ") {
				return true
			}
		}
		return false
	}
	knowledge := has("password", "passwords", "passwd", "passphrase", "pin", "pins", "basic")
	strong := has("mfa", "2fa", "multi factor", "multifactor", "two factor", "second factor",
		"otp", "totp", "hotp", "fido", "fido2", "webauthn", "passkey", "passkeys", "u2f",
		"smart card", "smartcard", "hardware token", "yubikey",
		"certificate", "certificates", "cert", "certs", "mtls", "mutual tls", "x509", "x 509",
		"ssh key", "ssh keys", "public key", "key pair", "client key")
	return knowledge && !strong
}

// authWords splits free text into lower-case words of letters and digits.
func authWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
}

// elementAssets returns the IDs of every asset tied to an element
// (asset.element) or to data it stores, sorted.
func (m *Model) elementAssets(elementID string) []string {
	e := m.Element(elementID)
	var out []string
	for _, a := range m.Assets {
		if a.Element == elementID || (e != nil && a.Data != "" && contains(e.Stores, a.Data)) {
			out = append(out, a.ID)
		}
	}
	return out
}

// flowAssets returns the IDs of the assets whose data the flow carries,
// sorted.
func (m *Model) flowAssets(f *ward.Flow) []string {
	var out []string
	for _, a := range m.Assets {
		if a.Data != "" && contains(f.Data, a.Data) {
			out = append(out, a.ID)
		}
	}
	return out
}

// assetUnion returns the sorted union of string lists without duplicates.
func assetUnion(lists ...[]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lists {
		for _, s := range l {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
}

// storedData returns the data items an element stores that match keep,
// sorted by ID.
func (m *Model) storedData(e *ward.Element, keep func(*ward.DataItem) bool) []*ward.DataItem {
	var out []*ward.DataItem
	for _, id := range e.Stores {
		if d := m.Data(id); d != nil && keep(d) {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// dataNames lists data item names for descriptions: "Patient data, Vitals".
func dataNames(items []*ward.DataItem) string {
	names := make([]string, len(items))
	for i, d := range items {
		names[i] = d.Name
	}
	return strings.Join(names, ", ")
}

// personalData returns the personal data items a flow carries, sorted by ID.
func (m *Model) personalData(f *ward.Flow) []*ward.DataItem {
	var out []*ward.DataItem
	for _, d := range m.FlowData(f) {
		if IsPersonal(d) {
			out = append(out, d)
		}
	}
	return out
}

// boundaryOfKind returns the innermost boundary around an element whose
// kind is one of kinds, or nil.
func (m *Model) boundaryOfKind(elementID string, kinds ...string) *ward.Boundary {
	for _, id := range m.BoundaryPath(elementID) {
		if b := m.Boundaries[id]; b != nil && contains(kinds, b.Kind) {
			return b
		}
	}
	return nil
}
