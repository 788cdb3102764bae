package listenscore

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// heardMetrics are the metrics of being heard and of the customer's mood.
var heardMetrics = []MetricName{"customer_repeats", "agent_reasks", "listening_complaints",
	"questions_before_solution", "seconds_to_first_solution", "closing_summary",
	"customer_sentiment_start", "customer_sentiment_end", "customer_sentiment_shift"}

// TestHeardGolden analyses the project's calls written to exercise every
// signal of being heard (testdata/heard, one file per format) and compares
// each metric, its evidence and the customer turns' sentiment with
// testdata/golden/heard.
func TestHeardGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(testdataDir, "heard", "*"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 8)
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			tr, err := ReadFile(path, ReadOptions{})
			require.NoError(t, err)
			a, err := Analyze(tr, Config{})
			require.NoError(t, err)
			var b strings.Builder
			for _, n := range heardMetrics {
				m, _ := a.Metric(n)
				if !m.Valid {
					fmt.Fprintf(&b, "%s: n/a (%s)\n", n, m.Note)
					continue
				}
				fmt.Fprintf(&b, "%s: %.4g %s\n", n, m.Value, m.Unit)
				for _, e := range m.Evidence {
					fmt.Fprintf(&b, "  turn %d: %s\n", e.Turn, e.Reason)
				}
			}
			for i, s := range a.Sentiment {
				if s.Valid {
					fmt.Fprintf(&b, "sentiment of turn %d: %+.3f %s\n", i, s.Score, s.Reason)
				}
			}
			checkGolden(t, filepath.Join("golden", "heard", strings.TrimSuffix(name, filepath.Ext(name))+".txt"), b.String())
		})
	}
}
