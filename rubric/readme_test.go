package rubric

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/callqa/listenscore/listenscore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMERubric keeps the README's rubric example true: it must load,
// extend the default, and change what its comments say it changes.
func TestREADMERubric(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	_, after, ok := strings.Cut(string(data), "```yaml\n")
	require.True(t, ok, "the README has a yaml example")
	block, _, ok := strings.Cut(after, "```")
	require.True(t, ok)
	// The example names a weights file beside it: load it from a
	// directory that has one.
	dir := t.TempDir()
	var w bytes.Buffer
	require.NoError(t, listenscore.DefaultWeights().WriteJSON(&w))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "team-weights.json"), w.Bytes(), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "team.yaml"), []byte(block), 0o644))
	r, err := LoadFile(filepath.Join(dir, "team.yaml"))
	require.NoError(t, err)
	assert.Equal(t, "tech-support", r.Name)
	assert.Equal(t, listenscore.DefaultWeights(), r.Config().Weights, "the weights file is read")
	ids := map[string]Criterion{}
	for _, c := range r.Criteria {
		ids[c.ID] = c
	}
	assert.NotContains(t, ids, "talk_ratio", "removed")
	assert.True(t, ids["no_defensive"].AutoFail, "overridden to auto_fail")
	require.Contains(t, ids, "dead_air")
	assert.Contains(t, r.Config().AddPhrases["empathy"], "sorry you've been without service")
	assert.Equal(t, "agent", r.Roles()["Tier1"].String())
}

// TestDocsNameOnlyWhatUsersHave keeps the README and the shipped rubrics
// free of paths a user's clone does not have (the project's own ../shared
// directory, its issue tracker), and checks that every relative link of
// the README names a file of the repository.
func TestDocsNameOnlyWhatUsersHave(t *testing.T) {
	files := []string{"../README.md", "default.yaml"}
	rubrics, err := filepath.Glob("../examples/rubrics/*.yaml")
	require.NoError(t, err)
	for _, f := range append(files, rubrics...) {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, bad := range []string{"../shared", "shared/research", "shared/data", "open issue"} {
			assert.False(t, strings.Contains(string(b), bad), "%s mentions %q, which a user's clone does not have", f, bad)
		}
	}
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	for _, m := range regexp.MustCompile(`\]\(([^)#:]+)(?:#[^)]*)?\)`).FindAllStringSubmatch(string(readme), -1) {
		_, err := os.Stat(filepath.Join("..", m[1]))
		assert.NoError(t, err, "README links to %s", m[1])
	}
}
