package listenscore

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cuesOf analyses the turns given as "agent: text" or "customer: text" and
// returns the cues of the last one, by name, each with its description
// as a reason shows it.
func cuesOf(t testing.TB, cfg Config, lines ...string) map[string]string {
	t.Helper()
	tr := turnsTranscript(t, lines...)
	require.NoError(t, cfg.Validate())
	cfg.Weights = new(Weights)
	cfg = cfg.withDefaults()
	got := map[string]string{}
	analyze(tr, cfg, buildLexicons(cfg), func(i int, cv *cueVec, f *turnFeatures) {
		if i != len(lines)-1 {
			return
		}
		for id := range numCues {
			if cv.val[id] != 0 {
				got[cueDefs[id].name] = string(cv.appendDesc(nil, cueID(id), f))
			}
		}
	})
	return got
}

// signalCase is one hand-written turn and the cues it must and must not
// set.
type signalCase struct {
	name   string
	before []string // earlier turns; default: the customer's bill problem
	turn   string   // the agent's turn
	want   map[string]string
	not    []string
	why    string
}

// covered collects the cues the tables pin, so that TestCueCoverage can
// tell a cue no table tests.
var covered = map[string]bool{}

func runSignalCases(t *testing.T, tests []signalCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := tt.before
			if before == nil {
				before = []string{"customer: I have a problem with my bill."}
			}
			got := cuesOf(t, Config{}, append(before, "agent: "+tt.turn)...)
			for name, desc := range tt.want {
				covered[name] = true
				if assert.Contains(t, got, name, "cues %v; %s", got, tt.why) {
					assert.Equal(t, desc, got[name], "%s: %s", name, tt.why)
				}
			}
			for _, name := range tt.not {
				covered[name] = true
				assert.NotContains(t, got, name, "%s", tt.why)
			}
		})
	}
}

