// Package portscan verifies the attack surface of a running product against
// its security file (IEC 81001-5-1 5.4.3 and 5.7.3): it probes TCP and UDP
// ports of one host and reports every open port that no interface of the
// product security context declares, and every declared port that is
// enabled by default but not open.
//
// Nothing is sent to a host before Resolve has cleared it: loopback always,
// any other host only when the security file lists it in
// policy.scan_targets. A Target can only be had from Resolve, so a Scanner
// cannot be pointed anywhere else.
//
// The package imports ward and the standard library only; it never reads
// the clock (the caller passes the date of the report) or the environment.
package portscan
