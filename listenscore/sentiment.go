package listenscore

import (
	_ "embed"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Sentiment: VADER (Hutto and Gilbert, ICWSM 2014) in Go. The lexicon is
// VADER's own, embedded as data (sentiment/vader_lexicon.txt, MIT); the
// rules that adjust a word's valence (negation, degree adverbs, "but",
// capitals, "!" and "?") are VADER's, with its constants, re-implemented
// here over the analysis's own words.

//go:embed sentiment/vader_lexicon.txt
var vaderLexiconFile string

// vaderLexicon maps a lower-case token to its mean valence on −4 … +4.
// A token listed twice keeps its last valence, as VADER's loader does.
var vaderLexicon = sync.OnceValue(func() map[string]float64 {
	m := make(map[string]float64, 7600)
	for line := range strings.Lines(vaderLexiconFile) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		word, val, ok := strings.Cut(strings.TrimRight(line, "\r\n"), "\t")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(val, 64)
		if err != nil {
			panic("listenscore: bad valence in the embedded VADER lexicon: " + line) // a build defect
		}
		m[word] = v
	}
	return m
})

// VADER's constants.
const (
	vaderBoost      = 0.293 // a degree adverb's increment ("very", "extremely")
	vaderCapsBoost  = 0.733 // a word in capitals among words that are not
	vaderNegScale   = -0.74 // a negated word's valence is multiplied by this
	vaderButBefore  = 0.5   // words before "but" are weighed this much …
	vaderButAfter   = 1.5   // … and words after it this much
	vaderExclaim    = 0.292 // per "!", at most four
	vaderQuestion   = 0.18  // per "?", from two to three; 0.96 for more
	vaderNormalizer = 15    // compound = sum / √(sum² + 15)
)

// vaderBoosters are VADER's degree adverbs: +1 intensifies a word's
// valence by vaderBoost, −1 dampens it.
var vaderBoosters = map[string]float64{
	"absolutely": 1, "amazingly": 1, "awfully": 1, "completely": 1, "considerable": 1, "considerably": 1,
	"decidedly": 1, "deeply": 1, "effing": 1, "enormous": 1, "enormously": 1, "entirely": 1,
	"especially": 1, "exceptional": 1, "exceptionally": 1, "extreme": 1, "extremely": 1,
	"fabulously": 1, "flipping": 1, "flippin": 1, "frackin": 1, "fracking": 1, "fricking": 1,
	"frickin": 1, "frigging": 1, "friggin": 1, "fully": 1, "fuckin": 1, "fucking": 1, "fuggin": 1,
	"fugging": 1, "greatly": 1, "hella": 1, "highly": 1, "hugely": 1, "incredible": 1,
	"incredibly": 1, "intensely": 1, "major": 1, "majorly": 1, "more": 1, "most": 1,
	"particularly": 1, "purely": 1, "quite": 1, "really": 1, "remarkably": 1, "so": 1,
	"substantially": 1, "thoroughly": 1, "total": 1, "totally": 1, "tremendous": 1,
	"tremendously": 1, "uber": 1, "unbelievably": 1, "unusually": 1, "utter": 1, "utterly": 1,
	"very":   1,
	"almost": -1, "barely": -1, "hardly": -1, "just enough": -1, "kind of": -1, "kinda": -1,
	"kindof": -1, "kind-of": -1, "less": -1, "little": -1, "marginal": -1, "marginally": -1,
	"occasional": -1, "occasionally": -1, "partly": -1, "scarce": -1, "scarcely": -1,
	"slight": -1, "slightly": -1, "somewhat": -1, "sort of": -1, "sorta": -1, "sortof": -1,
	"sort-of": -1,
}

