package rubric

import (
	"encoding/json"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callqa/listenscore/listenscore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ptr(v float64) *float64 { return &v }

// metric returns a computable metric.
func metric(name string, v float64) listenscore.Metric {
	return listenscore.Metric{Name: listenscore.MetricName(name), Value: v, Valid: true}
}

// notComputable returns a metric that could not be computed.
func notComputable(name string) listenscore.Metric {
	return listenscore.Metric{Name: listenscore.MetricName(name)}
}

func analysisOf(ms ...listenscore.Metric) *listenscore.Analysis {
	return &listenscore.Analysis{Transcript: &listenscore.Transcript{}, Metrics: ms}
}

// interruptionSteps is Amazon Connect's example: 0 → 10, 1–4 → 5, 5–10 → 1.
var interruptionSteps = []Step{
	{Max: ptr(0), Points: 10},
	{Min: ptr(1), Max: ptr(4), Points: 5},
	{Min: ptr(5), Max: ptr(10), Points: 1},
}

func TestGradeCriterion(t *testing.T) {
	talk := Criterion{ID: "talk", Metric: "agent_talk_ratio", Weight: 10, Max: ptr(0.5), Tolerance: 0.2}
	interruptions := Criterion{ID: "int", Metric: "agent_interruptions", Weight: 15, Steps: interruptionSteps}
	patience := Criterion{ID: "patience", Metric: "patience_seconds", Weight: 10, Min: ptr(0.6), Max: ptr(2), Tolerance: 0.6}
	open := Criterion{ID: "open", Metric: "open_questions", Weight: 10, Min: ptr(2), Tolerance: 2}
	empathy := Criterion{ID: "empathy", Metric: "empathy_statements", Weight: 10, Min: ptr(1)}
	longCall := &Condition{Metric: "duration_seconds", Min: ptr(120)}
	with := func(c Criterion, edit func(*Criterion)) Criterion { edit(&c); return c }

	tests := []struct {
		name       string
		criterion  Criterion
		metrics    []listenscore.Metric
		wantPoints float64
		wantMax    float64
		wantStatus Status
		wantReason string
		reason     string
	}{
		{
			name: "band inside", criterion: talk,
			metrics:    []listenscore.Metric{metric("agent_talk_ratio", 0.42)},
			wantPoints: 10, wantMax: 10, wantStatus: StatusPass,
			wantReason: "0.42 meets the target ≤ 0.5: 10 of 10 points",
			reason:     "0.42 ≤ 0.5: full weight",
		},
		{
			name: "band bound is inclusive", criterion: talk,
			metrics:    []listenscore.Metric{metric("agent_talk_ratio", 0.5)},
			wantPoints: 10, wantMax: 10, wantStatus: StatusPass,
			wantReason: "0.5 meets the target ≤ 0.5: 10 of 10 points",
			reason:     "0.5 is the max itself",
		},
		{
			name: "band tolerance halfway", criterion: talk,
			metrics:    []listenscore.Metric{metric("agent_talk_ratio", 0.6)},
			wantPoints: 5, wantMax: 10, wantStatus: StatusPartial,
			wantReason: "0.6 is 0.1 above the target ≤ 0.5; within tolerance 0.2: 10 × (1 − 0.1/0.2) = 5 of 10 points",
			reason:     "miss 0.6 − 0.5 = 0.1; credit 1 − 0.1/0.2 = 0.5; 10 × 0.5 = 5",
		},
		{
			name: "band tolerance a quarter of the way", criterion: talk,
			metrics:    []listenscore.Metric{metric("agent_talk_ratio", 0.55)},
			wantPoints: 7.5, wantMax: 10, wantStatus: StatusPartial,
			wantReason: "0.55 is 0.05 above the target ≤ 0.5; within tolerance 0.2: 10 × (1 − 0.05/0.2) = 7.5 of 10 points",
			reason:     "miss 0.05; credit 1 − 0.25 = 0.75; 10 × 0.75 = 7.5",
		},
		{
			name: "band at the end of the tolerance", criterion: talk,
			metrics:    []listenscore.Metric{metric("agent_talk_ratio", 0.7)},
			wantPoints: 0, wantMax: 10, wantStatus: StatusFail,
			wantReason: "0.7 is 0.2 above the target ≤ 0.5, beyond tolerance 0.2: 0 of 10 points",
			reason:     "miss 0.2 = tolerance: credit 1 − 0.2/0.2 = 0 (0.7 − 0.5 is 0.19999999999999996 in floating point)",
		},
		{
			name: "band beyond the tolerance", criterion: talk,
			metrics:    []listenscore.Metric{metric("agent_talk_ratio", 0.81)},
			wantPoints: 0, wantMax: 10, wantStatus: StatusFail,
			wantReason: "0.81 is 0.31 above the target ≤ 0.5, beyond tolerance 0.2: 0 of 10 points",
			reason:     "miss 0.31 > 0.2",
		},
		{
			name: "band min with tolerance", criterion: open,
			metrics:    []listenscore.Metric{metric("open_questions", 1)},
			wantPoints: 5, wantMax: 10, wantStatus: StatusPartial,
			wantReason: "1 is 1 below the target ≥ 2; within tolerance 2: 10 × (1 − 1/2) = 5 of 10 points",
			reason:     "miss 2 − 1 = 1; credit 1 − 1/2 = 0.5",
		},
		{
			name: "band min without tolerance", criterion: empathy,
			metrics:    []listenscore.Metric{metric("empathy_statements", 0)},
			wantPoints: 0, wantMax: 10, wantStatus: StatusFail,
			wantReason: "0 is 1 below the target ≥ 1: 0 of 10 points",
			reason:     "no tolerance: outside earns nothing",
		},
		{
			name: "band both bounds, above", criterion: patience,
			metrics:    []listenscore.Metric{metric("patience_seconds", 2.3)},
			wantPoints: 5, wantMax: 10, wantStatus: StatusPartial,
			wantReason: "2.3 is 0.3 above the target 0.6 to 2; within tolerance 0.6: 10 × (1 − 0.3/0.6) = 5 of 10 points",
			reason:     "miss 2.3 − 2 = 0.3; credit 1 − 0.3/0.6 = 0.5",
		},
		{
			name: "band both bounds, below", criterion: patience,
			metrics:    []listenscore.Metric{metric("patience_seconds", 0.45)},
			wantPoints: 7.5, wantMax: 10, wantStatus: StatusPartial,
			wantReason: "0.45 is 0.15 below the target 0.6 to 2; within tolerance 0.6: 10 × (1 − 0.15/0.6) = 7.5 of 10 points",
			reason:     "miss 0.6 − 0.45 = 0.15; credit 1 − 0.25 = 0.75",
		},
		{
			name: "steps first", criterion: interruptions,
			metrics:    []listenscore.Metric{metric("agent_interruptions", 0)},
			wantPoints: 15, wantMax: 15, wantStatus: StatusPass,
			wantReason: "0 falls in step 1 (≤ 0 → 10 of 10): 15 of 15 points",
			reason:     "10 of the best 10 step points: full weight 15",
		},
		{
			name: "steps middle", criterion: interruptions,
			metrics:    []listenscore.Metric{metric("agent_interruptions", 3)},
			wantPoints: 7.5, wantMax: 15, wantStatus: StatusPartial,
			wantReason: "3 falls in step 2 (1 to 4 → 5 of 10): 15 × 5/10 = 7.5 of 15 points",
			reason:     "AWS: 1–4 interruptions score 5 of 10; 15 × 0.5 = 7.5",
		},
		{
			name: "steps bound is inclusive", criterion: interruptions,
			metrics:    []listenscore.Metric{metric("agent_interruptions", 10)},
			wantPoints: 1.5, wantMax: 15, wantStatus: StatusPartial,
			wantReason: "10 falls in step 3 (5 to 10 → 1 of 10): 15 × 1/10 = 1.5 of 15 points",
			reason:     "AWS: 5–10 score 1 of 10; 15 × 0.1 = 1.5",
		},
		{
			name: "steps none holds the value", criterion: interruptions,
			metrics:    []listenscore.Metric{metric("agent_interruptions", 11)},
			wantPoints: 0, wantMax: 15, wantStatus: StatusFail,
			wantReason: "11 falls in no step: 0 of 15 points",
			reason:     "no step covers 11",
		},
		{
			name: "steps zero points",
			criterion: Criterion{ID: "def", Metric: "defensive_statements", Weight: 15,
				Steps: []Step{{Max: ptr(0), Points: 10}, {Min: ptr(1), Points: 0}}},
			metrics:    []listenscore.Metric{metric("defensive_statements", 2)},
			wantPoints: 0, wantMax: 15, wantStatus: StatusFail,
			wantReason: "2 falls in step 2 (≥ 1 → 0 of 10): 0 of 15 points",
			reason:     "a step worth 0 points fails",
		},
		{
			name:       "auto-fail criterion that fails",
			criterion:  Criterion{ID: "def", Metric: "defensive_statements", Weight: 5, Max: ptr(0), AutoFail: true},
			metrics:    []listenscore.Metric{metric("defensive_statements", 1)},
			wantPoints: 0, wantMax: 5, wantStatus: StatusFail,
			wantReason: "1 is 1 above the target ≤ 0: 0 of 5 points; auto_fail: the call fails",
			reason:     "the reason says that this fails the call",
		},
		{
			name:       "metric not computable",
			criterion:  talk,
			metrics:    []listenscore.Metric{notComputable("agent_talk_ratio")},
			wantStatus: StatusNA,
			wantReason: "n/a: agent_talk_ratio is not computable for this call",
			reason:     "n/a is never scored as zero: Max 0 leaves the denominator",
		},
		{
			name:       "metric not computable, with the analysis' note",
			criterion:  talk,
			metrics:    []listenscore.Metric{{Name: "agent_talk_ratio", Note: "no agent or customer talk"}},
			wantStatus: StatusNA,
			wantReason: "n/a: agent_talk_ratio is not computable for this call (no agent or customer talk)",
			reason:     "the note tells a reviewer why",
		},
		{
			name:       "metric missing from the analysis",
			criterion:  talk,
			wantStatus: StatusNA,
			wantReason: `n/a: the analysis has no metric "agent_talk_ratio"`,
		},
		{
			name:       "applies_when not met",
			criterion:  with(talk, func(c *Criterion) { c.AppliesWhen = longCall }),
			metrics:    []listenscore.Metric{metric("agent_talk_ratio", 0.9), metric("duration_seconds", 95)},
			wantStatus: StatusNA,
			wantReason: "n/a: applies only when duration_seconds ≥ 120; it is 95",
			reason:     "a 95 s call is out of scope even though 0.9 would fail",
		},
		{
			name:       "applies_when met",
			criterion:  with(talk, func(c *Criterion) { c.AppliesWhen = longCall }),
			metrics:    []listenscore.Metric{metric("agent_talk_ratio", 0.9), metric("duration_seconds", 120)},
			wantPoints: 0, wantMax: 10, wantStatus: StatusFail,
			wantReason: "0.9 is 0.4 above the target ≤ 0.5, beyond tolerance 0.2: 0 of 10 points",
			reason:     "the condition's bound is inclusive",
		},
		{
			name:       "applies_when metric not computable",
			criterion:  with(talk, func(c *Criterion) { c.AppliesWhen = longCall }),
			metrics:    []listenscore.Metric{metric("agent_talk_ratio", 0.4), notComputable("duration_seconds")},
			wantStatus: StatusNA,
			wantReason: "n/a: applies only when duration_seconds ≥ 120, which is not computable for this call",
			reason:     "an untimed transcript has no duration",
		},
		{
			name:       "applies_when metric missing",
			criterion:  with(talk, func(c *Criterion) { c.AppliesWhen = longCall }),
			metrics:    []listenscore.Metric{metric("agent_talk_ratio", 0.4)},
			wantStatus: StatusNA,
			wantReason: `n/a: applies only when duration_seconds ≥ 120, and the analysis has no metric "duration_seconds"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Rubric{Name: "t", Criteria: []Criterion{tt.criterion}}
			res := r.Grade(analysisOf(tt.metrics...))
			require.Len(t, res.Criteria, 1)
			got := res.Criteria[0]
			assert.Equal(t, tt.wantStatus, got.Status)
			assert.Equal(t, tt.wantReason, got.Reason)
			assert.InDelta(t, tt.wantPoints, got.Points, 1e-9)
			assert.InDelta(t, tt.wantMax, got.Max, 1e-9)
			assert.Equal(t, tt.wantStatus == StatusNA, res.NotApplicable, "NotApplicable with a single criterion")
			assert.Equal(t, tt.criterion.AutoFail && tt.wantStatus == StatusFail, res.AutoFailed)
		})
	}
}

func TestGradeResult(t *testing.T) {
	grades := []Band{{"excellent", 85}, {"good", 70}, {"poor", 0}}
	criteria := []Criterion{
		{ID: "talk", Metric: "agent_talk_ratio", Weight: 10, Max: ptr(0.5), Tolerance: 0.2},
		{ID: "int", Metric: "agent_interruptions", Weight: 20, Steps: interruptionSteps},
		{ID: "wpm", Metric: "agent_wpm", Weight: 30, Max: ptr(180)},
		{ID: "def", Metric: "defensive_statements", Weight: 5, Max: ptr(0), AutoFail: true},
	}
	tests := []struct {
		name                               string
		metrics                            []listenscore.Metric
		wantScore, wantPoints, wantMax     float64
		wantGrade                          string
		wantPassed, wantAutoFail, wantNone bool
		wantFailed                         []string
		reason                             string
	}{
		{
			name: "all pass",
			metrics: []listenscore.Metric{metric("agent_talk_ratio", 0.4), metric("agent_interruptions", 0),
				metric("agent_wpm", 150), metric("defensive_statements", 0)},
			wantScore: 100, wantPoints: 65, wantMax: 65, wantGrade: "excellent", wantPassed: true,
			reason: "10 + 20 + 30 + 5 = 65 of 65",
		},
		{
			name: "partial and n/a",
			metrics: []listenscore.Metric{metric("agent_talk_ratio", 0.6), metric("agent_interruptions", 2),
				notComputable("agent_wpm"), metric("defensive_statements", 0)},
			wantScore: 57.14, wantPoints: 20, wantMax: 35, wantGrade: "poor",
			reason: "talk 5 of 10 + int 10 of 20 + def 5 of 5 = 20 of 35 (wpm n/a leaves the denominator): 100 × 20/35 = 57.142…",
		},
		{
			name: "good grade from its bound",
			metrics: []listenscore.Metric{metric("agent_talk_ratio", 0.5), metric("agent_interruptions", 3),
				notComputable("agent_wpm"), metric("defensive_statements", 0)},
			wantScore: 71.43, wantPoints: 25, wantMax: 35, wantGrade: "good", wantPassed: true,
			reason: "10 + 10 + 5 = 25 of 35 = 71.43 ≥ 70",
		},
		{
			name: "auto-fail zeroes the score",
			metrics: []listenscore.Metric{metric("agent_talk_ratio", 0.4), metric("agent_interruptions", 0),
				metric("agent_wpm", 150), metric("defensive_statements", 2)},
			wantScore: 0, wantPoints: 60, wantMax: 65, wantGrade: "poor", wantAutoFail: true,
			wantFailed: []string{"def"},
			reason:     "60 of 65 points would be 92.31, but def is auto_fail and failed",
		},
		{
			name: "failed criteria listed in order",
			metrics: []listenscore.Metric{metric("agent_talk_ratio", 0.9), metric("agent_interruptions", 12),
				metric("agent_wpm", 200), metric("defensive_statements", 0)},
			wantScore: 7.69, wantPoints: 5, wantMax: 65, wantGrade: "poor",
			wantFailed: []string{"talk", "int", "wpm"},
			reason:     "only def's 5 of 65: 100 × 5/65 = 7.69",
		},
		{
			name:      "nothing applies",
			metrics:   []listenscore.Metric{notComputable("agent_talk_ratio"), notComputable("agent_interruptions")},
			wantScore: 0, wantNone: true,
			reason: "no grade and no pass without an applicable criterion",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Rubric{Name: "t", Criteria: criteria, Grades: grades, PassingGrade: "good"}
			res := r.Grade(analysisOf(tt.metrics...))
			assert.Equal(t, tt.wantScore, res.Score)
			assert.Equal(t, tt.wantPoints, res.Points)
			assert.Equal(t, tt.wantMax, res.MaxPoints)
			assert.Equal(t, tt.wantGrade, res.Grade)
			assert.Equal(t, tt.wantPassed, res.Passed)
			assert.Equal(t, tt.wantAutoFail, res.AutoFailed)
			assert.Equal(t, tt.wantNone, res.NotApplicable)
			var failed []string
			for _, c := range res.FailedCriteria() {
				failed = append(failed, c.ID)
			}
			assert.Equal(t, tt.wantFailed, failed)
		})
	}
}

func TestGradeWithoutPassingGrade(t *testing.T) {
	r := &Rubric{Criteria: []Criterion{{ID: "e", Metric: "empathy_statements", Weight: 1, Min: ptr(1)}},
		Grades: []Band{{"ok", 50}, {"low", 0}}}
	res := r.Grade(analysisOf(metric("empathy_statements", 0)))
	assert.Equal(t, "low", res.Grade)
	assert.True(t, res.Passed, "without a passing grade any grade passes")
}

func TestGradeNilAnalysis(t *testing.T) {
	res := Default().Grade(nil)
	assert.True(t, res.NotApplicable)
	for _, c := range res.Criteria {
		assert.Equal(t, StatusNA, c.Status, c.ID)
		assert.Equal(t, "n/a: no analysis", c.Reason, c.ID)
	}
}

func TestGradeSilentAgent(t *testing.T) {
	tests := []struct {
		name  string
		turns []listenscore.Turn
	}{
		{name: "customer only", turns: []listenscore.Turn{
			{Speaker: "Customer", Role: listenscore.RoleCustomer, Text: "Hello? Is anyone there? I have been waiting for ten minutes."},
		}},
		{name: "empty agent turns", turns: []listenscore.Turn{
			{Speaker: "Agent", Role: listenscore.RoleAgent, Text: " "},
			{Speaker: "Customer", Role: listenscore.RoleCustomer, Text: "Hello?"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := listenscore.Analyze(&listenscore.Transcript{Turns: tt.turns}, listenscore.Config{})
			require.NoError(t, err)
			res := Default().Grade(a)
			assert.True(t, res.NotApplicable, "no listening to grade")
			assert.False(t, res.Passed)
			assert.Zero(t, res.Score)
			for _, c := range res.Criteria {
				assert.Equal(t, StatusNA, c.Status, c.ID)
				assert.Equal(t, "n/a: the agent says nothing in this call", c.Reason, c.ID)
			}
		})
	}
}

func TestGradeEvidence(t *testing.T) {
	evidence := []listenscore.Evidence{
		{Turn: 0, Speaker: "Alex", Role: listenscore.RoleAgent, Text: "How can I help?", Line: 3,
			Start: 1500 * time.Millisecond, HasStart: true, Reason: `open question: starts with "how"`},
		{Turn: 1, Speaker: "Sam", Role: listenscore.RoleCustomer, Text: "My router keeps dropping.", Line: 6,
			Reason: "untimed turn"},
		{Turn: 2, Speaker: "Alex", Role: listenscore.RoleAgent, Text: "What did you try?", Line: 9,
			Reason: `open question: starts with "what"`},
	}
	a := &listenscore.Analysis{Transcript: &listenscore.Transcript{}, Metrics: []listenscore.Metric{{
		Name: listenscore.MetricOpenQuestions, Value: 2, Valid: true, Unit: "count", Evidence: evidence,
	}}}
	r := &Rubric{Criteria: []Criterion{{ID: "open", Metric: listenscore.MetricOpenQuestions, Weight: 1, Min: ptr(1)}}}
	res := r.Grade(a)
	got := res.Criteria[0]
	assert.Equal(t, "count", got.Unit)
	require.NotNil(t, got.Value)
	assert.Equal(t, 2.0, *got.Value)
	assert.Equal(t, evidence, got.Evidence, "the analysis's evidence, as it is")
	assert.Same(t, a, res.Analysis)

	b, err := json.Marshal(got)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"evidence":[{"turn":0,"time":"0:00:01.500","speaker":"Alex","role":"agent",`+
		`"text":"How can I help?","line":3,"reason":"open question: starts with \"how\""},{"turn":1,"speaker":"Sam"`)

	tests := []struct {
		name    string
		limit   int
		want    []int // turns kept
		omitted int
	}{
		{name: "no limit", limit: -1, want: []int{0, 1, 2}},
		{name: "above the count", limit: 5, want: []int{0, 1, 2}},
		{name: "the first two", limit: 2, want: []int{0, 1}, omitted: 1},
		{name: "none", limit: 0, want: []int{}, omitted: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := r.Grade(a)
			res.LimitEvidence(tt.limit)
			c := res.Criteria[0]
			turns := []int{}
			for _, e := range c.Evidence {
				turns = append(turns, e.Turn)
			}
			assert.Equal(t, tt.want, turns)
			assert.Equal(t, tt.omitted, c.EvidenceOmitted)
			assert.Len(t, a.Metrics[0].Evidence, 3, "the analysis keeps its evidence")
		})
	}
}

func TestResultJSON(t *testing.T) {
	r := &Rubric{Name: "t", Criteria: []Criterion{
		{ID: "talk", Title: "Talk", Section: "Balance", Metric: "agent_talk_ratio", Weight: 10, Max: ptr(0.5)},
		{ID: "wpm", Metric: "agent_wpm", Weight: 1, Max: ptr(180)},
	}}
	tr := &listenscore.Transcript{Turns: []listenscore.Turn{{Speaker: "A", Role: listenscore.RoleAgent, Text: "hi",
		HasStart: true, Start: 61 * time.Second}}}
	a := &listenscore.Analysis{Transcript: tr, Metrics: []listenscore.Metric{
		{Name: "agent_talk_ratio", Value: 0.25, Valid: true, Unit: "ratio", Evidence: []listenscore.Evidence{{
			Turn: 0, Speaker: "A", Role: listenscore.RoleAgent, Text: "hi", HasStart: true, Start: 61 * time.Second, Reason: "agent talk"}}},
		notComputable("agent_wpm"),
	}}
	got, err := json.MarshalIndent(r.Grade(a), "", "  ")
	require.NoError(t, err)
	assert.JSONEq(t, `{
	  "rubric": "t", "score": 100, "grade": "", "passed": true, "auto_failed": false,
	  "not_applicable": false, "points": 10, "max_points": 10,
	  "criteria": [
	    {"id": "talk", "title": "Talk", "section": "Balance", "metric": "agent_talk_ratio",
	     "value": 0.25, "unit": "ratio", "points": 10, "max": 10, "status": "pass",
	     "reason": "0.25 meets the target ≤ 0.5: 10 of 10 points",
	     "evidence": [{"turn": 0, "time": "0:01:01.000", "speaker": "A", "role": "agent", "text": "hi", "reason": "agent talk"}]},
	    {"id": "wpm", "metric": "agent_wpm", "value": null, "points": 0, "max": 0, "status": "n/a",
	     "reason": "n/a: agent_wpm is not computable for this call"}
	  ]
	}`, string(got))
}

func TestGradeConcurrent(t *testing.T) {
	r := Default()
	a := analysisOf(metric("agent_talk_ratio", 0.6), metric("agent_interruptions", 2), metric("patience_seconds", 0.3))
	want := r.Grade(a)
	var wg sync.WaitGroup
	results := make([]*Result, 8)
	for i := range results {
		wg.Go(func() { results[i] = r.Grade(a) })
	}
	wg.Wait()
	for _, got := range results {
		assert.Equal(t, want, got)
	}
}

func TestNum(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {2, "2"}, {0.5, "0.5"}, {120, "120"},
		{0.7 - 0.5, "0.2"},          // rounding noise disappears
		{0.6817743, "0.6818"},       // four significant digits below 1
		{0.0123456, "0.01235"},      // …however small
		{1234.56789, "1234.568"},    // three decimals above 1
		{-2.5, "-2.5"},              // signs kept
		{3e12, "3e+12"},             // huge numbers in exponent form
		{-0.00001, "-0.00001"},      // not rounded to -0
		{0.0000000000000001, "0"},   // beyond 15 decimals
		{1.0 / 3, "0.3333"},         // a third
		{100 * 20.0 / 35, "57.143"}, // a score before rounding
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, num(tt.v), "%v", tt.v)
	}
}

