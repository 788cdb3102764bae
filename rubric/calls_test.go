package rubric

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/callqa/listenscore/listenscore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGradeBundledCalls grades every call in testdata/calls against the
// default rubric and the two example team rubrics, end to end (read,
// analyse, grade), and compares each result with its golden file under
// testdata/golden/rubric/calls/.
func TestGradeBundledCalls(t *testing.T) {
	rubrics := map[string]*Rubric{"default": Default()}
	for _, name := range []string{"sales-discovery", "tech-support"} {
		r, err := LoadFile(filepath.Join("..", "examples", "rubrics", name+".yaml"))
		require.NoError(t, err)
		rubrics[name] = r
	}
	calls, err := filepath.Glob(filepath.Join("..", "testdata", "calls", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, calls)
	for rname, r := range rubrics {
		for _, path := range calls {
			base := filepath.Base(path)
			t.Run(rname+"/"+base, func(t *testing.T) {
				tr, err := listenscore.ReadFile(path, listenscore.ReadOptions{Roles: r.Roles()})
				require.NoError(t, err)
				a, err := listenscore.Analyze(tr, r.Config())
				require.NoError(t, err)
				res := gradeGolden(t, r, a, filepath.Join("calls", rname, strings.TrimSuffix(base, filepath.Ext(base))+".json"))
				assert.Equal(t, r.Name, res.Rubric)
				assert.GreaterOrEqual(t, res.Score, 0.0)
				assert.LessOrEqual(t, res.Score, 100.0)
				for _, c := range res.Criteria {
					if c.Status == StatusNA {
						assert.Zero(t, c.Max, "%s: n/a leaves the denominator", c.ID)
					}
				}
			})
		}
	}
	// The demo calls are written to differ: the attentive billing agent
	// must outscore the defensive internet-outage agent on every rubric.
	for rname, r := range rubrics {
		score := func(name string) float64 {
			tr, err := listenscore.ReadFile(filepath.Join("..", "testdata", "calls", name), listenscore.ReadOptions{Roles: r.Roles()})
			require.NoError(t, err)
			a, err := listenscore.Analyze(tr, r.Config())
			require.NoError(t, err)
			return r.Grade(a).Score
		}
		assert.Greater(t, score("billing-dispute.vtt"), score("internet-outage.txt"), rname)
	}
}