func TestQuestionCues(t *testing.T) {
	runSignalCases(t, []signalCase{
		{name: "wh-question", turn: "What happened when you called?",
			want: map[string]string{"wh_question": `wh-question "what"`, "question_mark": `ends with "?"`,
				"question_at_end": "ends on the question"},
			not: []string{"asks_for_one_fact", "yes_no_frame"}},
		{name: "wh without question mark", turn: "so um what do you think happened",
			want: map[string]string{"wh_question": `wh-question "what"`}, not: []string{"question_mark"},
			why: "STT output: lower case, no '?', leading fillers"},
		{name: "subject question", turn: "what happened after that", want: map[string]string{"wh_question": `wh-question "what"`}},
		{name: "how many asks for a fact", turn: "How many times did it happen?",
			want: map[string]string{"wh_question": `wh-question "how"`, "asks_for_one_fact": `asks for one fact "how many"`}},
		{name: "how do you feel", turn: "how do you feel about the new plan",
			want: map[string]string{"wh_question": `wh-question "how"`}, not: []string{"asks_for_one_fact"},
			why: "'how' before an auxiliary asks the manner, not a degree"},
		{name: "what's your policy number", turn: "What's your policy number?",
			want: map[string]string{"asks_for_one_fact": `asks for one fact "what's your policy number"`}},
		{name: "what is the postcode", turn: "And what is the postcode on the account?",
			want: map[string]string{"asks_for_one_fact": `asks for one fact "what is the postcode"`}},
		{name: "what's the problem", turn: "What's the problem with it?", want: map[string]string{"wh_question": `wh-question "what's"`},
			not: []string{"asks_for_one_fact"}, why: "'problem' is not a detail of the details lexicon"},
		{name: "what time", turn: "What time works for you?", want: map[string]string{"asks_for_one_fact": `asks for one fact "what time"`}},
		{name: "which", turn: "which plan are you on", want: map[string]string{"asks_for_one_fact": `asks for one fact "which plan"`}},
		{name: "after a preamble", turn: "On a scale of one to ten, how likely are you to renew",
			want: map[string]string{"wh_question": `wh-question "how"`, "asks_for_one_fact": `asks for one fact "how likely"`}},
		{name: "embedded inversion", turn: "I'm trying to figure out what do you need",
			want: map[string]string{"wh_question": `wh-question "what do you"`}},
		{name: "yes/no frame", turn: "do you have the order number",
			want: map[string]string{"yes_no_frame": `yes/no frame "do you"`}},
		{name: "disfluent inversion", turn: "uh so is it um is it still happening",
			want: map[string]string{"yes_no_frame": `yes/no frame "is it"`}},
		{name: "I wonder if", turn: "I wonder if you could send me the form",
			want: map[string]string{"yes_no_frame": `yes/no frame "I wonder if"`}},
		{name: "free relative stays yes/no", turn: "Is that what you're saying?",
			want: map[string]string{"yes_no_frame": `yes/no frame "is that"`}, not: []string{"embedded_open_question"}},
		{name: "frame around why", turn: "Do you have any idea why it keeps dropping?",
			want: map[string]string{"embedded_open_question": `open question in a yes/no frame "why"`}},
		{name: "request to act", turn: "Could you tighten it by hand?",
			want: map[string]string{"yes_no_frame": `yes/no frame "could you"`, "request_to_act": `request to act "could you tighten"`}},
		{name: "request with please", turn: "can you please restart the router",
			want: map[string]string{"request_to_act": `request to act "can you please restart"`}},
		{name: "request for information", turn: "Could you read me the code on the screen?",
			want: map[string]string{"yes_no_frame": `yes/no frame "could you"`}, not: []string{"request_to_act"},
			why: "reading out asks for information"},
		{name: "either or", turn: "Are you on Wi-Fi or plugged in with a cable?",
			want: map[string]string{"either_or": `either/or "or"`}},
		{name: "open request", turn: "Tell me about the error you're seeing.",
			want: map[string]string{"open_request": `open request "tell me about"`}, not: []string{"question_mark"}},
		{name: "open request in a frame", turn: "can you tell me more about the error",
			want: map[string]string{"open_request": `open request "tell me more"`}},
		{name: "anything else", turn: "Is there anything else I can help you with?",
			want: map[string]string{"asks_for_more": `asks for more "anything else"`}},
		{name: "tag question", turn: "You were charged twice, right?",
			want: map[string]string{"tag_question": `tag question "right"`}, not: []string{"statement_as_question"}},
		{name: "statement with a question mark", turn: "So the charge is still pending?",
			want: map[string]string{"statement_as_question": `statement with "?"`}},
		{name: "the last question counts", turn: "What happened? Did it fail again?",
			want: map[string]string{"yes_no_frame": `yes/no frame "did it"`}, not: []string{"wh_question"},
			why: "the listener answers the last question"},
		{name: "question before a statement", turn: "Did it fail again? I'll check the logs.",
			want: map[string]string{"yes_no_frame": `yes/no frame "did it"`}, not: []string{"question_at_end"}},
		{name: "unpunctuated, inversion mid-turn", turn: "that is the safest level for adults are you drinking more than that",
			want: map[string]string{"yes_no_frame": `yes/no frame "are you"`, "mid_turn_question": "question inside unpunctuated speech",
				"unpunctuated": "unpunctuated speech"}},
		{name: "unpunctuated, after a clause-ending auxiliary", turn: "yes it is do you have a reading on the meter display right now",
			want: map[string]string{"yes_no_frame": `yes/no frame "do you"`, "mid_turn_question": "question inside unpunctuated speech"}},
		{name: "unpunctuated, auxiliary then its object", turn: "i know i can do it like i can do anything",
			not: []string{"yes_no_frame", "mid_turn_question"}, why: "'can do it' is not 'can. Do it…?'"},
		{name: "unpunctuated statement", turn: "the money is there for the bills every month and it works",
			want: map[string]string{"unpunctuated": "unpunctuated speech"}, not: []string{"yes_no_frame", "wh_question"},
			why: "'is there' after a noun is not an inversion"},
		{name: "suggestion", turn: "Why don't we start with your account number.",
			want: map[string]string{"suggestion": `suggestion "why don't we"`}, not: []string{"wh_question"}},
		{name: "continuer", turn: "Yeah?", want: map[string]string{"backchannel_question": `backchannel with a question mark "yeah"`},
			not: []string{"question_mark", "statement_as_question"}},
		{name: "pseudo-cleft", turn: "what I'm hearing is that the bill doubled", not: []string{"wh_question"}},
		{name: "free relative", turn: "That's what I said.", not: []string{"wh_question", "question_mark"}},
		{name: "imperative do", turn: "do that and then restart it", not: []string{"yes_no_frame"}},
		{name: "temporal when", turn: "when you called, the line dropped", not: []string{"wh_question"}},
		{name: "reported speech", turn: `He asked me "why did you cancel?" and hung up.`, not: []string{"wh_question"}},
		{name: "continues a cut-off", turn: "-is a big problem.", not: []string{"yes_no_frame"}},
		{name: "you know what", turn: "You know what? I'll just do it myself.", not: []string{"wh_question", "statement_as_question"}},
	})
}

