// Package threat derives threats from a product's data-flow model by
// rules, one rule per file, each self-describing (ID, STRIDE category,
// CWE, detection logic, known false positives, suggested controls) in the
// shape Threagile made familiar. Rules run in ID order and every generated
// threat's ID is derived from the rule and the elements it concerns, so
// the output is deterministic and unrelated edits of the model never
// rename a threat: the team's decision on it survives regeneration.
//
// It imports only ward: the caller loads the security file.
package threat
