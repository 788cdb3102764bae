package listenscore

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		words  string // space-separated
		breaks string // one letter a word: " " space, "," comma, "-" false start, "~" restart, "." stop, "?" question
		why    string
	}{
		{name: "plain", text: "I was charged twice.", words: "i was charged twice", breaks: "   ."},
		{name: "apostrophes", text: "Don’t I’ve 'cause goin' students'", words: "don't i've cause goin students",
			breaks: "     ", why: "typographic apostrophes fold; quote marks at the edges go"},
		{name: "hyphenated words stay", text: "mm-hmm the follow-up", words: "mm-hmm the follow-up", breaks: "   "},
		{name: "stutters fold", text: "If-if that's-that's w-what I-I-I", words: "if that's what i", breaks: "    "},
		{name: "false start", text: "I- I think so", words: "i i think so", breaks: "-   "},
		{name: "restart", text: "What were you-- what have you", words: "what were you what have you", breaks: "  ~   "},
		{name: "em dash and ellipsis", text: "well—maybe… later...", words: "well maybe later", breaks: "~~~"},
		{name: "question", text: "Really? Yes, sure!", words: "really yes sure", breaks: "?,."},
		{name: "numbers", text: "It's $3.50, 1,000 times at 10:30.", words: "it's 3.50 1,000 times at 10:30",
			breaks: " ,   ."},
		{name: "notes skipped", text: "I [inaudible] went (laughs) home [unclosed", words: "i went home unclosed", breaks: "    "},
		{name: "unicode", text: "ÉTÉ Über naïve", words: "été über naïve", breaks: "   "},
		{name: "empty", text: " -- ", words: "", breaks: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tk := tokenize(tt.text)
			assert.Equal(t, tt.words, strings.Join(tk.words, " "), tt.why)
			var b strings.Builder
			for _, br := range tk.brks {
				b.WriteByte(" ,-~.?"[br])
			}
			assert.Equal(t, tt.breaks, b.String(), tt.why)
		})
	}
}