// vaderNegations are VADER's negating words; a word containing "n't"
// negates too.
var vaderNegations = map[string]bool{
	"aint": true, "arent": true, "cannot": true, "cant": true, "couldnt": true, "darent": true,
	"didnt": true, "doesnt": true, "ain't": true, "aren't": true, "can't": true, "couldn't": true,
	"daren't": true, "didn't": true, "doesn't": true, "dont": true, "hadnt": true, "hasnt": true,
	"havent": true, "isnt": true, "mightnt": true, "mustnt": true, "neither": true, "don't": true,
	"hadn't": true, "hasn't": true, "haven't": true, "isn't": true, "mightn't": true,
	"mustn't": true, "neednt": true, "needn't": true, "never": true, "none": true, "nope": true,
	"nor": true, "not": true, "nothing": true, "nowhere": true, "oughtnt": true, "shant": true,
	"shouldnt": true, "uhuh": true, "wasnt": true, "werent": true, "oughtn't": true,
	"shan't": true, "shouldn't": true, "uh-uh": true, "wasn't": true, "weren't": true,
	"without": true, "wont": true, "wouldnt": true, "won't": true, "wouldn't": true,
	"rarely": true, "seldom": true, "despite": true,
}

// vaderIdioms are VADER's idioms and phrases that replace the valence of
// the lexicon word they contain.
var vaderIdioms = []struct {
	phrase  string
	valence float64
}{
	{"the shit", 3}, {"the bomb", 3}, {"bad ass", 1.5}, {"badass", 1.5}, {"bus stop", 0},
	{"yeah right", -2}, {"kiss of death", -1.5}, {"to die for", 3}, {"beating heart", 3.1},
	{"broken heart", -2.9},
}

func vaderNegated(w string) bool {
	return maybeVaderWord(w) && vaderNegations[w] || strings.IndexByte(w, '\'') >= 0 && strings.Contains(w, "n't")
}

// vaderWordShapes has, by first byte, bit n set when a degree adverb or a
// negation of that first byte has n bytes (n capped at 31): a filter
// that spares most words a map look-up.
var vaderWordShapes = func() (m [256]uint32) {
	for _, set := range []map[string]bool{vaderNegations, boosterWords()} {
		for w := range set {
			m[w[0]] |= 1 << min(len(w), 31)
		}
	}
	return m
}()

func boosterWords() map[string]bool {
	m := make(map[string]bool, len(vaderBoosters))
	for w := range vaderBoosters {
		m[w] = true
	}
	return m
}

// maybeVaderWord reports whether w may be a degree adverb or a negation.
func maybeVaderWord(w string) bool {
	return w != "" && vaderWordShapes[w[0]]&(1<<min(len(w), 31)) != 0
}

// A Sentiment is the sentiment of one turn: a score from −1 (most
// negative) to +1 (most positive), and where it comes from.
type Sentiment struct {
	Score float64
	// Valid is false for a turn without a score: not the customer's, or
	// without words.
	Valid bool
	// FromSource is set when the score is the transcript's own label
	// (Turn.SentimentLabel: AWS POSITIVE 1, NEGATIVE −1, NEUTRAL and
	// MIXED 0) rather than VADER's reading of the words.
	FromSource bool
	// Reason names the words that weighed most, with their valence
	// after VADER's rules, or the source's label.
	Reason string
}

