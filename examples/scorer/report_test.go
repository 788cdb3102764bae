package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callqa/listenscore/listenscore"
	"github.com/callqa/listenscore/rubric"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRunOutputInScannedDir checks that the -o file is never read as an
// input, whatever the format, on the first run (the file is empty) and on
// the next (it holds the previous report).
func TestRunOutputInScannedDir(t *testing.T) {
	call, err := os.ReadFile("testdata/batch/a-password-reset.txt")
	require.NoError(t, err)
	for _, format := range outputFormats {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "call.txt"), call, 0o644))
			t.Chdir(dir)
			name := "scores." + format
			for _, run := range []string{"first run", "second run"} {
				status, _, errOut := runScorer(t, "", "-format", format, "-o", name, ".")
				assert.Equal(t, exitOK, status, "%s: %s", run, errOut)
				b, err := os.ReadFile(name)
				require.NoError(t, err)
				assert.NotContains(t, string(b), name, "%s: the report is not an input", run)
				assert.Contains(t, string(b), "call.txt", run)
			}
		})
	}
}

func TestRunOutputNamedAsInput(t *testing.T) {
	dir := t.TempDir()
	call := filepath.Join(dir, "call.txt")
	const content = "Agent: How can I help?\nCustomer: My bill is wrong.\n"
	tests := []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		{"same path", []string{"-o", call, call}, exitUsage, "scorer: -o " + call + " would overwrite the input " + call},
		{"same file by another path", []string{"-o", call, filepath.Join(dir, ".", "call.txt")}, exitUsage, "would overwrite the input"},
		{"glob holding only it: no match", []string{"-o", call, filepath.Join(dir, "*.txt")}, exitFailed, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, os.WriteFile(call, []byte(content), 0o644))
			status, _, errOut := runScorer(t, "", tt.args...)
			assert.Equal(t, tt.status, status)
			assert.Contains(t, errOut, tt.stderr)
			if tt.status == exitUsage {
				b, err := os.ReadFile(call)
				require.NoError(t, err)
				assert.Equal(t, content, string(b), "the input is not truncated")
			}
		})
	}
}

// lenientCall has two cues that -lenient skips: a bad timestamp and a cue
// without a speaker.
const lenientCall = "testdata/lenient/storage-gate-code.vtt"

func TestRunLenientWarnings(t *testing.T) {
	wantStderr := "testdata/lenient/storage-gate-code.vtt:9:1: warning: invalid timestamp: \"00:00:09.5OO\"\n" +
		"testdata/lenient/storage-gate-code.vtt:13:1: warning: no speaker label: no <v Name> voice, \"Name:\" prefix or name as cue identifier\n"
	tests := []struct {
		format string
		want   []string // in the report
	}{
		{"table", []string{"FAILED CRITERIA                                             WARNINGS  SPEAKERS", "  2         Nadia=agent", "  calls with warnings: 1 (2 warnings, each printed on standard error)\n"}},
		{"markdown", []string{"| GRADE | FAILED CRITERIA | WARNINGS | SPEAKERS |", "| 2 | Nadia=agent", "- calls with warnings: 1 (2 warnings, each printed on standard error)\n"}},
		{"csv", []string{"failed_criteria,error,warnings,partial_criteria,agent_talk_ratio", ",2,"}},
		{"json", []string{`"calls_with_warnings": 1,`, `"warnings": 2,`}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			status, out, errOut := runScorer(t, "", "-lenient", "-format", tt.format, lenientCall)
			assert.Equal(t, exitOK, status)
			assert.Equal(t, wantStderr, errOut, "each warning on stderr, with its position")
			for _, w := range tt.want {
				assert.Contains(t, out, w)
			}
		})
	}

	_, out, _ := runScorer(t, "", "-format", "csv", "-lenient", lenientCall)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, csvColumns, rows[0][:len(csvColumns)], "the fixed columns come first, in order")
	assert.Equal(t, "2", rows[1][8])
}

