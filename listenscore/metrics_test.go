package listenscore

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The metric tests pin hand-computed values. Talk and timing metrics go
// through Analyze on transcripts whose texts any tokenizer counts the same
// (plain words, no backchannels, no cut-offs); language metrics call
// computeMetrics with tags and features set by hand.

func TestMetricNames(t *testing.T) {
	assert.Equal(t, []MetricName{
		"agent_talk_ratio", "agent_words", "customer_words", "duration_seconds",
		"agent_wpm", "customer_wpm", "longest_agent_monologue_seconds",
		"longest_customer_story_seconds", "switches_per_minute",
		"patience_seconds", "dead_air_count", "dead_air_seconds", "overtalk_ratio",
		"hold_count", "hold_seconds", "longest_hold_seconds", "holds_explained", "holds_thanked",
		"transfers", "agent_interruptions", "customer_interruptions",
		"agent_questions", "open_questions", "closed_questions", "open_question_ratio",
		"paraphrases", "paraphrase_rate", "reflection_to_question_ratio",
		"empathy_statements", "acknowledgments", "understanding_checks",
		"action_commitments", "defensive_statements", "customer_name_uses",
		"customer_repeats", "agent_reasks", "listening_complaints", "questions_before_solution",
		"seconds_to_first_solution", "closing_summary", "customer_sentiment_start",
		"customer_sentiment_end", "customer_sentiment_shift",
	}, MetricNames())

	names := MetricNames()
	names[0] = "changed"
	assert.Equal(t, MetricAgentTalkRatio, MetricNames()[0], "MetricNames returns a copy")

	a, err := Analyze(&Transcript{Turns: []Turn{say("Agent", "hello there")}}, Config{})
	require.NoError(t, err)
	require.Len(t, a.Metrics, len(MetricNames()))
	for i, m := range a.Metrics {
		assert.Equal(t, MetricNames()[i], m.Name)
		assert.NotEmpty(t, m.Unit, m.Name)
	}
}

// callTurns is a small support call. With times (timedCall) it has, by
// construction:
//
//	turn  speaker   start–end   words  notes
//	0     Agent      0.0– 4.0    6
//	1     Customer   4.5–12.0    8
//	2     Agent     11.0–13.0    5     starts 1 s before turn 1 ends: interruption
//	3     Customer  13.5–15.0    5
//	4     Customer  19.0–22.0    5     4 s of silence before it
//	5     Agent     22.2–30.0    7
//	6     Customer  29.8–31.0    4     0.2 s overlap: below the threshold
//	7     Agent     35.0–40.0    7     4 s of silence before it
var callTurns = []struct {
	speaker    string
	start, end float64
	text       string
}{
	{"Agent", 0, 4, "Thank you for calling Acme support"},
	{"Customer", 4.5, 12, "My internet keeps dropping every evening around eight"},
	{"Agent", 11, 13, "Which router do you have"},
	{"Customer", 13.5, 15, "The black one from you"},
	{"Customer", 19, 22, "It was installed last spring"},
	{"Agent", 22.2, 30, "Let me check the line from here"},
	{"Customer", 29.8, 31, "Thank you very much"},
	{"Agent", 35, 40, "I have reset the line for you"},
}

func timedCall() *Transcript {
	t := &Transcript{}
	for _, c := range callTurns {
		t.Turns = append(t.Turns, at(c.speaker, c.start, c.end, c.text))
	}
	return t
}

func untimedCall() *Transcript {
	t := &Transcript{}
	for _, c := range callTurns {
		t.Turns = append(t.Turns, say(c.speaker, c.text))
	}
	return t
}

func startOnlyCall() *Transcript {
	t := &Transcript{}
	for _, c := range callTurns {
		t.Turns = append(t.Turns, from(c.speaker, c.start, c.text))
	}
	return t
}

// want is an expected metric; invalid ones need only the name.
type want struct {
	name   string
	value  float64
	valid  bool
	unit   string // checked when set
	reason string // the arithmetic
}

func checkMetrics(t *testing.T, got []Metric, wants []want) {
	t.Helper()
	for _, w := range wants {
		m, ok := findMetric(got, w.name)
		if !assert.True(t, ok, "metric %s missing", w.name) {
			continue
		}
		assert.Equal(t, w.valid, m.Valid, "%s valid (%s)", w.name, w.reason)
		assert.InDelta(t, w.value, m.Value, 1e-9, "%s = %s", w.name, w.reason)
		if w.unit != "" {
			assert.Equal(t, w.unit, m.Unit, w.name)
		}
		if !m.Valid {
			assert.Empty(t, m.Evidence, "%s: invalid metrics carry no evidence", w.name)
		}
	}
}

func findMetric(ms []Metric, name string) (Metric, bool) {
	return (&Analysis{Metrics: ms}).Metric(MetricName(name))
}

// ev is the part of an Evidence the metric tests pin: the turn and why.
type ev struct {
	Turn   int
	Reason string
}

func turnReasons(evidence []Evidence) []ev {
	if evidence == nil {
		return nil
	}
	out := make([]ev, len(evidence))
	for i, e := range evidence {
		out[i] = ev{e.Turn, e.Reason}
	}
	return out
}

