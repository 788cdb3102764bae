package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the scorer's golden files")

// runScorer runs the command and returns its exit status and outputs.
func runScorer(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	status := runWithInput(args, strings.NewReader(stdin), &out, &errOut)
	return status, out.String(), errOut.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden; run go test ./examples/scorer -update")
	assert.Equal(t, string(want), got, "golden %s differs; run with -update and review the diff", path)
}

// batchDir holds three calls, the middle one broken.
const batchDir = "testdata/batch"

func TestRunGoldenFormats(t *testing.T) {
	for _, format := range []string{"table", "json", "jsonl", "csv", "markdown"} {
		t.Run(format, func(t *testing.T) {
			status, out, errOut := runScorer(t, "", "-format", format, "-workers", "3", batchDir)
			assert.Equal(t, exitFailed, status, "the broken file makes the batch exit 1")
			assert.Contains(t, errOut, "", "stderr is not a terminal: no progress")
			checkGolden(t, "batch."+format, out)
			assert.Contains(t, out, "a-password-reset.txt", "the call before the broken file is scored")
			assert.Contains(t, out, "c-internet-outage.txt", "the call after the broken file is scored")
			assert.Contains(t, out, "b-broken.vtt:6:18: invalid timestamp", "the broken file is an error record with its position")
		})
	}
}

func TestRunAnnotate(t *testing.T) {
	status, out, _ := runScorer(t, "", "-annotate", "-agent", "Agent", batchDir)
	assert.Equal(t, exitFailed, status)
	checkGolden(t, "batch.annotate.jsonl", out)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	assert.Len(t, lines, 15+1+20, "one line per turn, one error record")
}

func TestRunDeterministic(t *testing.T) {
	_, first, _ := runScorer(t, "", "-format", "json", "-workers", "1", batchDir, "../../testdata/calls")
	for _, workers := range []string{"1", "2", "8"} {
		_, again, _ := runScorer(t, "", "-format", "json", "-workers", workers, batchDir, "../../testdata/calls")
		assert.Equal(t, first, again, "same input, byte-identical output with %s workers", workers)
	}
}

func TestRunExitStatus(t *testing.T) {
	good := "../../testdata/calls/billing-dispute.vtt"
	tests := []struct {
		name   string
		stdin  string
		args   []string
		want   int
		stderr string
	}{
		{name: "all scored", args: []string{good}, want: exitOK},
		{name: "a file failed", args: []string{good, "testdata/batch/b-broken.vtt"}, want: exitFailed},
		{name: "missing file", args: []string{"testdata/nope.txt"}, want: exitFailed},
		{name: "no arguments", args: nil, want: exitUsage, stderr: "usage: scorer"},
		{name: "unknown flag", args: []string{"-bogus", good}, want: exitUsage, stderr: "flag provided but not defined: -bogus"},
		{name: "unknown output format", args: []string{"-format", "xml", good}, want: exitUsage, stderr: `scorer: unknown -format "xml" (want one of table, json, jsonl, csv, markdown, html)`},
		{name: "unknown input format", args: []string{"-input-format", "doc", good}, want: exitUsage, stderr: `scorer: unknown -input-format "doc"`},
		{name: "fail-under out of range", args: []string{"-fail-under", "101", good}, want: exitUsage, stderr: "scorer: -fail-under must be between 0 and 100, got 101"},
		{name: "bad rubric", args: []string{"-rubric", "testdata/nope.yaml", good}, want: exitUsage, stderr: "nope.yaml"},
		{name: "stdin twice", args: []string{"-", "-"}, want: exitUsage, stderr: "scorer: standard input (-) can be named only once"},
		{name: "below fail-under", args: []string{"-fail-under", "60", "testdata/batch/c-internet-outage.txt", good}, want: exitBelow,
			stderr: "scorer: 1 call scored below -fail-under 60: testdata/batch/c-internet-outage.txt (54.6)\n"},
		{name: "below fail-under, several", args: []string{"-fail-under", "95", "testdata/batch/c-internet-outage.txt", good}, want: exitBelow,
			stderr: "scorer: 2 calls scored below -fail-under 95: testdata/batch/c-internet-outage.txt (54.6), ../../testdata/calls/billing-dispute.vtt (93.0)\n"},
		{name: "above fail-under", args: []string{"-fail-under", "60", good}, want: exitOK},
		{name: "read failure wins over fail-under", args: []string{"-fail-under", "60", "testdata/batch"}, want: exitFailed},
		{name: "stdin", stdin: "Agent: How can I help?\nCustomer: My bill is wrong.\n", args: []string{"-"}, want: exitOK},
		{name: "help", args: []string{"-h"}, want: exitOK, stderr: "usage: scorer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, errOut := runScorer(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.want, status)
			assert.Contains(t, errOut, tt.stderr)
		})
	}
}

