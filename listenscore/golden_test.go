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

// TestGoldenCallMetrics analyses every call in testdata/calls and compares
// its speakers, holds, transfers and metrics, with their evidence, the
// call's and each agent's part's, with testdata/golden/metrics/.
func TestGoldenCallMetrics(t *testing.T) {
	calls, err := filepath.Glob(filepath.Join(testdataDir, "calls", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, calls)
	for _, path := range calls {
		t.Run(filepath.Base(path), func(t *testing.T) {
			tr, err := ReadFile(path, ReadOptions{})
			require.NoError(t, err)
			a, err := Analyze(tr, Config{})
			require.NoError(t, err)
			checkGolden(t, filepath.Join("golden", "metrics", filepath.Base(path)+".golden"), dumpAnalysis(a))
		})
	}
}

// dumpAnalysis renders an analysis's call-level results as stable text.
func dumpAnalysis(a *Analysis) string {
	var b strings.Builder
	t := a.Transcript
	for _, sp := range t.Speakers {
		fmt.Fprintf(&b, "speaker %q: %s (%s: %s)\n", sp.Label, sp.Role, sp.RoleSource, sp.RoleReason)
	}
	for _, w := range t.Warnings {
		fmt.Fprintf(&b, "warning: %v\n", w)
	}
	for _, h := range a.Holds {
		fmt.Fprintf(&b, "hold: turn %d by %s, %s, return %d", h.Turn, t.Turns[h.Turn].Speaker, h.Announcement, h.Return)
		if h.Timed {
			fmt.Fprintf(&b, ", %s of silence from %s to %s", formatSeconds(h.Silence), clock(h.Start), clock(h.End))
		}
		fmt.Fprintf(&b, "; explained %s; thanked %s\n", orNone(h.Explained), orNone(h.Thanked))
	}
	for _, tr := range a.Transfers {
		fmt.Fprintf(&b, "transfer: %s -> %s at turn %d (%s, timed %t), announced %d %s, warm %t\n",
			tr.From, orNone(tr.To), tr.Turn, clock(tr.At), tr.Timed, tr.Announced, orNone(tr.Announcement), tr.Warm)
	}
	dumpMetrics(&b, "call", a.Metrics)
	if len(a.Agents) > 1 {
		for _, p := range a.Agents {
			dumpMetrics(&b, fmt.Sprintf("agent %s, turns %d to %d", p.Speaker, p.First, p.Last), p.Metrics)
		}
	}
	return b.String()
}

func dumpMetrics(b *strings.Builder, title string, ms []Metric) {
	fmt.Fprintf(b, "\n%s:\n", title)
	for _, m := range ms {
		if !m.Valid {
			fmt.Fprintf(b, "  %s: n/a (%s)\n", m.Name, m.Note)
			continue
		}
		fmt.Fprintf(b, "  %s: %.4g %s\n", m.Name, m.Value, m.Unit)
		for _, e := range m.Evidence {
			fmt.Fprintf(b, "    turn %d: %s\n", e.Turn, e.Reason)
		}
	}
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
