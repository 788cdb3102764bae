package rubric

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/callqa/listenscore/listenscore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// goldenDir is where this package's golden files live.
const goldenDir = "../testdata/golden/rubric"

// checkGolden compares got with the golden file at name (relative to
// testdata/golden/rubric), rewriting it under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(goldenDir, filepath.FromSlash(name))
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./rubric -update")
	assert.Equal(t, string(want), got, "golden %s differs; run go test ./rubric -update and review the diff", path)
}

// gradeGolden grades a with r and compares the result, as indented JSON,
// with the golden file at name. Tests over real transcripts can use it:
//
//	tr, _ := listenscore.ReadFile(path, listenscore.ReadOptions{Roles: r.Roles()})
//	a, _ := listenscore.Analyze(tr, r.Config())
//	gradeGolden(t, r, a, "calls/"+base+".json")
func gradeGolden(t *testing.T, r *Rubric, a *listenscore.Analysis, name string) *Result {
	t.Helper()
	res := r.Grade(a)
	data, err := json.MarshalIndent(res, "", "  ")
	require.NoError(t, err)
	checkGolden(t, name, string(data)+"\n")
	return res
}

// A call is a hand-built analysis: turns, metric values, the turns behind
// some metrics, and the metrics that are not computable.
type call struct {
	turns    []listenscore.Turn
	values   map[string]float64
	evidence map[string][]listenscore.Evidence
	invalid  []string
}

func (c call) analysis() *listenscore.Analysis {
	a := &listenscore.Analysis{Transcript: &listenscore.Transcript{Name: "call", Turns: c.turns}}
	for name, v := range c.values {
		// Fill in each evidence turn as listenscore.Analyze does.
		var evidence []listenscore.Evidence
		for _, e := range c.evidence[name] {
			tu := c.turns[e.Turn]
			e.Speaker, e.Role, e.Text, e.Line, e.Start, e.HasStart = tu.Speaker, tu.Role, tu.Text, tu.Line, tu.Start, tu.HasStart
			evidence = append(evidence, e)
		}
		a.Metrics = append(a.Metrics, listenscore.Metric{Name: listenscore.MetricName(name), Value: v, Valid: true, Evidence: evidence})
	}
	for _, name := range c.invalid {
		a.Metrics = append(a.Metrics, listenscore.Metric{Name: listenscore.MetricName(name)})
	}
	return a
}

// turn builds a timed turn; seconds are from the start of the call.
func turn(speaker string, role listenscore.Role, start, end float64, text string) listenscore.Turn {
	return listenscore.Turn{Speaker: speaker, Role: role, Text: text,
		Start: time.Duration(start * float64(time.Second)), HasStart: true,
		End: time.Duration(end * float64(time.Second)), HasEnd: true}
}