func TestTalkAndTimingMetricsTimed(t *testing.T) {
	a, err := Analyze(timedCall(), Config{})
	require.NoError(t, err)
	checkMetrics(t, a.Metrics, []want{
		{"agent_talk_ratio", 0.5875, true, "ratio (seconds)",
			"agent 4+2+7.8+5 = 18.8 s; customer 7.5+1.5+3+1.2 = 13.2 s; 18.8/32"},
		{"agent_words", 25, true, "words", "6+5+7+7"},
		{"customer_words", 22, true, "words", "8+5+5+4"},
		{"duration_seconds", 40, true, "seconds", "40 − 0"},
		{"agent_wpm", 25 / (18.8 / 60), true, "words/min", "25 words in 18.8 s"},
		{"customer_wpm", 100, true, "words/min", "22 words in 13.2 s = 22/0.22 min"},
		{"longest_agent_monologue_seconds", 7.8, true, "seconds", "turn 5: 30 − 22.2"},
		{"longest_customer_story_seconds", 7.5, true, "seconds",
			"turn 1: 12 − 4.5; the 4 s silence before turn 4 splits turns 3–4 into 1.5 s and 3 s of talk"},
		{"switches_per_minute", 9, true, "per minute", "7 stretches, 6 switches in 40 s: 6/(2/3)"},
		{"patience_seconds", 0.1, true, "seconds",
			"replies 2, 5: (0 + 0.2)/2; turn 7 follows 4 s of silence, over the 3 s threshold: dead air, not a pause"},
		{"dead_air_count", 2, true, "count", "gaps of 4 s before turns 4 and 7"},
		{"dead_air_seconds", 8, true, "seconds", "4 + 4"},
		{"overtalk_ratio", 0.03, true, "ratio", "(12−11) + (30−29.8) = 1.2 s of 40 s"},
		{"agent_interruptions", 1, true, "count", "turn 2"},
		{"customer_interruptions", 0, true, "count", "turn 6 overlaps 0.2 s only"},
	})

	evidence := map[string][]ev{
		"duration_seconds": {
			{0, "first to start, at 0 s"},
			{7, "last to end, at 40 s"},
		},
		"longest_agent_monologue_seconds": {{5, "7.8 s of talk in Agent's stretch (turn 5)"}},
		"longest_customer_story_seconds":  {{1, "7.5 s of talk in Customer's stretch (turn 1)"}},
		"switches_per_minute": {
			{1, "takes the floor from Agent"},
			{2, "takes the floor from Customer"},
			{3, "takes the floor from Agent"},
			{5, "takes the floor from Customer"},
			{6, "takes the floor from Agent"},
			{7, "takes the floor from Customer"},
		},
		"patience_seconds": {
			{2, "starts 1 s before Customer's turn 1 ends (counts as 0 s)"},
			{5, "replies 0.2 s after Customer's turn 4 ends"},
		},
		"dead_air_count": {
			{4, "4 s of silence before this turn"},
			{7, "4 s of silence before this turn"},
		},
		"overtalk_ratio": {
			{2, "agent and customer both talk for 1 s from 11 s"},
			{6, "agent and customer both talk for 0.2 s from 29.8 s"},
		},
		"agent_interruptions": {{2, "starts 1 s before Customer finishes turn 1"}},
		"agent_talk_ratio":    nil,
		"agent_words":         nil,
	}
	for name, ev := range evidence {
		m, _ := a.Metric(MetricName(name))
		assert.Equal(t, ev, turnReasons(m.Evidence), name)
	}
	assert.Equal(t, "starts 1 s before Customer finishes turn 1", a.Turns[2].Reason(TagInterruption))
	for i, tt := range a.Turns {
		if i != 2 {
			assert.False(t, tt.Has(TagInterruption), "turn %d", i)
		}
	}
}

// untimedWants are the talk and timing metrics of the call without times:
// words decide the talk ratio; every metric that needs times is invalid.
var untimedWants = []want{
	{"agent_talk_ratio", 25.0 / 47, true, "ratio (words)", "25 agent words of 25+22"},
	{"agent_words", 25, true, "words", "6+5+7+7"},
	{"customer_words", 22, true, "words", "8+5+5+4"},
	{name: "duration_seconds", unit: "seconds"},
	{name: "agent_wpm", unit: "words/min"},
	{name: "customer_wpm"},
	{name: "longest_agent_monologue_seconds"},
	{name: "longest_customer_story_seconds"},
	{name: "switches_per_minute", unit: "per minute"},
	{name: "patience_seconds"},
	{name: "dead_air_count"},
	{name: "dead_air_seconds"},
	{name: "overtalk_ratio"},
	{"agent_interruptions", 0, true, "count", "no turn is cut off"},
	{"customer_interruptions", 0, true, "count", "no turn is cut off"},
}

func TestTalkAndTimingMetricsUntimed(t *testing.T) {
	a, err := Analyze(untimedCall(), Config{})
	require.NoError(t, err)
	checkMetrics(t, a.Metrics, untimedWants)
}

func TestTalkAndTimingMetricsStartOnly(t *testing.T) {
	// "[mm:ss] Speaker: text" transcripts have starts but no ends: nothing
	// that needs an end time is computed, exactly as without times.
	a, err := Analyze(startOnlyCall(), Config{})
	require.NoError(t, err)
	checkMetrics(t, a.Metrics, untimedWants)
}

