// Package csaf writes, validates and publishes CSAF 2.0 documents (OASIS
// Common Security Advisory Framework, https://docs.oasis-open.org/csaf/csaf/v2.0/):
// the security advisories and VEX documents a manufacturer gives its
// customers (IEC 81001-5-1, 4.1.7 and clause 9), the provider folder that
// serves them, and the RFC 9116 security.txt that points to it.
//
//   - SecurityAdvisory makes a csaf_security_advisory from a customer
//     advisory record; VEX makes a csaf_vex per release. Both read the
//     security file and the releases' SBOMs, never a clock: the same input
//     gives the same bytes (Write, FileName).
//   - Validate checks any CSAF 2.0 document offline: the official JSON
//     schema, with the FIRST CVSS v2.0/v3.0/v3.1 schemas it references
//     (embedded, see schemas/NOTICE.md), and the mandatory tests of
//     section 6.1. Each Problem names its test, its JSONPath and its
//     line:col in the file.
//   - BuildProvider lays out a provider folder (section 7): metadata,
//     index.txt, changes.csv, per-year folders, SHA-256 and SHA-512 files
//     and OpenPGP signatures (github.com/ProtonMail/go-crypto).
//   - NewSecurityTxt writes security.txt from the disclosure record.
//
// Mandatory tests: all of 6.1.1 to 6.1.33, the profile tests 6.1.27.1 to
// 6.1.27.11 included (the list is Tests). One is partial: 6.1.11 (CWE)
// checks the name of a CWE against an excerpt of MITRE's list (cwe.go,
// the CWE Top 25 and other common weaknesses); an ID outside the excerpt
// is not judged, since the whole list is not embedded. 6.1.8 (Invalid
// CVSS) is the FIRST schemas' verdict on a cvss_v2 or cvss_v3 object,
// reported under its number; 6.1.9 computes the scores with package cvss.
//
// The document model is this package's own, not github.com/gocsaf/csaf's:
// importing that package links its remote validation (go.etcd.io/bbolt,
// an HTTP client) and its JSONPath engine into ward and raises the
// golang.org/x modules of the whole module; and its model rejects an
// unknown enumeration value while decoding, where a validator must read
// the document to report every problem with its path. The model here keeps
// enumerations as plain strings and leaves their checking to the schema.
//
// The package imports ward, ward/cvss, internal/jsonpos, the JSON schema
// validator, packageurl-go, golang.org/x/text (language tags) and the
// OpenPGP library; never cli, web or storage.
package csaf
