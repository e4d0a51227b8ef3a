package securityfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/wardhq/ward"
)

// Limits bound what the loader reads, against hostile or broken input.
type Limits struct {
	MaxFileBytes int64 // per YAML file; default 8 MiB
	MaxFiles     int   // YAML files per folder; default 2000
	MaxDocuments int   // YAML documents per file; default 1000
	MaxNodes     int   // values in all files together, aliases expanded; default 5,000,000
}

func (l Limits) withDefaults() Limits {
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = 8 << 20
	}
	if l.MaxFiles <= 0 {
		l.MaxFiles = 2000
	}
	if l.MaxDocuments <= 0 {
		l.MaxDocuments = 1000
	}
	if l.MaxNodes <= 0 {
		l.MaxNodes = 5_000_000
	}
	return l
}

// Load reads every *.yaml and *.yml file under dir (sorted, hidden folders
// skipped) into one SecurityFile. File names in positions are dir-relative
// paths joined to dir as given. It returns ward.PosErrors listing every
// problem, sorted; the SecurityFile is returned too, as far as it could be
// read, so that callers may still report on it.
func Load(dir string, lim Limits) (*ward.SecurityFile, error) {
	lim = lim.withDefaults()
	st, err := os.Stat(dir)
	if err != nil {
		return nil, ward.Errorf(ward.ENotFound, "security file folder %s: %v (run 'ward init %s' to create one)", dir, errors.Unwrap(err), dir)
	}
	if !st.IsDir() {
		return nil, ward.Errorf(ward.EInvalid, "%s is not a folder: give the folder that holds the security file's YAML documents", dir)
	}
	var files []string
	err = filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if de.IsDir() && p != dir && strings.HasPrefix(de.Name(), ".") {
			return filepath.SkipDir
		}
		if !de.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, ward.Errorf(ward.EInvalid, "%s holds no .yaml files (run 'ward init %s' to create a skeleton)", dir, dir)
	}
	if len(files) > lim.MaxFiles {
		return nil, ward.Errorf(ward.EInvalid, "%s holds %d YAML files, more than the limit of %d", dir, len(files), lim.MaxFiles)
	}
	l := newLoader(lim)
	for _, pf := range parseFiles(files, lim) {
		l.add(pf)
		if l.budget.over {
			break
		}
	}
	return l.finish()
}

// Parse reads one YAML file's content as a whole security file; for tests
// and fuzzing.
func Parse(name string, data []byte, lim Limits) (*ward.SecurityFile, error) {
	l := newLoader(lim.withDefaults())
	if int64(len(data)) > l.lim.MaxFileBytes {
		return nil, ward.PosErrors{{Pos: ward.Pos{File: name}, Msg: fmt.Sprintf("file larger than %d bytes", l.lim.MaxFileBytes)}}
	}
	l.add(parseFile(name, data, l.lim))
	return l.finish()
}

type loader struct {
	lim        Limits
	budget     budget
	unreadable []string // files with a syntax error: what they define is unknown
	sf         *ward.SecurityFile
	ids        *index
	errs       ward.PosErrors
}

func newLoader(lim Limits) *loader {
	return &loader{lim: lim, sf: &ward.SecurityFile{}, ids: newIndex(), budget: budget{max: lim.MaxNodes}}
}

func readLimited(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("file larger than %d bytes (split it into several files)", max)
	}
	return data, nil
}

// syntaxError is what the YAML parser's errors provide.
type syntaxError interface {
	GetToken() *token.Token
	GetMessage() string
}

// parsedFile is one YAML file split into documents and parsed; it is made
// without touching the loader, so files can be parsed in parallel.
type parsedFile struct {
	name    string
	problem *ward.PosError // the file could not be read or has too many documents
	docs    []parsedDoc
}

type parsedDoc struct {
	line0  int
	file   *ast.File
	syntax *ward.PosError
}

// parseFile splits data into YAML documents and parses each on its own, so
// that a syntax error in one does not hide the problems of the others.
func parseFile(name string, data []byte, lim Limits) parsedFile {
	pf := parsedFile{name: name}
	docs := splitDocuments(data)
	if len(docs) > lim.MaxDocuments {
		pf.problem = &ward.PosError{Pos: ward.Pos{File: name}, Msg: fmt.Sprintf("%d YAML documents, more than the limit of %d", len(docs), lim.MaxDocuments)}
		return pf
	}
	for _, doc := range docs {
		f, err := parser.ParseBytes(doc.data, 0)
		pd := parsedDoc{line0: doc.line0, file: f}
		if err != nil {
			pe := &ward.PosError{Pos: ward.Pos{File: name, Line: doc.line0 + 1}, Msg: "YAML syntax: " + err.Error()}
			var se syntaxError
			if errors.As(err, &se) {
				pe.Msg = "YAML syntax: " + se.GetMessage()
				if tk := se.GetToken(); tk != nil && tk.Position != nil {
					pe.Line, pe.Col = doc.line0+tk.Position.Line, tk.Position.Column
				}
			}
			pd.syntax = pe
		}
		pf.docs = append(pf.docs, pd)
	}
	return pf
}

