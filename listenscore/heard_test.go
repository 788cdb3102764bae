package listenscore

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// heardCase is one small call and what one metric of being heard must be.
type heardCase struct {
	name   string
	turns  []Turn
	metric MetricName
	value  float64 // -1: not computable
	ev     []ev    // the turns and reasons
	reason string  // why, when not obvious
}

func runHeard(t *testing.T, tests []heardCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Analyze(&Transcript{Turns: tt.turns}, Config{})
			require.NoError(t, err)
			m, ok := a.Metric(tt.metric)
			require.True(t, ok)
			if tt.value < 0 {
				assert.False(t, m.Valid, tt.reason)
				assert.NotEmpty(t, m.Note)
				return
			}
			assert.True(t, m.Valid, "%s: %s", tt.metric, m.Note)
			assert.Equal(t, tt.value, m.Value, tt.reason)
			assert.Equal(t, tt.ev, turnReasons(m.Evidence), tt.reason)
		})
	}
}

func TestCustomerRepeats(t *testing.T) {
	runHeard(t, []heardCase{
		{
			name: "a detail stated again after the agent asked for it",
			turns: []Turn{
				say("Customer", "My account number is 5512 8841."),
				say("Agent", "Thanks. And what's your account number?"),
				say("Customer", "It's 5512 8841."),
			},
			metric: "customer_repeats", value: 1,
			ev: []ev{
				{2, `repeats what the customer said in turn 0: states the account number again, "5512 8841"`},
				{0, saidFirst},
			},
		},
		{
			name: "confirming the number the agent played back is not a repeat",
			turns: []Turn{
				say("Customer", "My account number is 5512 8841."),
				say("Agent", "That's 5512 8841, right?"),
				say("Customer", "Yes, 5512 8841."),
			},
			metric: "customer_repeats", value: 0, ev: nil,
		},
		{
			name: "restating the problem, timed",
			turns: []Turn{
				at("Customer", 0, 6, "My internet keeps dropping out every evening, for two weeks now."),
				at("Agent", 6.5, 9, "Have you tried restarting the router?"),
				at("Customer", 9.5, 15, "The internet drops every evening, it's been two weeks."),
			},
			metric: "customer_repeats", value: 1,
			reason: "turn 2's distinct content words: internet, drops, evening, two, weeks (5); shared by stem with turn 0: all 5 ≥ 3 and ≥ 40%",
			ev: []ev{
				{2, `repeats what the customer said in turn 0: 5 of its 5 content words again, "internet", "drops", "evening", "two"`},
				{0, saidFirst},
			},
		},
		{
			name: "answering the agent's paraphrase with its words is not a repeat",
			turns: []Turn{
				say("Customer", "My internet keeps dropping out every evening, for two weeks now."),
				say("Agent", "So the internet drops every evening, for two weeks?"),
				say("Customer", "Yes, the internet drops every evening."),
			},
			metric: "customer_repeats", value: 0, ev: nil,
			reason: "internet, drops, evening are the agent's words since the customer last spoke",
		},
		{
			name: "two turns in a row without the agent are one utterance",
			turns: []Turn{
				say("Customer", "My internet keeps dropping out every evening."),
				say("Customer", "The internet drops every evening, honestly."),
			},
			metric: "customer_repeats", value: 0, ev: nil,
		},
		{
			name: "saying so",
			turns: []Turn{
				say("Customer", "The bill is wrong."),
				say("Agent", "Okay, which bill?"),
				say("Customer", "Like I said, March."),
			},
			metric: "customer_repeats", value: 1,
			reason: "no detail and no shared word: the marker alone, without an earlier turn",
			ev:     []ev{{2, `says they are repeating themselves, "like I said"`}},
		},
		{
			name: "again, opening a sentence",
			turns: []Turn{
				say("Customer", "I want to cancel."),
				say("Agent", "Can I ask why?"),
				say("Customer", "Again, I just want to cancel."),
			},
			metric: "customer_repeats", value: 1,
			reason: `"cancel" and "want" are shared but 2 < 3; "again," says so, going back to turn 0`,
			ev: []ev{
				{2, `repeats what the customer said in turn 0: says so, "again,"`},
				{0, saidFirst},
			},
		},
		{
			name:   "a silent customer",
			turns:  []Turn{say("Agent", "Hello?")},
			metric: "customer_repeats", value: -1,
		},
	})
}