func TestPlaybackCues(t *testing.T) {
	runSignalCases(t, []signalCase{
		{name: "restates with shift", before: []string{"customer: I was charged twice for my subscription and I'm annoyed."},
			turn: "So you were charged twice for the subscription.",
			want: map[string]string{"shared_words": `plays back "charged twice for the subscription" (3 shared content words)`,
				"shared_share": "100% of its content words are the other speaker's", "person_shift": "you→I shift",
				"sums_up": `sums up ("so …") "so"`, "you_statement": `statement about the listener "you were"`}},
		{name: "lead-in with feeling", before: []string{"customer: The app keeps logging me out."},
			turn: "It sounds like you're really frustrated with that.",
			want: map[string]string{"playback_lead_in": `lead-in "it sounds like"`,
				"listener_feeling": `the listener's feeling "you're really frustrated"`, "names_feeling": `names a feeling "frustrated"`},
			not: []string{"shared_words"}},
		{name: "lead-in question", before: []string{"customer: Nobody called me back."},
			turn: "Are you saying nobody called you back?",
			want: map[string]string{"playback_lead_in": `lead-in "are you saying"`, "shared_words": `plays back "nobody called" (2 shared content words)`},
			why:  "a reflection asked as a question plays back too"},
		{name: "statement about the listener", before: []string{"customer: I've tried restarting it five times already."},
			turn: "You've tried that too.", want: map[string]string{"you_statement": `statement about the listener "you've tried"`}},
		{name: "context reaches past a short reply",
			before: []string{"customer: My internet connection drops every evening.", "agent: Okay.", "customer: Yeah."},
			turn:   "So the connection drops every evening.",
			want:   map[string]string{"shared_words": `plays back "connection drops every evening" (3 shared content words)`},
			why:    "the customer's earlier turn, before \"Yeah.\", is the context"},
		{name: "a question plays nothing back", before: []string{"customer: I can't log into my account."},
			turn: "What's your account number?", not: []string{"shared_words", "you_statement"}},
		{name: "instruction", before: []string{"customer: My router keeps dropping the connection."},
			turn: "You need to restart your router.", want: map[string]string{"instruction": `instruction "you need to"`},
			not: []string{"you_statement"}},
		{name: "imperative", turn: "Click export, then choose CSV.", want: map[string]string{"instruction": `instruction "click"`}},
		{name: "please before a question", turn: "Please, what's your name?", not: []string{"instruction"}},
		{name: "speaker's own action", turn: "Let me check your account.",
			want: map[string]string{"speaker_subject": `about the speaker "let me"`}},
		{name: "a thing", turn: "There's a fee of twenty pounds.", want: map[string]string{"thing_subject": `about a thing "there's a"`}},
		{name: "social formula", turn: "You're welcome. Have a good day.",
			want: map[string]string{"social_formula": `social formula "you're welcome"`}},
		{name: "first turn", before: []string{}, turn: "Thanks for calling.",
			want: map[string]string{"no_context": "nothing said before by another speaker"}},
	})
	// The social formula cue's value is the share of the turn it covers.
	got := cueValues(t, "customer: Thanks, bye.", "agent: Thank you. So the bill doubled.")
	assert.InDelta(t, 2.0/6, got[cueSocialFormula], 1e-9, "two of six words")
	got = cueValues(t, "customer: I was charged twice for my subscription.", "agent: So you were charged twice for the wrong plan.")
	assert.InDelta(t, 2.0/4, got[cueSharedShare], 1e-9, "charged, twice of charged, twice, wrong, plan")
	assert.Equal(t, 2.0, got[cueSharedWords])
}

// cueValues returns the cue values of the last of lines.
func cueValues(t *testing.T, lines ...string) [numCues]float64 {
	t.Helper()
	tr := turnsTranscript(t, lines...)
	cfg := Config{Weights: new(Weights)}.withDefaults()
	var got [numCues]float64
	analyze(tr, cfg, defaultLexicons(), func(i int, cv *cueVec, _ *turnFeatures) {
		if i == len(lines)-1 {
			got = cv.val
		}
	})
	return got
}

