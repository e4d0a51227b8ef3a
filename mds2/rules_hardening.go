package mds2

import (
	"fmt"
	"path"
	"strings"

	"github.com/wardhq/ward"
)

var hardeningRules = map[string]rule{
	"hardening_standard": {
		desc: "Yes when a document of kind hardening is linked to the release (the note names elements not hardened); unknown when elements are marked " +
			"hardened but no such document names the baseline; no when nothing is hardened.",
		fn: func(f *facts, q *Question) result {
			var hard, soft []string
			for _, e := range f.elementsOf("process", "data_store") {
				if e.Hardened {
					hard = append(hard, e.ID)
				} else {
					soft = append(soft, e.ID)
				}
			}
			docs := f.docsOf("hardening")
			switch {
			case len(docs) > 0:
				note := describeDocs(docs) + " linked to release " + f.version
				if len(soft) > 0 {
					note += "; not hardened: " + list(soft, 4)
				}
				return yes(note, append(ids(docs), soft...)...)
			case len(hard) > 0:
				return unknown(fmt.Sprintf("%s %s marked hardened, but no document of kind hardening linked to release %s names the baseline",
					plural(len(hard), "element", "elements"), verb(len(hard), "is", "are"), f.version), hard...)
			case len(soft) > 0:
				return no("no element is hardened (architecture.elements[].hardened) and no hardening document is linked", soft...)
			}
			return unknown("architecture.elements has no process or data store")
		},
	},
	"software_integrity": {
		desc: "Yes when installed software or updates are verified (the rules of SAHD-3.1 and SAHD-3.2); unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			a, b := installedSoftwareVerified(f), signedUpdates(f)
			switch {
			case a.v == Yes && b.v == Yes:
				return yes(a.note+"; "+b.note, append(a.src, b.src...)...)
			case a.v == Yes:
				return a
			case b.v == Yes:
				return b
			}
			return unknown(a.note + "; " + b.note)
		},
	},
	"installed_software_verified": {
		desc: "Yes when a requirement of category integrity demands signed software at boot, installation or deployment, or context.hardware_security names secure boot; unknown otherwise.",
		fn:   func(f *facts, q *Question) result { return installedSoftwareVerified(f) },
	},
	"secure_boot": {
		desc: "N/A for a software-only product (its host boots it); yes when context.hardware_security names secure or verified boot; unknown otherwise.",
		fn: func(f *facts, q *Question) result {
			if only, r := f.softwareOnly(); only {
				return na("software only: booting is the host's: "+r.note, r.src...)
			}
			var hits []hit
			for _, s := range f.ctx.HardwareSecurity {
				for _, t := range []string{"secure boot", "verified boot", "measured boot"} {
					if w, ok := findTerm(s, t); ok {
						hits = append(hits, hit{textRec{"context.hardware_security", "context.hardware_security", s}, w})
						break
					}
				}
			}
			if len(hits) == 0 {
				return unknown("context.hardware_security names no secure boot")
			}
			return yes("only signed images boot: "+hits[0].rec.text, "context.hardware_security")
		},
	},
	"signed_updates": {
		desc: "Yes when flows of purpose update have integrity signature (the note names a passed update_integrity test of the release), or, without update flows, " +
			"such a test passed; no when update flows are not signed; unknown otherwise.",
		fn: func(f *facts, q *Question) result { return signedUpdates(f) },
	},
	"file_shares": {
		desc: "Yes when no interface offers a file share (SMB, CIFS, NFS, FTP, WebDAV): the interface list is complete; unknown when one does (whether it is needed is not recorded).",
		fn: func(f *facts, q *Question) result {
			shares := f.interfacesWhere(func(i *ward.Interface) bool {
				for _, t := range []string{"smb*", "cifs", "nfs*", "ftp*", "sftp", "webdav", "file shar*"} {
					if _, ok := findTerm(i.Protocol, t); ok {
						return true
					}
				}
				return false
			})
			if len(shares) > 0 {
				return unknown("file shares offered: "+describeIfaces(shares, 3)+"; whether each is needed is not recorded", ids(shares)...)
			}
			if len(f.ctx.Interfaces) == 0 {
				return unknown("context.interfaces is empty")
			}
			return yes(fmt.Sprintf("none of the %s offers a file share", plural(len(f.ctx.Interfaces), "interface", "interfaces")))
		},
	},
	"unneeded_ports": {
		desc: "Yes when every network interface enabled by default states its purpose (so is needed) and a passed attack_surface test of the release is cited; " +
			"unknown, naming them, when purposes are missing.",
		fn: func(f *facts, q *Question) result {
			on := f.interfacesWhere(func(i *ward.Interface) bool { return contains(networkKinds, i.Kind) && i.EnabledByDefault })
			off := f.interfacesWhere(func(i *ward.Interface) bool { return contains(networkKinds, i.Kind) && !i.EnabledByDefault })
			var noPurpose []string
			for _, i := range on {
				if strings.TrimSpace(i.Purpose) == "" {
					noPurpose = append(noPurpose, i.ID)
				}
			}
			var extra []string
			var src []string
			if t := f.passedTest(ward.TestAttackSurface); t != nil {
				extra = append(extra, fmt.Sprintf("%s (attack_surface) passed on %s", t.ID, f.version))
				src = append(src, t.ID)
			}
			if len(off) > 0 {
				extra = append(extra, "off by default: "+list(ids(off), 4))
			}
			tail := ""
			if len(extra) > 0 {
				tail = "; " + strings.Join(extra, "; ")
			}
			if len(noPurpose) > 0 {
				return unknown(fmt.Sprintf("context.interfaces[%s].purpose is not set: whether it is needed is not recorded (nor for %s)%s",
					noPurpose[0], plural(len(noPurpose)-1, "other interface", "other interfaces"), tail), append(noPurpose, src...)...)
			}
			if len(on) == 0 {
				return yes("no network interface is enabled by default"+tail, src...)
			}
			return yes(fmt.Sprintf("each of the %s enabled by default states its purpose%s", plural(len(on), "network interface", "network interfaces"), tail),
				append(ids(on), src...)...)
		},
	},
	"elements_hardened": {
		desc: "Yes when every process and data store is hardened to a documented baseline (architecture.elements[].hardened: services, ports, accounts reduced); no, naming them, otherwise.",
		fn: func(f *facts, q *Question) result {
			els := f.elementsOf("process", "data_store")
			if len(els) == 0 {
				return unknown("architecture.elements has no process or data store")
			}
			var soft []string
			for _, e := range els {
				if !e.Hardened {
					soft = append(soft, e.ID)
				}
			}
			if len(soft) > 0 {
				return no("not hardened (architecture.elements[].hardened): "+list(soft, 4), soft...)
			}
			return yes("every process and data store is hardened: "+list(ids(els), 6), ids(els)...)
		},
	},
	"hardware_security": {
		desc: "Yes with the measures of context.hardware_security; unknown when it is empty.",
		fn: func(f *facts, q *Question) result {
			hs := f.ctx.HardwareSecurity
			if len(hs) == 0 {
				return unknown("context.hardware_security is empty")
			}
			return yes(list(hs, 4), "context.hardware_security")
		},
	},
	"removable_media_lock": {
		desc: "N/A for a software-only product or one without removable_media interfaces; otherwise unknown: locks are not recorded.",
		fn: func(f *facts, q *Question) result {
			if only, r := f.softwareOnly(); only {
				return na("software only: "+r.note, r.src...)
			}
			rm := f.interfacesOf("removable_media")
			if len(rm) == 0 {
				return na("no interface of kind removable_media")
			}
			return unknown("not recorded whether "+list(ids(rm), 3)+" can be locked", ids(rm)...)
		},
	},
	// ---- SBOM section
	"sbom_available": {
		desc: "No when the release has no SBOM; yes when it has one and a document of kind sbom_export is linked to the release or the SBOM ships as a release artifact; " +
			"unknown when the SBOM exists but nothing says customers get it.",
		fn: func(f *facts, q *Question) result {
			if len(f.relSBOMs) == 0 {
				if f.version == "" {
					return unknown(f.releaseMissing())
				}
				return no(fmt.Sprintf("release %s has no SBOM (releases[].sbom, sboms[].release)", f.version))
			}
			sb := f.relSBOMs[0].Ref
			var how []string
			src := []string{sb.ID}
			if docs := f.docsOf("sbom_export"); len(docs) > 0 {
				how = append(how, "customer SBOM "+describeDocs(docs))
				src = append(src, ids(docs)...)
			}
			if f.rel != nil {
				for _, a := range f.rel.Artifacts {
					if a.Name == path.Base(sb.Path) {
						how = append(how, "shipped as release artifact "+a.Name)
					}
				}
			}
			if len(how) == 0 {
				return unknown(fmt.Sprintf("%s (%s) exists, but no document of kind sbom_export linked to release %s and no release artifact makes it available to customers",
					sb.ID, sb.Path, f.version), src...)
			}
			return yes(fmt.Sprintf("%s (%s): %s", sb.ID, sb.Path, strings.Join(how, "; ")), src...)
		},
	},
	"sbom_format": {
		desc: "Yes when the release's SBOM was read as CycloneDX or SPDX; unknown when it could not be read.",
		fn: func(f *facts, q *Question) result {
			return f.withSBOM(func(s SBOM) result {
				return yes(fmt.Sprintf("%s is %s %s (%s)", s.Ref.ID, s.SBOM.Format, s.SBOM.SpecVersion, s.SBOM.Encoding), s.Ref.ID)
			})
		},
	},
	"sbom_names": {
		desc: "Yes when every component of the release's SBOM has a name; no otherwise.",
		fn: func(f *facts, q *Question) result {
			return f.sbomShare("have a name", "have no name", func(c *ward.Component) bool { return c.Name != "" })
		},
	},
	"sbom_suppliers": {
		desc: "Yes when every component of the release's SBOM names its supplier; no, with the count and examples, otherwise.",
		fn: func(f *facts, q *Question) result {
			return f.sbomShare("name their supplier", "name no supplier", func(c *ward.Component) bool { return c.Supplier != "" })
		},
	},
	"sbom_versions": {
		desc: "Yes when every component of the release's SBOM has a version; no, with the count and examples, otherwise.",
		fn: func(f *facts, q *Question) result {
			return f.sbomShare("have a version", "have no version", func(c *ward.Component) bool { return c.Version != "" })
		},
	},
	"sbom_extra": {
		desc: "Yes when components of the release's SBOM carry package URLs, CPEs, hashes or licences, with counts; no when none does.",
		fn: func(f *facts, q *Question) result {
			return f.withSBOM(func(s SBOM) result {
				var purl, cpe, hash, lic int
				for _, c := range s.SBOM.Components {
					if c.PURL != "" {
						purl++
					}
					if c.CPE != "" {
						cpe++
					}
					if len(c.Hashes) > 0 {
						hash++
					}
					if len(c.Licenses) > 0 {
						lic++
					}
				}
				n := len(s.SBOM.Components)
				if purl+cpe+hash+lic == 0 {
					return no(fmt.Sprintf("none of the %d components of %s has a package URL, CPE, hash or licence", n, s.Ref.ID), s.Ref.ID)
				}
				return yes(fmt.Sprintf("of %d components of %s: %d with package URL, %d with CPE, %d with hashes, %d with licences", n, s.Ref.ID, purl, cpe, hash, lic), s.Ref.ID)
			})
		},
	},
	"sbom_per_release": {
		desc: "Yes when the release and the others have their own SBOM (a new SBOM per release); no when this release has none; the note names releases without.",
		fn: func(f *facts, q *Question) result {
			if f.version == "" {
				return unknown(f.releaseMissing())
			}
			has := map[string]string{}
			for _, s := range f.sf.SBOMs {
				if s.Release != "" {
					has[s.Release] = s.ID
				}
			}
			var with, without []string
			for _, r := range f.sf.Releases {
				if r.SBOM != "" {
					has[r.Version] = r.SBOM
				}
				if has[r.Version] != "" {
					with = append(with, r.Version+": "+has[r.Version])
				} else {
					without = append(without, r.Version)
				}
			}
			if has[f.version] == "" {
				return no(fmt.Sprintf("release %s has no SBOM (releases[].sbom, sboms[].release)", f.version))
			}
			note := "an SBOM per release: " + list(with, 4)
			if len(without) > 0 {
				note += "; none for " + list(without, 4)
			}
			return yes(note, "sboms")
		},
	},
}

