package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callqa/listenscore/listenscore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const heldoutDir = "../../testdata/labelled/heldout"

// TestRunFit refits the detectors to the held-out calls' labels and checks
// the weights file, its record of how it was made, and the report of how
// the refit agrees with the labels out of sample.
func TestRunFit(t *testing.T) {
	w := filepath.Join(t.TempDir(), "team.json")
	labels := filepath.Join(heldoutDir, "labels.jsonl")
	status, out, errOut := runScorer(t, "", "-fit", labels, "-o", w, heldoutDir)
	require.Equal(t, exitOK, status, errOut)
	assert.Contains(t, out, "weights written to "+w)
	assert.Contains(t, out, labels+": 145 labelled agent turns")
	assert.Contains(t, out, "F1 before: the weights fitting started from (the default weights); after: refit, 5-fold cross-validated by conversation (out of sample)")
	for _, tag := range []string{"question", "paraphrase", "empathy", "defensive"} {
		assert.Contains(t, out, "\n"+tag+" ", "a row per labelled tag")
	}
	data, err := os.ReadFile(w)
	require.NoError(t, err)
	var file struct {
		FittedBy string   `json:"fitted_by"`
		Data     []string `json:"data"`
	}
	require.NoError(t, json.Unmarshal(data, &file))
	assert.Equal(t, "scorer -fit "+labels+" "+heldoutDir, file.FittedBy, "the command, without -o")
	assert.Equal(t, []string{"heldout/labels.jsonl: 145 agent turns of 7 conversations"}, file.Data)
	_, err = listenscore.ReadWeights(w, strings.NewReader(string(data)))
	require.NoError(t, err)

	again := filepath.Join(t.TempDir(), "again.json")
	status, _, _ = runScorer(t, "", "-fit", labels, "-o", again, heldoutDir)
	require.Equal(t, exitOK, status)
	second, err := os.ReadFile(again)
	require.NoError(t, err)
	assert.Equal(t, string(data), string(second), "fitting is deterministic")

	// The refit weights tag the calls they were fitted to.
	status, out, errOut = runScorer(t, "", "-weights", w, "-calibrate", labels, heldoutDir)
	require.Equal(t, exitOK, status, errOut)
	assert.Contains(t, out, "145 labelled agent turns compared")
}

func TestRunFitUsage(t *testing.T) {
	labels := filepath.Join(heldoutDir, "labels.jsonl")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no -o", []string{"-fit", labels, heldoutDir}, "scorer: -fit writes the weights to the file named by -o\n"},
		{"with -annotate", []string{"-fit", labels, "-annotate", "-o", "w.json", heldoutDir},
			"scorer: -fit cannot be combined with -annotate or -calibrate\n"},
		{"with a format", []string{"-fit", labels, "-format", "json", "-o", "w.json", heldoutDir}, "scorer: -fit prints a table, not \"json\"\n"},
		{"from scratch alone", []string{"-from-scratch", heldoutDir}, "scorer: -from-scratch is an option of -fit\n"},
		{"missing weights", []string{"-weights", "testdata/nope.json", heldoutDir}, "scorer: open testdata/nope.json: no such file or directory\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, errOut := runScorer(t, "", tt.args...)
			assert.Equal(t, exitUsage, status)
			assert.Equal(t, tt.want, errOut)
		})
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"format": "something"}`), 0o644))
	status, _, errOut := runScorer(t, "", "-weights", bad, heldoutDir)
	assert.Equal(t, exitUsage, status)
	assert.Equal(t, "scorer: listenscore: "+bad+`:1:2: schema error: format is "something", want "listenscore weights 1"`+"\n", errOut)

	// From scratch, every tag must be labelled: these labels have none of
	// interruption's, but all the language tags, so it fits.
	w := filepath.Join(t.TempDir(), "w.json")
	status, out, errOut := runScorer(t, "", "-fit", labels, "-from-scratch", "-o", w, heldoutDir)
	require.Equal(t, exitOK, status, errOut)
	assert.Contains(t, out, "(no weights: from scratch)")
}