var (
	agent    = listenscore.RoleAgent
	customer = listenscore.RoleCustomer
	// supportTurns is a router outage call, shared by the calls below.
	supportTurns = []listenscore.Turn{
		turn("Tier1", agent, 0, 4, "Thanks for calling NetLink support, this is Dana. How can I help?"),
		turn("spk_1", customer, 4.8, 19, "My internet has dropped every evening this week and I work from home, so it's costing me clients."),
		turn("Tier1", agent, 20.1, 26, "I'm sorry you've been without service. So it drops every evening, and that's hurting your work?"),
		turn("spk_1", customer, 26.5, 31, "Exactly, around seven every night."),
		turn("Tier1", agent, 32, 36, "What do you see on the NetBox lights when it drops?"),
		turn("spk_1", customer, 36.8, 48, "The red light blinks, then it comes back after ten minutes or so."),
		turn("Tier1", agent, 47.5, 52, "You must have changed something on your side."),
		turn("Tier1", agent, 60, 70, "I'll open a ticket and ship a replacement NetBox today; does that work for you?"),
	}
	calls = map[string]call{
		// attentive listens well on every count.
		"attentive": {
			turns: supportTurns,
			values: map[string]float64{
				"agent_talk_ratio": 0.42, "agent_words": 410, "customer_words": 560, "duration_seconds": 420,
				"agent_wpm": 150, "customer_wpm": 160, "longest_agent_monologue_seconds": 45,
				"longest_customer_story_seconds": 95, "switches_per_minute": 6, "patience_seconds": 1.1,
				"dead_air_count": 1, "dead_air_seconds": 4, "overtalk_ratio": 0.02,
				"agent_interruptions": 0, "customer_interruptions": 1, "agent_questions": 9,
				"open_questions": 4, "closed_questions": 5, "open_question_ratio": 0.44, "paraphrases": 3,
				"paraphrase_rate": 0.3, "reflection_to_question_ratio": 0.33, "empathy_statements": 2,
				"acknowledgments": 3, "understanding_checks": 1, "action_commitments": 1,
				"defensive_statements": 0, "customer_name_uses": 2,
				"hold_count": 1, "hold_seconds": 45, "longest_hold_seconds": 45, "holds_explained": 1,
				"holds_thanked": 1, "transfers": 0,
			},
			evidence: map[string][]listenscore.Evidence{
				"open_questions":     {{Turn: 0, Reason: `open question: starts with "how"`}, {Turn: 4, Reason: `open question: starts with "what"`}},
				"paraphrase_rate":    {{Turn: 2, Reason: `plays back turn 1: "drops every evening"`}},
				"empathy_statements": {{Turn: 2, Reason: `empathy: "sorry you've been without service"`}},
				"action_commitments": {{Turn: 7, Reason: `commitment: "open a ticket"`}},
			},
		},
		// rushed talks over the customer, is defensive once, and pauses
		// too little.
		"rushed": {
			turns: supportTurns,
			values: map[string]float64{
				"agent_talk_ratio": 0.66, "agent_words": 700, "customer_words": 240, "duration_seconds": 300,
				"agent_wpm": 185, "customer_wpm": 150, "longest_agent_monologue_seconds": 150,
				"longest_customer_story_seconds": 40, "switches_per_minute": 3, "patience_seconds": 0.3,
				"dead_air_count": 4, "dead_air_seconds": 16, "overtalk_ratio": 0.12,
				"agent_interruptions": 3, "customer_interruptions": 0, "agent_questions": 4,
				"open_questions": 1, "closed_questions": 3, "open_question_ratio": 0.25, "paraphrases": 1,
				"paraphrase_rate": 0.1, "reflection_to_question_ratio": 0.25, "empathy_statements": 0,
				"acknowledgments": 1, "understanding_checks": 0, "action_commitments": 1,
				"defensive_statements": 1, "customer_name_uses": 0,
				"hold_count": 2, "hold_seconds": 200, "longest_hold_seconds": 150, "holds_explained": 0.5,
				"holds_thanked": 0, "transfers": 0,
			},
			evidence: map[string][]listenscore.Evidence{
				"agent_interruptions":  {{Turn: 6, Reason: "starts 0.5 s before turn 5 ends"}},
				"defensive_statements": {{Turn: 6, Reason: `defensive: "you must have changed something"`}},
				"open_questions":       {{Turn: 4, Reason: `open question: starts with "what"`}},
			},
		},
		// untimed is a transcript without times: timing metrics are not
		// computable, and the agent is defensive twice.
		"untimed": {
			values: map[string]float64{
				"agent_words": 380, "customer_words": 300, "agent_questions": 5, "open_questions": 2,
				"closed_questions": 3, "open_question_ratio": 0.4, "paraphrases": 2, "paraphrase_rate": 0.2,
				"reflection_to_question_ratio": 0.4, "empathy_statements": 1, "acknowledgments": 2,
				"understanding_checks": 0, "action_commitments": 0, "defensive_statements": 2,
				"customer_name_uses": 1, "hold_count": 1, "holds_explained": 1, "holds_thanked": 0,
				"transfers": 0,
			},
			invalid: []string{"agent_talk_ratio", "duration_seconds", "agent_wpm", "customer_wpm",
				"longest_agent_monologue_seconds", "longest_customer_story_seconds", "switches_per_minute",
				"patience_seconds", "dead_air_count", "dead_air_seconds", "overtalk_ratio",
				"agent_interruptions", "customer_interruptions", "hold_seconds", "longest_hold_seconds"},
		},
	}
)

