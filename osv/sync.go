package osv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/wardhq/ward"
)

// DefaultSyncURL is where OSV publishes its data: <URL>/<Ecosystem>/all.zip.
const DefaultSyncURL = "https://osv-vulnerabilities.storage.googleapis.com"

// SyncOptions control SyncWith.
type SyncOptions struct {
	BaseURL    string   // e.g. DefaultSyncURL; archives are BaseURL/<Ecosystem>/all.zip
	Ecosystems []string // as OSV names them: "PyPI", "Go", "crates.io", "Debian"
	Client     *http.Client
	// Now is the clock for SnapshotInfo.Created and SyncState.Fetched;
	// nil means time.Now.
	Now func() time.Time
	// Limits bound each archive; MaxFileBytes is the download limit.
	Limits Limits
}

// SyncResult says what a sync fetched and changed.
type SyncResult struct {
	Ecosystems []EcosystemSync // in the order asked
	// Changed reports that a new snapshot was written; false when every
	// archive was unchanged (HTTP 304).
	Changed bool
	// Import counts the merge of the downloaded records, as Import would.
	// Invalid upstream records are skipped and listed in Import.Problems:
	// one bad record must not keep the rest of an ecosystem out of date.
	Import ImportResult
}

// EcosystemSync is the outcome for one ecosystem.
type EcosystemSync struct {
	Ecosystem   string
	NotModified bool  // the server answered 304 to our ETag or date
	Bytes       int64 // downloaded
	Records     int   // valid records in the archive
	Skipped     int   // invalid records left out
}

// Sync downloads the OSV archive of each ecosystem from baseURL and merges
// it into the store in dir, like SyncWith with default options.
func Sync(ctx context.Context, dir string, baseURL string, ecosystems []string, client *http.Client) (SyncResult, error) {
	return SyncWith(ctx, dir, SyncOptions{BaseURL: baseURL, Ecosystems: ecosystems, Client: client})
}

// SyncWith downloads <BaseURL>/<Ecosystem>/all.zip for each ecosystem,
// asking only for changes (If-None-Match with the stored ETag,
// If-Modified-Since with the stored Last-Modified), and merges what
// changed into the store as one new snapshot, with the new ETags. When
// every answer is 304, nothing is written. Any failure (network, HTTP
// status, a download over the limit, a damaged archive) leaves the store
// as it was.
func SyncWith(ctx context.Context, dir string, opts SyncOptions) (SyncResult, error) {
	var res SyncResult
	base, err := url.Parse(opts.BaseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return res, ward.Errorf(ward.EInvalid, "sync URL %q is not an http(s) URL", opts.BaseURL)
	}
	if len(opts.Ecosystems) == 0 {
		return res, ward.Errorf(ward.EInvalid, "no ecosystem to sync: name at least one, e.g. PyPI")
	}
	for _, eco := range opts.Ecosystems {
		if eco == "" || strings.ContainsAny(eco, "/\\") || eco == "." || eco == ".." {
			return res, ward.Errorf(ward.EInvalid, "ecosystem %q is not an OSV ecosystem name", eco)
		}
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Minute}
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	unlock, err := lockStore(dir)
	if err != nil {
		return res, err
	}
	defer unlock()
	cur, err := currentSnapshot(dir)
	if err != nil {
		return res, err
	}
	states := map[string]SyncState{}
	if cur != nil {
		maps.Copy(states, cur.header.Sync)
	}
	c := newCollector(ctx, opts.Limits, true, &res.Import)
	for _, eco := range opts.Ecosystems {
		es, st, err := syncOne(ctx, client, c, dir, strings.TrimSuffix(opts.BaseURL, "/")+"/"+url.PathEscape(eco)+"/all.zip", states, eco, now)
		if err != nil {
			return res, err
		}
		res.Ecosystems = append(res.Ecosystems, es)
		if !es.NotModified {
			states[eco] = st
			res.Changed = true
		}
	}
	if !res.Changed {
		if cur != nil {
			res.Import.Snapshot = cur.info()
		}
		return res, nil
	}
	if err := c.finish(); err != nil {
		return res, err
	}
	info, err := updateLocked(ctx, dir, cur, now(), func(cur *snapshot) ([]*entry, map[string]SyncState, error) {
		entries, err := merge(cur, c.recs, false, &res.Import)
		return entries, states, err
	})
	res.Import.Snapshot = info
	return res, err
}

// syncOne fetches one archive into a temporary file in dir and reads it
// into c.
func syncOne(ctx context.Context, client *http.Client, c *collector, dir, u string, states map[string]SyncState, eco string, now func() time.Time) (EcosystemSync, SyncState, error) {
	es := EcosystemSync{Ecosystem: eco}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return es, SyncState{}, ward.Errorf(ward.EInvalid, "sync %s: %v", eco, err)
	}
	old, ok := states[eco]
	if ok && old.URL == u {
		if old.ETag != "" {
			req.Header.Set("If-None-Match", old.ETag)
		}
		if old.LastModified != "" {
			req.Header.Set("If-Modified-Since", old.LastModified)
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		return es, SyncState{}, fmt.Errorf("sync %s: %w", eco, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && ok:
		es.NotModified = true
		return es, old, nil
	case resp.StatusCode == http.StatusNotFound:
		return es, SyncState{}, ward.Errorf(ward.ENotFound, "sync %s: %s answered 404 (is %q an OSV ecosystem name? they are case-sensitive, e.g. PyPI, crates.io)", eco, u, eco)
	case resp.StatusCode != http.StatusOK:
		return es, SyncState{}, ward.Errorf(ward.EInternal, "sync %s: %s answered %s", eco, u, resp.Status)
	}
	max := c.lim.MaxFileBytes
	if resp.ContentLength > max {
		return es, SyncState{}, ward.Errorf(ward.EInvalid, "sync %s: the archive is %d bytes, more than the limit of %d", eco, resp.ContentLength, max)
	}
	f, err := os.CreateTemp(dir, tmpPrefix+"download-*")
	if err != nil {
		return es, SyncState{}, fmt.Errorf("sync %s: %w", eco, err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	n, err := io.Copy(f, io.LimitReader(resp.Body, max+1))
	if err != nil {
		return es, SyncState{}, fmt.Errorf("sync %s: download %s: %w", eco, u, err)
	}
	if n > max {
		return es, SyncState{}, ward.Errorf(ward.EInvalid, "sync %s: the archive is more than the limit of %d bytes", eco, max)
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		return es, SyncState{}, ward.Errorf(ward.EInvalid, "sync %s: download ended after %d of %d bytes; try again", eco, n, resp.ContentLength)
	}
	es.Bytes = n
	records, skipped := c.res.Records, c.res.Skipped
	if err := c.zip(eco+"/all.zip", f, n); err != nil {
		var we *ward.Error
		if errors.As(err, &we) {
			return es, SyncState{}, err
		}
		return es, SyncState{}, fmt.Errorf("sync %s: %w", eco, err)
	}
	c.res.Files++
	es.Records, es.Skipped = c.res.Records-records, c.res.Skipped-skipped
	return es, SyncState{
		URL:          u,
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		Fetched:      now().UTC(),
	}, nil
}