// scoreSentiment returns VADER's compound score of words (the analysis's
// tokens of text) and the adjusted valence of each word in adjusted, with
// valence and known the lexicon's entries for the words. It is VADER's
// polarity_scores compound, with the "but" rule applied as VADER's paper
// states it (every word before the first "but" halved, every word after it
// × 1.5).
func scoreSentiment(words []string, valence []float64, known []bool, text string, adjusted []float64) float64 {
	n := len(words)
	caps := capsWords(text, words)
	for i := range adjusted[:n] {
		adjusted[i] = 0
	}
	for i, w := range words {
		if !known[i] {
			continue
		}
		if _, ok := vaderBoosters[w]; ok && maybeVaderWord(w) {
			continue
		}
		if w == "kind" && i+1 < n && words[i+1] == "of" {
			continue
		}
		v := valence[i]
		if w == "no" && i+1 < n && known[i+1] {
			v = 0 // "no" negates the next word instead
		}
		if i > 0 && words[i-1] == "no" || i > 1 && words[i-2] == "no" ||
			i > 2 && words[i-3] == "no" && (words[i-1] == "or" || words[i-1] == "nor") {
			v = valence[i] * vaderNegScale
		}
		if caps != nil && caps[i] {
			if v > 0 {
				v += vaderCapsBoost
			} else {
				v -= vaderCapsBoost
			}
		}
		for k := range 3 {
			if i <= k || known[i-k-1] {
				continue
			}
			s := boosterScalar(words[i-k-1], v, caps != nil && caps[i-k-1])
			switch k {
			case 1:
				s *= 0.95
			case 2:
				s *= 0.9
			}
			v += s
			v = negationCheck(v, words, k, i)
			if k == 2 {
				v = idiomCheck(v, words, i)
			}
		}
		v = leastCheck(v, words, known, i)
		adjusted[i] = v
	}
	for i, w := range words {
		if w != "but" {
			continue
		}
		for j := range adjusted[:n] {
			switch {
			case j < i:
				adjusted[j] *= vaderButBefore
			case j > i:
				adjusted[j] *= vaderButAfter
			}
		}
		break
	}
	sum := 0.0
	for _, v := range adjusted[:n] {
		sum += v
	}
	if sum == 0 {
		return 0
	}
	amp := vaderExclaim * float64(min(strings.Count(text, "!"), 4))
	switch q := strings.Count(text, "?"); {
	case q > 3:
		amp += 0.96
	case q > 1:
		amp += vaderQuestion * float64(q)
	}
	if sum > 0 {
		sum += amp
	} else {
		sum -= amp
	}
	return max(-1, min(1, sum/math.Sqrt(sum*sum+vaderNormalizer)))
}

// boosterScalar is VADER's scalar_inc_dec: what degree adverb w adds to a
// valence v, in capitals (among words that are not) adding more.
func boosterScalar(w string, v float64, inCaps bool) float64 {
	if !maybeVaderWord(w) {
		return 0
	}
	b, ok := vaderBoosters[w]
	if !ok {
		return 0
	}
	s := b * vaderBoost
	if v < 0 {
		s = -s
	}
	if inCaps {
		if v > 0 {
			s += vaderCapsBoost
		} else {
			s -= vaderCapsBoost
		}
	}
	return s
}

// negationCheck is VADER's _negation_check: the word k+1 before word i
// negates it, unless "never so/this" intensifies or "without doubt" does
// nothing.
func negationCheck(v float64, w []string, k, i int) float64 {
	switch k {
	case 0:
		if vaderNegated(w[i-1]) {
			v *= vaderNegScale
		}
	case 1:
		switch {
		case w[i-2] == "never" && (w[i-1] == "so" || w[i-1] == "this"):
			v *= 1.25
		case w[i-2] == "without" && w[i-1] == "doubt":
		case vaderNegated(w[i-2]):
			v *= vaderNegScale
		}
	case 2:
		switch {
		case w[i-3] == "never" && (w[i-2] == "so" || w[i-2] == "this") || w[i-1] == "so" || w[i-1] == "this":
			v *= 1.25
		case w[i-3] == "without" && (w[i-2] == "doubt" || w[i-1] == "doubt"):
		case vaderNegated(w[i-3]):
			v *= vaderNegScale
		}
	}
	return v
}

