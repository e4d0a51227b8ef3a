// Package trace builds the traceability matrix an auditor walks both ways
// (RX-2; FDA premarket guidance V.A, V.B.2): from each interface and
// software item to the threats concerning it, their risks, the controls
// from the threat decisions and the risks, the requirements of those
// controls, the tests verifying them and the release they ran on — and
// back from each requirement and test to the threats, interfaces and
// components. Every gap in that chain is a Break, located in the security
// file, so `ward trace` prints it and the gap rules can judge it.
//
// It imports only the ward core and the standard library: the caller
// loads the security file, derives the threats (package threat) and, for
// the HTML page, draws the data-flow diagram (package diagram).
package trace