func TestTokenizeEdges(t *testing.T) {
	tests := []struct {
		name              string
		text              string
		cutOff, continued bool
		quoted            string // words inside quotation marks
	}{
		{name: "cut off dash", text: "so I was going to-", cutOff: true},
		{name: "cut off double dash", text: "and then he --  ", cutOff: true},
		{name: "cut off ellipsis", text: "maybe…", cutOff: true},
		{name: "trailing three dots", text: "maybe...", cutOff: true},
		{name: "continued", text: "-and then nothing.", continued: true},
		{name: "quoted", text: `She said "why not?" and left.`, quoted: "why not"},
		{name: "unclosed quote", text: `She said "why not and left.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tk := tokenize(tt.text)
			assert.Equal(t, tt.cutOff, tk.cutOff)
			assert.Equal(t, tt.continued, tk.continued)
			var q []string
			for i, in := range tk.quoted {
				if in {
					q = append(q, tk.words[i])
				}
			}
			assert.Equal(t, tt.quoted, strings.Join(q, " "))
		})
	}
}

func TestFeatures(t *testing.T) {
	tests := []struct {
		name          string
		text          string
		words, conten int
		backchannel   bool
		why           string
	}{
		{name: "backchannel", text: "Mm-hmm.", words: 1, backchannel: true},
		{name: "two backchannels", text: "yeah, I see", words: 3, backchannel: true},
		{name: "got it", text: "Okay got it.", words: 3, backchannel: true},
		{name: "too long", text: "I see what you mean", words: 5, conten: 0, why: "more than 3 words"},
		{name: "not a backchannel", text: "No.", words: 1, conten: 0, why: `"no" answers`},
		{name: "content", text: "Um, my router keeps dropping the connection.", words: 7, conten: 4},
	}
	lex := defaultLexicons()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := lex.features(tt.text, Config{})
			assert.Equal(t, tt.words, f.wordCount, tt.why)
			assert.Equal(t, tt.conten, f.contentWords, tt.why)
			assert.Equal(t, tt.backchannel, f.backchannel, tt.why)
		})
	}
	f := lex.features("ok got it", Config{MaxBackchannelWords: 2})
	assert.False(t, f.backchannel, "Config.MaxBackchannelWords applies")
}

// Sentences for a synthetic one-hour customer-service call: what agents
// and customers typically say, with the disfluencies of transcribed speech.
var (
	benchAgent = []string{
		"Thank you for calling, my name is Dana, how can I help you today?",
		"I'm sorry to hear that, that sounds really frustrating.",
		"Okay, so what I'm hearing is the payment went through twice this month.",
		"Can you tell me the last four digits of the card on file?",
		"Let me pull up your account, one moment please.",
		"I see the two charges here on the fifth and the sixth.",
		"I'll go ahead and refund the second charge right now.",
		"You should see the credit in three to five business days.",
		"Is there anything else I can help you with today?",
		"Um, so just to confirm, you want to keep the premium plan, right?",
		"Got it, and what's the best number to reach you at?",
		"I will follow up by email once the refund has been processed.",
		"Does that make sense?",
		"Mm-hmm.",
		"Right, I understand.",
		"uh so how long have you been seeing this error on the app",
		"Okay, let me check that for you.",
		"It sounds like the router keeps dropping the connection in the evening.",
		"Have you tried restarting it since the update?",
		"Tell me a little more about what happens when it disconnects.",
		"I can imagine that's been stressful with you working from home.",
		"So you're saying the technician never showed up on Tuesday?",
		"I'm going to escalate this to our field team.",
		"Is that correct?",
		"Okay great, I've updated the address on the account.",
		"Why don't we schedule a callback for tomorrow morning?",
		"I apologize for the inconvenience.",
		"Which day works best for you, Monday or Wednesday?",
	}
	benchCustomer = []string{
		"Hi, yeah, I was charged twice for my subscription this month.",
		"It's ending in 4471.",
		"Yeah.",
		"Okay.",
		"I- I just don't understand why this keeps happening, you know?",
		"The internet keeps cutting out every night around eight.",
		"I already called about this last week and nobody called me back.",
		"Um, it started after the update, I think.",
		"Mm-hmm.",
		"No, that's it, thanks.",
		"Right.",
		"My number is the same one on the account.",
		"I work from home so I really need it to be stable.",
		"The technician was supposed to come on Tuesday but he never showed up.",
		"Yes, that's correct.",
		"Can you just cancel the premium plan and refund me?",
		"I've restarted it like five times already.",
		"Sure, Wednesday works.",
		"Honestly I'm pretty frustrated at this point.",
		"Uh, so how long will the refund take?",
	}
)

// benchTranscript builds a timed one-hour call of 1,000 turns and about
// 10,000 words from the sentences above, deterministically, and returns it
// with its text's size in bytes.
func benchTranscript() (*Transcript, int) {
	t := &Transcript{Name: "bench.txt", Format: FormatText}
	seed := uint32(1)
	next := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	at := time.Duration(0)
	size := 0
	for i := range 1000 {
		speaker, role, pool := "Agent", RoleAgent, benchAgent
		if i%2 == 1 {
			speaker, role, pool = "Customer", RoleCustomer, benchCustomer
		}
		text := pool[next(len(pool))]
		if next(3) == 0 {
			text += " " + pool[next(len(pool))]
		}
		dur := time.Duration(len(text)) * 55 * time.Millisecond
		t.Turns = append(t.Turns, Turn{Speaker: speaker, Role: role, Text: text,
			Start: at, End: at + dur, HasStart: true, HasEnd: true, Line: i + 1, Column: 1})
		at += dur + 300*time.Millisecond
		size += len(text)
	}
	t.Speakers = []Speaker{{Label: "Agent", Role: RoleAgent, RoleSource: RoleFromLabel},
		{Label: "Customer", Role: RoleCustomer, RoleSource: RoleFromLabel}}
	return t, size
}

// BenchmarkTokenize is a bare tokenizing pass over a one-hour call's
// turns: the floor BenchmarkAnalyze is compared with.
func BenchmarkTokenize(b *testing.B) {
	tr, n := benchTranscript()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, tu := range tr.Turns {
			tokenize(tu.Text)
		}
	}
}

// FuzzTokenize checks that any text tokenizes and analyses without a
// panic, with parallel slices and no empty words.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"I- I think", `"why?" [x] (y`, "mm-hmm--what’s that…", "3.5,1,000:", "-", "é\xff'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tk := tokenize(text)
		if len(tk.brks) != len(tk.words) || tk.quoted != nil && len(tk.quoted) != len(tk.words) {
			t.Fatalf("slices differ: %d words, %d breaks, %d quoted", len(tk.words), len(tk.brks), len(tk.quoted))
		}
		for _, w := range tk.words {
			if w == "" {
				t.Fatal("empty word")
			}
		}
		tr := &Transcript{Turns: []Turn{{Speaker: "a", Text: text}, {Speaker: "b", Text: text}}}
		if _, err := Analyze(tr, Config{}); err != nil {
			t.Fatal(err)
		}
	})
}
