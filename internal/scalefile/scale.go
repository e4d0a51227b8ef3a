// Package scalefile makes large security files for benchmarks: it copies
// every record of a real security file n times, suffixing IDs and the
// references to them so the copy stays consistent, and writes it as YAML.
package scalefile

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/wardhq/ward"
)

// Scale returns a security file with every list of sf repeated n times.
// Copy k > 0 has "-k" appended to every ID and every reference; single
// sections (product, context, …) are kept once, their lists repeated too.
func Scale(sf *ward.SecurityFile, n int) *ward.SecurityFile {
	out := reflect.New(reflect.TypeFor[ward.SecurityFile]()).Elem()
	src := reflect.ValueOf(sf).Elem()
	for i := 0; i < src.NumField(); i++ {
		f := src.Field(i)
		switch f.Kind() {
		case reflect.Slice:
			if f.Type().Elem().Kind() != reflect.Pointer {
				continue
			}
			copies := n
			if keptOnce[src.Type().Field(i).Name] {
				copies = 1
			}
			s := reflect.MakeSlice(f.Type(), 0, f.Len()*copies)
			for k := 0; k < copies; k++ {
				for j := 0; j < f.Len(); j++ {
					s = reflect.Append(s, copyValue(f.Index(j), suffix(k)))
				}
			}
			out.Field(i).Set(s)
		case reflect.Pointer:
			if !f.IsNil() {
				out.Field(i).Set(copySingle(f, n))
			}
		}
	}
	return out.Addr().Interface().(*ward.SecurityFile)
}

// keptOnce are the sections whose IDs name entries of an outside catalog
// (MDS2 question IDs): a suffixed copy would name no question.
var keptOnce = map[string]bool{"MDS2": true}

func suffix(k int) string {
	if k == 0 {
		return ""
	}
	return fmt.Sprintf("-%d", k)
}

// copySingle copies a single section, repeating its lists of records.
func copySingle(v reflect.Value, n int) reflect.Value {
	c := reflect.New(v.Type().Elem())
	c.Elem().Set(v.Elem())
	for i := 0; i < c.Elem().NumField(); i++ {
		f := c.Elem().Field(i)
		if f.Kind() != reflect.Slice || f.Type().Elem().Kind() != reflect.Pointer {
			continue
		}
		s := reflect.MakeSlice(f.Type(), 0, f.Len()*n)
		for k := 0; k < n; k++ {
			for j := 0; j < f.Len(); j++ {
				s = reflect.Append(s, copyValue(f.Index(j), suffix(k)))
			}
		}
		f.Set(s)
	}
	return c
}

// copyValue deep-copies v, appending sfx to fields tagged as IDs or
// references (ward:"id=…" or ward:"ref=…").
func copyValue(v reflect.Value, sfx string) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(copyValue(v.Elem(), sfx))
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		for i := 0; i < v.NumField(); i++ {
			sf := v.Type().Field(i)
			if !sf.IsExported() {
				continue
			}
			tag := sf.Tag.Get("ward")
			idOrRef := strings.Contains(tag, "id=") || strings.Contains(tag, "ref=")
			f := c.Field(i)
			switch {
			case idOrRef && f.Kind() == reflect.String && f.String() != "" && sfx != "":
				f.SetString(f.String() + sfx)
			case idOrRef && f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
				s := reflect.MakeSlice(f.Type(), f.Len(), f.Len())
				for j := 0; j < f.Len(); j++ {
					s.Index(j).SetString(f.Index(j).String() + sfx)
				}
				f.Set(s)
			case f.Kind() == reflect.Pointer || f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Pointer:
				f.Set(copyValue(f, sfx))
			}
		}
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for j := 0; j < v.Len(); j++ {
			s.Index(j).Set(copyValue(v.Index(j), sfx))
		}
		return s
	}
	return v
}

// Write writes sf as one YAML file per section into dir.
func Write(dir string, sf *ward.SecurityFile) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	v := reflect.ValueOf(sf).Elem()
	for i := 0; i < v.NumField(); i++ {
		key := strings.Split(v.Type().Field(i).Tag.Get("yaml"), ",")[0]
		f := v.Field(i)
		if key == "" || key == "-" || f.IsZero() {
			continue
		}
		b, err := yaml.MarshalWithOptions(map[string]any{key: f.Interface()}, yaml.OmitEmpty())
		if err != nil {
			return fmt.Errorf("marshal %s: %w", key, err)
		}
		if err := os.WriteFile(filepath.Join(dir, key+".yaml"), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
