// Package mds2 answers the Manufacturer Disclosure Statement for Medical
// Device Security, MDS2 (ANSI/NEMA HN 1-2019), from the security file: every
// question yes, no, n/a or unknown, with a note a reader can check and the
// IDs of the records that decided it. What the records do not decide is
// unknown, and the note names the missing data as a security-file path
// (context.interfaces[IF-GW-SSH].authentication is not set) or says that
// the security file has no place for it; rules never guess, and where
// records contradict each other the note or the form's warnings say so.
//
// The form is NEMA's copyright. The embedded catalog (questions.yaml)
// carries only the section codes, the question IDs and ward's own short
// paraphrase of what each question asks, with the rule that answers it
// (rules_*.go, one map per group of sections; each rule states what decides
// its answer). Answer fills a Form for one release; WriteText, WriteJSON,
// WriteCSV and WriteXLSX export it in the form's layout; Diff compares two
// forms; ForRelease and Form.Records are what the HDO documentation embeds.
//
// Question IDs. Not every ID could be checked against the form itself:
//   - checked against the reference (shared/reference/standards.md,
//     section 8): the section codes and their order, DOC-8 (CVD), DOC-9
//     (ISAO), DOC-10 (diagram), DOC-11 (SaMD), CONN-2 (port list), PAUT-4
//     (default accounts), and the ID pattern (AUDT-2.1).
//   - from memory of the 2019 form, confident: the header fields DOC-1 to
//     DOC-7; the numbering of MPII, ALOF, AUTH, CONN, PAUT, PLOK, RDMP,
//     SBOM, STCF, TXCF, TXIG, RMOT, DIDT, DTBK, EMRG, IGAU, NAUT and SGUD.
//   - from memory, less sure: the sub-numbering of AUDT (2.8.1, 2.8.2,
//     2.11, 4.1.1, 5.x), CSUP (2.x to 6.x, 10.1, 11.x), MLDP (2.x, 5.x) and
//     SAHD (3.x, 6.x, 14 to 16); DOC-11.1 to DOC-11.4; CNFS, whose
//     questions the reference does not show (ward asks one, CNFS-1).
//   - ward's own: OTHR-1 (the form's OTHR section is free text).
//
// Check the IDs against the form before handing an export to a customer;
// the catalog version (questions.yaml) changes whenever an ID does.
//
// The package imports only ward, the YAML parser for its catalog and
// excelize for the workbook; callers load the security file and the SBOMs.
package mds2