func TestAgentReasks(t *testing.T) {
	runHeard(t, []heardCase{
		{
			name: "asking again",
			turns: []Turn{
				say("Customer", "Hi, my account number is 5512."),
				say("Agent", "Okay. What's your account number?"),
			},
			metric: "agent_reasks", value: 1,
			ev: []ev{
				{1, `asks for the account number again: the customer gave it in turn 0, "5512"`},
				{0, `gave the account number, "5512"; asked for again in turn 1`},
			},
		},
		{
			name: "a confirmation plays the value back",
			turns: []Turn{
				say("Customer", "Hi, my account number is 5512."),
				say("Agent", "That's account number 5512, right?"),
			},
			metric: "agent_reasks", value: 0, ev: nil,
		},
		{
			name: "a number given in answer takes the question's detail",
			turns: []Turn{
				say("Agent", "What's your order number?"),
				say("Customer", "It's 88123."),
				say("Agent", "Thanks. Sorry, what was the order number?"),
			},
			metric: "agent_reasks", value: 1,
			ev: []ev{
				{2, `asks for the order number again: the customer gave it in turn 1, "88123"`},
				{1, `gave the order number, "88123"; asked for again in turn 2`},
			},
		},
		{
			name: "the address, given as a house number and a street",
			turns: []Turn{
				say("Customer", "That's not my address, I moved. It's 5 Mill Lane now."),
				say("Agent", "Apologies. What's the address of the property?"),
			},
			metric: "agent_reasks", value: 1,
			ev: []ev{
				{1, `asks for the address again: the customer gave it in turn 0, "5 mill lane"`},
				{0, `gave the address, "5 mill lane"; asked for again in turn 1`},
			},
		},
		{
			name: "the address played back is a confirmation",
			turns: []Turn{
				say("Customer", "It's 5 Mill Lane now."),
				say("Agent", "Mill Lane, great. And is that address also for billing?"),
			},
			metric: "agent_reasks", value: 0, ev: nil,
		},
		{
			name: "a number and a common word are no address",
			turns: []Turn{
				say("Customer", "It took 5 days to drive back and the road was closed."),
				say("Agent", "I'm sorry. What's your address?"),
			},
			metric: "agent_reasks", value: 0, ev: nil,
		},
		{
			name: "asking what the problem was, after a parcel described as not here",
			turns: []Turn{
				say("Customer", "Hi, my parcel says delivered but it's not here. I've checked with the neighbours."),
				say("Agent", "What's the tracking number?"),
				say("Customer", "PW 88231."),
				say("Agent", "Sorry. What was the problem with the parcel?"),
			},
			metric: "agent_reasks", value: 1,
			ev: []ev{
				{3, `asks for the problem again: the customer gave it in turn 0, "…delivered but it's not here I've checked with the…"`},
				{0, `gave the problem, "…delivered but it's not here I've checked with the…"; asked for again in turn 3`},
			},
		},
		{
			name: "another detail is not a re-ask",
			turns: []Turn{
				say("Customer", "My account number is 5512."),
				say("Agent", "Thanks. What's your phone number?"),
			},
			metric: "agent_reasks", value: 0, ev: nil,
		},
		{
			name: "the name, and spelling it",
			turns: []Turn{
				say("Customer", "Hi, my name is Dana Ito."),
				say("Agent", "Could you spell your name for me?"),
				say("Customer", "D-A-N-A."),
				say("Agent", "And what's your name, sorry?"),
			},
			metric: "agent_reasks", value: 1,
			reason: "asking to spell clarifies; asking for the name again does not",
			ev: []ev{
				{3, `asks for the name again: the customer gave it in turn 0, "Dana"`},
				{0, `gave the name, "Dana"; asked for again in turn 3`},
			},
		},
		{
			name: "the problem itself",
			turns: []Turn{
				at("Agent", 0, 2, "Thanks for calling."),
				at("Customer", 2, 8, "My internet keeps dropping out every evening, it's not working at all."),
				at("Agent", 8.5, 10, "Sure. So how can I help you today?"),
			},
			metric: "agent_reasks", value: 1,
			ev: []ev{
				{2, `asks for the problem again: the customer gave it in turn 1, "my internet keeps dropping out every evening…"`},
				{1, `gave the problem, "my internet keeps dropping out every evening…"; asked for again in turn 2`},
			},
		},
		{
			name: "how can I help before the customer said anything",
			turns: []Turn{
				say("Agent", "Thanks for calling, how can I help?"),
				say("Customer", "My internet keeps dropping out every evening."),
			},
			metric: "agent_reasks", value: 0, ev: nil,
		},
	})
}