// TestRunRedactLabelsAndErrors checks that -redact masks a speaker label
// that is a phone number and an error that quotes a card number, in every
// output and on stderr; the file's path stays readable.
func TestRunRedactLabelsAndErrors(t *testing.T) {
	const (
		phone = "5551234567"
		card  = "4111111111111111"
	)
	tests := []struct {
		name string
		args []string
		want []string // in stdout
	}{
		{"table", []string{"-format", "table"}, []string{"+###########=customer", `"start" is "################"`, "testdata/redact/card-in-error.json:1:167"}},
		{"markdown", []string{"-format", "markdown"}, []string{"+###########=customer", "testdata/redact/card-in-error.json:1:167"}},
		{"csv", []string{"-format", "csv"}, []string{`invalid timestamp: ""start"" is ""################""`, "testdata/redact/card-in-error.json:1:167"}},
		{"json", []string{"-format", "json"}, []string{`"label": "+###########"`, `"role_reason":`}},
		{"jsonl", []string{"-format", "jsonl"}, []string{`"label":"+###########"`}},
		{"html", []string{"-format", "html"}, []string{"&#43;###########", "card-in-error.json"}},
		{"annotate", []string{"-annotate"}, []string{`"speaker":"+###########"`}},
		{"lenient warnings", []string{"-lenient", "-format", "json"}, []string{`testdata/redact/card-in-warning.vtt:6:18: invalid timestamp: \"################\"`}},
		{"calibrate", []string{"-agent", "+15551234567", "-calibrate", "testdata/redact-labels.jsonl", "-format", "json"}, []string{`"speaker": "+###########"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(tt.args, "testdata/redact")
			_, plain, plainErr := runScorer(t, "", args...)
			require.True(t, strings.Contains(plain+plainErr, phone) || strings.Contains(plain+plainErr, card), "the unmasked output shows a number")
			_, out, errOut := runScorer(t, "", append([]string{"-redact"}, args...)...)
			for _, s := range []string{phone, card} {
				assert.NotContains(t, out, s)
				assert.NotContains(t, errOut, s)
			}
			for _, w := range tt.want {
				assert.Contains(t, out, w)
			}
		})
	}

	_, _, errOut := runScorer(t, "", "-redact", "-lenient", "testdata/redact")
	assert.Equal(t, "testdata/redact/card-in-error.json:1:167: warning: invalid timestamp: \"start\" is \"################\": more than ####### hours\n"+
		"testdata/redact/card-in-warning.vtt:6:18: warning: invalid timestamp: \"################\"\n", errOut)
}

func TestRedactMessage(t *testing.T) {
	tests := []struct{ name, msg, path, want string }{
		{"path kept, detail masked", `listenscore: calls/2024-0301.vtt:6:18: invalid timestamp: "4111111111111111"`, "calls/2024-0301.vtt",
			`listenscore: calls/2024-0301.vtt:6:18: invalid timestamp: "################"`},
		{"path quoted twice", "open calls/5551234.txt: calls/5551234.txt is 5551234", "calls/5551234.txt", "open calls/5551234.txt: calls/5551234.txt is #######"},
		{"standard input has no path", "listenscore: -:1: 4111 1111 1111 1111", "-", "listenscore: -:1: #### #### #### ####"},
		{"no path", "label 4471", "", "label ####"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, redactMessage(tt.msg, tt.path))
		})
	}
}

func TestCSVInjection(t *testing.T) {
	dir := t.TempDir()
	names := []string{"=HYPERLINK(1+1).txt", "+15551234567.txt", "-x.txt", "@SUM(1).txt", "\tx.txt", "\rx.txt", "plain.txt"}
	for _, n := range names {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n), []byte("Agent: Thanks for calling, how can I help?\nCustomer: hi\n"), 0o644))
	}
	t.Chdir(dir)
	_, out, _ := runScorer(t, "", append([]string{"-format", "csv"}, names...)...)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(names)+1)
	for i, n := range names {
		want := "'" + n
		if n == "plain.txt" {
			want = n
		}
		assert.Equal(t, want, rows[i+1][0], "file cell %q", n)
	}

	// The cells of one row, as written.
	neg := -1.5
	tests := []struct {
		name string
		r    callResult
		col  int
		want string
	}{
		{"error message", callResult{File: "a.txt", Error: &errorResult{Message: "=1+1"}}, 7, "'=1+1"},
		{"format", callResult{File: "a.txt", Format: "@x"}, 1, "'@x"},
		{"negative metric stays a number", callResult{File: "a.txt", Metrics: map[listenscore.MetricName]*float64{"agent_words": &neg}}, len(csvColumns) + 1, "-1.5"},
		{"text starting with a quote untouched", callResult{File: "'a.txt"}, 0, "'a.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			w := newCSVWriter(&b)
			require.NoError(t, w.call(&tt.r))
			require.NoError(t, w.end(summary{}))
			row, err := csv.NewReader(&b).Read()
			require.NoError(t, err)
			require.Equal(t, listenscore.MetricAgentWords, w.metrics[1], "column %d is agent_words", len(csvColumns)+1)
			assert.Equal(t, tt.want, row[tt.col])
		})
	}
}

func TestSummaryMedianUnrounded(t *testing.T) {
	tests := []struct {
		name   string
		scores []float64
		want   float64
	}{
		{"one call", []float64{96.83}, 96.83},
		{"odd count", []float64{12.5, 89.39, 99.99}, 89.39},
		{"even count: mean of the middle two", []float64{48.76, 87.31}, 68.035},
		{"unsorted input", []float64{89.42, 10, 89.36}, 89.36},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSummarizer()
			for _, sc := range tt.scores {
				r := callResult{Grade: gradeWithScore(sc)}
				s.add(&r)
			}
			got := s.summary()
			require.NotNil(t, got.MedianScore)
			assert.InDelta(t, tt.want, *got.MedianScore, 1e-9)
		})
	}
}

func TestRunAnnotateFormat(t *testing.T) {
	good := "testdata/batch/a-password-reset.txt"
	tests := []struct {
		name   string
		args   []string
		want   int
		stderr string
	}{
		{"default format", []string{"-annotate", good}, exitOK, ""},
		{"jsonl", []string{"-annotate", "-format", "jsonl", good}, exitOK, ""},
		{"csv", []string{"-annotate", "-format", "csv", good}, exitUsage, `scorer: -annotate prints jsonl, not "csv"` + "\n"},
		{"table named", []string{"-format", "table", "-annotate", good}, exitUsage, `scorer: -annotate prints jsonl, not "table"` + "\n"},
		{"html", []string{"-annotate", "-format", "html", good}, exitUsage, `scorer: -annotate prints jsonl, not "html"` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, errOut := runScorer(t, "", tt.args...)
			assert.Equal(t, tt.want, status)
			assert.Equal(t, tt.stderr, errOut)
		})
	}
}

func gradeWithScore(score float64) *gradeResult {
	return &gradeResult{Result: &rubric.Result{Score: score, Grade: "good"}}
}

func TestUnmatchedAgents(t *testing.T) {
	tr := &listenscore.Transcript{Speakers: []listenscore.Speaker{{Label: "Agent"}, {Label: "Customer"}}}
	tests := []struct {
		name   string
		agents []string
		source bool   // the roles come from the source
		want   string // "" for no warning
	}{
		{name: "no -agent", agents: nil},
		{name: "a label matches, ignoring case", agents: []string{"Therapist", "agent"}},
		{name: "none matches", agents: []string{"Therapist", "Rep"},
			want: "-agent Therapist,Rep matches no speaker (the speakers are Agent, Customer); roles were decided from the call"},
		{name: "roles from the source (AWS)", agents: []string{"Therapist"}, source: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := tr
			if tt.source {
				tr = &listenscore.Transcript{Speakers: []listenscore.Speaker{
					{Label: "AGENT", RoleSource: listenscore.RoleFromSource}, {Label: "CUSTOMER", RoleSource: listenscore.RoleFromSource}}}
			}
			err := unmatchedAgents(tt.agents, tr)
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.EqualError(t, err, tt.want)
		})
	}
}

func TestRunUnmatchedAgentWarns(t *testing.T) {
	status, out, errOut := runScorer(t, "", "-agent", "Therapist", "-format", "csv", "../../testdata/calls/password-reset.txt")
	assert.Equal(t, exitOK, status, "a warning does not fail the call")
	assert.Equal(t, "../../testdata/calls/password-reset.txt: warning: -agent Therapist matches no speaker (the speakers are Agent, Customer); roles were decided from the call\n", errOut)
	assert.Contains(t, out, "\n../../testdata/calls/password-reset.txt,text,15,", "the call is still scored")
}

// TestRunRubricRoot checks that a team rubric extending a shared parent in
// a sibling directory loads with -rubric-root, and that its problems are
// named by their paths from here.
func TestRunRubricRoot(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
	write("shared/base.yaml", "extends: default\ngrades: {pass: 50, fail: 0}\npassing_grade: pass\n")
	write("team/support.yaml", "name: support\nextends: ../shared/base.yaml\nremove: [talk_ratio]\n")
	write("team/broken.yaml", "extends: ../shared/base.yaml\ncriteria:\n  - id: x\n    metric: agent_word\n    min: 1\n")
	call := "../../testdata/calls/password-reset.txt"
	team := filepath.Join(dir, "team")

	status, _, errOut := runScorer(t, "", "-rubric", filepath.Join(team, "support.yaml"), call)
	assert.Equal(t, exitUsage, status)
	assert.Contains(t, errOut, `extends "../shared/base.yaml" is outside the rubric directory`)

	status, out, errOut := runScorer(t, "", "-rubric", filepath.Join(team, "support.yaml"), "-rubric-root", dir, "-format", "json", call)
	require.Equal(t, exitOK, status, errOut)
	assert.Contains(t, out, `"rubric": "support"`)
	assert.NotContains(t, out, `"id": "talk_ratio"`)

	status, _, errOut = runScorer(t, "", "-rubric", filepath.Join(team, "broken.yaml"), "-rubric-root", dir, call)
	assert.Equal(t, exitUsage, status)
	assert.Contains(t, errOut, "rubric: "+filepath.Join(team, "broken.yaml")+`:4:13: unknown metric "agent_word"`)

	status, _, errOut = runScorer(t, "", "-rubric", filepath.Join(team, "support.yaml"), "-rubric-root", filepath.Join(dir, "shared"), call)
	assert.Equal(t, exitUsage, status)
	assert.Contains(t, errOut, "is not under -rubric-root")
}
