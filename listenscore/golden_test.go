package listenscore

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// testdataDir is the module's shared testdata directory.
const testdataDir = "../testdata"

// dumpTranscript renders a transcript as stable, readable text for golden
// files: the format, speakers with roles, warnings, then one line per turn.
func dumpTranscript(t *Transcript) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format: %s\n", t.Format)
	for _, sp := range t.Speakers {
		fmt.Fprintf(&b, "speaker %q: %s (%s: %s)\n", sp.Label, sp.Role, sp.RoleSource, sp.RoleReason)
	}
	for _, w := range t.Warnings {
		fmt.Fprintf(&b, "warning: %v\n", w)
	}
	for i, tu := range t.Turns {
		start, end := turnClocks(tu)
		fmt.Fprintf(&b, "%d %d:%d [%s %s] %s (%s): %q\n", i, tu.Line, tu.Column, start, end, tu.Speaker, tu.Role, tu.Text)
	}
	return b.String()
}

// turnClocks renders a turn's start and end with clock, or "-" when the
// source has no such time.
func turnClocks(tu Turn) (start, end string) {
	start, end = "-", "-"
	if tu.HasStart {
		start = clock(tu.Start)
	}
	if tu.HasEnd {
		end = clock(tu.End)
	}
	return start, end
}

// checkGolden compares got with the golden file at path (relative to the
// module's testdata/), rewriting it under -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	path = filepath.Join(testdataDir, path)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test -update")
	assert.Equal(t, string(want), got, "golden %s differs; run go test -update and review the diff", path)
}

// dataPath is the directory of the human-labelled research corpora
// (annomi-dev, esconv-dev, epitome-dev, formats): $LISTENSCORE_DATA, or
// ../shared/data beside the module, where the project's CI keeps them.
func dataPath() string {
	if d := os.Getenv("LISTENSCORE_DATA"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "data")
}

// dataDir returns a directory of the research corpora, skipping the test
// when it is absent (a user's clone does not have them).
func dataDir(t testing.TB, parts ...string) string {
	t.Helper()
	dir := filepath.Join(append([]string{dataPath()}, parts...)...)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s not present: %v", dir, err)
	}
	return dir
}
