// Package hdo builds the customer security documentation of one release
// for the healthcare delivery organisation (HDO) that operates the product:
// the accompanying documents of IEC 81001-5-1 5.8.2 and 5.8.7 and the
// documents of its Annex E — secure operation, the defence in depth the
// environment must provide, hardening, every interface with its purpose,
// account management, logging, backup and restore, updates and end of
// support, the residual risks the HDO must manage, secure decommissioning
// and the SBOM — as a paper.Document. It also writes the release's SBOM
// as CycloneDX and SPDX for delivery with the document.
//
// Every statement comes from a record of the security file. Where the
// records do not give a section's content, the section holds a note of
// kind "gap" naming the missing data; nothing is invented. The builder
// reads no files and no clock (the caller, cli, loads the data), and the
// same Input always gives the same Document.
//
// It shares the release facts (techfile.Basis) with the technical file.
package hdo
