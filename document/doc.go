// Package document writes ward's generated documents: the gap report as
// text, JSON, Markdown, SARIF and HTML, and later the technical-file
// documents (CSAF, CycloneDX VEX, MDS2). Each output is one file holding one
// function from domain values and its Options to an io.Writer.
//
// Every writer is deterministic: the same input gives byte-identical output.
// Nothing here reads a clock, the environment or the network; the only date
// in a document is the one carried by its input.
//
// document imports ward and capability packages (gap, …); it never imports
// cli, web or sqlstore, which call it.
package document
