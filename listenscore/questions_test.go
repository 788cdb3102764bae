package listenscore

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exchange analyses a customer turn followed by an agent turn and returns
// the agent turn's tags.
func exchange(t *testing.T, cfg Config, customer, agent string) TurnTags {
	t.Helper()
	a := analyzeTurns(t, cfg, "customer: "+customer, "agent: "+agent)
	return a.Turns[1]
}

// analyzeTurns analyses turns given as "agent: text" or "customer: text".
func analyzeTurns(t testing.TB, cfg Config, lines ...string) *Analysis {
	t.Helper()
	tr := &Transcript{Name: "test.txt", Format: FormatText}
	for i, line := range lines {
		role := RoleAgent
		speaker, text, ok := strings.Cut(line, ": ")
		require.True(t, ok, "line %q", line)
		if speaker == "customer" {
			role = RoleCustomer
		}
		tr.Turns = append(tr.Turns, Turn{Speaker: speaker, Role: role, Text: text, Line: i + 1, Column: 1})
	}
	a, err := Analyze(tr, cfg)
	require.NoError(t, err)
	return a
}

func TestQuestions(t *testing.T) {
	const prev = "I have a problem with my bill."
	tests := []struct {
		name, text string
		want       Tag // TagOpenQuestion, TagClosedQuestion, or "" for none
		reason     string
		why        string // the expectation, when not obvious
	}{
		{name: "wh with question mark", text: "What happened when you called?", want: TagOpenQuestion,
			reason: `open question: starts with "what"`},
		{name: "wh without question mark", text: "so um what do you think happened", want: TagOpenQuestion,
			reason: `open question: starts with "what"`, why: "STT output: lower case, no '?', leading fillers"},
		{name: "subject question", text: "what happened after that", want: TagOpenQuestion,
			reason: `open question: starts with "what"`},
		{name: "tell me about", text: "Tell me about the error you're seeing.", want: TagOpenQuestion,
			reason: `open question: "tell me about"`},
		{name: "walk me through", text: "okay walk me through what you did", want: TagOpenQuestion,
			reason: `open question: "walk me through"`},
		{name: "help me understand", text: "help me understand why the payment failed", want: TagOpenQuestion,
			reason: `open question: "help me understand"`},
		{name: "can you tell me more", text: "can you tell me more about the error", want: TagOpenQuestion,
			reason: `open question: "tell me more"`, why: "a yes/no frame around an open request"},
		{name: "I wonder if", text: "I wonder if you could send me the form", want: TagClosedQuestion,
			reason: `closed question: "I wonder if"`},
		{name: "false start wondering", text: "I- I was wondering if you could check the date", want: TagClosedQuestion,
			reason: `closed question: "I was wondering if"`},
		{name: "curious what", text: "i'm curious what you think", want: TagOpenQuestion,
			reason: `open question: "I'm curious what"`},
		{name: "do you", text: "do you have the order number", want: TagClosedQuestion,
			reason: `closed question: "do you" inversion`},
		{name: "disfluent inversion", text: "uh so is it um is it still happening", want: TagClosedQuestion,
			reason: `closed question: "is it" inversion`},
		{name: "tag question", text: "You were charged twice, right?", want: TagClosedQuestion,
			reason: `closed question: tag "right?"`},
		{name: "is that right", text: "Is that right?", want: TagClosedQuestion,
			reason: `closed question: "is that" inversion`},
		{name: "how many", text: "How many times did it happen?", want: TagClosedQuestion,
			reason: `closed question: starts with "how"`},
		{name: "how long", text: "how long have you had the router", want: TagClosedQuestion,
			reason: `closed question: starts with "how"`},
		{name: "how do you feel", text: "how do you feel about the new plan", want: TagOpenQuestion,
			reason: `open question: starts with "how"`},
		{name: "how with a subject", text: "I'm wondering how you manage the evenings.", want: TagOpenQuestion,
			reason: `open question: "I'm wondering how"`, why: "'how you…' asks the manner, not a degree"},
		{name: "frame around why", text: "Do you have any idea why it keeps dropping?", want: TagOpenQuestion,
			reason: `open question: "do you" … "why"`, why: "a yes/no frame around a why-question"},
		{name: "frame around a direct question", text: "Can I ask you, what do you like about the plan?", want: TagOpenQuestion,
			reason: `open question: "can I" … "what"`},
		{name: "free relative stays closed", text: "Is that what you're saying?", want: TagClosedQuestion,
			reason: `closed question: "is that" inversion`, why: "'what you're saying' names a thing; the question is yes/no"},
		{name: "remember what", text: "Do you remember what the agent told you?", want: TagClosedQuestion,
			reason: `closed question: "do you" inversion`},
		{name: "give me an example", text: "Can you give me an example of when it drops?", want: TagOpenQuestion,
			reason: `open question: "give me an example"`},
		{name: "unpunctuated, after a filler", text: "okay uh thanks for filling this out um can you read me the code on the router",
			want: TagClosedQuestion, reason: `closed question: "can you" inversion`,
			why: "without punctuation a filler may end a sentence"},
		{name: "unpunctuated, inversion mid-turn", text: "that is the safest level for adults are you drinking more than that",
			want: TagClosedQuestion, reason: `closed question: "are you" inversion`},
		{name: "unpunctuated, does that", text: "we can move the appointment to friday does that work for you",
			want: TagClosedQuestion, reason: `closed question: "does that" inversion`},
		{name: "unpunctuated statement", text: "the money is there for the bills every month and it works",
			why: "'is there' after a noun is not an inversion"},
		{name: "unpunctuated, subject before the auxiliary", text: "i know the plan is it keeps dropping every night",
			why: "'is it' needs a do-, will- or can-auxiliary to ask"},
		{name: "punctuated text keeps the preamble rule", text: "Thanks for that, can you read me the code.",
			why: "after a comma an inversion must end in '?'"},
		{name: "what time", text: "What time works for you?", want: TagClosedQuestion,
			reason: `closed question: starts with "what"`},
		{name: "which", text: "which plan are you on", want: TagClosedQuestion,
			reason: `closed question: starts with "which"`},
		{name: "what else", text: "What else can I help with?", want: TagOpenQuestion,
			reason: `open question: starts with "what"`},
		{name: "anything else", text: "Is there anything else I can help you with?", want: TagOpenQuestion,
			reason: `open question: "anything else"`, why: "asking for more invites the listener to go on"},
		{name: "any other is yes/no", text: "Do you have any other devices connected?", want: TagClosedQuestion,
			reason: `closed question: "do you" inversion`, why: "asks whether there are more, not for more"},
		{name: "declarative with question mark", text: "So the charge is still pending?", want: TagClosedQuestion,
			reason: `closed question: ends with "?"`},
		{name: "open wins over closed", text: "What happened? Did it fail again?", want: TagOpenQuestion,
			reason: `open question: starts with "what"`},
		{name: "after a preamble", text: "On a scale of one to ten, how likely are you to renew", want: TagClosedQuestion,
			reason: `closed question: starts with "how"`},
		{name: "embedded inversion", text: "I'm trying to figure out what do you need", want: TagOpenQuestion,
			reason: `open question: "what do you"`},

		{name: "pseudo-cleft", text: "what I'm hearing is that the bill doubled"},
		{name: "free relative", text: "That's what I said."},
		{name: "I know what you mean", text: "I know what you mean"},
		{name: "what you need to do", text: "what you need to do is restart the modem", why: "a pseudo-cleft, not a question"},
		{name: "imperative do", text: "do that and then restart it"},
		{name: "imperative have", text: "have a look at the email we sent"},
		{name: "continuer", text: "Yeah?", why: "a continuer, not a question"},
		{name: "temporal when", text: "when you called, the line dropped"},
		{name: "suggestion", text: "Why don't we start with your account number.", why: "a proposal in question form"},
		{name: "let me check what", text: "let me check what happened"},
		{name: "reported speech", text: `He asked me "why did you cancel?" and hung up.`},
		{name: "continues a cut-off", text: "-is a big problem.", why: "the turn continues an utterance; not a fresh inversion"},
		{name: "you know what", text: "You know what? I'll just do it myself."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := exchange(t, Config{}, prev, tt.text)
			if tt.want == "" {
				assert.False(t, got.Has(TagQuestion), "tags %v %v %s", got.Tags, got.Reasons, tt.why)
				return
			}
			assert.True(t, got.Has(TagQuestion), "tags %v %s", got.Tags, tt.why)
			assert.True(t, got.Has(tt.want), "tags %v %v %s", got.Tags, got.Reasons, tt.why)
			assert.Equal(t, tt.reason, got.Reasons[tt.want], tt.why)
			other := TagClosedQuestion
			if tt.want == TagClosedQuestion {
				other = TagOpenQuestion
			}
			assert.False(t, got.Has(other), "one type per turn")
		})
	}
}