// idiomCheck is VADER's _special_idioms_check around word i, which has at
// least three words before it: an idiom of vaderIdioms among the words
// i−3 … i+2 that holds word i or ends just before it replaces the
// valence; a "kind of", "sort of" or "just enough" before it adds.
func idiomCheck(v float64, w []string, i int) float64 {
	at := func(from, to int) (float64, bool) { // the idiom w[from:to], if any
		if to > len(w) || from < 0 || !idiomFirst(w[from]) {
			return 0, false
		}
		for _, id := range vaderIdioms {
			if idiomIs(id.phrase, w[from:to]) {
				return id.valence, true
			}
		}
		return 0, false
	}
	if !idiomWord(w, i-3, min(len(w), i+3)) {
		return v
	}
	for _, r := range [][2]int{{i - 1, i + 1}, {i - 2, i + 1}, {i - 2, i}, {i - 3, i}, {i - 3, i - 1}} {
		if iv, ok := at(r[0], r[1]); ok {
			v = iv
			break
		}
	}
	if iv, ok := at(i, i+2); ok {
		v = iv
	}
	if iv, ok := at(i, i+3); ok {
		v = iv
	}
	for _, r := range [][2]int{{i - 3, i}, {i - 3, i - 1}, {i - 2, i}} {
		for _, b := range []string{"kind of", "sort of", "just enough"} {
			if idiomIs(b, w[r[0]:r[1]]) {
				v += vaderBoosters[b] * vaderBoost
			}
		}
	}
	return v
}

// idiomFirst reports whether w is the first word of one of vaderIdioms.
func idiomFirst(w string) bool {
	switch w {
	case "the", "bad", "badass", "bus", "yeah", "kiss", "to", "beating", "broken":
		return true
	}
	return false
}

// idiomIs reports whether the words ws, joined by spaces, are phrase.
func idiomIs(phrase string, ws []string) bool {
	for k, x := range ws {
		if k > 0 {
			if phrase == "" || phrase[0] != ' ' {
				return false
			}
			phrase = phrase[1:]
		}
		var ok bool
		if phrase, ok = strings.CutPrefix(phrase, x); !ok {
			return false
		}
	}
	return phrase == ""
}

// idiomWord reports whether one of w[from:to] is a word that every idiom
// or two-word degree adverb holds one of ("the shit" "shit", "kind of"
// "kind"): most words are none, and need no more checking.
func idiomWord(w []string, from, to int) bool {
	for _, x := range w[max(0, from):to] {
		if x == "" {
			continue
		}
		switch x[0] {
		case 's', 'b', 'a', 'y', 'r', 'k', 'd', 'h', 'e':
		default:
			continue // no idiom word starts so
		}
		switch x {
		case "shit", "bomb", "bad", "ass", "badass", "bus", "stop", "yeah", "right", "kiss",
			"death", "die", "beating", "heart", "broken", "kind", "sort", "enough":
			return true
		}
	}
	return false
}

// leastCheck is VADER's _least_check: "least" before a word negates it,
// but for "at least" and "very least".
func leastCheck(v float64, w []string, known []bool, i int) float64 {
	if i == 0 || w[i-1] != "least" || known[i-1] {
		return v
	}
	if i > 1 && (w[i-2] == "at" || w[i-2] == "very") {
		return v
	}
	return v * vaderNegScale
}

// capsWords returns which of words VADER reads as written in capitals: a
// whitespace-separated token of text, stripped of punctuation, with
// letters and none in lower case ("NEVER", "I"), and only when some but not
// all of text's tokens are (VADER's allcap_differential). It returns nil
// otherwise, which is the usual case: text without two capitals in a row
// is not scanned further.
func capsWords(text string, words []string) []bool {
	if !hasCapsRun(text) {
		return nil
	}
	var upper []string
	tokens := 0
	for f := range strings.FieldsSeq(text) {
		tokens++
		f = strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if isAllCaps(f) {
			upper = append(upper, strings.ToLower(f))
		}
	}
	if len(upper) == 0 || len(upper) == tokens {
		return nil
	}
	caps := make([]bool, len(words))
	for i, w := range words {
		for _, u := range upper {
			if u == w {
				caps[i] = true
				break
			}
		}
	}
	return caps
}

// hasCapsRun reports whether text has two capital letters in a row.
func hasCapsRun(text string) bool {
	prev := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < utf8.RuneSelf {
			up := c-'A' < 26
			if up && prev {
				return true
			}
			prev = up
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		up := unicode.IsUpper(r)
		if up && prev {
			return true
		}
		prev = up
		i += size - 1
	}
	return false
}

// isAllCaps reports whether s has a letter and no lower-case letter.
func isAllCaps(s string) bool {
	letter := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letter = letter || unicode.IsLetter(r)
	}
	return letter
}

