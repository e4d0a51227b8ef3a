package csaf

import (
	"fmt"
	"io"
	"net/url"
	"strings"

	"golang.org/x/text/language"

	"github.com/wardhq/ward"
)

// SecurityTxt is an RFC 9116 security.txt file: where to report a
// vulnerability, and (CSAF 2.0 requirement 8) where the provider's CSAF
// documents are.
type SecurityTxt struct {
	Comment            string   // written first, as "# " lines; may be empty
	Contact            []string // mailto:, https: or tel: URIs; at least one
	Expires            ward.Date
	Encryption         []string // https URLs of encryption keys
	Policy             []string // https URLs of the disclosure policy
	PreferredLanguages []string // language tags
	Canonical          []string // https URLs where this file is served
	CSAF               []string // https URLs of provider-metadata.json
}

// SecurityTxtOptions complete what the disclosure record gives.
type SecurityTxtOptions struct {
	// Expires is the Expires date; zero: one year after the disclosure
	// record's reviewed_at.
	Expires ward.Date
	// ProviderURL is the canonical URL of the CSAF provider's
	// provider-metadata.json (or its folder); empty: no CSAF field.
	ProviderURL string
}

// NewSecurityTxt makes the security.txt of a manufacturer from its
// disclosure record: Contact, Expires, Encryption, Policy,
// Preferred-Languages, and CSAF when a provider URL is given. A policy_url
// that is itself a /.well-known/security.txt names the file's Canonical
// location rather than a policy. EInvalid says what to record when the
// data is missing or malformed.
func NewSecurityTxt(manufacturer string, d *ward.Disclosure, opt SecurityTxtOptions) (*SecurityTxt, error) {
	if d == nil {
		return nil, ward.Errorf(ward.EInvalid, "the security file has no disclosure: record: security.txt needs disclosure.contact (and policy_url, encryption, languages)")
	}
	s := &SecurityTxt{Comment: fmt.Sprintf("Security contact of %s (RFC 9116), written by ward from the security file's disclosure record.", manufacturer)}
	contact, err := contactURI(d.Contact)
	if err != nil {
		return nil, ward.Errorf(ward.EInvalid, "%s: disclosure.contact %q: %v", d.At, d.Contact, err)
	}
	s.Contact = []string{contact}
	switch {
	case !opt.Expires.IsZero():
		s.Expires = opt.Expires
	case !d.ReviewedAt.IsZero():
		s.Expires = d.ReviewedAt.AddMonths(12)
	default:
		return nil, ward.Errorf(ward.EInvalid, "%s: security.txt needs an Expires date: set disclosure.reviewed_at (Expires is one year after the policy's review) or give --expires YYYY-MM-DD", d.At)
	}
	if d.Encryption != "" {
		if err := httpsURL(d.Encryption); err != nil {
			return nil, ward.Errorf(ward.EInvalid, "%s: disclosure.encryption %q: %v", d.At, d.Encryption, err)
		}
		s.Encryption = []string{d.Encryption}
	}
	if d.PolicyURL != "" {
		if err := httpsURL(d.PolicyURL); err != nil {
			return nil, ward.Errorf(ward.EInvalid, "%s: disclosure.policy_url %q: %v", d.At, d.PolicyURL, err)
		}
		if u, _ := url.Parse(d.PolicyURL); u.Path == "/.well-known/security.txt" {
			s.Canonical = []string{d.PolicyURL}
		} else {
			s.Policy = []string{d.PolicyURL}
		}
	}
	for _, l := range d.Languages {
		if _, err := language.Parse(l); err != nil {
			return nil, ward.Errorf(ward.EInvalid, "%s: disclosure.languages: %q is not a language tag (e.g. en, de)", d.At, l)
		}
		s.PreferredLanguages = append(s.PreferredLanguages, l)
	}
	if opt.ProviderURL != "" {
		_, meta, err := providerURLs(opt.ProviderURL)
		if err != nil {
			return nil, err
		}
		s.CSAF = []string{meta}
	}
	return s, nil
}

// contactURI returns the contact as a URI: an e-mail address becomes a
// mailto: URI; mailto:, https: and tel: URIs stay as they are.
func contactURI(c string) (string, error) {
	c = strings.TrimSpace(c)
	switch {
	case c == "":
		return "", fmt.Errorf("empty")
	case strings.HasPrefix(c, "mailto:") || strings.HasPrefix(c, "tel:"):
		return c, nil
	case strings.HasPrefix(c, "https://"):
		return c, httpsURL(c)
	case strings.Contains(c, "@") && !strings.ContainsAny(c, " /:"):
		return "mailto:" + c, nil
	}
	return "", fmt.Errorf("want an e-mail address or a mailto:, https: or tel: URI")
}

// httpsURL checks a web URI: RFC 9116 wants https.
func httpsURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return fmt.Errorf("not an absolute URL")
	}
	if u.Scheme != "https" {
		return fmt.Errorf("security.txt web URIs must use https (RFC 9116, section 2.5)")
	}
	return nil
}

// Write writes the file: a comment, then the fields, one a line, lines
// ending in LF (RFC 9116 section 2.2 allows CRLF or LF).
func (s *SecurityTxt) Write(w io.Writer) error {
	var b strings.Builder
	for _, line := range strings.Split(s.Comment, "\n") {
		if line != "" {
			b.WriteString("# " + line + "\n")
		}
	}
	field := func(name string, values []string) {
		for _, v := range values {
			b.WriteString(name + ": " + v + "\n")
		}
	}
	field("Contact", s.Contact)
	field("Expires", []string{s.Expires.Time().UTC().Format("2006-01-02T15:04:05.000Z")})
	field("Encryption", s.Encryption)
	field("Policy", s.Policy)
	if len(s.PreferredLanguages) > 0 {
		field("Preferred-Languages", []string{strings.Join(s.PreferredLanguages, ", ")})
	}
	field("Canonical", s.Canonical)
	field("CSAF", s.CSAF)
	_, err := io.WriteString(w, b.String())
	return err
}
