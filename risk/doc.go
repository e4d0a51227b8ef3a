// Package risk is the security risk register (IEC 81001-5-1 clause 7.3):
// every risk with its estimate before and after controls placed on the
// manufacturer's risk matrix, and the risks whose worst outcome is patient
// harm, handed to the ISO 14971 safety risk file with their hazards and
// harm severity.
package risk