func BenchmarkGrade(b *testing.B) {
	r := Default()
	a := calls["attentive"].analysis()
	b.ReportAllocs()
	for b.Loop() {
		r.Grade(a)
	}
}

func BenchmarkParseDefault(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(defaultYAML)))
	for b.Loop() {
		if _, err := Parse(defaultFile, defaultYAML); err != nil {
			b.Fatal(err)
		}
	}
}

// TestGradeAgents grades a call with two agents: the call with the agent
// side pooled, and each agent on their own part with the same criteria.
func TestGradeAgents(t *testing.T) {
	r, err := Parse("agents.yaml", []byte(`
criteria:
  - {id: empathy, metric: empathy_statements, min: 1}
  - {id: next_step, metric: action_commitments, min: 1}
`))
	require.NoError(t, err)
	tr, err := listenscore.Read("call.txt", strings.NewReader(`Priya: Thank you for calling Northwind, how can I help?
Dana: I was charged twice for my May bill and nobody has fixed it.
Priya: I'm so sorry about that, that sounds really stressful. My supervisor is joining us.
Marcus: Hi Dana, I'm Marcus, the team supervisor.
Marcus: I'll refund the second charge today.
Dana: Thank you.
`), listenscore.ReadOptions{})
	require.NoError(t, err)
	a, err := listenscore.Analyze(tr, listenscore.Config{})
	require.NoError(t, err)
	res := r.Grade(a)
	assert.Equal(t, 100.0, res.Score, "the agent side shows empathy and commits")
	assert.Empty(t, res.Speaker)
	require.Len(t, res.Agents, 2)
	assert.Equal(t, "Priya", res.Agents[0].Speaker)
	assert.Equal(t, 50.0, res.Agents[0].Score, "Priya shows empathy, commits to nothing")
	assert.Equal(t, "Marcus", res.Agents[1].Speaker)
	assert.Equal(t, 50.0, res.Agents[1].Score, "Marcus commits, shows no empathy")
	assert.Nil(t, res.Agents[0].Agents)

	one := r.Grade(&listenscore.Analysis{Transcript: tr, Metrics: a.Agents[1].Metrics})
	assert.Nil(t, one.Agents, "no parts, no per-agent results")
}