func TestTalkAndTimingMetricsNotComputable(t *testing.T) {
	tests := []struct {
		name  string
		turns []Turn
		wants []want
	}{
		{
			name:  "no turns",
			turns: nil,
			wants: []want{
				{name: "agent_talk_ratio", reason: "the agent says nothing"},
				{"agent_words", 0, true, "", "no turns"},
				{"customer_words", 0, true, "", "no turns"},
				{name: "duration_seconds"},
				{name: "patience_seconds"},
				{name: "switches_per_minute"},
				{name: "agent_interruptions", reason: "no agent to count: not a zero"},
				{name: "customer_interruptions"},
				{name: "open_questions"},
				{name: "paraphrase_rate"},
			},
		},
		{
			name:  "only empty turns",
			turns: []Turn{say("Agent", ""), say("Customer", "")},
			wants: []want{
				{name: "agent_talk_ratio"},
				{name: "defensive_statements", reason: "an empty turn says nothing"},
			},
		},
		{
			name:  "the customer alone",
			turns: []Turn{say("Customer", "hello is anyone there I have been waiting")},
			wants: []want{
				{name: "agent_talk_ratio"},
				{name: "agent_interruptions"},
				{name: "empathy_statements"},
				{name: "defensive_statements"},
				{name: "paraphrase_rate"},
				{"customer_interruptions", 0, true, "", "the customer speaks and interrupts no one"},
				{"customer_words", 8, true, "", "8 words"},
			},
		},
		{
			name: "timed, the agent alone",
			turns: []Turn{
				at("Agent", 0, 6, "hello is anyone there"),
				at("Agent", 10, 12, "I will call back"),
			},
			wants: []want{
				{"agent_talk_ratio", 1, true, "ratio (seconds)", "8 s of 8 s"},
				{"agent_wpm", 60, true, "", "4+4 words in 6+2 s: 8/(8/60)"},
				{name: "customer_wpm", reason: "no customer talk time"},
				{"longest_agent_monologue_seconds", 6, true, "", "one stretch split by 4 s of silence: 6 s and 2 s of talk"},
				{name: "longest_customer_story_seconds", reason: "no customer turns"},
				{"switches_per_minute", 0, true, "", "one stretch: 0 switches"},
				{name: "patience_seconds", reason: "no customer→agent transitions"},
				{"dead_air_count", 1, true, "", "10 − 6 = 4 s > 3 s"},
				{"dead_air_seconds", 4, true, "", "10 − 6"},
				{"overtalk_ratio", 0, true, "", "nobody to overlap with"},
			},
		},
		{
			name: "timed, zero-length turns",
			turns: []Turn{
				at("Customer", 5, 5, "hello"),
				at("Agent", 5, 5, "hi"),
			},
			wants: []want{
				{name: "agent_talk_ratio", unit: "ratio (seconds)", reason: "0 s of talk"},
				{"duration_seconds", 0, true, "", "5 − 5"},
				{name: "agent_wpm", reason: "0 s of talk"},
				{name: "switches_per_minute", reason: "0 minutes"},
				{name: "overtalk_ratio", reason: "0 s duration"},
				{"patience_seconds", 0, true, "", "replies at once: max(0, 5 − 5)"},
			},
		},
		{
			name: "one turn without an end makes the transcript untimed",
			turns: []Turn{
				at("Agent", 0, 4, "hello there my friend"),
				from("Customer", 5, "hi"),
			},
			wants: []want{
				{"agent_talk_ratio", 0.8, true, "ratio (words)", "4 words of 5"},
				{"duration_seconds", 4, true, "seconds", "first start 0 s to last end 4 s: the times there are"},
				{name: "dead_air_count"},
				{name: "longest_agent_monologue_seconds"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Analyze(&Transcript{Turns: tt.turns}, Config{})
			require.NoError(t, err)
			checkMetrics(t, a.Metrics, tt.wants)
		})
	}
}

func TestDeadAirThreshold(t *testing.T) {
	tr := &Transcript{Turns: []Turn{
		at("Agent", 0, 1, "hello there my friend"),
		at("Customer", 4, 5, "hello to you too"),     // gap 3 s: not above 3 s
		at("Agent", 8.001, 9, "how can I help you"),  // gap 3.001 s
		at("Customer", 15, 16, "my bill is wrong"),   // gap 6 s
		at("Unknown", 16.5, 17, "background voices"), // gap 0.5 s
	}}
	tests := []struct {
		threshold     float64
		count, totalS float64
		reason        string
	}{
		{3, 2, 9.001, "3.001 + 6; the gap of exactly 3 s does not exceed 3 s"},
		{5, 1, 6, "only the 6 s gap"},
		{0.4, 4, 12.501, "3 + 3.001 + 6 + 0.5"},
	}
	for _, tt := range tests {
		a, err := Analyze(tr, Config{SilenceThreshold: sec(tt.threshold)})
		require.NoError(t, err)
		checkMetrics(t, a.Metrics, []want{
			{"dead_air_count", tt.count, true, "count", tt.reason},
			{"dead_air_seconds", tt.totalS, true, "seconds", tt.reason},
		})
	}
}

// languageTurns is a call whose tags are set by hand (languageTags) and
// whose content-word counts and backchannels are given.
var languageTurns = []struct {
	speaker      string
	text         string
	contentWords int
	backchannel  bool
}{
	{"Agent", "Thanks for calling, how can I help you today?", 3, false},             // 0
	{"Customer", "My card was charged twice for the same order last week", 7, false}, // 1
	{"Agent", "So you were charged twice for one order?", 4, false},                  // 2
	{"Customer", "Yes", 0, true},                                                     // 3
	{"Agent", "I am sorry about that, that must be frustrating", 3, false},           // 4
	{"Customer", "Can you fix it? I need that money for rent this month", 6, false},  // 5
	{"Agent", "Mm-hmm", 0, true},                                                     // 6
	{"Agent", "Did you contact your bank already?", 3, false},                        // 7
	{"Customer", "No I have not", 1, false},                                          // 8
	{"Agent", "That is not our fault, but I will refund it today", 4, false},         // 9
	{"Customer", "Okay that is fine thank you very much for that", 5, false},         // 10
	{"Customer", "Really", 1, false},                                                 // 11
}

// languageTags are the hand-set tags, by turn, each with its reason.
var languageTags = map[int][]Tag{
	0:  {TagQuestion, TagOpenQuestion},
	2:  {TagQuestion, TagClosedQuestion, TagParaphrase, TagUnderstandingCheck},
	3:  {TagInterruption},
	4:  {TagEmpathy, TagAcknowledgment},
	5:  {TagQuestion, TagClosedQuestion}, // the customer's: not counted
	7:  {TagQuestion, TagClosedQuestion},
	9:  {TagDefensive, TagActionCommitment, TagInterruption},
	10: {TagAcknowledgment}, // the customer's: not counted
}

func languageAnalysis(timed bool) (*Analysis, []turnSummary) {
	tr := &Transcript{}
	for i, lt := range languageTurns {
		if timed {
			tr.Turns = append(tr.Turns, at(lt.speaker, float64(2*i), float64(2*i)+1.5, lt.text))
		} else {
			tr.Turns = append(tr.Turns, say(lt.speaker, lt.text))
		}
	}
	feats := handFeats(tr.Turns, nil, nil)
	for i, lt := range languageTurns {
		feats[i].contentWords = lt.contentWords
		feats[i].backchannel = lt.backchannel
	}
	a := &Analysis{Transcript: tr, Turns: make([]TurnTags, len(tr.Turns))}
	for i, tags := range languageTags {
		for _, tag := range tags {
			a.Turns[i].set(tag, string(tag)+" cue "+string(rune('a'+i)))
		}
	}
	return a, feats
}

func TestLanguageMetrics(t *testing.T) {
	wants := []want{
		{"agent_questions", 3, true, "count", "agent turns 0, 2, 7; customer turn 5 not counted"},
		{"open_questions", 1, true, "count", "turn 0"},
		{"closed_questions", 2, true, "count", "turns 2, 7"},
		{"open_question_ratio", 1.0 / 3, true, "ratio", "1 open / (1 open + 2 closed)"},
		{"paraphrases", 1, true, "count", "turn 2"},
		{"paraphrase_rate", 1.0 / 3, true, "ratio",
			"substantive customer turns 1 (7 cw), 5 (6 cw), 10 (5 cw); only 1's next agent turn (2) paraphrases; " +
				"5's next non-backchannel agent turn is 7; nothing follows 10; turns 3, 8, 11 have < 5 content words"},
		{"reflection_to_question_ratio", 1.0 / 3, true, "ratio", "1 paraphrase / 3 questions"},
		{"empathy_statements", 1, true, "count", "turn 4"},
		{"acknowledgments", 1, true, "count", "turn 4; customer turn 10 not counted"},
		{"understanding_checks", 1, true, "count", "turn 2"},
		{"action_commitments", 1, true, "count", "turn 9"},
		{"defensive_statements", 1, true, "count", "turn 9"},
		{"agent_interruptions", 1, true, "count", "turn 9"},
		{"customer_interruptions", 1, true, "count", "turn 3"},
		{name: "customer_name_uses", unit: "count", reason: "no name known"},
	}
	evidence := map[string][]ev{
		"agent_questions": {{0, "question cue a"}, {2, "question cue c"}, {7, "question cue h"}},
		// The tags' own reasons (in Analyze they open with the tag's label).
		"open_question_ratio": {
			{0, "open_question cue a"},
			{2, "closed_question cue c"},
			{7, "closed_question cue h"},
		},
		"reflection_to_question_ratio": {
			{0, "question cue a"},
			{2, "question cue c; paraphrase cue c"},
			{7, "question cue h"},
		},
		"paraphrase_rate": {
			{1, "substantive (7 content words); agent's next turn 2 paraphrases it"},
			{5, "substantive (6 content words); agent's next turn 7 does not paraphrase it"},
			{10, "substantive (5 content words); no agent turn follows"},
		},
		"defensive_statements":   {{9, "defensive cue j"}},
		"customer_interruptions": {{3, "interruption cue d"}},
	}
	for _, timed := range []bool{true, false} {
		name := map[bool]string{true: "timed", false: "untimed"}[timed]
		t.Run(name, func(t *testing.T) {
			a, feats := languageAnalysis(timed)
			require.Equal(t, timed, a.Transcript.Timed())
			ms := computeMetrics(a, feats, nil, Config{}.withDefaults())
			checkMetrics(t, ms, wants)
			for metric, ev := range evidence {
				m, _ := findMetric(ms, metric)
				assert.Equal(t, ev, turnReasons(m.Evidence), metric)
			}
		})
	}
}

func TestLanguageMetricsNotComputable(t *testing.T) {
	turns := []Turn{
		say("Agent", "I will send the form today"),
		say("Customer", "Okay"),
		say("Agent", "Anything else I can do"),
	}
	tr := &Transcript{Turns: turns}
	feats := handFeats(turns, []int{1}, nil)
	a := &Analysis{Transcript: tr, Turns: make([]TurnTags, len(turns))}
	a.Turns[0].set(TagActionCommitment, "I will send")
	ms := computeMetrics(a, feats, nil, Config{}.withDefaults())
	checkMetrics(t, ms, []want{
		{"agent_questions", 0, true, "count", "no question tags"},
		{name: "open_question_ratio", reason: "0 open + 0 closed"},
		{name: "reflection_to_question_ratio", reason: "0 questions"},
		{name: "paraphrase_rate", reason: "no substantive customer turn (turn 1 is a backchannel)"},
		{"paraphrases", 0, true, "count", "none"},
		{"action_commitments", 1, true, "count", "turn 0"},
	})

	t.Run("questions that are neither open nor closed", func(t *testing.T) {
		a := &Analysis{Transcript: tr, Turns: make([]TurnTags, len(turns))}
		a.Turns[2].set(TagQuestion, "ends with ?")
		a.Turns[0].set(TagParaphrase, "so you")
		ms := computeMetrics(a, feats, nil, Config{}.withDefaults())
		checkMetrics(t, ms, []want{
			{"agent_questions", 1, true, "", "turn 2"},
			{name: "open_question_ratio", reason: "the question is neither open nor closed"},
			{"reflection_to_question_ratio", 1, true, "", "1 paraphrase / 1 question"},
		})
	})
	t.Run("a substantive-length backchannel is not substantive", func(t *testing.T) {
		feats := handFeats(turns, []int{1}, nil)
		feats[1].contentWords = 9
		a := &Analysis{Transcript: tr, Turns: make([]TurnTags, len(turns))}
		ms := computeMetrics(a, feats, nil, Config{MinSubstantiveWords: 1}.withDefaults())
		checkMetrics(t, ms, []want{{name: "paraphrase_rate", reason: "turn 1 is a backchannel"}})
	})
	t.Run("MinSubstantiveWords decides", func(t *testing.T) {
		feats := handFeats(turns, nil, nil) // turn 1: 1 content word
		a := &Analysis{Transcript: tr, Turns: make([]TurnTags, len(turns))}
		a.Turns[2].set(TagParaphrase, "so you")
		ms := computeMetrics(a, feats, nil, Config{MinSubstantiveWords: 1}.withDefaults())
		checkMetrics(t, ms, []want{{"paraphrase_rate", 1, true, "", "turn 1 (1 cw ≥ 1) is played back by turn 2"}})
	})
}

func TestCustomerNameUses(t *testing.T) {
	tests := []struct {
		name     string
		config   string
		turns    []Turn
		value    float64 // -1: invalid
		evidence []ev
	}{
		{
			name:   "configured name, first word, word boundaries",
			config: "Dana Smith",
			turns: []Turn{
				say("Agent", "Thanks for calling, Dana."),
				say("Customer", "Dana here, hi"),
				say("Agent", "I found DANA's order"),
				say("Agent", "Danae from billing will call"),
				say("Agent", "Smith is on the account"),
			},
			value: 2,
			evidence: []ev{
				{0, `uses the customer's name "Dana" (from the configuration)`},
				{2, `uses the customer's name "Dana" (from the configuration)`},
			},
		},
		{
			name:   "configured full name: the first name, or a title and the surname",
			config: "Dana Smith",
			turns: []Turn{
				say("Agent", "Thank you, Mrs. Smith."),
				say("Agent", "Smith is on the account"),
				say("Agent", "Dana, anything else?"),
			},
			value: 2,
			evidence: []ev{
				{0, `uses the customer's name "Mrs Smith" (from the configuration)`},
				{2, `uses the customer's name "Dana" (from the configuration)`},
			},
		},
		{
			name: "the name given in answer to the agent's question",
			turns: []Turn{
				say("Agent", "Can I take your full name and date of birth please?"),
				say("Customer", "Margaret Hughes, the fourteenth of June 1948."),
				say("Agent", "Thank you, Mrs Hughes."),
				say("Agent", "And Margaret, is this the number we have on file?"),
			},
			value: 2,
			evidence: []ev{
				{2, `uses the customer's name "Mrs Hughes" (given in answer to turn 0)`},
				{3, `uses the customer's name "Margaret" (given in answer to turn 0)`},
			},
		},
		{
			name: "who am I speaking with, answered past an opener",
			turns: []Turn{
				say("Agent", "Who am I speaking with?"),
				say("Customer", "Sure, it's Tom. I'm calling about my bill."),
				say("Agent", "Thanks, Tom."),
			},
			value:    1,
			evidence: []ev{{2, `uses the customer's name "Tom" (given in answer to turn 0)`}},
		},
		{
			name: "two customers on the line, each named by a label",
			turns: []Turn{
				{Speaker: "Helen Marsh", Role: RoleCustomer, Text: "Hi, my husband Doug is here too."},
				{Speaker: "Doug Marsh", Role: RoleCustomer, Text: "Hello."},
				say("Agent", "Hi Doug, thanks for joining."),
				say("Agent", "Helen, can you see the router?"),
			},
			value: 2,
			evidence: []ev{
				{2, `uses the name "Doug" of another customer on the line (from the speaker label "Doug Marsh")`},
				{3, `uses the customer's name "Helen" (from the speaker label "Helen Marsh")`},
			},
		},
		{
			name: "an answer that is not a name",
			turns: []Turn{
				say("Agent", "Can I get your name?"),
				say("Customer", "Why do you need it?"),
				say("Agent", "Just to find the account."),
				say("Customer", "Okay. The account is under my husband."),
			},
			value: -1,
		},
		{
			name: "a sentence after the name question is not a name",
			turns: []Turn{
				say("Agent", "And your name?"),
				say("Customer", "The tenancy is in my partner's name."),
			},
			value: -1,
		},
		{
			name:   "configured name with a title",
			config: "Mrs. Okafor",
			turns:  []Turn{say("Agent", "Thank you, Mrs Okafor")},
			value:  1,
			evidence: []ev{
				{0, `uses the customer's name "Okafor" (from the configuration)`},
			},
		},
		{
			name:   "configured name wins over a stated one",
			config: "Sam",
			turns: []Turn{
				say("Customer", "My name is Dana"),
				say("Agent", "Thanks Dana"),
			},
			value: 0,
		},
		{
			name: "my name is",
			turns: []Turn{
				say("Agent", "How can I help?"),
				say("Customer", "Hi, my name is dana smith and my bill is wrong"),
				say("Agent", "Sorry to hear that, Dana."),
			},
			value:    1,
			evidence: []ev{{2, `uses the customer's name "dana" (stated in turn 1)`}},
		},
		{
			name: "this is, capitalized",
			turns: []Turn{
				say("Customer", "Hi, this is Dana from 4B"),
				say("Agent", "Hi Dana"),
			},
			value:    1,
			evidence: []ev{{1, `uses the customer's name "Dana" (stated in turn 0)`}},
		},
		{
			name: "this is, lower case, is not a name",
			turns: []Turn{
				say("Customer", "this is ridiculous"),
				say("Agent", "I understand"),
			},
			value: -1,
		},
		{
			name:  "this is, a weekday, is not a name",
			turns: []Turn{say("Customer", "This is Monday again"), say("Agent", "Monday it is")},
			value: -1,
		},
		{
			name: "it's X speaking",
			turns: []Turn{
				say("Customer", "Hello, it’s Priya speaking"),
				say("Agent", "Hello Priya"),
			},
			value:    1,
			evidence: []ev{{1, `uses the customer's name "Priya" (stated in turn 0)`}},
		},
		{
			name:  "it is X without speaking is not a name",
			turns: []Turn{say("Customer", "It is Priya's account"), say("Agent", "Priya, yes")},
			value: -1,
		},
		{
			name: "am I speaking with X, confirmed",
			turns: []Turn{
				say("Agent", "Good morning, am I speaking with Mr. Jones?"),
				say("Agent", "Sorry, the line is bad"),
				say("Customer", "Yes, speaking"),
				say("Agent", "Thanks, Mr Jones"),
			},
			value: 2,
			evidence: []ev{
				{0, `uses the customer's name "Jones" (confirmed in turn 0)`},
				{3, `uses the customer's name "Jones" (confirmed in turn 0)`},
			},
		},
		{
			name: "am I speaking with X, denied",
			turns: []Turn{
				say("Agent", "Am I speaking with Dana?"),
				say("Customer", "No, this is her husband"),
				say("Agent", "Could I speak to Dana?"),
			},
			value: -1,
		},
		{
			name:  "my name is, followed by a common word",
			turns: []Turn{say("Customer", "My name is not important"), say("Agent", "Okay")},
			value: -1,
		},
		{
			name:  "the agent's own name is not the customer's",
			turns: []Turn{say("Agent", "My name is Alex, how can I help?"), say("Customer", "Hi Alex")},
			value: -1,
		},
		{
			name:  "known name, never used",
			turns: []Turn{say("Customer", "My name is Dana"), say("Agent", "How can I help")},
			value: 0,
		},
		{
			name:  "no turns, no name",
			value: -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &Transcript{Turns: tt.turns}
			a := &Analysis{Transcript: tr, Turns: make([]TurnTags, len(tt.turns))}
			cfg := Config{CustomerName: tt.config}.withDefaults()
			ms := computeMetrics(a, handFeats(tt.turns, nil, nil), nil, cfg)
			m, ok := findMetric(ms, "customer_name_uses")
			require.True(t, ok)
			if tt.value < 0 {
				assert.False(t, m.Valid)
				assert.Zero(t, m.Value)
				return
			}
			assert.True(t, m.Valid)
			assert.Equal(t, tt.value, m.Value)
			assert.Equal(t, tt.evidence, turnReasons(m.Evidence))
		})
	}
}

