package listenscore

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParaphrase(t *testing.T) {
	tests := []struct {
		name     string
		customer string
		agent    string
		reason   string // "" when the agent turn is not a paraphrase
		why      string
	}{
		{name: "restates with shift",
			customer: "I was charged twice for my subscription and I'm annoyed.",
			agent:    "So you were charged twice for the subscription.",
			reason:   `plays back "charged twice for the subscription" (3 shared content words; you→I shift)`},
		{name: "lead-in with feeling",
			customer: "The app keeps logging me out.",
			agent:    "It sounds like you're really frustrated with that.",
			reason:   `lead-in "it sounds like"; no shared content words`,
			why:      "a reflection of feeling needs no shared words"},
		{name: "what I'm hearing",
			customer: "My payment went through twice.",
			agent:    "Okay, so what I'm hearing is the payment went through twice.",
			reason:   `lead-in "what I'm hearing is"; plays back "payment went through twice" (3 shared content words)`},
		{name: "STT lower case",
			customer: "i want to cancel my premium plan",
			agent:    "so you want to cancel the premium plan",
			reason:   `lead-in "you want"; plays back "cancel the premium plan" (3 shared content words; you→I shift)`},
		{name: "statement about the listener",
			customer: "I've tried restarting it five times already.",
			agent:    "You've tried that too.",
			reason:   `statement about the listener; plays back "tried" (1 shared content word; you→I shift)`},
		{name: "context reaches past a short reply",
			customer: "Yeah.",
			agent:    "So the connection drops every evening.",
			reason:   `plays back "connection drops every evening" (3 shared content words)`,
			why:      "the customer's earlier turn, before \"Yeah.\", is the context"},
		{name: "sums up",
			customer: "We moved house last month and since then nothing works.",
			agent:    "So it's been a rough few weeks.",
			reason:   `sums up ("so …"); no shared content words`},

		{name: "question sharing words", customer: "I can't log into my account.",
			agent: "What's your account number?", why: "a question is not a playback"},
		{name: "instruction", customer: "My router keeps dropping the connection.",
			agent: "You need to restart your router.", why: "you + modal instructs"},
		{name: "speaker's own action", customer: "There's a problem with my account.",
			agent: "Let me check your account."},
		{name: "commitment", customer: "The replacement never arrived.",
			agent: "Okay, I'll send a replacement today."},
		{name: "backchannel", customer: "It stopped working on Monday.", agent: "Mm-hmm."},
		{name: "unrelated statement", customer: "It stopped working on Monday.",
			agent: "Our offices are open until six."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := []string{"customer: " + tt.customer, "agent: " + tt.agent}
			if tt.name == "context reaches past a short reply" {
				lines = []string{"customer: My internet connection drops every evening.", "agent: Okay.",
					"customer: " + tt.customer, "agent: " + tt.agent}
			}
			a := analyzeTurns(t, Config{}, lines...)
			got := a.Turns[len(lines)-1]
			if tt.reason == "" {
				assert.False(t, got.Has(TagParaphrase), "reason %q; %s", got.Reasons[TagParaphrase], tt.why)
				return
			}
			assert.Equal(t, tt.reason, got.Reasons[TagParaphrase], tt.why)
		})
	}
}

func TestCallWords(t *testing.T) {
	c := newCallWords()
	same := func(a, b string) bool { return c.stemOf(c.id(a)) == c.stemOf(c.id(b)) }
	assert.True(t, same("charged", "charge"), "Porter2 folds inflections")
	assert.True(t, same("charges", "charging"))
	assert.False(t, same("charge", "change"))
	assert.False(t, same("ran", "run"), "a stemmer is not a lemmatizer")
	assert.Equal(t, c.id("charged"), c.id("charged"), "numbered once")
	assert.Equal(t, c.prefix[c.id("charged")], c.prefix[c.id("change")], "same first three letters")
}
