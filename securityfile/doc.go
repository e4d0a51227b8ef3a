// Package securityfile reads a product's security file — a folder of YAML
// documents — into a ward.SecurityFile, keeping the file:line:col of every
// record, and reports every problem in one pass: YAML syntax, unknown
// fields, wrong types, missing required fields, bad dates and enumerations,
// duplicate IDs and dangling references. It also generates the JSON Schema
// of the same definitions and the skeleton of `ward init`.
//
// The struct tags of the ward types are the single definition of the
// format (see ward.SecurityFile). This package imports ward and the YAML
// parser only.
package securityfile