func TestContainsName(t *testing.T) {
	tests := []struct {
		text, name string
		want       bool
	}{
		{"Thanks, Dana.", "dana", true},
		{"dana", "Dana", true},
		{"Dana's order", "Dana", true},
		{"Danae", "Dana", false},
		{"Adana", "Dana", false},
		{"Adana and Dana", "Dana", true},
		{"José, hola", "josé", true},
		{"Josée", "José", false},
		{"anything", "", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, containsName(tt.text, tt.name), "%q in %q", tt.name, tt.text)
	}
}

func TestAnalyzeIsDeterministic(t *testing.T) {
	for _, tr := range []*Transcript{timedCall(), untimedCall(), startOnlyCall()} {
		a1, err := Analyze(tr, Config{})
		require.NoError(t, err)
		a2, err := Analyze(tr, Config{})
		require.NoError(t, err)
		assert.Equal(t, a1, a2)
		j1, err := json.Marshal(a1)
		require.NoError(t, err)
		j2, err := json.Marshal(a2)
		require.NoError(t, err)
		assert.Equal(t, string(j1), string(j2))
	}
}

func TestAnalyzeDoesNotModifyTranscript(t *testing.T) {
	tr := timedCall()
	before := timedCall()
	_, err := Analyze(tr, Config{})
	require.NoError(t, err)
	assert.Equal(t, before, tr)
}

