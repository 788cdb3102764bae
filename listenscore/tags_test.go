package listenscore

import (
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfigPhrases(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		text string
		tag  Tag
		want bool
	}{
		{name: "default misses", text: "That's pants.", tag: TagEmpathy, want: false},
		{name: "added phrase", cfg: Config{AddPhrases: map[string][]string{"empathy": {"That's   PANTS"}}},
			text: "oh that's pants", tag: TagEmpathy, want: true},
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
	assert.Equal(t, []string{"acknowledgment", "action", "action_commitment", "asks_for_problem",
		"backchannel", "care", "closing_summary", "courtesy", "defensive", "details", "discourse",
		"emotion", "empathy", "filler", "hedge", "hold", "hold_return", "instruction", "intensifier",
		"listening_complaint", "open_request", "playback", "problem", "question_lead", "repeat_marker",
		"sides_with_customer", "social_formula", "solution", "stopwords", "transfer",
		"understanding_check"}, names)
	for _, n := range names {
		assert.True(t, isLexicon(n), n)
		assert.NotEmpty(t, defaultLexicons().lists[mustLex(t, n)], "embedded list %s", n)
	}
	assert.False(t, isLexicon("empathyy"))
	names[0] = "changed"
	assert.Equal(t, "acknowledgment", Lexicons()[0], "Lexicons returns a copy")

	err := Config{AddPhrases: map[string][]string{"empathyy": {"x"}}}.Validate()
	require.Error(t, err)
	assert.Equal(t, `listenscore: unknown lexicon "empathyy" (known: [acknowledgment action action_commitment asks_for_problem backchannel care closing_summary courtesy defensive details discourse emotion empathy filler hedge hold hold_return instruction intensifier listening_complaint open_request playback problem question_lead repeat_marker sides_with_customer social_formula solution stopwords transfer understanding_check])`, err.Error())
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

func TestAppendTenths(t *testing.T) {
	for _, v := range []float64{0.1, 0.96, 1.25, 2.349, 3.35, 12.04, 99.99} {
		assert.Equal(t, strconv.FormatFloat(v, 'f', 1, 64), string(appendTenths(nil, v)), "%v", v)
	}
}

// TestTagDefinitions pins the shipped detectors on the turns the tag
// definitions settle (see the package documentation): each agent turn of
// the call with the tags it must have, and the tags it must not.
func TestTagDefinitions(t *testing.T) {
	type want struct {
		has, not []Tag
	}
	q, open, closed, para, ack, emp := TagQuestion, TagOpenQuestion, TagClosedQuestion, TagParaphrase, TagAcknowledgment, TagEmpathy
	tests := []struct {
		customer, agent string
		want            want
	}{
		{"My bill doubled this month and nobody told me the promotion was ending.", "So the bill doubled?",
			want{has: []Tag{q, closed, para}}},
		{"Yes, it went from forty to eighty.", "Are you saying nobody contacted you before the promotion ended?",
			want{has: []Tag{q, closed, para}}},
		{"Exactly. I've called four times about this.", "I'm sorry it's taken four calls. That's a completely fair worry.",
			want{has: []Tag{emp}, not: []Tag{para, TagDefensive}}},
		{"I just want it fixed.", "I know how you feel. You shouldn't have to pay for that.",
			want{has: []Tag{emp}, not: []Tag{TagDefensive}}},
		{"I want to make a claim.", "What's your policy number?", want{has: []Tag{q, closed}, not: []Tag{open}}},
		{"It's 5512.", "Perfect.", want{has: []Tag{ack}}},
		{"And will the refund come this week?", "Yeah, it should arrive by Friday.",
			want{not: []Tag{ack, TagActionCommitment}}},
		{"Okay, that's great.", "Thank you for your patience. I'll send you a confirmation email now.",
			want{has: []Tag{TagActionCommitment}, not: []Tag{emp}}},
		{"Great.", "Is there anything else?", want{has: []Tag{q, closed}, not: []Tag{open}}},
		{"No, thanks.", "You're welcome. Have a good day.", want{not: []Tag{para}}},
		{"You too.", "You too. Bye.", want{not: []Tag{para}}},
		{"The router keeps dropping. I tried everything.", "Could you tighten it by hand?", want{not: []Tag{q}}},
		{"The cable? Sure, done.", "okay got it", want{has: []Tag{ack}}},
		{"It's been really stressful, I work from home.", "Wow.", want{has: []Tag{ack}}},
		{"And my kids need it for school.", "Oh.", want{has: []Tag{ack}}},
		{"How do I send the form?", "You fill out form 12-B online.", want{not: []Tag{para}}},
		{"The photos I sent, do they matter?", "Photos don't really matter here.", want{not: []Tag{para}}},
		{"Why does it keep dropping?", "Fair question. What happened when you restarted it?", want{has: []Tag{ack, q, open}}},
		{"Is there a setup fee?", "That's a fair question. No setup fee, and the router is included.", want{has: []Tag{ack}, not: []Tag{q}}},
	}
	var lines []string
	for _, tt := range tests {
		lines = append(lines, "customer: "+tt.customer, "agent: "+tt.agent)
	}
	a := analyzeTurns(t, Config{}, lines...)
	for k, tt := range tests {
		got := a.Turns[2*k+1]
		for _, tag := range tt.want.has {
			assert.True(t, got.Has(tag), "%q should be %s; tags %v %v", tt.agent, tag, got.Tags, got.Reasons)
		}
		for _, tag := range tt.want.not {
			assert.False(t, got.Has(tag), "%q should not be %s: %s", tt.agent, tag, got.Reason(tag))
		}
	}
}

// TestNoSocialFormulaParaphrase checks, on every agent turn of the
// project's labelled calls, that a turn made mostly of social formulae
// ("You're welcome.", "Thanks, bye.") is never tagged paraphrase.
func TestNoSocialFormulaParaphrase(t *testing.T) {
	calls, heldout := projectCorpora(t)
	n := 0
	for _, tr := range append(calls.transcripts, heldout.transcripts...) {
		a, err := Analyze(tr, Config{})
		require.NoError(t, err)
		cfg := Config{Weights: new(Weights)}.withDefaults()
		analyze(tr, cfg, defaultLexicons(), func(i int, cv *cueVec, _ *turnFeatures) {
			if tr.Turns[i].Role == RoleAgent && cv.val[cueSocialFormula] >= 0.5 {
				n++
				assert.False(t, a.Turns[i].Has(TagParaphrase), "%s:%d %q: %s", tr.Name, i, tr.Turns[i].Text, a.Turns[i].Reason(TagParaphrase))
			}
		})
	}
	assert.Greater(t, n, 40, "the calls hold many closings")
}

// TestCustomerTurnTags checks which tags a customer's turn can carry:
// questions and acknowledgments, like anyone's, but none of the agent's
// listening behaviours, which the same words earn an agent.
func TestCustomerTurnTags(t *testing.T) {
	listening := []Tag{TagParaphrase, TagEmpathy, TagUnderstandingCheck, TagActionCommitment, TagDefensive}
	tests := []struct {
		text  string
		agent []Tag // what the words earn an agent's turn
		both  []Tag // and a customer's too
	}{
		{"I'm so sorry to hear that, that must be really frustrating.", []Tag{TagEmpathy}, nil},
		{"Okay, I'll send you the photos of the damage tonight.", []Tag{TagActionCommitment}, []Tag{TagAcknowledgment}},
		{"That's not our fault, it's clearly stated in the terms.", []Tag{TagDefensive}, nil},
		{"Does that make sense?", []Tag{TagUnderstandingCheck}, []Tag{TagQuestion, TagClosedQuestion}},
		{"Okay. What happens next?", nil, []Tag{TagAcknowledgment, TagQuestion, TagOpenQuestion}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			const opener = "The router drops every evening and I work from home."
			agent := analyzeTurns(t, Config{}, "customer: "+opener, "agent: "+tt.text).Turns[1]
			customer := analyzeTurns(t, Config{}, "agent: "+opener, "customer: "+tt.text).Turns[1]
			for _, tag := range append(tt.agent, tt.both...) {
				assert.True(t, agent.Has(tag), "agent's turn should be %s; tags %v", tag, agent.Tags)
			}
			for _, tag := range tt.both {
				assert.True(t, customer.Has(tag), "customer's turn should be %s; tags %v", tag, customer.Tags)
			}
			for _, tag := range listening {
				assert.False(t, customer.Has(tag), "customer's turn is %s: %s", tag, customer.Reason(tag))
			}
		})
	}
	// A speaker whose role is unknown is read as an agent could be.
	tr := turnsTranscript(t, "customer: The router drops every evening.", "agent: I'm so sorry, that must be really frustrating.")
	tr.Turns[1].Role = RoleUnknown
	a, err := Analyze(tr, Config{})
	require.NoError(t, err)
	assert.True(t, a.Turns[1].Has(TagEmpathy), "tags %v", a.Turns[1].Tags)
}
