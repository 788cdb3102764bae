package listenscore

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

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

// TestParaphraseOfTheCustomerSideOnly pins that what a turn plays back is
// only ever the other side's talk: an agent's words shared with a
// colleague count for nothing, and the context reaches past the
// colleague's turn to what the customer said.
func TestParaphraseOfTheCustomerSideOnly(t *testing.T) {
	const echo = "agent2: So the bill doubled because the promotion ended last month."
	tests := []struct {
		name   string
		lines  []string
		shared float64 // the echo's shared_words cue
		follow float64 // its follows_other_speaker cue
	}{
		{"echoing a colleague", []string{"customer: Hi.",
			"agent: The bill doubled because the promotion ended last month.", echo}, 0, 0},
		{"playing back the customer", []string{"customer: My bill doubled because the promotion ended last month.", echo}, 6, 1},
		{"past a colleague's turn to the customer's", []string{"customer: My bill doubled because the promotion ended last month.",
			"agent: Let me get my supervisor.", echo}, 6, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := turnsTranscript(t, tt.lines...)
			cfg := Config{}.withDefaults()
			var cv cueVec
			analyze(tr, cfg, defaultLexicons(), func(i int, c *cueVec, _ *turnFeatures) {
				if i == len(tr.Turns)-1 {
					cv = *c
				}
			})
			assert.Equal(t, tt.shared, cv.val[cueSharedWords], "shared_words")
			assert.Equal(t, tt.follow, cv.val[cueFollowsOther], "follows_other_speaker")
		})
	}
}