// FuzzMetrics builds transcripts from bytes, 5 per turn (speaker, start
// step, length, flags, tags), and checks that tagging, holds, transfers,
// metrics and agents' parts never panic, always return every metric with
// a finite value, keep invalid metrics at 0, point evidence at real turns,
// and encode to JSON.
func FuzzMetrics(f *testing.F) {
	f.Add([]byte{0, 0, 40, 0, 0, 1, 45, 75, 0, 0, 0, 10, 20, 0, 0})
	f.Add([]byte{0, 0, 0, 8, 1, 1, 0, 0, 1, 2, 2, 3, 3, 3, 3})
	f.Add([]byte{1, 0, 0, 4, 0, 0, 1, 0, 0, 255, 2, 255, 255, 6, 255})
	f.Add([]byte("00000")) // found by fuzzing: one timed turn is both first and last
	f.Fuzz(func(t *testing.T, data []byte) {
		var turns []Turn
		var feats []turnSummary
		var tags []TurnTags
		cues := callCues{}
		labels := []string{"Agent", "Customer", "Customer 2", "", "Agent 2"}
		texts := []string{"so I was-", "mm-hmm", "my name is Dana", "Dana, am I speaking with Dana?", "yes", ""}
		clock := time.Duration(0)
		for k := 0; k+5 <= len(data); k += 5 {
			b := data[k : k+5]
			label := labels[int(b[0])%len(labels)]
			tu := Turn{Speaker: label, Role: roleOf(label), Text: texts[int(b[4])%len(texts)]}
			clock += time.Duration(int8(b[1])) * 100 * time.Millisecond // may go back
			flags := b[3]
			if flags&1 == 0 {
				tu.Start, tu.HasStart = clock, true
				if flags&2 == 0 {
					tu.End, tu.HasEnd = clock+time.Duration(b[2])*100*time.Millisecond, true
				}
			}
			var tt TurnTags
			for j, tag := range Tags() {
				if int(b[4])>>(j%8)&1 == 1 && j%3 == int(flags>>5)%3 {
					tt.set(tag, "fuzz")
				}
			}
			turns = append(turns, tu)
			feats = append(feats, turnSummary{wordCount: int(b[2] % 9), contentWords: int(b[2] % 7),
				backchannel: flags&4 != 0, cutOff: flags&8 != 0})
			tags = append(tags, tt)
			var c callCue
			if tu.Role == RoleAgent {
				// The tag bits again, as what the turn says: a hold, its
				// reason, a return with thanks, a transfer.
				c = callCue{hold: map[bool]string{true: "hold"}[b[4]&1 != 0], reason: map[bool]string{true: "why"}[b[4]&2 != 0],
					back: map[bool]string{true: "back"}[b[4]&4 != 0], thanks: b[4]&8 != 0,
					transfer: map[bool]string{true: "transfer"}[b[4]&16 != 0]}
			}
			if c != (callCue{}) {
				cues[len(turns)-1] = c
			}
		}
		tr := &Transcript{Turns: turns}
		a := &Analysis{Transcript: tr, Turns: tags}
		cfg := Config{CustomerName: texts[len(data)%len(texts)]}.withDefaults()
		tagInterruptions(a, feats, cfg)
		if len(cues) > 0 {
			var silences []speechGap
			if tr.Timed() {
				silences = gaps(tr, nil)
			}
			a.Holds = findHolds(tr, feats, cues, silences, tr.Timed(), cfg.SilenceThreshold)
			a.Transfers = findTransfers(tr, feats, cues)
		}
		a.Metrics = computeMetrics(a, feats, nil, cfg)
		a.Agents = agentParts(a, feats, cfg)
		check := func(ms []Metric) {
			require.Len(t, ms, len(MetricNames()))
			for i, m := range ms {
				require.Equal(t, MetricNames()[i], m.Name)
				require.False(t, math.IsNaN(m.Value) || math.IsInf(m.Value, 0), "%s = %v", m.Name, m.Value)
				if !m.Valid {
					require.Zero(t, m.Value, m.Name)
				}
				require.LessOrEqual(t, len(m.Evidence), len(turns), m.Name)
				for _, e := range m.Evidence {
					require.True(t, e.Turn >= 0 && e.Turn < len(turns), "%s: evidence turn %d", m.Name, e.Turn)
					require.NotEmpty(t, e.Reason, m.Name)
				}
			}
		}
		check(a.Metrics)
		for _, p := range a.Agents {
			require.True(t, 0 <= p.First && p.First <= p.Last && p.Last < len(turns), "part %d to %d", p.First, p.Last)
			check(p.Metrics)
		}
		for _, h := range a.Holds {
			require.True(t, h.Silence >= 0 && (!h.Timed || h.Start <= h.End), "hold %+v", h)
		}
		_, err := json.Marshal(a)
		require.NoError(t, err)
	})
}

