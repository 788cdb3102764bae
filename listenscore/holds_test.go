package listenscore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// holdCall is a support call with a two-minute wait in it:
//
//	turn  speaker   start–end       notes
//	0     Agent       0  –  5
//	1     Customer    5.5– 15
//	2     Agent      16  – 20       announces the hold (announced) or not
//	3     Customer   20.5– 21.5     "Okay": a backchannel
//	4     Agent     141.5–146       120 s after turn 3 ends
//	5     Customer  146.5–150
//	6     Agent     151  –154
//
// With shift set, turns 4 to 6 start 119.5 s earlier: the same call
// without the wait (turn 4 at 22 s, 0.5 s after turn 3).
func holdCall(announced, shift bool) *Transcript {
	wait, back := "Let me look at the line from here", "I have reset the line"
	if announced {
		wait = "Let me put you on a brief hold while I check the line"
		back = "Thank you for holding I have reset the line"
	}
	d := 0.0
	if shift {
		d = 119.5
	}
	return &Transcript{Turns: []Turn{
		at("Agent", 0, 5, "Thank you for calling Acme support how can I help"),
		at("Customer", 5.5, 15, "My router keeps dropping the connection every single night"),
		at("Agent", 16, 20, wait),
		at("Customer", 20.5, 21.5, "Okay"),
		at("Agent", 141.5-d, 146-d, back),
		at("Customer", 146.5-d, 150-d, "Great that is everything thanks"),
		at("Agent", 151-d, 154-d, "You are welcome have a good night"),
	}}
}

// twoHoldsCall has two holds, the first explained and thanked for, with
// the customer calling out during it; the second neither:
//
//	turn  speaker   start–end    notes
//	0     Customer   0  –  6
//	1     Agent      6.5–  9     announces hold 1, "for two minutes"
//	2     Customer   9.5– 10     "Sure": a backchannel
//	3     Customer  40  – 41.5   30 s of silence before it
//	4     Agent     61.5– 65     20 s of silence before it; thanks
//	5     Customer  65.5– 68
//	6     Agent     68.5– 70     announces hold 2, no reason
//	7     Agent    100  –104     30 s of silence before it; no thanks
func twoHoldsCall(timed bool) *Transcript {
	lines := []struct {
		speaker    string
		start, end float64
		text       string
	}{
		{"Customer", 0, 6, "I need to change the address on my account"},
		{"Agent", 6.5, 9, "Sure, can I put you on hold for two minutes?"},
		{"Customer", 9.5, 10, "Sure."},
		{"Customer", 40, 41.5, "Hello, anyone there?"},
		{"Agent", 61.5, 65, "Thanks for waiting, the address is updated."},
		{"Customer", 65.5, 68, "Great. Can you also check my last bill?"},
		{"Agent", 68.5, 70, "One moment please."},
		{"Agent", 100, 104, "Are you still there? The bill looks correct."},
	}
	tr := &Transcript{}
	for _, l := range lines {
		if timed {
			tr.Turns = append(tr.Turns, at(l.speaker, l.start, l.end, l.text))
		} else {
			tr.Turns = append(tr.Turns, say(l.speaker, l.text))
		}
	}
	return tr
}

