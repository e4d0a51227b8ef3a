// Package evidence reads verification evidence into plain Go values: JUnit
// XML test reports (Go, pytest, Maven Surefire, jest), SARIF 2.1.0 static
// analysis logs (gosec, Semgrep, CodeQL) and penetration test findings in
// ward's CSV or JSON form (docs/pentest-findings.md). MentionedIDs finds
// which requirement, threat or control IDs a test name, rule or finding
// names, so that evidence can be traced to the security file.
//
// Parsers read untrusted files: they never panic, bound what they read
// (Limits), and reject bad input with an error a user can act on. A problem
// at a place in the file is a ward.PosErrors, printed as
// "name:line:col: message" for XML and CSV and
// "name:line:col: $.json.path: message" for JSON; a file that is not of the
// expected kind at all, or is too large, is a *ward.Error. Both have
// ward.CodeOf(err) == ward.EInvalid.
//
// It imports the standard library, ward, ward/cvss and ward/internal/jsonpos;
// never storage, web or cli.
package evidence
