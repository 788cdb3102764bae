package listenscore

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultWeightsRoundTrip(t *testing.T) {
	w := DefaultWeights()
	var b bytes.Buffer
	require.NoError(t, w.WriteJSON(&b))
	assert.Equal(t, string(defaultWeightsJSON), b.String(), "the embedded file is what WriteJSON writes for it")
	back, err := ReadWeights("w.json", &b)
	require.NoError(t, err)
	assert.Equal(t, w, back)
}

func TestEveryCueHasADefinition(t *testing.T) {
	names := map[string]bool{}
	for id, d := range cueDefs {
		require.NotEmpty(t, d.name, "cue %d", id)
		require.NotEmpty(t, d.desc, "cue %s", d.name)
		require.False(t, names[d.name], "cue name %s twice", d.name)
		names[d.name] = true
		got, ok := cueByName(d.name)
		require.True(t, ok)
		require.Equal(t, cueID(id), got)
	}
	for m, cues := range modelCues {
		require.NotEmpty(t, cues, "model %s", modelTags[m])
		seen := map[cueID]bool{}
		for _, c := range cues {
			require.False(t, seen[c], "model %s lists %s twice", modelTags[m], cueDefs[c].name)
			seen[c] = true
		}
	}
}

// weightsJSON returns a valid weights file with edit applied to its text.
func weightsJSON(t *testing.T, edit func(string) string) string {
	t.Helper()
	var b strings.Builder
	require.NoError(t, DefaultWeights().WriteJSON(&b))
	return edit(b.String())
}

func TestReadWeightsErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "not JSON", in: "weights", want: "listenscore: w.json:1:1: syntax error: invalid character 'w' looking for beginning of value"},
		{name: "other format", in: `{"format": "something else", "models": []}`,
			want: `listenscore: w.json:1:2: schema error: format is "something else", want "listenscore weights 1"`},
		{name: "unknown key", in: `{"format": "listenscore weights 1", "extra": 1}`,
			want: `listenscore: w.json:1:1: schema error: unknown field "extra"`},
		{name: "unknown cue", in: weightsJSON(t, func(s string) string {
			return strings.Replace(s, `"question_mark"`, `"question_marks"`, 1)
		}), want: `listenscore: w.json:11:7: schema error: tag "question" has no cue "question_marks" (its cues: question_mark, wh_question,`},
		{name: "cue of another model", in: weightsJSON(t, func(s string) string {
			return strings.Replace(s, `"question_mark"`, `"apology"`, 1)
		}), want: `tag "question" has no cue "apology"`},
		{name: "unknown tag", in: weightsJSON(t, func(s string) string {
			return strings.Replace(s, `"tag": "defensive"`, `"tag": "defence"`, 1)
		}), want: `schema error: unknown tag "defence"`},
		{name: "tag twice", in: weightsJSON(t, func(s string) string {
			return strings.Replace(s, `"tag": "defensive"`, `"tag": "empathy"`, 1)
		}), want: `schema error: tag "empathy" given twice`},
		{name: "tag missing", in: `{"format": "listenscore weights 1", "models": []}`,
			want: `listenscore: w.json:1:1: schema error: no model for tag "question"`},
		{name: "wrong type", in: `{"format": "listenscore weights 1", "l2": "one"}`,
			want: `listenscore: w.json:1:43: schema error: cannot unmarshal string into Go struct field weightsFile.l2 of type float64`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadWeights("w.json", strings.NewReader(tt.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.True(t, errors.Is(err, ErrSchema) || errors.Is(err, ErrSyntax), "wraps ErrSchema or ErrSyntax: %v", err)
			var pe *ParseError
			assert.True(t, errors.As(err, &pe))
		})
	}
}

func TestReadWeightsTooLarge(t *testing.T) {
	_, err := ReadWeights("w.json", strings.NewReader(strings.Repeat(" ", 1<<20+1)))
	assert.ErrorIs(t, err, ErrTooLarge)
}

func TestFormatWeight(t *testing.T) {
	for in, want := range map[float64]string{0: "0.000", -0.0001: "0.000", 1.2344: "1.234", 1.2346: "1.235", -2.5: "-2.500", 3: "3.000"} {
		assert.Equal(t, want, formatWeight(roundWeight(in)), "%v", in)
	}
}

// FuzzReadWeights checks that any input reads or fails with a positioned
// error inside the input, and that what reads writes back readably.
func FuzzReadWeights(f *testing.F) {
	f.Add(string(defaultWeightsJSON))
	f.Add(`{"format": "listenscore weights 1", "models": [{"tag": "question", "bias": 1, "weights": {"question_mark": 2}}]}`)
	f.Add(`{"format": 1}`)
	f.Fuzz(func(t *testing.T, in string) {
		w, err := ReadWeights("w.json", strings.NewReader(in))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("not a ParseError: %v", err)
			}
			if pe.Line < 1 || pe.Line > strings.Count(in, "\n")+1 || pe.Column < 1 {
				t.Fatalf("position %d:%d outside the input: %v", pe.Line, pe.Column, err)
			}
			return
		}
		var b bytes.Buffer
		if err := w.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadWeights("again.json", &b); err != nil {
			t.Fatalf("written weights do not read back: %v", err)
		}
	})
}