// parseFiles reads and parses files on every core; YAML parsing is most of
// the cost of loading a large security file.
func parseFiles(files []string, lim Limits) []parsedFile {
	out := make([]parsedFile, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(files)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := readLimited(files[i], lim.MaxFileBytes)
				if err != nil {
					out[i] = parsedFile{name: files[i], problem: &ward.PosError{Pos: ward.Pos{File: files[i]}, Msg: err.Error()}}
					continue
				}
				out[i] = parseFile(files[i], data, lim)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// add decodes a parsed file into the aggregate, in file order.
func (l *loader) add(pf parsedFile) {
	l.sf.Files = append(l.sf.Files, pf.name)
	if pf.problem != nil {
		l.errs = append(l.errs, pf.problem)
		return
	}
	for _, doc := range pf.docs {
		if doc.syntax != nil {
			l.errs = append(l.errs, doc.syntax)
			if len(l.unreadable) == 0 || l.unreadable[len(l.unreadable)-1] != pf.name {
				l.unreadable = append(l.unreadable, pf.name)
			}
			continue
		}
		d := &decoder{file: pf.name, line0: doc.line0, errs: &l.errs, anchors: map[string]ast.Node{}, budget: &l.budget, ids: l.ids}
		for _, body := range doc.file.Docs {
			if body.Body == nil {
				continue
			}
			if _, ok := body.Body.(*ast.CommentGroupNode); ok {
				continue
			}
			var part ward.SecurityFile
			d.decode(body, reflect.ValueOf(&part).Elem(), "", fieldTag{})
			l.merge(&part)
			if l.budget.over {
				return
			}
		}
	}
}

type document struct {
	line0 int // lines before the document
	data  []byte
}

// splitDocuments cuts a YAML stream at its "---" document markers. A
// marker line stays with the document it opens.
func splitDocuments(data []byte) []document {
	var docs []document
	start, startLine, line := 0, 0, 0
	for i := 0; i <= len(data); {
		end := bytes.IndexByte(data[i:], '\n')
		if end < 0 {
			end = len(data) - i
		}
		text := data[i : i+end]
		if i > start && (bytes.Equal(bytes.TrimRight(text, " \r\t"), []byte("---")) || bytes.HasPrefix(text, []byte("--- "))) {
			docs = append(docs, document{line0: startLine, data: data[start:i]})
			start, startLine = i, line
		}
		i += end + 1
		line++
	}
	if start < len(data) || len(docs) == 0 {
		docs = append(docs, document{line0: startLine, data: data[start:]})
	}
	return docs
}

// merge appends part's lists to the aggregate and takes its single
// sections, reporting a section defined twice.
func (l *loader) merge(part *ward.SecurityFile) {
	dst := reflect.ValueOf(l.sf).Elem()
	src := reflect.ValueOf(part).Elem()
	info := structInfoOf(dst.Type())
	for _, f := range info.fields {
		s, d := src.Field(f.index), dst.Field(f.index)
		switch s.Kind() {
		case reflect.Slice:
			if s.Len() > 0 {
				d.Set(reflect.AppendSlice(d, s))
			}
		case reflect.Pointer:
			if s.IsNil() {
				continue
			}
			if !d.IsNil() {
				first := d.Elem().FieldByName("At").Interface().(ward.Pos)
				again := s.Elem().FieldByName("At").Interface().(ward.Pos)
				l.errs = append(l.errs, &ward.PosError{Pos: again, Path: f.key,
					Msg:  fmt.Sprintf("section %q defined twice", f.key),
					Hint: "first at " + first.String() + "; keep one and merge the two"})
				continue
			}
			d.Set(s)
		}
	}
}

func (l *loader) finish() (*ward.SecurityFile, error) {
	l.ids.check(&l.errs, l.unreadable)
	if l.sf.Product == nil && len(l.sf.Files) > 0 {
		l.errs = append(l.errs, &ward.PosError{Pos: ward.Pos{File: l.sf.Files[0]}, Path: "product",
			Msg: "no product section in any file", Hint: "add a product: section (see 'ward init')"})
	}
	l.errs.Sort()
	return l.sf, l.errs.Err()
}