// Two adjustments for speech, where VADER was made for written text
// (measured on VADER's own evaluation sets like the rest: see the
// README):
//   - "like" is scored only as a verb, after a subject or an auxiliary
//     ("I like it", "would like"); "it's like three weeks" and "like I
//     said" are not liking;
//   - an answer or discourse marker ("yes", "no", "yeah", "okay",
//     "well", "right", "sure", …) that opens a sentence or clause and is
//     followed by a pause (a comma, the sentence's end) is not
//     sentiment: "Yes, it's 5512" and "No, that's all" are answers.
var likeAsVerbAfter = map[string]bool{
	"i": true, "you": true, "we": true, "they": true, "he": true, "she": true, "people": true,
	"would": true, "i'd": true, "we'd": true, "you'd": true, "they'd": true, "to": true,
	"do": true, "does": true, "did": true, "don't": true, "doesn't": true, "didn't": true,
	"not": true, "really": true, "just": true, "also": true, "still": true, "definitely": true,
}

var answerMarkers = map[string]bool{
	"well": true, "yeah": true, "yes": true, "yep": true, "okay": true, "ok": true,
	"alright": true, "right": true, "sure": true, "no": true, "nope": true,
}

// vaderPunct is the punctuation VADER strips from the ends of a token.
const vaderPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// emoticons appends to dst the tokens of text that VADER reads as
// emoticons (":)", ":-(", "<3", ";D") and its lexicon lists: a
// whitespace-separated token that is two characters or fewer once its
// punctuation is stripped. The analysis's words leave them out.
func emoticons(dst []string, text string, lex map[string]float64) []string {
	if !strings.ContainsAny(text, ":;=<") {
		return dst
	}
	for f := range strings.FieldsSeq(text) {
		s := strings.Trim(f, vaderPunct)
		if s == f || utf8.RuneCountInString(s) > 2 {
			continue
		}
		f = strings.ToLower(f)
		if _, ok := lex[f]; ok {
			dst = append(dst, f)
		}
	}
	return dst
}

// sentimentScorer scores the turns of one call. It looks each distinct
// word up in the lexicon once, and reuses its slices from turn to turn.
type sentimentScorer struct {
	lex   map[string]float64
	cw    *callWords
	state []uint8   // by word number: 0 not looked up, 1 in the lexicon, 2 not
	val   []float64 // by word number, when in the lexicon
	// One turn's words (the caller's, or own with emoticons added) and
	// their lexicon entries.
	words, own        []string
	valence, adjusted []float64
	known             []bool
}

func newSentimentScorer(cw *callWords) *sentimentScorer {
	return &sentimentScorer{lex: vaderLexicon(), cw: cw, state: make([]uint8, len(cw.words)),
		val: make([]float64, len(cw.words))}
}

// lookup returns the lexicon valence of word number id.
func (s *sentimentScorer) lookup(id int32) (float64, bool) {
	switch s.state[id] {
	case 1:
		return s.val[id], true
	case 2:
		return 0, false
	}
	v, ok := s.lex[s.cw.words[id]]
	s.state[id], s.val[id] = 2, v
	if ok {
		s.state[id] = 1
	}
	return v, ok
}

