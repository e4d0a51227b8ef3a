package csaf

// cweNames is an excerpt of MITRE's CWE list (names as in CWE 4.x): the
// weaknesses of the CWE Top 25 and others common in advisories. Test
// 6.1.11 checks a document's CWE name against it; an ID outside the
// excerpt passes unjudged, because the whole list (about 940 entries,
// renamed over the years) is not embedded.
//
// CWE is a trademark of The MITRE Corporation; the list is used under
// its terms of use, which allow reproduction with attribution.
var cweNames = map[string]string{
	"CWE-20":  "Improper Input Validation",
	"CWE-22":  "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
	"CWE-77":  "Improper Neutralization of Special Elements used in a Command ('Command Injection')",
	"CWE-78":  "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
	"CWE-79":  "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
	"CWE-89":  "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
	"CWE-94":  "Improper Control of Generation of Code ('Code Injection')",
	"CWE-119": "Improper Restriction of Operations within the Bounds of a Memory Buffer",
	"CWE-122": "Heap-based Buffer Overflow",
	"CWE-125": "Out-of-bounds Read",
	"CWE-190": "Integer Overflow or Wraparound",
	"CWE-269": "Improper Privilege Management",
	"CWE-276": "Incorrect Default Permissions",
	"CWE-287": "Improper Authentication",
	"CWE-295": "Improper Certificate Validation",
	"CWE-306": "Missing Authentication for Critical Function",
	"CWE-319": "Cleartext Transmission of Sensitive Information",
	"CWE-327": "Use of a Broken or Risky Cryptographic Algorithm",
	"CWE-352": "Cross-Site Request Forgery (CSRF)",
	"CWE-362": "Concurrent Execution using Shared Resource with Improper Synchronization ('Race Condition')",
	"CWE-400": "Uncontrolled Resource Consumption",
	"CWE-416": "Use After Free",
	"CWE-434": "Unrestricted Upload of File with Dangerous Type",
	"CWE-476": "NULL Pointer Dereference",
	"CWE-502": "Deserialization of Untrusted Data",
	"CWE-601": "URL Redirection to Untrusted Site ('Open Redirect')",
	"CWE-611": "Improper Restriction of XML External Entity Reference",
	"CWE-639": "Authorization Bypass Through User-Controlled Key",
	"CWE-770": "Allocation of Resources Without Limits or Throttling",
	"CWE-787": "Out-of-bounds Write",
	"CWE-798": "Use of Hard-coded Credentials",
	"CWE-862": "Missing Authorization",
	"CWE-863": "Incorrect Authorization",
	"CWE-918": "Server-Side Request Forgery (SSRF)",
}
