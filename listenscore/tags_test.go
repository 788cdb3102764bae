package listenscore

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPhraseTags(t *testing.T) {
	const prev = "I've been waiting two weeks for my refund."
	tests := []struct {
		name   string
		text   string
		tag    Tag
		reason string // "" when the tag must be absent
		why    string
	}{
		{name: "mm-hmm", text: "Mm-hmm.", tag: TagAcknowledgment, reason: `acknowledgment: "mm-hmm"`},
		{name: "got it then more", text: "got it so the refund is late", tag: TagAcknowledgment,
			reason: `acknowledgment: "got it"`, why: "followed by a discourse marker, no punctuation"},
		{name: "I see alone", text: "Oh, I see.", tag: TagAcknowledgment, reason: `acknowledgment: "I see"`},
		{name: "I see what you mean", text: "I see what you mean.", tag: TagAcknowledgment,
			reason: `acknowledgment: "I see what you mean"`},
		{name: "I see the charge", text: "I see the charge on your account.", tag: TagAcknowledgment,
			why: "perception, not acknowledgment"},
		{name: "right now", text: "Right now I can't do that.", tag: TagAcknowledgment},
		{name: "okay as a check", text: "Okay?", tag: TagAcknowledgment, why: `"okay?" asks`},

		{name: "that sounds frustrating", text: "That sounds really frustrating.", tag: TagEmpathy,
			reason: `empathy: "that sounds really frustrating"`, why: "intensifiers are skipped inside phrases"},
		{name: "sorry to hear", text: "oh i'm so sorry to hear that", tag: TagEmpathy,
			reason: `empathy: "I'm so sorry to hear"`},
		{name: "feel the same", text: "Honestly, I'd feel the same.", tag: TagEmpathy,
			reason: `empathy: "I'd feel the same"`},
		{name: "typographic apostrophe", text: "I’m sorry to hear that.", tag: TagEmpathy,
			reason: `empathy: "I'm sorry to hear"`},
		{name: "full form apology", text: "I am sorry about that.", tag: TagEmpathy,
			reason: `empathy: "I am sorry about that"`, why: "the full form reads as the contraction does"},
		{name: "apology for the wait", text: "I apologize for the long wait today.", tag: TagEmpathy,
			reason: `empathy: "I apologize for"`},
		{name: "hard to say", text: "That's hard to say without the order number.", tag: TagEmpathy,
			why: "a feeling word must end the clause"},

		{name: "does that make sense", text: "Does that make sense?", tag: TagUnderstandingCheck,
			reason: `understanding check: "does that make sense"`},
		{name: "did I get that right", text: "so the refund was two weeks ago did i get that right", tag: TagUnderstandingCheck,
			reason: `understanding check: "did I get that right"`},
		{name: "makes sense as agreement", text: "Makes sense.", tag: TagUnderstandingCheck,
			why: "agreement, not a check"},

		{name: "I'll send", text: "I'll send you the confirmation by email.", tag: TagActionCommitment,
			reason: `commits: "I'll send"`},
		{name: "I will reship", text: "I will reship it today with express delivery.", tag: TagActionCommitment,
			reason: `commits: "I will reship"`},
		{name: "I'll unblock", text: "Okay, I'll unblock the card now.", tag: TagActionCommitment,
			reason: `commits: "I'll unblock"`},
		{name: "I will follow up", text: "I will follow up by Friday.", tag: TagActionCommitment,
			reason: `commits: "I will follow up"`},
		{name: "let me go ahead and", text: "um let me go ahead and process that", tag: TagActionCommitment,
			reason: `commits: "let me go ahead and"`},
		{name: "I'll be honest", text: "I'll be honest with you.", tag: TagActionCommitment},
		{name: "question about action", text: "Should I send it again?", tag: TagActionCommitment},

		{name: "not our fault", text: "Well, that's not our fault.", tag: TagDefensive,
			reason: `defensive: "that's not our fault"`},
		{name: "as I already said", text: "As I already said, the refund takes ten days.", tag: TagDefensive,
			reason: `defensive: "as I already said"`},
		{name: "calm down", text: "Sir, you need to calm down.", tag: TagDefensive,
			reason: `defensive: "you need to calm down"`},
		{name: "you should have", text: "You should have called us sooner.", tag: TagDefensive,
			reason: `defensive: "you should have"`},
		{name: "expectation", text: "You should have received an email.", tag: TagDefensive,
			why: "an expectation, not a reproach"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := exchange(t, Config{}, prev, tt.text)
			if tt.reason == "" {
				assert.False(t, got.Has(tt.tag), "reason %q; %s", got.Reasons[tt.tag], tt.why)
				return
			}
			assert.Equal(t, tt.reason, got.Reasons[tt.tag], tt.why)
		})
	}
}