func BenchmarkComputeMetrics(b *testing.B) {
	// A long timed call: the 8-turn call repeated 500 times, 40 s apart.
	tr := &Transcript{}
	for r := range 500 {
		for _, c := range callTurns {
			off := float64(40 * r)
			tr.Turns = append(tr.Turns, at(c.speaker, off+c.start, off+c.end, c.text))
		}
	}
	feats := handFeats(tr.Turns, nil, nil)
	cfg := Config{}.withDefaults()
	size := 0
	for _, tu := range tr.Turns {
		size += len(tu.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		a := &Analysis{Transcript: tr, Turns: make([]TurnTags, len(tr.Turns))}
		tagInterruptions(a, feats, cfg)
		computeMetrics(a, feats, nil, cfg)
	}
}

func TestMetricNotes(t *testing.T) {
	untimed := &Transcript{Turns: []Turn{
		{Speaker: "A", Role: RoleAgent, Text: "How can I help?"},
		{Speaker: "C", Role: RoleCustomer, Text: "Hi."},
	}}
	a, err := Analyze(untimed, Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ metric, note string }{
		{"duration_seconds", "needs a start time and an end time"},
		{"switches_per_minute", "needs a start and an end time on every turn, and a call longer than zero"},
		{"paraphrase_rate", "the customer has no substantive turns"},
		{"customer_name_uses", "the customer's name is not known: pass it, have the customer state it, or label the customer's turns with it"},
		{"agent_words", ""},
	}
	for _, tt := range tests {
		m, ok := a.Metric(MetricName(tt.metric))
		if !ok {
			t.Fatalf("no metric %s", tt.metric)
		}
		if m.Note != tt.note || m.Valid != (tt.note == "") {
			t.Errorf("%s: Valid %v, Note %q; want note %q", tt.metric, m.Valid, m.Note, tt.note)
		}
	}
}

func TestTagRankFollowsTags(t *testing.T) {
	for i, tag := range Tags() {
		if got := tagRank(tag); got != i {
			t.Errorf("tagRank(%s) = %d, want its position %d in Tags()", tag, got, i)
		}
	}
}

// TestSilentParty checks the note on the metrics of a party that says
// nothing: a count of its behaviour is not computable, never zero.
func TestSilentParty(t *testing.T) {
	a, err := Analyze(&Transcript{Turns: []Turn{say("Customer", "hello is anyone there"), say("Agent", "")}}, Config{})
	require.NoError(t, err)
	for _, name := range []string{"agent_talk_ratio", "agent_interruptions", "agent_questions", "empathy_statements",
		"defensive_statements", "paraphrase_rate", "customer_name_uses"} {
		m, ok := a.Metric(MetricName(name))
		require.True(t, ok, name)
		assert.False(t, m.Valid, name)
		assert.Equal(t, "the agent says nothing in this call", m.Note, name)
	}
}

// TestParaphraseRateSkipsEmptyTurns checks that an empty agent turn (a
// label with no text) is not taken as the agent's reply.
func TestParaphraseRateSkipsEmptyTurns(t *testing.T) {
	a := analyzeTurns(t, Config{},
		"customer: my router keeps dropping the connection every single evening around eight",
		"agent: ",
		"agent: so your router drops the connection every evening around eight",
	)
	m, ok := a.Metric("paraphrase_rate")
	require.True(t, ok)
	require.True(t, m.Valid)
	assert.Equal(t, 1.0, m.Value)
	require.Len(t, m.Evidence, 1)
	assert.Equal(t, "substantive (7 content words); agent's next turn 2 paraphrases it", m.Evidence[0].Reason)
}

func TestLabelName(t *testing.T) {
	tests := []struct{ label, want string }{
		{"José Núñez", "José"},
		{"Mrs Dana Ito", "Dana"},
		{"Daniel", "Daniel"},
		{"Caller", ""},
		{"Customer", ""},
		{"Speaker 2", ""},
		{"SPEAKER_00", ""},
		{"spk_1", ""},
		{"C", ""},
		{"+15551234567", ""},
		{"dana@example.com", ""},
		{"the customer", ""},
		{"Anna Maria Lopez Garcia", ""}, // four words: more likely a sentence than a label
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, labelName(tt.label), tt.label)
	}
}

