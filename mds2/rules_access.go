package mds2

import (
	"fmt"
	"strings"

	"github.com/wardhq/ward"
)

// humanInterfaces are the interfaces people use: kind ui, or a person
// among the peers.
func (f *facts) humanInterfaces() []*ward.Interface {
	people := map[string]bool{}
	for _, a := range f.ctx.Actors {
		if a.Kind == "person" {
			people[a.ID] = true
		}
	}
	return f.interfacesWhere(func(i *ward.Interface) bool {
		if i.Kind == "ui" {
			return true
		}
		for _, p := range i.Peers {
			if people[p] {
				return true
			}
		}
		return false
	})
}

// authState splits interfaces by their authentication field.
func authState(ifs []*ward.Interface) (none, unset, set []*ward.Interface) {
	for _, i := range ifs {
		switch {
		case strings.TrimSpace(i.Authentication) == "":
			unset = append(unset, i)
		case isNone(i.Authentication):
			none = append(none, i)
		default:
			set = append(set, i)
		}
	}
	return none, unset, set
}

func justified(ifs []*ward.Interface) string {
	var out []string
	for _, i := range ifs {
		s := i.ID
		if i.Justification != "" {
			s += " (justified: " + i.Justification + ")"
		}
		out = append(out, s)
	}
	return list(out, 3)
}

var federatedTerms = []string{"ldap*", "active directory", "ad", "oauth*", "oidc", "openid*", "saml*", "kerberos", "identity provider", "idp", "single sign-on", "sso"}

