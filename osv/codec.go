package osv

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/wardhq/ward"
)

// The record codec is a compact binary form of ward.Advisory: strings and
// lists are length-prefixed with unsigned varints, times are a presence
// byte, varint Unix seconds and varint nanoseconds. It is versioned with
// the snapshot format (formatVersion): a new field means a new version.
// Decoding one record takes a few microseconds, which is what lets Open
// skip it until Lookup asks.

// appendAdvisory appends the encoding of a to b.
func appendAdvisory(b []byte, a *ward.Advisory) []byte {
	e := encoder{b}
	e.str(a.ID)
	e.strs(a.Aliases)
	e.strs(a.Related)
	e.str(a.Summary)
	e.str(a.Details)
	e.time(a.Published)
	e.time(a.Modified)
	e.time(a.Withdrawn)
	e.severities(a.Severity)
	e.uvarint(uint64(len(a.Affected)))
	for _, af := range a.Affected {
		e.str(af.Ecosystem)
		e.str(af.Name)
		e.str(af.PURL)
		e.uvarint(uint64(len(af.Ranges)))
		for _, r := range af.Ranges {
			e.str(r.Type)
			e.str(r.Repo)
			e.uvarint(uint64(len(r.Events)))
			for _, ev := range r.Events {
				switch {
				case ev.Introduced != "":
					e.b = append(e.b, 'i')
					e.str(ev.Introduced)
				case ev.Fixed != "":
					e.b = append(e.b, 'f')
					e.str(ev.Fixed)
				case ev.LastAffected != "":
					e.b = append(e.b, 'a')
					e.str(ev.LastAffected)
				default:
					e.b = append(e.b, 'l')
					e.str(ev.Limit)
				}
			}
		}
		e.strs(af.Versions)
		e.severities(af.Severity)
	}
	e.strs(a.CWEs)
	e.uvarint(uint64(len(a.References)))
	for _, r := range a.References {
		e.str(r.Type)
		e.str(r.URL)
	}
	return e.b
}

type encoder struct{ b []byte }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *encoder) strs(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) time(t time.Time) {
	if t.IsZero() {
		e.b = append(e.b, 0)
		return
	}
	e.b = append(e.b, 1)
	e.b = binary.AppendVarint(e.b, t.Unix())
	e.uvarint(uint64(t.Nanosecond()))
}

func (e *encoder) severities(ss []ward.Severity) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s.Type)
		e.str(s.Score)
	}
}

var errCorrupt = errors.New("corrupt record")

// decodeAdvisory is the inverse of appendAdvisory. It never panics on bad
// input: every length is checked against what is left.
func decodeAdvisory(b []byte) (*ward.Advisory, error) {
	d := decoder{b: b}
	a := &ward.Advisory{}
	a.ID = d.str()
	a.Aliases = d.strs()
	a.Related = d.strs()
	a.Summary = d.str()
	a.Details = d.str()
	a.Published = d.time()
	a.Modified = d.time()
	a.Withdrawn = d.time()
	a.Severity = d.severities()
	if n := d.count(); n > 0 {
		a.Affected = make([]ward.Affected, n)
		for i := range a.Affected {
			af := &a.Affected[i]
			af.Ecosystem = d.str()
			af.Name = d.str()
			af.PURL = d.str()
			if n := d.count(); n > 0 {
				af.Ranges = make([]ward.Range, n)
				for j := range af.Ranges {
					r := &af.Ranges[j]
					r.Type = d.str()
					r.Repo = d.str()
					if n := d.count(); n > 0 {
						r.Events = make([]ward.Event, n)
						for k := range r.Events {
							kind := d.byte()
							v := d.str()
							switch kind {
							case 'i':
								r.Events[k].Introduced = v
							case 'f':
								r.Events[k].Fixed = v
							case 'a':
								r.Events[k].LastAffected = v
							case 'l':
								r.Events[k].Limit = v
							default:
								d.err = errCorrupt
							}
						}
					}
				}
			}
			af.Versions = d.strs()
			af.Severity = d.severities()
		}
	}
	a.CWEs = d.strs()
	if n := d.count(); n > 0 {
		a.References = make([]ward.Reference, n)
		for i := range a.References {
			a.References[i] = ward.Reference{Type: d.str(), URL: d.str()}
		}
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errCorrupt
	}
	return a, nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a list length; a length larger than the bytes left cannot be
// honest (every element takes at least one byte), which bounds allocation.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err = errCorrupt
		d.b = nil
		return 0
	}
	return int(n)
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.err = errCorrupt
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err = errCorrupt
		d.b = nil
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

func (d *decoder) time() time.Time {
	switch d.byte() {
	case 0:
		return time.Time{}
	case 1:
	default:
		d.err = errCorrupt
		return time.Time{}
	}
	sec, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		d.b = nil
		return time.Time{}
	}
	d.b = d.b[n:]
	nsec := d.uvarint()
	if nsec >= 1e9 {
		d.err = errCorrupt
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}

func (d *decoder) severities() []ward.Severity {
	n := d.count()
	if n == 0 {
		return nil
	}
	ss := make([]ward.Severity, n)
	for i := range ss {
		ss[i] = ward.Severity{Type: d.str(), Score: d.str()}
	}
	return ss
}