func TestListeningComplaints(t *testing.T) {
	runHeard(t, []heardCase{
		{
			name: "the customer says it",
			turns: []Turn{
				say("Agent", "Have you tried restarting it?"),
				say("Customer", "You're not listening to me."),
			},
			metric: "listening_complaints", value: 1,
			ev: []ev{{1, `says it is not being heard: "you're not listening"`}},
		},
		{
			name: "reported speech is still a complaint",
			turns: []Turn{
				say("Agent", "I understand."),
				say("Customer", "My wife said you're not listening to us, and she's right."),
			},
			metric: "listening_complaints", value: 1,
			ev: []ev{{1, `says it is not being heard: "you're not listening"`}},
		},
		{
			name: "the agent's I'm listening is not",
			turns: []Turn{
				say("Customer", "Can I explain what happened?"),
				say("Agent", "Of course, I'm listening. You're not interrupting anything."),
				say("Customer", "Thanks for listening."),
			},
			metric: "listening_complaints", value: 0, ev: nil,
		},
		{
			name: "let me finish, are you there",
			turns: []Turn{
				at("Customer", 0, 3, "So the thing is-"),
				at("Agent", 2, 4, "Right, so you need to reset it."),
				at("Customer", 4.5, 6, "Let me finish, please."),
				at("Customer", 20, 21, "Hello? Are you there?"),
			},
			metric: "listening_complaints", value: 2,
			ev: []ev{
				{2, `says it is not being heard: "let me finish"`},
				{3, `says it is not being heard: "hello are you there"`},
			},
		},
	})
}

func TestSolutionMetrics(t *testing.T) {
	call := []Turn{
		at("Agent", 0, 3, "Thanks for calling, how can I help?"),
		at("Customer", 3.5, 10, "My internet keeps dropping every evening."),
		at("Agent", 10.5, 13, "When did it start?"),
		at("Customer", 13.5, 16, "About two weeks ago."),
		at("Agent", 16.5, 19, "Let me check your line. Is the light on the router red?"),
		at("Customer", 19.5, 21, "Yes, it's red."),
		at("Agent", 21.5, 26, "Okay. Unplug the router for thirty seconds, then plug it back in."),
	}
	untimed := make([]Turn, len(call))
	for i, tu := range call {
		untimed[i] = say(tu.Speaker, tu.Text)
	}
	runHeard(t, []heardCase{
		{
			name: "seconds from the customer's first word", turns: call,
			metric: "seconds_to_first_solution", value: 18,
			reason: "21.5 − 3.5; \"let me check\" looks something up and is not a solution",
			ev: []ev{
				{1, "the customer starts at 3.5 s"},
				{6, `first solution, 18 s later: instructs, "unplug the router for thirty seconds"`},
			},
		},
		{
			name: "untimed: no seconds", turns: untimed,
			metric: "seconds_to_first_solution", value: -1,
		},
		{
			name: "no solution", turns: untimed[:6],
			metric: "questions_before_solution", value: -1,
		},
		{
			name: "a proposal right away",
			turns: []Turn{
				from("Customer", 0, "My card was declined."),
				from("Agent", 4, "I'll send you a new card today."),
			},
			metric: "seconds_to_first_solution", value: 4,
			reason: "start times are enough",
			ev: []ev{
				{0, "the customer starts at 0 s"},
				{1, `first solution, 4 s later: commits to a fix, "I'll send"`},
			},
		},
		{
			name: "please hold is not a solution",
			turns: []Turn{
				say("Customer", "My card was declined."),
				say("Agent", "Please hold for a moment."),
				say("Agent", "Please confirm your postcode."),
				say("Agent", "Have you tried another card?"),
			},
			metric: "questions_before_solution", value: 0,
			ev: []ev{{3, `first solution: proposes a solution, "have you tried"`}},
		},
	})
	a, err := Analyze(&Transcript{Turns: untimed}, Config{})
	require.NoError(t, err)
	m, _ := a.Metric("questions_before_solution")
	assert.Equal(t, 3.0, m.Value, "turns 0, 2 and 4 ask before turn 6")
	var turns []int
	for _, e := range m.Evidence {
		turns = append(turns, e.Turn)
	}
	assert.Equal(t, []int{0, 2, 4, 6}, turns)
}

