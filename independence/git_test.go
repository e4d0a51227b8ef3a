package independence_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wardhq/ward"
	"github.com/wardhq/ward/independence"
)

var (
	anna  = dev{"Anna Weber", "anna.weber@meridian.example"}
	ben   = dev{"Ben Stone", "ben.stone@meridian.example"}
	carla = dev{"Carla Diaz", "carla.diaz@meridian.example"}
	gina  = dev{"Gina Early", "gina.early@meridian.example"}
	frank = dev{"Frank Contract", "frank@contractor.example"}
)

// TestGitAuthors reads authors of folders and files from a real history:
// counts per identity, most commits first, nothing after the revision.
func TestGitAuthors(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.commit(anna, "token", map[string]string{"fw/auth/token.c": lines("token", 10)})
	r.commit(carla, "portal", map[string]string{"portal/app.js": lines("app", 10)})
	r.commit(anna, "token 2", map[string]string{"fw/auth/token.c": lines("token2", 10)})
	r.commit(ben, "both", map[string]string{"fw/auth/token.c": lines("token3", 10), "portal/app.js": lines("app2", 10)})
	release := r.commit(frank, "api", map[string]string{"portal/api.js": lines("api", 10), "portal/ä ö.js": "x\n"})
	r.commit(carla, "after the release", map[string]string{"fw/auth/token.c": lines("token4", 10)})
	g := &independence.Git{Dir: filepath.Join(r.dir, "portal")} // any folder inside works
	ctx := context.Background()

	for _, tc := range []struct {
		name  string
		paths []string
		until string
		want  []independence.Author
	}{
		{"folder_up_to_release", []string{"fw/auth/"}, release, []independence.Author{
			{Name: "Anna Weber", Email: "anna.weber@meridian.example", Commits: 2},
			{Name: "Ben Stone", Email: "ben.stone@meridian.example", Commits: 1},
		}},
		{"folder_at_head", []string{"./fw/auth"}, "", []independence.Author{
			{Name: "Anna Weber", Email: "anna.weber@meridian.example", Commits: 2},
			{Name: "Ben Stone", Email: "ben.stone@meridian.example", Commits: 1},
			{Name: "Carla Diaz", Email: "carla.diaz@meridian.example", Commits: 1},
		}},
		{"several_paths_and_abbreviated_commit", []string{"portal", "fw/auth/token.c"}, release[:10], []independence.Author{
			{Name: "Anna Weber", Email: "anna.weber@meridian.example", Commits: 2},
			{Name: "Ben Stone", Email: "ben.stone@meridian.example", Commits: 1},
			{Name: "Carla Diaz", Email: "carla.diaz@meridian.example", Commits: 1},
			{Name: "Frank Contract", Email: "frank@contractor.example", Commits: 1},
		}},
		{"file_with_non_ascii_name", []string{"portal/ä ö.js"}, "HEAD", []independence.Author{
			{Name: "Frank Contract", Email: "frank@contractor.example", Commits: 1},
		}},
		{"glob_is_literal", []string{"portal/*.js"}, "HEAD", []independence.Author{}},
		{"path_never_committed", []string{"docs/"}, "HEAD", []independence.Author{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := g.Authors(ctx, tc.paths, tc.until)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("authors (-want +got):\n%s", diff)
			}
		})
	}

	top, err := g.TopLevel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := filepath.EvalSymlinks(r.dir); top != want && top != r.dir {
		t.Errorf("TopLevel = %s, want %s", top, r.dir)
	}
}

