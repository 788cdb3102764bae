package listenscore

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCallFeaturesTurn checks that the call-wide features give back each
// turn's words as the tokenizer splits them: the words are kept as offsets
// into one buffer, which relies on the tokenizer writing them back to back.
func TestCallFeaturesTurn(t *testing.T) {
	texts := []string{
		"I was charged twice.",
		"If-if that's-that's w-what I-I-I mean",
		"goin' students' 'cause don’t",
		"", "   ", "?!", "[inaudible] (laughs)",
		"It's $3.50, 1,000 times at 10:30.",
		`She said "why me?" and left`,
		"— so I was…",
		"ȺȺȺ Ⱥb ẞtraße Kelvin", // lower case longer and shorter than upper case
		"mm-hmm", "Okay got it.",
		strings.Repeat("ȺȺ ", 200), // outgrows the buffer sized by the input
	}
	turns := make([]Turn, len(texts))
	for i, text := range texts {
		turns[i] = Turn{Speaker: "a", Text: text}
	}
	lex := defaultLexicons()
	c := lex.allFeatures(turns, Config{}.withDefaults())
	var sc turnScratch
	for i, text := range texts {
		tk := tokenize(text)
		f := c.turn(i, &sc)
		require.Equal(t, len(tk.words), f.wordCount, text)
		assert.Equal(t, strings.Join(tk.words, " "), strings.Join(f.words, " "), text)
		assert.Equal(t, tk.brks, f.brks, text)
		assert.Equal(t, tk.quoted, f.quoted, text)
		for k, w := range f.words {
			in := lex.vocab[w]
			assert.Same(t, in, f.info[k], "%q: entry of %q", text, w)
			content := in == nil || in.member&(bit(lexStopwords)|bit(lexFiller)) == 0
			assert.Equal(t, content, f.ids[k] >= 0, "%q: content word %q", text, w)
			id := max(f.ids[k], ^f.ids[k])
			assert.Equal(t, w, c.cw.words[id], "%q: number of %q", text, w)
		}
		assert.Equal(t, f.ids, c.turnIDs(i), text)
	}
}

func TestStrArena(t *testing.T) {
	var a strArena
	assert.Empty(t, a.str(nil))
	var got []string
	var want []string
	for i := range 3000 { // several chunks
		s := fmt.Sprintf("reason %d", i)
		got = append(got, a.str([]byte(s)))
		want = append(want, s)
	}
	big := strings.Repeat("x", 3*arenaChunk)
	got = append(got, a.str([]byte(big)), a.labelQuote("lead-in ", "i", "see"))
	want = append(want, big, `lead-in "I see"`)
	assert.Equal(t, want, got, "earlier strings are never overwritten")
}

func TestLastTurns(t *testing.T) {
	var l lastTurns
	ref := map[string]int{}
	for i := range 200 {
		speaker := strconv.Itoa(i * 7 % 13) // 13 speakers: past the short list
		if i > 100 {
			speaker = strconv.Itoa(i % 3)
		}
		wantTurn, wantOK := ref[speaker]
		ref[speaker] = i
		gotTurn, gotOK := l.swap(speaker, i)
		require.Equal(t, wantOK, gotOK, "turn %d", i)
		assert.Equal(t, wantTurn, gotTurn, "turn %d", i)
	}
}

// TestAppendSecondsUnit checks the decimal rendering against the float
// formatting it replaces.
func TestAppendSecondsUnit(t *testing.T) {
	float := func(d time.Duration) string {
		ms := d.Round(time.Millisecond).Milliseconds()
		return strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64) + " s"
	}
	var ds []time.Duration
	for ms := -3000; ms <= 3000; ms++ {
		ds = append(ds, time.Duration(ms)*time.Millisecond, time.Duration(ms)*time.Millisecond+500*time.Microsecond)
	}
	ds = append(ds, 1<<62, -1<<62, 1<<63-1, -1<<63, 123456789012345678, 3*time.Hour+7*time.Millisecond)
	for _, d := range ds {
		assert.Equal(t, float(d), string(appendSecondsUnit(nil, d)), "%d ns", int64(d))
	}
	assert.Equal(t, "1.2 s", formatSeconds(1200*time.Millisecond))
}