var accessRules = map[string]rule{
	"login_required": {
		desc: "Yes when every interface people use (kind ui, or a person among the peers) has an authentication other than none; " +
			"no, naming them, when one has none; unknown when authentication is not set; n/a when people use no interface.",
		fn: func(f *facts, q *Question) result {
			hs := f.humanInterfaces()
			if len(hs) == 0 {
				return na("no interface of kind ui and none with a person among its peers")
			}
			none, unset, set := authState(hs)
			switch {
			case len(none) > 0:
				return no("people reach "+justified(none)+" without authentication", ids(none)...)
			case len(unset) > 0:
				return unknown(fmt.Sprintf("context.interfaces[%s].authentication is not set", unset[0].ID), ids(unset)...)
			}
			return yes("every interface people use authenticates them (context.interfaces[].authentication): "+list(ids(set), 6), ids(set)...)
		},
	},
	"federated_auth": {
		desc: "Yes when an interface's authentication names a directory or identity provider (LDAP, Active Directory, OAuth, OIDC, SAML, Kerberos, SSO); " +
			"no when the interfaces people use authenticate otherwise; unknown when they say nothing.",
		fn: func(f *facts, q *Question) result {
			var hits []hit
			for _, i := range f.ctx.Interfaces {
				for _, t := range federatedTerms {
					if w, ok := findTerm(i.Authentication, t); ok {
						hits = append(hits, hit{textRec{i.ID, "context.interfaces[" + i.ID + "].authentication", i.Authentication}, w})
						break
					}
				}
			}
			if len(hits) > 0 {
				return yes(hitsNote(hits), hitSources(hits)...)
			}
			_, _, set := authState(f.humanInterfaces())
			if len(set) == 0 {
				return unknown("no interface people use records how they authenticate (context.interfaces[].authentication)")
			}
			return no("the interfaces people use authenticate without a directory or identity provider: "+list(ids(set), 4), ids(set)...)
		},
	},
	"role_based_access": {
		desc: "Yes when a requirement of category authorization or authentication names roles (role, RBAC); unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			var hits []hit
			for _, r := range f.sf.Requirements {
				if r.Category != "authorization" && r.Category != "authentication" {
					continue
				}
				for _, t := range []string{"role*", "rbac"} {
					if w, ok := findTerm(r.Title+". "+r.Text, t); ok {
						hits = append(hits, hit{textRec{r.ID, "requirements[" + r.ID + "]", r.Text}, w})
						break
					}
				}
			}
			if len(hits) == 0 {
				return unknown("no requirement of category authorization names roles (requirements[].text)")
			}
			return yes(hitsNote(hits), hitSources(hits)...)
		},
	},
	"api_authorised": {
		desc: "Yes when every inbound http_api interface authenticates its callers; no, naming them, when one has authentication none; n/a without inbound APIs.",
		fn: func(f *facts, q *Question) result {
			apis := f.interfacesWhere(func(i *ward.Interface) bool { return i.Kind == "http_api" && i.Direction != "outbound" })
			if len(apis) == 0 {
				return na("no inbound interface of kind http_api")
			}
			none, unset, set := authState(apis)
			switch {
			case len(none) > 0:
				return no("APIs without authentication: "+justified(none), ids(none)...)
			case len(unset) > 0:
				return unknown(fmt.Sprintf("context.interfaces[%s].authentication is not set", unset[0].ID), ids(unset)...)
			}
			return yes(fmt.Sprintf("every inbound API authenticates its callers: %s", list(ids(set), 6)), ids(set)...)
		},
	},
	"unique_credentials": {
		desc: "No when an element's credentials are default or shared; unknown when an element's credentials are not set; " +
			"yes when every process and data store has unique or no credentials (a passed credential_check test of the release is cited).",
		fn: func(f *facts, q *Question) result {
			var bad, unset, unique []string
			for _, e := range f.elementsOf("process", "data_store") {
				switch e.Credentials {
				case "default", "shared":
					bad = append(bad, e.ID+" ("+e.Credentials+")")
				case "":
					unset = append(unset, e.ID)
				case "unique":
					unique = append(unique, e.ID)
				}
			}
			switch {
			case len(bad) > 0:
				return no("credentials not unique: "+list(bad, 4), ids(f.elementsOf("process", "data_store"))...)
			case len(unset) > 0:
				return unknown(fmt.Sprintf("architecture.elements[%s].credentials is not set", unset[0]), unset...)
			case len(unique) == 0:
				return unknown("no element has unique credentials (architecture.elements[].credentials is none everywhere)")
			}
			src := unique
			note := fmt.Sprintf("no element has default or shared credentials; unique: %s", list(unique, 5))
			if t := f.passedTest(ward.TestCredentials); t != nil {
				note += fmt.Sprintf("; %s (credential_check) passed on %s", t.ID, f.version)
				src = append(src, t.ID)
			}
			return yes(note, src...)
		},
	},
	"default_accounts_documented": {
		desc: "N/A when no element has default credentials; otherwise yes with a document of kind account_management linked to the release, unknown without.",
		fn: func(f *facts, q *Question) result {
			var def, unset []string
			for _, e := range f.elementsOf("process", "data_store") {
				switch e.Credentials {
				case "default":
					def = append(def, e.ID)
				case "":
					unset = append(unset, e.ID)
				}
			}
			switch {
			case len(def) == 0 && len(unset) > 0:
				return unknown(fmt.Sprintf("architecture.elements[%s].credentials is not set", unset[0]), unset...)
			case len(def) == 0:
				return na("no element has default credentials (architecture.elements[].credentials)")
			}
			docs := f.docsOf("account_management")
			if len(docs) == 0 {
				return unknown(fmt.Sprintf("%s have default credentials, and no document of kind account_management is linked to release %s", list(def, 3), f.version), def...)
			}
			return yes(fmt.Sprintf("default credentials of %s; accounts documented in %s", list(def, 3), describeDocs(docs)), append(def, ids(docs)...)...)
		},
	},
	"credentials_stored": {
		desc: "Yes when context.data has an item classified secret (keys, credentials); unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			var secrets []string
			for _, d := range f.ctx.Data {
				if d.Classification == "secret" {
					secrets = append(secrets, d.ID)
				}
			}
			if len(secrets) == 0 {
				return unknown("no item of context.data is classified secret")
			}
			return yes("secrets the product keeps: "+list(secrets, 5), secrets...)
		},
	},
	"credentials_protected": {
		desc: "Yes when every data store keeping secret data is encrypted_at_rest; no, naming them, otherwise; unknown when no data store keeps them.",
		fn: func(f *facts, q *Question) result {
			var stores, plain []string
			for _, e := range f.elementsOf("data_store") {
				for _, id := range e.Stores {
					if d := f.data[id]; d != nil && d.Classification == "secret" {
						stores = append(stores, e.ID)
						if !e.EncryptedAtRest {
							plain = append(plain, e.ID)
						}
						break
					}
				}
			}
			switch {
			case len(stores) == 0:
				return unknown("no data store keeps data classified secret (architecture.elements[].stores)")
			case len(plain) > 0:
				return no("secrets kept unencrypted in "+list(plain, 4), stores...)
			}
			return yes("secrets kept encrypted at rest in "+list(stores, 4), stores...)
		},
	},
	"node_authentication": {
		desc: "Yes when interfaces to neighbouring systems (context.systems among the peers) authenticate them; the note names those with authentication none; no when none does; n/a without such interfaces.",
		fn: func(f *facts, q *Question) result {
			systems := map[string]bool{}
			for _, s := range f.ctx.Systems {
				systems[s.ID] = true
			}
			toSystems := f.interfacesWhere(func(i *ward.Interface) bool {
				for _, p := range i.Peers {
					if systems[p] {
						return true
					}
				}
				return false
			})
			if len(toSystems) == 0 {
				return na("no interface has a neighbouring system among its peers")
			}
			none, unset, set := authState(toSystems)
			switch {
			case len(set) == 0 && len(unset) > 0:
				return unknown(fmt.Sprintf("context.interfaces[%s].authentication is not set", unset[0].ID), ids(unset)...)
			case len(set) == 0:
				return no("no interface authenticates the systems it talks to: "+justified(none), ids(none)...)
			}
			note := fmt.Sprintf("%s of %d to neighbouring systems authenticate them", plural(len(set), "interface", "interfaces"), len(toSystems))
			if len(none) > 0 {
				note += "; without: " + justified(none)
			}
			if len(unset) > 0 {
				note += "; not set: " + list(ids(unset), 3)
			}
			return yes(note, ids(toSystems)...)
		},
	},
}

// passedTest returns a test of kind that passed on the release, or nil.
func (f *facts) passedTest(kind ward.TestKind) *ward.Test {
	if f.version == "" {
		return nil
	}
	for _, t := range f.sf.Tests {
		if t.Kind == kind && t.Release == f.version && t.Result == "pass" {
			return t
		}
	}
	return nil
}
