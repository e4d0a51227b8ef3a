// Package gap holds the clause catalog of IEC 81001-5-1 (clauses 4–9 and
// Annex F, embedded and versioned) and the rules that decide, from a
// product's security file, whether each clause is met.
//
// The rules are a leaf: they read one assembled Input — the security file
// plus what other engines derived (parsed SBOMs, the check date, the
// effective policy) — and import nothing but ward. The caller (cli)
// assembles the Input, so each engine stays testable alone.
package gap
