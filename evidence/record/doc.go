// Package record turns parsed verification evidence (package evidence)
// into records of the security file — tests tied to the requirements,
// controls, threats and interfaces they name, and findings — and stores
// it: the report is copied into the security file's evidence folder under
// its SHA-256, and the records are appended to evidence.yaml as a new YAML
// document, so nothing recorded before is rewritten. VerifyReports checks
// later that every local report still matches its recorded digest.
package record
