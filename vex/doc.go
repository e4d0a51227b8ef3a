// Package vex reads, applies, carries forward and writes VEX (Vulnerability
// Exploitability eXchange) statements: CycloneDX VEX (standalone or embedded
// in an SBOM), OpenVEX v0.2.0 and the legacy v0.0.1, and CSAF 2.0 VEX.
//
// Parse turns a document into []ward.VEXStatement; Apply decides which
// statement, if any, settles each finding — by vulnerability *and*
// component, never by vulnerability ID alone; CarryForward moves decisions
// to the next release of a product and re-opens those whose component or
// advisory changed; WriteCycloneDXVEX and WriteOpenVEX publish the findings
// with their decisions.
//
// Identifiers. A statement names products and components by purl, CPE,
// CycloneDX bom-ref or BOM-Link (urn:cdx:serial/version#bom-ref), or by a
// product name (CSAF products without an identification helper). Where a
// CycloneDX statement is limited to some versions of its target
// (affects[].versions[]), the identifier carries the range after a space in
// purl-spec vers syntax: "urn:cdx:…/1#product-ABC vers:generic/>=2.9|<=4.1".
// A versionless purl names every version of the package; a versioned one
// only that version.
//
// Everything here is pure: no network, no clock, no environment. It imports
// package ward, ward/version (ecosystem version ordering for vers ranges),
// the standard library and packageurl-go; never cli, web or sqlstore.
package vex