func TestClosingSummary(t *testing.T) {
	runHeard(t, []heardCase{
		{
			name: "a recap at the close",
			turns: []Turn{
				say("Customer", "My card was declined."),
				say("Agent", "I've ordered a new card."),
				say("Customer", "Thanks."),
				say("Agent", "So to recap, I've cancelled the old card and you'll get the new one on Friday."),
			},
			metric: "closing_summary", value: 1,
			ev: []ev{{3, `sums up at the close, "so to recap" … "I've cancelled the old"`}},
		},
		{
			name: "a mid-call recap is a paraphrase, not a closing summary",
			turns: []Turn{
				say("Customer", "My card was declined twice today."),
				say("Agent", "So to recap, your card was declined twice and you'll want it fixed."),
				say("Customer", "Yes."),
				say("Agent", "Okay."),
				say("Customer", "Bye."),
				say("Agent", "Bye."),
			},
			metric: "closing_summary", value: 0, ev: nil,
			reason: "turn 1 is before the last third (turns 4 and 5)",
		},
		{
			name: "a recap in noun phrases that says when",
			turns: []Turn{
				say("Customer", "So when will the assessor come?"),
				say("Agent", "I've flagged it as urgent."),
				say("Customer", "Thanks."),
				say("Agent", "So just to recap: an assessor today, a call by midday tomorrow, and the form in your inbox."),
			},
			metric: "closing_summary", value: 1,
			ev: []ev{{3, `sums up at the close, "so just to recap" … "today a call by"`}},
		},
		{
			name: "a lead-in without what will happen",
			turns: []Turn{
				say("Customer", "Hi."),
				say("Agent", "Hello."),
				say("Agent", "Just to confirm, is your postcode SW1?"),
			},
			metric: "closing_summary", value: 0, ev: nil,
		},
	})
}

func TestCustomerSentimentMetrics(t *testing.T) {
	// VADER: "terrible" −2.1, "great" 3.1; "thanks" 1.9.
	norm := func(s float64) float64 { return s / math.Sqrt(s*s+15) }
	turns := []Turn{
		say("Customer", "This is terrible."),      // 3 words
		say("Agent", "I'm sorry, let me fix it."), // not the customer's
		say("Customer", "Okay."),                  // an answer: 0, 1 word
		say("Customer", "The router is on now."),  // 0, 5 words
		say("Customer", "Great, thanks."),         // 2 words
	}
	a, err := Analyze(&Transcript{Turns: turns}, Config{})
	require.NoError(t, err)
	// "great," opens a clause but is not an answer marker.
	start, end := 3*norm(-2.1)/4, 2*norm(3.1+1.9)/7
	checkMetrics(t, a.Metrics, []want{
		{"customer_sentiment_start", start, true, "sentiment (-1 to 1)", "⌈4/3⌉ = 2 turns: (3 words × terrible + 1 × 0) / 4 words"},
		{"customer_sentiment_end", end, true, "", "turns 3 and 4: (5 words × 0 + 2 × great) / 7 words"},
		{"customer_sentiment_shift", end - start, true, "sentiment change (-2 to 2)", "end − start"},
	})
	assert.False(t, a.Sentiment[1].Valid, "the agent's turn has none")
	assert.True(t, a.Sentiment[0].Valid)

	one := []Turn{say("Customer", "This is terrible."), say("Agent", "Sorry.")}
	a, err = Analyze(&Transcript{Turns: one}, Config{})
	require.NoError(t, err)
	m, _ := a.Metric("customer_sentiment_shift")
	assert.False(t, m.Valid, "fewer than two customer turns")
	m, _ = a.Metric("customer_sentiment_start")
	assert.True(t, m.Valid)
	assert.InDelta(t, norm(-2.1), m.Value, 1e-9)

	t.Run("the source's labels win", func(t *testing.T) {
		turns := []Turn{
			{Speaker: "C", Role: RoleCustomer, Text: "This is terrible.", SentimentLabel: "NEGATIVE"},
			{Speaker: "C", Role: RoleCustomer, Text: "It is fine now.", SentimentLabel: "MIXED"},
			{Speaker: "C", Role: RoleCustomer, Text: "Great stuff, thanks.", SentimentLabel: "POSITIVE"},
		}
		a, err := Analyze(&Transcript{Turns: turns}, Config{})
		require.NoError(t, err)
		checkMetrics(t, a.Metrics, []want{
			{"customer_sentiment_start", -1, true, "", "turn 0: NEGATIVE"},
			{"customer_sentiment_end", 1, true, "", "turn 2: POSITIVE"},
			{"customer_sentiment_shift", 2, true, "", "1 − (−1)"},
		})
		assert.Equal(t, Sentiment{Score: 0, Valid: true, FromSource: true, Reason: "the source's sentiment MIXED"}, a.Sentiment[1])
	})
}

