package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWalkInputs(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b/2.txt", "b/1.vtt", "a.txt", ".hidden/x.txt", "b/.skip.txt", "c.srt",
		"b/2.wav", "README.md", "scores.CSV"} {
		p := filepath.Join(dir, f)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	}
	rel := func(ps []string) []string {
		var out []string
		for _, p := range ps {
			if r, err := filepath.Rel(dir, p); err == nil && p != "-" && p[0] == '/' {
				p = filepath.ToSlash(r)
			}
			out = append(out, p)
		}
		return out
	}
	collect := func(args ...string) []string {
		var got []string
		walkInputs(args, nil, func(in input) bool {
			p := in.path
			if in.err != nil {
				p += ": " + in.err.Error()
			}
			got = append(got, p)
			return true
		})
		return rel(got)
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"directory recursively, sorted, hidden skipped", []string{dir}, []string{"a.txt", "b/1.vtt", "b/2.txt", "c.srt"}},
		{"a named file is read whatever its extension", []string{filepath.Join(dir, "b/2.wav")}, []string{"b/2.wav"}},
		{"a glob naming the extension", []string{filepath.Join(dir, "*.CSV")}, []string{"scores.CSV"}},
		{"glob sorted, directories expanded", []string{filepath.Join(dir, "*")}, []string{"a.txt", "b/1.vtt", "b/2.txt", "c.srt"}},
		{"glob with no match", []string{filepath.Join(dir, "*.json")}, []string{"*.json: no transcript matches this pattern"}},
		{"file, stdin and missing file kept in order", []string{filepath.Join(dir, "c.srt"), "-", filepath.Join(dir, "nope.txt")}, []string{"c.srt", "-", "nope.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, collect(tt.args...))
		})
	}

	var n int
	done := walkInputs([]string{dir}, nil, func(input) bool { n++; return n < 2 })
	assert.False(t, done, "walk reports it was stopped")
	assert.Equal(t, 2, n, "walk stops when yield returns false")
}

// TestWalkInputsLinks checks symbolic links in directories: followed to
// files and directories, with a loop and a broken link reported, and a
// directory that gives no transcript reported rather than skipped.
func TestWalkInputsLinks(t *testing.T) {
	dir := t.TempDir()
	write := func(f string) {
		p := filepath.Join(dir, f)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("Agent: hi\n"), 0o644))
	}
	write("calls/a.txt")
	write("calls/sub/b.vtt")
	write("audio/c.wav")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "empty"), 0o755))
	links := filepath.Join(dir, "links")
	require.NoError(t, os.MkdirAll(links, 0o755))
	for name, target := range map[string]string{
		"1-file.txt": "../calls/a.txt",
		"2-dir":      "../calls/sub",
		"3-loop":     "..",
		"4-broken":   "../nope.txt",
	} {
		require.NoError(t, os.Symlink(target, filepath.Join(links, name)))
	}
	collect := func(args ...string) []string {
		var got []string
		walkInputs(args, nil, func(in input) bool {
			p, _ := filepath.Rel(dir, in.path)
			if in.err != nil {
				p += ": " + strings.ReplaceAll(in.err.Error(), dir+string(filepath.Separator), "")
			}
			got = append(got, filepath.ToSlash(p))
			return true
		})
		return got
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{name: "links followed, the loop and the broken link reported", args: []string{links}, want: []string{
			"links/1-file.txt",
			"links/2-dir/b.vtt",
			"links/3-loop/calls/a.txt", // a folder of recordings inside a walk is not a problem
			"links/3-loop/calls/sub/b.vtt",
			"links/3-loop/links: symbolic link loop: leads back to links, which is being read; not followed",
			"links/4-broken: broken symbolic link to ../nope.txt",
		}},
		{name: "an empty directory", args: []string{filepath.Join(dir, "empty")}, want: []string{"empty: " + errNoTranscripts.Error()}},
		{name: "only recordings", args: []string{filepath.Join(dir, "audio")}, want: []string{"audio: " + errNoTranscripts.Error()}},
		{name: "a link named on the command line", args: []string{filepath.Join(links, "1-file.txt")}, want: []string{"links/1-file.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, collect(tt.args...))
		})
	}
}

// TestRunNoTranscripts checks the exit status of a run that finds nothing
// to score: an error, not a silent success.
func TestRunNoTranscripts(t *testing.T) {
	dir := t.TempDir()
	status, out, _ := runScorer(t, "", "-format", "csv", dir)
	assert.Equal(t, exitFailed, status)
	assert.Contains(t, out, "no transcripts found here")

	require.NoError(t, os.Symlink(filepath.Join(mustAbs(t, "../../testdata/calls"), "password-reset.txt"), filepath.Join(dir, "call.txt")))
	status, out, _ = runScorer(t, "", "-format", "csv", dir)
	assert.Equal(t, exitOK, status, "a folder of links is scored")
	assert.Contains(t, out, "call.txt,text,15,")
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	require.NoError(t, err)
	return a
}
