package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/osv"
)

const (
	dbImportSummary = "import OSV advisories from .json files, folders, all.zip archives or .jsonl files"
	dbSyncSummary   = "download the OSV archives of ecosystems and merge what changed"
	dbStatusSummary = "show the current snapshot: ID, counts per ecosystem, age"
)

// dbCommands are the subcommands of `ward db`.
var dbCommands = []command{
	{"import", "[--db DIR] [--replace] [--skip-invalid] PATH…", dbImportSummary, runDBImport},
	{"sync", "[--db DIR] [--url URL] [--ecosystem E]…", dbSyncSummary, runDBSync},
	{"status", "[--db DIR] [--format text|json]", dbStatusSummary, runDBStatus},
}

// runDB is `ward db import|sync|status`.
func runDB(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		for _, c := range dbCommands {
			if c.name == args[0] {
				return c.run(ctx, e, args[1:])
			}
		}
		if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
			dbUsage(e.stdout)
			return nil
		}
		dbUsage(e.stderr)
		return usagef("db: unknown subcommand %q (want import, sync or status)", args[0])
	}
	dbUsage(e.stderr)
	return usagef("db: name a subcommand: import, sync or status")
}

func dbUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: ward db <subcommand> [flags]")
	fmt.Fprintln(w)
	for _, c := range dbCommands {
		fmt.Fprintf(w, "  %-7s %s\n          %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "The store is --db, else $WARD_DB, else the user cache folder (ward/advisories).")
}

// dbFlag adds --db to fs.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "advisory store `folder` (default: $WARD_DB, else the user cache folder ward/advisories)")
}

// dbDir resolves the store folder: the --db flag, else $WARD_DB, else
// <user cache folder>/ward/advisories.
func dbDir(e *env, flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if d := e.getenv("WARD_DB"); d != "" {
		return d, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", ward.Errorf(ward.EInvalid, "no user cache folder (%v): set WARD_DB or pass --db", err)
	}
	return filepath.Join(cache, "ward", "advisories"), nil
}

// openStore opens the advisory store named by --db (flagValue), $WARD_DB
// or the default folder. A missing store is ENotFound with a hint to
// import or sync.
func openStore(e *env, flagValue string) (*osv.Store, error) {
	dir, err := dbDir(e, flagValue)
	if err != nil {
		return nil, err
	}
	return osv.Open(dir)
}

func runDBImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "db import", "PATH…", dbImportSummary)
	db := dbFlag(fs)
	replace := fs.Bool("replace", false, "make the imported advisories the whole store instead of merging (same ID: newer modified wins)")
	skip := fs.Bool("skip-invalid", false, "import the valid records and list the invalid ones, instead of importing nothing")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("db import: name at least one PATH (OSV .json file, folder, all.zip or .jsonl)")
	}
	dir, err := dbDir(e, *db)
	if err != nil {
		return err
	}
	res, err := osv.Import(ctx, dir, paths, osv.ImportOptions{Replace: *replace, SkipInvalid: *skip, Now: e.now})
	var pes ward.PosErrors
	if errors.As(err, &pes) {
		fmt.Fprintf(e.stderr, "ward: db import: nothing imported: invalid records (fix them, or pass --skip-invalid to import the valid ones):\n")
		return err
	}
	if err != nil {
		return fmt.Errorf("db import: %w", err)
	}
	fmt.Fprintf(e.stdout, "Read %s from %s: %s.\n", plural(res.Records, "valid record"), plural(res.Files, "file"), importCounts(res))
	if res.Skipped > 0 {
		fmt.Fprintf(e.stderr, "ward: db import: skipped %s:\n%s\n", plural(res.Skipped, "invalid record"), res.Problems.Error())
	}
	printSnapshotLine(e.stdout, res.Snapshot)
	return nil
}

func importCounts(res osv.ImportResult) string {
	s := fmt.Sprintf("%d added, %d updated, %d unchanged", res.Added, res.Updated, res.Unchanged)
	if res.Older > 0 {
		s += fmt.Sprintf(", %d older than stored (kept the stored)", res.Older)
	}
	if res.Removed > 0 {
		s += fmt.Sprintf(", %d removed", res.Removed)
	}
	return s
}

