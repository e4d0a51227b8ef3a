package record

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/wardhq/ward"
)

// File is the security-file document the importer appends to.
const File = "evidence.yaml"

// Store keeps imp in the security file folder dir: the report's content
// is written to imp.Stored (unless a copy with that digest is there), and
// the records are appended to evidence.yaml as one YAML document headed
// by a comment naming the report. It returns an undo function that puts
// both back as they were, for when the security file does not validate
// after the import.
func Store(dir string, data []byte, imp *Import) (undo func() error, err error) {
	stored := filepath.Join(dir, filepath.FromSlash(imp.Stored))
	if err := os.MkdirAll(filepath.Dir(stored), 0o755); err != nil {
		return nil, err
	}
	var undos []func() error
	undo = func() error {
		var errs []error
		for i := len(undos) - 1; i >= 0; i-- {
			errs = append(errs, undos[i]())
		}
		return errors.Join(errs...)
	}
	switch old, err := os.ReadFile(stored); {
	case err == nil && Digest(old) == imp.SHA256:
	case err == nil:
		return nil, ward.Errorf(ward.EConflict, "%s exists with other content: it was changed after import (run 'ward validate %s')", stored, dir)
	case errors.Is(err, fs.ErrNotExist):
		if err := writeFileAtomic(stored, data, 0o444); err != nil {
			return nil, err
		}
		undos = append(undos, func() error { return os.Remove(stored) })
	default:
		return nil, err
	}

	doc, err := Document(imp)
	if err != nil {
		undo()
		return nil, err
	}
	target := filepath.Join(dir, File)
	before, err := os.ReadFile(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		before = nil
		undos = append(undos, func() error { return os.Remove(target) })
	case err != nil:
		undo()
		return nil, err
	default:
		saved := before
		undos = append(undos, func() error { return writeFileAtomic(target, saved, 0o644) })
	}
	var b bytes.Buffer
	if len(before) == 0 {
		b.WriteString("# Verification evidence imported by 'ward evidence import'. Each document below is one\n")
		b.WriteString("# imported report; the report itself is kept under evidence/ with its SHA-256, which\n")
		b.WriteString("# 'ward validate' checks. Add new evidence by importing it, not by editing here.\n")
	} else {
		b.Write(before)
		if !bytes.HasSuffix(before, []byte("\n")) {
			b.WriteByte('\n')
		}
	}
	b.WriteString(doc)
	if err := writeFileAtomic(target, b.Bytes(), 0o644); err != nil {
		undo()
		return nil, err
	}
	return undo, nil
}

// Document renders imp's records as one YAML document ("---" first).
func Document(imp *Import) (string, error) {
	var body yaml.MapSlice
	if len(imp.Tests) > 0 {
		var tests []yaml.MapSlice
		for _, t := range imp.Tests {
			tests = append(tests, fields(reflect.ValueOf(t).Elem()))
		}
		body = append(body, yaml.MapItem{Key: "tests", Value: tests})
	}
	if len(imp.Findings) > 0 {
		var fs []yaml.MapSlice
		for _, f := range imp.Findings {
			fs = append(fs, fields(reflect.ValueOf(f).Elem()))
		}
		body = append(body, yaml.MapItem{Key: "findings", Value: fs})
	}
	out, err := yaml.MarshalWithOptions(body, yaml.IndentSequence(true))
	if err != nil {
		return "", fmt.Errorf("render evidence records: %w", err)
	}
	// The name goes into a comment: no line break may end it early.
	name := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 {
			return '_'
		}
		return r
	}, imp.Name)
	head := fmt.Sprintf("---\n# %s (%s), sha256 %s: %d %s, %d unmapped\n", name, imp.Format, imp.SHA256,
		imp.Cases, plural(imp.Cases, "entry", "entries"), len(imp.Unmapped))
	return head + string(out), nil
}

// fields lists the non-zero fields of a record struct under their YAML
// keys, in declaration order, so the document reads like a hand-written one.
func fields(v reflect.Value) yaml.MapSlice {
	var out yaml.MapSlice
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if key == "" || key == "-" {
			continue
		}
		f := v.Field(i)
		if f.IsZero() || (f.Kind() == reflect.Slice && f.Len() == 0) {
			continue
		}
		switch val := f.Interface().(type) {
		case ward.Date:
			out = append(out, yaml.MapItem{Key: key, Value: val.String()})
		case *ward.Tool:
			out = append(out, yaml.MapItem{Key: key, Value: fields(reflect.ValueOf(val).Elem())})
		case ward.TestKind:
			out = append(out, yaml.MapItem{Key: key, Value: string(val)})
		default:
			out = append(out, yaml.MapItem{Key: key, Value: val})
		}
	}
	return out
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, so a crash leaves the old file or the new one, never half.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// External reports whether a report reference names a document outside
// the security file folder (a URL or a document-system reference such as
// "dms:VER-2.4.0/TST-101"), which ward cannot read.
func External(report string) bool {
	i := strings.Index(report, ":")
	return i > 0 && !strings.ContainsAny(report[:i], `/\.`) && !(i == 1 && len(report) > 2 && (report[2] == '\\' || report[2] == '/'))
}

// VerifyReports checks every test's local report against its recorded
// digest: a report that is missing or whose content changed is a problem
// at the test record. Reports without a digest are left to the gap rule
// RX-1; external references cannot be read and are skipped.
func VerifyReports(dir string, sf *ward.SecurityFile) ward.PosErrors {
	var out ward.PosErrors
	for _, t := range sf.Tests {
		if t.Report == "" || t.SHA256 == "" || External(t.Report) {
			continue
		}
		rel := filepath.FromSlash(t.Report)
		if !filepath.IsLocal(rel) {
			out = append(out, posError(t, "report %s lies outside the security file folder: keep evidence under %s", t.Report, filepath.Join(dir, "evidence")))
			continue
		}
		digest, err := hashFile(filepath.Join(dir, rel))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			out = append(out, posError(t, "report %s is missing: restore it (its sha256 is recorded), or re-import the evidence", t.Report))
		case err != nil:
			out = append(out, posError(t, "report %s: %v", t.Report, err))
		case !strings.EqualFold(digest, t.SHA256):
			out = append(out, posError(t, "report %s no longer matches its sha256 (recorded %s, now %s): the evidence changed after it was recorded", t.Report, t.SHA256, digest))
		}
	}
	return out
}

// hashFile streams a file through SHA-256.
func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func posError(t *ward.Test, format string, args ...any) *ward.PosError {
	return &ward.PosError{Pos: t.At, Path: "tests[" + t.ID + "].report", Msg: fmt.Sprintf(format, args...)}
}
