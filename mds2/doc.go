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
// Question IDs. The 240 IDs of sections DOC to RMOT were checked against a
// completed HN 1-2019 form a device manufacturer publishes (a medical video
// recorder's MDS2 of 2026): the catalog has exactly those IDs, section by
// section (testdata/hn1-2019-ids.txt holds the list, IDs only; a test
// compares). Not in that form: CNFS, whose questions ward reduces to one
// (CNFS-1), and OTHR, free text in the form (OTHR-1 is ward's own).
//
// The package imports only ward, the YAML parser for its catalog and
// excelize for the workbook; callers load the security file and the SBOMs.
package mds2
