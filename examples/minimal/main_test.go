package main

import (
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// capture runs f with standard output captured.
func capture(t *testing.T, f func() error) (string, error) {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	stdout := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = stdout }()
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	ferr := f()
	w.Close()
	return <-done, ferr
}

func TestScore(t *testing.T) {
	out, err := capture(t, func() error { return score("../../testdata/calls/internet-outage.txt") })
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(out, "../../testdata/calls/internet-outage.txt: 54.6 (needs_coaching)\n"), out)
	assert.Contains(t, out, "  fail no_defensive:")
	assert.Contains(t, out, "  partial ", "criteria that lost some points are listed too")
	assert.Contains(t, out, `"Well, as I already said, the restart is the first step.`, "with their evidence turns")

	_, err = capture(t, func() error { return score("../../testdata/nope.txt") })
	assert.EqualError(t, err, "listenscore: open ../../testdata/nope.txt: no such file or directory")
}

// TestREADMEExample keeps the README's library example the code of score,
// which compiles and runs above.
func TestREADMEExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)## Use it as a library\n\n```go\n(.*?)```").FindSubmatch(readme)
	require.NotNil(t, m, "README has a Go block under 'Use it as a library'")
	src, err := os.ReadFile("main.go")
	require.NoError(t, err)
	body := regexp.MustCompile(`(?s)func score\(path string\) error \{\n(.*?)\n\treturn nil\n\}`).FindSubmatch(src)
	require.NotNil(t, body)
	var want []string
	for _, l := range strings.Split(string(body[1]), "\n") {
		want = append(want, strings.TrimPrefix(l, "\t"))
	}
	assert.Equal(t, strings.Join(want, "\n")+"\n", string(m[1]),
		"README's library example differs from examples/minimal's score function")
}