// score returns the compound score of a text whose words are f's (ids
// and brks parallel to words), the text itself for capitals, "!", "?"
// and emoticons; the words' adjusted valences are left in s.adjusted,
// parallel to s.words.
func (s *sentimentScorer) score(words []string, ids []int32, brks []brk, text string) float64 {
	s.words = words
	if strings.ContainsAny(text, ":;=<") {
		s.words = emoticons(append(s.own[:0], words...), text, s.lex)
		s.own = s.words
	}
	n := len(s.words)
	if cap(s.valence) < n {
		s.valence, s.adjusted, s.known = make([]float64, n, 2*n), make([]float64, n, 2*n), make([]bool, n, 2*n)
	}
	s.valence, s.adjusted, s.known = s.valence[:n], s.adjusted[:n], s.known[:n]
	any := false
	for i, w := range s.words {
		var v float64
		var ok bool
		if i < len(ids) {
			v, ok = s.lookup(max(ids[i], ^ids[i]))
		} else {
			v, ok = s.lex[w]
		}
		switch {
		case !ok:
		case w == "like" && (i == 0 || !likeAsVerbAfter[words[i-1]]):
			ok = false
		case answerMarkers[w] && i < len(brks) && (i == 0 || brks[i-1] >= brkComma) && brks[i] >= brkComma:
			ok = false
		}
		if !ok {
			v = 0
		}
		s.valence[i], s.known[i] = v, ok
		any = any || ok
	}
	if !any {
		clear(s.adjusted)
		return 0
	}
	return scoreSentiment(s.words, s.valence, s.known, text, s.adjusted)
}

// appendReason appends the reason for a compound score c: the score and
// the (at most three) words that weighed most, with their adjusted
// valence, in order of weight.
func (s *sentimentScorer) appendReason(b []byte, c float64) []byte {
	b = append(b, "sentiment "...)
	b = appendSigned(b, c, 2)
	var top [3]int
	k := 0
	for i, v := range s.adjusted {
		if v == 0 {
			continue
		}
		j := k
		if k < len(top) {
			k++
		} else if math.Abs(v) <= math.Abs(s.adjusted[top[len(top)-1]]) {
			continue
		} else {
			j = len(top) - 1
		}
		for ; j > 0 && math.Abs(v) > math.Abs(s.adjusted[top[j-1]]); j-- {
			top[j] = top[j-1]
		}
		top[j] = i
	}
	if k == 0 {
		return append(b, ": no word of VADER's lexicon"...)
	}
	for j, i := range top[:k] {
		if j == 0 {
			b = append(b, ": "...)
		} else {
			b = append(b, ", "...)
		}
		b = append(append(append(b, '"'), s.words[i]...), `" (`...)
		b = appendSigned(b, s.adjusted[i], 1)
		b = append(b, ')')
	}
	return b
}

// appendSigned appends v with prec (1 or 2) decimals and a sign: "+0.42",
// "−1.3" (with a minus sign), "0".
func appendSigned(b []byte, v float64, prec int) []byte {
	scale := 10.0
	if prec == 2 {
		scale = 100
	}
	n := int64(math.Round(math.Abs(v) * scale))
	switch {
	case n == 0:
		return append(b, '0')
	case v > 0:
		b = append(b, '+')
	default:
		b = append(b, "−"...)
	}
	b = strconv.AppendInt(b, n/int64(scale), 10)
	b = append(b, '.')
	frac := n % int64(scale)
	if prec == 2 && frac < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, frac, 10)
}

// sourceSentiment returns the score of a source's sentiment label: AWS
// POSITIVE 1, NEGATIVE −1, NEUTRAL and MIXED 0; ok is false for another
// label or none.
func sourceSentiment(label string) (score float64, ok bool) {
	switch strings.ToUpper(label) {
	case "POSITIVE":
		return 1, true
	case "NEGATIVE":
		return -1, true
	case "NEUTRAL", "MIXED":
		return 0, true
	}
	return 0, false
}

// scoreAgain gives customer turn i the sentiment of an earlier turn with
// the same text ("Yeah.", "Okay, thanks."), and reports whether there was
// one.
func (c *callStats) scoreAgain(i int) bool {
	if c.sentiment == nil {
		c.sentiment = make([]Sentiment, len(c.t.Turns))
	}
	tu := &c.t.Turns[i]
	if _, ok := sourceSentiment(tu.SentimentLabel); ok {
		return false
	}
	j, ok := c.scored[tu.Text]
	if ok {
		c.sentiment[i] = c.sentiment[j]
	}
	return ok
}

