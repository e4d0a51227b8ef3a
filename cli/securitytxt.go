package cli

import (
	"context"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/csaf"
)

// runDocSecurityTxt writes the RFC 9116 security.txt of the manufacturer
// from the security file's disclosure record.
func runDocSecurityTxt(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "doc security-txt", "[dir]",
		"Write an RFC 9116 security.txt from the security file's disclosure record: Contact, Expires, Encryption, Policy, "+
			"Preferred-Languages, Canonical (when policy_url is itself a /.well-known/security.txt), and CSAF (the provider-metadata.json "+
			"of 'ward csaf provider') when --canonical-url is given. Serve it as https://<domain>/.well-known/security.txt.")
	expires := fs.String("expires", "", "Expires date YYYY-MM-DD (default: one year after disclosure.reviewed_at)")
	canonical := fs.String("canonical-url", "", "https URL of the CSAF provider's provider-metadata.json, for the CSAF field")
	out := fs.String("o", "", "write to this file instead of standard output")
	dir, err := dirArg(fs, args)
	if err != nil {
		return err
	}
	opt := csaf.SecurityTxtOptions{ProviderURL: *canonical}
	if *expires != "" {
		d, err := ward.ParseDate(*expires)
		if err != nil {
			return usagef("--expires: %v", err)
		}
		opt.Expires = d
	}
	sf, err := loadValidFile(e, dir, nil)
	if err != nil {
		return err
	}
	manufacturer := ""
	if sf.Product != nil {
		manufacturer = sf.Product.Manufacturer
	}
	txt, err := csaf.NewSecurityTxt(manufacturer, sf.Disclosure, opt)
	if err != nil {
		return err
	}
	return writeTo(e, *out, txt.Write)
}