func TestHeardPhraseEdits(t *testing.T) {
	turns := []Turn{
		say("Agent", "Have you tried restarting it?"),
		say("Customer", "You never get it, do you? I'm so sorry to bother you."),
	}
	count := func(cfg Config) (float64, []Tag) {
		a, err := Analyze(&Transcript{Turns: turns}, cfg)
		require.NoError(t, err)
		m, _ := a.Metric("listening_complaints")
		return m.Value, a.Turns[0].Tags
	}
	n, tags := count(Config{})
	assert.Equal(t, 0.0, n)
	n2, tags2 := count(Config{AddPhrases: map[string][]string{"listening_complaint": {"you never get it"}}})
	assert.Equal(t, 1.0, n2, "a team's phrase counts")
	assert.Equal(t, tags, tags2, "editing a signal's lexicon changes no tag")
	n3, _ := count(Config{AddPhrases: map[string][]string{"empathy": {"never get it"}}})
	assert.Equal(t, 0.0, n3, "editing a tag's lexicon keeps the signals' defaults")
	n4, _ := count(Config{
		AddPhrases:    map[string][]string{"listening_complaint": {"you never get it"}, "details": {"router serial"}},
		RemovePhrases: map[string][]string{"empathy": {"i'm so sorry"}},
	})
	assert.Equal(t, 1.0, n4, "edits on both sides")
}

func TestSameTextSameSignals(t *testing.T) {
	// A text said again gets what it got the first time, in its own turn.
	turns := []Turn{
		say("Agent", "What's your account number?"),
		say("Customer", "It's 5512, and you're not listening."),
		say("Agent", "Sorry, what's your account number?"),
		say("Customer", "It's 5512, and you're not listening."),
		say("Customer", "Right."),
		say("Agent", "Okay."),
		say("Customer", "Right."),
	}
	a, err := Analyze(&Transcript{Turns: turns}, Config{})
	require.NoError(t, err)
	for _, i := range []int{1, 3, 4, 6} {
		assert.True(t, a.Sentiment[i].Valid, "turn %d", i)
	}
	assert.Equal(t, a.Sentiment[1], a.Sentiment[3])
	m, _ := a.Metric("listening_complaints")
	assert.Equal(t, []ev{{1, `says it is not being heard: "you're not listening"`},
		{3, `says it is not being heard: "you're not listening"`}}, turnReasons(m.Evidence))
	m, _ = a.Metric("agent_reasks")
	assert.Equal(t, 1.0, m.Value)
	m, _ = a.Metric("customer_repeats")
	assert.Equal(t, []ev{
		{3, `repeats what the customer said in turn 1: states the account number again, "5512"`},
		{1, saidFirst},
	}, turnReasons(m.Evidence))
}