func TestHoldMetrics(t *testing.T) {
	untimed := func(tr *Transcript) *Transcript {
		for i := range tr.Turns {
			tr.Turns[i].HasStart, tr.Turns[i].HasEnd = false, false
		}
		return tr
	}
	tests := []struct {
		name  string
		tr    *Transcript
		wants []want
		// evidence to check, by metric
		evidence map[string][]ev
	}{
		{
			name: "timed: an announced, explained two-minute hold, thanked for",
			tr:   holdCall(true, false),
			wants: []want{
				{"hold_count", 1, true, "count", "turn 2 announces, 120 s of silence follow"},
				{"hold_seconds", 120, true, "seconds", "141.5 − 21.5"},
				{"longest_hold_seconds", 120, true, "seconds", "the only hold"},
				{"holds_explained", 1, true, "ratio", `"while I check the line"`},
				{"holds_thanked", 1, true, "ratio", `"thank you for holding"`},
				{"dead_air_count", 0, true, "count", "the only long silence is the hold"},
				{"dead_air_seconds", 0, true, "seconds", "the only long silence is the hold"},
				{"longest_agent_monologue_seconds", 8.5, true, "seconds",
					"turns 2 and 4, the customer's backchannel and the hold between: 4 + 4.5 s of talk, as without the hold"},
				{"longest_customer_story_seconds", 9.5, true, "seconds", "turn 1: 15 − 5.5"},
				{"patience_seconds", 1, true, "seconds", "replies 2 and 6: (1 + 1)/2; turn 4 follows the agent's own turn"},
				{"transfers", 0, true, "count", "one agent"},
				{"duration_seconds", 154, true, "seconds", "the hold is part of the call"},
			},
			evidence: map[string][]ev{
				"hold_count":      {{2, `announces a hold ("put you on a brief hold"): 120 s of silence until turn 4`}},
				"holds_explained": {{2, `explained: "while I check the line"`}},
				"holds_thanked":   {{4, `thanks on return: "thank you for holding"`}},
				"longest_agent_monologue_seconds": {
					{2, "8.5 s of talk in Agent's stretch (turns 2 to 4)"},
					{4, "8.5 s of talk in Agent's stretch (turns 2 to 4)"},
				},
			},
		},
		{
			name: "timed: the same call without the wait",
			tr:   holdCall(true, true),
			wants: []want{
				{"hold_count", 0, true, "count", "0.5 s before turn 4: no one waited"},
				{"hold_seconds", 0, true, "seconds", "no holds"},
				{"longest_hold_seconds", 0, true, "seconds", "no holds"},
				{name: "holds_explained", reason: "no holds: n/a, not zero"},
				{name: "holds_thanked", reason: "no holds"},
				{"dead_air_count", 0, true, "count", "no gap over 3 s"},
				{"longest_agent_monologue_seconds", 8.5, true, "seconds", "turns 2 and 4: 4 + 4.5 s"},
				{"patience_seconds", 1, true, "seconds", "replies 2 and 6: (1 + 1)/2"},
			},
		},
		{
			name: "timed: an unannounced two-minute silence stays dead air",
			tr:   holdCall(false, false),
			wants: []want{
				{"hold_count", 0, true, "count", "no announcement"},
				{"hold_seconds", 0, true, "seconds", "no holds"},
				{name: "holds_explained", reason: "no holds"},
				{"dead_air_count", 1, true, "count", "120 s before turn 4"},
				{"dead_air_seconds", 120, true, "seconds", "141.5 − 21.5"},
				{"longest_agent_monologue_seconds", 5, true, "seconds",
					"the silence ends the stretch of turns 2 and 4 (4 s, 4.5 s); turn 0: 5 s"},
				{"patience_seconds", 1, true, "seconds", "replies 2 and 6: (1 + 1)/2"},
			},
		},
		{
			name: "untimed: the hold is counted, its length is not known",
			tr:   untimed(holdCall(true, false)),
			wants: []want{
				{"hold_count", 1, true, "count", "turn 2 announces"},
				{name: "hold_seconds", reason: "needs times: null, not a fake zero"},
				{name: "longest_hold_seconds", reason: "needs times"},
				{"holds_explained", 1, true, "ratio", `"while I check the line"`},
				{"holds_thanked", 1, true, "ratio", `"thank you for holding"`},
				{name: "dead_air_count", reason: "needs times"},
			},
			evidence: map[string][]ev{
				"hold_count": {{2, `announces a hold ("put you on a brief hold"); the agent side returns in turn 4`}},
			},
		},
		{
			name: "timed: two holds, one explained and thanked for, the customer calling out in the first",
			tr:   twoHoldsCall(true),
			wants: []want{
				{"hold_count", 2, true, "count", "turns 1 and 6"},
				{"hold_seconds", 80, true, "seconds", "hold 1: 30 s before turn 3 + 20 s before turn 4; hold 2: 30 s before turn 7"},
				{"longest_hold_seconds", 50, true, "seconds", "hold 1"},
				{"holds_explained", 0.5, true, "ratio", `hold 1 says "two minutes"; "one moment please" says neither why nor how long`},
				{"holds_thanked", 0.5, true, "ratio", `turn 4 thanks; turn 7 asks "are you still there" without thanks`},
				{"dead_air_count", 0, true, "count", "every long silence is a hold's"},
				{"patience_seconds", 0.5, true, "seconds", "replies 1 and 6: (0.5 + 0.5)/2; turn 4 follows 20 s of silence: a wait"},
				{"longest_agent_monologue_seconds", 5.5, true, "seconds", "turns 6 and 7 across hold 2: 1.5 + 4 s"},
				{"longest_customer_story_seconds", 6, true, "seconds", "turn 0"},
			},
			evidence: map[string][]ev{
				"hold_count": {
					{1, `announces a hold ("can I put you on hold"): 50 s of silence until turn 4`},
					{6, `announces a hold ("one moment please"): 30 s of silence until turn 7`},
				},
				"longest_hold_seconds": {{1, `announces a hold ("can I put you on hold"): 50 s of silence until turn 4`}},
				"holds_explained": {
					{1, `explained: "two minutes"`},
					{6, "not explained: no reason or length from the agent side before the hold"},
				},
				"holds_thanked": {
					{4, `thanks on return: "thanks for waiting"`},
					{7, "returns from the hold without thanks or an apology for the wait"},
				},
			},
		},
		{
			name: "untimed: two holds",
			tr:   twoHoldsCall(false),
			wants: []want{
				{"hold_count", 2, true, "count", "turns 1 and 6 announce"},
				{name: "hold_seconds", reason: "needs times"},
				{name: "longest_hold_seconds", reason: "needs times"},
				{"holds_explained", 0.5, true, "ratio", "hold 1 only"},
				{"holds_thanked", 0.5, true, "ratio", "turn 4 only"},
			},
		},
		{
			name: "timed: an announcement with no wait after it is no hold",
			tr: &Transcript{Turns: []Turn{
				at("Customer", 0, 4, "What is my balance"),
				at("Agent", 4.5, 6, "One moment please."),
				at("Agent", 7, 10, "It is forty pounds."),
			}},
			wants: []want{
				{"hold_count", 0, true, "count", "1 s before turn 2: no one waited"},
				{name: "holds_explained", reason: "no holds"},
			},
		},
		{
			name: "untimed: the call ends on hold",
			tr: &Transcript{Turns: []Turn{
				say("Customer", "What is my balance"),
				say("Agent", "Please hold."),
			}},
			wants: []want{
				{"hold_count", 1, true, "count", "turn 1 announces"},
				{"holds_explained", 0, true, "ratio", "no reason"},
				{"holds_thanked", 0, true, "ratio", "no return"},
			},
			evidence: map[string][]ev{
				"hold_count":    {{1, `announces a hold ("please hold"); the call ends before the agent side returns`}},
				"holds_thanked": {{1, "no return: the call ends on hold"}},
			},
		},
		{
			name: "the agent says nothing: n/a, never zero",
			tr:   &Transcript{Turns: []Turn{say("Customer", "Hello? Please hold on.")}},
			wants: []want{
				{name: "hold_count"},
				{name: "holds_explained"},
				{name: "transfers"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Analyze(tt.tr, Config{})
			require.NoError(t, err)
			checkMetrics(t, a.Metrics, tt.wants)
			for name, ev := range tt.evidence {
				m, _ := a.Metric(MetricName(name))
				assert.Equal(t, ev, turnReasons(m.Evidence), name)
			}
		})
	}
}

// TestHoldIsCutOut pins the acceptance line: on a call with an
// announced two-minute hold, monologue, dead air and patience are what
// they would be without the hold.
func TestHoldIsCutOut(t *testing.T) {
	with, err := Analyze(holdCall(true, false), Config{})
	require.NoError(t, err)
	without, err := Analyze(holdCall(true, true), Config{})
	require.NoError(t, err)
	for _, name := range []MetricName{"longest_agent_monologue_seconds", "longest_customer_story_seconds",
		"dead_air_count", "dead_air_seconds", "patience_seconds", "agent_words", "agent_interruptions"} {
		w, _ := with.Metric(name)
		wo, _ := without.Metric(name)
		assert.Equal(t, wo.Value, w.Value, name)
		assert.Equal(t, wo.Valid, w.Valid, name)
	}
	h, _ := with.Metric("hold_seconds")
	assert.Equal(t, 120.0, h.Value)
}

func TestHolds(t *testing.T) {
	a, err := Analyze(twoHoldsCall(true), Config{})
	require.NoError(t, err)
	require.Len(t, a.Holds, 2)
	assert.Equal(t, Hold{Turn: 1, Return: 4, Announcement: `"can I put you on hold"`, Timed: true,
		Silence: sec(50), Start: sec(10), End: sec(61.5), Explained: `"two minutes"`,
		Thanked: `"thanks for waiting"`, silences: []int{3, 4}}, a.Holds[0])
	assert.Equal(t, Hold{Turn: 6, Return: 7, Announcement: `"one moment please"`, Timed: true,
		Silence: sec(30), Start: sec(70), End: sec(100), silences: []int{7}}, a.Holds[1])
}

// TestHoldCues pins what announces a hold, what explains it and what
// thanks on return, in an agent's turn.
func TestHoldCues(t *testing.T) {
	tests := []struct {
		text                       string
		hold, reason, back, thanks string
	}{
		{text: "One moment please.", hold: `"one moment please"`},
		{text: "Bear with me while I pull that up.", hold: `"bear with me"`, reason: `"while I pull that up"`},
		{text: "I'm going to place you on a brief hold.", hold: `"place you on a brief hold"`},
		{text: "Let me check with billing, one moment.", hold: `"one moment"`, reason: `"let me check with billing"`},
		{text: "Okay, unplug it. It'll take about two minutes to restart.", hold: `"take about two minutes"`, reason: `"two minutes"`},
		{text: "Give it thirty seconds and tell me what the light does.", hold: `"give it thirty seconds"`, reason: `"thirty seconds"`},
		{text: "I need to speak to the adjuster's team. Can I put you on hold for a few minutes?",
			hold: `"can I put you on hold"`, reason: `"to speak to the adjuster's team"`},
		{text: "Please stay on the line while it reboots.", hold: `"please stay on the line"`, reason: `"while it reboots"`},
		{text: "Let me put you on hold.", hold: `"put you on hold"`},
		{text: "Just a second.", hold: `"just a second"`},
		// No hold: days are no wait on the line, a moment to read is an
		// instruction. (A reason is sought only where there is a hold.)
		{text: "The refund takes five days to reach your card."},
		{text: "Take a moment to read the email."},
		{text: "Hold on, that's not right.", reason: ""},
		{text: "Thank you so much for holding.", back: `"thank you so much for holding"`, thanks: "yes"},
		{text: "Sorry for the wait, I have it now.", back: `"sorry for the wait"`, thanks: "yes"},
		{text: "Are you still there?", back: `"are you still there"`},
		{text: "I appreciate your patience.", back: `"I appreciate your patience"`, thanks: "yes"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			tr := turnsTranscript(t, "agent: "+tt.text)
			lex := defaultLexicons()
			cues := findCallCues(tr, lex.allFeatures(tr.Turns, Config{}.withDefaults()), lex)
			var got callCue
			if cues != nil {
				got = cues[0]
			}
			assert.Equal(t, tt.hold, got.hold, "hold")
			assert.Equal(t, tt.reason, got.reason, "reason")
			assert.Equal(t, tt.back, got.back, "back")
			assert.Equal(t, tt.thanks != "", got.thanks, "thanks")
		})
	}
}
