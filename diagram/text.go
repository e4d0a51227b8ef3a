package diagram

import (
	"bytes"
	"encoding/xml"
	"strings"
	"unicode/utf8"
)

// fontFamily is the font every text uses. Helvetica, Arial and Liberation
// Sans share one set of advance widths, so the estimate of textWidth holds
// on every platform that has one of them; no font is embedded or fetched.
const fontFamily = "Helvetica, Arial, 'Liberation Sans', sans-serif"

// helvetica holds the advance widths of printable ASCII (0x20–0x7E) in
// Helvetica regular, in thousandths of an em, as published in Adobe's AFM
// file (Arial and Liberation Sans are metric-compatible).
var helvetica = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
}

// textWidth estimates the width in pixels of s set in fontFamily at size
// px. ASCII uses the table above; other runes count 0.6 em (Latin letters
// with diacritics are close to their base letter, which averages about
// 0.55 em), and East Asian wide runes count a full em. Bold text is about
// 7 % wider in Helvetica-Bold, so bold adds 8 % to stay on the safe side.
func textWidth(s string, px float64, bold bool) float64 {
	var units float64
	for _, r := range s {
		switch {
		case r >= 0x20 && r <= 0x7E:
			units += float64(helvetica[r-0x20])
		case isWide(r):
			units += 1000
		default:
			units += 600
		}
	}
	w := units * px / 1000
	if bold {
		w *= 1.08
	}
	return w
}

// isWide reports whether r is an East Asian wide or full-width rune.
func isWide(r rune) bool {
	return (r >= 0x1100 && r <= 0x115F) || (r >= 0x2E80 && r <= 0xA4CF) ||
		(r >= 0xAC00 && r <= 0xD7A3) || (r >= 0xF900 && r <= 0xFAFF) ||
		(r >= 0xFE30 && r <= 0xFE4F) || (r >= 0xFF00 && r <= 0xFF60) ||
		(r >= 0xFFE0 && r <= 0xFFE6) || (r >= 0x1F300 && r <= 0x1FAFF) ||
		(r >= 0x20000 && r <= 0x3FFFD)
}

// ellipsis ends a truncated text.
const ellipsis = "…"

// truncate shortens s so that it fits max pixels, ending it with an
// ellipsis when anything was cut.
func truncate(s string, px, max float64, bold bool) string {
	if textWidth(s, px, bold) <= max {
		return s
	}
	limit := max - textWidth(ellipsis, px, bold)
	var w float64
	for i, r := range s {
		w += textWidth(string(r), px, bold)
		if w > limit {
			return strings.TrimRight(s[:i], " ") + ellipsis
		}
	}
	return s
}

// wrap breaks s into at most maxLines lines of at most max pixels, at
// spaces where it can and inside a word where a word alone is too long.
// The last line is truncated when the text does not fit.
func wrap(s string, px, max float64, maxLines int) []string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return []string{""}
	}
	var lines []string
	rest := s
	for rest != "" && len(lines) < maxLines-1 {
		if textWidth(rest, px, false) <= max {
			break
		}
		cut := breakAt(rest, px, max)
		lines = append(lines, strings.TrimRight(rest[:cut], " "))
		rest = strings.TrimLeft(rest[cut:], " ")
	}
	if rest != "" {
		lines = append(lines, truncate(rest, px, max, false))
	}
	return lines
}

// breakAt returns the byte index at which to break s so that s[:i] fits
// max: after the last space that fits, else after the last rune that fits
// (at least one rune, so that wrap always advances).
func breakAt(s string, px, max float64) int {
	var w float64
	lastSpace, lastFit := -1, 0
	for i, r := range s {
		w += textWidth(string(r), px, false)
		if w > max {
			break
		}
		if r == ' ' || r == '/' || r == '-' || r == '(' {
			// Break before a space or an opening parenthesis, after a slash or hyphen.
			switch r {
			case ' ', '(':
				if i > 0 {
					lastSpace = i
				}
			default:
				lastSpace = i + utf8.RuneLen(r)
			}
		}
		lastFit = i + utf8.RuneLen(r)
	}
	if lastSpace > 0 {
		return lastSpace
	}
	if lastFit == 0 {
		_, n := utf8.DecodeRuneInString(s)
		return n
	}
	return lastFit
}

// esc returns s escaped for XML text and attribute values. Runes XML
// cannot carry (most control characters) become U+FFFD.
func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // writes to a bytes.Buffer never fail
	return b.String()
}