// withSBOM runs fn on the release's first readable SBOM.
func (f *facts) withSBOM(fn func(SBOM) result) result {
	if len(f.relSBOMs) == 0 {
		return na(fmt.Sprintf("release %s has no SBOM", orNotSet(f.version)))
	}
	for _, s := range f.relSBOMs {
		if s.SBOM != nil {
			return fn(s)
		}
	}
	s := f.relSBOMs[0]
	why := "it was not read"
	if s.Err != nil {
		why = s.Err.Error()
	}
	return unknown(fmt.Sprintf("sboms[%s] (%s) could not be read: %s", s.Ref.ID, s.Ref.Path, why), s.Ref.ID)
}

func (f *facts) sbomShare(have, lack string, ok func(*ward.Component) bool) result {
	return f.withSBOM(func(s SBOM) result {
		n := len(s.SBOM.Components)
		var missing []string
		for _, c := range s.SBOM.Components {
			if !ok(c) {
				name := c.DisplayName()
				if name == "" {
					name = c.Path
				}
				missing = append(missing, name)
			}
		}
		switch {
		case n == 0:
			return no(s.Ref.ID+" lists no components", s.Ref.ID)
		case len(missing) == 0:
			return yes(fmt.Sprintf("%s of %s: all %s", plural(n, "component", "components"), s.Ref.ID, have), s.Ref.ID)
		}
		return no(fmt.Sprintf("%d of %d components of %s %s: %s", len(missing), n, s.Ref.ID, lack, list(missing, 3)), s.Ref.ID)
	})
}

