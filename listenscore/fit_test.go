package listenscore

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apologyCalls returns n small calls whose agent says either "I'm so sorry
// to hear that." (labelled empathy) or "Your order ships on Monday." (not),
// with their labels: a set from which empathy is plain to learn.
func apologyCalls(t *testing.T, n int) ([]*Transcript, *Labels) {
	t.Helper()
	var lines strings.Builder
	var ts []*Transcript
	for i := range n {
		name := fmt.Sprintf("call-%02d.txt", i)
		tr := &Transcript{Name: name, Format: FormatText}
		texts := []string{"My parcel never came and I am upset.", "I'm so sorry to hear that.",
			"When will it come?", "Your order ships on Monday."}
		if i%3 == 0 {
			texts[3] = "Oh no, I'm really sorry about that."
		}
		for k, text := range texts {
			role, speaker := RoleCustomer, "Customer"
			if k%2 == 1 {
				role, speaker = RoleAgent, "Agent"
			}
			tr.Turns = append(tr.Turns, Turn{Speaker: speaker, Role: role, Text: text})
			labels := "[]"
			if k%2 == 1 && strings.Contains(strings.ToLower(text), "sorry") {
				labels = `["empathy"]`
			}
			fmt.Fprintf(&lines, "{\"file\": %q, \"turn\": %d, \"labels\": %s}\n", name, k, labels)
		}
		ts = append(ts, tr)
	}
	l, err := ReadLabels("set/labels.jsonl", strings.NewReader(lines.String()))
	require.NoError(t, err)
	return ts, l
}

func TestFit(t *testing.T) {
	ts, l := apologyCalls(t, 12)
	opts := FitOptions{Start: DefaultWeights(), FittedBy: "test"}
	w, err := Fit(ts, []*Labels{l}, opts)
	require.NoError(t, err)

	// Only empathy is labelled: every other tag keeps the start's model.
	for m := range numModels {
		if modelID(m) != modelEmpathy {
			assert.Equal(t, DefaultWeights().models[m], w.models[m], "%s", modelTags[m])
		}
	}
	emp := w.models[modelEmpathy]
	assert.NotEqual(t, DefaultWeights().models[modelEmpathy], emp)
	assert.Greater(t, emp.w[cueEmpathyPhrase]+emp.w[cueApology], 0.0, "an apology is evidence of empathy here")
	for _, tr := range ts {
		a, err := Analyze(tr, Config{Weights: w})
		require.NoError(t, err)
		assert.True(t, a.Turns[1].Has(TagEmpathy), "%s: %q", tr.Name, tr.Turns[1].Text)
		assert.Equal(t, strings.Contains(tr.Turns[3].Text, "sorry"), a.Turns[3].Has(TagEmpathy), "%q", tr.Turns[3].Text)
	}
	assert.Equal(t, []string{"set/labels.jsonl: 24 agent turns of 12 conversations"}, w.about.Data)
	assert.Equal(t, "test", w.about.FittedBy)

	again, err := Fit(ts, []*Labels{l}, opts)
	require.NoError(t, err)
	var a, b strings.Builder
	require.NoError(t, w.WriteJSON(&a))
	require.NoError(t, again.WriteJSON(&b))
	assert.Equal(t, a.String(), b.String(), "fitting is deterministic")
}

func TestFitErrors(t *testing.T) {
	ts, l := apologyCalls(t, 4)
	_, err := Fit(ts, []*Labels{l}, FitOptions{})
	assert.EqualError(t, err, "listenscore: fit: no labels set uses question, and there are no weights to start from")
	_, err = Fit(ts, []*Labels{l}, FitOptions{Start: DefaultWeights(), L2: -1})
	assert.EqualError(t, err, "listenscore: fit: L2 -1, want a positive number")
	_, err = Fit(append(ts, ts[0]), []*Labels{l}, FitOptions{Start: DefaultWeights()})
	assert.EqualError(t, err, "listenscore: fit: two transcripts named call-00.txt")
	_, err = CrossValidate(ts, []*Labels{l}, FitOptions{Start: DefaultWeights(), Folds: 1})
	assert.EqualError(t, err, "listenscore: cross-validate: 1 folds, want at least 2")
}

func TestCrossValidate(t *testing.T) {
	ts, l := apologyCalls(t, 12)
	cv, err := CrossValidate(ts, []*Labels{l}, FitOptions{Start: DefaultWeights(), Folds: 3})
	require.NoError(t, err)
	require.Len(t, cv, 1)
	c := cv[0]
	assert.Equal(t, 24, c.Turns, "every labelled agent turn is tested once")
	assert.Zero(t, c.MissingFiles)
	var emp TagScore
	for _, s := range c.Tags {
		if s.Tag == TagEmpathy {
			emp = s
		}
	}
	assert.Equal(t, TagScore{Tag: TagEmpathy, Labelled: true, TP: 16, Precision: 1, Recall: 1, F1: 1}, emp)
}

func TestSolveCholesky(t *testing.T) {
	a := []float64{4, 2, 2, 3}
	b := []float64{2, 1}
	x := make([]float64, 2)
	require.True(t, solveCholesky(a, b, x, 2))
	assert.InDelta(t, 0.5, x[0], 1e-12)
	assert.InDelta(t, 0.0, x[1], 1e-12)
	assert.False(t, solveCholesky([]float64{1, 2, 2, 1}, b, x, 2), "not positive definite")
}

func TestFitLogisticOptimum(t *testing.T) {
	// One cue, seen on 8 of 10 positives and 2 of 10 negatives: at the
	// optimum the gradient of the penalised log-likelihood is zero.
	var rows [][numCues]float64
	var y []bool
	for i := range 20 {
		var x [numCues]float64
		pos := i < 10
		if pos && i < 8 || !pos && i < 12 {
			x[cueApology] = 1
		}
		rows = append(rows, x)
		y = append(y, pos)
	}
	weight := setWeights(make([]int, len(rows)))
	m := fitLogistic([]cueID{cueApology}, rows, y, weight, linearModel{}, 1)
	var gb, gw float64
	for i := range rows {
		p := sigmoid(m.bias + m.w[cueApology]*rows[i][cueApology])
		r := p
		if y[i] {
			r--
		}
		gb += r
		gw += r * rows[i][cueApology]
	}
	gw += m.w[cueApology]
	gb += biasL2 * m.bias
	assert.Less(t, math.Abs(gb), 0.01, "bias gradient")
	assert.Less(t, math.Abs(gw), 0.01, "weight gradient")
	assert.Greater(t, m.w[cueApology], 1.0)
}