func TestCustomerNameFromLabel(t *testing.T) {
	a := analyzeTurns(t, Config{},
		"customer: my order never arrived",
		"agent: I'm sorry Dana, let me check that for you",
		"customer: thanks",
		"agent: Dana, it ships today",
	)
	for i := range a.Transcript.Turns {
		if a.Transcript.Turns[i].Role == RoleCustomer {
			a.Transcript.Turns[i].Speaker = "Dana Ito"
		}
	}
	a, err := Analyze(a.Transcript, Config{})
	require.NoError(t, err)
	m, ok := a.Metric("customer_name_uses")
	require.True(t, ok)
	require.True(t, m.Valid, m.Note)
	assert.Equal(t, 2.0, m.Value)
	assert.Contains(t, m.Evidence[0].Reason, `from the speaker label "Dana Ito"`)
}

// TestAnalysisCustomerName checks that the analysis carries the name
// customer_name_uses counts, for a caller who redacts or displays it.
func TestAnalysisCustomerName(t *testing.T) {
	tests := []struct {
		config string
		turns  []Turn
		want   string
	}{
		{"", []Turn{say("Agent", "Can I take your full name, please?"), say("Customer", "Margaret Hughes.")}, "Margaret Hughes"},
		{"Mrs Dana Smith", []Turn{say("Agent", "Hello."), say("Customer", "Hi.")}, "Dana Smith"},
		{"", []Turn{say("Agent", "Hello."), say("Customer", "Hi.")}, ""},
	}
	for _, tt := range tests {
		a, err := Analyze(&Transcript{Turns: tt.turns}, Config{CustomerName: tt.config})
		require.NoError(t, err)
		assert.Equal(t, tt.want, a.CustomerName, "config %q", tt.config)
	}
}
