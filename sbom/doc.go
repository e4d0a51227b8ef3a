// Package sbom reads, validates, compares and writes software bills of
// materials: CycloneDX 1.2–1.7 (JSON and XML) and SPDX 2.2/2.3 (JSON and
// tag-value), reduced to ward.SBOM.
//
// Parse turns a document into a ward.SBOM; Validate judges a document
// against the official schema of its declared version plus semantic checks
// (references, purls) and reports NTIA minimum-element gaps as warnings;
// Diff compares two SBOMs; WriteCycloneDXJSON and WriteSPDXJSON convert.
// Everything here is pure: no network, no clock, no environment.
//
// It imports only package ward, the standard library and the format
// libraries (cyclonedx-go, tools-golang, packageurl-go, jsonschema); never
// cli, web or sqlstore.
package sbom