func TestListeningCues(t *testing.T) {
	runSignalCases(t, []signalCase{
		{name: "mm-hmm", turn: "Mm-hmm.", want: map[string]string{"acknowledgment_opening": `opens with "mm-hmm"`,
			"backchannel_turn": "backchannel", "follows_other_speaker": "responds to another speaker", "short_turn": "short turn"}},
		{name: "okay got it unpunctuated", turn: "okay got it", want: map[string]string{"acknowledgment_opening": `opens with "okay"`},
			why: "followed by another cue"},
		{name: "I see alone", turn: "Oh, I see.", want: map[string]string{"acknowledgment_opening": `opens with "oh I see"`}},
		{name: "fair question", turn: "Fair question. It's based on usage.", want: map[string]string{"acknowledgment_opening": `opens with "fair question"`}},
		{name: "yes, but", turn: "I understand, but it's the customer's responsibility to read the updates.",
			want: map[string]string{"acknowledgment_opening": `opens with "I understand"`,
				"acknowledgment_then_but": `acknowledges, then objects "I understand but"`}},
		{name: "but later", turn: "Okay. I can refund it, but not the fee.", not: []string{"acknowledgment_then_but"},
			why: "the objection must follow the acknowledgment"},
		{name: "I see the charge", turn: "I see the charge on your account.", not: []string{"acknowledgment_opening"},
			why: "perception, not acknowledgment"},
		{name: "answer to a yes/no question", before: []string{"customer: Can you see my account?"},
			turn: "Yeah, I have it here.", want: map[string]string{"answers_yes_no": `answers a yes/no question "yeah"`,
				"answers_question": "answers a question"}},
		{name: "after a wh-question", before: []string{"customer: When will it arrive?"},
			turn: "Friday.", want: map[string]string{"answers_question": "answers a question"}, not: []string{"answers_yes_no"}},
		{name: "a question not at the end", before: []string{"customer: The cable? Sure, done."},
			turn: "okay got it", not: []string{"answers_question", "answers_yes_no"}},
		{name: "own turn again", before: []string{"agent: Let me check."}, turn: "Okay, found it.",
			not: []string{"follows_other_speaker", "answers_question"}},

		{name: "that sounds frustrating", turn: "That sounds really frustrating.",
			want: map[string]string{"empathy_phrase": `empathy phrase "that sounds really frustrating"`, "names_feeling": `names a feeling "frustrating"`},
			why:  "intensifiers are skipped inside phrases"},
		{name: "sorry it's taken", turn: "I'm sorry it's taken four calls.",
			want: map[string]string{"empathy_phrase": `empathy phrase "I'm sorry it's"`, "apology": `apologises "sorry"`}},
		{name: "typographic apostrophe", turn: "I’m sorry to hear that.", want: map[string]string{"empathy_phrase": `empathy phrase "I'm sorry to hear"`}},
		{name: "hard to say", turn: "That's hard to say without the order number.", not: []string{"empathy_phrase"},
			why: "a feeling word must end the clause"},
		{name: "the speaker's own feeling", turn: "I was so anxious about it myself.", not: []string{"names_feeling"}},
		{name: "I'm afraid", turn: "I'm afraid we don't quote fees on this line.", not: []string{"names_feeling"},
			want: map[string]string{"courtesy": `courtesy "I'm afraid"`}},
		{name: "asked, not named", turn: "How do you feel about the new plan?", not: []string{"listener_feeling"}},
		{name: "courtesy", turn: "Thank you for your patience.", want: map[string]string{"courtesy": `courtesy "thank you for your patience"`}},
		{name: "care", turn: "I hope you feel better soon.", want: map[string]string{"care": `shows care "I hope you feel better"`}},
		{name: "not siding", turn: "That's not really our fault.", not: []string{"sides_with_customer"},
			want: map[string]string{"defensive_phrase": `defensive phrase "that's not really our fault"`}},
		{name: "siding", turn: "You shouldn't have to pay for that.",
			want: map[string]string{"sides_with_customer": `sides with the customer "you shouldn't have to"`}, not: []string{"defensive_phrase"}},

		{name: "does that make sense", turn: "Does that make sense?", want: map[string]string{"check_phrase": `check phrase "does that make sense"`}},
		{name: "I'll send", turn: "I'll send you the confirmation by email.", want: map[string]string{"commitment_phrase": `commitment phrase "I'll send"`}},
		{name: "done action", turn: "Okay, I've credited twenty pounds.", want: map[string]string{"done_action": `acts "I've credited"`}},
		{name: "ongoing action", turn: "I'm just escalating it now.", want: map[string]string{"done_action": `acts "I'm just escalating"`}},
		{name: "having, not acting", turn: "I've got your account up.", not: []string{"done_action", "commitment_phrase"}},
		{name: "hedge", turn: "Hopefully it sorts itself out.", want: map[string]string{"hedge": `hedges "hopefully"`}},
		{name: "as I said", turn: "As I already said, the refund takes ten days.", want: map[string]string{"defensive_phrase": `defensive phrase "as I already said"`}},
		{name: "expectation", turn: "You should have received an email.", not: []string{"defensive_phrase"}},
		{name: "length", turn: "one two three four five six seven", want: map[string]string{"length": "7 words"}, not: []string{"short_turn"}},
	})
}

func TestCueCoverage(t *testing.T) {
	TestQuestionCues(t)
	TestPlaybackCues(t)
	TestListeningCues(t)
	for _, d := range cueDefs {
		assert.True(t, covered[d.name], "no table pins cue %s", d.name)
	}
}

func TestCueValuesFinite(t *testing.T) {
	tr, _ := benchTranscript()
	cfg := Config{Weights: new(Weights)}.withDefaults()
	analyze(tr, cfg, defaultLexicons(), func(i int, cv *cueVec, _ *turnFeatures) {
		for id, v := range cv.val {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("turn %d: cue %s = %v", i, cueDefs[id].name, v)
			}
		}
	})
}
