// Package techfile builds the security part of a product's technical
// documentation for one release, as a paper.Document: what a notified body
// or an FDA premarket reviewer reads. It is made only from the security
// file and what ward's engines derive from it — the threats the model
// rules derive (package threat), the risk register (risk), the
// traceability matrix (trace) and the gap report against IEC 81001-5-1
// (gap) — and it says where each answer comes from. Where the data does
// not give an answer, the document says so in a "gap" note instead of
// inventing one.
//
// The builder formats nothing (package paper renders) and reads nothing:
// the caller (cli) loads the security file and its SBOMs and says where
// they came from (Source). The same Input always gives the same Document.
//
// Package hdo, the customer security documentation, shares the release
// facts of this package (Source, MadeFrom, the SBOM component rows).
package techfile
