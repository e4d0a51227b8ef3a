// Package ward is the domain core of ward, the security life-cycle tool for
// health software (IEC 81001-5-1): the security file's records, SBOM
// components, advisories, findings and VEX decisions, and the error and
// position types every capability reports with.
//
// It imports only the standard library. Capability packages (securityfile,
// gap, sbom, osv, match, …) import ward; ward imports none of them.
package ward