func printSnapshotLine(w io.Writer, info osv.SnapshotInfo) {
	fmt.Fprintf(w, "Snapshot %s: %s (%d withdrawn).\n", info.ID, plural(info.Total, "advisory"), info.Withdrawn)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "ry") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func runDBSync(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "db sync", "", dbSyncSummary)
	db := dbFlag(fs)
	base := fs.String("url", osv.DefaultSyncURL, "base `URL` of the OSV data: archives are URL/<Ecosystem>/all.zip")
	var ecos stringList
	fs.Var(&ecos, "ecosystem", "OSV `ecosystem` to sync, e.g. PyPI, Go, crates.io; repeatable (default: those synced before)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("db sync: unexpected argument %q (ecosystems go in --ecosystem)", rest[0])
	}
	dir, err := dbDir(e, *db)
	if err != nil {
		return err
	}
	if len(ecos) == 0 {
		// Default to what was synced before, so that a cron job keeps
		// the store current without repeating the list.
		if st, err := osv.Open(dir); err == nil {
			ecos = slices.Sorted(maps.Keys(st.SyncStates()))
			st.Close()
		}
		if len(ecos) == 0 {
			return usagef("db sync: name at least one --ecosystem (e.g. --ecosystem PyPI); later syncs default to the same ones")
		}
	}
	res, err := osv.SyncWith(ctx, dir, osv.SyncOptions{
		BaseURL:    *base,
		Ecosystems: ecos,
		Client:     &http.Client{Timeout: 30 * time.Minute},
		Now:        e.now,
	})
	if err != nil {
		return fmt.Errorf("db sync: %w", err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, es := range res.Ecosystems {
		if es.NotModified {
			fmt.Fprintf(tw, "%s\tnot modified\n", es.Ecosystem)
			continue
		}
		line := fmt.Sprintf("%s\tdownloaded\t%s, %s", es.Ecosystem, byteSize(es.Bytes), plural(es.Records, "valid record"))
		if es.Skipped > 0 {
			line += fmt.Sprintf(", %d invalid skipped", es.Skipped)
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
	if res.Import.Skipped > 0 {
		fmt.Fprintf(e.stderr, "ward: db sync: skipped %s:\n%s\n", plural(res.Import.Skipped, "invalid record"), res.Import.Problems.Error())
	}
	if !res.Changed {
		fmt.Fprintf(e.stdout, "No changes. ")
	} else {
		fmt.Fprintf(e.stdout, "Merged: %s.\n", importCounts(res.Import))
	}
	printSnapshotLine(e.stdout, res.Import.Snapshot)
	return nil
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// dbStatus is the JSON form of `ward db status`.
type dbStatus struct {
	Store string `json:"store"`
	osv.SnapshotInfo
	// AgeDays is whole days from NewestModified to now; absent when no
	// record has a modified time.
	AgeDays *int                     `json:"age_days,omitempty"`
	Sync    map[string]osv.SyncState `json:"sync,omitempty"`
}

func runDBStatus(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "db status", "", dbStatusSummary)
	db := dbFlag(fs)
	format := fs.String("format", "text", "output `format`: text or json")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("db status: unexpected argument %q", rest[0])
	}
	if *format != "text" && *format != "json" {
		return usagef("db status: unknown format %q (want text or json)", *format)
	}
	dir, err := dbDir(e, *db)
	if err != nil {
		return err
	}
	st, err := osv.Open(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	s := dbStatus{Store: dir, SnapshotInfo: st.Snapshot(), Sync: st.SyncStates()}
	if !s.NewestModified.IsZero() {
		days := int(e.now().Sub(s.NewestModified) / (24 * time.Hour))
		s.AgeDays = &days
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Store\t%s\n", s.Store)
	fmt.Fprintf(tw, "Snapshot\t%s\n", s.ID)
	fmt.Fprintf(tw, "Created\t%s\n", s.Created.Format(time.RFC3339))
	if s.AgeDays != nil {
		fmt.Fprintf(tw, "Newest record\t%s (%s old)\n", s.NewestModified.Format(time.RFC3339), plural(*s.AgeDays, "day"))
	} else {
		fmt.Fprintf(tw, "Newest record\tunknown (no record has a modified time)\n")
	}
	fmt.Fprintf(tw, "Advisories\t%d (%d withdrawn)\n", s.Total, s.Withdrawn)
	ecos := slices.SortedFunc(maps.Keys(s.Counts), func(a, b string) int {
		return strings.Compare(strings.ToLower(a), strings.ToLower(b))
	})
	for _, eco := range ecos {
		fmt.Fprintf(tw, "  %s\t%d\n", eco, s.Counts[eco])
	}
	for _, eco := range slices.Sorted(maps.Keys(s.Sync)) {
		fmt.Fprintf(tw, "Synced %s\t%s from %s\n", eco, s.Sync[eco].Fetched.Format(time.RFC3339), s.Sync[eco].URL)
	}
	return tw.Flush()
}