func TestRunRedact(t *testing.T) {
	_, plain, _ := runScorer(t, "", "-format", "json", "../../testdata/calls/billing-dispute.vtt")
	require.Contains(t, plain, "daniel.brooks@example.com", "the evidence quotes the e-mail unredacted")
	_, out, _ := runScorer(t, "", "-format", "json", "-redact", "../../testdata/calls/billing-dispute.vtt")
	assert.NotContains(t, out, "daniel.brooks@example.com")
	assert.NotContains(t, out, "4471")
	_, ann, _ := runScorer(t, "", "-annotate", "-redact", "../../testdata/calls/billing-dispute.vtt")
	assert.Contains(t, ann, "It's [email]. Account ending ####.")
	_, page, _ := runScorer(t, "", "-format", "html", "../../testdata/calls/billing-dispute.vtt")
	require.Contains(t, page, "daniel.brooks@example.com", "the report shows the transcript")
	_, page, _ = runScorer(t, "", "-format", "html", "-redact", "../../testdata/calls/billing-dispute.vtt")
	assert.NotContains(t, page, "daniel.brooks@example.com", "the report's transcript, evidence and tooltips are masked")
	assert.NotContains(t, page, "4471")
}

func TestRunOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.csv")
	status, out, _ := runScorer(t, "", "-format", "csv", "-o", path, "../../testdata/calls/password-reset.txt")
	assert.Equal(t, exitOK, status)
	assert.Empty(t, out, "the report goes to the file, not stdout")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(b), "file,format,turns,score,grade,auto_fail,failed_criteria,error,warnings,partial_criteria,agent_talk_ratio,agent_words,customer_words,duration_seconds,"), string(b))
}

func TestRunCalibrate(t *testing.T) {
	status, out, _ := runScorer(t, "", "-calibrate", "testdata/batch-labels.jsonl", batchDir)
	assert.Equal(t, exitFailed, status, "the broken file still fails the batch")
	checkGolden(t, "batch.calibrate.txt", out)
	assert.Contains(t, out, "5 labelled agent turns compared; 1 labelled turns of other speakers not compared; 1 label lines name a file not analysed")
	assert.Contains(t, out, "1 files could not be read and are not in the comparison")

	status, out, _ = runScorer(t, "", "-calibrate", "testdata/batch-labels.jsonl", "-format", "json", batchDir)
	assert.Equal(t, exitFailed, status)
	assert.Contains(t, out, `"other_roles": 1`)

	status, _, errOut := runScorer(t, "", "-calibrate", "testdata/nope.jsonl", batchDir)
	assert.Equal(t, exitUsage, status)
	assert.Contains(t, errOut, "nope.jsonl")
}

// TestRunCalibrateDisagreements checks that the turns behind every false
// positive and false negative are counted in the table and listed, with
// their text, labels, tags and reasons, in JSON.
func TestRunCalibrateDisagreements(t *testing.T) {
	status, out, _ := runScorer(t, "", "-calibrate", "testdata/batch-labels-disagree.jsonl", batchDir)
	assert.Equal(t, exitFailed, status, "the broken file still fails the batch")
	checkGolden(t, "batch.calibrate-disagree.txt", out)
	assert.Contains(t, out, "4 disagreements on labelled tags")

	status, out, _ = runScorer(t, "", "-calibrate", "testdata/batch-labels-disagree.jsonl", "-format", "json", batchDir)
	assert.Equal(t, exitFailed, status)
	checkGolden(t, "batch.calibrate-disagree.json", out)
	var cal struct {
		Disagreements []struct {
			Turn int    `json:"turn"`
			Tag  string `json:"tag"`
			Kind string `json:"kind"`
		} `json:"disagreements"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &cal))
	require.NotEmpty(t, cal.Disagreements)
	assert.Equal(t, 0, cal.Disagreements[0].Turn)
	assert.Equal(t, "open_question", cal.Disagreements[0].Tag)
	assert.Equal(t, "false_positive", cal.Disagreements[0].Kind)
}