func installedSoftwareVerified(f *facts) result {
	if hits := f.signedSoftware(); len(hits) > 0 {
		return yes(hitsNote(hits), hitSources(hits)...)
	}
	return unknown("no requirement of category integrity demands signed software and context.hardware_security names no secure boot")
}

func signedUpdates(f *facts) result {
	flows := f.flowsWhere(func(fl *ward.Flow) bool { return fl.Purpose == "update" })
	t := f.passedTest(ward.TestUpdateIntegrity)
	var signed, unsigned []string
	for _, fl := range flows {
		if fl.Integrity == "signature" {
			signed = append(signed, fl.ID)
		} else {
			unsigned = append(unsigned, fmt.Sprintf("%s (integrity %s)", fl.ID, orNotSet(fl.Integrity)))
		}
	}
	testNote := ""
	var src []string
	if t != nil {
		testNote = fmt.Sprintf("%s (update_integrity) passed on %s", t.ID, f.version)
		src = append(src, t.ID)
	}
	switch {
	case len(unsigned) > 0:
		return no("updates without a verified signature: "+list(unsigned, 3), append(ids(flows), src...)...)
	case len(signed) > 0:
		note := "update flows verified by signature: " + list(signed, 4)
		if testNote != "" {
			note += "; " + testNote
		}
		return yes(note, append(signed, src...)...)
	case t != nil:
		return yes(testNote, src...)
	}
	return unknown(fmt.Sprintf("no flow of purpose update and no passed update_integrity test on release %s", f.version))
}