// scoreTurn scores customer turn i, whose features are f (nil when no
// word is in VADER's lexicon and the text holds no emoticon), into
// c.sentiment: the source's label when it has one (sourceSentiment),
// VADER's reading otherwise.
func (c *callStats) scoreTurn(i int, f *turnFeatures) {
	if c.sentiment == nil {
		c.sentiment = make([]Sentiment, len(c.t.Turns))
	}
	tu := &c.t.Turns[i]
	if v, ok := sourceSentiment(tu.SentimentLabel); ok {
		c.sentiment[i] = Sentiment{Score: v, Valid: true, FromSource: true,
			Reason: c.strs.str(append([]byte("the source's sentiment "), strings.ToUpper(tu.SentimentLabel)...))}
		return
	}
	if f == nil || f.wordCount == 0 {
		c.sentiment[i] = Sentiment{Valid: true, Reason: "sentiment 0: no word of VADER's lexicon"}
		return
	}
	if c.scorer == nil {
		c.scorer = newSentimentScorer(c.fc.cw)
	}
	if c.scored == nil {
		c.scored = make(map[string]int)
	}
	v := c.scorer.score(f.words, f.ids, f.brks, tu.Text)
	var buf [160]byte
	c.sentiment[i] = Sentiment{Score: v, Valid: true, Reason: c.strs.str(c.scorer.appendReason(buf[:0], v))}
	c.scored[tu.Text] = i
}

// sentimentTurns returns the customer turns with a sentiment, in order.
func (c *callStats) sentimentTurns() []int {
	if c.moodTurns == nil {
		c.moodTurns = make([]int, 0, len(c.sentiment)/2+1)
		for i, s := range c.sentiment {
			if s.Valid {
				c.moodTurns = append(c.moodTurns, i)
			}
		}
	}
	return c.moodTurns
}

// sentimentThird returns customer_sentiment_start (end false) or
// customer_sentiment_end: the mean sentiment of the first or the last
// third of the customer's turns with words (⌈n/3⌉ of n turns), each
// weighted by its words. Each is computed once.
func (c *callStats) sentimentThird(end bool) Metric {
	k := 0
	if end {
		k = 1
	}
	if c.thirds[k] == nil {
		c.thirds[k] = new(Metric)
		*c.thirds[k] = c.computeThird(end)
	}
	return *c.thirds[k]
}

func (c *callStats) computeThird(end bool) Metric {
	turns := c.sentimentTurns()
	if len(turns) == 0 {
		return notComputable(silent(RoleCustomer))
	}
	k := (len(turns) + 2) / 3
	part := turns[:k]
	if end {
		part = turns[len(turns)-k:]
	}
	var sum, words float64
	ev := make([]Evidence, len(part))
	for j, i := range part {
		w := float64(c.feats[i].wordCount)
		sum += w * c.sentiment[i].Score
		words += w
		ev[j] = Evidence{Turn: i, Reason: c.sentiment[i].Reason}
	}
	return validMetric(sum/words, ev)
}

// sentimentShift is customer_sentiment_shift. Its evidence is the first
// turn of the first third and the last of the last, each with its third's
// mean and span (the thirds' turns are the evidence of
// customer_sentiment_start and _end).
func (c *callStats) sentimentShift() Metric {
	turns := c.sentimentTurns()
	n := len(turns)
	if n < 2 {
		return notComputable("needs at least two customer turns with words")
	}
	k := (n + 2) / 3
	start, end := c.sentimentThird(false), c.sentimentThird(true)
	third := func(name string, v float64, from, to, turn int) Evidence {
		var buf [96]byte
		b := appendSigned(append(append(buf[:0], name...), " "...), v, 2)
		b = strconv.AppendInt(append(b, ", the mean of turns "...), int64(c.turnNo(from)), 10)
		b = strconv.AppendInt(append(b, " to "...), int64(c.turnNo(to)), 10)
		return Evidence{Turn: turn, Reason: c.strs.str(b)}
	}
	ev := []Evidence{third("start", start.Value, turns[0], turns[k-1], turns[0]),
		third("end", end.Value, turns[n-k], turns[n-1], turns[n-1])}
	return validMetric(end.Value-start.Value, ev)
}