func TestAcknowledgmentNeedsReply(t *testing.T) {
	a := analyzeTurns(t, Config{}, "agent: Okay.", "agent: Okay, so let's start.")
	assert.False(t, a.Turns[0].Has(TagAcknowledgment), "nothing to acknowledge")
	assert.False(t, a.Turns[1].Has(TagAcknowledgment), "the other speaker has not spoken")
}

func TestConfigPhrases(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		text string
		tag  Tag
		want bool
	}{
		{name: "default misses", text: "That stinks.", tag: TagEmpathy, want: false},
		{name: "added phrase", cfg: Config{AddPhrases: map[string][]string{"empathy": {"That   STINKS"}}},
			text: "oh that stinks", tag: TagEmpathy, want: true},
		{name: "added slot phrase", cfg: Config{AddPhrases: map[string][]string{"emotion": {"stinky"}}},
			text: "That sounds stinky.", tag: TagEmpathy, want: true},
		{name: "removed phrase", cfg: Config{RemovePhrases: map[string][]string{"acknowledgment": {"Okay"}}},
			text: "Okay.", tag: TagAcknowledgment, want: false},
		{name: "removed then added", cfg: Config{RemovePhrases: map[string][]string{"defensive": {"calm down"}},
			AddPhrases: map[string][]string{"defensive": {"calm down"}}},
			text: "Calm down.", tag: TagDefensive, want: true},
		{name: "typographic apostrophe in a phrase", cfg: Config{AddPhrases: map[string][]string{"action_commitment": {"I’ll sort"}}},
			text: "i'll sort it", tag: TagActionCommitment, want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := exchange(t, tt.cfg, "The refund never came.", tt.text)
			assert.Equal(t, tt.want, got.Has(tt.tag), "tags %v", got.Tags)
		})
	}
	// Edits do not leak into the shared defaults.
	got := exchange(t, Config{}, "The refund never came.", "Okay.")
	assert.True(t, got.Has(TagAcknowledgment))
}

func TestLexicons(t *testing.T) {
	names := Lexicons()
	assert.Equal(t, []string{"acknowledgment", "action", "action_commitment", "backchannel", "defensive",
		"discourse", "emotion", "empathy", "filler", "intensifier", "open_request", "playback",
		"question_lead", "stopwords", "understanding_check"}, names)
	for _, n := range names {
		assert.True(t, isLexicon(n), n)
		assert.NotEmpty(t, defaultLexicons().lists[mustLex(t, n)], "embedded list %s", n)
	}
	assert.False(t, isLexicon("empathyy"))
	names[0] = "changed"
	assert.Equal(t, "acknowledgment", Lexicons()[0], "Lexicons returns a copy")

	err := Config{AddPhrases: map[string][]string{"empathyy": {"x"}}}.Validate()
	require.Error(t, err)
	assert.Equal(t, `listenscore: unknown lexicon "empathyy" (known: [acknowledgment action action_commitment backchannel defensive discourse emotion empathy filler intensifier open_request playback question_lead stopwords understanding_check])`, err.Error())
}

func TestDefaultPhrases(t *testing.T) {
	empathy, ok := DefaultPhrases("empathy")
	require.True(t, ok)
	assert.Contains(t, empathy, "i'm sorry to hear")
	assert.Contains(t, empathy, NormalizePhrase("I’m SORRY  to hear"), "typographic apostrophe, case and spaces fold")
	empathy[0] = "changed"
	again, _ := DefaultPhrases("empathy")
	assert.NotEqual(t, "changed", again[0], "DefaultPhrases returns a copy")
	_, ok = DefaultPhrases("empathyy")
	assert.False(t, ok)
}

func mustLex(t *testing.T, name string) lexID {
	id, ok := lexByName(name)
	require.True(t, ok, name)
	return id
}

func TestAnalyzeDeterministic(t *testing.T) {
	tr, _ := benchTranscript()
	want, err := Analyze(tr, Config{})
	require.NoError(t, err)
	var wg sync.WaitGroup
	results := make([]*Analysis, 4)
	for i := range results {
		wg.Go(func() {
			a, err := Analyze(tr, Config{AddPhrases: map[string][]string{"empathy": {fmt.Sprint("phrase ", i)}}})
			if err == nil {
				results[i] = a
			}
		})
	}
	wg.Wait()
	for _, got := range results {
		require.NotNil(t, got)
		assert.Equal(t, want.Turns, got.Turns)
	}
}

// BenchmarkAnalyze analyses the call of BenchmarkTokenize: tokenizing,
// tagging and metrics.
func BenchmarkAnalyze(b *testing.B) {
	tr, n := benchTranscript()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Analyze(tr, Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestQuoteText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"as i already said", `"as I already said"`},
		{"i'm sorry", `"I'm sorry"`},
		{"did i get that right", `"did I get that right"`},
		{"it is", `"it is"`},
		{"if i'd known", `"if I'd known"`},
		{"in italy", `"in italy"`},
	} {
		if got := quoteText(tt.in); got != tt.want {
			t.Errorf("quoteText(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
