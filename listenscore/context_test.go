package listenscore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stopAfter is a context that is done from its n-th Err call on: it
// shows how much work runs between two checks.
type stopAfter struct {
	context.Context
	n, calls atomic.Int64
}

func newStopAfter(n int64) *stopAfter {
	c := &stopAfter{Context: context.Background()}
	c.n.Store(n)
	return c
}

func (c *stopAfter) Err() error {
	if c.calls.Add(1) >= c.n.Load() {
		return context.Canceled
	}
	return nil
}

// longCall is a text transcript of n turns.
func longCall(n int) string {
	var b strings.Builder
	for i := range n {
		if i%2 == 0 {
			fmt.Fprintf(&b, "Agent: What happened when you restarted the router on day %d?\n", i)
		} else {
			fmt.Fprintf(&b, "Customer: The lights went off and the connection dropped again after %d minutes.\n", i)
		}
	}
	return b.String()
}

func TestReadContext(t *testing.T) {
	text := longCall(5000)
	tests := []struct {
		name   string
		ctx    func() context.Context
		turns  int // turns read; 0 when it stops
		reason string
	}{
		{name: "background", ctx: context.Background, turns: 5000},
		{name: "cancelled before", ctx: func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, reason: "the first read checks the context"},
		{name: "cancelled while parsing", ctx: func() context.Context { return newStopAfter(3) },
			reason: "a check every ctxEvery turns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := ReadContext(tt.ctx(), "call.txt", strings.NewReader(text), ReadOptions{})
			if tt.turns == 0 {
				require.Error(t, err, tt.reason)
				assert.ErrorIs(t, err, context.Canceled)
				assert.True(t, strings.HasPrefix(err.Error(), "listenscore: call.txt: "), err.Error())
				return
			}
			require.NoError(t, err)
			assert.Len(t, tr.Turns, tt.turns)
		})
	}
}

func TestAnalyzeContext(t *testing.T) {
	tr, err := Read("call.txt", strings.NewReader(longCall(20_000)), ReadOptions{})
	require.NoError(t, err)
	var az Analyzer

	ctx := newStopAfter(3)
	a, err := az.AnalyzeContext(ctx, tr)
	assert.Nil(t, a)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, "listenscore: analysis of call.txt stopped: context canceled", err.Error())
	assert.Equal(t, int64(3), ctx.calls.Load(),
		"stopped at the third check, %d turns in, not at the end of %d turns", 3*ctxEvery, len(tr.Turns))

	ctx = newStopAfter(1 << 40)
	a, err = az.AnalyzeContext(ctx, tr)
	require.NoError(t, err)
	checks := ctx.calls.Load()
	assert.GreaterOrEqual(t, checks, int64(len(tr.Turns)/ctxEvery), "checked all along")
	assert.LessOrEqual(t, checks, int64(len(tr.Turns)/ctxEvery+3), "not on every turn")
	want, err := az.Analyze(tr)
	require.NoError(t, err)
	assert.Equal(t, want.Metrics, a.Metrics, "the checks change nothing")

	_, err = az.AnalyzeContext(context.Background(), nil)
	assert.False(t, errors.Is(err, context.Canceled))
}

func TestMetricConstants(t *testing.T) {
	assert.Equal(t, []MetricName{
		MetricAgentTalkRatio, MetricAgentWords, MetricCustomerWords, MetricDurationSeconds,
		MetricAgentWPM, MetricCustomerWPM, MetricLongestAgentMonologueSeconds,
		MetricLongestCustomerStorySeconds, MetricSwitchesPerMinute,
		MetricPatienceSeconds, MetricDeadAirCount, MetricDeadAirSeconds, MetricOvertalkRatio,
		MetricHoldCount, MetricHoldSeconds, MetricLongestHoldSeconds, MetricHoldsExplained,
		MetricHoldsThanked, MetricTransfers,
		MetricAgentInterruptions, MetricCustomerInterruptions,
		MetricAgentQuestions, MetricOpenQuestions, MetricClosedQuestions, MetricOpenQuestionRatio,
		MetricParaphrases, MetricParaphraseRate, MetricReflectionToQuestionRatio,
		MetricEmpathyStatements, MetricAcknowledgments, MetricUnderstandingChecks,
		MetricActionCommitments, MetricDefensiveStatements, MetricCustomerNameUses,
		MetricCustomerRepeats, MetricAgentReasks, MetricListeningComplaints,
		MetricQuestionsBeforeSolution, MetricSecondsToFirstSolution, MetricClosingSummary,
		MetricCustomerSentimentStart, MetricCustomerSentimentEnd, MetricCustomerSentimentShift,
	}, MetricNames())
}

func TestEvidenceCarriesTheTurn(t *testing.T) {
	tr, err := Read("call.vtt", strings.NewReader("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Agent>What happened?\n\n"+
		"00:00:04.000 --> 00:00:06.000\n<v Customer>It broke.\n"), ReadOptions{})
	require.NoError(t, err)
	a, err := Analyze(tr, Config{})
	require.NoError(t, err)
	m, ok := a.Metric(MetricOpenQuestions)
	require.True(t, ok)
	require.Len(t, m.Evidence, 1)
	e := m.Evidence[0]
	assert.Equal(t, Evidence{Turn: 0, Speaker: "Agent", Role: RoleAgent, Text: "What happened?",
		Start: 1e9, HasStart: true, Line: 4, Reason: e.Reason}, e)
	b, err := e.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, `{"turn": 0, "time": "0:00:01.000", "speaker": "Agent", "role": "agent",
		"text": "What happened?", "line": 4, "reason": `+fmt.Sprintf("%q", e.Reason)+`}`, string(b))
}