// TestMatchPrefilter checks match, which rejects most words by their next
// word at once, against trying every phrase.
func TestMatchPrefilter(t *testing.T) {
	lex := defaultLexicons()
	every := func(f *turnFeatures, i, end int, id lexID) (int, *phrase) {
		if i >= end || f.info[i] == nil {
			return -1, nil
		}
		for _, p := range f.info[i].startsOf(id) {
			if e := p.matchAt(f, i, end); e >= 0 {
				return e, p
			}
		}
		return -1, nil
	}
	texts := append(append([]string{
		"I see, um, I see what you mean, you know, kind of",
		"it sounds like, uh, you were really frustrated",
		"I I wonder if you could tell me about it",
		"let me, um, just check that for you right now",
	}, benchAgent...), benchCustomer...)
	matches := 0
	for _, text := range texts {
		f := lex.features(text, Config{})
		for _, s := range append(f.sents, span{start: 0, end: len(f.words)}) {
			for i := s.start; i <= s.end; i++ {
				for id := range numLex {
					wantEnd, wantP := every(&f, i, s.end, id)
					gotEnd, gotP := lex.match(&f, i, s.end, id)
					require.Equal(t, wantEnd, gotEnd, "%q at %d, %s", text, i, lexNames[id])
					require.Same(t, wantP, gotP, "%q at %d, %s", text, i, lexNames[id])
					if gotEnd >= 0 {
						matches++
					}
				}
			}
		}
	}
	assert.Greater(t, matches, 100, "the texts exercise the lexicons")
}

func TestParseStampRange(t *testing.T) {
	for _, tt := range []struct {
		in         string
		start, end string // clock() renderings; end "" for none
		off        int
		ok         bool
	}{
		{in: "00:01", start: "0:00:01.000", ok: true},
		{in: "00:01 - 00:04.5", start: "0:00:01.000", end: "0:00:04.500", ok: true},
		{in: "00:01 --> 00:04", start: "0:00:01.000", end: "0:00:04.000", ok: true},
		{in: "00:01 – 00:04", start: "0:00:01.000", end: "0:00:04.000", ok: true},
		{in: "00:01—00:04", start: "0:00:01.000", end: "0:00:04.000", ok: true},
		{in: "00:01 – 00:04-00:05", off: 10, ok: false}, // the en dash separates
		{in: "00:01 → 00:04", ok: false},
		{in: "00:01 - x", off: 8, ok: false},
	} {
		st, off, ok := parseStampRange(tt.in)
		require.Equal(t, tt.ok, ok, tt.in)
		assert.Equal(t, tt.off, off, tt.in)
		if ok {
			assert.Equal(t, tt.start, clock(st.start), tt.in)
			assert.Equal(t, tt.end != "", st.hasEnd, tt.in)
			if st.hasEnd {
				assert.Equal(t, tt.end, clock(st.end), tt.in)
			}
		}
	}
}

// TestPlainNeedsFold checks the eight-bytes-at-a-time scan against a
// byte-by-byte one.
func TestPlainNeedsFold(t *testing.T) {
	byByte := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if c := s[i]; plainBlank(c) && (c != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ') {
				return true
			}
		}
		return false
	}
	alphabet := "ab  \t\v\f\n\r\x00.\xe2\xff\x80\x1f!"
	r := rand.New(rand.NewPCG(7, 8))
	for range 200_000 {
		b := make([]byte, r.IntN(40))
		for k := range b {
			b[k] = alphabet[r.IntN(len(alphabet))]
		}
		require.Equal(t, byByte(string(b)), plainNeedsFold(string(b)), "%q", b)
	}
	for _, s := range []string{"", "a", " a", "a ", "a  b", "abcdefg  hijk", "abcdefgh ijklmnop", "abcdefg\tb",
		"abcdefgh\x00ijklmnop", "a b c d e f g h i j"} {
		assert.Equal(t, byByte(s), plainNeedsFold(s), "%q", s)
	}
}

// FuzzCallFeatures checks that the call-wide features give back every
// turn's words, breaks and quotation marks as the tokenizer splits them.
func FuzzCallFeatures(f *testing.F) {
	for _, s := range []string{"I- I think", `"why?" [x] (y`, "mm-hmm--what’s that…", "3.5,1,000:", "-",
		"é\xff'", "ȺȺ İstanbul ẞ", "goin' students' ''a'' x-x-y"} {
		f.Add(s, "If-if that's-that's w-what")
	}
	lex := defaultLexicons()
	f.Fuzz(func(t *testing.T, a, b string) {
		texts := []string{a, b, a + " " + b}
		turns := make([]Turn, len(texts))
		for i, text := range texts {
			turns[i] = Turn{Speaker: "s", Text: text}
		}
		c := lex.allFeatures(turns, Config{}.withDefaults())
		var sc turnScratch
		for i, text := range texts {
			tk := tokenize(text)
			got := c.turn(i, &sc)
			if !slices.Equal(tk.words, got.words) || !slices.Equal(tk.brks, got.brks) || !slices.Equal(tk.quoted, got.quoted) {
				t.Fatalf("%q: tokenizer %q %v %v, features %q %v %v", text, tk.words, tk.brks, tk.quoted,
					got.words, got.brks, got.quoted)
			}
		}
	})
}
