package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/importer"
)

// runImport is `ward import threagile|threatdragon FILE --out DIR`: it
// converts another tool's threat model into security file YAML documents
// in DIR, never overwriting a file, then prints what could not be mapped.
func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "threagile|threatdragon FILE --out DIR",
		"Import a Threagile model (YAML) or an OWASP Threat Dragon model (JSON, version 2 or 1) into a security file folder.\n"+
			"Writes product.yaml (placeholder), context.yaml, architecture.yaml and threats.yaml; refuses to overwrite files.")
	out := fs.String("out", "", "folder to write the security file into (created if missing)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("import: want a format (threagile or threatdragon) and a FILE, got %d arguments", len(pos))
	}
	if *out == "" {
		return usagef("import: --out DIR is required")
	}
	var conv func(string, []byte) (*ward.SecurityFile, importer.Report, error)
	switch pos[0] {
	case "threagile":
		conv = importer.Threagile
	case "threatdragon":
		conv = importer.ThreatDragon
	default:
		return usagef("import: unknown format %q (want threagile or threatdragon)", pos[0])
	}
	data, err := readImportFile(pos[1], importer.MaxBytes)
	if err != nil {
		return err
	}
	sf, rep, err := conv(pos[1], data)
	if err != nil {
		return err
	}
	files, err := importer.Files(sf, rep)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var exist []string
	for _, n := range names {
		if _, err := os.Lstat(filepath.Join(*out, n)); err == nil {
			exist = append(exist, filepath.Join(*out, n))
		}
	}
	if len(exist) > 0 {
		return ward.Errorf(ward.EConflict, "import: %s already exist(s): not overwritten (choose another --out folder or move them)", strings.Join(exist, ", "))
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	for _, n := range names {
		if err := writeImportFile(filepath.Join(*out, n), files[n]); err != nil {
			return fmt.Errorf("import: %w", err)
		}
	}
	fmt.Fprintf(e.stdout, "%s: wrote %s into %s\n", pos[1], strings.Join(names, ", "), *out)
	_, err = rep.WriteTo(e.stdout)
	return err
}

// readImportFile reads at most max bytes of name, rejecting larger files.
func readImportFile(name string, max int64) ([]byte, error) {
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
		return nil, ward.PosErrors{{Pos: ward.Pos{File: name}, Msg: fmt.Sprintf("file larger than the import limit of %d bytes (16 MiB)", max)}}
	}
	return data, nil
}

// writeImportFile creates name exclusively: a file that appeared since the check
// is still not overwritten.
func writeImportFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return ward.Errorf(ward.EConflict, "%s already exists: not overwritten", name)
		}
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