// TestGitRenames: authors of a file or folder before it was renamed, and
// before a chain of renames, count as authors of its current path.
func TestGitRenames(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.commit(gina, "login and crypto", map[string]string{
		"fw/legacy_login.c":   lines("login", 20),
		"fw/old_crypto/aes.c": lines("aes", 20),
	})
	r.commit(carla, "unrelated", map[string]string{"portal/app.js": lines("app", 10)})
	r.move(anna, "fw/legacy_login.c", "fw/auth/login.c")
	r.move(ben, "fw/old_crypto", "fw/crypto")   // a folder
	r.move(carla, "fw/crypto", "fw/sec/crypto") // and again: a chain
	g := &independence.Git{Dir: r.dir}

	for _, tc := range []struct {
		name  string
		paths []string
		want  []string
	}{
		{"file_given", []string{"fw/auth/login.c"}, []string{"Anna Weber", "Gina Early"}},
		{"folder_holding_a_renamed_file", []string{"fw/auth/"}, []string{"Anna Weber", "Gina Early"}},
		{"renamed_folder_after_a_chain", []string{"fw/sec/crypto"}, []string{"Ben Stone", "Carla Diaz", "Gina Early"}},
		{"file_in_renamed_folder", []string{"fw/sec/crypto/aes.c"}, []string{"Ben Stone", "Carla Diaz", "Gina Early"}},
		{"unrelated_path", []string{"portal"}, []string{"Carla Diaz"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := g.Authors(context.Background(), tc.paths, "HEAD")
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, a := range got {
				names = append(names, a.Name)
			}
			if diff := cmp.Diff(tc.want, slices.Sorted(slices.Values(names))); diff != "" {
				t.Errorf("authors (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGitMailmap: the repository's .mailmap joins a developer's identities.
func TestGitMailmap(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.commit(dev{"anna", "anna@laptop.local"}, "early", map[string]string{"fw/a.c": "a\n"})
	r.commit(anna, "later", map[string]string{"fw/a.c": "b\n"})
	r.commit(anna, "mailmap", map[string]string{".mailmap": "Anna Weber <anna.weber@meridian.example> anna <anna@laptop.local>\n"})
	got, err := (&independence.Git{Dir: r.dir}).Authors(context.Background(), []string{"fw"}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []independence.Author{{Name: "Anna Weber", Email: "anna.weber@meridian.example", Commits: 2}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("authors (-want +got):\n%s", diff)
	}
}

// TestGitIgnoresUserConfig: a user's git configuration (here a mailmap
// that would hide an author) and GIT_DIR do not change what is read. Not
// parallel: it sets HOME and GIT_DIR.
func TestGitIgnoresUserConfig(t *testing.T) {
	r := newRepo(t)
	r.commit(frank, "api", map[string]string{"portal/api.js": "x\n"})
	home := t.TempDir()
	mailmap := filepath.Join(home, "mailmap")
	if err := os.WriteFile(mailmap, []byte("Anna Weber <anna.weber@meridian.example> <frank@contractor.example>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".gitconfig"), []byte("[mailmap]\n\tfile = "+mailmap+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, ".gitconfig"))
	t.Setenv("GIT_DIR", filepath.Join(t.TempDir(), "elsewhere.git"))
	got, err := (&independence.Git{Dir: r.dir}).Authors(context.Background(), []string{"portal"}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []independence.Author{{Name: "Frank Contract", Email: "frank@contractor.example", Commits: 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("authors (-want +got):\n%s", diff)
	}
}

// TestGitErrors: what cannot be read is an error with a code, never an
// empty list of authors.
func TestGitErrors(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.commit(anna, "one", map[string]string{"fw/a.c": lines("a", 5)})
	r.commit(anna, "two", map[string]string{"fw/a.c": lines("b", 5)})
	shallow := filepath.Join(t.TempDir(), "shallow")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+r.dir, shallow).CombinedOutput(); err != nil {
		t.Fatalf("git clone --depth 1: %v\n%s", err, out)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()

	for _, tc := range []struct {
		name  string
		dir   string
		ctx   context.Context
		paths []string
		until string
		code  ward.Code
	}{
		{"unknown_revision", r.dir, context.Background(), []string{"fw"}, "v9.9", ward.ENotFound},
		{"unknown_commit", r.dir, context.Background(), []string{"fw"}, "0123456789abcdef0123456789abcdef01234567", ward.ENotFound},
		{"option_as_revision", r.dir, context.Background(), []string{"fw"}, "--all", ward.EInvalid},
		{"path_leaves_repository", r.dir, context.Background(), []string{"../etc"}, "", ward.EInvalid},
		{"absolute_path", r.dir, context.Background(), []string{"/etc"}, "", ward.EInvalid},
		{"not_a_repository", t.TempDir(), context.Background(), []string{"fw"}, "", ward.EInvalid},
		{"shallow_clone", shallow, context.Background(), []string{"fw"}, "", ward.EInvalid},
		{"cancelled", r.dir, cancelled, []string{"fw"}, "", ward.EInternal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := (&independence.Git{Dir: tc.dir}).Authors(tc.ctx, tc.paths, tc.until)
			if err == nil {
				t.Fatalf("Authors = %v, want an error", got)
			}
			if c := ward.CodeOf(err); c != tc.code {
				t.Errorf("code = %s, want %s (%v)", c, tc.code, err)
			}
		})
	}
}