func TestGoldenGrades(t *testing.T) {
	rubrics := map[string]func() (*Rubric, error){
		"default":         func() (*Rubric, error) { return Default(), nil },
		"sales-discovery": func() (*Rubric, error) { return LoadFile("../examples/rubrics/sales-discovery.yaml") },
		"tech-support":    func() (*Rubric, error) { return LoadFile("../examples/rubrics/tech-support.yaml") },
	}
	// The headline of each golden file, worked out by hand and pinned here
	// so that -update cannot silently change a grade.
	want := map[string]struct {
		score      float64
		grade      string
		autoFailed bool
	}{
		"default/attentive": {100, "excellent", false},
		// talk 0.66: 15 × (1 − 0.16/0.2) = 3; interruptions 3: 7.5; monologue
		// 150: 2.5; dead air 16: 3.5; open 1: 5; paraphrase 0.1: 15 × 0.4 = 6;
		// empathy 0; acknowledgments 1: 2.5; understanding 0; patience 0.3:
		// 5; next step 10; defensive 1: 6; holds explained 0.5: 5 × (1 −
		// 0.5/1) = 2.5; thanked 0: 0; longest hold 150: 5 × (1 − 30/120) =
		// 3.75. 57.25 of 135 = 42.41.
		"default/rushed": {42.41, "poor", false},
		// Timing criteria n/a (talk, interruptions, monologue, dead air,
		// patience, and the hold criteria, which need a hold's length).
		// open 10 + paraphrase 0.2: 12 + empathy 10 +
		// acknowledgments 5 + understanding 0 + next step 0 + defensive 2: 0
		// = 37 of 70 = 52.86.
		"default/untimed":           {52.86, "needs_coaching", false},
		"sales-discovery/attentive": {100, "excellent", false},
		// talk 0.66 is beyond max 0.45 + 0.2: 0 of 15; open 1 of min 4,
		// tolerance 3: 0 of 15; monologue 150 beyond 76 + 44: 0; customer
		// story and question count n/a (300 s call); holds 2.5 + 0 + 3.75.
		// 46.75 of 140 = 33.39.
		"sales-discovery/rushed": {33.39, "poor", false},
		// open 2: 15 × (1 − 2/3) = 5; paraphrase 12; empathy 10;
		// acknowledgments 5; others 0: 32 of 75 = 42.67.
		"sales-discovery/untimed": {42.67, "poor", false},
		"tech-support/attentive":  {100, "excellent", false},
		// No talk ratio; dead air 16 within max 30: 5; next step 20 of 20;
		// customer name 0 of 5; one defensive statement is partial (6 of 15),
		// so no auto-fail; holds 2.5 + 0 + 3.75. 65.75 of 135 = 48.7.
		"tech-support/rushed": {48.7, "poor", false},
		// Two defensive statements fail no_defensive, which is auto_fail.
		"tech-support/untimed": {0, "poor", true},
	}
	for rname, load := range rubrics {
		r, err := load()
		require.NoError(t, err, rname)
		for cname, c := range calls {
			name := rname + "/" + cname
			t.Run(name, func(t *testing.T) {
				res := gradeGolden(t, r, c.analysis(), name+".json")
				w, ok := want[name]
				require.True(t, ok, "no expected headline for %s", name)
				assert.Equal(t, w.score, res.Score)
				assert.Equal(t, w.grade, res.Grade)
				assert.Equal(t, w.autoFailed, res.AutoFailed)
			})
		}
	}
}
