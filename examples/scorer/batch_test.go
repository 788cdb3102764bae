package main

import (
	"os"
	"path/filepath"
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
		walkInputs(args, nil, func(p string) bool { got = append(got, p); return true })
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
		{"glob with no match kept as is", []string{filepath.Join(dir, "*.json")}, []string{"*.json"}},
		{"file, stdin and missing file kept in order", []string{filepath.Join(dir, "c.srt"), "-", filepath.Join(dir, "nope.txt")}, []string{"c.srt", "-", "nope.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, collect(tt.args...))
		})
	}

	var n int
	done := walkInputs([]string{dir}, nil, func(string) bool { n++; return n < 2 })
	assert.False(t, done, "walk reports it was stopped")
	assert.Equal(t, 2, n, "walk stops when yield returns false")
}
